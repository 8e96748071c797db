"""Targets counted in units the tagger was not trained with (条, 部, 公顷 …), read after it (kg_counted_targets)."""

from __future__ import annotations

import pytest

from pipelines.extract import TAGGER_COMPONENTS, build_nlp

pytestmark = pytest.mark.pipeline

# city-巴中-2024 and city-鄂州-2024, which a review found without these targets
TEXT = ("（一）城市建设\n\n全年改造老旧小区50个，加装电梯150部，打通断头路8条，改造提升城市道路8条、城乡连结道路25条。"
        "完成既有住宅加装电梯100部，矿山修复面积49.2公顷。")


def test_counts_in_the_units_the_tagger_was_not_trained_with_are_targets(mentions) -> None:
    assert mentions(TEXT, "TARGET") == ["改造老旧小区50个", "加装电梯150部", "打通断头路8条", "改造提升城市道路8条",
                                        "城乡连结道路25条", "既有住宅加装电梯100部", "矿山修复面积49.2公顷"]


@pytest.mark.parametrize("text", [
    "（一）产业发展\n\n围绕11条重点产业链，打通28条未贯通道路。",  # the counted noun follows the count
    "（一）产业发展\n\n落实中小学教师减负18条，实施支持民营经济发展31条。",  # the articles of a policy
    "一、2023年工作回顾\n\n打通断头路8条，加装电梯150部。\n\n二、2024年工作安排\n\n（一）城市建设\n\n推进城市更新。",
])
def test_counts_the_rules_cannot_delimit_or_that_were_done_are_not_targets(mentions, text: str) -> None:
    assert mentions(text, "TARGET") == []


def test_the_component_runs_after_the_tagger_so_that_the_tagger_reads_what_it_was_trained_on() -> None:
    names = build_nlp().pipe_names
    assert names.index("kg_tagger") < names.index("kg_counted_targets") < names.index("kg_final_resolver")
    assert "kg_counted_targets" in TAGGER_COMPONENTS  # the rules-only ablation has neither
    assert "kg_counted_targets" not in build_nlp(variant="rules").pipe_names
