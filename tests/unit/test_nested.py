"""Places and organisations read inside a project's name (pipelines.components.nested)."""

import functools

import pytest

from pipelines.components.candidates import Candidate
from pipelines.components.factories import TokenTags, token_offsets
from pipelines.components.nested import analyse_project
from pipelines.extract import build_nlp
from pipelines.lexicon import Lexicon

pytestmark = pytest.mark.pipeline  # reads names with the pipeline's own tokenizer


@functools.cache
def nlp():
    return build_nlp("jieba", variant="rules")


def inside(name: str, *, strict_companies: bool = False) -> list[tuple[str, str, str | None]]:
    """What the resolver reads inside ``name`` as a whole project, with the pipeline's own tokens and tags."""
    doc = nlp().make_doc(name)
    starts, ends = token_offsets(doc)
    tags = TokenTags(doc, name, starts, ends)
    tokens = [(starts[i], ends[i], tags[i]) for i in range(len(starts))]
    lexicon = Lexicon.default()
    project = Candidate(0, len(name), "PROJECT", "test")
    return [(c.label, name[c.start:c.end], relation)
            for c, relation in analyse_project(name, project, tokens, lexicon, strict_companies=strict_companies)]


@pytest.mark.parametrize(("name", "expected"), [
    ("比亚迪智能制造产业园", [("ORG", "比亚迪", "INVOLVES")]),
    # a company after the place the plant stands in
    ("扶绥县珀源新材料产业园", [("PLACE", "扶绥县", "LOCATED_IN"), ("ORG", "珀源", "INVOLVES")]),
    # a capacity is not part of the company's name
    ("华纤年产5万吨浆粕项目", [("ORG", "华纤", "INVOLVES")]),
    # a county named without its ending is a place, not a company
    ("普安地瓜一号", [("PLACE", "普安", "LOCATED_IN")]),
    # the near end of a route starts after the road's number and name
    ("G80广昆高速南宁至百色段改扩建工程", [("PLACE", "南宁", "LOCATED_IN"), ("PLACE", "百色", "LOCATED_IN")]),
    ("昭黔铁路遵义至铜仁段", [("PLACE", "遵义", "LOCATED_IN"), ("PLACE", "铜仁", "LOCATED_IN")]),
    # a city's name and a common word: a company (宁德时代), not a place; a country says an origin
    ("宁德时代新能源电池产业项目", [("ORG", "宁德时代", "INVOLVES")]),
    # a rare word and a common one are still a company's short name
    ("特变电工南方智能电网产业园", [("ORG", "特变电工", "INVOLVES")]),
    ("西班牙猪肉产业链", [("PLACE", "西班牙", None)]),
    # a word the dictionary does not know opens the name: a company; one it knows as an organisation, too
    ("赛力斯扩能", [("ORG", "赛力斯", "INVOLVES")]),
    ("易捷特新车型", [("ORG", "易捷特", "INVOLVES")]),
    ("浙江大学生命健康联合创新中心", [("ORG", "浙江大学", "INVOLVES")]),
    ("中国电信智算中心", [("ORG", "中国电信", "INVOLVES")]),
    # a natural feature before the works built on it is a place, a big river after its crossing's place too
    ("柏临河生态廊道", [("PLACE", "柏临河", "LOCATED_IN")]),
    ("舒家嘴片区", [("PLACE", "舒家嘴", "LOCATED_IN")]),
    ("田家河铁路专用线", [("PLACE", "田家河", "LOCATED_IN")]),
    ("茜草长江大桥", [("PLACE", "茜草", "LOCATED_IN"), ("PLACE", "长江", "LOCATED_IN")]),
    # abbreviated ends that open a route's name are no places; a segment's end is, without 段
    ("沪苏湖高铁", []),
    ("宜湖铁路", []),
    ("中欧班列集结中心", []),  # a train service is a route: 中欧 abbreviates its ends
    ("S222桐坪至长塘段改建", [("PLACE", "桐坪", "LOCATED_IN"), ("PLACE", "长塘", "LOCATED_IN")]),
    # the division a closing segment runs through, which the segmenter glued to 段 (内|江段)
    ("川渝特高压交流工程（内江段）", [("PLACE", "内江", "LOCATED_IN")]),
    ("建武高速婺城段", [("PLACE", "婺城", "LOCATED_IN")]),
])
def test_names_inside_a_project(name, expected):
    assert inside(name) == expected


@pytest.mark.parametrize("name", [
    "中山市域铁路S1线",  # 中山市 | 域铁路S: the rest of a cut word, not a company
    "珠江西岸综合交通枢纽",  # 西岸: a bank of the river
    "温泉大道",  # a word that ends like a geographic name
    "安顺古城历史文化旅游区",  # 古城|历史: two common words describe the place, no company holds it
    "攀西战略资源创新开发试验区",  # 战略|资源
    "沈丹铁路外迁工程",  # a route's name, not a company
    "白雅路延伸段",  # an unknown word that is a road's own name
    "金丽温开放大通道",  # an unknown word made of cities' initials (金华, 丽水, 温州)
    "零碳产业园",  # an unknown descriptive word
    "南水北调东线二期工程",  # a national project (data/national_projects.txt), not a company
    "引江济淮二期工程",  # 引江济: the start of one
    "王安石大道改造",  # a street named after a person (city-抚州-2024), a place or a wish (腾飞路上跨南二环)
    "米仓大道",
    "双子塔北塔",  # a tower (city-银川-2024), a temple: buildings, not companies
    "大佛寺—李家湾闸坝段水污染防治及生态修复",
])
def test_fragments_are_not_organisations(name):
    assert all(label != "ORG" for label, _, _ in inside(name))


def test_a_district_of_another_province_is_no_place_in_a_reports_project_names():
    from pipelines.components.lexical import find_places

    report = "宜昌市加快伍家岗、猇亭建设。宜昌要实施花溪路快速化改造。"
    find_places(report, None)  # the text is about 湖北 (宜昌 twice, 伍家岗, 猇亭): 花溪 (贵阳) is foreign here
    start = report.index("花溪路")
    doc = nlp().make_doc(report)
    starts, ends = token_offsets(doc)
    tags = TokenTags(doc, report, starts, ends)
    tokens = [(starts[i], ends[i], tags[i]) for i in range(len(starts)) if start <= starts[i] < start + 3]
    found = analyse_project(report, Candidate(start, start + 3, "PROJECT", "test"), tokens, Lexicon.default())
    assert [report[c.start:c.end] for c, _ in found if c.label == "PLACE"] == []
    assert inside("花溪路")[0][:2] == ("PLACE", "花溪")  # with no home province known, it is read as before


@pytest.mark.parametrize("name", ["城市轨道交通", "海洋经济示范区", "农村公路",
                                  # common words the segmenter's dictionary tags as places (ns)
                                  "美丽中国先行区", "深海科技创新公共平台"])
def test_generic_words_that_end_like_places_are_no_places(name):
    assert inside(name) == []


@pytest.mark.parametrize(("name", "company"), [
    ("智慧社区二期", None),  # a common word describes the works
    ("集成电路装备产业园", None),  # a sector
    ("西气东输", None),  # no works after it: the name runs on
    ("比亚迪智能制造产业园", "比亚迪"),
    ("特变电工南方智能电网产业园", "特变电工"),
    ("赛力斯扩能", "赛力斯"),
    ("宁德时代新能源电池产业项目", "宁德时代"),
    ("共同富裕先行区", None),  # a zone the government designates opens on a theme, not a company
    ("科创金融改革试验区", None),
    # a company-type word after the short name is part of the company's name, unless it opens the works
    ("华天科技晶圆级先进封测基地", "华天科技"),
    ("伊戈尔电气生产基地", "伊戈尔电气"),
    ("安大科技园六安分园", "安大"),  # 安大 (安徽大学) builds a 科技园
    ("修正药业", None),  # a plant named by its company alone: no separate organisation (GUIDELINES)
    # two cities' initials before what they build together (city-芜湖-2024's gold: no ORG in 亳芜现代产业园区)
    ("亳芜现代产业园区", None),
    ("扬泰国际机场二期", None),
    ("深哈产业园", None),
    ("宝武高端取向硅钢", "宝武"),  # initials too, but before what a company makes, not a shared park
    ("王阳明纪念馆", None),  # the person a place honours (city-宁波-2024), no company
    # the hospital whose campus it is, not the person it honours (the gold's 市二医院|传染病院区)
    ("邵逸夫医院宁波院区", "邵逸夫医院"),
])
def test_the_final_resolver_reads_fewer_company_names(name, company):
    found = [text for label, text, _ in inside(name, strict_companies=True) if label == "ORG"]
    assert found == ([company] if company else [])


def test_a_town_of_another_province_opening_a_project_is_a_company():
    """In a report on 山东, 旭阳 (a town's short name elsewhere, no place here) opening a plant's name is its
    company; a port named after a village stays a place's name, not a company's."""
    from pipelines.extract import Extractor
    from pipelines.ingest import document_from_text

    extractor = Extractor()

    def found(text):
        return {(e.text, e.label) for e in extractor.extract(document_from_text(text, "t")).spans}

    assert ("旭阳", "ORG") in found("菏泽市牡丹区、曹县、单县加快旭阳化工20万吨尼龙66等支撑项目建设。")
    assert ("陶圩", "ORG") not in found("淮南市潘集区、凤台县、寿县加快建设陶圩综合码头、新桥作业区等项目。")


@pytest.mark.parametrize(("name", "place"), [
    ("大藤峡水利枢纽工程", "大藤峡"),  # city-来宾-2024: a gorge, no company
    ("邓家坝片区迎霞路", "邓家坝"),  # city-内江-2024: a dam's village
    ("十八联圩生态湿地", "十八联圩"),  # city-合肥-2024: a polder
])
def test_a_feature_the_gazetteer_lacks_is_a_place_in_the_final_resolver(name, place):
    assert inside(name, strict_companies=True) == [("PLACE", place, "LOCATED_IN")]


@pytest.mark.parametrize(("name", "expected"), [
    ("西部陆海新通道", [("PLACE", "西部", "LOCATED_IN")]),  # the gold files mark the region in the corridor
    ("西南出海通道", [("PLACE", "西南", "LOCATED_IN")]),
    ("东部新城", []),  # a direction opening a city's part names no place
    ("西部时尚城", []),
])
def test_a_corridor_for_a_macro_region_lies_in_that_region(name, expected):
    assert inside(name, strict_companies=True) == expected


def test_the_region_of_a_corridor_is_read_after_the_tagger_only():
    assert inside("西部陆海新通道") == []  # the tagger's features (models/tagger.npz) hold what the rules read before it
