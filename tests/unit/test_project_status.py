"""Stage, hedge, investment and capacity of PROJECT mentions (pipelines/components/project_status.py), on
sentences of the local reports in ../shared/corpus/cn-local-2024-2025.jsonl (quoted, not read from there)."""

from __future__ import annotations

import pytest

from kg.model import Document, Extraction, Span
from pipelines.components.project_status import STAGES, project_status
from pipelines.lexicon import read_table


def status(sentence: str, name: str) -> dict:
    start = sentence.index(name)
    return project_status(sentence, start, start + len(name))


TRANSPORT = ("加速构建综合立体对外交通网，杭甬高速复线一期、甬金铁路等项目建成投用，甬舟铁路、杭甬高速复线二期等项目"
             "加快推进，杭甬高速复线三期等项目开工建设。")
HIGHWAYS = ("完善基础交通网络，加快建设亳蒙高速二期、徐淮阜高速亳州段，开工建设亳郸高速项目，推进涡利高速前期工作，"
            "谋划蒙城至淮南高速公路项目，实施G311等9个国省干线项目。")


@pytest.mark.parametrize(("sentence", "name", "stage", "cue"), [
    (TRANSPORT, "甬金铁路", "建成", "建成投用"),
    (TRANSPORT, "杭甬高速复线一期", "建成", "建成投用"),  # the list's predicate, after the last item
    (TRANSPORT, "甬舟铁路", "续建", "加快推进"),
    (TRANSPORT, "杭甬高速复线三期", "开工", "开工建设"),
    (HIGHWAYS, "亳蒙高速二期", "续建", "加快建设"),
    (HIGHWAYS, "亳郸高速", "开工", "开工建设"),
    (HIGHWAYS, "涡利高速", "谋划", "前期工作"),
    (HIGHWAYS, "蒙城至淮南高速公路", "谋划", "谋划"),
    ("光伏产业，长利1号生产线、一道新能源组件等项目投产，东方希望光伏材料、新福兴、南玻、德金等项目加快建设。",
     "一道新能源组件", "投产", "投产"),
    ("推动汇宇欧盟标准注射剂产业化基地（二期）、乐鸿科技射频电子标签、晶华胶粘新材料西南生产基地（一期）等项目竣工投产，"
     "工业投资、技改投资分别增长30%、15%以上。", "乐鸿科技射频电子标签", "投产", "竣工投产"),
    ("推动知名高校合作办学，提升职业院校办学水平，探索双元制职业教育模式，建成投用扬州职大高邮湖校区，设立高水平产业学院5个。",
     "扬州职大高邮湖校区", "建成", "建成投用"),
    ("三亚护理职业学院、三亚明德双语学校等中外合作办学院校开工建设，一批国际学校签约合作。", "三亚明德双语学校", "开工",
     "开工建设"),
    ("推进赛力斯扩能、沃尔沃高端商用车和发动机等项目落地。", "赛力斯扩能", "签约", "落地"),
    ("京博动能转换综合体、滨华碳三碳四、鲁北万润锂电、渤中19-6凝析气田等百亿级项目陆续建成投产。", "鲁北万润锂电", "投产",
     "建成投产"),  # not 续建 inside 陆续建成
    ("推动抚州电厂二期加快核准，争取早日开工建设。", "抚州电厂二期", "谋划", "核准"),  # what 加快 speeds up
    ("长三角（芜湖）智算中心建成投用，芜湖集群算力调度与公共服务平台上线运行。", "芜湖集群算力调度与公共服务平台", "建成",
     "上线运行"),
    # a long list: the predicate is more than 40 characters after the first item
    ("推动汇宇欧盟标准注射剂产业化基地（二期）、乐鸿科技射频电子标签、雄富蕊能显示面板精深加工、中显智能新型触控显示模组生产基地、"
     "晶华胶粘新材料西南生产基地（一期）等项目竣工投产。", "汇宇欧盟标准注射剂产业化基地（二期）", "投产", "竣工投产"),
])
def test_the_stage_comes_from_the_clause_of_the_mention(sentence, name, stage, cue) -> None:
    found = status(sentence, name)
    assert (found.get("stage"), found.get("stage_cue")) == (stage, cue)


def test_nothing_is_found_where_the_clause_says_nothing() -> None:
    assert status("做强文化发展集团，打造全球稀土资源综合利用产业基地。", "全球稀土资源综合利用产业基地") == {}


def test_a_cue_in_another_clause_does_not_count() -> None:
    sentence = "建成投用大会展中心一期，杭州国际体育中心二期。"
    assert "stage" not in status(sentence, "杭州国际体育中心二期")


def test_capacity_in_the_name_with_a_count_of_units() -> None:
    sentence = ("装机容量均为2×66万千瓦的盘南、大湾低热值煤发电项目建设顺利推进；"
                "贵州能源水城2×66万千瓦燃煤发电项目正式动工。")
    found = status(sentence, "贵州能源水城2×66万千瓦燃煤发电")
    assert found["stage"] == "开工" and found["stage_cue"] == "动工"
    assert found["capacity"] == {"amount": 132.0, "unit": "万千瓦", "value": 1320000.0, "base_unit": "千瓦",
                                 "text": "2×66万千瓦"}


def test_capacity_after_a_lead_word_and_the_generic_stage() -> None:
    sentence = ("加快推进兖矿新疆煤化工年产6万吨三聚氰胺等项目建设，促进乌石化年产200万吨PTA及PX装置扩能、"
                "国能化工30万吨PGA等项目开工。")
    found = status(sentence, "兖矿新疆煤化工年产6万吨三聚氰胺")
    assert found["stage"] == "续建"
    assert found["capacity"] == {"amount": 6.0, "unit": "万吨", "value": 60000.0, "base_unit": "吨", "text": "年产6万吨"}
    assert "capacity" not in status(sentence, "国能化工")  # 30万吨 has no lead word and is not power


def test_investment_before_the_name_and_after_it() -> None:
    before = status("持续推进总投资130亿元的临空经济区基础设施建设。", "临空经济区基础设施")
    assert before["investment"] == {"amount": 130.0, "unit": "亿元", "value_yuan": 1.3e10, "text": "总投资130亿元"}
    after = status("开工建设衡阳综合物流园项目，总投资12.5亿元。", "衡阳综合物流园")
    assert after["investment"]["value_yuan"] == 1.25e9 and after["stage"] == "开工"


def test_an_aggregate_investment_is_not_a_projects() -> None:
    sentence = "强化项目谋划，建立项目策划储备库，在库项目1087个，总投资5395亿元。"
    assert "investment" not in status(sentence, "项目策划储备库")


def test_a_hedge_before_the_name_or_before_a_later_cue() -> None:
    assert status("力争宜昌港白洋港区二期年内建成。", "宜昌港白洋港区二期")["hedge"] == "力争"
    found = status("加快荆门东宝储能电站建设，确保年底建成投运。", "荆门东宝储能电站")
    assert (found["stage"], found.get("hedge")) == ("续建", None)  # 确保 … 建成 is in the next clause


def test_the_cue_table_names_only_known_stages() -> None:
    assert set(read_table("project_stages.txt").values()) == set(STAGES)


def test_project_attrs_go_on_the_mention_and_other_attrs_on_the_entity() -> None:
    text = "开工建设亳郸高速项目，力争增长6%。"
    spans = [Span("p", 4, 8, "PROJECT", "亳郸高速", {"stage": "开工", "stage_cue": "开工建设"}),
             Span("t", 13, 17, "TARGET", "增长6%", {"value": 6.0, "unit": "%"})]
    entities, _ = Extraction(Document("d", text), spans, [], [(0, 11), (11, len(text))]).graph()
    project, target = entities
    assert project.attrs == {} and project.mentions[0].attrs == {"stage": "开工", "stage_cue": "开工建设"}
    assert target.attrs == {"value": 6.0, "unit": "%"} and target.mentions[0].attrs == {}
