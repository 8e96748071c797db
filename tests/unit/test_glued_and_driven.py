"""A name does not end on 向 glued to it (软件谷|向数字谷迭代升级), a project not on what it drives (土山机场搬迁|带动南部片区),
and the items of a list closed by 等…片区 that names projects are projects alike. Sentences from a review of
city-南京-2024, a report the extractor was not written against, and from city-吉林-2024; and no company opens a project on
a stretch of river or coast (长江上游|航运中心, 温台沿海|产业带) or on 国际航空 (prov-sichuan-2025, city-温州-2024)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pipeline

HEADING = "（五）坚持以城市更新为抓手，加快建设人民城市，全面提升城市能级和品质\n\n"


@pytest.mark.parametrize(("text", "label", "name"), [
    ("加快软件谷向数字谷迭代升级，打造世界级软件产业集群。", "PROJECT", "软件谷"),
    ("以推进土山机场搬迁带动南部片区空间整合，提升城市功能品质。", "PROJECT", "土山机场搬迁"),
])
def test_a_name_ends_before_a_glued_preposition_or_what_it_drives(mentions, text: str, label: str, name: str) -> None:
    found = mentions(HEADING + text, label)
    assert name in found, found


def test_the_items_of_a_list_of_districts_to_build_are_projects_alike(mentions) -> None:
    text = "推动河西南部、大校场、麒麟、江心洲、雨花“两桥”、燕子矶等重点片区建设，提升城市品质。"
    projects = mentions(HEADING + text, "PROJECT")
    assert {"河西南部", "大校场", "麒麟", "江心洲", "燕子矶"} <= set(projects), projects
    assert not mentions(HEADING + text, "INDUSTRY")


def test_a_place_among_the_items_does_not_end_the_list() -> None:
    from pipelines.components.tagger import _listed_projects_alike

    text = "推动河西南部、大校场、麒麟、江心洲、燕子矶等重点片区建设"
    spans = [(2, 6, "PROJECT"), (7, 10, "INDUSTRY"), (11, 13, "INDUSTRY"), (14, 17, "PLACE"), (18, 21, "PLACE")]
    assert [(text[a:b], label) for a, b, label in _listed_projects_alike(text, spans)] == [
        ("河西南部", "PROJECT"), ("大校场", "PROJECT"), ("麒麟", "PROJECT"), ("江心洲", "PLACE"), ("燕子矶", "PLACE")]


@pytest.mark.parametrize(("text", "not_org"), [
    # prov-sichuan-2025
    ("恢复和开通更多国际航线，做强国际航空货运基地，推进天府国际机场二期工程前期工作。", "国际航空"),
    ("共建世界级优质白酒产业集群，与重庆协同共建长江上游航运中心，深化川南渝西区域融合发展。", "长江上游"),
    # city-温州-2024
    ("落实海洋经济高质量发展倍增行动，推进温台沿海产业带新一轮高质量发展，加快打造现代临港产业基地。", "温台沿海"),
])
def test_no_company_opens_a_project_on_a_stretch_of_river_or_sea(mentions, text: str, not_org: str) -> None:
    assert not_org not in mentions(HEADING + text, "ORG")
