"""A project runs on over the works it names; a target neither opens on a verb of building nor on 全州; a route's near
end starts after its class; the items of a list closed by 等…企业 are firms; a trade named by its good and 业 is an
INDUSTRY after a verb that promotes it. Sentences from reports the extractor was not written against (reviews of
city-潜江-2024, city-资阳-2024, city-黔南-2024, city-崇左-2024, city-来宾-2024) and from the others the rules touch."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pipeline

HEADING = "（一）基础设施\n\n"


@pytest.mark.parametrize(("text", "project"), [
    # city-潜江-2024: an irrigation district's completion and a river's regulation are the project's name
    ("统筹推进万福河、田关河等中小河流治理；推进兴隆灌区续建配套与节水改造，加快兴隆河泵站建设。",
     "兴隆灌区续建配套与节水改造"),
    ("积极争取东荆河河道潜江段综合整治，精心谋划推进全域水网建设。", "东荆河河道潜江段综合整治"),
    # city-资阳-2024
    ("实施鲤鱼水库中型灌区续建配套与现代化改造，完成沱江干流防洪治理工程。", "鲤鱼水库中型灌区续建配套与现代化改造"),
    # city-天门-2024: an extension
    ("完成天门职院高职校区扩建，推动职业教育与产业融合发展。", "天门职院高职校区扩建"),
])
def test_a_project_runs_on_over_the_works_it_names(mentions, text: str, project: str) -> None:
    assert project in mentions(HEADING + text, "PROJECT")


@pytest.mark.parametrize(("text", "target"), [
    # city-黔南-2024: 全州 is scope, like 全市; 申创 only reports bidding, like 争创
    ("（三）生态文明\n\n加强生态建设。全州森林覆盖率稳定在68%以上、湿地保护率56%以上。", "森林覆盖率稳定在68%以上"),
    ("（三）民生\n\n办好人民满意教育。申创省级示范性（特色）普通高中1—2所。", "省级示范性（特色）普通高中1—2所"),
    # city-崇左-2024: 孵化 is raising, like 培育
    ("（三）乡村振兴\n\n发展农村电商。培育农村电商带头人600人以上、孵化农村电商品牌10个以上。", "农村电商品牌10个以上"),
    # city-遵义-2024: 建设 before what is counted
    ("（三）民生\n\n办好民生实事。（5）建设电动汽车公共充电桩800个以上。", "电动汽车公共充电桩800个以上"),
])
def test_a_target_opens_after_scope_and_verbs_of_building(mentions, text: str, target: str) -> None:
    assert target in mentions(text, "TARGET")


def test_a_metric_named_by_the_built_up_area_keeps_it(mentions) -> None:
    # city-成都-2024: 建成区 names the area measured, it is no verb of building
    text = "（三）城市\n\n建设公园城市。建成公园城市示范街区30个，建成区绿化覆盖率达到44.8%以上。"
    assert "建成区绿化覆盖率达到44.8%以上" in mentions(text, "TARGET")


def test_a_count_of_projects_keeps_the_stage_it_counts(mentions) -> None:
    # city-资阳-2024: 竣工投用, like 竣工投产, defines what is counted
    text = ("（三）投资\n\n扩大有效投资。推动58个重点项目开工建设，九天中创二期等70个重点项目竣工投用，"
            "确保重点项目完成投资390亿元以上。")
    assert "70个重点项目竣工投用" in mentions(text, "TARGET")


def test_the_near_end_of_a_route_starts_after_its_class(mentions) -> None:
    # city-潜江-2024: 国道 and 省道 belong to the route's number, not to the town it starts from
    text = HEADING + "实施240国道杨市至总口段、322省道熊农东大垸至洪场段等公路改扩建。"
    places = mentions(text, "PLACE")
    assert {"杨市", "熊农东大垸", "洪场"} <= set(places)
    assert not any(place.startswith(("国道", "省道")) for place in places)


@pytest.mark.parametrize(("text", "firms"), [
    # city-资阳-2024: two lists of firms with no sector in them
    ("（一）工业\n\n壮大鞋纺产业。加快打造鸿星尔克、安踏安鑫等4个“五百万双级”龙头鞋纺企业，推动联友、乾源等纺织企业满产达效。",
     ["鸿星尔克", "安踏安鑫", "乾源"]),
    # city-黄石-2024 and city-淮安-2024
    ("（一）工业\n\n推进绿色制造。沪士电子、华力科技等5家企业获评国家级绿色工厂。", ["沪士电子", "华力科技"]),
    ("（一）工业\n\n推进智能制造。支持中天精品钢帘线等龙头企业创建国家级智能工厂。", ["中天精品钢帘线"]),
])
def test_the_items_of_a_list_of_firms_are_organisations(mentions, text: str, firms: list[str]) -> None:
    orgs, projects = mentions(text, "ORG"), mentions(text, "PROJECT")
    for firm in firms:
        assert firm in orgs
        assert firm not in projects


def test_a_list_of_parks_before_firms_stays_projects(mentions) -> None:
    # city-来宾-2024: the firms of the parks are meant; the parks stay projects
    text = "（一）工业\n\n精准招商。聚焦仙鹤高性能纸基新材料产业园、绿色化工园区、中沛电子信息产业园等上下游企业开展招商。"
    assert "绿色化工园区" not in mentions(text, "ORG")


@pytest.mark.parametrize(("text", "trade"), [
    # city-来宾-2024 and city-防城港-2024: 糖业 after a verb that promotes it
    ("（三）全力推动糖业高质量发展\n\n做大做强糖业产业链。大力推进糖业数字化发展，持续延伸糖业全产业链。", "糖业"),
    ("（一）工业\n\n壮大特色产业。加快糖业转型升级和产业链延伸。", "糖业"),
])
def test_a_trade_named_by_its_good_is_an_industry(mentions, text: str, trade: str) -> None:
    assert trade in mentions(text, "INDUSTRY")


@pytest.mark.parametrize("text", [
    "（一）生态\n\n推进矿业权有序退出。加快推进矿业权出让。",  # a right, not the trade
    "（一）工业\n\n支持酒业园区申创国家级经开区。",  # a park the trade names
])
def test_a_trade_word_inside_another_name_is_no_industry(mentions, text: str) -> None:
    assert not {"矿业", "酒业"} & set(mentions(text, "INDUSTRY"))


@pytest.mark.parametrize(("text", "waters"), [
    # city-宜昌-2024 and city-武汉-2024: rivers and lakes listed for the works done on the waters are places
    ("（三）生态\n\n加快推进玛瑙河、沮漳河、桥边河、渔洋河等重点流域综合治理。", ["玛瑙河", "沮漳河", "桥边河", "渔洋河"]),
    ("（三）生态\n\n强化跨区协调联动机制，加快巡司河、汤逊湖等河湖水环境治理，新增污水处理能力11万吨/日。", ["巡司河"]),
])
def test_waters_listed_for_their_works_are_places(mentions, text: str, waters: list[str]) -> None:
    places, projects = mentions(text, "PLACE"), mentions(text, "PROJECT")
    for water in waters:
        assert water in places
        assert water not in projects


def test_a_canal_stays_a_project(mentions) -> None:
    # prov-guangxi-2025: a canal is built
    text = "（二）交通\n\n加快建设平陆运河，建设江海联运作业区。"
    assert "平陆运河" in mentions(text, "PROJECT")


@pytest.mark.parametrize(("text", "systems"), [
    # city-黔南-2024, city-十堰-2024: the systems of chiefs of rivers, lakes and forests are programmes
    ("（三）生态\n\n筑牢生态屏障。全面落实河（湖）长制、林长制。实施营造林工程。", ["河（湖）长制", "林长制"]),
    ("（三）生态\n\n严格落实河湖长制、林长制，持续抓好长江十年禁渔。", ["河湖长制", "林长制"]),
])
def test_a_system_of_chiefs_is_a_programme(mentions, text: str, systems: list[str]) -> None:
    programmes = mentions(text, "PROGRAMME")
    for system in systems:
        assert system in programmes
    assert not set(systems) & set(mentions(text, "PROJECT"))


@pytest.mark.parametrize(("text", "place"), [
    # city-甘孜-2024 and city-阳泉-2024: a hydropower station and a pumped-storage station named by where they stand
    ("（二）能源\n\n加快旭龙、叶巴滩等5个水电站建设，抓好岗托水电站前期工作。", "岗托"),
    ("（二）能源\n\n滚动推进一批重大标志性项目，盂县上社抽水蓄能电站、太旧高速改扩建两个百亿元项目获批。", "上社"),
])
def test_water_works_named_by_their_place_hold_it(mentions, text: str, place: str) -> None:
    assert place in mentions(text, "PLACE")


def test_a_kind_of_water_works_holds_no_place(mentions) -> None:
    text = "（二）水利\n\n推进中型水库和大中型灌区建设，建设光伏电站。"
    assert not {"中型", "大中型", "光伏"} & set(mentions(text, "PLACE"))


@pytest.mark.parametrize(("text", "rating"), [
    # city-盐城-2024, city-蚌埠-2024: a rating bid for after 创成 or 创建 is no name, as after 创
    ("（三）文旅\n\n丰富旅游业态。市博物馆、阜宁马家荡、盐都桃花源创成国家4A级景区，建湖创成中国天然氧吧。", "国家4A级景区"),
    ("（三）文旅\n\n丰富旅游业态。推动涂山风景区创建4A级旅游风景区。", "4A级旅游风景区"),
])
def test_a_rating_bid_for_is_no_project(mentions, text: str, rating: str) -> None:
    assert rating not in mentions(text, "PROJECT")


def test_the_events_a_report_will_hold_are_programmes(mentions) -> None:
    # city-广州-2024: fairs and festivals listed after 办好; a short one is stepped over
    text = "（二）全力扩大有效需求\n\n提振消费。办好国际购物节、美食节、时尚消费节、直播电商节，擦亮“老字号”品牌。"
    programmes = mentions(text, "PROGRAMME")
    assert {"国际购物节", "时尚消费节", "直播电商节"} <= set(programmes)


def test_a_link_of_a_chain_is_no_event(mentions) -> None:
    text = "（二）改革\n\n深化改革。举办企业改革的重要环节，开好市场调节。"
    assert not mentions(text, "PROGRAMME")


@pytest.mark.parametrize(("text", "programme"), [
    # city-随州-2024: a race the city will hold
    ("（三）文旅\n\n丰富旅游业态。开发山水陆空户外运动线路，举办全省户外运动大会暨环大洪山公路自行车赛、编钟马拉松赛、"
     "徐家河铁人三项赛。", "徐家河铁人三项赛"),
    # city-崇左-2024: a pilot is a programme (gold: “好房子”试点, 国家智能建造试点)
    ("（二）开放\n\n发展口岸经济。推进凭祥跨境物流服务标准化试点，做大跨境电商。", "凭祥跨境物流服务标准化试点"),
])
def test_races_and_pilots_read_as_projects_are_programmes(mentions, text: str, programme: str) -> None:
    assert programme in mentions(text, "PROGRAMME")
    assert programme not in mentions(text, "PROJECT")


def test_a_region_cut_by_the_tagger_is_whole_again(mentions) -> None:
    # city-阿坝-2024: the region inside quotes, cut in two by the tagger
    text = ("（二）开放\n\n推动开放合作破圈。积极融入和服务“成渝地区双城经济圈”“泛珠三角区域合作”等，"
            "深化与成都平原经济区协同发展。")
    assert "成渝地区双城经济圈" in mentions(text, "PLACE")
    assert "双城经济圈" not in mentions(text, "PROGRAMME")


def test_a_person_a_park_honours_is_no_company(mentions) -> None:
    # city-潜江-2024 and city-黄冈-2024: the park and the museum named after a writer and a physician
    text = ("（四）城市\n\n提升城市品质。推进城市公园建设和森林公园改造，打造曹禺公园、南门河游园。"
            "启动李时珍中医药博物馆等项目建设。")
    assert not {"曹禺", "李时珍"} & set(mentions(text, "ORG"))


def test_a_figure_ranked_or_called_a_record_is_no_target(mentions) -> None:
    # city-绵阳-2024 and city-梧州-2024: figures of the year past, ranked against the province or called a record
    text = ("（三）投资\n\n扩大有效投资。水利投资增长127%，创历史新高。邮政业务总量增长29.5%，排全区第1位。"
            "今年城镇新增就业3万人以上。")
    targets = mentions(text, "TARGET")
    assert not {"水利投资增长127%", "邮政业务总量增长29.5%"} & set(targets)


def test_two_rivers_joined_inside_a_project_are_two_places(mentions) -> None:
    # city-桂林-2024 and city-无锡-2024
    text = ("（四）坚持生态优先，建设美丽家园\n\n推进城市更新。推进良丰河及古桂柳运河生态保护和修复工程等项目；进一步消除城区"
            "积水点。高质量建设大运河和长江国家文化公园。")
    places = mentions(text, "PLACE")
    assert {"良丰河", "古桂柳运河", "大运河", "长江"} <= set(places)
    assert "良丰河及古桂柳运河" not in places


def test_a_route_through_a_place_names_its_end_and_the_place(mentions) -> None:
    # city-遵义-2024: 金沙经仁怀至桐梓 runs from 金沙 through 仁怀 to 桐梓
    text = ("（二）基础设施\n\n完善交通网络。力争乌江三级航道建设工程开工，桐梓至新蒲、金沙经仁怀至桐梓、道真至武隆高速公路建成通车。")
    places = mentions(text, "PLACE")
    assert {"金沙", "仁怀"} <= set(places)
    assert "金沙经仁怀" not in places
