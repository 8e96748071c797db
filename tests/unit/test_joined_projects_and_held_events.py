"""Two projects joined by 和 that each close on their own head are two spans, also a belt, a valley, a corridor or a
wetland, and one that names its segment (大运河文化带和长江国家文化公园常州段); a held event named by its place is one PROGRAMME with
no PLACE inside it (筹办太湖湾音乐节); a TARGET does not open on 其中; the items of a list of programmes closed by their kind
(…等专项行动) are all PROGRAMMEs where the tagger read one of them; China and a partner by their initials (中法生态城, 中欧班列)
are no PLACE nor ORG (review of prov-hubei-2025); no name opens on the second verb of a pair (做大做|强市大数据中心; review of
city-连云港-2024); both ends a dash joins are places (启东—吴江…); a policy package named by its count of articles is one
PROGRAMME (落实|促进民间投资12条措施; reviews of city-无锡-2024 and city-金华-2024); a sector ends before 业务 (普惠金融|业务; review of
cn-gwr-2018); a level already reached is no TARGET (已达2.5亿; review of cn-gwr-2019). Sentences from reviews of
city-常州-2024, city-无锡-2024 and city-宁波-2024, and from city-淮安-2024, reports the extractor was not written against."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pipeline

HEADING = "（三）推动文化繁荣发展\n\n提升城市文化品质。"


@pytest.mark.parametrize(("text", "projects"), [
    ("统筹推进大运河文化带和长江国家文化公园常州段建设。", ["大运河文化带", "长江国家文化公园常州段"]),
    ("加快推进天目山未来谷和钱塘大湾区湿地公园建设。", ["天目山未来谷", "钱塘大湾区湿地公园"]),
    ("建成东海云廊和百里文廊。", ["东海云廊", "百里文廊"]),
])
def test_two_projects_with_their_own_heads_stand_apart(mentions, text: str, projects: list[str]) -> None:
    assert sorted(mentions(HEADING + text, "PROJECT")) == sorted(projects)


def test_a_project_of_a_shared_head_stays_whole(mentions) -> None:
    assert "遂川、永新抽水蓄能电站" in mentions(HEADING + "加快建设遂川、永新抽水蓄能电站。", "PROJECT")


def test_a_held_event_named_by_its_place_is_one_programme(mentions) -> None:
    text = HEADING + "积极筹办太湖湾音乐节、江南美食节等活动。"
    assert "太湖湾音乐节" in mentions(text, "PROGRAMME")
    assert "太湖湾" not in mentions(text, "PLACE")


@pytest.mark.parametrize(("text", "target"), [
    ("全年完成投资1450亿元、其中工业投资超1000亿元。", "工业投资超1000亿元"),
    ("新开工超亿元项目500个以上，其中超50亿元项目20个以上。", "超50亿元项目20个以上"),
])
def test_a_target_does_not_open_on_its_share_of_a_total(mentions, text: str, target: str) -> None:
    found = mentions(HEADING + text, "TARGET")
    assert target in found and not any(t.startswith("其中") for t in found), found


def test_the_siblings_of_a_listed_programme_are_programmes(mentions) -> None:
    found = mentions(HEADING + "开展营商改革破难攻坚、中介服务效能提升等专项行动。", "PROGRAMME")
    assert {"营商改革破难攻坚", "中介服务效能提升"} <= set(found), found


def test_the_titles_a_city_seeks_are_no_programmes(mentions) -> None:
    text = HEADING + "深入推进全国文明城市、国家卫生城市、国家园林城市、青年发展友好型城市、儿童友好城市等创建活动。"
    assert "儿童友好城市" not in mentions(text, "PROGRAMME")


@pytest.mark.parametrize("text", [
    "积极参加国际展会，建好中法生态城、中德产业园等合作平台。",
    "完善中哈物流合作基地功能配套，支持中欧（亚）班列高质量发展。",
])
def test_china_and_a_partner_by_their_initials_are_no_place_nor_company(mentions, text: str) -> None:
    found = mentions(HEADING + text, "PLACE") + mentions(HEADING + text, "ORG")
    assert not any(name in found for name in ("中法", "中德", "中哈", "中欧")), found


@pytest.mark.parametrize(("text", "label", "name"), [
    ("做大做强市大数据中心，推进政务数据共享。", "PROJECT", "市大数据中心"),
    ("推深做实六松产业园，加快企业入驻。", "PROJECT", "六松产业园"),
    ("培育壮大新型消费，做强线上购物、供应链协同等新型消费平台。", "INDUSTRY", "线上购物"),
])
def test_a_name_does_not_open_on_the_second_verb_of_a_pair(mentions, text: str, label: str, name: str) -> None:
    assert name in mentions(HEADING + text, label)


def test_a_word_of_its_own_after_doing_stays_whole(mentions) -> None:
    assert "实干家行动" in mentions(HEADING + "转变作风，做实干家行动。", "PROGRAMME")


def test_both_ends_a_dash_joins_are_places(mentions) -> None:
    text = HEADING + "加快启东—吴江高端制造产业园建设，推进浏阳-上栗跨省产业园区合作。"
    assert {"启东", "吴江"} <= set(mentions(text, "PLACE"))
    assert "上栗跨省" not in mentions(text, "ORG")


@pytest.mark.parametrize(("text", "name"), [
    ("落实促进民间投资12条措施，实施政府和社会资本合作新机制。", "促进民间投资12条措施"),
    ("落实现代物流业高质量发展10条措施，降低全社会物流成本。", "现代物流业高质量发展10条措施"),
    ("出台推动经济率先整体好转55条，稳住经济大盘。", "推动经济率先整体好转55条"),
])
def test_a_policy_package_named_by_its_count_of_articles_is_one_programme(mentions, text: str, name: str) -> None:
    text = HEADING + text
    assert name in mentions(text, "PROGRAMME")
    assert "现代物流业" not in mentions(text, "INDUSTRY")


def test_a_count_of_streets_is_no_policy_package(mentions) -> None:
    assert not any("259条" in p for p in mentions(HEADING + "实施背街小巷改造259条。", "PROGRAMME"))


@pytest.mark.parametrize(("text", "sector"), [
    ("加快金融体制改革。改革完善金融服务体系，支持金融机构扩展普惠金融业务，规范发展地方性中小金融机构。", "普惠金融"),
    ("加快培育外贸新动能，指导兰花保税物流中心开展跨境电商业务，支持企业布局海外仓。", "跨境电商"),
])
def test_a_sector_ends_before_its_line_of_business(mentions, text: str, sector: str) -> None:
    found = mentions(HEADING + text, "INDUSTRY")
    assert sector in found and not any(name.endswith("业务") for name in found), found


def test_a_level_already_reached_is_no_target(mentions) -> None:
    text = HEADING + "我国60岁以上人口已达2.5亿。要大力发展养老特别是社区养老服务业，新增养老床位1万张。"
    found = mentions(text, "TARGET")
    assert not any("已达" in target for target in found) and "新增养老床位1万张" in found, found
