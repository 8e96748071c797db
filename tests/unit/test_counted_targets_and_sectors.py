"""A TARGET that opens on its count takes the name the tagger cut off after it (100个乡村|振兴示范片区 → 100个乡村振兴
示范片区); one that opens on a manner and a verb (高标准建设) starts after them; the items of a list of sectors closed by
their count (蔬菜、肉鸡两大…产业集群) are INDUSTRYs; the items of a list of business districts (泰华、谷德锦等商圈) are
PLACEs. Sentences from a review of city-潍坊-2024, a report the extractor was not written against, and from
city-宜昌-2024, city-黄冈-2024 and city-随州-2024; a list closed by its count of industry chains (4条农业全产业链) too, and the
co-op that opens a project named after its place (中国供销, 江西供销) is an ORG (review of city-荆州-2024)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pipeline

HEADING = "（三）聚力推进乡村全面振兴\n\n提升乡村建设水平。"


@pytest.mark.parametrize(("text", "target"), [
    ("深入推进农村人居环境整治，高标准抓好100个乡村振兴示范片区建设，创建提升和美乡村示范村500个以上。",
     "100个乡村振兴示范片区"),
    ("提升数字农业发展水平，高标准建设智慧农业示范基地100个。", "智慧农业示范基地100个"),
])
def test_a_count_first_target_is_whole_and_without_its_manner(mentions, text: str, target: str) -> None:
    assert target in mentions(HEADING + text, "TARGET")


def test_a_target_keeps_high_standard_farmland(mentions) -> None:
    assert "高标准农田30万亩" in mentions(HEADING + "坚决扛牢耕地保护责任，建设高标准农田30万亩。", "TARGET")


@pytest.mark.parametrize(("text", "sectors"), [
    ("做强蔬菜、肉鸡两大国家级优势特色产业集群，推动生姜、肉牛等产业全链条发展。", ["蔬菜", "肉鸡"]),
    ("做大做强柑橘、茶叶、畜牧、蔬菜四大优势产业。", ["柑橘", "茶叶", "畜牧", "蔬菜"]),
])
def test_the_items_of_a_counted_list_of_sectors_are_industries(mentions, text: str, sectors: list[str]) -> None:
    found = mentions(HEADING + text, "INDUSTRY")
    assert all(sector in found for sector in sectors), found


@pytest.mark.parametrize(("text", "places"), [
    # city-潍坊-2024 (a review): the items of a list of business districts are places, not sectors
    ("丰富传统商圈业态，推进泰华、谷德锦等商圈智慧化改造提升。", ["谷德锦"]),
    # city-随州-2024
    ("拓展消费新场景，提升解放路、文峰里、草甸子等商圈品质。", ["文峰里", "草甸子"]),
])
def test_the_items_of_a_list_of_business_districts_are_places(mentions, text: str, places: list[str]) -> None:
    found = mentions(HEADING + text, "PLACE")
    assert all(place in found for place in places), found


def test_the_items_of_a_counted_list_of_industry_chains_are_industries(mentions) -> None:
    # city-荆州-2024 (a review)
    text = "围绕打造优质稻米、菜籽油、生猪、特色淡水产品4条农业全产业链，大力发展农产品精深加工。"
    found = mentions(HEADING + text, "INDUSTRY")
    assert all(sector in found for sector in ("优质稻米", "菜籽油", "生猪", "特色淡水产品")), found


def test_the_co_op_of_a_place_opening_a_project_is_an_org(mentions) -> None:
    # city-荆州-2024 (a review), as the gold's 中国供销 of 中国供销宜都商贸物流园
    text = "全力推进中国供销冷链、江西供销冷链物流园等重点项目建设。"
    assert all(co_op in mentions(HEADING + text, "ORG") for co_op in ("中国供销", "江西供销"))
    assert "中国" not in mentions(HEADING + text, "PLACE")


def test_a_target_keeps_the_scrapping_it_counts(mentions) -> None:
    # cn-gwr-2014 (a review): 淘汰 defines what is counted, as 压减 in the gold's 压减企业户数15%以上
    text = "今年要淘汰燃煤小锅炉5万台，推进燃煤电厂脱硫改造1500万千瓦，淘汰黄标车和老旧车600万辆。"
    found = mentions("（五）加强生态文明建设\n\n加强环境治理。" + text, "TARGET")
    assert "淘汰黄标车和老旧车600万辆" in found, found
