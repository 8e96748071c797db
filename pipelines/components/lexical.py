"""Lexicon-driven recognisers: INDUSTRY terms, PLACE names and region endings, ORG endings and contexts.

Gazetteer and lexicon hits must start and end on token boundaries of the segmenter, so that 长治 is
not found inside 长治久安.

>>> sorted({(c.label, c.start) for c in find_lexical("大力发展总部经济、数字经济，积极对接粤港澳大湾区。", None)})
[('INDUSTRY', 4), ('INDUSTRY', 9), ('PLACE', 18)]
"""

from __future__ import annotations

import collections
import functools
import re
from collections.abc import Collection

from pipelines.components.candidates import Candidate, clauses_with
from pipelines.components.items import list_items
from pipelines.gazetteer import LEVELS, PlaceNames
from pipelines.lexicon import Lexicon, word_pattern

__all__ = ["find_lexical", "find_places", "DIRECTION_PREFIXES"]

DIRECTION_PREFIXES = ("东部", "中部", "西部", "中西部", "东北", "西北", "西南", "东南", "中南", "华南", "华北",
                      "华东", "华中", "沿海", "边境")
# X经济 named as a trade form: the object of 发展/壮大/培育, or an item of a list of such (总部经济、夜间经济).
ECONOMY_ITEM = r"[\u4e00-\u9fff]{2}经济(?!社会|发展|运行|增长|工作|结构|体制|效益|总量|秩序|形势|建设|活动|规模|实力)"
ECONOMY = re.compile(rf"(?:(?<=发展)|(?<=壮大)|(?<=培育)){ECONOMY_ITEM}|{ECONOMY_ITEM}(?=[、和]{ECONOMY_ITEM})"
                     rf"|(?<=经济[、和]){ECONOMY_ITEM}")
LISTED_COMPANY = re.compile(r"支持(?P<org>[\u4e00-\u9fff]{2,8}?)(?:首发|首次公开发行|挂牌)?上市")
MAX_PLACE_PREFIX = 10
MAX_ORG_NAME = 12
NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# Verbs and particles that can stand right before a region name; the name starts after them.
REGION_CUTS = ("的", "与", "对接", "加强", "成为", "融入", "面向", "辐射", "联通", "使", "在")


@functools.cache
def _patterns(lexicon: Lexicon):
    # every term with at most one modifier before it (高端 + 新材料), as one trie
    industry = re.compile(word_pattern(list(lexicon.industry_terms) + [
        modifier + term for modifier in lexicon.industry_modifiers for term in lexicon.industry_terms]))
    place_suffix = re.compile(word_pattern(lexicon.place_suffixes))
    org_suffix = re.compile(word_pattern(lexicon.org_suffixes))
    return industry, place_suffix, org_suffix


def find_lexical(text: str, boundaries: Collection[int] | None, lexicon: Lexicon | None = None) -> list[Candidate]:
    """``boundaries``: token start/end offsets; None accepts every position (for tests and doctests)."""
    lexicon = lexicon or Lexicon.default()
    industry, place_suffix, org_suffix = _patterns(lexicon)
    aligned = (lambda s, e: True) if boundaries is None else (lambda s, e: s in boundaries and e in boundaries)
    found = []
    for match in industry.finditer(text):
        if aligned(match.start(), match.end()) and match.group(0) not in lexicon.generic_terms:
            found.append(Candidate(match.start(), match.end(), "INDUSTRY", "industry-lexicon"))
    for match in ECONOMY.finditer(text):
        if match.group(0) not in lexicon.generic_terms:
            found.append(Candidate(match.start(), match.end(), "INDUSTRY", "industry-economy"))
    found += find_places(text, boundaries, lexicon)
    found += _region_names(text, place_suffix, lexicon)
    for match in org_suffix.finditer(text):
        start = match.start()
        while start > match.start() - MAX_ORG_NAME and start > 0 and NAME_CHAR.match(text[start - 1]):
            start -= 1
        start += lexicon.strip_leading(text[start:match.start()])
        if match.start() - start >= 2:
            found.append(Candidate(start, match.end(), "ORG", "org-suffix"))
    for match in LISTED_COMPANY.finditer(text):
        name = match["org"]
        if "企业" not in name and "公司" not in name and name not in lexicon.generic_terms:
            found.append(Candidate(match.start("org"), match.end("org"), "ORG", "org-listing"))
    return found


def _region_names(text: str, place_suffix: re.Pattern[str], lexicon: Lexicon) -> list[Candidate]:
    """长株潭城市群, 大衡阳都市圈, 中南地区: a name before a region ending, inside one list item."""
    found = []
    for clause_start, clause_end in clauses_with(text, place_suffix):
        for item_start, item_end in list_items(text, clause_start, clause_end):
            for match in place_suffix.finditer(text, item_start, item_end):
                start = max(item_start, match.start() - MAX_PLACE_PREFIX)
                start += lexicon.strip_leading(text[start:match.start()])
                prefix = text[start:match.start()]
                for cut in REGION_CUTS:
                    if cut in prefix:
                        start += prefix.rindex(cut) + len(cut)
                        prefix = text[start:match.start()]
                if len(prefix) < 2:
                    continue
                if match.group(0) == "地区" and not (prefix in lexicon.places or prefix in DIRECTION_PREFIXES):
                    continue
                found.append(Candidate(start, match.end(), "PLACE", "place-suffix"))
    return found


# -- places from the gazetteer --------------------------------------------------------------------------
CONTEXT_MENTIONS, FEW_PLACES = 2, 3


@functools.cache
def _place_index(places: PlaceNames) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple]]:
    """The lengths of the names beginning with each two characters (longest first), and an empty cache
    of name → (level or None, contextual rows), filled as names are met."""
    lengths: dict[str, set[int]] = {}
    for name in places.names:
        if len(name) >= 2:
            lengths.setdefault(name[:2], set()).add(len(name))
    return {key: tuple(sorted(value, reverse=True)) for key, value in lengths.items()}, {}


def find_places(text: str, boundaries: Collection[int] | None, lexicon: Lexicon | None = None) -> list[Candidate]:
    """Places named in ``text``: regions, countries and China's administrative divisions.

    Full names of divisions, province and city short forms and unambiguous county short forms are taken
    anywhere (at token boundaries); a town's short form (小溪塔 for 小溪塔街道) or a short form shared by
    several counties only where the text names a city or county it lies in (twice at least). A division right after the
    province or municipality it lies in joins it (天津滨海新区 is one name; 祁东归阳 are two).

    >>> text = "宜昌市加快伍家岗、猇亭建设，推进宜昌小溪塔和天津滨海新区合作。"
    >>> [(text[c.start:c.end], c.attrs["level"]) for c in find_places(text, None)]
    [('宜昌市', 'city'), ('伍家岗', 'county'), ('猇亭', 'county'), ('宜昌', 'city'), ('小溪塔', 'town'), ('天津滨海新区', 'county')]
    """
    lexicon = lexicon or Lexicon.default()
    places = lexicon.places
    if not isinstance(places, PlaceNames):  # a hand-made lexicon (tests): plain names only
        return _fixed_places(text, boundaries, places)
    gazetteer = places.gazetteer
    lengths, policy = _place_index(places)
    if boundaries is None:
        starts, ends = range(len(text)), None
    elif hasattr(boundaries, "starts"):
        starts, ends = boundaries.starts, set(boundaries.ends)  # a token ends where the next starts
    else:
        starts, ends = sorted(boundaries), boundaries
    hits: list[tuple[int, int, str, list[int]]] = []  # start, end, level or "", contextual rows

    def match(start: int) -> tuple[int, int, str, list[int]] | None:
        for length in lengths.get(text[start:start + 2], ()):
            end = start + length
            word = text[start:end]
            rule = policy.get(word)
            if rule is None:
                if word not in places.names:
                    continue
                rule = policy[word] = (places.get(word), places.contextual(word))
            level, rows = rule
            if ends is not None and end not in ends:
                # 上海浦东新区 as one token: a province and a division in it, ending on the token's end
                if level == "province" and (after := match(end)) and after[2] in LEVELS:
                    return start, end, "province", []
                continue
            if level is not None:
                return start, end, level, []
            if rows:
                return start, end, "", rows
        return None

    reach = 0
    for start in [start for start in starts if text[start:start + 2] in lengths]:  # most tokens start none
        if start < reach:
            continue
        hit = match(start)
        while hit is not None:
            hits.append(hit)
            reach = hit[1]
            # a division right after the one it lies in, where the segmenter cut elsewhere (天津滨海|新区)
            hit = match(reach) if hit[2] in LEVELS and (ends is None or reach not in ends) else None
    mentions: dict[int, int] = {}
    for start, end, level, _rows in hits:
        if level in ("province", "city", "county"):
            place = gazetteer.lookup(text[start:end])
            if place is not None:
                mentions[place.index] = mentions.get(place.index, 0) + 1
    # a city or county gives context when the text is about it: named twice at least, or one of the few
    # places it names (a national report naming 鞍山 among forty cities does not make 中小 a town of it)
    few = len(mentions) <= FEW_PLACES
    named = {index for index, count in mentions.items() if count >= CONTEXT_MENTIONS or few}
    home = _home(gazetteer, mentions)
    _remember_home(text, home)
    found: list[Candidate] = []
    previous = None
    for start, end, level, rows in hits:
        word = text[start:end]
        if home is not None and level == "county" and _foreign_short_form(gazetteer, word, home):
            continue  # 花溪 (路), 城西 (高速) in another province's report: words, not its district
        if not level:
            rows = [row for row in rows if named.intersection(_context(gazetteer, row))]
            if not rows:
                continue
            level = LEVELS[min(gazetteer.level[row] for row in rows)]
        place = gazetteer.lookup(word, near=[gazetteer.place(i) for i in named]) if level in LEVELS else None
        attrs = {"level": level}
        if place is not None:
            attrs |= {"full_name": place.full_name, "parents": [p.full_name for p in place.parents
                                                                if p.full_name != place.full_name]}
        if (previous is not None and previous.end == start and place is not None
                and previous.attrs.get("level") == "province"
                and previous.attrs.get("full_name") in attrs.get("parents", ())):
            found[-1] = previous = Candidate(previous.start, end, "PLACE", "gazetteer", attrs)
            continue
        if text.startswith(BASIN_PARTS, end):  # 鳌江流域, 长江中游: the part of the basin is the place
            previous = Candidate(start, end + 2, "PLACE", "gazetteer", {"level": None})
        else:
            previous = Candidate(start, end, "PLACE", "gazetteer", attrs)
        found.append(previous)
    if ends is not None:
        found = [_feature_named_after(candidate, text, ends, lexicon) for candidate in found]
    return found


HOME_SHARE, HOME_MENTIONS = 0.5, 3
# Parts of a river's basin that make one place with its name (长江中游, 鳌江流域).
BASIN_PARTS = ("流域", "上游", "中游", "下游")


def _home(gazetteer, mentions: dict[int, int]) -> int | None:
    """The province a text is about: the one its named divisions lie in, at least half of them and three
    times; None for a text about the whole country (a national report names every province)."""
    provinces: dict[int, int] = {}
    for index, count in mentions.items():
        top = ([index, *gazetteer.ancestors(index)])[-1]
        provinces[top] = provinces.get(top, 0) + count
    if not provinces:
        return None
    best, count = max(provinces.items(), key=lambda item: item[1])
    return best if count >= HOME_MENTIONS and count >= HOME_SHARE * sum(provinces.values()) else None


_HOMES: collections.OrderedDict[str, int | None] = collections.OrderedDict()


def _remember_home(text: str, home: int | None) -> None:
    _HOMES[text] = home
    _HOMES.move_to_end(text)
    while len(_HOMES) > 4:
        _HOMES.popitem(last=False)


def foreign_place(text: str, word: str, lexicon: Lexicon, levels: tuple[str, ...] = ("county", "town")) -> bool:
    """Is ``word`` the short form of a county outside the province that ``text`` is about (as
    :func:`find_places` found it for this text), and of no division in it? False when that is unknown.
    ``levels``: the levels of which ``word`` must name a division to count."""
    home = _HOMES.get(text)
    places = lexicon.places
    if home is None or not isinstance(places, PlaceNames) or places.fixed.get(word):
        return False
    return _foreign_short_form(places.gazetteer, word, home, levels)


def _foreign_short_form(gazetteer, word: str, home: int, levels: tuple[str, ...] = ("county",)) -> bool:
    """Is ``word`` the short form of a county, and of divisions outside the province ``home`` only?"""
    rows = gazetteer.indexes(word)
    return any(gazetteer.level_of(i) in levels for i in rows) and all(
        gazetteer.full[i] != word and home not in set(gazetteer.ancestors(i)) and i != home for i in rows)


def _feature_named_after(place: Candidate, text: str, ends: Collection[int], lexicon: Lexicon) -> Candidate:
    """东昌湖, 青龙山: a lake or hill named after a division, when its geographic ending stands as a token of
    its own right after the division's name, is the feature (the longest name wins), not the division."""
    if text[place.end:place.end + 1] in lexicon.geo_suffixes and place.end + 1 in ends:
        return Candidate(place.start, place.end + 1, "PLACE", "gazetteer", {"level": None})
    return place


def _context(gazetteer, row: int) -> list[int]:
    """The divisions whose mention lets ``row``'s short form be read: its county and city; its province
    only when it lies right under it (天门, 仙桃), not for every town of a province."""
    ancestors = list(gazetteer.ancestors(row))
    return [a for i, a in enumerate(ancestors) if i == 0 or gazetteer.level_of(a) != "province"]


def _fixed_places(text: str, boundaries, places) -> list[Candidate]:
    pattern = re.compile(word_pattern(places))
    aligned = (lambda s, e: True) if boundaries is None else (lambda s, e: s in boundaries and e in boundaries)
    return [Candidate(m.start(), m.end(), "PLACE", "gazetteer", {"level": places[m.group(0)]})
            for m in pattern.finditer(text) if aligned(m.start(), m.end())]
