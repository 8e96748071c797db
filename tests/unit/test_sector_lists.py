"""A list closed by 等 and a class of sectors (行业, 产业, 领域) is of sectors whatever its verb, unless it lists where
risks are put right."""

from __future__ import annotations

import pytest

from pipelines.components.tagger import _with_listed_industries

pytestmark = pytest.mark.pipeline


def test_the_items_of_a_list_of_sectors_are_industries_whatever_the_verb() -> None:
    # city-上海-2024: 深化电信、金融、医疗等领域开放 (电信 and 金融 tagged, 医疗 not)
    text = "扩大制度型开放，深化电信、金融、医疗等领域开放。"
    spans = [(10, 12, "INDUSTRY"), (13, 15, "INDUSTRY")]
    assert [text[a:b] for a, b, _ in _with_listed_industries(text, spans)] == ["电信", "金融", "医疗"]


def test_a_list_of_fields_where_risks_are_put_right_is_left_alone() -> None:
    text = "持续攻坚危化品、城镇燃气、道路交通、建筑施工等行业领域安全整治。"
    spans = [(4, 7, "INDUSTRY"), (8, 12, "INDUSTRY")]
    assert _with_listed_industries(text, spans) == spans


def test_a_class_word_alone_is_no_industry() -> None:
    text = "开启产业、文旅、教育、卫生等领域合作。"
    spans = [(5, 7, "INDUSTRY"), (8, 10, "INDUSTRY")]
    tokens = [(0, 2, "v"), (2, 4, "n"), (4, 5, "x"), (5, 7, "n"), (7, 8, "x"), (8, 10, "n"), (10, 11, "x"),
              (11, 13, "n"), (13, 14, "u"), (14, 16, "n"), (16, 18, "vn")]
    found = [text[a:b] for a, b, _ in _with_listed_industries(text, spans, tokens=tokens)]
    assert "卫生" in found  # the list is taken
    assert "产业" not in found
