"""Items of lists closed by 等 and a head noun, through the rules pipeline's resolver."""

import functools

import pytest

from pipelines.extract import build_nlp

pytestmark = pytest.mark.pipeline  # reads names with the pipeline's own tokenizer and tags


@functools.cache
def nlp():
    return build_nlp("jieba", variant="rules")


def names(text: str) -> set[tuple[str, str]]:
    return {(text[m.start:m.end], m.label) for m in nlp()(text)._.kg_mentions}


def test_a_list_items_one_character_opening_is_kept():
    found = names("加快高铁新城建设，确保站西路、站东路等项目竣工。")
    assert {("站西路", "PROJECT"), ("站东路", "PROJECT")} <= found  # 站 is tagged as a verb


def test_firms_listed_before_a_firms_head_are_organisations():
    found = names("支持万润新能、鑫资集团等企业建立数字化供应链平台。")
    assert {("万润新能", "ORG"), ("鑫资集团", "ORG")} <= found
