"""A compass region after a province's abbreviation is a part of that province (川东北), not the nation's 东北."""

from __future__ import annotations

import pytest

from kg.model import Document


@pytest.mark.parametrize(("text", "expected"), [
    ("推进渝东北一体化发展，加快建设川东北金融中心二期。", ["渝东北", "川东北"]),
    ("优化浙西南科创中心布局，建设黔西北水网。", ["浙西南", "黔西北"]),
    ("深化川南渝西区域融合发展，追赶苏北、领先皖北。", ["川南", "渝西", "苏北", "皖北"]),
])
def test_the_abbreviation_and_the_compass_region_are_one_place(mentions, text: str,
                                                                expected: list[str]) -> None:
    assert mentions(text, "PLACE") == expected


def test_a_project_named_after_the_part_is_located_in_it(extractor) -> None:
    extraction = extractor.extract(Document(doc_id="d", text="加快建设川东北金融中心二期和鲁北铁路物流园。"))
    names = {span.id: span.text for span in extraction.spans}
    located = {(names[link.head], names[link.tail]) for link in extraction.links if link.type == "LOCATED_IN"}
    assert {("川东北金融中心二期", "川东北"), ("鲁北铁路物流园", "鲁北")} <= located
    place = next(span for span in extraction.spans if span.text == "川东北")
    assert place.attrs.get("parents") == ["四川省"]


@pytest.mark.parametrize(("text", "expected"), [
    ("支持四川东北部发展。", ["四川"]),  # 川 ends 四川
    ("江苏北部要与京东合作，学习苏东坡精神。", ["江苏北部"]),  # 苏 ends 江苏; 京 (京东) is not among them; 苏东坡 one word
    ("推动东北全面振兴，学习宝贵东北经验。", ["东北", "东北"]),  # 贵 is a common word, not among them
])
def test_not_where_the_character_belongs_to_another_word(mentions, text: str, expected: list[str]) -> None:
    assert mentions(text, "PLACE") == expected
