"""The heading grammar on the layouts of the corpora: one test per layout, each on a short excerpt of a
real report (cut and shortened; the source is named in the test)."""

from __future__ import annotations

import pytest

from kg.model import Document
from pipelines.coverage import corpus_coverage
from pipelines.grammar import LINE_HEADING, topic_sentence
from pipelines.layout import prepare
from pipelines.structure import parse_structure

BODY = "统筹资金，撬动社会资本投资，推动实施重点项目，加快建设重大项目，增强民间投资活力，支持住房需求。" * 2


def tree(text: str) -> list[tuple[str, list[str]]]:
    structure = parse_structure(prepare(Document("d", text)).text)
    return [(s.goal.name, [m.name for m, _, _ in s.measures]) for s in structure.sections]


def test_heading_and_introduction_in_one_paragraph() -> None:
    # city-南充-2024
    text = ("（一）坚定推进制造强市，加快提振壮大工业经济。大力发展“3+2”主导产业，严格落实市县党政“一把手”抓工业责任。\n\n"
            f"提质增效稳存量。支持33户省市“贡嘎培优”企业加速释放产能。{BODY}\n\n"
            f"招大引强扩增量。围绕“3+2”主导产业建圈强链。{BODY}")
    assert tree(text) == [("坚定推进制造强市，加快提振壮大工业经济", ["提质增效稳存量", "招大引强扩增量"])]


def test_a_heading_without_full_stop_runs_to_the_end_of_its_line() -> None:
    # city-马鞍山-2024 (ASCII brackets)
    text = f"(一)坚定不移抓好生态文明建设，奋力书写美丽马鞍山新画卷\n\n狠抓环境治理。{BODY}\n\n加强生态修复。{BODY}"
    assert tree(text) == [("坚定不移抓好生态文明建设，奋力书写美丽马鞍山新画卷", ["狠抓环境治理", "加强生态修复"])]


def test_a_part_without_numbered_sections_is_the_goal_and_its_introduction_no_measure() -> None:
    # city-岳阳-2024: 一、 headings with no （一） below; a short introduction paragraph under each
    text = ("2024年工作安排\n\n一、立稳实体经济重要支柱，夯实高质量发展根基\n\n"
            "实体经济是发展的本钱。坚持把发展经济的着力点放在实体经济上，为现代化建设立柱架梁、夯基垒台。\n\n"
            f"全力深耕重点产业。以提升质量效益为核心，大力推进新型工业化。{BODY}\n\n"
            f"大力建设“五好”园区。坚持园区市场化、差异化、特色化发展。{BODY}\n\n"
            "全面加强政府自身建设\n\n把政治建设作为首要标准。坚持党的全面领导。")
    assert tree(text) == [("立稳实体经济重要支柱，夯实高质量发展根基", ["全力深耕重点产业", "大力建设“五好”园区"])]


def test_numbered_sections_under_a_part_are_the_goals() -> None:
    # cn-gwr-2005/2006 layout: 三、 above （一）; what stands between belongs to no section
    text = ("三、继续保持经济平稳较快发展\n\n今年经济发展要着重抓好以下四个方面工作。\n\n（一）坚持加强和改善宏观调控。\n\n"
            f"实施稳健的财政政策。今年要适当减少财政赤字。{BODY}\n\n继续实行稳健的货币政策。{BODY}")
    structure = parse_structure(text)
    assert [s.goal.name for s in structure.sections] == ["坚持加强和改善宏观调控"]
    assert structure.context_at(text.index("今年经济发展")) is None


def test_measures_after_a_dash_and_sub_points_inside_them() -> None:
    # city-十堰-2024: "——" measures; 强化企业创新主体地位。 inside the paragraph is a sub-point
    text = ("（一）大力推进新型工业化，加快构建现代产业体系\n\n"
            "牢牢把握新型工业化主攻方向，突破性发展一主四优多支撑产业，着力搭建供应链、重构产业链、提升价值链。\n\n"
            f"——加强科技创新引领。积极营造良好创新生态，以融合促创新。强化企业创新主体地位。{BODY}\n\n"
            f"——推进产业延链补链强链。加强供应链建设。{BODY}")
    assert tree(text) == [("大力推进新型工业化，加快构建现代产业体系", ["加强科技创新引领", "推进产业延链补链强链"])]


def test_full_width_indent_and_numbered_sub_points() -> None:
    # cn-gwr-2010: paragraphs indented with 　　; 一是/二是 sub-points and a 三是 paragraph are no measures
    text = ("（二）加快转变经济发展方式，调整优化经济结构\n\n\n"
            "　　转变经济发展方式刻不容缓。要大力推动经济进入创新驱动、内生增长的发展轨道。\n\n"
            f"　　继续推进重点产业调整振兴。一是加大技术改造力度。用好技改专项资金。二是促进企业兼并重组。{BODY}\n\n"
            f"　　进一步促进中小企业发展。一是建立和完善中小企业服务体系。{BODY}\n\n"
            f"　　三是加强对中小企业的金融支持。完善小企业信贷考核体系。{BODY}")
    assert tree(text) == [("加快转变经济发展方式，调整优化经济结构", ["继续推进重点产业调整振兴", "进一步促进中小企业发展"])]
    assert topic_sentence("三是加强对中小企业的金融支持。完善。", 0, 18) is None


def test_review_parts_hold_no_goals() -> None:
    # city-成都-2024: unnumbered part titles; the review's （N） headings report what was done
    text = ("2023年工作回顾\n\n一年来，主要开展了以下工作。\n\n（一）坚持科技引领、创新驱动，现代化产业体系加快构建\n\n"
            f"科技创新动力强劲。{BODY}\n\n2024年工作安排建议\n\n"
            "（一）坚定不移推动经济稳中有进，加快实现质的有效提升和量的合理增长。坚持稳中求进。\n\n"
            f"全力以赴扩大有效益的投资。{BODY}")
    structure = parse_structure(text)
    assert [s.goal.name for s in structure.sections] == ["坚定不移推动经济稳中有进，加快实现质的有效提升和量的合理增长"]
    assert any(start <= text.index("科技创新动力强劲") < end for start, end in structure.review_spans)


def test_a_plan_paragraph_opens_the_years_work_when_its_part_title_was_lost() -> None:
    # city-马鞍山-2024: the review's （N） series, then the year's targets, then a new （N） series
    text = ("一、2023年工作回顾\n\n(一)坚持稳中求进，经济运行“基本盘”更牢固。发挥投资关键作用。\n\n"
            "做好今年政府工作的总体要求是：坚持以习近平新时代中国特色社会主义思想为指导。\n\n"
            f"(二)坚定不移扩大有效需求，奋力稳定经济增长\n\n扩大有效投资。{BODY}")
    assert tree(text) == [("坚定不移扩大有效需求，奋力稳定经济增长", ["扩大有效投资"])]


def test_running_headers_and_page_jump_notes_are_skipped() -> None:
    # city-岳阳-2024 (a newspaper print): a running header and （上接第1版） inside a measure's text
    text = (f"二、把握扩大内需战略基点，打造高质量发展引擎\n\n强化项目为王导向。{BODY}\n\n政 府 工 作 报 告\n\n"
            f"（上接第1版）加快基础设施建设。{BODY}")
    assert tree(text) == [("把握扩大内需战略基点，打造高质量发展引擎", ["强化项目为王导向", "加快基础设施建设"])]


def test_the_glossary_at_the_end_belongs_to_no_section() -> None:
    # city-来宾-2024
    text = (f"（一）坚定不移推动新型工业化\n\n推动产业升级。{BODY}\n\n名词解释\n\n"
            "高质量发展“四个专项行动”：自治区提出在第二批主题教育期间，深入开展统筹推进高质量发展“四个专项行动”。")
    structure = parse_structure(text)
    assert structure.context_at(text.index("四个专项行动")) is None


def test_a_report_with_few_line_breaks() -> None:
    # city-泸州-2024: the whole report on one line, part titles glued to the text
    review = "2023年工作回顾2023年是全面贯彻党的二十大精神的开局之年。" + "项目投资拉动有力，经济发展质效稳中有升，" * 60 + "成效明显。"
    plan = ("（一）千方百计稳增长，经济发展质效稳中有升。项目投资拉动有力。" + BODY * 4 +
            "2024年工作安排建议2024年是实施“十四五”规划的关键一年。（一）聚焦抓项目增效益，持续巩固经济回升势头。"
            "坚持项目为王。大力实施项目投资攻坚行动。" + BODY * 3 + "大力实施招商引资突破行动。" + BODY * 3)
    sections = tree(review + plan)
    assert sections == [("聚焦抓项目增效益，持续巩固经济回升势头", ["大力实施项目投资攻坚行动", "大力实施招商引资突破行动"])]


def test_a_sentence_with_a_figure_inside_a_run_in_paragraph_is_no_measure() -> None:
    # city-潍坊-2024 (a review): the whole report on one line; 新改建农村公路406公里。 is a target, not a topic sentence,
    # while a programme's code in quotes is no figure (实施项目招引“4833”工程。, city-淮安-2024)
    review = "2023年工作回顾2023年是全面贯彻党的二十大精神的开局之年。" + "项目投资拉动有力，经济发展质效稳中有升，" * 60 + "成效明显。"
    plan = ("2024年工作安排建议2024年是实施“十四五”规划的关键一年。（一）聚力推进乡村全面振兴。"
            "坚持项目为王。提升乡村建设水平。" + BODY * 3 + "新改建农村公路406公里。" + BODY * 2
            + "实施项目招引“4833”工程。" + BODY * 3)
    sections = tree(review + plan)
    assert sections == [("聚力推进乡村全面振兴", ["提升乡村建设水平", "实施项目招引“4833”工程"])]


def test_a_run_in_paragraph_of_sub_points_names_no_measures() -> None:
    # city-菏泽-2024 (a review): a section's one paragraph runs its sub-points in (一是…。二是…。); the GUIDELINES make
    # no MEASURE of them, nor of the short sentences inside them
    review = "2023年工作回顾2023年是全面贯彻党的二十大精神的开局之年。" + "项目投资拉动有力，经济发展质效稳中有升，" * 60 + "成效明显。"
    plan = ("2024年工作安排建议2024年是实施“十四五”规划的关键一年。（一）坚定不移推进乡村振兴。"
            "充分学习运用“千万工程”经验，推动农业农村优先发展。一是持续壮大乡村产业。" + BODY * 2
            + "加快巨野县国家农业现代化示范区建设。" + BODY + "二是大力推进乡村建设。" + BODY + "加快实现建制村物流服务全覆盖。" + BODY
            + "（二）坚定不移增进民生福祉。坚持尽力而为、量力而行。一是持续提升教育质量。" + BODY
            + "二是着力打造健康菏泽。积极推进国家区域医疗中心等重点卫生项目建设。" + BODY)
    structure = parse_structure(prepare(Document("d", review + plan)).text)
    assert [h.name for h in structure.headings if h.kind == "goal"] == ["坚定不移推进乡村振兴", "坚定不移增进民生福祉"]
    assert [h.name for h in structure.headings if h.kind == "measure"] == []


def test_a_hard_wrapped_report_whose_line_breaks_became_spaces() -> None:
    # city-枣庄-2024: a PDF copy on one line, a space wherever the page's line ended (a word may be cut there)
    paragraphs = ["一、2024年工作安排", "（一）推动产业升级，夯实发展支撑", "提升园区能级。" + BODY, "扩大有效投资。" + BODY,
                  "（二）深化创新驱动，培育竞争优势", "建设创新平台。" + BODY]
    lines = [paragraph[at:at + 28] for paragraph in paragraphs for at in range(0, len(paragraph), 28)]
    text = " ".join(lines)
    assert "\n" not in text and BODY[:40] not in text  # the premise: no line break, words cut by the page's lines
    assert tree(text) == [("推动产业升级，夯实发展支撑", ["提升园区能级", "扩大有效投资"]),
                          ("深化创新驱动，培育竞争优势", ["建设创新平台"])]
    prepared = prepare(Document("d", text)).text
    assert BODY[:40] in prepared  # the words the page's lines cut are whole again


def test_a_run_in_heading_line_short_by_its_lost_indent_goes_on_with_the_next_line() -> None:
    # city-枣庄-2024: "（一）聚力加快产业升级，夯实高质量发展支撑。坚持主 攻实体经济不动摇" (the indent lost with the line break)
    def wrapped(paragraph: str, width: int = 28, indent: int = 2) -> list[str]:
        first = width - indent
        return [paragraph[:first]] + [paragraph[at:at + width] for at in range(first, len(paragraph), width)]
    paragraphs = ["一、2024年工作安排", "（一）推动产业升级，夯实发展支撑。坚持主攻实体经济不动摇，加速构建现代化产业体系。" + BODY * 2,
                  "（二）深化创新驱动，培育竞争优势。" + BODY * 2]
    text = " ".join(line for paragraph in paragraphs for line in wrapped(paragraph))
    assert "实体经济不 动摇" in text
    assert "实体经济不动摇" in prepare(Document("d", text)).text


def test_a_keyword_heading_with_its_name_on_the_next_line() -> None:
    text = "关键词\n产业强市\n\n目标：打造产业强市\n\n措施一：聚焦先进制造业\n\n加快比亚迪智能制造产业园建设。"
    assert tree(text) == [("产业强市", ["聚焦先进制造业"])]


@pytest.mark.parametrize("gap", ["", " ", "\u3000\u3000"])
def test_a_heading_without_its_stop_in_a_report_on_one_line(gap: str) -> None:
    # city-泸州-2024: the heading's line break lost, its first measure glued to it (or a space, or an indent, in its place)
    review = "2023年工作回顾2023年是全面贯彻党的二十大精神的开局之年。" + "项目投资拉动有力，经济发展质效稳中有升，" * 60 + "成效明显。"
    text = review + ("2024年工作安排建议2024年是实施“十四五”规划的关键一年。（一）聚焦抓项目增效益，持续巩固经济回升势头" + gap +
            "大力实施项目投资攻坚行动。" + BODY * 3 + "大力实施招商引资突破行动。" + BODY * 3 +
            "（二）聚焦生态文明建设，筑牢长江上游重要生态屏障" + gap + "深入打好污染防治攻坚战。" + BODY * 3 +
            # the body's first sentence has commas, and an adjective (新) is no task's first word
            "（三）坚持创新驱动发展，在科技自立自强上实现新突破" + gap + "加快建设创新平台，推动成果转化。" + BODY * 3)
    assert [goal for goal, _ in tree(text)] == ["聚焦抓项目增效益，持续巩固经济回升势头", "聚焦生态文明建设，筑牢长江上游重要生态屏障",
                                                "坚持创新驱动发展，在科技自立自强上实现新突破"]
    assert tree(text)[:2] == [("聚焦抓项目增效益，持续巩固经济回升势头", ["大力实施项目投资攻坚行动", "大力实施招商引资突破行动"]),
                              ("聚焦生态文明建设，筑牢长江上游重要生态屏障", ["深入打好污染防治攻坚战"])]


def test_a_heading_of_two_clauses_stays_whole_where_the_text_kept_its_line_breaks() -> None:
    text = f"（一）坚持集中集约，加快推动城市内涵发展强力推进“一城一区”建设。\n\n提升城市品质。{BODY}"
    assert [goal for goal, _ in tree(text)] == ["坚持集中集约，加快推动城市内涵发展强力推进“一城一区”建设"]


def test_a_report_on_one_line_whose_paragraphs_end_with_a_space() -> None:
    # city-潍坊-2024: numbered parts with their titles (二、2024年政府工作安排), a space for each line break
    review = "一、2023年工作回顾 过去的一年，极不寻常。" + "全市经济运行稳中向好，发展质效不断提升。" * 60 + " "
    plan = ("二、2024年政府工作安排 2024年政府工作总的要求是：" + "坚持稳中求进工作总基调，" * 10 + "持续推动经济实现质的有效提升。 "
            "按照以上目标要求，聚力抓好以下工作： "
            "（一）聚力推动经济平稳增长。把扩大内需摆在更加突出位置。" + BODY * 3 + " 扩大有效投资。" + BODY * 3 +
            " 三、全面加强政府自身建设 新形势新任务，对政府自身建设提出了新的更高要求。" + BODY)
    assert [goal for goal, _ in tree(review + plan)] == ["聚力推动经济平稳增长", "全面加强政府自身建设"]


def test_numbered_points_head_the_goals_of_a_plan_part_without_numbered_sections() -> None:
    # city-甘孜-2024: 第一，… under 三、2024年工作安排
    text = ("三、2024年工作安排\n\n今年是新中国成立75周年。重点抓好以下工作。\n\n第一，竭力厚植比较优势，融入全省经济文化体系\n\n"
            f"增强现代交通枢纽辐射力。{BODY}\n\n第二，构建现代产业体系，推动内生造血\n\n增强产业支撑力。{BODY}")
    assert [goal for goal, _ in tree(text)] == ["竭力厚植比较优势，融入全省经济文化体系", "构建现代产业体系，推动内生造血"]


def test_numbered_points_before_parts_that_head_goals_are_the_introductions() -> None:
    # city-雅安-2024: 一是坚决把…, 二是… in the frame, then the tasks under 一、, 二、 (cn-gwr-2015: 第一，… before
    # 三、…, 四、…): the points head no goal, the parts do; one closing part after the points (city-扬州-2024's
    # 三、加强政府自身建设) leaves them the goals
    points = ("2024年工作安排\n\n做好今年政府工作，我们将重点把握以下方面。\n\n一是坚决把“一区一地引领”作为方向指引，"
              f"提升战略位势。{BODY}\n\n二是坚决把“两轴三圈联动”作为空间形态，重塑经济地理。{BODY}\n\n")
    parts = (f"一、建设“一区一地”，培育高质量发展新动能\n\n增强产业支撑力。{BODY}\n\n"
             f"二、着力扬优成势，加快提升产业能级\n\n推动工业提质。{BODY}")
    assert [goal for goal, _ in tree(points + parts)] == ["建设“一区一地”，培育高质量发展新动能", "着力扬优成势，加快提升产业能级"]
    closing = f"三、加强政府自身建设\n\n坚持依法行政。{BODY}"
    assert [goal for goal, _ in tree(points + closing)] == [
        "坚决把“一区一地引领”作为方向指引，提升战略位势", "坚决把“两轴三圈联动”作为空间形态，重塑经济地理", "加强政府自身建设"]


def test_layout_repair_never_joins_heading_or_sub_point_lines() -> None:
    for line in ("（一）加快建设", "一、2024年工作安排", "一是加大技术改造力度", "第一，调整和优化农业结构", "(二)坚定不移"):
        assert LINE_HEADING.match(line), line


def test_coverage_counts_documents_goals_and_measures() -> None:
    report = corpus_coverage("demo", [Document("a", f"（一）推动发展\n\n提高质效。{BODY}"), Document("b", "一段新闻。")])
    assert (report["documents"], report["with_goals"], report["goals"], report["measures"]) == (2, 1, 1, 1)
    assert report["without_goals"] == ["b"]


def test_a_section_of_a_report_on_one_line_whose_body_opens_with_what_a_thing_is() -> None:
    # cn-local-dev's yueyang-2024-s1 and wuhu-2024-t1 without their line breaks: a section shorter than a run-in line
    # is split at the headings inside it too, and a heading ends before its body's first sentence saying what a
    # thing is (实体经济|是发展的本钱), at the longest subject (实体经济, not 经济)
    text = ("一、立稳实体经济重要支柱，夯实高质量发展根基实体经济是发展的本钱。坚持把发展经济的着力点放在实体经济上。"
            "全力深耕重点产业。" + BODY * 2 + "大力建设“五好”园区。" + BODY * 2 +
            "二、把握扩大内需战略基点，打造高质量发展引擎激发有潜能的消费，扩大有效益的投资。" + BODY * 2)
    assert "\n" not in text and len(text) < 2000
    assert [goal for goal, _ in tree(text)] == ["立稳实体经济重要支柱，夯实高质量发展根基", "把握扩大内需战略基点，打造高质量发展引擎"]
