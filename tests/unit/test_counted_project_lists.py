"""The names listed before 等 and a count of projects (A、B等395个重大产业项目) are PROJECTs and the TARGET is the count,
also where an item holds a capacity (董酒4万吨扩建) or the tagger read the first items as a TARGET without a figure.
Sentences from reports the extractor was not written against (a review of city-遵义-2024, and city-攀枝花-2024,
city-乌鲁木齐-2024, city-阳泉-2024)."""

from __future__ import annotations

import pytest

from pipelines.components.tagger import _targets_after_listed_items

pytestmark = pytest.mark.pipeline

HEADING = "（二）全力扩大有效投资，促进消费扩容提质，推动经济持续回升向好\n\n"
ZUNYI = ("更大力度激发民间投资、产业投资，加快茅台“十四五”技改、黔北页岩气勘探开发、习酒“十四五”技改（一期）、国台改建、"
         "珍酒扩建（四期）、董酒4万吨扩建等395个重大产业项目建设，推动产业投资、民间投资占比稳步增长。")


@pytest.mark.parametrize(("text", "projects", "target"), [
    # city-遵义-2024: five items without a figure, then one with a capacity
    (ZUNYI, ["茅台“十四五”技改", "黔北页岩气勘探开发", "国台改建", "珍酒扩建（四期）", "董酒4万吨扩建"], "395个重大产业项目"),
    # city-攀枝花-2024: one item, holding a capacity
    ("推动劲丰钒钛6000吨钒氮合金生产等10个重点项目竣工投产，推进红格南矿区开发。",
     ["劲丰钒钛6000吨钒氮合金生产"], "10个重点项目竣工"),
])
def test_the_items_of_a_counted_list_of_projects_are_projects(mentions, text: str, projects: list[str],
                                                              target: str) -> None:
    found = mentions(HEADING + text, "PROJECT")
    assert all(project in found for project in projects), found
    targets = mentions(HEADING + text, "TARGET")
    assert target in targets and not any("、" in t or "等" in t for t in targets), targets


def test_a_list_of_kinds_counted_is_the_metric(mentions) -> None:
    # a count of kinds (重点实验室、新型研发机构), not of projects: the list stays in the target, as the gold has it
    text = "新建市级以上重点实验室、新型研发机构等50家以上，加快创新平台建设。"
    assert "新建市级以上重点实验室、新型研发机构等50家以上" in mentions(HEADING + text, "TARGET")


def test_items_that_end_on_figures_of_their_own_are_no_listed_projects() -> None:
    text = "建成标准厂房20万平方米、仓储设施5万平方米等12个项目"
    spans = [(2, len(text), "TARGET")]
    assert _targets_after_listed_items(text, spans) == spans
    text = "实施G311、S226等9个国省干线项目"  # a road's number is no figure of its own
    assert [(text[a:b], label) for a, b, label in _targets_after_listed_items(text, [(2, len(text), "TARGET")])] == [
        ("G311", "PROJECT"), ("S226", "PROJECT"), ("9个国省干线项目", "TARGET")]
