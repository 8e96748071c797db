"""A company that opens a project's name with its short name and the trade its registered name closes on (维远化学,
金雷重装, 新发药业, 山东重工) is an ORG of its own, and a place inside that name is no PLACE (GUIDELINES, Nesting; the
gold's 山东重工 and 太阳纸业). Not a port, a bay or a station before the trade (吕四港|重装码头), nor a place's name before
a light trade (温州|金融科技文化中心). Sentences from a review of city-东营-2024, a report the extractor was not written
against, and from city-济宁-2024 and city-南通-2024. A lake of three characters ending on 荡 that opens a project (祥符荡) is a
place, not a company. A road's number that opens a project (国道327|东明黄河公路大桥) is skipped to read the places after it,
which open no company's name."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pipeline

HEADING = "（二）坚持创新驱动，加快建设现代化产业体系\n\n推动产业转型升级。"


@pytest.mark.parametrize(("text", "companies"), [
    ("加快实施振华石化丙烷脱氢、维远化学环氧丙烷等重大项目。", ["振华石化", "维远化学"]),
    ("加快实施金雷重装海上风电核心部件制造、双瑞海上风电叶片制造等重点项目。", ["金雷重装"]),
    ("推进实施富海聚酯包装材料、新发药业高端原料药等重点项目。", ["新发药业"]),
])
def test_a_company_named_by_its_trade_is_found(mentions, text: str, companies: list[str]) -> None:
    found = mentions(HEADING + text, "ORG")
    assert all(company in found for company in companies), found


def test_a_province_before_a_heavy_trade_is_the_company_not_a_place(mentions) -> None:
    text = "完成小松全球智能制造基地一期厂房主体，加快山东重工大型矿山设备智造基地建设。"
    assert "山东重工" in mentions(HEADING + text, "ORG")
    assert "山东" not in mentions(HEADING + text, "PLACE")


@pytest.mark.parametrize(("text", "not_company"), [
    ("洋口港5万吨级通用码头、吕四港重装码头建成投用。", "吕四港重装"),
    ("加快建设温州金融科技文化中心。", "温州金融科技"),
])
def test_a_port_or_a_city_before_a_light_trade_is_no_company(mentions, text: str, not_company: str) -> None:
    assert not_company not in mentions(HEADING + text, "ORG")


def test_a_shallow_lake_opening_a_project_is_a_place(mentions) -> None:
    # city-嘉兴-2024 (a review): 祥符荡 is a lake, not the company that builds the centre
    text = "加快建设水乡客厅、祥符荡创新中心、中新嘉善现代产业园等平台。"
    assert "祥符荡" in mentions(HEADING + text, "PLACE")
    assert "祥符荡" not in mentions(HEADING + text, "ORG")


@pytest.mark.parametrize(("text", "places"), [
    # city-菏泽-2024 (a review): a road's number opens the bridge's name, and 公路大桥 follows the river
    ("开工建设国道327东明黄河公路大桥，建成国道106东明黄河公路大桥。", ["东明", "黄河"]),
    # city-雅安-2024
    ("加快泸石高速、国道351线夹金山隧道建设。", ["夹金山"]),
])
def test_places_after_a_roads_number_are_read(mentions, text: str, places: list[str]) -> None:
    found = mentions(HEADING + text, "PLACE")
    assert all(place in found for place in places), found


def test_a_road_after_its_number_is_no_company(mentions) -> None:
    assert "东深线" not in mentions(HEADING + "开工建设G220东深线改建（南外环）工程。", "ORG")
