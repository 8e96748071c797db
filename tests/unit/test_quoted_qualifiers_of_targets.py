"""A TARGET that starts right after a quoted name takes the quote, which says what is counted (推进“揭榜挂帅”攻关项目
20个 → “揭榜挂帅”攻关项目20个, as the gold's “四促”攻坚项目130个以上 and 新引进“玉商回归”项目20个以上); the quote is then
no PROGRAMME of its own. Not when the target opens on its own counting verb, nor in the review part. A TARGET does not
open on 评选, a verb that only reports doing. Sentences from a review of city-南通-2024, a report the extractor was not
written against, and from city-绵阳-2024 and city-黄石-2024. A university the tagger read as a PLACE is an ORG. A target
that opens on its count ends before the 创建 (任务) after it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pipeline

HEADING = "（二）坚持创新驱动，加快建设现代化产业体系\n\n扩大有效投资。"


@pytest.mark.parametrize(("text", "target", "quote"), [
    ("打造开放式社会创新模式，推进“揭榜挂帅”攻关项目20个。", "“揭榜挂帅”攻关项目20个", "“揭榜挂帅”"),
    ("谋划开展“消费促进年”系列活动500场次以上。", "“消费促进年”系列活动500场次以上", "“消费促进年”"),
])
def test_a_target_takes_the_quote_before_it(mentions, text: str, target: str, quote: str) -> None:
    assert target in mentions(HEADING + text, "TARGET")
    assert quote not in mentions(HEADING + text, "PROGRAMME")


def test_a_target_with_its_own_verb_leaves_the_quote() -> None:
    from pipelines.components.tagger import _targets_with_leading_quotes

    text = "上线“亲清在线”新增用户5万户"
    assert _targets_with_leading_quotes(text, [(2, 8, "PROGRAMME"), (8, 15, "TARGET")]) == \
        [(2, 8, "PROGRAMME"), (8, 15, "TARGET")]


def test_in_the_review_part_the_quote_stays() -> None:
    from pipelines.components.tagger import _targets_with_leading_quotes

    text = "“新三样”出口增长43%"
    assert _targets_with_leading_quotes(text, [(0, 5, "INDUSTRY"), (5, 12, "TARGET")], review=[(0, 12)]) == \
        [(0, 5, "INDUSTRY"), (5, 12, "TARGET")]


@pytest.mark.parametrize(("text", "target"), [
    ("培育乡村振兴示范村50个、评选人居环境整治先进村500个。", "人居环境整治先进村500个"),
    ("建成口袋公园10个、花径小路10条，评选花园阳台1000户。", "花园阳台1000户"),
])
def test_a_target_does_not_open_on_a_reporting_verb(mentions, text: str, target: str) -> None:
    assert target in mentions(HEADING + text, "TARGET")


@pytest.mark.parametrize(("text", "school"), [
    # city-南通-2024 (a review): the city's name ran on into its university, read as a PLACE
    ("与东南大学、南通大学签订战略合作协议，项目化推进与南通大学融合发展、创新协同。", "南通大学"),
    ("支持山东航空学院、滨州医学院高质量发展，推进滨州职业学院建设。", "山东航空学院"),
])
def test_a_university_is_no_place(mentions, text: str, school: str) -> None:
    assert school not in mentions(HEADING + text, "PLACE")


@pytest.mark.parametrize(("text", "target"), [
    # city-东营-2024 (a review): 创建 is left out of a target (GUIDELINES, TARGET), and so is the task
    ("年内完成3个省级示范区、5个市级示范片区创建任务。", "5个市级示范片区"),
    ("推进500个“无废细胞”创建。", "500个“无废细胞”"),
])
def test_a_count_first_target_ends_before_its_creation(mentions, text: str, target: str) -> None:
    assert target in mentions(HEADING + text, "TARGET")
