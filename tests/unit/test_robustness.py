"""benchmarks/robustness.py: each rewrite keeps the gold the same annotation of the same words."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "robustness.py"
spec = importlib.util.spec_from_file_location("robustness", SCRIPT)
robustness = importlib.util.module_from_spec(spec)
spec.loader.exec_module(robustness)

TEXT = "（一）加快建设“3311”工程，全面推进衡阳港区和铁路货运站建设，力争投资增长5.5%。\n推进衡阳港区建设，引进比亚迪智能制造产业园项目。"
GOLD = {"doc_id": "d", "text": TEXT, "entities": [
    {"id": "e1", "label": "PROGRAMME", "start": TEXT.index("“3311”"), "end": TEXT.index("工程") + 2},
    {"id": "e2", "label": "TARGET", "start": TEXT.index("投资"), "end": TEXT.index("。")},
    {"id": "e3", "label": "PROJECT", "start": TEXT.index("比亚迪"), "end": TEXT.index("项目")},
], "relations": []}
for _entity in GOLD["entities"]:
    _entity["text"] = TEXT[_entity["start"]:_entity["end"]]


@pytest.mark.parametrize("variant", list(robustness.VARIANTS))
def test_every_entity_keeps_its_words(variant):
    rewritten = robustness.rewritten(GOLD, robustness.VARIANTS[variant])
    assert len(rewritten["entities"]) == len(GOLD["entities"])
    for before, after in zip(GOLD["entities"], rewritten["entities"], strict=True):
        assert after["text"] == rewritten["text"][after["start"]:after["end"]]
        if variant == "note-marks":
            assert re.sub(r"[①-⑩]|\[\d+\]", "", after["text"]) == before["text"]
            continue
        if variant == "traditional":
            assert after["text"] == robustness.traditional(before["text"])[0]
            continue
        if variant.endswith("-numbers"):  # only headings change, and TEXT's names are in none
            assert after["text"] == before["text"]
            continue
        if variant == "wrapped-spaced":  # a space for each line break of the hard-wrapped text
            assert after["text"].replace(" ", "") == before["text"]
            continue
        if variant in ("page-breaks", "web-page-breaks"):
            assert re.sub(r"\n\n(?:— \d+ —|\u200b)\n\n", "", after["text"]) == before["text"]
            continue
        expected = before["text"] if variant == "hard-wrapped" else before["text"].translate(
            {"ascii-punctuation": robustness.ASCII_PUNCTUATION, "full-width-digits": robustness.FULL_WIDTH_DIGITS,
             "straight-quotes": robustness.STRAIGHT_QUOTES}.get(variant, {}))
        assert after["text"].replace("\n", "") == expected
    if variant not in ("clean", "page-breaks", "web-page-breaks"):  # a page holds 400 characters, more than TEXT
        assert rewritten["text"] != TEXT


def test_indents_open_every_line_of_text():
    text, moved = robustness.indented("\u2003\u2003")("一二\n\n三")
    assert text == "\u2003\u2003一二\n\n\u2003\u2003三"
    assert text[moved[0]] == "一" and text[moved[4]] == "三" and moved[-1] == len(text)


def test_hard_wrapping_breaks_every_line_at_the_width():
    text, _ = robustness.hard_wrapped("一" * 50 + "\n" + "二" * 10, width=20)
    assert [len(line) for line in text.split("\n")] == [20, 20, 10, 10]
    assert re.sub("\n", "", text) == "一" * 50 + "二" * 10


def test_page_breaks_fall_every_so_many_characters():
    text, moved = robustness.page_breaks("一" * 50, every=20)
    assert text == "一" * 20 + "\n\n— 2 —\n\n" + "一" * 20 + "\n\n— 3 —\n\n" + "一" * 10
    assert text[moved[20]] == "一" and moved[-1] == len(text)
    web, _ = robustness.page_breaks("一" * 50, every=20, web=True)
    assert web == "一" * 20 + "\n\n\u200b\n\n" + "一" * 20 + "\n\n\u200b\n\n" + "一" * 10


def test_section_headings_are_renumbered_in_either_style():
    text = "（三）加快发展。\n推进建设。\n（十一）保障民生。"
    for style, expected in [("part", "三、加快发展。\n推进建设。\n十一、保障民生。"),
                            ("arabic", "3.加快发展。\n推进建设。\n11.保障民生。"),
                            ("none", "加快发展。\n推进建设。\n保障民生。")]:
        rewritten, moved = robustness.renumbered(style)(text)
        assert rewritten == expected
        assert rewritten[moved[text.index("推进")]:].startswith("推进") and moved[-1] == len(rewritten)
