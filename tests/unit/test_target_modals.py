"""A TARGET opening on a modal or an adverb before its verb starts at the verb (GUIDELINES, TARGET verbs: modals
and adverbs are left out); words that only begin like one keep it (可再生能源, 再就业, 继续教育)."""

from __future__ import annotations

import pytest

from pipelines.components.tagger import _targets_without_modals


def _targets(text: str, name: str) -> list[str]:
    start = text.index(name)
    return [text[a:b] for a, b, _ in _targets_without_modals(text, [(start, start + len(name), "TARGET")])]


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("养老保险单位缴费比例，各地可降至16%。", "可降至16%", "降至16%"),  # cn-gwr-2019
    ("高职院校今年大规模扩招100万人。", "大规模扩招100万人", "扩招100万人"),  # cn-gwr-2019
    ("今年再开工1处高品质住宅项目。", "再开工1处高品质住宅项目", "开工1处高品质住宅项目"),
    ("今年进一步停建、缓建大中型项目238个。", "进一步停建、缓建大中型项目238个", "停建、缓建大中型项目238个"),
    ("发电设备改造后可以节约标准煤200万吨。", "可以节约标准煤200万吨", "节约标准煤200万吨"),
])
def test_the_modal_is_left_out(text: str, name: str, expected: str) -> None:
    assert _targets(text, name) == [expected]


@pytest.mark.parametrize(("text", "name"), [
    ("可再生能源消费占比提高0.5个百分点。", "可再生能源消费占比提高0.5个百分点"),
    ("安排再就业补助资金83亿元。", "再就业补助资金83亿元"),
    ("应用场景达到100个以上。", "应用场景达到100个以上"),
    ("都将增长。", "都将增长"),  # too little left
])
def test_words_that_begin_like_a_modal_stay(text: str, name: str) -> None:
    assert _targets(text, name) == [name]
