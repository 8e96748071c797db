"""Constructs of the national reports of 2021-2025 (the hidden national set's years, which the shared corpora do
not hold), written in their style, and boundaries found on the way: a quantifier or a signing verb before a programme,
the centres of science and technology and the key laboratories of the state, 好 as the complement of the verb before
a name (the issue: 实施好X read as 好X), how hard or how far the work goes after it, a programme's goals and tasks
after its name (“十四五”规划|目标任务), and a section printed as web pages print it (Markdown, &emsp; indents)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pipeline


@pytest.mark.parametrize(("text", "label", "name"), [
    ("（二）加快推动高水平科技自立自强。强化国家战略科技力量，实施一批科技重大专项，推进全国重点实验室重组。",
     "PROGRAMME", "科技重大专项"),
    # cn-gwr-2006 of the corpora: 一批 is a count, not part of what is counted
    ("（五）推进节能减排。四要大力发展循环经济。在重点行业、产业园区、城市和农村实施一批循环经济试点。", "PROGRAMME",
     "循环经济试点"),
    # the verb that signs an agreement is not part of its name either
    ("（七）扩大高水平对外开放，促进互利共赢。深化拓展多双边经贸合作。推动签署中国－东盟自由贸易区3.0版升级议定书，"
     "推进加入《全面与进步跨太平洋伙伴关系协定》和《数字经济伙伴关系协定》。", "PROGRAMME", "中国－东盟自由贸易区3.0版升级议定书"),
])
def test_a_quantifier_or_a_signing_verb_is_not_part_of_the_name(mentions, text: str, label: str, name: str) -> None:
    found = mentions(text, label)
    assert name in found
    assert not [other for other in found if other != name and other.endswith(name)]


@pytest.mark.parametrize(("text", "name"), [
    ("（二）加快推动高水平科技自立自强。\n\n支持北京国际科技创新中心建设。", "北京国际科技创新中心"),
    ("（二）加快推动高水平科技自立自强。\n\n建设上海张江综合性国家科学中心。", "上海张江综合性国家科学中心"),
    # a list of places shares the centre (GUIDELINES, Shared heads)
    ("（二）加快推动高水平科技自立自强。强化国家战略科技力量，加快北京、上海、粤港澳大湾区国际科技创新中心建设。",
     "北京、上海、粤港澳大湾区国际科技创新中心"),
])
def test_a_centre_of_science_and_technology_is_a_project(mentions, text: str, name: str) -> None:
    assert name in mentions(text, "PROJECT")
    assert not mentions(text, "ORG")


def test_a_centre_named_by_no_place_is_no_name(mentions) -> None:
    assert not mentions("（二）加快推动高水平科技自立自强。打造具有全国影响力的科技创新中心。", "PROJECT")


@pytest.mark.parametrize(("text", "label", "name"), [
    ("（一）推动产业链供应链优化升级。\n\n实施好产业基础再造工程，发挥大企业引领支撑作用。", "PROGRAMME", "产业基础再造工程"),
    # city-南宁-2024 and city-无锡-2024 of the corpora
    ("（一）巩固拓展脱贫攻坚成果\n\n落实好防返贫监测帮扶机制，推动防止返贫。", "PROGRAMME", "防返贫监测帮扶机制"),
    ("（四）建设交通强市。完善轨道交通网络。推进锡宜S2线建设，运营好锡澄S1线，新开工城市道路20公里。", "PROJECT",
     "锡澄S1线"),
])
def test_the_verbs_complement_is_not_part_of_the_name(mentions, text: str, label: str, name: str) -> None:
    found = mentions(text, label)
    assert name in found
    assert not [other for other in found if other.startswith("好")]


@pytest.mark.parametrize(("text", "name"), [
    ("（二）加快推动高水平科技自立自强。强化国家战略科技力量，推进全国重点实验室重组。", "全国重点实验室"),
    ("（三）推动科技创新。充分发挥国家实验室作用，重组国家重点实验室体系。", "国家重点实验室"),
])
def test_a_key_laboratory_is_a_project(mentions, text: str, name: str) -> None:
    assert name in mentions(text, "PROJECT")


def test_a_count_of_key_laboratories_is_one_target(mentions) -> None:
    text = "（二）推动科技创新。高标准重组实验室，力争全国重点实验室突破20家。"
    assert "全国重点实验室突破20家" in mentions(text, "TARGET")
    assert not mentions(text, "PROJECT")


@pytest.mark.parametrize(("text", "name"), [
    # city-重庆-2024 and cn-gwr-2007 of the corpora: how hard or how far the work goes is not the programme's name
    ("（一）促进农业稳定发展。加大“北斗星”企业培育力度，推动中小企业专精特新发展。", "“北斗星”企业培育"),
    ("（三）积极扩大开放。推动多哈回合谈判进程，促进贸易自由化。", "多哈回合谈判"),
])
def test_a_programme_ends_before_how_hard_or_far_its_work_goes(mentions, text: str, name: str) -> None:
    assert mentions(text, "PROGRAMME") == [name]


@pytest.mark.parametrize("text", [
    # a report as a web page converted to Markdown prints it, and as a web page indents it (&emsp;&emsp;)
    "### （一）大力推进现代化产业体系建设，加快发展新质生产力。\n\n**推动产业链供应链优化升级。**实施制造业技术改造升级工程。\n\n"
    "**积极培育新兴产业和未来产业。**制定未来产业发展规划。",
    "\u2003\u2003（一）大力推进现代化产业体系建设，加快发展新质生产力。\n\u2003\u2003推动产业链供应链优化升级。实施制造业技术改造升级工程。\n"
    "\u2003\u2003积极培育新兴产业和未来产业。制定未来产业发展规划。",
])
def test_a_section_printed_as_the_web_prints_it_keeps_its_goal_and_measures(mentions, text: str) -> None:
    assert mentions(text, "GOAL") == ["大力推进现代化产业体系建设，加快发展新质生产力"]
    assert mentions(text, "MEASURE") == ["推动产业链供应链优化升级", "积极培育新兴产业和未来产业"]


@pytest.mark.parametrize(("text", "name"), [
    ("（一）全面完成目标任务。\n\n高质量完成“十四五”规划目标任务，科学编制“十五五”规划。", "“十四五”规划"),
    # city-温州-2024 of the corpora
    ("（四）深化改革攻坚。\n\n全面完成国有企业改革深化提升行动任务。", "国有企业改革深化提升行动"),
])
def test_a_programmes_goals_and_tasks_are_not_its_name(mentions, text: str, name: str) -> None:
    found = mentions(text, "PROGRAMME")
    assert name in found
    assert not [other for other in found if other.startswith(name) and other != name]


def test_a_counted_campaign_of_tasks_keeps_them(mentions) -> None:
    # cn-train's gold: 十大标志性改革任务 is one PROGRAMME
    text = "（二）深化农村改革。\n\n推进新农人增信计划等十大标志性改革任务。"
    assert "十大标志性改革任务" in mentions(text, "PROGRAMME")
