"""A school that the clause extends, starts or builds is a PROJECT, not an actor (ORG); one that acts stays an ORG; a zone
category (…示范区, …试验区) is a PROJECT. Sentences from reviews of city-临沂-2024 and city-嘉兴-2024, reports the extractor
was not written against, and from city-聊城-2024 and city-徐州-2024."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pipeline

HEADING = "（二）坚持创新驱动，加快建设现代化产业体系\n\n"
LINYI = ("加快建设临沂职业学院新校区，扩建鲁南技师学院、临沂科技职业学院，开工临沂城市职业学院、临沂科技学院，"
         "启动临沂大学医学院建设，建立与现代化产业体系相匹配的高素质产业工人队伍。")


def test_schools_being_built_are_projects(mentions) -> None:
    projects = mentions(HEADING + LINYI, "PROJECT")
    assert {"鲁南技师学院", "临沂科技职业学院", "临沂科技学院", "临沂大学医学院"} <= set(projects), projects
    assert not {"鲁南技师学院", "临沂科技职业学院", "临沂科技学院"} & set(mentions(HEADING + LINYI, "ORG"))


@pytest.mark.parametrize(("text", "org"), [
    ("支持丽水学院加快建设服务绿色发展高水平应用型大学，提升办学水平。", "丽水学院"),
    ("发挥鲁南制药、金正大2家全国重点实验室作用，扩建鲁南技师学院。", "鲁南制药"),
])
def test_a_school_or_firm_that_acts_stays_an_org(mentions, text: str, org: str) -> None:
    assert org in mentions(HEADING + text, "ORG")


@pytest.mark.parametrize(("text", "zone"), [
    # city-嘉兴-2024 (a review), city-徐州-2024: zone categories are projects (GUIDELINES, PROJECT)
    ("深化QFLP全域试点、RCEP高水平开放合作示范区建设，用好进博会等开放平台。", "RCEP高水平开放合作示范区"),
    ("严守生态保护红线。推进“生态岛”试验区和生态安全缓冲区建设。", "“生态岛”试验区"),
])
def test_a_zone_category_is_a_project(mentions, text: str, zone: str) -> None:
    assert zone in mentions(HEADING + text, "PROJECT")
    assert zone not in mentions(HEADING + text, "PROGRAMME")
