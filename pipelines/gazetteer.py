"""China's administrative divisions (province > city > county > town), with short forms and parents.

The data is ``pipelines/data/admin_divisions.tsv``, generated from jionlp's dictionary by
``scripts/gen_gazetteer.py`` (a test checks that it matches the package).

>>> place = lookup("伍家岗")
>>> place.full_name, place.level, [p.full_name for p in place.parents]
('伍家岗区', 'county', ['宜昌市', '湖北省'])
>>> lookup("宜昌").full_name, lookup("猇亭").full_name
('宜昌市', '猇亭区')
>>> lookup("白洋") is None  # towns called 白洋镇 / 白洋街道 in several counties: ambiguous alone
True
>>> [p.name for p in lookup("白洋", near=[lookup("宜昌")]).parents]  # 白洋镇 of 枝江市
['枝江', '宜昌', '湖北']
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pipelines.cache import cache_dir, write_atomically
from pipelines.lexicon import data_text

__all__ = ["Place", "PlaceNames", "Gazetteer", "lookup", "default", "LEVELS", "generic_short"]

ADMIN_FILE = "admin_divisions.tsv"
LEVELS = ("province", "city", "county", "town")
_RANK = {level: rank for rank, level in enumerate(LEVELS)}
# Short forms made of a direction or size word and a generic place word (城西, 江北, 新城, 南山, 河东):
# many districts and towns are called so, and the words are used as common nouns in every report.
GENERIC_SHORT = re.compile(r"[东西南北中新老上下前后内外大小高][城区江河湖山海港关岭州镇街桥]|[城江河湖山][东西南北中海]"
                           r"|站[前后]")
# Full names of districts that read as common nouns in any report (老城区改造, 新城区建设).
GENERIC_FULL = re.compile(r"[新老旧]城区|[新老]区")


def generic_short(word: str) -> bool:
    return bool(GENERIC_SHORT.fullmatch(word))


@dataclass(frozen=True)
class Place:
    name: str  # the short form when there is one (宜昌), else the full name
    full_name: str  # 宜昌市
    level: str  # province, city, county or town
    code: str  # the statistical division code ("" for towns)
    parents: tuple[Place, ...] = ()  # nearest first: county → city → province
    index: int = -1  # row in the gazetteer: a stable identity

    @property
    def parent(self) -> Place | None:
        return self.parents[0] if self.parents else None

    def within(self, other: Place) -> bool:
        return any(parent.index == other.index for parent in self.parents)

    def __repr__(self) -> str:
        return f"Place({self.full_name!r}, {self.level}, in {'/'.join(p.name for p in self.parents) or '-'})"


class Gazetteer:
    """Rows in parallel lists; Place objects are made on demand (43,000 rows load in a few ms)."""

    def __init__(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        self.level: list[int] = []
        self.full: list[str] = []
        self.short: list[str] = []
        self.code: list[str] = []
        self.parent: list[int] = []
        by_name: dict[str, list[int]] = {}
        current = [-1] * (len(LEVELS) + 1)  # the last row of each level so far; [0] stands above provinces
        rank_of = {level: rank + 1 for level, rank in _RANK.items()}
        level, full, short, code, parent = self.level, self.full, self.short, self.code, self.parent
        for index, (name_level, name, short_name, name_code) in enumerate(rows):
            rank = rank_of[name_level]
            up = rank - 1
            while up and current[up] < 0:
                up -= 1
            current[rank] = index
            for lower in range(rank + 1, len(current)):
                current[lower] = -1
            level.append(rank - 1)
            full.append(name)
            short.append(short_name)
            code.append(name_code)
            parent.append(current[up] if up else -1)
            if name in by_name:
                by_name[name].append(index)
            else:
                by_name[name] = [index]
            if short_name:
                if short_name in by_name:
                    by_name[short_name].append(index)
                else:
                    by_name[short_name] = [index]
        self.by_name = by_name

    def state(self) -> tuple:
        return self.level, self.full, self.short, self.code, self.parent, self.by_name

    @classmethod
    def from_state(cls, state: tuple) -> Gazetteer:
        gazetteer = cls(())
        (gazetteer.level, gazetteer.full, gazetteer.short, gazetteer.code, gazetteer.parent,
         gazetteer.by_name) = state
        return gazetteer

    @classmethod
    def from_text(cls, text: str) -> Gazetteer:
        lines = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
        return cls((level, full, short, code) for level, full, short, code in lines)

    def __len__(self) -> int:
        return len(self.full)

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one gazetteer per process
    def place(self, index: int) -> Place:
        parent = self.parent[index]
        parents = (self.place(parent),) + self.place(parent).parents if parent >= 0 else ()
        return Place(self.short[index] or self.full[index], self.full[index], LEVELS[self.level[index]],
                     self.code[index], parents, index)

    def level_of(self, index: int) -> str:
        return LEVELS[self.level[index]]

    def ancestors(self, index: int) -> Iterable[int]:
        index = self.parent[index]
        while index >= 0:
            yield index
            index = self.parent[index]

    def indexes(self, name: str) -> list[int]:
        return self.by_name.get(name, [])

    def named_within(self, name: str, named: Collection[str]) -> bool:
        """Whether ``name`` is a division (a town's short form too) of a city or county whose full name is in
        ``named`` (the divisions a text names): 民众 (民众镇 of 中山市) in a report that names 中山.

        >>> default().named_within("小榄", {"中山市"}), default().named_within("小榄", {"宜昌市"})
        (True, False)
        """
        return any(self.full[parent] in named for index in self.indexes(name) for parent in self.ancestors(index)
                   if self.level[parent] > _RANK["province"])

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every division named ``name`` (full name or short form)."""
        return tuple(self.place(i) for i in self.indexes(name))

    def lookup(self, name: str, near: Iterable[Place] = ()) -> Place | None:
        """The division ``name`` stands for, or None when there is none or it stays ambiguous.

        Among several, those within (or containing) a place in ``near`` are preferred, then the one of
        the highest level when it alone has that level (中山 → 中山市, not one of the towns 中山镇).
        """
        found = self.indexes(name)
        if len(found) > 1:
            around = {p.index for p in near}
            related = [i for i in found if i in around or around.intersection(self.ancestors(i))
                       or any(i in set(self.ancestors(n)) for n in around)]
            found = related or found
        if len(found) > 1:
            top = min(self.level[i] for i in found)
            found = [i for i in found if self.level[i] == top]
        return self.place(found[0]) if len(found) == 1 else None


@functools.cache
def default() -> Gazetteer:
    """The gazetteer of admin_divisions.tsv, kept in marshal form in kg's cache directory (keyed by the
    file's content) so that a process starts in a few ms instead of parsing 43,000 rows."""
    text = data_text(ADMIN_FILE)
    cache = _cache_path(text)
    try:
        return Gazetteer.from_state(marshal.loads(cache.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError):
        pass
    gazetteer = Gazetteer.from_text(text)
    # a cache directory that cannot be written only costs the parse next time
    write_atomically(cache, lambda partial: partial.write_bytes(marshal.dumps(gazetteer.state())))
    return gazetteer


def _cache_path(text: str) -> Path:
    """Where :func:`default` keeps the gazetteer made of ``text`` (:func:`pipelines.cache.cache_dir`): marshal
    data is read as it is, so never from a directory that other users may write to."""
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()
    return cache_dir("gazetteer") / f"kg-gazetteer-{key}.marshal"


def lookup(name: str, near: Iterable[Place] = ()) -> Place | None:
    return default().lookup(name, near)


# How the segmenter's dictionary knows a word: not at all (""), as a place name ("place"), as another
# word ("word": a person's name such as 梁山, or a rare noun), or as a common word ("common": 和平, 新建,
# 城区). A place tag counts as common too when the word is very frequent (新建, 江南: jieba tags them ns).
COMMON_FREQUENCY = {"place": 1000, "name": 1000, "other": 50}
NAME_TAGS = ("nr", "nrfg", "nrt", "nz", "nt", "j")


@functools.cache
def word_class(word: str) -> str:
    from pipelines.segmenter import word_frequency
    from pipelines.tokenizers import dictionary_tags

    tag = dictionary_tags().get(word)
    if tag is None:
        return ""
    frequency = word_frequency(word)  # jieba.dt.FREQ.get(word, 0), without loading jieba's dictionary again
    kind = "place" if tag == "ns" else "name" if tag in NAME_TAGS else "other"
    if frequency >= COMMON_FREQUENCY[kind]:
        return "common"
    return "place" if kind == "place" else "word"


class PlaceNames(Mapping[str, str]):
    """name → level of every place name that may be taken without context.

    ``fixed`` holds regions, blocs and countries (data files); from the gazetteer come the full names of
    divisions (宜昌市, 伍家岗区, 龙泉镇), the short forms of provinces and cities (宜昌), and the short
    form of a county when no other province, city or county has it and it is neither generic (江北, 新城)
    nor another word in the segmenter's dictionary (伍家岗, 猇亭, 宜都; not 梁山). The others need a
    mention of a place they lie in (see ``contextual``).
    """

    def __init__(self, fixed: dict[str, str], gazetteer: Gazetteer) -> None:
        self.fixed, self.gazetteer = fixed, gazetteer
        self._levels: dict[str, str | None] = {}

    __hash__ = object.__hash__  # one per lexicon; patterns are cached per object

    @functools.cached_property
    def names(self) -> frozenset[str]:
        """Every name and short form, whether or not it may be taken without context."""
        return frozenset(self.fixed) | frozenset(self.gazetteer.by_name)

    def __eq__(self, other: object) -> bool:
        return self is other

    def admin_level(self, name: str) -> str | None:
        if name in self._levels:
            return self._levels[name]
        level = None
        gazetteer = self.gazetteer
        found = gazetteer.indexes(name)
        full = [i for i in found if gazetteer.full[i] == name]
        upper = [i for i in found if gazetteer.level[i] <= _RANK["county"]]
        top = min((gazetteer.level[i] for i in full or upper), default=None)
        if full:
            if top < _RANK["town"]:
                # 城区, 矿区, 老城区, 解放区 (liberated areas): words, not names
                words = (len(name) <= 2 and name.endswith("区")) or GENERIC_FULL.fullmatch(name) \
                    or (top == _RANK["county"] and word_class(name) == "common")
                level = None if words else LEVELS[top]
            elif (word_class(name) in ("", "place")  # not 小城镇 (a word), nor 中心镇 (中心 is one)
                  and all(not gazetteer.short[i] or word_class(gazetteer.short[i]) != "common" for i in full)):
                level = "town"
        elif top is not None and top <= _RANK["city"]:
            level = LEVELS[top]
        elif len(upper) == 1 and len(name) >= 2 and not generic_short(name) and word_class(name) in ("", "place"):
            level = "county"
        self._levels[name] = level
        return level

    def contextual(self, name: str) -> list[int]:
        """Gazetteer rows ``name`` may stand for when a place containing them is named nearby: short forms
        of towns and short forms shared by several counties, unless generic (江北, 新城) or common words,
        and county short forms that the segmenter's dictionary knows as another word (梁山, 文成)."""
        kind = word_class(name)
        if len(name) < 2 or kind == "common" or generic_short(name) or self.get(name) is not None:
            return []
        rows = self.gazetteer.indexes(name)
        if any(self.gazetteer.full[i] == name for i in rows):
            return []  # a full name is taken or left by admin_level alone (中心镇 is a word)
        if kind == "word":  # another word in the dictionary: a county's short form only (梁山), not a town's (中小)
            rows = [i for i in rows if self.gazetteer.level[i] <= _RANK["county"]]
        return rows

    def is_short_form(self, name: str) -> bool:
        return name not in self.fixed and not any(self.gazetteer.full[i] == name for i in self.gazetteer.indexes(name))

    def __getitem__(self, name: str) -> str:
        level = self.fixed.get(name) or self.admin_level(name)
        if level is None:
            raise KeyError(name)
        return level

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (name in self.fixed or self.admin_level(name) is not None)

    def __iter__(self):
        yield from self.fixed
        for name in self.gazetteer.by_name:
            if name not in self.fixed and self.admin_level(name) is not None:
                yield name

    def __len__(self) -> int:
        return sum(1 for _ in self)
