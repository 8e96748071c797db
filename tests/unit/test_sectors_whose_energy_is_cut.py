"""The trades of a list whose energy use or pollution the text cuts or cleans up are no INDUSTRY (GUIDELINES: a
sector the sentence promotes; the gold files leave 突出抓好工业、交通、建筑三大领域节能 unmarked); a sector of energy
saving itself, or a list that goes on after it, keeps its names. So are the items of a list the text uses as a tool
(利用5G、元宇宙、人工智能等新技术), and the fields whose risks the text defuses or that it regulates (化解房地产、地方债务、
金融等领域风险, 加强房地产市场调控)."""

from __future__ import annotations

import pytest

from pipelines.components.tagger import _sectors_neither_costs_nor_cut


def _kept(text: str, names: list[str]) -> list[str]:
    spans = sorted((text.index(name), text.index(name) + len(name), "INDUSTRY") for name in names)
    return [text[a:b] for a, b, _ in _sectors_neither_costs_nor_cut(text, spans)]


@pytest.mark.parametrize(("text", "names"), [
    ("推进钢铁、化工、造纸、水泥行业节能降碳。", ["钢铁", "化工", "造纸"]),  # city-衢州-2024
    ("完成烧结砖、废塑料加工等5个行业整治提升。", ["烧结砖", "废塑料加工"]),  # city-益阳-2024
    ("有序推进电力、建材、化工等行业节能降碳改造。", ["电力", "建材", "化工"]),  # city-枣庄-2024
    ("推动钢铁等行业超低排放改造。", ["钢铁"]),  # cn-gwr-2018
    ("加强食品、药品安全专项整治。", ["食品"]),  # cn-gwr-2010
])
def test_the_trades_whose_energy_or_pollution_is_cut_are_none(text: str, names: list[str]) -> None:
    assert _kept(text, names) == []


@pytest.mark.parametrize(("text", "names"), [
    ("鼓励外资投向高端制造业、现代服务业、新能源和节能环保产业。", ["高端制造业", "现代服务业", "新能源"]),  # cn-gwr-2010
    ("大力发展装配式建筑和绿色节能建筑。", ["装配式建筑"]),  # city-宜昌-2024
    ("成都市生物医药、轨道交通装备和自贡市节能环保3个集群。", ["生物医药", "轨道交通装备"]),  # prov-sichuan-2025
    ("增加医疗卫生、教育、节能减排和廉租住房建设等方面支出。", ["医疗卫生"]),  # another item, not the object
])
def test_sectors_beside_energy_saving_stay(text: str, names: list[str]) -> None:
    assert _kept(text, names) == names


@pytest.mark.parametrize(("text", "names"), [
    ("推动数实融合，利用5G、元宇宙、人工智能等新技术，打造消费新场景。", ["5G", "元宇宙", "人工智能"]),  # city-合肥-2024
    ("运用互联网等信息化手段对儿童托育中出现的问题进行监管。", ["互联网"]),  # cn-gwr-2018
    ("推广运用数字人、虚拟现实等技术，推出一批新场景。", ["数字人", "虚拟现实"]),  # city-深圳-2024
])
def test_what_the_text_uses_as_a_tool_is_no_sector(text: str, names: list[str]) -> None:
    assert _kept(text, names) == []


@pytest.mark.parametrize(("text", "names"), [
    ("大力发展人工智能、大数据等新兴产业。", ["人工智能", "大数据"]),  # promoted
    ("用好人工智能技术产业政策，培育人工智能产业。", ["人工智能"]),  # the technique's industry
    ("享用数字文化服务，发展数字文化产业。", ["数字文化"]),  # 享用 is no verb of using a tool
])
def test_sectors_not_used_as_tools_stay(text: str, names: list[str]) -> None:
    assert _kept(text, names) == names


@pytest.mark.parametrize(("text", "names"), [
    ("稳妥化解房地产、地方债务、金融等领域风险。", ["房地产", "金融"]),  # city-咸宁-2024
    ("继续搞好房地产市场调控和保障性安居工程建设。", ["房地产"]),  # cn-gwr-2012
    ("持续攻坚危化品、城镇燃气、冶金工贸、交通运输等领域隐患治理。", ["冶金工贸", "交通运输"]),  # city-泰州-2024
    ("又要防止通货膨胀和防范金融风险。", ["金融"]),  # as the gold files read it (cn-train)
])
def test_what_the_text_guards_against_or_regulates_is_no_sector(text: str, names: list[str]) -> None:
    assert _kept(text, names) == []


@pytest.mark.parametrize(("text", "names"), [
    ("前瞻部署生物、纳米、量子调控、信息网络等领域。", ["生物", "纳米"]),  # cn-gwr-2010: an item ending on 调控
    ("我国银行、证券、保险业的抗风险能力和国际竞争力增强。", ["银行", "证券"]),  # cn-gwr-2013
    ("大力发展创业投资、风险投资。", ["创业投资"]),
])
def test_sectors_beside_a_risk_word_stay(text: str, names: list[str]) -> None:
    assert _kept(text, names) == names
