"""TARGET attributes on phrases from the corpora: value and unit as written, amount in the base unit."""

from __future__ import annotations

import pytest

from pipelines.components.targets import find_targets, number_value


def _attrs(text: str) -> list[dict]:
    return [c.attrs | {"span": text[c.start:c.end]} for c in find_targets(text)]


@pytest.mark.parametrize(("text", "span", "value", "unit", "amount", "base_unit", "comparator", "hedge"), [
    ("国内生产总值突破３万亿元大关", "国内生产总值突破３万亿元", 3.0, "万亿元", 3e12, "元", ">", None),
    ("争取明年在建矿井规模达到1.2亿吨", "在建矿井规模达到1.2亿吨", 1.2, "亿吨", 1.2e8, "吨", ">=", "争取"),
    ("力争年内新增规模以上工业企业150家", "新增规模以上工业企业150家", 150.0, "家", 150.0, "家", "=", "力争"),
    ("城镇新增就业1100万人以上", "城镇新增就业1100万人以上", 1100.0, "万人", 1.1e7, "人", ">=", None),
])
def test_target_attributes(text, span, value, unit, amount, base_unit, comparator, hedge):
    (found,) = _attrs(text)
    assert (found["span"], found["value"], found["unit"], found["amount"], found["base_unit"],
            found["comparator"], found["hedge"]) == (span, value, unit, amount, base_unit, comparator, hedge)


def test_full_width_figures():
    (found,) = _attrs("财政收入增长３．６８％以上")
    assert (found["value"], found["unit"]) == (3.68, "％")


@pytest.mark.parametrize(("numeral", "value"), [
    ("1,100", 1100.0), ("１２．５", 12.5), ("五百", 500.0), ("千", 1000.0), ("两千", 2000.0),
    ("1.5亿", 1.5e8), ("百亿", 1e10), ("1.2万亿", 1.2e12), ("三十", 30.0),
])
def test_numerals_read_by_cn2an(numeral, value):
    assert number_value(numeral) == value


def test_chinese_numerals_alone_are_not_targets():
    # 千亿元 before 产业 names a scale, 千家万户 is an idiom, 百场 / 十项 were never annotated as targets
    assert find_targets("瞄准千亿元产业目标，让服务走进千家万户，开展百场活动。") == []


def test_magnitude_before_a_unit_that_starts_like_one():
    (found,) = _attrs("新增装机容量500万千瓦")
    assert (found["value"], found["unit"], found["amount"], found["base_unit"]) == (500.0, "万千瓦", 5e6, "千瓦")
