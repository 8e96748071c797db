"""The section tree: goals, measures, and what belongs to no section."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.structure import parse_structure

SEED = Path(__file__).resolve().parents[2] / "corpus" / "hengyang-2021-goals.txt"


def headings(text: str) -> list[tuple[str, str]]:
    return [(h.kind, h.name) for h in parse_structure(text).headings]


def test_the_seed_document_has_three_goals_with_four_three_and_three_measures() -> None:
    structure = parse_structure(SEED.read_text(encoding="utf-8"))
    assert structure.style == "keyword"
    assert structure.goal_names == ["产业强市", "区域中心", "开放高地"]
    assert [len(s.measures) for s in structure.sections] == [4, 3, 3]


def test_the_seed_sidebar_and_overview_paragraphs_belong_to_no_section() -> None:
    text = SEED.read_text(encoding="utf-8")
    structure = parse_structure(text)
    for phrase in ("力争全市引进世界500强企业项8个", "如何加快建设名副其实的省域副中心城市"):
        assert structure.context_at(text.index(phrase)) is None, phrase
    running = text.index("确保审批再提速50%以上", text.index("全面深化重点改革"))
    goal, measure = structure.context_at(running)
    assert (goal.name, measure.name) == ("开放高地", "全面深化重点改革")


@pytest.mark.parametrize("text", [
    "【关键词】产业强市\n\n措施1：聚焦聚力先进制造业\n\n加快建设。",
    "关键词：产业强市\n\n【措施一】聚焦聚力先进制造业\n\n加快建设。",
    "关键词 “产业强市”\n\n措施一: 聚焦聚力先进制造业\n\n加快建设。",
])
def test_press_interpretation_layouts(text: str) -> None:
    assert headings(text) == [("goal", "产业强市"), ("measure", "聚焦聚力先进制造业")]


def test_the_seed_copied_without_its_line_breaks_keeps_its_sections() -> None:
    # a web copy of a press interpretation on one line: each 关键词 still heads its section (its measures are lost:
    # nothing says where 措施一：聚焦聚力先进制造业紧紧咬住… ends its heading)
    text = SEED.read_text(encoding="utf-8").replace("\n", "")
    structure = parse_structure(text)
    assert structure.style == "keyword"
    assert structure.goal_names == ["产业强市", "区域中心", "开放高地"]
    goal, _ = structure.context_at(text.index("比亚迪智能制造产业园"))
    assert goal.name == "产业强市"
    assert structure.context_at(text.index("衡阳目标篇")) is None


def test_one_keyword_run_into_a_line_is_no_section() -> None:
    assert parse_structure("本报讯 关键词 产业强市目标:坚持以项目扩投资。").sections == []


def test_national_task_headings_and_topic_sentences() -> None:
    text = ("一、2018年工作回顾\n\n国内生产总值增长6.6%。\n\n二、2019年政府工作任务\n\n"
            "（三）坚持创新引领发展，培育壮大新动能。\n\n发挥我国人力人才资源丰富等综合优势，促进新旧动能接续转换。\n\n"
            "提升科技支撑能力。加大基础研究支持力度。\n\n（四）促进形成强大国内市场，持续释放内需潜力。\n\n"
            "推动消费稳定增长。多措并举促进城乡居民增收。")
    structure = parse_structure(text)
    assert structure.style == "numbered"
    assert headings(text) == [("goal", "坚持创新引领发展，培育壮大新动能"), ("measure", "提升科技支撑能力"),
                              ("goal", "促进形成强大国内市场，持续释放内需潜力"), ("measure", "推动消费稳定增长")]
    review_start, review_end = structure.review_spans[0]
    assert text[review_start:review_end].startswith("一、2018年工作回顾")
    assert "二、2019年政府工作任务" not in text[review_start:review_end]


def test_a_plain_news_report_has_no_sections() -> None:
    structure = parse_structure("本报讯 市政府近日召开会议，研究推进东阳渡综合物流产业园建设。")
    assert structure.style == "none" and structure.sections == [] and structure.context_at(5) is None


def test_a_plan_paragraph_inside_a_section_given_alone_is_its_body() -> None:
    # the national reports of 2021-2022 open their first task on macro policy; a section given on its own (as the
    # gold files give them) with the year's targets inside it stays a section; in a whole report the same
    # paragraph stands between the review and the tasks and frames them (the corpora's extraction is unchanged)
    text = ("（一）着力稳定宏观经济大盘，保持经济运行在合理区间。\n\n今年发展主要预期目标是：国内生产总值增长5.5%左右；"
            "城镇新增就业1100万人以上。\n\n积极的财政政策要提升效能，更加注重精准、可持续。今年赤字率拟按2.8%左右安排。\n")
    assert headings(text) == [("goal", "着力稳定宏观经济大盘，保持经济运行在合理区间"),
                              ("measure", "积极的财政政策要提升效能，更加注重精准、可持续")]
    report = ("（一）经济运行稳中有进。去年国内生产总值增长8.1%。\n\n今年发展主要预期目标是：国内生产总值增长5.5%左右。\n\n"
              "（一）着力稳定宏观经济大盘，保持经济运行在合理区间。\n\n扩大有效投资。今年拟安排专项债券3.65万亿元。\n")
    assert [name for kind, name in headings(report) if kind == "goal"] == ["着力稳定宏观经济大盘，保持经济运行在合理区间"]


# A national section (2016) as a report that numbers its task sections with Arabic numerals prints it.
ARABIC = ("3.深挖国内需求潜力，开拓发展更大空间。适度扩大需求总量，积极调整改革需求结构。\n\n"
          "增强消费拉动经济增长作用。适应消费升级趋势，破除政策障碍，提高消费能力。\n\n"
          "发挥有效投资对稳增长调结构的关键作用。今年要启动一批重大项目。\n\n"
          "4.加快发展现代农业，促进农民持续增收。推进农业现代化。\n\n"
          "（1）稳定粮食生产。完善粮食收储制度。")


def test_arabic_numbers_head_the_sections_where_nothing_else_does() -> None:
    structure = parse_structure(ARABIC)
    assert structure.goal_names == ["深挖国内需求潜力，开拓发展更大空间", "加快发展现代农业，促进农民持续增收"]
    assert [m.name for m, _, _ in structure.sections[0].measures] == ["增强消费拉动经济增长作用",
                                                                      "发挥有效投资对稳增长调结构的关键作用"]
    assert [m.name for m, _, _ in structure.sections[1].measures] == ["稳定粮食生产"]  # the other numbering


def test_arabic_numbers_under_a_section_heading_number_its_measures() -> None:
    text = "（三）深挖国内需求潜力，开拓发展更大空间。\n\n1.增强消费拉动经济增长作用。提高消费能力。\n\n2.发挥有效投资的关键作用。启动一批重大项目。"
    structure = parse_structure(text)
    assert structure.goal_names == ["深挖国内需求潜力，开拓发展更大空间"]
    assert [m.name for m, _, _ in structure.sections[0].measures] == ["增强消费拉动经济增长作用", "发挥有效投资的关键作用"]


def test_a_numbered_list_inside_a_news_report_heads_no_section() -> None:
    text = "记者从市发改委获悉，今年全市将重点推进三件事：\n\n2.建设一批重大项目，力争投资增长10%。\n\n3.扩大消费。"
    assert parse_structure(text).sections == []  # it does not open the text and does not start from 1


@pytest.mark.parametrize("text, goals", [
    # a section whose number was lost: a heading that opens with a verb over measures that do too
    ("深挖国内需求潜力，开拓发展更大空间。适度扩大需求总量。\n\n增强消费拉动经济增长作用。提高消费能力。\n\n"
     "发挥有效投资对稳增长调结构的关键作用。启动一批重大项目。", ["深挖国内需求潜力，开拓发展更大空间"]),
    ("加快建设现代化产业体系\n\n我市将加快建设现代化产业体系。推进先进制造业集群发展。\n\n培育新兴产业。大力发展新能源汽车。\n\n"
     "提升服务业水平。加快发展现代物流。", ["加快建设现代化产业体系"]),
    # later sections that lost their numbers too (the local dev file's wuhu-2024-t1): a heading alone in its paragraph
    # over measures that go on after their topic sentences, as the first
    ("优化政策机制，激发经济增长新动能。\n\n提高政策工具质效。全面优化整合政策体系。\n\n推动有效投资攻坚。撬动更多社会资本投资。\n\n"
     "提升核心竞争力，擦亮“芜湖制造”品牌。\n\n推进首位产业迈向世界级。巩固提升首位产业优势地位。",
     ["优化政策机制，激发经济增长新动能", "提升核心竞争力，擦亮“芜湖制造”品牌"]),
    # measures that stand alone, each above its body: nothing tells them from headings, so no later section
    ("优化政策机制，激发经济增长新动能。\n\n提高政策工具质效。\n\n全面优化整合政策体系。\n\n推动有效投资攻坚。\n\n"
     "撬动更多社会资本投资。", ["优化政策机制，激发经济增长新动能"]),
    # news reports: a headline that opens with a name, a lead with a date, someone's words
    ("东阳渡综合物流产业园开工建设\n\n4月15日，东阳渡综合物流产业园项目在衡阳开工。\n\n项目分两期建设。一期建设仓储设施。\n\n"
     "市领导出席开工仪式。据介绍，项目建成后将成为物流枢纽。", []),
    ("比亚迪项目落户衡阳。\n\n近日，比亚迪智能制造产业园项目正式签约。项目总投资100亿元。\n\n签约仪式在市政府举行。双方将加强合作。\n\n"
     "该项目预计年产值300亿元。建成后可带动就业5000人。", []),
    ("推动经济高质量发展。\n\n记者从市发改委获悉，今年我市将推进一批重大项目。\n\n市发改委负责人介绍，全市计划新开工项目200个。\n\n"
     "会议强调，要抓好项目建设。", []),
])
def test_a_text_without_numbered_headings_is_one_section_only_when_it_reads_as_one(text, goals) -> None:
    assert parse_structure(text).goal_names == goals


def test_paragraphs_opening_in_parallel_name_measures_longer_than_a_topic_sentence() -> None:
    """city-贺州-2024: each paragraph of a section opens on a sentence of one comma, longer than a topic sentence,
    whose second clause opens alike (聚焦…, 不断强化…): those are the measures. Sentences alike that open on a
    subject (cn-gwr-1979: 我们讲改革，就是要…) or a sentence of that length alone name none."""
    text = ("（四）千方百计统筹城乡发展，优化拓展高质量发展的空间布局。\n\n"
            "提升中心城区品质形象，不断强化聚产业、聚人才、聚人气的辐射带动功能。深入推进城市更新行动。\n\n"
            "推动县域经济提档升级，不断强化稳增长、稳就业、促创业的发展支撑作用。支持八步拓展延伸冶金循环。\n\n"
            "全面推进乡村振兴，不断强化惠民生、聚民心、促民富的基层基础保障。持续改善农村基础设施。\n\n"
            "（五）加快结构调整，推动经济发展方式转变。\n\n"
            "我们讲改革，就是要对现行经济管理体制坚决地有步骤地实行全面改革。这是一项长期任务。\n\n"
            "我们讲整顿，就是要把现有企业特别是一部分目前管理混乱的企业坚决整顿好。重点是领导班子。\n\n"
            "在农业连年丰收、农产品相对过剩的情况下，尤其要防止忽视、放松农业的倾向。当前农业进入了新的阶段。")
    assert headings(text) == [
        ("goal", "千方百计统筹城乡发展，优化拓展高质量发展的空间布局"),
        ("measure", "提升中心城区品质形象，不断强化聚产业、聚人才、聚人气的辐射带动功能"),
        ("measure", "推动县域经济提档升级，不断强化稳增长、稳就业、促创业的发展支撑作用"),
        ("measure", "全面推进乡村振兴，不断强化惠民生、聚民心、促民富的基层基础保障"),
        ("goal", "加快结构调整，推动经济发展方式转变")]


def test_the_one_paragraph_not_opening_on_a_topic_sentence_opens_on_a_longer_one() -> None:
    """The 2024 national report: of a section's two measures, one is a sentence of one comma too long for a topic
    sentence. Not where it holds a figure or says what something is, nor where two paragraphs open so."""
    def section(first: str, second: str = "增强重点领域安全保障能力。完善粮食生产收购储存加工体系。") -> str:
        return ("（六）更好统筹发展和安全，有效防范化解重点领域风险。坚持标本兼治、远近结合，牢牢守住底线。\n\n"
                f"{first}完善重大风险处置统筹协调机制，提升处置效能。\n\n{second}")
    measure = "标本兼治化解房地产、地方债务、中小金融机构等风险，维护经济金融大局稳定"
    assert [name for kind, name in headings(section(measure + "。")) if kind == "measure"] == [
        measure, "增强重点领域安全保障能力"]
    figure = "继续提高粮食最低收购价，今年小麦最低收购价平均每50公斤提高7.4元。"
    saying = "加强民族团结、维护祖国统一和社会稳定，是全国各族人民的共同愿望。"
    for first in (figure, saying):
        assert [name for kind, name in headings(section(first)) if kind == "measure"] == ["增强重点领域安全保障能力"]
    two = section(measure + "。", "积极支持国防和军队建设，做好国防动员、退役军人事务、双拥工作。做好双拥工作。")
    assert [name for kind, name in headings(two) if kind == "measure"] == []


def test_a_measure_printed_after_its_sections_heading_is_one_where_the_reports_sections_print_it_so() -> None:
    """city-衢州-2024 prints each section's first topic sentence on the heading's line, after its 。; the paragraphs
    after it open on measures. One such sentence among sections that print none is an introduction (city-威海-2024:
    打铁必须自身硬。), as are sentences with commas (the gold files' introductions)."""
    body = "高标准实施六大产业链三年行动计划，迭代完善系统抓总机制。"
    def section(number: str, goal: str, first: str, second: str) -> str:
        return f"（{number}）{goal}。{first}。{body}\n\n{second}。{body}\n\n"

    text = (section("一", "打好稳进提质组合拳，着力推动经济回升向好", "提升政策撬动力", "夯实投资基本盘")
            + section("二", "全面推进五链深度融合，着力加快新型工业化步伐", "合力锻造标志性产业链", "培育壮大优质企业方阵")
            + section("三", "持续提升中心城市能级，着力推进新型城镇化", "做强中心城市功能", "增强县城发展活力"))
    measures = [name for kind, name in headings(text) if kind == "measure"]
    assert measures == ["提升政策撬动力", "夯实投资基本盘", "合力锻造标志性产业链", "培育壮大优质企业方阵",
                        "做强中心城市功能", "增强县城发展活力"]
    alone = section("二", "全面推进五链深度融合，着力加快新型工业化步伐", "合力锻造标志性产业链", "培育壮大优质企业方阵")
    assert [name for kind, name in headings(alone) if kind == "measure"] == ["合力锻造标志性产业链", "培育壮大优质企业方阵"]
    one_of_three = text.replace("提升政策撬动力。", "").replace("做强中心城市功能。", "")
    assert [name for kind, name in headings(one_of_three) if kind == "measure"] == [
        "夯实投资基本盘", "培育壮大优质企业方阵", "增强县城发展活力"]


@pytest.mark.parametrize("after", ["版权所有：中国政府网 © 2024", "责任编辑：张三", "附件：名词解释"])
def test_a_line_after_the_last_measure_does_not_make_it_an_introduction(after: str) -> None:
    """A web page's footer, an editor's name or a note's title below the report: the last section's one measure
    paragraph stays a measure (it introduced nothing; before, wuhu-2024-t1 as a web page lost its last measure)."""
    text = ("（一）推进产业升级。\n\n实施制造业技术改造升级工程。推进智能化改造，建设一批智能工厂。\n\n"
            "（二）扩大有效投资。\n\n加快重大项目建设。开工建设一批交通、水利和能源项目。\n\n")
    assert headings(text + after + "\n")[-1] == ("measure", "加快重大项目建设")
