"""Documents described (place, level, year, title, kind) and mentions resolved to entities across documents."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.ids import entity_id
from kg.model import Document, Extraction, Link, Span
from pipelines.documents import describe, place_id, resolve_place, split_front_matter
from pipelines.identity import canonical_name, resolve_identity
from pipelines.ingest import read_documents
from tests.fixtures import sentences_of, span_at


@pytest.mark.parametrize(("doc_id", "title", "opening", "expected"), [
    ("city-宜昌-2024", "宜昌市2024年政府工作报告", "各位代表：", ("宜昌市", ("宜昌市", "湖北省"), "city", 2024)),
    ("city-北京-2024", "北京市2024年政府工作报告", "各位代表：", ("北京市", ("北京市",), "city", 2024)),
    ("city-凉山-2024", "凉山市2024年政府工作报告", "各位代表：", ("凉山彝族自治州", ("凉山彝族自治州", "四川省"), "city", 2024)),
    ("city-潜江-2024", "潜江市2024年政府工作报告", "各位代表：", ("潜江市", ("潜江市", "湖北省"), "city", 2024)),
    ("prov-hubei-2025", "2025年湖北省政府工作报告", "…", ("湖北省", ("湖北省",), "provincial", 2025)),
    ("cn-gwr-1954", "1954年中华人民共和国国务院政府工作报告", "各位代表：", ("中国", ("中国",), "national", 1954)),
    # a .txt file: no title, no level; the opening lines say it
    ("report", "", "政府工作报告\n\n——2024年1月13日在马鞍山市第十七届人民代表大会第四次会议上\n",
     ("马鞍山市", ("马鞍山市", "安徽省"), "city", 2024)),
    ("hengyang-2021-goals", "", "\n\n衡阳目标篇①\n\n政府工作报告 解读\n", ("衡阳市", ("衡阳市", "湖南省"), "city", 2021)),
    ("notes", "", "各位代表：现在我代表国务院作报告。", ("中国", ("中国",), "national", None)),
    ("notes", "", "这是一份没有地名的笔记。", ("", (), "", None)),
])
def test_documents_are_described_from_doc_id_title_and_opening(doc_id, title, opening, expected) -> None:
    document = describe(Document(doc_id, opening, title=title))
    assert (document.place, document.places, document.level, document.year) == expected
    assert len(document.place_ids) == len(document.places)
    assert (document.place_id == document.place_ids[0]) if document.places else document.place_id == ""


def test_kinds_and_titles() -> None:
    assert describe(Document("d", "衡阳目标篇①\n政府工作报告 解读\n")).kind == "interpretation"
    document = describe(Document("d", "宜昌市2024年政府工作报告\n\n各位代表："))
    assert (document.title, document.kind, document.place) == ("宜昌市2024年政府工作报告", "report", "宜昌市")


def test_explicit_values_win_and_are_checked() -> None:
    document = describe(Document("city-宜昌-2024", "…", title="宜昌市2024年政府工作报告"),
                        {"place": "伍家岗", "level": "county", "year": 2025})
    assert (document.place, document.places, document.level, document.year) == (
        "伍家岗区", ("伍家岗区", "宜昌市", "湖北省"), "county", 2025)
    assert describe(Document("x", "…"), {"place": "中国"}).level == "national"
    for bad in ({"place": "不存在的地方"}, {"level": "town"}, {"kind": "speech"}):
        with pytest.raises(InputError):
            describe(Document("x", "…"), bad)


def test_place_ids_are_the_ids_of_place_entities() -> None:
    assert place_id(resolve_place("宜昌")) == entity_id("PLACE", "宜昌市")
    assert place_id(resolve_place("湖北")) == entity_id("PLACE", "湖北省")
    assert place_id(resolve_place("伍家岗区")) == entity_id("PLACE", "伍家岗区", "湖北省/宜昌市")
    assert place_id(None) == entity_id("PLACE", "中国")


def test_front_matter_is_read_and_blanked_in_place() -> None:
    text = "---\nplace: 宜昌\nyear: 2024\nlevel: city\n---\n关键词 产业强市"
    meta, blanked = split_front_matter(text)
    assert meta == {"place": "宜昌", "year": 2024, "level": "city"}
    assert len(blanked) == len(text) and blanked.endswith("关键词 产业强市") and not blanked[:20].strip()
    assert blanked.count("\n") == text.count("\n")
    assert split_front_matter("关键词 产业强市") == ({}, "关键词 产业强市")
    for bad in ("---\nmayor: 某某\n---\n正文", "---\nyear: 今年\n---\n正文"):
        with pytest.raises(InputError):
            split_front_matter(bad)


def test_text_files_take_front_matter_and_options(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("---\nplace: 宜昌\nyear: 2024\n---\n关键词 产业强市", encoding="utf-8")
    (tmp_path / "b.txt").write_text("关键词 民生幸福", encoding="utf-8")
    a, b = read_documents([tmp_path])
    assert (a.place, a.year, a.level, b.place, b.year) == ("宜昌市", 2024, "city", "", None)
    a, b = read_documents([tmp_path], text_meta={"place": "衡阳", "year": 2021, "level": None})
    assert (a.place, a.year, b.place, b.year) == ("衡阳市", 2021, "衡阳市", 2021)
    (tmp_path / "c.txt").write_text("---\nplace: 火星\n---\n正文", encoding="utf-8")
    with pytest.raises(InputError, match="c.txt"):
        list(read_documents([tmp_path / "c.txt"]))


def test_jsonl_fields_place_level_kind(tmp_path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text('{"doc_id": "x", "text": "正文", "place": "宜昌", "level": "city", "kind": "interpretation"}\n'
                    '{"doc_id": "y", "text": "正文", "place": 3}\n', encoding="utf-8")
    documents = read_documents([path])
    x = next(documents)
    assert (x.place, x.level, x.kind) == ("宜昌市", "city", "interpretation")
    with pytest.raises(InputError, match="line 2"):
        next(documents)


def test_aliases_and_abbreviation_rules() -> None:
    assert canonical_name("ORG", "进博会") == "中国国际进口博览会"
    assert canonical_name("PLACE", "雄安") == "雄安新区"
    assert canonical_name("PROGRAMME", "“西部大开发”战略") == "西部大开发"
    assert canonical_name("PROGRAMME", "发展战略") == ""  # too short to be an abbreviation
    assert canonical_name("PROJECT", "会展中心") == ""


def _extraction(doc_id: str, title: str, text: str, spans: list[tuple[str, str]], links=()) -> Extraction:
    built = [span_at(text, f"m{i}", surface, label) for i, (surface, label) in enumerate(spans, start=1)]
    by_text = {s.text: s.id for s in built}
    return Extraction(describe(Document(doc_id, text, title=title)), built,
                      [Link(by_text[h], by_text[t], kind) for h, t, kind in links], sentences_of(text))


def test_local_things_are_scoped_to_their_place_national_things_are_not() -> None:
    text = "加快会展中心建设。推进宜昌三峡机场建设。发展新能源汽车产业。伍家岗片区开发。"
    spans = [("会展中心", "PROJECT"), ("宜昌三峡机场", "PROJECT"), ("宜昌", "PLACE"), ("新能源汽车", "INDUSTRY"),
             ("伍家岗", "PLACE")]
    links = [("宜昌三峡机场", "宜昌", "LOCATED_IN")]
    yichang = resolve_identity(_extraction("city-宜昌-2024", "宜昌市2024年政府工作报告", text, spans, links))
    entities = {(e.label, e.name): e.id for e in yichang.graph()[0]}
    scope = yichang.document.place_id
    assert entities["PROJECT", "会展中心"] == entity_id("PROJECT", "会展中心", scope)
    assert entities["PROJECT", "宜昌三峡机场"] == entity_id("PROJECT", "宜昌三峡机场")
    assert entities["INDUSTRY", "新能源汽车"] == entity_id("INDUSTRY", "新能源汽车")
    assert entities["PLACE", "宜昌市"] == scope  # 宜昌 read through the gazetteer: the document's place
    assert entities["PLACE", "伍家岗区"] == entity_id("PLACE", "伍家岗区", "湖北省/宜昌市")
    national = resolve_identity(_extraction("cn-gwr-2001", "2001年中华人民共和国国务院政府工作报告", "建设会展中心。",
                                            [("会展中心", "PROJECT")]))
    assert national.graph()[0][0].id == entity_id("PROJECT", "会展中心")
    # what the extractor found is untouched: the mention-level output is the same
    plain = _extraction("city-宜昌-2024", "宜昌市2024年政府工作报告", text, spans, links)
    assert yichang.to_gold_dict() == plain.to_gold_dict()


def test_mentions_keep_their_span_attributes() -> None:
    text = "会展中心开工建设。"
    extraction = Extraction(Document("d", text), [Span("m1", 0, 4, "PROJECT", "会展中心", {"stage": "开工"})], [],
                            sentences_of(text))
    [entity], _ = extraction.graph()
    assert entity.mentions[0].attrs == {"stage": "开工"}


def test_national_projects_and_projects_named_after_a_region_are_global() -> None:
    text = "推进西部陆海新通道建设。建设长三角生态绿色一体化发展示范区。建设会展中心。"
    spans = [("西部陆海新通道", "PROJECT"), ("长三角生态绿色一体化发展示范区", "PROJECT"), ("会展中心", "PROJECT")]
    for doc_id, title in (("city-宜昌-2024", "宜昌市2024年政府工作报告"), ("city-常州-2024", "常州市2024年政府工作报告")):
        extraction = resolve_identity(_extraction(doc_id, title, text, spans))
        ids = {e.name: e.id for e in extraction.graph()[0]}
        assert ids["西部陆海新通道"] == entity_id("PROJECT", "西部陆海新通道")
        assert ids["长三角生态绿色一体化发展示范区"] == entity_id("PROJECT", "长三角生态绿色一体化发展示范区")
        assert ids["会展中心"] == entity_id("PROJECT", "会展中心", extraction.document.place_id)
