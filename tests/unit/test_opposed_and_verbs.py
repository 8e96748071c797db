"""What a report rejects is no programme (坚决防范和纠治“新形象工程”), and a subject with the verb that pushes work
on is no part of a project's name (青岛港|加快|内陆港), nor is a verb that tells what became of it (“暖民心”行动|取得实效);
a figure with its unit is no name (基本建成|544万套): sentences of the shared corpora."""

from __future__ import annotations

import pytest

from kg.model import Document


@pytest.mark.parametrize(("text", "rejected"), [
    ("树立和践行正确政绩观，坚决防范和纠治“新形象工程”。", "新形象工程"),  # city-德阳-2024
    ("涵养“功成不必在我、功成必定有我”的境界，坚决不搞“形象工程”“面子工程”。", "形象工程"),  # city-宜春-2024
    ("持续深化群众身边不正之风和腐败问题集中整治，着力整治“蝇贪蚁腐”。", "蝇贪蚁腐"),  # city-河池-2024
])
def test_a_rejected_practice_is_no_programme(mentions, text: str, rejected: str) -> None:
    assert not [name for name in mentions(text, "PROGRAMME") if rejected in name]


def test_a_campaign_of_rectification_stays(mentions) -> None:
    # city-东营-2024: the rectification's own campaign is a programme
    assert any("三大行动" in name for name in mentions("深入开展惠民惠农财政补贴资金挪用问题专项整治“三大行动”。", "PROGRAMME"))


@pytest.mark.parametrize(("text", "project", "subject", "label"), [
    ("宜阳新区加快数字经济集聚发展；明月山加力推进水口景区整体开发打造和洪江景区建设。", "水口景区", None, None),  # city-宜春-2024
    ("支持义乌加快建设双江湖新区。", "双江湖新区", "义乌", "PLACE"),  # city-金华-2024
    ("推动五峰民族工业园加快融入东部产业新区。", "东部产业新区", "五峰民族工业园", "PROJECT"),  # city-宜昌-2024
])
def test_the_project_starts_after_the_verb(mentions, text: str, project: str, subject: str | None,
                                           label: str | None) -> None:
    projects = mentions(text, "PROJECT")
    assert project in projects
    assert not [name for name in projects if "加快" in name or "推进" in name]
    if subject:
        assert subject in mentions(text, label)


def test_a_centre_named_for_pushing_work_on_keeps_its_name(mentions) -> None:
    # city-合肥-2024
    assert "国际先进技术应用推进中心" in mentions(
        "争创全国重点实验室，提升国际先进技术应用推进中心运行效能。", "PROJECT")


def test_practices_listed_after_the_rejected_one_are_rejected_too(mentions) -> None:
    # city-安顺-2024
    text = "决不允许在岗乱为、肆意妄为，搞“形象工程”“面子工程”“政绩工程”，损害百姓利益。"
    assert mentions(text, "PROGRAMME") == []


@pytest.mark.parametrize(("text", "label", "expected"), [
    ("重点办好以下民生实事：三是建成示范（特色）托育机构10家以上；九是建成乡镇消防救援站45个。", "TARGET",
     ["示范（特色）托育机构10家以上", "乡镇消防救援站45个"]),  # city-铜仁-2024
    ("七是河池经开区完成工业投资120亿元。", "PROJECT", ["河池经开区"]),  # city-河池-2024
])
def test_a_sub_points_marker_opens_no_name(mentions, text: str, label: str, expected: list[str]) -> None:
    assert mentions(text, label) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("推动呼和浩特新机场及配套工程竣工验收，建成投用老牛湾通用机场。", "老牛湾通用机场"),  # city-呼和浩特-2024
    ("新建改造东直游园等公园游园。", "东直游园"),  # city-哈尔滨-2024
    ("加快申创梵净山国家公园，建设黔金丝猴保护研究中心。", "梵净山国家公园"),  # city-铜仁-2024
    ("会展面积分别增长155.3%和68.2%，厦门国际博览中心投入使用。", "厦门国际博览中心"),  # city-厦门-2024
    ("制定实施三年行动计划；京雄高速全线通车，津兴城际铁路开通运营。", "京雄高速"),  # city-北京-2024
    ("董家口至梁山高速临沂段正式开工；临沂航空口岸正式开放。", "临沂航空口岸"),  # city-临沂-2024
    ("大力提升交通枢纽功能。推动宁淮城际铁路全线建设，开建金湖站。", "宁淮城际铁路"),  # city-淮安-2024
    ("黄冈西站改扩建基本完工，春节前运营。鄂东水厂全线通水。", "鄂东水厂"),  # city-黄冈-2024
    ("加快打造公园城市，推动世博文化公园南区开园，新建公园120座。", "世博文化公园南区"),  # city-上海-2024
    ("提升公用型保税仓库功能，争取中国（安徽）自贸区淮南联动创新区纳入试验区。", "中国（安徽）自贸区淮南联动创新区"),  # city-淮南-2024
    ("落实省支持上合示范区高质量发展意见，做实、做好、做美、做响上合示范区。", "上合示范区"),  # city-青岛-2024
    ("重点城建项目推进顺利，新生圩长江大桥主桥合龙，建宁路长江隧道加快建设。", "新生圩长江大桥"),  # city-南京-2024
    ("妇女儿童医院正式投入使用，德阳第五代医院主体封顶。", "德阳第五代医院"),  # city-德阳-2024
    ("基础设施持续完善。宣绩高铁开始全线铺轨。", "宣绩高铁"),  # city-宣城-2024
    ("工业投资增长25％。荆荆高铁全线铺轨，李埠长江公铁大桥加快建设。", "荆荆高铁"),  # city-荆州-2024
])
def test_a_project_holds_neither_the_verbs_that_build_it_nor_what_happened_to_it(
        mentions, text: str, expected: str) -> None:
    projects = mentions(text, "PROJECT")
    assert expected in projects
    assert not [name for name in projects if expected in name and name != expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("国务院办公厅印发《农村人居环境整治提升五年行动方案（2021—2025年）》。",  # city-来宾-2024
     ["《农村人居环境整治提升五年行动方案（2021—2025年）》"]),
    ("推出民族歌剧《听见索玛》，持续擦亮文化名片。", []),  # city-凉山-2024: a work of art
])
def test_a_programme_of_a_title_starts_at_the_title(mentions, text: str, expected: list[str]) -> None:
    assert mentions(text, "PROGRAMME") == expected


@pytest.mark.parametrize(("text", "not_sectors"), [
    ("推进紧密型城市医疗集团试点。深化公立医院改革，加强临床研究体系建设。", {"公立医院"}),  # city-北京-2024
    ("蚌淮高速刘府出口连接线等开工建设。G206、G344等加快改造。", {"G206", "G344"}),  # city-蚌埠-2024
])
def test_a_facility_or_a_road_is_no_sector(mentions, text: str, not_sectors: set[str]) -> None:
    assert not not_sectors & set(mentions(text, "INDUSTRY"))


@pytest.mark.parametrize(("text", "project"), [
    ("新增省级以上农业产业化龙头企业11家，支持沙洋、京山建设国家现代农业产业园。", "国家现代农业产业园"),  # city-荆门-2024
    ("粮食产量稳定在16亿斤以上。推动黎城创建国家级玉米制种基地。", "国家级玉米制种基地"),  # city-长治-2024
])
def test_places_that_build_a_project_are_not_its_name(mentions, text: str, project: str) -> None:
    assert mentions(text, "PROJECT") == [project]


def test_a_bank_named_for_building_keeps_its_name(mentions) -> None:
    text = "推进中国建设银行、交通银行、人保集团等数据中心建设。"  # city-呼和浩特-2024
    assert "中国建设银行" in mentions(text, "ORG")


@pytest.mark.parametrize(("text", "target"), [
    ("推动乡镇敬老院转型升级，建设300个“一老一小幸福院”，提升老年助餐服务水平。", "300个“一老一小幸福院”"),  # prov-jiangxi-2025
    ("实施20项“微改革”“微应用”，推进120类高频电子证照“免提交”。", "20项“微改革”“微应用”"),  # city-武汉-2024 (planned)
])
def test_a_count_takes_the_quoted_name_it_counts(mentions, text: str, target: str) -> None:
    assert target in mentions(text, "TARGET")
    assert not [name for name in mentions(text, "PROGRAMME") if name in target]


@pytest.mark.parametrize(("text", "label", "name"), [
    ("加快建设亭子口灌区一期等骨干水网工程，抓好仪陇红花沟水库等重点水利项目。", "PROJECT", "亭子口灌区一期"),  # city-南充-2024
    ("持续开展“严执法防事故”和“打非治违”等专项行动，突出抓好消防安全。", "PROGRAMME", "“打非治违”"),  # city-益阳-2024
])
def test_a_name_ends_before_the_etc_of_its_list(mentions, text: str, label: str, name: str) -> None:
    assert name in mentions(text, label)
    assert not [found for found in mentions(text, label) if "等" in found]


def test_a_topic_before_the_etc_is_no_programme(mentions) -> None:
    text = "深入开展违规电气焊、有限空间作业、高处坠落等专项整治行动。"  # city-威海-2024
    assert not [found for found in mentions(text, "PROGRAMME") if "高处坠落" in found]


def test_a_numbered_list_of_the_years_practical_things_gives_targets_without_the_numbers(mentions) -> None:
    # city-遵义-2024 and city-黄石-2024: the year's ten practical things (民生实事), numbered (1) … and 1. …
    text = "持续办好十件民生实事：（3）新（改）建农村户厕2.06万户。（4）新开工老旧小区改造1.45万户。\n1.全市建成幸福食堂100个。"
    assert mentions(text, "TARGET") == ["新（改）建农村户厕2.06万户", "新开工老旧小区改造1.45万户", "幸福食堂100个"]


def test_a_bare_count_takes_the_name_it_counts(mentions) -> None:
    text = "深入推进农村人居环境整治提升五年行动，创建省市县乡村振兴示范片区80个。"  # city-淄博-2024
    assert "省市县乡村振兴示范片区80个" in mentions(text, "TARGET")
    assert "80个" not in mentions(text, "TARGET")


def test_hemei_is_one_word(mentions) -> None:
    # city-宁波-2024: 和美乡村 (harmonious and beautiful villages), which the segmenter cuts as 和|美
    assert mentions("深化“千万工程”，实施和美乡村提标行动。", "PROGRAMME")[-1] == "和美乡村提标行动"


@pytest.mark.parametrize(("text", "label", "name"), [
    ("深入推进“八水统筹、水润淄博”水资源保护利用，实施沂河沂源段河道综合治理。", "PROJECT",
     "“八水统筹、水润淄博”水资源保护利用"),  # city-淄博-2024
    ("开展政府系统“空、蛮、懒、乱、假”专项整治，提升政府执行力。", "PROGRAMME", "“空、蛮、懒、乱、假”专项整治"),  # city-咸宁-2024
])
def test_a_quote_with_a_list_inside_opens_the_name_after_it(mentions, text: str, label: str, name: str) -> None:
    assert name in mentions(text, label)
    assert not [found for found in mentions(text, label) if found.count("“") != found.count("”")]


def test_listed_events_each_with_its_own_head_stand_apart(mentions) -> None:
    text = "办好江南文化艺术旅游节、长江文化节，擦亮文化品牌。"  # city-苏州-2024
    assert {"江南文化艺术旅游节", "长江文化节"} <= set(mentions(text, "PROGRAMME"))


def test_the_central_organs_are_organisations(mentions) -> None:
    text = "这个基金的使用纳入预算管理，接受全国人大监督。国务院有关部门要抓紧制定规划。"  # cn-gwr-2000, cn-gwr-1999
    assert mentions(text, "ORG") == ["全国人大", "国务院"]


def test_listed_projects_before_a_count_of_projects_are_projects(mentions) -> None:
    text = "加快推进荆州理工职业学院等9个项目建设。"  # city-荆州-2024
    assert mentions(text, "TARGET") == ["9个项目"]
    assert "荆州理工职业学院" in mentions(text, "PROJECT")


def test_what_is_put_into_a_programme_is_no_part_of_it(mentions) -> None:
    text = "继续实施营养改善计划，9.04万农村义务教育学生纳入营养改善计划。"  # city-南宁-2024
    assert not [name for name in mentions(text, "PROGRAMME") if "纳入" in name]


@pytest.mark.parametrize(("text", "reform", "verb"), [
    ("强化成本意识。巩固深化零基预算改革，打破预算基数依赖，狠抓成本管控。", "零基预算改革", "深化"),  # city-六安-2024
    ("在全国推开工程建设项目审批制度改革，使全流程审批时间大幅缩短。", "工程建设项目审批制度改革", "推开"),  # cn-gwr-2019
])
def test_a_reform_starts_after_the_verb_that_deepens_or_rolls_it_out(mentions, text: str, reform: str,
                                                                     verb: str) -> None:
    assert reform in mentions(text, "PROGRAMME")
    assert not [name for name in mentions(text, "PROGRAMME") if verb in name]


@pytest.mark.parametrize(("text", "programme", "not_in_a_name"), [
    ("大力开展营商环境大改善和产业大招商行动。", "营商环境大改善和产业大招商行动", "开展"),  # city-安顺-2024
    ("加强农房风貌管控，持续推进农村厕所革命和乡村微改造。", "农村厕所革命", "改造"),  # city-中山-2024
    ("持续打好蓝天碧水净土保卫战。", "蓝天碧水净土保卫战", "打好"),  # city-银川-2024
    ("编制新一轮发展规划和提升期行动计划。", None, "发展规划"),  # prov-sichuan-2025: a generic name
    ("认真落实国土空间总体规划，编制完成分区规划。", "国土空间总体规划", "完成"),  # city-烟台-2024: a clause
    ("全力推动航空口岸开放纳入国家规划；放大机场枢纽作用。", None, "纳入"),  # city-济宁-2024
    ("开展春节等节假日增欢乐促消费活动。", None, "活动"),  # prov-guangxi-2025: a list, not one name
    ("鼓励文化、旅游、健身等消费，落实好带薪休假制度。", None, "制度"),  # cn-gwr-2016: 制度 is no such head
])
def test_a_clause_that_launches_a_named_campaign_gives_the_programme(mentions, text: str, programme: str | None,
                                                                      not_in_a_name: str) -> None:
    found = mentions(text, "PROGRAMME")
    assert programme is None or programme in found
    assert not [name for name in found if not_in_a_name in name]


def test_listed_projects_each_named_in_full_stand_apart_and_a_shared_head_keeps_its_list(mentions) -> None:
    text = "抓好荆沙铁路改造升级、襄荆高速扩容，加快良乡大学城、沙河高教园区建设。"  # city-荆门-2024, city-北京-2024
    assert {"荆沙铁路改造升级", "襄荆高速扩容", "良乡大学城", "沙河高教园区"} <= set(mentions(text, "PROJECT"))
    text = "推进遂川、永新抽水蓄能电站建设。"  # cn-train: one name, the head shared
    assert mentions(text, "PROJECT") == ["遂川、永新抽水蓄能电站"]


def test_listed_programmes_with_no_head_to_share_stand_apart(mentions) -> None:
    text = "深化东西部协作、革命老区重点城市对口合作、省内定点帮扶和县域托底性帮扶。"  # city-巴中-2024
    assert {"东西部协作", "革命老区重点城市对口合作"} <= set(mentions(text, "PROGRAMME"))
    text = "调整完善部分农产品批发、零售增值税政策，推动流通标准化。"  # cn-gwr-2012: 政策 of both
    assert [name for name in mentions(text, "PROGRAMME") if "零售" in name] == ["农产品批发、零售增值税政策"]


def test_a_programme_ends_at_its_head_not_on_the_adverb_after_it(mentions) -> None:
    text = "城市更新提升行动稳步推进，完成41个区县和开发区国土空间总体规划编制。"  # city-重庆-2024
    assert "城市更新提升行动" in mentions(text, "PROGRAMME")


def test_a_generic_name_cut_out_of_a_longer_one_is_no_name(mentions) -> None:
    text = "持续改善空气质量。深入实施水环境综合治理规划和三年行动计划，加快推进新一轮太湖治理。"  # city-南京-2024
    assert "三年行动计划" not in mentions(text, "PROGRAMME")


@pytest.mark.parametrize(("text", "name"), [
    ("“四事四权”工作法全面推广，“五老法治诊所”等特色品牌建设成效明显。", "“四事四权”工作法"),  # city-阜阳-2024
    ("“万企兴万村”行动成效显著，广西民营企业助力国家乡村振兴示范县建设。", "“万企兴万村”行动"),  # city-河池-2024
    ("第六届中国国际进口博览会圆满举办，按一年计累计意向成交784亿美元。", "中国国际进口博览会"),  # city-上海-2024
])
def test_a_name_ends_before_what_became_of_it(mentions, text: str, name: str) -> None:
    assert name in mentions(text, "PROGRAMME")


@pytest.mark.parametrize(("text", "name"), [
    ("推进青弋江灌区续建配套工程建设，实施水阳江防洪治理工程。", "水阳江防洪治理工程"),  # city-宣城-2024
    ("沂、沭、汶、泗等河流域的伊家河治理工程和万福河治理工程；辽河流域的大伙房水库。", "伊家河治理工程"),  # cn-gwr-1958
])
def test_works_on_a_named_river_are_a_project(mentions, text: str, name: str) -> None:
    assert name in mentions(text, "PROJECT")
    assert name not in mentions(text, "PROGRAMME")


def test_a_programme_starts_after_words_of_part_or_number(mentions) -> None:
    text = "全面落实各项助企纾困政策，及时出台更有针对性的增量政策。"  # city-常州-2024
    programmes = mentions(text, "PROGRAMME")
    assert "助企纾困政策" in programmes and "各项助企纾困政策" not in programmes
    text = "必须强调，在进行各项管理制度改革的同时，一定要加强经济立法。"  # cn-gwr-1988
    assert "各项管理制度改革" not in mentions(text, "PROGRAMME")


@pytest.mark.parametrize(("text", "kept"), [
    ("第四届世界妇女大会１９９５年将在北京召开，中国政府和人民正在积极准备。", "世界妇女大会"),  # cn-gwr-1994
    ("千万工程：2003年，时任浙江省委书记习近平作出了实施“千村示范、万村整治”工程的战略决策。", "千万工程"),  # city-来宾-2024
])
def test_a_name_before_a_date_is_kept_without_it(mentions, text: str, kept: str) -> None:
    programmes = mentions(text, "PROGRAMME")
    assert not [name for name in programmes if "年" in name and "五年" not in name]
    assert any(name.endswith(kept) for name in programmes)


@pytest.mark.parametrize(("text", "label", "name", "place"), [
    ("希尔顿酒店开业运营，万达广场全面封顶。", "PROJECT", "万达广场", None),  # city-潜江-2024
    ("畅通“两山”转化通道，GEP核算试点扎实开展，在全省率先实现国有“两山”公司市县全覆盖。", "PROGRAMME", "GEP核算试点", None),  # city-吉安-2024
    ("14.“天府峨眉计划”：四川实施的一项引进聚集类人才计划，支持对象为近3年从国（境）外引进的高层次人才。", "PROGRAMME",
     "“天府峨眉计划”", "四川"),  # prov-sichuan-2025, its glossary
    ("奋力谱写中国式现代化晋城篇章，以优异成绩迎接中华人民共和国成立75周年！", None, None, "中华人民共和国"),  # city-晋城-2024
])
def test_a_name_holds_no_clause_mark(mentions, text: str, label: str | None, name: str | None,
                                     place: str | None) -> None:
    for other in ("PROJECT", "PROGRAMME", "INDUSTRY", "ORG", "PLACE"):
        assert not [found for found in mentions(text, other) if any(mark in found for mark in "，：！")]
    if name:
        assert name in mentions(text, label)
    if place:
        assert place in mentions(text, "PLACE")


@pytest.mark.parametrize(("text", "name"), [
    ("严格落实河湖长制，深入开展库岸线整治等十大攻坚，扎实推进长江高水平保护。", "十大攻坚"),  # city-十堰-2024
    ("重点实施六大工程：实施创新工程。", "六大工程"),  # city-宜春-2024
])
def test_a_campaign_named_by_its_number_of_parts_is_a_programme(mentions, text: str, name: str) -> None:
    assert name in mentions(text, "PROGRAMME")


def test_a_count_of_works_built_is_no_counted_campaign(mentions) -> None:
    text = "已经开工的有六十一个轻工业企业，二十八个水利工程。"  # cn-gwr-1956: a count, not a campaign
    assert not [name for name in mentions(text, "PROGRAMME") if "水利工程" in name]


def test_a_programme_starts_after_new_era(mentions) -> None:
    text = "用好新时代“枫桥经验”和“浦江经验”，落实领导干部下基层接访和包联化解信访案件机制。"  # city-乌鲁木齐-2024
    programmes = mentions(text, "PROGRAMME")
    assert "“枫桥经验”" in programmes and not [name for name in programmes if name.startswith("新时代")]


@pytest.mark.parametrize(("text", "places"), [
    ("推进藻渡、跳磴、向阳水库和渝西水资源配置等工程建设，实施一批农田水利项目。", {"藻渡", "跳磴", "向阳"}),  # city-重庆-2024
])
def test_places_listed_before_a_shared_head_are_places(mentions, text: str, places: set[str]) -> None:
    found = mentions(text, "PLACE")
    assert places <= set(found)
    assert not [place for place in found if "、" in place]


def test_a_list_with_an_item_that_is_no_place_gives_no_places(mentions) -> None:
    text = "深入实施国家综合货运枢纽补链强链，打造陆港、内河港、空港、高铁枢纽经济区，推进多式联运发展。"  # city-徐州-2024
    assert "空港" not in mentions(text, "PLACE")


def test_a_county_of_the_city_named_by_a_common_word_is_a_place_in_a_project(mentions) -> None:
    text = ("扎实做好宜春铁路综合物流园、上高铁路经济产业园等项目前期工作，深入推进中国（宜春）跨境电子商务综合试验区建设。"
            "产业升级领域，加快推进樟树东阳光精细化工、上高豪美新材等项目。")  # city-宜春-2024
    places = mentions(text, "PLACE")
    assert {"樟树", "上高"} <= set(places)
    assert "宜春铁路" not in mentions(text, "ORG")
    # without the city named, 樟树 is a word (a camphor tree), not its county
    assert "樟树" not in mentions("加快推进樟树东阳光精细化工、上高豪美新材等项目。", "PLACE")


@pytest.mark.parametrize("text", [
    "扎实开展高价彩礼、大操大办等突出问题专项治理，健全矛盾纠纷多元化解机制。",  # city-淮北-2024
    "持续深化治理大操大办、高额彩礼、薄养厚葬等陈规陋习，加快培育文明乡风。",  # city-凉山-2024
    "深入排查整治危化品、道路交通等重点领域风险隐患，严格落实安全生产责任制。",  # city-淄博-2024
])
def test_what_a_clause_fights_is_no_industry(mentions, text: str) -> None:
    assert not [name for name in mentions(text, "INDUSTRY") if name in ("高价彩礼", "高额彩礼", "薄养厚葬", "道路交通")]


def test_a_company_read_with_the_place_after_it_is_the_company_and_the_place(mentions) -> None:
    text = "确保华晟五期、广德科蓝特铝材、吉利宁国动力电池、泾县威能特种电机等项目建成投产。"  # city-宣城-2024
    assert "吉利" in mentions(text, "ORG") and "吉利宁国" not in mentions(text, "ORG")
    assert "宁国" in mentions(text, "PLACE")


@pytest.mark.parametrize(("text", "companies"), [
    ("促进企业稳产增效，推动国网新疆电力、西北油田、金风科技、新特能源、红云红河卷烟厂等企业释放产能。",
     {"国网新疆电力", "西北油田", "金风科技", "新特能源"}),  # city-乌鲁木齐-2024
    ("壮大丝网链、完善纺织链、提升服饰链，做大伯希和服饰、翰联色纺等企业，力争产值100亿元。", {"伯希和服饰", "翰联色纺"}),  # city-亳州-2024
])
def test_a_list_of_companies_closed_by_their_kind_is_a_list_of_orgs(mentions, text: str, companies: set[str]) -> None:
    assert companies <= set(mentions(text, "ORG"))
    assert not companies & set(mentions(text, "PROJECT")) and not companies & set(mentions(text, "INDUSTRY"))


def test_a_list_of_fields_closed_by_a_kind_of_firm_stays_fields(mentions) -> None:
    text = "招引规划设计、咨询评估、检验检测、印刷包装、人力资源服务等企业集聚发展，建设生产性服务业集聚区5个。"  # city-淮南-2024
    assert "检验检测" not in mentions(text, "ORG")


def test_a_street_ends_before_its_opening(mentions) -> None:
    text = "高品质联动鹿鸣山文化院街开街、鹿鸣半岛地下不夜城开市，打造特色消费地标。"  # city-衢州-2024
    assert {"鹿鸣山文化院街", "鹿鸣半岛地下不夜城"} <= set(mentions(text, "PROJECT"))


def test_an_award_a_county_wins_is_no_programme_and_the_county_stays_a_place(mentions) -> None:
    text = "北流市、博白县再次上榜西部百强县，泸县、合江县携手晋位中国西部百强县。"  # city-玉林-2024, city-泸州-2024 (abridged)
    assert not [name for name in mentions(text, "PROGRAMME") + mentions(text, "PROJECT") if "百强县" in name]
    assert {"北流市", "博白县", "泸县", "合江县"} <= set(mentions(text, "PLACE"))


def test_a_route_or_a_hub_opening_a_project_is_no_company(mentions) -> None:
    text = "加快建设全国性综合交通枢纽、国家物流枢纽、江淮干线航运枢纽。"  # city-阜阳-2024
    assert "江淮干线" not in mentions(text, "ORG")


@pytest.mark.parametrize(("text", "brand"), [
    # city-河池-2024, city-威海-2024: 充分发挥生态长寿市和“长寿巴马”品牌效应, 提升“威海海鲜”品牌价值
    ("（一）文旅康养\n\n用好生态优势，充分发挥生态长寿市和“长寿巴马”品牌效应，系统研究制定康养产业政策。", "“长寿巴马”品牌"),
    ("（一）海洋经济\n\n提高预制菜产业发展质效，提升“威海海鲜”品牌价值。规划建设海工装备产业园。", "“威海海鲜”品牌"),
    # city-毕节-2024: a quoted brand without the word 品牌
    ("（一）文旅产业\n\n加强与传统头部旅行社、知名线上旅游服务平台合作，开展客源地精准营销、四季主题营销、平台流量营销，不断提升"
     "“洞天福地·花海毕节”知名度美誉度。", "“洞天福地·花海毕节”"),
])
def test_a_brand_ends_before_what_it_is_worth(mentions, text: str, brand: str) -> None:
    found = mentions(text, "PROGRAMME")
    assert brand in found
    assert not [name for name in found if name.startswith(brand) and name != brand]


def test_a_name_keeps_the_super_the_segmenter_split_off(mentions) -> None:
    # city-重庆-2024: 加快推进超瞬态实验装置、大规模分布孔径深空探测雷达…等项目
    text = ("（一）科技创新\n\n有序建设金凤、嘉陵江、明月湖、广阳湾4个重庆实验室，加快推进超瞬态实验装置、大规模分布孔径深空探测"
            "雷达、国家健康战略资源中心、碳基集成电路研究院等项目。")
    assert "超瞬态实验装置" in mentions(text, "PROJECT")
    # a probe in the national reports' words of 2024 (not a quotation): 超长期特别国债, not 长期特别国债
    text = "（一）宏观政策\n\n实施积极的财政政策。拟发行超长期特别国债1万亿元，专项用于国家重大战略实施。"
    assert [name for name in mentions(text, "TARGET") if "国债" in name] == ["超长期特别国债1万亿元"]


def test_a_hospital_ends_before_its_grade(mentions) -> None:
    # city-毕节-2024: …织金中医院三级医院认定，推进市妇幼保健院三级甲等、赫章妇幼保健院二级甲等创建
    text = ("（一）卫生健康\n\n强化市级统筹，完成金沙、黔西、织金县（人民）医院和织金中医院三级医院认定，推进市妇幼保健院三级甲等、"
            "赫章妇幼保健院二级甲等创建。")
    projects = mentions(text, "PROJECT")
    assert "织金中医院" in projects and "市妇幼保健院" in projects
    assert not [name for name in projects if "级" in name]


def test_the_variety_of_living_things_is_no_sector(mentions) -> None:
    # cn-gwr-2019 and 25 local reports: 加大生物多样性保护力度 (the segmenter splits 生物|多样性)
    text = "（一）生态文明\n\n加强荒漠化、石漠化、水土流失治理。加大生物多样性保护力度。大力发展生物医药产业。"
    assert "生物" not in mentions(text, "INDUSTRY")


def test_what_flows_through_a_city_is_no_sector(mentions) -> None:
    # city-达州-2024: 努力推动更多人流、物流、资金流、数据流向达州集聚 (goods moving, not the logistics trade)
    text = ("（一）服务业\n\n加快传统服务业转型升级、现代服务业创新发展，确保服务业增加值增长8%以上，努力推动更多人流、物流、资金流、"
            "数据流向达州集聚。大力发展冷链物流。")
    industries = mentions(text, "INDUSTRY")
    assert not {"人流", "物流", "资金流"} & set(industries)
    assert "冷链物流" in industries


@pytest.mark.parametrize(("text", "label", "clause"), [
    ("屠呦呦获得诺贝尔生理学或医学奖。", "PROJECT", "获得"),  # cn-gwr-2016
    ("河池作为西部陆海新通道重要节点城市，加快建设河池港。", "PROJECT", "作为"),  # city-河池-2024
    ("“甬优1540”水稻列入国家农作物优良品种推广目录。", "PROGRAMME", "列入"),  # city-宁波-2024
    ("对高排放机动车进行专项整治。", "PROGRAMME", "进行"),  # cn-gwr-2017
])
def test_a_clause_is_no_name(mentions, text: str, label: str, clause: str) -> None:
    assert not [name for name in mentions(text, label) if clause in name]


@pytest.mark.parametrize(("text", "label", "name"), [
    ("“暖民心”行动取得实效。", "PROGRAMME", "“暖民心”行动"),  # city-芜湖-2024
    ("“万企兴万村”行动得到全国工商联肯定。", "PROGRAMME", "“万企兴万村”行动"),  # city-贺州-2024
    ("久立集团成功并购德国EBK公司。", "ORG", "久立集团"),  # city-湖州-2024
    # what a verb of carrying out has for its object is the name; the river basin where it is built is not
    ("金沙江流域开工建设叶巴滩混合抽蓄电站。", "PROJECT", "叶巴滩混合抽蓄电站"),  # city-甘孜-2024
])
def test_a_name_ends_before_what_became_of_it_or_starts_after_its_verb(mentions, text: str, label: str,
                                                                        name: str) -> None:
    assert mentions(text, label) == [name]


def test_a_campaign_of_promotion_holds_no_clause_verb(mentions) -> None:
    # 促进行动 holds 进行 inside 促进|行动; 非正式会议 holds 正式
    assert mentions("（二）稳定就业\n\n实施农民增收促进行动。", "PROGRAMME") == ["农民增收促进行动"]



def test_a_figure_with_its_unit_is_no_name(extractor) -> None:
    # cn-gwr-2014: the review counts homes finished; city-泸州-2024: what the port did five years running
    text = ("一、过去一年工作回顾\n\n新开工保障性安居工程666万套，基本建成544万套，上千万住房困难群众乔迁新居。"
            "泸州港连续5年集装箱吞吐量增长。开通19号线。")
    names = [span.text for span in extractor.extract(Document(doc_id="d", text=text)).spans if span.label != "TARGET"]
    assert not [name for name in names if name.endswith(("万套", "连续5年"))]



@pytest.mark.parametrize(("text", "label", "name"), [
    # city-铜陵-2024: a bracket opened in a place's name and closed in the project's
    ("（一）生态环境\n\n深入践行“两山”理念，突出抓好美丽长江（铜陵）经济带新一轮提升工程，持续推进省级生态文明建设示范区创建。",
     "PROJECT", "经济带新一轮提升工程"),
    # city-郴州-2024: the partners in brackets before the centre's name
    ("（二）开放合作\n\n建设（深圳、广州、佛山）郴州技术转移中心。", "PROJECT", "郴州技术转移中心"),
])
def test_a_name_holds_both_marks_of_a_pair_or_neither(mentions, text: str, label: str, name: str) -> None:
    found = mentions(text, label)
    assert name in found
    assert not [other for other in mentions(text, label) + mentions(text, "PLACE")
                if any(other.count(a) != other.count(b) for a, b in ("《》", "“”", "（）"))]


@pytest.mark.parametrize("text, body", [
    # city-防城港-2024
    ("一、2023年工作回顾\n\n企沙镇人民调解委员会获评全国模范人民调解委员会。", "企沙镇人民调解委员会"),
    # a report's signature line after its last section (a web page's footer, kept in a text copy)
    ("（一）推进产业强市。\n\n加快建设比亚迪智能制造产业园。\n\n版权所有：衡阳市人民政府办公室", "衡阳市人民政府办公室"),
])
def test_a_government_body_is_an_organisation(mentions, text: str, body: str) -> None:
    assert body in mentions(text, "ORG")
    assert body not in mentions(text, "PROJECT") + mentions(text, "PROGRAMME")
