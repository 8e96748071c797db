"""Reading documents (encodings, folders, JSONL, bad input) and cleaning them with an exact offset map."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import pytest
from opencc import OpenCC

from kg.errors import InputError
from kg.model import Document
from pipelines.ingest import (
    PreparedText,
    document_from_text,
    prepare,
    read_documents,
    split_sentences,
)
from pipelines.layout import INDENT_WIDTH, _fold_width

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "hengyang-2021-goals.txt"
NATIONAL = ROOT.parent / "shared" / "corpus" / "cn-gwr-1954-2019.jsonl"
needs_national = pytest.mark.skipif(not NATIONAL.exists(), reason=f"national corpus not present at {NATIONAL}")

TEXT = "衡阳市大力实施“3215”重点项目推进计划，着力打造现代产业强市。"
# A body line of the seed document (31 characters, with a comma) and its continuation.
BODY = "统筹推进大衡阳都市圈、“西南云大”城镇群发展,引导城区基础设"
LONG = "深入推进供给侧结构性改革。加快电力、天然气输配价格改革,扩大电力直接交易范围,推动企"
_T2S = OpenCC("t2s")
# The same-length width folding of prepare(): full-width digits, letters, ％ and ＋ to ASCII; ASCII punctuation,
# brackets and straight quotes beside Chinese text to their Chinese forms.
WIDTH_TWINS = {**{chr(code): chr(code - 0xFEE0) for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                                             *range(0xFF41, 0xFF5B))}, "％": "%", "＋": "+", "．": "."}
CHINESE_FORMS = {(",", "，"), (";", "；"), (":", "："), ("!", "！"), ("?", "？"), ("(", "（"), (")", "）"),
                 ('"', "“"), ('"', "”"), ("，", ",")}


def read(*paths, **kwargs) -> list[Document]:
    return list(read_documents(paths, **kwargs))


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def error(*paths, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        read(*paths, **kwargs)
    return str(info.value)


def assert_exact(prepared: PreparedText, blanked: set[int] = frozenset()) -> None:
    """Every cleaned character maps to the original character it came from.

    Allowed differences: whitespace normalisation, the positions in ``blanked`` (noise lines) and
    t2s conversion. Characters the map skips are whitespace or a layout duplicate.
    """
    original, clean = prepared.document.text, prepared.text
    seen, last = set(), -1
    for i, char in enumerate(clean):
        k = prepared.original(i)
        assert k > last, f"map is not increasing at {i}"
        last = k
        seen.add(k)
        source = original[k]
        if char == source or k in blanked or WIDTH_TWINS.get(source, source) == char or (source, char) in CHINESE_FORMS:
            continue
        if char in " \n":
            assert source in "\u3000\u200b\u200d\ufeff\u00a0\u2002\u2003\u2009\u202f\r \t\n", (i, k, source)
            continue
        assert prepared.simplified, (i, k, source, char)
        window = original[max(0, k - 4):k + 5]
        assert char in (_T2S.convert(source), _T2S.convert(window)[k - max(0, k - 4)]), (i, k, source, char)
    for k in set(range(len(original))) - seen:
        # Only line breaks, odd spaces, a layout duplicate, a note's mark and blanked noise (a page number between
        # the two halves of a paragraph) may be dropped from the original.
        assert original[k].isspace() or original[k] in "\u200b\u200d\ufeff" or _duplicate_before(original, k) \
            or k in blanked \
            or CIRCLED_NUMBER.fullmatch(original[k]) or NOTE_NUMBER.search(original, max(0, k - 4), k + 5), \
            (k, original[max(0, k - 5):k + 5])


def _duplicate_before(original: str, k: int) -> bool:
    j = k - 1
    while j >= 0 and original[j].isspace():
        j -= 1
    return j >= 0 and original[j] == original[k]


def blanked_positions(text: str, *lines: str) -> set[int]:
    positions: set[int] = set()
    for line in lines:
        start = text.index(line)
        positions |= {start + i for i, ch in enumerate(line) if not ch.isspace()}
    return positions


def folded(text: str) -> str:
    """``text`` with prepare()'s width folding only (tested on its own below)."""
    return _fold_width(text)


def clean(text: str, **kwargs) -> str:
    return prepare(Document("t", text), **kwargs).text


# --- reading: encodings -------------------------------------------------------------------------


def test_utf8_file(tmp_path):
    path = write(tmp_path / "plan-2021.txt", TEXT + "\n")
    [doc] = read(path)
    assert doc.doc_id == "plan-2021"
    assert doc.text == TEXT + "\n"
    assert doc.source == str(path)


def test_utf8_with_bom_is_stripped(tmp_path):
    [doc] = read(write(tmp_path / "bom.txt", codecs.BOM_UTF8 + TEXT.encode()))
    assert doc.text == TEXT


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "gb2312"])
def test_gb_encodings(tmp_path, encoding):
    text = "衡阳市大力实施重点项目推进计划，着力打造现代产业强市。"
    [doc] = read(write(tmp_path / f"{encoding}.txt", text.encode(encoding)))
    assert doc.text == text


def test_gb18030_only_characters(tmp_path):
    text = "生僻字𠀀与㐀也要读对，打造产业强市。"
    [doc] = read(write(tmp_path / "rare.txt", text.encode("gb18030")))
    assert doc.text == text


@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                        ("utf-32-le", codecs.BOM_UTF32_LE)])
def test_utf16_and_utf32_with_bom(tmp_path, codec, bom):
    [doc] = read(write(tmp_path / "wide.txt", bom + TEXT.encode(codec)))
    assert doc.text == TEXT


def test_big5_is_not_mistaken_for_gb18030(tmp_path):
    text = "我們第一屆全國人民代表大會第一次會議，在聽了劉少奇同志關於憲法草案的報告以後"
    [doc] = read(write(tmp_path / "big5.txt", text.encode("big5")))
    assert doc.text == text


def test_markdown_and_crlf_kept_verbatim(tmp_path):
    [doc] = read(write(tmp_path / "notes.md", b"# \xe6\xa0\x87\xe9\xa2\x98\r\n\r\n" + TEXT.encode()))
    assert doc.doc_id == "notes"
    assert doc.text == "# 标题\r\n\r\n" + TEXT  # the original text, offsets refer to it


# --- reading: folders and JSONL -----------------------------------------------------------------


def test_folder_is_read_recursively_sorted_skipping_hidden_and_other_files(tmp_path):
    write(tmp_path / "b.txt", "乙" + TEXT)
    write(tmp_path / "a.md", "甲" + TEXT)
    write(tmp_path / "sub" / "c.txt", "丙" + TEXT)
    write(tmp_path / "sub" / "d.jsonl", json.dumps({"text": "丁" + TEXT}) + "\n")
    write(tmp_path / ".hidden.txt", "hidden")
    write(tmp_path / ".git" / "e.txt", "hidden too")
    write(tmp_path / "data.csv", "a,b\n")
    write(tmp_path / "image.png", b"\x89PNG\x00\x00")
    docs = read(tmp_path)
    assert [d.doc_id for d in docs] == ["a", "b", "c", "d-1"]
    assert docs[2].source == str(tmp_path / "sub" / "c.txt")


def test_a_single_path_string_is_accepted(tmp_path):
    path = write(tmp_path / "one.txt", TEXT)
    assert [d.doc_id for d in read_documents(str(path))] == ["one"]


def test_jsonl_with_and_without_doc_id(tmp_path):
    lines = [
        json.dumps({"doc_id": "gwr-2021", "text": TEXT, "title": "政府工作报告", "year": 2021, "source": "http://x"},
                   ensure_ascii=False),
        "",
        json.dumps({"text": "第二篇" + TEXT}, ensure_ascii=False),
        json.dumps({"text": "第三篇\u2028" + TEXT, "year": None}, ensure_ascii=False),
    ]
    docs = read(write(tmp_path / "reports.jsonl", "\n".join(lines) + "\n"))
    assert [d.doc_id for d in docs] == ["gwr-2021", "reports-3", "reports-4"]
    assert (docs[0].title, docs[0].year, docs[0].source) == ("政府工作报告", 2021, "http://x")
    assert (docs[1].title, docs[1].year, docs[1].source) == ("", None, str(tmp_path / "reports.jsonl"))
    assert docs[2].text.startswith("第三篇\u2028")


def test_duplicate_doc_ids_across_inputs_name_both_sources(tmp_path):
    first = write(tmp_path / "x" / "plan.txt", TEXT)
    second = write(tmp_path / "y" / "plan.txt", TEXT)
    message = error(first, second)
    assert "plan" in message and str(first) in message and str(second) in message


def test_duplicate_doc_id_between_file_and_jsonl_line(tmp_path):
    first = write(tmp_path / "plan.txt", TEXT)
    jsonl = write(tmp_path / "more.jsonl", json.dumps({"doc_id": "plan", "text": TEXT}) + "\n")
    message = error(first, jsonl)
    assert str(first) in message and f"{jsonl}, line 1" in message


def test_duplicate_doc_id_inside_one_jsonl(tmp_path):
    line = json.dumps({"doc_id": "same", "text": TEXT})
    message = error(write(tmp_path / "dup.jsonl", f"{line}\n{line}\n"))
    assert "line 1" in message and "line 2" in message


def test_document_from_text():
    doc = document_from_text(TEXT, "api-1", title="标题", year=2021, source="api")
    assert (doc.doc_id, doc.text, doc.title, doc.year, doc.source) == ("api-1", TEXT, "标题", 2021, "api")
    for bad in [dict(text=" \n", doc_id="d"), dict(text=TEXT, doc_id=""), dict(text=TEXT, doc_id="d", year="2021"),
                dict(text=TEXT, doc_id="d", author="x"), dict(text=None, doc_id="d")]:
        with pytest.raises(InputError):
            document_from_text(**bad)


# --- reading: bad input -------------------------------------------------------------------------


def test_missing_path(tmp_path):
    assert str(tmp_path / "nope.txt") in error(tmp_path / "nope.txt")


def test_folder_without_documents(tmp_path):
    write(tmp_path / "notes.csv", "a,b\n")
    assert "no .txt, .md, .html or .jsonl" in error(tmp_path)


def test_unknown_extension(tmp_path):
    path = write(tmp_path / "report.docx", b"PK\x03\x04")
    message = error(path)
    assert str(path) in message and ".docx" in message


def test_empty_file(tmp_path):
    path = write(tmp_path / "empty.txt", b"")
    message = error(path)
    assert str(path) in message and "empty" in message


def test_whitespace_only_file(tmp_path):
    path = write(tmp_path / "blank.txt", " \n\u3000\t\r\n")
    message = error(path)
    assert str(path) in message and "whitespace" in message


def test_binary_file_with_nul_bytes(tmp_path):
    path = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    message = error(path)
    assert str(path) in message and "binary" in message


def test_binary_file_with_control_characters(tmp_path):
    path = write(tmp_path / "ctrl.txt", (TEXT.encode() + b"\x01\x02\x03\x04\x05\x06\x07\x08") * 10)
    message = error(path)
    assert str(path) in message and "binary" in message


def test_undecodable_file(tmp_path):
    path = write(tmp_path / "garbage.txt", bytes(range(0x80, 0x100)) * 10)
    message = error(path)
    assert str(path) in message and "cannot be decoded" in message and "UTF-8 or GB18030" in message


def test_file_larger_than_max_bytes(tmp_path):
    path = write(tmp_path / "big.txt", TEXT * 10)
    size = path.stat().st_size
    message = error(path, max_bytes=100)
    assert str(path) in message and f"{size:,}" in message and "100" in message and "max_bytes" in message


def test_sparse_50_mb_file_is_refused_by_stat_without_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)

    def no_reading(self, *args, **kwargs):
        raise AssertionError(f"{self} was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    message = error(path)
    assert "50,000,000" in message and "20,000,000" in message and str(path) in message


@pytest.mark.parametrize("line, expected", [
    ('{"text": "缺少括号"', "not valid JSON"),
    ('["a list"]', "JSON object"),
    ('{"doc_id": "x"}', '"text" is missing'),
    ('{"text": "  "}', '"text" is empty'),
    ('{"text": 42}', '"text" must be a string'),
    ('{"text": "正文", "year": "2021"}', '"year" must be an integer'),
    ('{"text": "正文", "year": true}', '"year" must be an integer'),
    ('{"text": "正文", "doc_id": 7}', '"doc_id" must be a non-empty string'),
    ('{"text": "正文", "title": ["x"]}', '"title" must be a string'),
])
def test_bad_jsonl_lines_name_file_and_line(tmp_path, line, expected):
    good = json.dumps({"text": TEXT}, ensure_ascii=False)
    path = write(tmp_path / "bad.jsonl", f"{good}\n\n{line}\n{good}\n")
    message = error(path)
    assert f"{path}, line 3" in message and expected in message


def test_jsonl_without_any_record(tmp_path):
    path = write(tmp_path / "none.jsonl", "\n \n")
    assert "no JSON lines" in error(path)


# --- layout repair ------------------------------------------------------------------------------

CIRCLED_NUMBER = re.compile("[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]")
NOTE_NUMBER = re.compile(r"\^?\[\d{1,3}\]|（\d{1,3}）")
# What prepare() makes of ASCII punctuation beside Chinese text (its width folding).
TO_CHINESE_FORMS = str.maketrans(",()", "，（）")

@pytest.mark.parametrize("before, after, joined", [
    (BODY, "施、园区工业配套、公共服务资源向县市延伸。", "引导城区基础设施、园区"),
    (LONG, "业降本增效。深化农业供给侧结构性改革。", "推动企业降本增效"),
    ("抓好梦东方旅游度假区、船山文化园、悦榕庄、华侨城来雁新城和雨母山旅游景区等项目,办好第十七届湖南国际文化旅游节,争创",
     "国家A级景区(点)3家,实现接待国内外游客增长12%以上。", "争创国家A级景区"),
])
def test_words_broken_across_a_blank_line_are_joined(before, after, joined):
    doc = Document("t", f"措施二:提升城乡联通水平\n\n{before}\n\n{after}\n")
    prepared = prepare(doc)
    assert joined in prepared.text
    assert prepared.text == f"措施二：提升城乡联通水平\n\n{before}{after}\n".translate(TO_CHINESE_FORMS)
    assert_exact(prepared)
    start = prepared.text.index(joined)
    o_start, o_end = prepared.original_span(start, start + len(joined))
    assert doc.text[o_start:o_end].replace("\n", "") == joined


def test_span_ending_at_a_join_does_not_swallow_the_removed_break():
    doc = Document("t", f"{BODY}\n\n施、园区工业配套。")
    prepared = prepare(doc)
    end = prepared.text.index("、园区")
    start, stop = prepared.original_span(end - 4, end)
    assert doc.text[start:stop] == "基础设\n\n施"
    start, stop = prepared.original_span(end - 4, end - 1)
    assert doc.text[start:stop] == "基础设"  # not "基础设\n\n"


def test_duplicated_character_across_the_break_is_dropped():
    doc = Document("t", f"{BODY}施\n\n施、园区工业配套、公共服务资源向县市延伸。")
    prepared = prepare(doc)
    assert "引导城区基础设施、园区工业配套" in prepared.text
    assert_exact(prepared)
    start = prepared.text.index("设施、")
    assert doc.text[prepared.original(start + 1)] == "施"
    assert prepared.original(start + 2) == doc.text.index("、园区")


@pytest.mark.parametrize("before, after, kept", [
    (LONG[:-1] + "紧", "紧咬住集群发展。", "紧紧咬住"),            # a reduplicated word, not a repeat
    (LONG[:-1] + "人", "人参与的格局。", "人人参与"),
    (LONG + "2011", "1年以来持续推进。", "20111年"),             # digits are never taken for a repeat
    (LONG[:-2] + "常常", "常见的问题。", "常常常见"),              # "AA|A": keep all three
])
def test_duplicate_rule_is_conservative(before, after, kept):
    assert folded(kept) in clean(f"{before}\n\n{after}")


def test_the_seed_document_duplicate():
    text = SEED.read_text(encoding="utf-8")
    cleaned = clean(text)
    assert "引导城区基础设施、园区工业配套" in cleaned
    assert "推动企业降本增效" in cleaned
    assert "争创国家A级景区" in cleaned


@pytest.mark.parametrize("text", [
    "关键词 产业强市\n\n目标:坚持以项目扩投资、以投资强产业,大力实施“3215”重点项目推进计划,着力打造现代产业强市",
    "措施一: 聚焦聚力先进制造业\n\n紧紧咬住集群发展,持续推进振兴实体经济“3311”工程计划。",
    "目标:坚持以项目扩投资、以投资强产业,大力实施“3215”重点项目推进计划,着力打造以先进制造业为核心的现代产业强市\n\n"
    "措施一: 聚焦聚力先进制造业",
    "目标:坚持以项目扩投资、以投资强产业,大力实施“3215”重点项目推进计划,着力打造以先进制造业为核心的现代产业强市\n\n"
    "紧紧咬住集群发展,持续推进振兴实体经济。",
    LONG + "\n\n一、总体要求",
    LONG + "\n\n（一）加快发展",
    LONG + "\n\n第三章 重点任务",
    LONG + "\n\n关键词 区域中心",
    LONG + "\n\n目标：放大主枢纽效应",
    LONG + "\n\n措施二:提升城乡联通水平",
])
def test_headings_are_never_joined(text):
    assert clean(text) == folded(text)


@pytest.mark.parametrize("text", [
    LONG + "。\n\n业降本增效。",                 # the line ends a sentence
    LONG + "\n\n  业降本增效。",                 # an indented line opens a paragraph
    LONG + "\n\n\n业降本增效。",                 # two blank lines are a deliberate break
    LONG + "\n\n“业降本增效”。",                 # the next line starts with a quote, not a character
    "打造产业强市、区域中心\n\n加快建设名副其实的省域副中心城市",  # short heading-like lines
    # a short stand-alone line (a sidebar) with no word across the break, from the seed document
    "深入推进商事制度改革,将企业工商注册登记时间压缩至1个工作日\n\n如何加快建设名副其实的省域副中心城市?",
])
def test_lines_that_are_not_broken_words_stay_apart(text):
    assert clean(text) == folded(text)


@pytest.mark.parametrize(("text", "expected"), [
    # Wikisource puts each link on a line of its own, and a zero-width space line at page breaks.
    ("在一九四九年至一九五二年間，中央人民政府按照\n中國人民政治協商會議共同綱領\n的規定，先後完成了工作。\n"
     "货币政策要保持稳健中性。广义货币M\n2\n增长11.3%。\n要全面深化各领域改\n\u200b\n革，加快推进基础性改革。",
     "在一九四九年至一九五二年間，中央人民政府按照中國人民政治協商會議共同綱領的規定，先後完成了工作。\n"
     "货币政策要保持稳健中性。广义货币M2增长11.3%。\n要全面深化各领域改革，加快推进基础性改革。"),
    # cn-gwr-2017 with its line breaks doubled, as a copy that spaces its paragraphs prints it: the zero-width space's
    # line stands between blank lines, and the sentence it cut goes on below (its end was read as a measure)
    ("全面提升质量水平。广泛开展质量提升行动，加强全面质量管理，强化质量监督，健全优胜劣汰质量竞\n\n\u200b\n\n"
     "争机制。质量之魂，存于匠心。\n\n提升科技创新能力。",
     "全面提升质量水平。广泛开展质量提升行动，加强全面质量管理，强化质量监督，健全优胜劣汰质量竞争机制。"
     "质量之魂，存于匠心。\n\n提升科技创新能力。"),
    # a short line too: a measure's topic sentence the break cut (cn-gwr-2016-s3 in benchmarks/robustness.py)
    ("发挥有效投资对稳增长调结构的关键\n\n\u200b\n\n作用。我们要用好专项建设基金。",
     "发挥有效投资对稳增长调结构的关键作用。我们要用好专项建设基金。"),
])
def test_web_copy_inline_and_page_breaks_are_joined(text, expected):
    prepared = prepare(Document("t", text), to_simplified=False)
    assert prepared.text == expected
    assert_exact(prepared)


@pytest.mark.parametrize("indent", ["\u2003\u2003", "\u2002\u2002\u2002\u2002", "\u00a0" * 4])
def test_a_web_pages_indent_is_a_space(indent):
    # &emsp;&emsp;, &ensp; and &nbsp; indents, as Chinese web pages print a paragraph: read as text, they hid every
    # heading and measure (benchmarks/robustness.py, web-indents); the same length, so offsets do not move
    text = f"{indent}（一）推进绿色发展。\n{indent}积极稳妥推进碳达峰碳中和。加快发展新型储能。"
    prepared = prepare(Document("t", text))
    assert prepared.text == text.replace(indent, " " * len(indent))
    assert_exact(prepared)


@pytest.mark.parametrize("newline", ["\u2028", "\u2029", "\x0c", "\x0b", "\x85"])
def test_every_character_that_ends_a_line_is_a_line_break(newline):
    # Unicode's separators (Word, a script's output), a PDF converter's form feed: read as text, they hid the headings
    text = f"（一）推进绿色发展。{newline}积极稳妥推进碳达峰碳中和。加快发展新型储能。"
    prepared = prepare(Document("t", text))
    assert prepared.text == text.replace(newline, "\n")
    assert_exact(prepared, blanked={text.index(newline)})


def test_markdowns_marks_are_left_out():
    # a report converted to Markdown: the marks hid every heading and measure (benchmarks/robustness.py, markdown);
    # a # inside a line is a unit's number and stays
    text = "### （一）推进绿色发展。\n\n**积极稳妥推进碳达峰碳中和。**建设2#机组，> 加快发展新型储能。\n> 引文。"
    prepared = prepare(Document("t", text))
    assert prepared.text == "（一）推进绿色发展。\n\n积极稳妥推进碳达峰碳中和。建设2#机组，> 加快发展新型储能。\n引文。"
    assert_exact(prepared, blanked={0, 1, 2, 3, 16, 17, 31, 32, 52, 53})


def test_title_lines_are_not_joined_by_the_inline_rule():
    text = "衡阳目标篇①\n政府工作报告 解读\n打造产业强市、区域中心\n\n加快发展现代服务业\n推动生产性服务业向专业化延伸。"
    assert clean(text) == text.replace("①", "")  # a note's mark, left out (below)


@pytest.mark.parametrize("text, expected", [
    ("坚持“两个毫不动摇”⑳，实施“五地增绿”⑭行动。", "坚持“两个毫不动摇”，实施“五地增绿”行动。"),  # city-潜江-2024
    ("办好民生实事。①实施海绵城市项目建设；②完成医保参保资助。", "办好民生实事。实施海绵城市项目建设；完成医保参保资助。"),
    ("①实施海绵城市项目建设。\n  ②完成医保参保资助。", "①实施海绵城市项目建设。\n  ②完成医保参保资助。"),  # opening lines
    ("三张“零关税”清单[1]扩容增效，“险资入达”^[3]实现“零突破”", "三张“零关税”清单扩容增效，“险资入达”实现“零突破”"),
    ("助推“个转企”（3）1400余户；主要任务：（1）加快建设", "助推“个转企”1400余户；主要任务：（1）加快建设"),
    # a mark after a space is no note's (the look-behind reads the character before the mark): kept, except a ^
    # after a space, whose [3] follows the ^
    ("“零关税”清单 [1]扩容增效", "“零关税”清单 [1]扩容增效"),
    ("“险资入达” ^[3]实现“零突破”", "“险资入达” ^实现“零突破”"),
    ("助推“个转企” （3）1400余户", "助推“个转企” （3）1400余户"),
    ("办好民生实事。 ②完成医保参保资助。", "办好民生实事。 ②完成医保参保资助。"),
])
def test_notes_marks_inside_a_paragraph_are_left_out(text, expected):
    prepared = prepare(Document("t", text))
    assert prepared.text == expected.replace("\u3000", " ")
    assert_exact(prepared)
    start = prepared.text.find("五地增绿")
    if start >= 0:  # a name across the mark maps back over it
        a, b = prepared.original_span(start - 1, start + len("五地增绿”行动"))
        assert text[a:b] == "“五地增绿”⑭行动"


# --- noise and normalisation --------------------------------------------------------------------


def test_caption_and_reporter_lines_are_blanked_in_place():
    lines = ["■本报记者 邹雪峰", "■制图/张静", "□记者 张三 通讯员 李四", "●图/文 王五", "（记者 赵六）"]
    text = "\n\n".join(["政府工作报告 解读", *lines, TEXT])
    prepared = prepare(Document("t", text))
    assert len(prepared.text) == len(text)
    for line in lines:
        start = text.index(line)
        assert prepared.text[start:start + len(line)].strip() == ""
    assert prepared.text.endswith(TEXT)
    assert_exact(prepared, blanked_positions(text, *lines))


def test_dateline_is_blanked_but_the_lead_is_kept():
    text = "本报讯（记者 张三）3月5日，" + TEXT
    cleaned = clean(text)
    assert cleaned.strip() == "3月5日，" + TEXT
    assert len(cleaned) == len(text)


def test_lead_sentences_starting_with_a_bullet_are_not_captions():
    text = "■记者从市发改委获悉，今年全市将新开工重点项目150个。\n■文化强市建设提速"
    assert clean(text) == text


def test_wikisource_licence_footer_is_blanked():
    footer = "\n\n本作品是中华人民共和国的\n法律\n、\n法规\n，国家机关的决议。\n\nPublic domain\nfalse"
    prepared = prepare(Document("t", TEXT + footer))
    assert prepared.text.rstrip() == TEXT
    assert split_sentences(prepared.text) == [(0, len(TEXT))]


def test_whitespace_normalisation_and_line_endings():
    text = "\ufeff第一句\u3000话。\r\n第二\u200b句\u200d话。\r第三句。"
    prepared = prepare(Document("t", text))
    assert prepared.text == " 第一句 话。\n第二 句 话。\n第三句。"
    assert_exact(prepared)
    assert prepared.original(prepared.text.index("第二")) == text.index("第二")


def test_crlf_documents_are_repaired_like_lf_ones():
    text = f"{LONG}\r\n\r\n业降本增效。\r\n"
    prepared = prepare(Document("t", text))
    assert prepared.text == folded(f"{LONG}业降本增效。\n")
    assert_exact(prepared)


@pytest.mark.parametrize("text, expected", [
    ("完成２０２４年目标，增长５．５％", "完成2024年目标，增长5.5%"),
    ("推进政府和社会资本合作(PPP)新机制", "推进政府和社会资本合作（PPP）新机制"),
    ("(一)加快发展,扩大投资;目标:增长!", "（一）加快发展，扩大投资；目标：增长！"),
    ('实施"3311"工程和"揭榜挂帅"制度', "实施“3311”工程和“揭榜挂帅”制度"),
    ("投资1,000万元, 8:30开工", "投资1,000万元， 8:30开工"),  # a thousands separator, a time
    ("收入合计２７，２０３，３１９，０００元，增长１．４，０．６", "收入合计27,203,319,000元，增长1.4，0.6"),
    ("f(x) = 2.5(2), see http://a.b", "f(x) = 2.5(2), see http://a.b"),  # no Chinese text: as it is
    ('他说"好', '他说"好'),  # an unpaired quote is not guessed at
])
def test_character_width_is_folded_in_place(text, expected):
    prepared = prepare(Document("t", text))
    assert prepared.text == expected
    assert_exact(prepared)


# Two paragraphs of a national report (2024), the first opening with its heading, as set in one piece.
REPORT = ("（一）大力推进现代化产业体系建设，加快发展新质生产力。充分发挥创新主导作用，以科技创新推动产业创新，"
          "加快推进新型工业化，提高全要素生产率，不断塑造发展新动能新优势，促进社会生产力实现新的跃升。\n"
          "推动产业链供应链优化升级。保持工业经济平稳运行。实施制造业重点产业链高质量发展行动，着力补齐短板、"
          "拉长长板、锻造新板，增强产业链供应链韧性和竞争力。实施制造业技术改造升级工程，培育壮大先进制造业集群，"
          "创建国家新型工业化示范区，推动传统产业高端化、智能化、绿色化转型。加快发展现代生产性服务业。")


def wrapped(text: str, width: int) -> str:
    """``text`` as copied out of a PDF: a line break wherever a line of ``width`` characters is full."""
    return "\n".join("\n".join(paragraph[k:k + width] for k in range(0, len(paragraph), width))
                     for paragraph in text.split("\n"))


@pytest.mark.parametrize("width", [24, 30, 37, 38, 45])
def test_a_hard_wrapped_text_is_read_as_its_paragraphs(width):
    # a page and a half, each paragraph indented (at 24 the first one fills its last line: only the indent
    # below it says that a paragraph ends there)
    report = "\n".join(f"\u3000\u3000{paragraph}" for paragraph in f"{REPORT}\n{REPORT}".split("\n"))
    text = wrapped(report, width)
    assert text.count("\n") >= 12
    prepared = prepare(Document("pdf", text))
    assert prepared.text == report.replace("\u3000", " ")
    assert_exact(prepared)


def test_a_hard_wrapped_copy_whose_line_breaks_were_doubled():
    # city-承德-2024: a blank line after every line of the PDF copy and no indents, so only the lines' widths and
    # marks say where a paragraph ends; a heading too long for its line goes on below (its line is short of the
    # margin, as the lost indent and the narrower brackets leave it), as does a paragraph's first line
    paragraphs = ["（一）深入实施扩大内需战略，持续巩固经济回升向好态势。",
                  "坚持把项目建设和扩大消费摆在优先位置，持续扩大全社会有效投资，全面拉动经济平稳健康增长。实施重点项目"
                  "攻坚带动。继续把项目建设作为经济工作的主攻方向。",
                  "（三）深入落实京津冀协同发展战略，把机遇优势转化为高质量发展成效。坚持全域对接、全面承接，进一步"
                  "拓展协同发展的广度深度。积极承接产业疏解转移。",
                  "（四）持续深化改革开放，增强高质量发展内生动力。", *[REPORT.split("\n")[1]] * 4]
    width, lines = 30, []
    for paragraph in paragraphs:
        first = width - 3 if paragraph.startswith("（") else width - 2
        lines.append(paragraph[:first])
        lines += [paragraph[k:k + width] for k in range(first, len(paragraph), width)]
    assert all(len(line) < width - 1 for line in lines if line.endswith("。"))  # no paragraph ends at the margin
    text = "\n\n".join(lines)
    prepared = prepare(Document("pdf", text))
    assert prepared.text == "\n\n".join(paragraphs)
    assert_exact(prepared)
    assert clean(text.replace("\n\n", "\n")) == "\n".join(paragraphs)  # the same copy, single-spaced


def test_a_heading_without_a_full_stop_that_fills_its_line_stays_apart_where_headings_have_none():
    # a copy whose headings close on no full stop: a long one, short of the margin by its lost indent, is the whole
    # heading, and the paragraph below it is the section's text (joined, the goal would run on into it)
    heading = "（一）着力扩大有效需求，推动经济持续回升向好，增强后劲"
    body = REPORT.split("\n")[1]
    width = 30
    assert width - INDENT_WIDTH - 1 <= len(heading) < width - 1
    lines = [heading] + [line for _ in range(4) for line in
                         [body[:width - 2], *(body[k:k + width] for k in range(width - 2, len(body), width))]]
    prepared = prepare(Document("pdf", "\n".join(lines)))
    assert prepared.text.startswith(heading + "\n")


def test_a_paragraph_runs_across_a_pdf_copys_page_number():
    text = "发挥有效投资对稳增长调结构的关键\n\n— 2 —\n\n作用。今年要启动一批重大项目。\n\n- 3 -\n\n推进新型城镇化。"
    prepared = prepare(Document("pdf", text))
    assert "发挥有效投资对稳增长调结构的关键作用。" in prepared.text  # across the page, the sentence goes on
    assert "— 2 —" not in prepared.text and "- 3 -" not in prepared.text  # the numbers are blanked
    assert "重大项目。\n" in prepared.text  # a sentence that ends at the page's foot may end its paragraph
    assert_exact(prepared, blanked_positions(text, "— 2 —", "- 3 -"))


def test_lines_of_one_length_that_are_not_wrapped_stay_apart():
    titles = "\n".join(f"{n}、加快建设现代化产业体系" for n in "一二三四五六七八九十")  # short: a list, not a page
    assert clean(titles) == titles
    paragraphs = "\n".join([REPORT.split("\n")[0]] * 3 + [REPORT.split("\n")[1]] * 6)  # whole paragraphs
    assert clean(paragraphs) == paragraphs


def test_original_bounds():
    prepared = prepare(Document("t", f"{LONG}\n\n业降本增效。"))
    assert prepared.original(0) == 0
    assert prepared.original(len(prepared.text)) == len(prepared.document.text)
    assert prepared.original_span(3, 3) == (3, 3)
    with pytest.raises(IndexError):
        prepared.original(len(prepared.text) + 1)
    with pytest.raises(IndexError):
        prepared.original(-1)


# --- traditional → simplified -------------------------------------------------------------------


def test_traditional_text_is_converted_and_the_map_holds():
    doc = Document("t", "我們第一届全國人民代表大會第一次會議，在聽了劉少奇同志關於憲法草案的報告以後。")
    prepared = prepare(doc)
    assert prepared.simplified
    assert prepared.text.startswith("我们第一届全国人民代表大会")
    assert_exact(prepared)
    start = prepared.text.index("全国人民代表大会")
    o_start, o_end = prepared.original_span(start, start + 8)
    assert doc.text[o_start:o_end] == "全國人民代表大會"


def test_conversion_can_be_forced_or_refused():
    text = "我們第一届全國人民代表大會"
    assert clean(text, to_simplified=False) == text
    assert clean(text, to_simplified=True) == "我们第一届全国人民代表大会"
    assert not prepare(Document("t", TEXT)).simplified
    assert clean(TEXT, to_simplified=True) == TEXT


def test_conversion_is_character_by_character_and_keeps_the_length():
    text = "我們第一屆全國人民代表大會，經濟建設的總路線"
    prepared = prepare(Document("t", text), to_simplified=True)
    assert prepared.text == "".join(_T2S.convert(ch) for ch in text)
    assert len(prepared.text) == len(text)
    assert_exact(prepared)


# --- offset map on real documents ---------------------------------------------------------------


def test_offset_map_on_the_seed_document():
    text = SEED.read_text(encoding="utf-8")
    prepared = prepare(Document("hengyang-2021-goals", text))
    assert not prepared.simplified
    assert_exact(prepared, blanked_positions(text, "■本报记者 邹雪峰", "■制图/张静"))
    assert "邹雪峰" not in prepared.text and "张静" not in prepared.text


def _national() -> list[Document]:
    return [Document(r["doc_id"], r["text"]) for r in map(json.loads, NATIONAL.open(encoding="utf-8"))]


@pytest.mark.corpus
@needs_national
def test_offset_map_on_the_traditional_1954_report():
    doc = next(d for d in _national() if d.doc_id == "cn-gwr-1954")
    prepared = prepare(doc)
    assert prepared.simplified
    assert "我们第一届全国人民代表大会第一次会议" in prepared.text
    assert "刘少奇同志关于宪法草案的报告并进行了" in prepared.text  # the link lines are joined
    footer = doc.text.index("本作品是中华人民共和国的")
    blanked = {k for k in range(footer, len(doc.text)) if not doc.text[k].isspace()}
    assert_exact(prepared, blanked)


@pytest.mark.corpus
@needs_national
def test_offset_map_on_the_whole_national_corpus():
    for doc in _national():
        prepared = prepare(doc)
        footer = doc.text.find("本作品是中华人民共和国的")
        blanked = set(range(footer, len(doc.text))) if footer >= 0 else set()
        assert_exact(prepared, blanked)
        assert "Public domain" not in prepared.text


# --- sentences ----------------------------------------------------------------------------------


def test_split_sentences():
    text = "  他说：“要加快建设。”第二句！？第三句；\n\n第四句没有句号\n第五句? 第六句"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "他说：“要加快建设。”", "第二句！？", "第三句；", "第四句没有句号", "第五句?", "第六句"]


def test_split_sentences_keeps_closing_brackets_and_skips_blank_lines():
    text = "（力争完成目标。）\n\u3000\u3000\n\n「会议指出！」下一句。"
    assert [text[s:e] for s, e in split_sentences(text)] == ["（力争完成目标。）", "「会议指出！」", "下一句。"]
    assert split_sentences("") == [] and split_sentences(" \n\n ") == []


def test_sentences_of_the_cleaned_text_map_back():
    doc = Document("t", f"关键词 产业强市\n\n{LONG}\n\n业降本增效。深化农业供给侧结构性改革。")
    prepared = prepare(doc)
    sentences = [prepared.original_span(s, e) for s, e in split_sentences(prepared.text)]
    assert [doc.text[s:e] for s, e in sentences] == [
        "关键词 产业强市", "深入推进供给侧结构性改革。", LONG[13:] + "\n\n业降本增效。", "深化农业供给侧结构性改革。"]


# --- size limits are per document ---------------------------------------------------------------


def test_a_jsonl_file_larger_than_the_limit_is_read_when_each_line_fits(tmp_path):
    path = tmp_path / "many.jsonl"
    line = json.dumps({"text": "加快衡阳港区建设。" * 20}, ensure_ascii=False) + "\n"
    path.write_text(line * 50, encoding="utf-8")
    documents = list(read_documents([path], max_bytes=len(line.encode()) + 10))
    assert len(documents) == 50 and path.stat().st_size > len(line.encode()) + 10


def test_a_jsonl_line_over_the_limit_names_its_line_and_the_cli_flag(tmp_path):
    path = tmp_path / "one-big.jsonl"
    path.write_text('{"text": "短"}\n' + json.dumps({"text": "长" * 500}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2: .* larger than the limit .* --max-bytes"):
        list(read_documents([path], max_bytes=300))
