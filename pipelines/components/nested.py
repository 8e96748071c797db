"""Places and organisations inside a PROJECT name, and the LOCATED_IN / INVOLVES links they imply.

The name is read from the left: what stands before its descriptive part (比亚迪 | 智能制造产业园) is
places (gazetteer, the segmenter's place tag, a geographic ending such as 山 湖 渡 岛) and then,
possibly, an organisation. A route's endpoints are places (衡阳至南宁高铁 → 衡阳, 南宁).
A foreign country in a name says an origin, not a location; of two cities in a row, the second is a
partner (衡阳深圳科技工业园 is in 衡阳).
"""

from __future__ import annotations

import dataclasses
import functools
import re

from pipelines.components.candidates import Candidate
from pipelines.components.lexical import foreign_place
from pipelines.gazetteer import word_class
from pipelines.lexicon import Lexicon, read_list, word_pattern

__all__ = ["analyse_project", "holds_place", "CO_OP", "COMPANY_TYPE_WORDS", "HEAVY_TRADES", "NATION_PART", "NOT_LOCATION_LEVELS", "OPENING_DIRECTION"]

# The segmenter's proper-noun tags (person, other name, organisation, place, space) and None (unknown word).
PROPER_NOUN_TAGS = {"nr", "nz", "nt", "ns", "s", None}
# Words naming a kind of route: what follows the abbreviated ends in 衡柳铁路.
ROUTE_KINDS = ("铁路", "高速", "高铁", "公路", "航道", "城际", "轨道", "班列")
NOT_ORG_ENDINGS = ("型", "式", "级", "性", "至", "枢纽", "干线", "通道", "走廊", "寺", "庙", "祠", "塔")
# Endings of natural and rural features that the gazetteer and geo_suffixes.txt lack (gorge, dam, polder, cave, fort,
# hamlet, a shallow lake or a creek of the Jiangnan plain: 祥符荡, found by a review of city-嘉兴-2024): a name of three
# characters or more ending on one, opening a project's name, is that place
FEATURE_ENDINGS = frozenset("坝峡漾荡浜垸圩岩洞寨堡屯沟垭嘴畈冲")
NOT_FEATURES = ("页岩", "溶洞")  # a rock, a kind of cave: what is mined or shown, not where
PARTICLES = frozenset("了的在和与及")  # a word glued to the name's first character (集聚了|阿坝)
# What is named after a person (纪念馆, 故居, 艺术中心, 医院 …): a name the dictionary tags as a person's before it
PERSON_WORKS = re.compile(r"纪念|故居|旧居|故里|艺术中心|艺术馆|艺术展|文学艺术馆|书院|墓|烈士|同志|中学|小学|学校|医院"
                          # the park, museum or culture named after a person (曹禺|公园, 李时珍|中医药博物馆, 杜甫|诗酒文化
                          # 博览园, 赵树理|公园改造提升; review of city-潜江-2024 and a labelled sample of the corpus)
                          r"|公园|博物馆|[^\W\d_]{0,4}博物馆|诗|文化|广场|雕塑|塑像|祠|诞辰|逝世")
# A name before these is a street's (王安石|大道, 腾飞|路, 米仓|大道): named after a person, a place or a wish, not a
# company (11 such ORGs of the corpora were all wrong; no gold file marks an ORG there)
STREET_WORDS = ("大道", "大街", "路", "街", "巷")
NOT_LOCATION_LEVELS = {"country", "bloc", "nation"}
# The level of the nation's macro-regions named by direction alone (pipelines/data/place_regions.txt): 东部率先发展
# names a place, but in 东部新城 and 西部时尚城 the word says which part of the city, so none is taken in a name.
OPENING_DIRECTION = "direction"
ROUTE = "至"
ROUTE_DASHES = "—－-"  # between a route's ends where 至 is not written (连云港—仪征原油管道; review of city-连云港-2024)
VIA = "经"  # 金沙经仁怀至桐梓: the route passes the place between 经 and 至 (review of city-遵义-2024)
# A natural feature's name (a river, a hill, a bank, a pass: …河 …江 …山 …嘴 …冲 …坝) right before the works
# built on or along it: 柏临河|生态廊道, 黄柏河|大桥, 长江|大桥, 舒家嘴|片区, 桃子冲|延伸段, 向家坝|灌区.
FEATURE_BEFORE_WORKS = re.compile(
    r"([\u4e00-\u9fff]{1,3}?[江河湖山岭峰岛洲湾溪滩塘坪嘴冲岗坝口渡])"
    r"(?=大桥|桥|公路大桥|铁路大桥|公铁大桥|特大桥|大道|生态廊道|廊道|铁路|隧道|片区|延伸段|公路|码头|港区|水库|灌区|湿地"
    r"|景区|综合整治|环境综合整治)")
RIVER_ENDINGS = ("河", "江", "溪")
BIG_RIVERS = ("长江", "黄河", "珠江", "淮河", "汉江", "湘江", "赣江", "闽江", "嘉陵江", "乌江")
# Openings that place a thing by a feature rather than name one (滨江, 沿江, 临港, 环湖, 跨江).
POSITIONAL = ("滨", "沿", "临", "环", "跨", "过", "江北", "江南", "城")
# Endings of a facility's or a landmark's own name that the segmenter may glue into one unknown word
# (白雅路, 昌磷路, 三苏祠), and 化 of a process (数智化).
FACILITY_WORDS = ("路", "道", "街", "桥", "港", "站", "园", "城", "祠", "寺", "庙", "塔", "楼", "阁", "化")
SEGMENT = "段"
SEGMENT_LEVELS = frozenset({"province", "city", "county"})
MAX_SEGMENT_PLACE = 6
CLOSING_BRACKETS = "）)"
DIRECTIONS = ("东", "西", "南", "北", "中")
# Public works named after where they stand (陶圩|综合码头, 奔子栏|水电站), not after who builds them.
PUBLIC_WORKS = ("码头", "电站", "水库", "公园", "作业区", "港区", "大桥", "枢纽", "湿地", "景区", "渡口", "航道")
LOCATIVE_TAGS = {"s", "f"}
COMMON_TAGS = {"n", "vn"}
ORGANISATION_TAG = "nt"
# Tags of a second word that describes rather than names, after a common first word: common nouns,
# verb-nouns, places, attributes, idioms, abbreviations (民用|运输, 古城|历史, 大明|屯堡, 应城|盐碱).
DESCRIPTIVE_TAGS = {"n", "vn", "ns", "b", "l", "j", "a", "v"}
# Places whose names open companies' names (宁德时代, 山东重工); not countries (西班牙猪肉) nor districts.
COMPANY_PLACE_LEVELS = {"province", "city"}
ADMIN_ENDINGS = ("县", "市", "区", "镇", "乡", "旗")
# what opens a route's name before its near end: its kind, number and class, with the line's name (240国道|杨市至总口段,
# 322省道|熊农…至洪场段, review of city-潜江-2024; 国道珲阿线|吉林至饮马河段), a dash or a bracket
ROUTE_PREFIX = re.compile("|".join(ROUTE_KINDS) + r"|[国省县乡]道(?:[\u4e00-\u9fff]{2}线)?|[-—－·（）()]|[A-Za-z]*\d+")
NAME_ONLY = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
ROAD_NUMBER = re.compile(r"(?:[国省县乡]道|[GSXY])\d{1,4}线?")
CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")


@functools.cache
def _descriptor(lexicon: Lexicon) -> re.Pattern[str]:
    words = lexicon.industry_terms + lexicon.descriptor_words + lexicon.industry_modifiers
    return re.compile(word_pattern(words) + r"|\d")


# Zones a government designates: no company opens their names (the gold and silver files mark 117 such
# projects and no organisation inside one); what opens them is a theme (共同富裕, 科创金融) or a place.
ZONE_DESIGNATIONS = ("先行区", "试验区", "示范区", "先导区", "集聚区", "创新区", "合作区", "经济区", "功能区",
                     "实验区", "新区")


def analyse_project(text: str, project: Candidate, tokens: list[tuple[int, int, str | None]],
                    lexicon: Lexicon, *, strict_companies: bool = False) -> list[tuple[Candidate, str | None]]:
    """(candidate, relation type or None) for each place and organisation inside ``project``.

    ``tokens``: (start, end, dictionary tag) of the segmenter's tokens inside the project span. With
    ``strict_companies`` a company's short name that opens the project is not a sector (集成电路|装备产业园), not
    one common word (智慧|社区二期, 文明|街区), is followed by works of two characters or more (西气东|输) and
    does not open a zone the government designates (共同富裕|先行区); and a part of the nation that reads like a
    ministry (NATION_PART: 中西部) is a place.
    """
    name = text[project.start:project.end]
    found: list[tuple[Candidate, str | None]] = []
    if ROUTE in name:
        route_at = project.start + name.index(ROUTE)
        near = _route_start(text, project.start, route_at, tokens)
        via = text.find(VIA, near + 2, route_at - 1) if strict_companies else -1
        if via > 0:  # 金沙|经|仁怀|至桐梓: the near end and the place the route passes, after the tagger only
            found += _places(text, near, via, tokens, lexicon, route_end=True, single=True)
            found += _places(text, via + 1, route_at, tokens, lexicon, route_end=True)
        else:
            found += _places(text, near, route_at, tokens, lexicon, route_end=True)
        after = _prefix_end(text, route_at + 1, project.end, tokens, lexicon)
        if after == route_at + 1:  # the far end of a route is a place whatever its dictionary tag (白果)
            after = next((t[1] for t in tokens if t[0] == route_at + 1), after)
        found += _places(text, route_at + 1, after, tokens, lexicon, route_end=True, single=True)
    elif strict_companies and (company := _company_by_its_trade(text, project, lexicon)) is not None:
        found.append((company, "INVOLVES"))
    else:
        # a road's number before the places of its works (国道327|东明黄河公路大桥), after the tagger only; what follows
        # it is the road's or a place's name, no company's (G220|东深线改建, G345|潘凤段改造)
        number = ROAD_NUMBER.match(text, project.start, project.end) if strict_companies else None
        begin = number.end() if number is not None else project.start
        end = _prefix_end(text, begin, project.end, tokens, lexicon, phased_companies=strict_companies)
        found += _places(text, begin, end, tokens, lexicon, route_end=False, org_allowed=number is None,
                         strict_companies=strict_companies, project_end=project.end)
        if not any(c.label == "ORG" for c, _ in found):
            found = _feature_before_works(text, dataclasses.replace(project, start=begin), found, lexicon)
        if strict_companies and not any(c.label == "ORG" for c, _ in found):
            found = _name_before_water_works(text, project, found, lexicon)
    segment = _segment_division(text, project, lexicon)
    if segment is not None and not any(c.start < segment.end and segment.start < c.end for c, _ in found):
        found.append((segment, "LOCATED_IN"))
    if strict_companies and (region := REGION_CORRIDOR.match(text, project.start, project.end)) is not None \
            and not any(c.start < region.end() and region.start() < c.end for c, _ in found):
        found.append((Candidate(region.start(), region.end(), "PLACE", "nested", {"level": "region"}), "LOCATED_IN"))
    if strict_companies:
        found = _companies_before_places(text, found, lexicon)
        found = _places_apart(text, found, lexicon)
    zone = strict_companies and name.endswith(ZONE_DESIGNATIONS)  # 共同富裕|先行区, 科创|金融改革试验区
    found = [_without_segment(text, c, r) for c, r in found if not _route_abbreviation(text, c, lexicon)
             and not (strict_companies and c.label == "ORG" and (project.end - c.end < 2 or zone
                                                                or _paired_cities(text, c, lexicon)
                                                                or NOT_COMPANY_END.search(text[c.start:c.end])
                                                                or _opens_on_descriptor(text[c.start:c.end], lexicon)))]
    if strict_companies and not any(c.label == "ORG" for c, _ in found) \
            and (institution := _institution_opening(text, project)) is not None:
        found = [(c, r) for c, r in found if not (institution.start <= c.start and c.end <= institution.end)]
        found.append((institution, "INVOLVES"))
    if strict_companies:  # not before the tagger: its features (models/tagger.npz) hold what the rules read there
        found = [(Candidate(c.start, c.end, "PLACE", c.source), None) if c.label == "ORG"
                 and NATION_PART.fullmatch(text, c.start, c.end) else (c, r) for c, r in found]
    dashed = strict_companies and any(dash in name for dash in ROUTE_DASHES)  # 宜昌-岳阳…枢纽: both ends, as a route's
    return _locations(found, route=ROUTE in name or dashed)


# A hospital, university, college or institute whose works a project is (市二医院|传染病院区, 浙江大学|生命健康联合创新中心:
# the gold files mark the institution an ORG, with no place inside it; reviews of city-呼和浩特-2024 and city-嘉兴-2024
# found 北京友谊医院, 市第一医院, 内蒙古医科大学 … missed, and 272 projects of the corpora open on one): the shortest opening
# that ends like one, with two characters or more of works after it; not the side of town before it (城东|北京友谊医院),
# nor a grade, a scope or a clause (三级医院, 国家大学科技园, 市域内二级以上公立医院, 宜州新区的河池学院).
INSTITUTION_OPENING = re.compile(r"(?:城[东西南北])?(?P<name>(?!国家|环|[一二三]级|市域|好)(?:(?![的内])[\u4e00-\u9fff]){1,10}?"
                                 r"(?:医科大学|大学|学院|师院|医专|职院|医院|保健院|研究院))(?=[\u4e00-\u9fff（(]{2})")


def _institution_opening(text: str, project: Candidate) -> Candidate | None:
    """The ORG of ``INSTITUTION_OPENING`` at the start of ``project``, if any."""
    match = INSTITUTION_OPENING.match(text, project.start, project.end)
    return Candidate(*match.span("name"), "ORG", "institution") if match is not None else None


# What ends no company's name: where along a river or coast (长江上游|航运中心, 长江沿线, 温台沿海), on or off the sea
# (南海上|风电, 渤中海上|风电), or air transport in general (国际航空|货运基地): read with the project, no ORG (after the
# tagger only, like the other company rules); nor bonded trade (内江保税|物流中心, 陆港保税|物流中心: what the centre does)
NOT_COMPANY_END = re.compile(r"(?:上游|中游|下游|沿线|沿海|沿江|流域|海上|陆上|保税|^国际航空)$")


# How an organisation's own name ends (交通银行, 国家药监局, 化工学院, 万华化学研究院): such a name may open on a word that
# describes works (交通, 国家, 化工), which no company's short name does otherwise (国际贸易|数字化平台, 智能化|管控平台,
# 中医药|产业园: what the works are, read by the final resolver as a company; a review of city-晋城-2024)
ORGANISATION_ENDINGS = ("局", "院", "校", "行", "所", "部", "委", "厅", "会", "司", "团", "社", "馆", "大学")


def _opens_on_descriptor(name: str, lexicon: Lexicon) -> bool:
    """Whether an organisation read inside a project's name opens on a word that describes the works (an industry,
    国际, 智能: :func:`_descriptor`) and does not end as an organisation's own name does.

    >>> lexicon = Lexicon.default()
    >>> [_opens_on_descriptor(name, lexicon) for name in ("国际贸易", "智能化", "交通银行", "国家药监局", "比亚迪")]
    [True, True, False, False, False]
    """
    return _descriptor(lexicon).match(name) is not None and not name.endswith(ORGANISATION_ENDINGS)


# A part of the nation named by two or three directions (中西部|国际交往中心, 中西部|集成电路产品验证中心), which reads
# like a ministry's name (…部) where an organisation may open a project: a place (gold names 中西部 a PLACE)
NATION_PART = re.compile(r"[东西南北中]{2,3}部")
# A corridor the nation builds for one of its macro-regions lies in that region, which every gold file naming one marks
# inside the name (西部|陆海新通道: five mentions, national and local dev, cn-train and the probes); elsewhere a
# direction opening a name says which part of a city it is (东部新城, 西部时尚城: OPENING_DIRECTION). In the corpora:
# 西部陆海新通道 (42 times), 西南出海通道, 西南航运通道.
REGION_CORRIDOR = re.compile(r"(?:西部|西南|西北|东北|中西部|华南|华北|华东|华中)(?=[^\W\d_]{0,4}通道)")


# What two cities build together, named by their initials (宿马|现代产业园, 亳芜|现代产业园区, 扬泰|国际机场, 深哈|产业园)
SHARED_WORKS = re.compile(r"(?:现代)?(?:产业园|工业园|园区|产业合作园|合作区|国际机场|机场|产业带|经济带|产业走廊|联动区)")


def _paired_cities(text: str, org: Candidate, lexicon: Lexicon) -> bool:
    """An organisation of two characters, each the first of a city's or province's name, that opens a park, zone,
    airport or belt two cities share: the initials of the two, no company (亳芜|现代产业园区 in city-芜湖-2024's gold
    holds no ORG). A company's park is named by more (新和成|产业园, 中通|智慧物流产业园)."""
    name = text[org.start:org.end]
    return (len(name) == 2 and name[0] != name[1] and all(char in _division_initials(lexicon) for char in name)
            and SHARED_WORKS.match(text, org.end) is not None)


MIN_COMPANY_BEFORE_PLACE = 2  # characters of a company's name before the place read with it (中化|山东)


def _companies_before_places(text: str, found: list[tuple[Candidate, str | None]], lexicon: Lexicon
                             ) -> list[tuple[Candidate, str | None]]:
    """A company's name read with the place after it (中化山东, 国网新疆, 吉利宁国) is the company and the place where the
    project stands (中化 and 山东, as the gold files read 华电|白马 in 华电白马2×475兆瓦燃气轮机…); a county before the
    place is a place too (岳池朝阳: 岳池, 朝阳). Places taken without context only (白马, a town's name, is not).

    >>> lexicon = Lexicon.default()
    >>> text = "中化山东高端化工新材料"
    >>> [(text[c.start:c.end], c.label, r) for c, r in _companies_before_places(
    ...     text, [(Candidate(0, 4, "ORG", "nested"), "INVOLVES")], lexicon)]
    [('中化', 'ORG', 'INVOLVES'), ('山东', 'PLACE', 'LOCATED_IN')]
    """
    out = []
    for candidate, relation in found:
        name = text[candidate.start:candidate.end]
        cut = None
        if candidate.label == "ORG":
            cut = next((i for i in range(MIN_COMPANY_BEFORE_PLACE, len(name) - 1) if name[i:] in lexicon.places
                        and lexicon.places.get(name[i:]) != OPENING_DIRECTION), None)
        if cut is None:
            out.append((candidate, relation))
            continue
        head, at = name[:cut], candidate.start + cut
        if head in lexicon.places:
            out.append((_place(candidate.start, at, lexicon, head), "LOCATED_IN"))
        elif head not in lexicon.generic_terms:
            out.append((Candidate(candidate.start, at, "ORG", "nested"), relation))
        out.append((_place(at, candidate.end, lexicon, name[cut:]), "LOCATED_IN"))
    return out


# Two places joined by 和, 及 or 与 that a project's name opens with (良丰河及古桂柳运河|生态保护和修复工程, 大运河和长江|
# 国家文化公园; review of city-桂林-2024): each ends on a river, lake, sea or mountain of its own, so each is a place
# (GUIDELINES, Shared heads: items that each carry their own head are separate spans). Not a name that holds the word
# (呼和浩特, 中华人民共和国: the part before it ends on no such head). Only after the tagger, whose features hold what
# the rules read before it.
JOINED_PLACES = re.compile(r"(?P<left>[^\W\d_]{1,10}[河江湖海山岭])[和及与](?P<right>[^\W\d_]{1,10}[河江湖海山岭])")


def _places_apart(text: str, found: list[tuple[Candidate, str | None]], lexicon: Lexicon
                  ) -> list[tuple[Candidate, str | None]]:
    """A place found that is :data:`JOINED_PLACES` as a whole is its two places.

    >>> text = "良丰河及古桂柳运河生态保护和修复工程"
    >>> [text[c.start:c.end] for c, _ in _places_apart(text, [(Candidate(0, 9, "PLACE", "nested"), "LOCATED_IN")],
    ...                                                  Lexicon.default())]
    ['良丰河', '古桂柳运河']
    """
    out = []
    for candidate, relation in found:
        joined = JOINED_PLACES.fullmatch(text, candidate.start, candidate.end) if candidate.label == "PLACE" else None
        if joined is None:
            out.append((candidate, relation))
            continue
        for part in ("left", "right"):
            a, b = joined.span(part)
            out.append((_place(a, b, lexicon, text[a:b]), relation))
    return out


def _feature_before_works(text: str, project: Candidate, found: list, lexicon: Lexicon) -> list:
    """The natural feature named after the places that open a project's name, or instead of the last of
    them where the feature's name runs on through it (黄柏|河大桥: the segmenter read 黄柏 as a place)."""
    starts = [max((c.end for c, _ in found), default=project.start)]
    if found:
        starts.append(found[-1][0].start)
    for start in starts:
        feature = FEATURE_BEFORE_WORKS.match(text, start, project.end)
        if (feature and feature.end(1) > starts[0] and not feature.group(1).startswith(POSITIONAL)
                and "沿" not in feature.group(1)
                and feature.group(1) not in lexicon.generic_terms):
            kept = [(c, r) for c, r in found if c.end <= start]
            first, end = feature.span(1)
            river = next((n for n in BIG_RIVERS if feature.group(1).endswith(n) and len(feature.group(1)) > len(n)), None)
            if river:  # 茜草|长江 (大桥): the big river after the name of its crossing's place
                kept.append((_place(first, end - len(river), lexicon, text[first:end - len(river)]), "LOCATED_IN"))
                first = end - len(river)
            return [*kept, (_place(first, end, lexicon, text[first:end]), "LOCATED_IN")]
    return found


# Works named by where they stand: a hydropower station, a reservoir, an irrigation district (岗托|水电站, 两河口|水库,
# 上社|抽水蓄能电站, 井冈|灌区): the name before the head, after the county that opens the project's name, is a place
# (gold: 两河口 of 资中两河口水库, 大石包 of 威远县大石包水库, 井冈 of 井冈灌区, 福绵 of 福绵抽水蓄能电站; reviews of
# city-甘孜, 阳泉, 百色, 宜春 2024 found 岗托, 硬梁包, 上社, 八渡, 洪屏 missed). Not a descriptor or a sector (中型|水库,
# 光伏|电站), and only after the tagger, whose features hold what the rules read before it.
WATER_WORKS_NAMED = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,3}?)(?:抽水蓄能|混合抽蓄)?(?:水电站|电站|水库|灌区)"
                               r"(?:渠系)?(?:工程|项目)?(?:[（(][^）)]{1,6}[）)]|[一二三四五六七八九十]+期)?")
NOT_WATER_WORKS_NAMES = re.compile(r"^(?:新|大型|中型|小型|大中|中小|重点|骨干|一批|各|该|本|全|的)|[型级座个批等和及与、]|光伏|储能|风光"
                                   r"|水光|[热核变储蓄火风]$|^(?:水库|河谷|灌区)$")  # 大连热|电站, 中团变|电站: another kind


def _name_before_water_works(text: str, project: Candidate, found: list, lexicon: Lexicon) -> list:
    """See ``WATER_WORKS_NAMED``: the project's name from the end of the places found to its end is such works, and
    the name before the head none of ``NOT_WATER_WORKS_NAMES``, no generic term and no descriptor.

    >>> lexicon = Lexicon.default()
    >>> text = "岗托水电站、中型水库、大石包水库"
    >>> [text[c.start:c.end] for c, _ in _name_before_water_works(text, Candidate(0, 5, "PROJECT", "model"), [], lexicon)]
    ['岗托']
    >>> _name_before_water_works(text, Candidate(6, 10, "PROJECT", "model"), [], lexicon)
    []
    >>> [text[c.start:c.end] for c, _ in _name_before_water_works(text, Candidate(11, 16, "PROJECT", "model"), [], lexicon)]
    ['大石包']
    """
    start = max((c.end for c, _ in found), default=project.start)
    works = WATER_WORKS_NAMED.fullmatch(text, start, project.end)
    if works is None or any(c.start < project.end and start < c.end and c.start >= start for c, _ in found):
        return found
    name = works.group("name")
    if NOT_WATER_WORKS_NAMES.search(name) or name in lexicon.generic_terms or _descriptor(lexicon).match(name) \
            or NAME_ONLY.fullmatch(name) is None:
        return found
    return [*found, (_place(works.start("name"), works.end("name"), lexicon, name), "LOCATED_IN")]


def _segment_division(text: str, project: Candidate, lexicon: Lexicon) -> Candidate | None:
    """The division a project's closing segment runs through (川渝特高压交流工程（内江段）, 十宜高速兴山段), which the
    segmenter may glue to the segment (内|江段); the longest name of a province, city or county before 段."""
    end = project.end - (text[project.end - 1] in CLOSING_BRACKETS)
    if end - project.start < 4 or text[end - 1] != SEGMENT:
        return None
    for length in range(min(MAX_SEGMENT_PLACE, end - 1 - project.start - 2), 1, -1):
        word = text[end - 1 - length:end - 1]
        if lexicon.places.get(word) in SEGMENT_LEVELS:
            return _place(end - 1 - length, end - 1, lexicon, word)
    return None


def _route_abbreviation(text: str, candidate: Candidate, lexicon: Lexicon) -> bool:
    """沪苏湖 (高铁), 宜湖 (铁路), 郑渝 (高铁): the abbreviated ends that open a route's name are no place
    (GUIDELINES, Places in names), unless the words are a place's own name (衡阳 in 衡阳铁路) or a river's
    (田家河铁路专用线)."""
    word = text[candidate.start:candidate.end]
    return (candidate.label == "PLACE" and text.startswith(ROUTE_KINDS, candidate.end)
            and word not in lexicon.places and not (word.endswith(RIVER_ENDINGS) and not word.startswith(POSITIONAL)))


def _without_segment(text: str, candidate: Candidate, relation: str | None) -> tuple[Candidate, str | None]:
    """长塘段 → 长塘: a route segment's end is the place, the word 段 is not part of its name."""
    if candidate.label == "PLACE" and candidate.end - candidate.start > 2 and text[candidate.end - 1] == SEGMENT:
        return Candidate(candidate.start, candidate.end - 1, "PLACE", candidate.source, candidate.attrs), relation
    return candidate, relation


def _route_start(text: str, start: int, route_at: int, tokens) -> int:
    """Where the near end of a route begins: after the road's own name or number and any dash
    (G80广昆高速|南宁至百色段, 昭黔铁路|遵义至铜仁段), at a token start."""
    near = start
    for match in ROUTE_PREFIX.finditer(text, start, route_at):
        near = match.end()
    starts = [t[0] for t in tokens if near <= t[0] < route_at]
    return starts[0] if starts else route_at


def _prefix_end(text: str, start: int, end: int, tokens, lexicon: Lexicon, *, phased_companies: bool = False) -> int:
    """Where the words that open a project's name end: before its first descriptor, or after its first token where
    that names a place or a company (with ``phased_companies``, also an unknown word before a phase: PHASE_ONLY;
    only after the tagger, whose features hold what the rules read before it)."""
    match = _descriptor(lexicon).search(text, start, end)
    if match and match.start() > start:
        return match.start()
    first = next((t for t in tokens if t[0] == start), None)
    if first and first[1] < end and (first[2] in PROPER_NOUN_TAGS - {None} or text[first[1] - 1] in lexicon.geo_suffixes
                                     or (first[2] is None and _unknown_name(text, first[0], first[1], lexicon))
                                     or (text.startswith(TRADE_WORDS, first[1]) and first[1] - first[0] >= 2)
                                     or (phased_companies and first[2] is None and first[1] - first[0] == 2
                                         and CJK_ONLY.fullmatch(text, first[0], first[1])
                                         and text[first[0]:first[1]] not in lexicon.generic_terms
                                         and PHASE_ONLY.fullmatch(text, first[1], end))):
        after = next((t for t in tokens if t[0] == first[1] + 1), None) if phased_companies else None
        if (after is not None and text[first[1]] in ROUTE_DASHES and after[1] < end
                and _is_place_word(text[first[0]:first[1]], first[2], lexicon)):
            return after[1]  # 连云港|—|仪征|原油管道: the route's far end after the dash, which _places reads
        return first[1]
    return start


def _dashed_features(start: int, prefix: str, lexicon: Lexicon) -> list[tuple[Candidate, str | None]]:
    """The pieces of a project's opening words that dashes join (明中都—小岗村|文旅体验, 滨海—中关村|科技园) which end like a
    geographic name or name a place, each a place."""
    found, position = [], start
    for piece in re.split(f"[{ROUTE_DASHES}]", prefix):
        if len(piece) >= 2 and CJK_ONLY.fullmatch(piece) and (piece[-1] in lexicon.geo_suffixes or piece in lexicon.places
                                                             or _short_place(piece, lexicon)):
            found.append((_place(position, position + len(piece), lexicon, piece), "LOCATED_IN"))
        position += len(piece) + 1
    return found


def _unknown_name(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """A word the segmenter's dictionary does not know, opening a project's name: a company's or a place's
    own name (赛力斯扩能, 易捷特新车型), not a descriptive word (零碳, 智算)."""
    word = text[start:end]
    return (len(word) >= 3 and CJK_ONLY.fullmatch(word) is not None and word not in lexicon.generic_terms
            and not word.endswith((*lexicon.project_suffixes, *FACILITY_WORDS))
            and not all(char in _division_initials(lexicon) for char in word)
            and _descriptor(lexicon).match(text, start, end) is None)


@functools.cache
def _division_initials(lexicon: Lexicon) -> frozenset[str]:
    """First characters of provinces' and cities' names: a word made of them only abbreviates several
    places (金丽温 for 金华, 丽水, 温州; 川渝; 南玉珠), it names no company."""
    gazetteer = getattr(lexicon.places, "gazetteer", None)
    if gazetteer is None:
        return frozenset(name[0] for name, level in lexicon.places.items() if level in COMPANY_PLACE_LEVELS)
    return frozenset(name[0] for index in range(len(gazetteer.full))
                     if gazetteer.level_of(index) in COMPANY_PLACE_LEVELS
                     for name in (gazetteer.full[index], gazetteer.short[index]) if name)


def _is_place_word(word: str, tag: str | None, lexicon: Lexicon) -> bool:
    if word in lexicon.generic_terms:
        return False  # 城市, 海洋: words that end like a place name
    if lexicon.places.get(word) == OPENING_DIRECTION:
        return False  # 东部 (科技城): which part of the city
    return word in lexicon.places or tag == "ns" or (len(word) >= 2 and word[-1] in lexicon.geo_suffixes)


def _places(text: str, start: int, end: int, tokens, lexicon: Lexicon, *, route_end: bool,
            org_allowed: bool = False, single: bool = False, strict_companies: bool = False,
            project_end: int | None = None) -> list[tuple[Candidate, str | None]]:
    prefix = text[start:end]
    if len(prefix) < 2:
        return []
    if prefix in lexicon.generic_terms:
        return []  # 海洋 (经济示范区): a word that ends like a place name
    if prefix[-1] in lexicon.geo_suffixes and "、" not in prefix and not _holds_place(prefix, lexicon):
        if strict_companies and any(dash in prefix for dash in ROUTE_DASHES):
            return _dashed_features(start, prefix, lexicon)  # 明中都—小岗村: the places a dash joins
        if not route_end and foreign_place(text, prefix, lexicon, levels=("county",)):
            return []  # 花溪 (路), a district of 贵阳, in a report on 湖北; 九龙山 stays a hill
        return [(_place(start, end, lexicon, prefix), "LOCATED_IN")]
    found, position, dashed = [], start, False
    tag_at = {t[0]: (t[1], t[2]) for t in tokens}
    while position < end:
        gazetteer = _longest_place(text, position, end, lexicon, home_only=not (route_end or dashed))
        token_end, tag = tag_at.get(position, (None, None))
        if (org_allowed and tag == ORGANISATION_TAG and token_end and token_end <= end
                and token_end > position + len(gazetteer or "")):
            # 浙江大学, 中国电信: the dictionary knows the organisation that opens on a place's name
            found.append((Candidate(position, token_end, "ORG", "nested"), "INVOLVES"))
            return found
        if gazetteer:
            piece_end = position + len(gazetteer)
        elif (token_end and token_end <= end and _is_place_word(text[position:token_end], tag, lexicon)
              and (route_end or not foreign_place(text, text[position:token_end], lexicon))):
            piece_end = token_end
        elif dashed and token_end and token_end <= end and _short_place(text[position:token_end], lexicon):
            piece_end = token_end  # 连云港—|仪征|原油管道: a county by its short name at a route's far end, as after 至
        else:
            break
        found.append((_place(position, piece_end, lexicon, text[position:piece_end]), "LOCATED_IN"))
        position = piece_end
        if single:
            return found
        dashed = strict_companies and position + 1 < end and text[position] in ROUTE_DASHES
        if dashed:
            position += 1  # 连云港|—|仪征原油管道: both ends of a route a dash joins, after the tagger only
    rest = text[position:end]
    if not rest or dashed:
        return found  # … or what follows the dash is no place (浏阳-|上栗跨省产业园区): no company either
    if not route_end and foreign_place(text, rest, lexicon):
        # 花溪 (路) in a report on 湖北: a word here, not a place; a company's short name where one could stand
        # (小松|全球智能制造基地, 金龙|零碳交通科技产业园 in a report on 济宁: the towns 小松镇, 金龙镇 lie elsewhere)
        if (org_allowed and strict_companies and tag_at.get(position) == (end, None)
                and not rest.endswith(FACILITY_WORDS) and not rest.startswith((*POSITIONAL, *DIRECTIONS))
                and not text.endswith(PUBLIC_WORKS, 0, project_end or end)
                and _org_like(text, position, end, tag_at, lexicon, strict=True)):
            found.append((Candidate(position, _with_company_type(text, end), "ORG", "nested"), "INVOLVES"))
        return found
    if (route_end and NAME_ONLY.fullmatch(rest)) or _short_place(rest, lexicon):
        found.append((_place(position, end, lexicon, rest), "LOCATED_IN"))
    elif (org_allowed and len(found) == 1 and found[0][0].attrs.get("level") in COMPANY_PLACE_LEVELS
          and _common_word(text, position, end, tag_at, lexicon) and not NOT_COMPANY_END.search(prefix)):
        # 宁德时代, 山东重工: a place's name and a common word are a company's name, not where it stands
        return [(Candidate(start, end, "ORG", "nested"), "INVOLVES")]
    elif (strict_companies and len(rest) >= 3 and rest[-1] in FEATURE_ENDINGS and CJK_ONLY.fullmatch(rest)
          and rest[0] not in PARTICLES and not rest.endswith(NOT_FEATURES)):
        # 大藤峡, 邓家坝, 十八联圩, 半升洞: a gorge, dam, polder or cave the works are named by, a place (as the gold's
        # 大石包 of 威远县大石包水库), not the company the final resolver would read
        found.append((_place(position, end, lexicon, rest), "LOCATED_IN"))
    elif org_allowed and _org_like(text, position, end, tag_at, lexicon, strict=strict_companies):
        org_end = _with_company_type(text, end) if strict_companies else end
        found.append((Candidate(position, org_end, "ORG", "nested"), "INVOLVES"))
    return found


# A trade a company's registered name closes on, which no project's works open with (澳泰|铝业|铝板带箔, 春盛|纸业|竹浆纸,
# 必晟|矿业|技改; found by a review of city-百色-2024; the gold's 太阳纸业): the words before it are the company's.
TRADE_WORDS = ("铝业", "纸业", "矿业", "煤业", "铜业", "锂业", "集团", "实业")


# A project named by a company and its phase alone (华晟|五期, 胜华|二期; the gold's 太阳纸业|二期, 首衡城|二期, 赛力斯|扩能):
# the unknown word of two characters before it is the company's short name (reviews of city-宣城-2024, city-眉山-2024).
PHASE_ONLY = re.compile(r"(?:[一二三四五六七八九十]+|\d+)期(?:工程|项目)?|扩能|技改")


# Words of a company's registered name that follow its short name (乐鸿科技, 华天科技, 武当药业, 东方电气, 山推股份):
# the gold and silver files hold them inside the organisation's span (科技 14 times against 2 after it).
COMPANY_TYPE_WORDS = ("科技", "药业", "电气", "股份", "控股", *TRADE_WORDS)
# ... unless they open what is built (安大|科技园, 林竹|科技创新产业研究院, 中药|科技学校).
NOT_AFTER_COMPANY_TYPE = re.compile(r"园|城|馆|谷|港|院|校|学|创新|中心|小镇|大厦|产业|示范|成果|服务|孵化|企业")


def _with_company_type(text: str, end: int) -> int:
    """Where an organisation that ends at ``end`` inside a project's name really ends: after a company-type
    word that follows it (乐鸿|科技|射频电子标签 → 乐鸿科技), not one that opens the works (安大|科技园)."""
    word = next((w for w in COMPANY_TYPE_WORDS if text.startswith(w, end)), None)
    if word is None or NOT_AFTER_COMPANY_TYPE.match(text, end + len(word)):
        return end
    return end + len(word)


# Trades of heavy industry a company's registered name closes on (山东重工, 金雷重装, 维远化学, 振华石化): with
# COMPANY_TYPE_WORDS, what :func:`_company_by_its_trade` reads. A place's name opens a company's only before these
# (山东|重工, as 宁德|时代), not before 科技 (温州|金融科技文化中心, 衡阳深圳|科技工业园: the gold's places).
HEAVY_TRADES = ("重工", "重装", "化学", "石化", "化纤", "制药")
CO_OP = "供销"  # the supply and marketing co-operative of a place (中国供销, as the gold's; 江西供销; review of city-荆州-2024)
SCOPE_OPENINGS = "省市县区"  # 省|绿色石化技术创新中心: whose, not who
COMPANY_BY_TRADE = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?P<trade>{'|'.join((*HEAVY_TRADES, CO_OP, *COMPANY_TYPE_WORDS))})"
                              r"(?=[\u4e00-\u9fffA-Za-z0-9]{2})")
NOT_AFTER_TRADE = re.compile(rf"{NOT_AFTER_COMPANY_TYPE.pattern}|工业|文化|金融|区|[一二三四五六七八九十]期")


def _company_by_its_trade(text: str, project: Candidate, lexicon: Lexicon) -> Candidate | None:
    """The company that opens a project's name with a short name and the trade its registered name closes on
    (维远化学|环氧丙烷, 金雷重装|海上风电核心部件制造, 新发药业|高端原料药, 山东重工|大型矿山设备智造基地, as the gold's
    太阳纸业, 乐鸿科技 and 山东重工; review of city-东营-2024), where the works follow. Not a common word before the trade
    (危险|化学品), nor a place's name other than a province's or a city's, nor one before a light trade (温州|科技…),
    nor a zone or a phase after it.

    >>> lexicon = Lexicon.default()
    >>> for name in ("维远化学环氧丙烷", "山东重工大型矿山设备智造基地", "温州金融科技文化中心", "武汉科技创新中心", "危险化学品仓储基地"):
    ...     company = _company_by_its_trade(name, Candidate(0, len(name), "PROJECT", "tagger"), lexicon)
    ...     print(name, company and name[company.start:company.end])
    维远化学环氧丙烷 维远化学
    山东重工大型矿山设备智造基地 山东重工
    温州金融科技文化中心 None
    武汉科技创新中心 None
    危险化学品仓储基地 None
    """
    match = COMPANY_BY_TRADE.match(text, project.start, project.end)
    if match is None or NOT_AFTER_TRADE.match(text, match.end()) or text.endswith(ZONE_DESIGNATIONS, 0, project.end):
        return None
    name, trade = match.group("name", "trade")
    if name in lexicon.generic_terms or name in _sectors(lexicon) or name[0] in SCOPE_OPENINGS:
        return None
    company = Candidate(project.start, match.end(), "ORG", "nested")
    if trade == CO_OP and name in lexicon.places:  # 中国|供销, 江西|供销, 万载|供销: the co-op of the place
        return company
    if lexicon.places.get(name) in COMPANY_PLACE_LEVELS:  # 山东|重工, 九江|石化, as 宁德|时代
        return company if trade in HEAVY_TRADES else None
    if name[-1] in lexicon.geo_suffixes or name.endswith(FACILITY_WORDS) or _holds_place(name, lexicon):
        return None  # 吕四港|重装码头, 通州湾|石化双循环基地, 南站|科技商务区: a port, a bay, a station, no company
    return None if word_class(name) == "common" else company


def holds_place(text: str, lexicon: Lexicon) -> bool:
    """Does ``text`` hold a place name (any substring of two characters or more) or end like one (…湖, …山)?"""
    return bool(text) and (text[-1] in lexicon.geo_suffixes or _holds_place(text, lexicon))


def _holds_place(text: str, lexicon: Lexicon) -> bool:
    """Does ``text`` hold a place name (any substring of two characters or more)?"""
    return any(text[i:j] in lexicon.places for i in range(len(text)) for j in range(i + 2, len(text) + 1))


def _longest_place(text: str, start: int, end: int, lexicon: Lexicon, *, home_only: bool = False) -> str | None:
    """The longest place name at ``start``; with ``home_only``, not one of a county or town that lies only
    outside the province the text is about (a route's ends may lie anywhere: 北流至化州高速)."""
    for length in range(min(8, end - start), 1, -1):
        word = text[start:start + length]
        if (word in lexicon.places and lexicon.places.get(word) != OPENING_DIRECTION
                and not (home_only and foreign_place(text, word, lexicon))):
            return word
    return None


def _short_place(name: str, lexicon: Lexicon) -> bool:
    """普安 for 普安县, 兴仁 for 兴仁市: a county or town named without its ending."""
    return len(name) >= 2 and NAME_ONLY.fullmatch(name) is not None and any(
        name + ending in lexicon.places for ending in ADMIN_ENDINGS)


def _org_like(text: str, start: int, end: int, tag_at: dict, lexicon: Lexicon, *, strict: bool = False) -> bool:
    """A company's short name: one or two whole tokens of name characters (比亚迪, 特变电工), not a
    word that ends like a geographic name (温泉, 红树林) nor a fragment of a longer name."""
    name = text[start:end]
    if len(name) < 2 or name.endswith(NOT_ORG_ENDINGS) or name in lexicon.generic_terms:
        return False
    if strict and name in _sectors(lexicon):
        return False  # 集成电路 (装备产业园), 锂电 (小镇): a sector, not a company
    if text.startswith(ROUTE_KINDS, end) or name.endswith(ROUTE_KINDS):
        return False  # 衡柳铁路, 沈丹铁路(外迁工程): an abbreviation of the route's ends, not a company
    if text.startswith(STREET_WORDS, end):
        return False
    if text.startswith("、", end):
        return False  # 南苍三、(青剑阆高速), 江家口、(青峪口水库): an item of names that share the project's head
    if text.startswith("开区", end):
        return False  # 炉碧经|开区: the segmenter's cut through 经开区, the zone's name, no company
    if any(project.startswith(name) for project in _national_projects()):
        return False  # 南水北调(东线), 引江济(淮), 西气东(输): a national project or the start of one
    if NAME_ONLY.fullmatch(name) is None or name[-1] in lexicon.geo_suffixes or name[-1] in ADMIN_ENDINGS:
        return False
    tags, words = [], []
    position = start
    while position < end and position in tag_at:
        token_end, tag = tag_at[position]
        tags.append(tag)
        words.append(text[position:token_end])
        position = token_end
    if position != end or len(tags) > 2 or (len(name) > 4 and not name.isascii()):
        return False
    if strict and len(tags) == 1 and tags[0] == "nr" and PERSON_WORKS.match(text, end):
        return False  # 王安石|纪念馆, 邵逸夫|医院, 毛泽民|故居: the person a place honours, no company
    if len(tags) == 1 and (tags[0] in LOCATIVE_TAGS or (strict and word_class(words[0]) == "common")):
        return False  # 西岸, 东部: where, not who; 智慧 (社区), 文明 (街区): a common word describes
    if len(tags) == 2 and tags[1] in DESCRIPTIVE_TAGS and word_class(words[0]) == "common":
        return False  # 古城|历史, 战略|资源, 峡谷|大桥: two common words describe; 特变|电工 opens on a rare one
    return len(name) >= 4 or any(tag in PROPER_NOUN_TAGS for tag in tags)


@functools.cache
def _national_projects() -> tuple[str, ...]:
    """The projects that are one thing across the country (data/national_projects.txt)."""
    return tuple(read_list("national_projects.txt"))


@functools.lru_cache(maxsize=4)
def _sectors(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(lexicon.industry_terms)


def _common_word(text: str, start: int, end: int, tag_at: dict, lexicon: Lexicon) -> bool:
    """One two-character token of the dictionary, a common noun (时代, 重工), not a name or a place."""
    token_end, tag = tag_at.get(start, (None, None))
    word = text[start:end]
    return (token_end == end and len(word) == 2 and tag in COMMON_TAGS and NAME_ONLY.fullmatch(word) is not None
            and word not in lexicon.places and word[-1] not in lexicon.geo_suffixes
            and word not in ROUTE_KINDS and not word.endswith(FACILITY_WORDS))  # not 宜春|铁路 (综合物流园)


def _place(start: int, end: int, lexicon: Lexicon, word: str) -> Candidate:
    return Candidate(start, end, "PLACE", "nested", {"level": lexicon.places.get(word)})


def _locations(found: list[tuple[Candidate, str | None]], route: bool) -> list[tuple[Candidate, str | None]]:
    out: list[tuple[Candidate, str | None]] = []
    previous_level: str | None = None
    for candidate, relation in found:
        level = candidate.attrs.get("level") if candidate.label == "PLACE" else None
        if relation == "LOCATED_IN" and (level in NOT_LOCATION_LEVELS or (not route and level == "city" and previous_level == "city")):
            relation = None
        previous_level = level
        out.append((candidate, relation))
    return out
