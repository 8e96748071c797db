"""A campaign named as a battle is a PROGRAMME where the text fights it or keeps its gains (巩固扩大|蓝天保卫战|成果:
cn-gwr-2019; 打响|城市综合治理攻坚战: city-潜江-2024), and a list of battles sharing the head is one, also when it is opened
(全面开展|蓝天、碧水、净土保卫战) or closes with 和 (蓝天、碧水、净土和宁静保卫战: city-宜昌-2024); not a battle named by what
it is (这场攻坚战). The gold files mark 蓝天碧水净土保卫战 and 扩大需求攻坚战 so. Reviews of cn-gwr-2018 and cn-gwr-2019."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pipeline

HEADING = "（六）加强污染防治和生态建设\n\n持续推进污染防治。"


@pytest.mark.parametrize(("text", "programme"), [
    ("巩固扩大蓝天保卫战成果，今年二氧化硫、氮氧化物排放量要下降3%。", "蓝天保卫战"),
    ("强化综合治理，打响城市综合治理攻坚战，推动城市管理提质增效。", "城市综合治理攻坚战"),
    ("全面开展蓝天、碧水、净土保卫战。", "蓝天、碧水、净土保卫战"),
    ("高标准打好蓝天、碧水、净土和宁静保卫战。", "蓝天、碧水、净土和宁静保卫战"),
])
def test_a_battle_fought_or_kept_is_a_programme(mentions, text: str, programme: str) -> None:
    assert programme in mentions(HEADING + text, "PROGRAMME")


def test_a_battle_named_by_what_it_is_is_none(mentions) -> None:
    assert mentions(HEADING + "我们要全体动员，坚决打赢这场攻坚战。", "PROGRAMME") == []
