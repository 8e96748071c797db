"""Items of lists closed by 等 and a head noun, through the rules pipeline's resolver."""

import functools

import pytest

from pipelines.extract import build_nlp

pytestmark = pytest.mark.pipeline  # reads names with the pipeline's own tokenizer and tags


@functools.cache
def nlp():
    return build_nlp("jieba", variant="rules")


def names(text: str) -> set[tuple[str, str]]:
    return {(text[m.start:m.end], m.label) for m in nlp()(text)._.kg_mentions}


def test_a_list_items_one_character_opening_is_kept():
    found = names("加快高铁新城建设，确保站西路、站东路等项目竣工。")
    assert {("站西路", "PROJECT"), ("站东路", "PROJECT")} <= found  # 站 is tagged as a verb


def test_firms_listed_before_a_firms_head_are_organisations():
    found = names("支持万润新能、鑫资集团等企业建立数字化供应链平台。")
    assert {("万润新能", "ORG"), ("鑫资集团", "ORG")} <= found


def test_a_macro_region_is_a_place_on_its_own_but_not_a_part_of_a_city_in_a_name():
    from pipelines.extract import Extractor
    from pipelines.ingest import document_from_text

    extractor = Extractor()

    def found(text):
        return {(e.text, e.label) for e in extractor.extract(document_from_text(text, "t")).spans}

    assert ("东部", "PLACE") in found("落实和完善促进东北全面振兴、中部地区崛起、东部率先发展的改革创新举措。")
    assert ("东部", "PLACE") not in found("推动东部科技城展现新貌，加快建设科教智城。")
    assert ("东部", "PLACE") not in found("加强山西、内蒙古东部煤炭基地建设。")  # a part of 内蒙古


def test_no_place_of_one_character_is_read_out_of_a_name():
    from pipelines.extract import Extractor
    from pipelines.ingest import document_from_text

    extractor = Extractor()
    text = "建成2万吨高纯晶硅、京运通22吉瓦拉棒切片等项目，加快衡永南高铁前期工作。"
    spans = extractor.extract(document_from_text(text, "t")).spans
    assert [e.text for e in spans if e.label == "PLACE" and len(e.text) < 2] == []
    assert any(e.label == "PROJECT" and e.text.startswith("京运通") for e in spans)


def test_a_name_ends_before_what_became_of_it():
    from pipelines.extract import Extractor
    from pipelines.ingest import document_from_text

    extractor = Extractor()
    text = ("过去一年，南昆铁路即将全线通车，亳州北关历史街区获评国家级旅游休闲街区，兰陵县获评国家农业现代化示范区，"
            "获批生产服务型（陆港型）国家物流枢纽。")
    found = {(e.text, e.label) for e in extractor.extract(document_from_text(text, "t")).spans}
    assert ("南昆铁路", "PROJECT") in found
    assert ("兰陵县", "PLACE") in found
    assert not [name for name, _ in found if any(word in name for word in ("即将", "获评", "获批"))]


def test_a_name_opening_on_a_count_in_figures_is_a_target():
    from pipelines.components.tagger import _relabelled_by_figures

    text = "建设23个乡村振兴示范片区，实施四个现代化。"
    spans = [(2, 13, "PROJECT"), (16, 21, "PROGRAMME")]
    assert _relabelled_by_figures(text, spans) == [(2, 13, "TARGET"), (16, 21, "PROGRAMME")]


def test_a_kind_of_region_is_no_place_on_its_own():
    """都市圈, 沿江, 乡村 name kinds of region, not a region (GUIDELINES: region types without a name are not
    entities); the final resolver drops them, a named one stays."""
    from pipelines.extract import Extractor
    from pipelines.ingest import document_from_text

    extractor = Extractor()
    text = "黄冈打造黄鄂百万人口城市新中心，吸引都市圈人口聚集。加快推进沿江疏港铁路二期，建设乡村振兴示范区，推进乌鲁木齐都市圈建设。"
    places = {e.text for e in extractor.extract(document_from_text(text, "t")).spans if e.label == "PLACE"}
    assert not places & {"都市圈", "沿江", "乡村", "都市"}
    assert "乌鲁木齐" in places or "乌鲁木齐都市圈" in places
