"""A name whose first character the segmenter glued to the verb before it begins where the region does
(共|建成|渝综合性科学中心 → 成渝综合性科学中心), but not after 建成 used alone (建成|渝昆高铁)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "label", "expected"), [
    ("共建成渝综合性科学中心。", "PROJECT", "成渝综合性科学中心"),  # 共|建成|渝: 共建
    ("全力打造成渝地区双城经济圈。", "PLACE", "成渝地区双城经济圈"),  # 打|造成|渝: 打造
    ("新建成渝中线高铁。", "PROJECT", "成渝中线高铁"),
])
def test_the_region_takes_its_first_character_back(mentions, text: str, label: str, expected: str) -> None:
    assert expected in mentions(text, label)


def test_a_route_after_the_verb_completed_stays(mentions) -> None:
    assert mentions("项目建成渝昆高铁重庆段。", "PROJECT") == ["渝昆高铁重庆段"]  # 建成 alone: no 成渝
