"""A project that is a hospital's, university's or institute's works holds that institution as an ORG, with no place
inside it (the gold's 市二医院|传染病院区 and 浙江大学|生命健康联合创新中心; reviews of city-呼和浩特-2024 and city-嘉兴-2024);
not a hospital's grade, nor a scope, nor the side of town before it."""

from __future__ import annotations

import pytest

from kg.model import Document

pytestmark = pytest.mark.pipeline

HEADING = "（五）持续增进民生福祉\n\n推进健康城市建设。"


def _names(extractor, text: str, label: str) -> list[str]:
    return [s.text for s in extractor.extract(Document(doc_id="d", text=HEADING + text)).spans if s.label == label]


@pytest.mark.parametrize(("text", "org", "places"), [
    ("规划建设市第一医院云谷院区。", "市第一医院", []),  # city-嘉兴-2024
    ("西南医科大学附属天府医院一期建成投用。", "西南医科大学", []),  # city-成都-2024: no 西南
    ("推动建设城东北京友谊医院内蒙古院区。", "北京友谊医院", ["内蒙古"]),  # city-呼和浩特-2024
    ("加快长春理工大学中山研究院建设。", "长春理工大学", ["中山"]),  # city-中山-2024: no 长春
])
def test_the_institution_of_the_works_is_an_org(extractor, text: str, org: str, places: list[str]) -> None:
    assert org in _names(extractor, text, "ORG")
    assert [place for place in _names(extractor, text, "PLACE") if place != "城东"] == places


@pytest.mark.parametrize("text", [
    "推进三级医院能力提升工程。",
    "支持国家大学科技园建设。",
])
def test_a_grade_or_a_kind_is_no_institution(extractor, text: str) -> None:
    assert _names(extractor, text, "ORG") == []
