"""A TARGET leaves out a verb that only reports doing, with the subject before it (GUIDELINES, TARGET verbs)."""

from __future__ import annotations

import re

import pytest

from kg.model import Document


@pytest.mark.parametrize(("text", "expected"), [
    ("支持企业开展10项以上重大关键技术攻关。", "10项以上重大关键技术攻关"),  # subject and verb before the figure
    ("市本级财政安排人才工作专项经费1.5亿元。", "人才工作专项经费1.5亿元"),  # subject and verb before the metric
    ("入企走访解决涉企问题1069个。", "涉企问题1069个"),
    ("安排超长期特别国债2500亿元支持消费品以旧换新。", "超长期特别国债2500亿元"),  # 安排 opening it
    ("同时拟发行特别国债5000亿元，支持补充资本。", "特别国债5000亿元"),  # a modal and a doing verb before it
    ("做好博览会服务保障工作，全年举办各类展会100场次以上。", "展会100场次以上"),  # holding events, and 各类 (scope)
    ("深化跨区域劳务合作，举办线上线下招聘活动300场次以上。", "线上线下招聘活动300场次以上"),
])
def test_the_subject_and_the_verb_are_left_out(mentions, text: str, expected: str) -> None:
    assert mentions(text, "TARGET") == [expected]


@pytest.mark.parametrize("text", [
    "解决6000万农村人口饮水安全问题。",  # the verb opens it and the figure follows: whole, as the gold files keep it
    "中央预算内投资安排5000亿元。",  # the metric before 安排, the amount after it
    "中央财政教育支出安排超过1万亿元。",
    "问题解决率达到96%以上。",  # the verb of a metric's name
])
def test_kept_whole(mentions, text: str) -> None:
    assert mentions(text, "TARGET") == [text.rstrip("。")]


def test_a_target_ends_before_what_its_amount_is_for(mentions) -> None:
    assert mentions("中央财政拟投入433亿元用于促进就业。", "TARGET") == ["中央财政拟投入433亿元"]


@pytest.mark.parametrize(("text", "expected"), [
    ("中央财政安排1000亿元专项资金支持就业。", "中央财政安排1000亿元专项资金"),  # the sum, its noun, then 支持
    ("统筹区市两级资金50.47亿元全力支持工业。", "区市两级资金50.47亿元"),  # an adverb before 支持
])
def test_a_sum_of_money_ends_before_what_it_supports(mentions, text: str, expected: str) -> None:
    assert mentions(text, "TARGET") == [expected]


def test_support_after_another_figure_stays(mentions) -> None:
    assert mentions("争取中央资金支持10亿元以上。", "TARGET") == ["中央资金支持10亿元以上"]


def test_a_change_against_the_year_before_is_no_target(mentions) -> None:
    text = "赤字规模4万亿元，比上年增加1.6万亿元。拟发行长期建设国债800亿元，比上年减少300亿元。"
    assert mentions(text, "TARGET") == ["赤字规模4万亿元", "长期建设国债800亿元"]


def test_a_metric_with_its_growth_on_the_year_before_stays(mentions) -> None:
    assert mentions("地区生产总值比上年增长6%左右。", "TARGET") == ["地区生产总值比上年增长6%左右"]


@pytest.mark.parametrize("text", [
    "支持首钢水钢集团开展低碳冶金技术攻关，推动铁前工序节能。",  # city-六盘水-2024
    "全方位系统策划消夏文化避暑旅游季系列活动，持续提升旅游热度。",  # city-六盘水-2024
    "外贸进出口总额增长10%左右，居民人均可支配收入增长与经济增长基本同步，城镇调查失业率控制在5.5%以内。",  # city-中山-2024
])
def test_a_target_is_a_quantity(mentions, text: str) -> None:
    targets = mentions(text, "TARGET")
    assert all(re.search(r"[0-9零一二三四五六七八九十百千万两半倍%]", name) for name in targets), targets


def test_a_figure_of_the_review_is_no_target(extractor) -> None:
    """What the report says was done (its review part) holds no TARGET, whoever proposed it: a figure already
    achieved is no target (GUIDELINES). The same kind of figure under a task heading is one."""
    text = ("一、2023年工作回顾\n\n过去一年，新增规模以上工业企业120家，建成5G基站3000个。\n\n二、2024年工作安排\n\n"
            "（一）坚持创新引领发展，培育壮大新动能。\n\n壮大实体经济。新增规模以上工业企业150家，新建5G基站2000个。")
    extraction = extractor.extract(Document(doc_id="review", text=text))
    targets = [(text[m.start:m.end], m.start > text.index("二、")) for m in extraction.spans if m.label == "TARGET"]
    assert targets and all(in_tasks for _, in_tasks in targets), targets
    assert ("新增规模以上工业企业150家", True) in targets


def test_a_target_keeps_the_affected_of_its_metric(mentions) -> None:
    # city-鄂州-2024: 受污染耕地安全利用率达91%以上 (the segmenter splits 受|污染)
    text = "（一）生态环境\n\n地表水国考断面水质优良比例达71.4%以上。受污染耕地安全利用率达91%以上。实施生态保护修复工程。"
    assert "受污染耕地安全利用率达91%以上" in mentions(text, "TARGET")


def test_a_target_of_new_jobs_keeps_the_towns_of_its_metric(mentions) -> None:
    # city-益阳-2024: …确保零就业家庭动态清零，城镇新增就业3.4万人 (the tagger opened it on 新增)
    text = ("（一）民生保障\n\n坚持就业优先战略，统筹抓好高校毕业生、退役军人、农民工、贫困人口和城镇困难人员等群体就业，确保零就业家庭"
            "动态清零，城镇新增就业3.4万人。")
    assert "城镇新增就业3.4万人" in mentions(text, "TARGET")
