"""Two sectors the tagger reads as one name across 和, 与 or 及 are two INDUSTRY mentions when each is a sector by its own
name (先进光伏|和|新型储能, 氢能|及|储能; the gold files hold 20 such pairs apart against 3 whole); a sector's parts, materials
and services stay with it (汽车及零部件, 软件和信息技术服务业), and so do two sectors that share the second's head (新能源与智能网联汽车).
No name holds 以及 (凝聚态电池技术|以及|钠离子: city-滁州-2024, 隔膜|以及|电池终端产品制造: city-玉林-2024), and a sector's word
in a list of costs names a cost (降低企业交易、物流、财务、用能等成本: cn-gwr-2016; cn-train's 用电、用气、用热、物流等生产成本 marks
no sector); a trade whose capacity the text cuts is no sector either (钢铁、煤炭等困难行业去产能: cn-gwr-2016). The pairs to split
are sentences of city-淄博-2024 and city-淮南-2024, which a review read (reports the extractor was not written against);
the pairs that stay whole are written for the test."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pipeline

HEADING = "（二）加快建设现代化产业体系\n\n推动产业转型升级。"


@pytest.mark.parametrize(("text", "sectors"), [
    ("大力发展先进光伏和新型储能产业。", ["先进光伏", "新型储能"]),
    ("支持氢能及储能产业创新发展。", ["氢能", "储能"]),
])
def test_two_sectors_joined_by_and_are_two(mentions, text: str, sectors: list[str]) -> None:
    assert sorted(mentions(HEADING + text, "INDUSTRY")) == sorted(sectors)


@pytest.mark.parametrize(("text", "sector"), [
    ("做强汽车及零部件产业。", "汽车及零部件"),
    ("发展新能源与智能网联汽车。", "新能源与智能网联汽车"),
    ("壮大软件和信息技术服务业。", "软件和信息技术服务业"),
])
def test_a_sector_with_its_parts_or_a_shared_head_stays_whole(mentions, text: str, sector: str) -> None:
    assert sector in mentions(HEADING + text, "INDUSTRY")


@pytest.mark.parametrize(("text", "sectors"), [
    ("密切跟踪固态、半固态、凝聚态电池技术以及钠离子等新一代电池技术。", {"凝聚态电池技术", "钠离子"}),
    ("完善隔膜以及电池终端产品制造产业链。", {"隔膜", "电池终端产品制造"}),
])
def test_no_name_holds_and_also(mentions, text: str, sectors: set[str]) -> None:
    found = mentions(HEADING + text, "INDUSTRY")
    assert sectors <= set(found) and not any("以及" in name for name in found), found


@pytest.mark.parametrize("text", [
    "深入推进降成本，降低企业交易、物流、财务、用能等成本。",
    "千方百计降低用电、用气、用热、物流等生产成本。",
])
def test_a_sector_in_a_list_of_costs_is_none(mentions, text: str) -> None:
    assert "物流" not in mentions(HEADING + text, "INDUSTRY")


def test_a_sector_promoted_beside_a_list_of_costs_stays(mentions) -> None:
    text = HEADING + "降低企业物流等成本，大力发展现代物流。"
    assert mentions(text, "INDUSTRY").count("现代物流") == 1


def test_the_trades_whose_capacity_is_cut_are_no_sectors(mentions) -> None:
    text = HEADING + "重点抓好钢铁、煤炭等困难行业去产能，坚持用市场化法治化手段。"
    assert mentions(text, "INDUSTRY") == []
