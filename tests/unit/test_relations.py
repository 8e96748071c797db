"""IN_INDUSTRY: which industries of a sentence its projects and programmes are tied to."""

from __future__ import annotations

from pipelines.components.candidates import Candidate
from pipelines.components.relations import industry_links


def _links(text: str, names: list[tuple[str, str]]) -> set[tuple[str, str]]:
    mentions, position = [], 0
    for name, label in names:
        start = text.index(name, position)
        mentions.append(Candidate(start, start + len(name), label, "test"))
        position = start + 1
    mentions.sort(key=lambda m: (m.start, -m.end))
    found = industry_links(mentions, text, set())
    assert all(link.type == "IN_INDUSTRY" for link in found)
    return {(text[mentions[link.head].start:mentions[link.head].end], text[mentions[link.tail].start:mentions[link.tail].end])
            for link in found}


def test_the_industry_a_sentence_opens_on_is_what_its_projects_serve():
    text = "做强高端装备产业，加快建设智能制造产业园、数控机床基地等项目，提高本地配套率。"
    assert _links(text, [("高端装备", "INDUSTRY"), ("智能制造产业园", "PROJECT"), ("数控机床基地", "PROJECT")]) == {
        ("智能制造产业园", "高端装备"), ("数控机床基地", "高端装备")}


def test_industries_listed_in_a_clause_of_their_own_are_not_tied_to_the_projects_before():
    text = "加快建设智能制造产业园，大力发展新能源、新材料等产业；编制五年行动计划。"
    assert _links(text, [("智能制造产业园", "PROJECT"), ("新能源", "INDUSTRY"), ("新材料", "INDUSTRY"),
                         ("五年行动计划", "PROGRAMME")]) == set()


def test_an_industry_in_the_programme_s_own_clause_is_tied():
    text = "围绕主导产业开展氢能、储能等“揭榜挂帅”技术攻关。"
    assert _links(text, [("氢能", "INDUSTRY"), ("储能", "INDUSTRY"), ("“揭榜挂帅”技术攻关", "PROGRAMME")]) == {
        ("“揭榜挂帅”技术攻关", "氢能"), ("“揭榜挂帅”技术攻关", "储能")}


def test_a_closing_clause_that_grows_one_sector_ties_the_projects_before_it():
    text = "抓好温泉度假区、古城文化园等项目，培植旅游千亿产业。"
    assert _links(text, [("温泉度假区", "PROJECT"), ("古城文化园", "PROJECT"), ("旅游", "INDUSTRY")]) == {
        ("温泉度假区", "旅游"), ("古城文化园", "旅游")}


def test_a_closing_clause_about_something_else_than_a_sector_ties_nothing():
    text = "大力实施重点项目推进计划，着力打造以先进制造业为核心的现代产业强市。"
    assert _links(text, [("重点项目推进计划", "PROGRAMME"), ("先进制造业", "INDUSTRY")]) == set()


def test_industries_of_another_sentence_are_never_tied():
    text = "发展数字经济。建设大数据中心。"
    assert _links(text, [("数字经济", "INDUSTRY"), ("大数据中心", "PROJECT")]) == set()
