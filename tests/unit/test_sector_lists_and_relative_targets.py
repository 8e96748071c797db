"""The items of a list of sectors closed by 等 and a qualified class (等垂直细分行业) or after 巩固 are all
INDUSTRYs (等传统产业; not 等重点行业, fields a clause may only inspect); the first item found by its word alone is never the tail of a longer name (构建大|数据, 智慧|医疗); a TARGET
whose metric opens on 有…的 keeps its 有. Sentences from a review of city-威海-2024, a report the extractor was not
written against, and from city-咸宁-2024, city-宜昌-2024 and a review of city-临沂-2024."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pipeline

HEADING = "（二）坚持创新驱动，加快建设现代化产业体系\n\n"


@pytest.mark.parametrize(("text", "sectors"), [
    ("面向智能制造、无人驾驶、智慧医疗等垂直细分行业，打造一批应用场景。", ["智能制造", "无人驾驶", "智慧医疗"]),
    ("巩固打印设备、智能服务终端等产业国内领先地位。", ["打印设备", "智能服务终端"]),
    # city-深圳-2024: a class with two qualifiers (等传统优势产业)
    ("加快时装、钟表、眼镜、家具、黄金珠宝等传统优势产业高端化、品牌化发展。", ["钟表", "眼镜", "家具"]),
    ("以节能、降耗、增效为抓手，推动冶金、建材、机电、纺织、森工等传统产业向高端化、智能化、绿色化发展。",
     ["冶金", "建材", "机电", "纺织", "森工"]),
])
def test_every_item_of_a_list_of_sectors_is_one(mentions, text: str, sectors: list[str]) -> None:
    found = mentions(HEADING + text, "INDUSTRY")
    assert all(sector in found for sector in sectors), found


def test_the_first_item_is_not_the_tail_of_a_longer_name(mentions) -> None:
    text = "支持打造智慧医疗、智慧康养、智慧交通等应用场景，推动产业创新发展。"
    assert "医疗" not in mentions(HEADING + text, "INDUSTRY")


@pytest.mark.parametrize(("text", "target"), [
    ("加大科技研发投入力度，新增国家高新技术企业200家以上，力争有研发活动的规上工业企业占比达到48%以上。",
     "有研发活动的规上工业企业占比达到48%以上"),
    ("推动企业开展新产品研发，全市有研发活动的规模以上工业企业占比达到60%以上。", "有研发活动的规模以上工业企业占比达到60%以上"),
    # city-威海-2024 (a review): 促成 only reports doing, like 推动
    ("推动企业创新需求与高校科研成果有效对接，促成产学研合作项目100项以上。", "产学研合作项目100项以上"),
])
def test_a_target_keeps_the_relative_clause_of_its_metric(mentions, text: str, target: str) -> None:
    assert target in mentions(HEADING + text, "TARGET")


@pytest.mark.parametrize(("text", "label", "names"), [
    # city-威海-2024 (a review): two quoted places back to back are two names
    ("培育“本草拾趣园”“岐黄养生谷”等康养文旅打卡地，高标准办好品牌赛事节庆活动。", "PROJECT", ["“本草拾趣园”", "“岐黄养生谷”"]),
    # city-黄石-2024
    ("深化“一窗通办”“一网通办”“政务三同”等改革，更高水平实现“高效办成一件事”。", "PROGRAMME",
     ["“一窗通办”", "“一网通办”"]),
])
def test_quoted_names_back_to_back_are_apart(mentions, text: str, label: str, names: list[str]) -> None:
    found = mentions(HEADING + text, label)
    assert all(name in found for name in names), found
    assert not any("”“" in name for name in found), found


def test_a_storms_name_is_no_name(mentions) -> None:
    text = "完善城市防灾减灾救灾体系，有力防御“杜苏芮”等多轮台风和暴雨侵袭，成功抵御台风“苏拉”“海葵”。"
    found = [name for label in ("PROGRAMME", "PROJECT") for name in mentions(HEADING + text, label)]
    assert not any(storm in name for name in found for storm in ("杜苏芮", "苏拉", "海葵")), found


@pytest.mark.parametrize(("text", "not_target"), [
    # city-梧州-2024, city-荆门-2024: a list of products or meetings with no figure of its own is no target
    ("开展大型促消费活动35场，发放消费券2000多万元、拉动消费6亿元，六堡茶、人工宝石、冰泉豆浆等梧州特色产品网上销售"
     "突破15亿元、增长31%，高于全区4个百分点。", "六堡茶、人工宝石"),
    ("认真贯彻落实党的二十大、中央经济工作会议和省第十二次党代会、省委十二届五次全会精神，全力以赴拼经济。",
     "省第十二次党代会、省委十二届五次全会精神"),
])
def test_a_list_without_a_figure_is_no_target(mentions, text: str, not_target: str) -> None:
    assert not_target not in mentions(HEADING + text, "TARGET")
