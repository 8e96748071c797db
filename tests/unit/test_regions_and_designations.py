"""A region of several cities is a place, without the verb or ordinal before it; a project seeking a designation is
two names, the project and the designation."""

from __future__ import annotations

import pytest

from pipelines.components.tagger import (
    _places_without_leading_words,
    _projects_after_verbs,
    _regions_as_places,
    _relabelled_by_figures,
)
from pipelines.ingest import Document

pytestmark = pytest.mark.pipeline


@pytest.mark.parametrize(("text", "place"), [
    # city-镇江-2024, prov-jiangxi-2025: 主动融入和服务长江经济带
    ("（一）区域协调\n\n主动融入和服务长江经济带发展、长三角一体化发展。", "长江经济带"),
    # city-广安-2024: 第二届成渝地区双城经济圈…合作大会
    ("（一）开放合作\n\n举办第二届成渝地区双城经济圈民营经济高质量发展合作大会。", "成渝地区双城经济圈"),
    # city-枣庄-2024: 省黄河流域生态保护
    ("（一）生态环境\n\n认真抓好中央环保督察、省黄河流域生态保护和高质量发展专项督察反馈问题整改。", "黄河流域"),
])
def test_a_region_starts_after_the_verb_ordinal_or_province_before_it(mentions, text: str, place: str) -> None:
    found = mentions(text, "PLACE")
    assert place in found
    assert not [other for other in found if other != place and other.endswith(place)]


@pytest.mark.parametrize(("text", "place"), [
    # prov-guangxi-2025: 建优建强北部湾经济区; city-徐州-2024: 高质量建设淮海经济区中心城市
    ("（一）区域协调\n\n建优建强北部湾经济区，加快珠江—西江经济带开发开放。", "北部湾经济区"),
    ("（一）区域协调\n\n高质量建设淮海经济区中心城市，全力推进省域副中心城市建设。", "淮海经济区"),
])
def test_a_region_of_several_cities_is_a_place_not_a_project(mentions, text: str, place: str) -> None:
    assert place in mentions(text, "PLACE")
    assert place not in mentions(text, "PROJECT")


def test_a_zone_that_is_built_stays_a_project_and_a_place_name_keeps_its_opening() -> None:
    text = "建设临空经济区，争创燃料电池汽车示范城市群，服务区"
    spans = [(2, 7, "PROJECT"), (10, 21, "PROGRAMME"), (22, 25, "PLACE")]
    assert _regions_as_places(text, spans) == spans
    assert _places_without_leading_words(text, spans, lambda name: False) == spans


@pytest.mark.parametrize(("text", "project", "designation"), [
    # city-蚌埠-2024: 推动龙子湖景区创建省级旅游度假区
    ("（一）文旅融合\n\n推动龙子湖景区创建省级旅游度假区、涂山风景区创建4A级旅游风景区。实施文艺精品提升行动。", "龙子湖景区",
     "省级旅游度假区"),
    # city-盐城-2024: 推动江苏沿海可再生能源技术创新中心申报国家技术创新中心
    ("（一）科技创新\n\n推动江苏沿海可再生能源技术创新中心申报国家技术创新中心。", "江苏沿海可再生能源技术创新中心", "国家技术创新中心"),
])
def test_a_project_seeking_a_designation_is_the_project_and_the_designation(mentions, text: str, project: str,
                                                                           designation: str) -> None:
    found = mentions(text, "PROJECT")
    assert project in found
    assert designation in found
    assert not [name for name in found if "创建" in name or "申报" in name]


def test_a_short_subject_of_a_designation_is_a_place() -> None:
    assert _projects_after_verbs("支持长岛创建国家公园", [(2, 10, "PROJECT")], ("园区",)) == [
        (2, 4, "PLACE"), (6, 10, "PROJECT")]


@pytest.mark.parametrize(("text", "label", "name"), [
    # cn-gwr-2011/2012/2013/2018: 认真落实西部大开发新十年的政策措施
    ("（一）区域协调\n\n认真落实西部大开发新十年的政策措施，全面振兴东北地区等老工业基地。", "PROGRAMME", "西部大开发"),
    # city-苏州-2024, city-成都-2024: 争创全国首批新型工业化示范区, 全力争创第二批天府实验室
    ("（一）产业升级\n\n深化“苏州智造”强基提质行动，争创全国首批新型工业化示范区。", "PROJECT", "新型工业化示范区"),
    # city-重庆-2024: 加快建设中西部国际交往中心 (its 中西部 read as a ministry, …部)
    ("（一）对外开放\n\n加快建设中西部国际交往中心，办好智博会。", "PLACE", "中西部"),
    # cn-gwr-2017: 带动我国装备、技术、标准、服务走出去
    ("（一）对外开放\n\n深化国际产能合作，带动我国装备、技术、标准、服务走出去。", "INDUSTRY", "装备"),
    # city-盐城-2024: 入选全国首批碳达峰试点城市
    ("（一）绿色转型\n\n全面推进绿色转型发展，入选全国首批碳达峰试点城市。", "PROGRAMME", "碳达峰试点城市"),
    # city-乌鲁木齐-2024, city-甘孜-2024: 打造全疆装备制造业高地, 严格落实全州减污降碳协同增效实施方案
    ("（一）先进制造\n\n延伸产业链条，打造全疆装备制造业高地。", "INDUSTRY", "装备制造业"),
    ("（一）绿色低碳\n\n突出重点抓降碳。严格落实全州减污降碳协同增效实施方案。", "PROGRAMME", "减污降碳协同增效实施方案"),
    # city-乌鲁木齐-2024: 全疆首座新能源重卡大型充换电站正式投运 (gold reads 全市|首座加氢站)
    ("（一）能源保障\n\n加快新能源汽车普及，全疆首座新能源重卡大型充换电站正式投运。", "PROJECT",
     "首座新能源重卡大型充换电站"),
])
def test_a_name_without_the_period_batch_or_country_around_it(mentions, text: str, label: str, name: str) -> None:
    found = mentions(text, label)
    assert name in found
    assert not [other for other in found if other != name and name in other]
    assert name not in mentions(text, "ORG")


def test_a_policy_named_by_its_figure_is_a_programme_and_a_count_of_policies_a_target() -> None:
    # city-合肥-2024, city-成都-2024, city-天津-2024
    text = "落细落实144小时过境免签政策，争取外国人144小时过境免签政策联动，推出56项“免申即享”政策"
    spans = [(4, 15, "TARGET"), (18, 34, "TARGET"), (37, 48, "TARGET")]
    assert [(text[a:b], label) for a, b, label in _relabelled_by_figures(text, spans)] == [
        ("144小时过境免签政策", "PROGRAMME"), ("外国人144小时过境免签政策", "PROGRAMME"), ("56项“免申即享”政策", "TARGET")]


def test_a_place_cut_inside_a_region_s_ending_runs_to_its_end(extractor) -> None:
    # city-广州-2024: 大湾|区保险服务中心, where the gazetteer knows a town 大湾
    text = "（一）金融开放\n\n加快筹设大湾区国际商业银行、大湾区保险服务中心。"
    places = [span for span in extractor.extract(Document(doc_id="d", text=text)).spans if span.label == "PLACE"]
    assert [span.text for span in places] == ["大湾区", "大湾区"]
    assert all(not span.attrs.get("full_name") for span in places)


def test_two_places_initials_inside_a_project_are_no_place_but_a_compass_region_is(mentions) -> None:
    # city-成都-2024 (gold train-local-07 gives 成渝中线高铁 and 成渝综合性科学中心 no PLACE)
    text = "（一）区域协同\n\n提速建设成渝中线高铁，共建成渝综合性科学中心，建设新疆能源西南煤炭储备基地。"
    places = mentions(text, "PLACE")
    assert "成渝" not in places
    assert "西南" in places


def test_an_anniversary_is_no_target(mentions) -> None:
    # cn-gwr-2017: 组织好内蒙古自治区成立70周年庆祝活动
    text = "（一）民族团结\n\n深入开展民族团结进步创建活动。组织好内蒙古自治区成立70周年庆祝活动。加大对民族地区发展支持力度。"
    assert not [name for name in mentions(text, "TARGET") if "周年" in name]


def test_the_year_s_number_of_graduates_is_no_target_but_graduates_to_attract_are(mentions) -> None:
    # cn-gwr-2017: 今年高校毕业生795万人，再创历史新高 (reviews of cn-gwr-2016 and cn-gwr-2017)
    text = ("（一）民生保障\n\n着力扩大就业。今年高校毕业生795万人，再创历史新高，要实施好就业促进计划。"
            "引进高校毕业生4万人以上。")
    targets = mentions(text, "TARGET")
    assert not [name for name in targets if "795万人" in name]
    assert [name for name in targets if "4万人" in name]


def test_a_target_held_at_a_level_keeps_its_metric(mentions) -> None:
    # as city-盐城-2024's 总产保持在|140亿斤以上 (gold: 粮食产量要稳定在5.5亿吨以上, 再生水利用率稳定在50%)
    text = ("（一）乡村振兴\n\n加强粮食和重要农产品稳产保供。稳定粮食播种面积，巩固大豆扩种成果，推动大面积提高粮食单产，"
            "粮食产量保持在1.3万亿斤以上。")
    assert mentions(text, "TARGET") == ["粮食产量保持在1.3万亿斤以上"]


@pytest.mark.parametrize(("text", "label", "name", "place"), [
    # city-三亚-2024, city-永州-2024: 积极争取全球自由贸易港论坛落户三亚, 争取东盟·湖南名优产品交易会永久落户永州
    ("（一）开放合作\n\n发展高水平特色会展产业，高规格办好2024亚洲种子大会等国际会展活动，积极争取全球自由贸易港论坛落户"
     "三亚，做强深海科技、南繁育种等优势领域专业型会展。", "PROGRAMME", "全球自由贸易港论坛", "三亚"),
    ("（一）开放合作\n\n扩大特色优势产品出口。争取东盟·湖南名优产品交易会永久落户永州。", "PROJECT", "东盟·湖南名优产品交易会",
     "永州"),
])
def test_a_name_ends_before_the_place_it_settles_in(mentions, text: str, label: str, name: str, place: str) -> None:
    found = mentions(text, label)
    assert name in found
    assert not [other for other in found if "落户" in other or other.endswith("永久")]
    assert place in mentions(text, "PLACE")
