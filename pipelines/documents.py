"""What a document is: the government that issued it (a division of the gazetteer, with the divisions above
it), its level, year, title and kind.

Explicit values come first (a JSONL line's fields, a text file's front matter, ``kg build --place --level
--year --title --kind``); what is still missing is inferred from the doc_id (``city-宜昌-2024``,
``prov-hubei-2025``, ``cn-gwr-1954``), the title (宜昌市2024年政府工作报告, 2025年广西政府工作报告,
…国务院政府工作报告) and the text's opening lines (——2024年1月13日在马鞍山市第十七届人民代表大会…, 我代表国务院).

>>> from kg.model import Document
>>> doc = describe(Document("city-宜昌-2024", "各位代表：", title="宜昌市2024年政府工作报告"))
>>> doc.place, doc.places, doc.level, doc.year, doc.kind
('宜昌市', ('宜昌市', '湖北省'), 'city', 2024, 'report')
>>> describe(Document("cn-gwr-1999", "各位代表：", title="1999年中华人民共和国国务院政府工作报告")).level
'national'
>>> describe(Document("prov-guangxi-2025", "…", title="2025年广西政府工作报告")).places
('广西壮族自治区',)
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from kg.errors import InputError
from kg.ids import entity_id
from kg.model import DOCUMENT_KINDS, DOCUMENT_LEVELS, Document
from pipelines import gazetteer
from pipelines.gazetteer import Place

__all__ = ["describe", "resolve_place", "place_id", "place_scope", "NATIONAL_PLACE", "META_FIELDS",
           "split_front_matter"]

NATIONAL_PLACE = "中国"
META_FIELDS = ("title", "year", "place", "level", "kind")
# The gazetteer's level of a division → the level of a government report it issues.
_LEVEL_OF_DIVISION = {"province": "provincial", "city": "city", "county": "county"}
_DIVISIONS_OF_LEVEL = {"provincial": ("province",), "city": ("city", "county"), "county": ("county",)}
_PREFIX_LEVEL = {"cn": "national", "prov": "provincial", "province": "provincial", "city": "city",
                 "county": "county"}
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})年")
_OPENING_DATE = re.compile(r"((?:19|20)\d{2})年\d{1,2}月\d{1,2}日在")
_CONGRESS = re.compile(r"在(\S{2,16}?)第[一二三四五六七八九十]+届人民代表大会")
_ON_BEHALF = re.compile(r"我代表(\S{2,16}?)人民政府")
_TITLE_PLACE = re.compile(r"^(?:(?:19|20)\d{2}年)?(\S{2,16}?)(?:(?:19|20)\d{2}年)?(?:人民)?政府工作报告")
_NATIONAL = re.compile(r"国务院|中华人民共和国政府工作报告|我代表国务院")
_INTERPRETATION = re.compile(r"解读|图解|读懂|要点|速览")
_FRONT_MATTER = re.compile(r"\A(\ufeff?---[ \t]*\r?\n)(.*?\r?\n)(---[ \t]*(?:\r?\n|\Z))", re.DOTALL)
_OPENING_CHARS = 400


def describe(document: Document, overrides: Mapping[str, Any] | None = None) -> Document:
    """``document`` with its place, level, year, title and kind filled in (``overrides`` win; then what
    the document has; then what its doc_id, title and opening lines say). Unknown stays "" (year None)."""
    given = {key: value for key, value in (overrides or {}).items() if value not in (None, "")}
    _check(given, f"document {document.doc_id!r}")
    opening = document.text[:_OPENING_CHARS]
    title = given.get("title") or document.title or _title_from_opening(opening)
    year = given.get("year") or document.year or _year(document.doc_id, title, opening)
    kind = given.get("kind") or document.kind or ("interpretation" if _INTERPRETATION.search(title + opening[:80])
                                                  else "report")
    prefix = document.doc_id.split("-", 1)[0].lower()
    level = given.get("level") or document.level or _PREFIX_LEVEL.get(prefix, "")
    if not level and (_NATIONAL.search(title) or _NATIONAL.search(opening)):
        level = "national"
    place_name = given.get("place") or document.place
    if level == "national" and not place_name:
        return dataclasses.replace(document, title=title, year=year, kind=kind, level=level, place=NATIONAL_PLACE,
                                   place_id=place_id(None), places=(NATIONAL_PLACE,), place_ids=(place_id(None),))
    place = None
    if place_name:
        place = resolve_place(place_name, level)
        if place is None and place_name == NATIONAL_PLACE:
            return dataclasses.replace(document, title=title, year=year, kind=kind, level=level or "national",
                                       place=NATIONAL_PLACE, place_id=place_id(None), places=(NATIONAL_PLACE,),
                                       place_ids=(place_id(None),))
        if place is None:
            raise InputError(f"document {document.doc_id!r}: place {place_name!r} is not a division of China "
                             "in the gazetteer (pipelines/data/admin_divisions.tsv); give its name as there, "
                             "e.g. 宜昌 or 宜昌市")
    else:
        for candidate, any_level in _place_names(document.doc_id, title, opening):
            place = resolve_place(candidate, level)
            if place is not None and (any_level or place.level in ("province", "city")):
                break
            place = None
    if place is None:
        return dataclasses.replace(document, title=title, year=year, kind=kind, level=level)
    chain = _chain(place)
    return dataclasses.replace(
        document, title=title, year=year, kind=kind, level=level or _LEVEL_OF_DIVISION.get(place.level, ""),
        place=place.full_name, place_id=place_id(place), places=tuple(p.full_name for p in chain),
        place_ids=tuple(place_id(p) for p in chain))


def resolve_place(name: str, level: str = "") -> Place | None:
    """The division a document's issuer ``name`` stands for (宜昌, 宜昌市, 广西, 潜江), preferring the
    divisions a government of ``level`` governs (a city report's 北京 is the city 北京市, not the province);
    None when there is none or it stays ambiguous."""
    table = gazetteer.default()
    names = [name] + [name + suffix for suffix in ("市", "省") if not name.endswith(suffix)]
    found = {p.index: p for n in names for p in table.candidates(n) if p.level != "town"}
    places = list(found.values())
    for division in _DIVISIONS_OF_LEVEL.get(level, ()):
        preferred = [p for p in places if p.level == division]
        if preferred:
            places = preferred
            break
    if not places:
        return None
    top = min(gazetteer.LEVELS.index(p.level) for p in places)
    places = [p for p in places if gazetteer.LEVELS.index(p.level) == top]
    return places[0] if len(places) == 1 else None


def place_scope(place: Place) -> str:
    """What tells apart divisions of one name (朝阳区 of 北京 and of 长春): the full names of the divisions
    above a county or town, top down; "" for provinces and cities, whose full names are unique."""
    if place.level in ("province", "city"):
        return ""
    return "/".join(p.full_name for p in reversed(_chain(place)[1:]))


def place_id(place: Place | None) -> str:
    """The id of the PLACE entity for a division (None: China itself), the same id mentions of it get."""
    if place is None:
        return entity_id("PLACE", NATIONAL_PLACE)
    return entity_id("PLACE", place.full_name, place_scope(place))


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A text file's front matter (``---`` lines around ``key: value`` lines of META_FIELDS) and the text
    with that block blanked out: replaced by spaces, line breaks kept, so every offset still refers to the
    file as it is. No block: ({}, text)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, Any] = {}
    for line in match.group(2).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        key, value = key.strip().lower(), value.strip().strip("\"'")
        if not colon or key not in META_FIELDS:
            raise InputError(f"front matter line {line.strip()!r}: expected 'key: value' with a key among "
                             f"{', '.join(META_FIELDS)}")
        meta[key] = value
    if "year" in meta:
        if not meta["year"].isdigit():
            raise InputError(f"front matter: year must be a number such as 2024, not {meta['year']!r}")
        meta["year"] = int(meta["year"])
    blank = re.sub(r"[^\r\n]", " ", match.group(0))
    return meta, blank + text[match.end():]


def _check(meta: Mapping[str, Any], where: str) -> None:
    if meta.get("level") and meta["level"] not in DOCUMENT_LEVELS:
        raise InputError(f"{where}: level must be one of {', '.join(DOCUMENT_LEVELS)}, not {meta['level']!r}")
    if meta.get("kind") and meta["kind"] not in DOCUMENT_KINDS:
        raise InputError(f"{where}: kind must be one of {', '.join(DOCUMENT_KINDS)}, not {meta['kind']!r}")


def _chain(place: Place) -> list[Place]:
    """The division and those above it, nearest first, each name once (北京市 the city and the province)."""
    chain: list[Place] = []
    for item in (place, *place.parents):
        if not chain or chain[-1].full_name != item.full_name:
            chain.append(item)
    return chain


def _title_from_opening(opening: str) -> str:
    for line in opening.splitlines()[:3]:
        line = line.strip()
        if line:
            return line if len(line) <= 40 and "政府工作报告" in line and "代表" not in line else ""
    return ""


def _year(doc_id: str, title: str, opening: str) -> int | None:
    for pattern, text in ((_TITLE_YEAR, title), (_YEAR, doc_id), (_OPENING_DATE, opening)):
        match = pattern.search(text)
        if match:
            return int(match.group(1))
    return None


def _place_names(doc_id: str, title: str, opening: str) -> list[tuple[str, bool]]:
    """Names the issuer may go by, most telling first, each with whether a county may be meant (the first
    line's opening words may only name a province or a city: 衡阳目标篇① → 衡阳)."""
    names = []
    parts = doc_id.split("-")
    if len(parts) >= 2 and parts[0].lower() in _PREFIX_LEVEL and re.fullmatch(r"[\u4e00-\u9fff]{2,12}", parts[1]):
        names.append((parts[1], True))
    for pattern, text in ((_TITLE_PLACE, title), (_CONGRESS, opening), (_ON_BEHALF, opening)):
        match = pattern.search(text)
        if match:
            names.append((match.group(1), True))
    first = next((line.strip() for line in opening.splitlines() if line.strip()), "")
    names += [(first[:length], False) for length in (4, 3, 2) if len(first) > length]
    return names
