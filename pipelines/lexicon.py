"""Lexicons live in data files (``pipelines/data/*.txt``); this module loads them once.

>>> "产业园" in Lexicon.default().project_suffixes
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = ["Lexicon", "data_text", "read_list", "read_table", "word_pattern"]


def data_text(name: str) -> str:
    """The text of ``pipelines/data/<name>``."""
    try:
        return resources.files("pipelines").joinpath("data", name).read_text(encoding="utf-8")
    except (NotADirectoryError, TypeError):
        # An editable install made before pipelines/__init__.py existed registers a namespace
        # package, which importlib.resources cannot read in Python 3.11: use the file beside us.
        return (Path(__file__).parent / "data" / name).read_text(encoding="utf-8")


def read_list(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file, in file order."""
    lines = (line.strip() for line in data_text(name).splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def read_table(name: str) -> dict[str, str]:
    """``key<TAB>value`` lines of a data file."""
    table = {}
    for line in read_list(name):
        key, _, value = line.partition("\t")
        table[key.strip()] = value.strip()
    return table


def word_pattern(words) -> str:
    """A regex matching any of ``words``, longest first, compiled as a trie.

    Python's ``re`` tries the branches of a flat alternation one by one at every position; sharing
    prefixes makes lexicon scans over long reports several times faster.

    >>> re.findall(word_pattern(["产业园", "产业基地", "产业"]), "产业基地和产业园")
    ['产业基地', '产业园']
    """
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return "(?!)"
    # A leading character class lets the regex engine skip positions that cannot start any word.
    first = "".join(re.escape(ch) for ch in sorted(trie))
    return f"(?=[{first}]){_trie_regex(trie)}"


def _trie_regex(node: dict) -> str:
    branches = []
    ends_here = "" in node
    for ch in sorted(k for k in node if k):
        branches.append(re.escape(ch) + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?"
    return body


# Country names that Chinese reports use for something else: 中非 is China–Africa (中非合作论坛).
NOT_COUNTRY_NAMES = {"中非"}


def _place_names() -> Mapping[str, str]:
    from pipelines import gazetteer

    fixed = {name: "country" for name in read_table("countries.tsv") if name not in NOT_COUNTRY_NAMES}
    fixed |= read_table("place_regions.txt")
    return gazetteer.PlaceNames(fixed, gazetteer.default())


@dataclass(frozen=True, eq=False)  # hashed by identity: one loaded lexicon, many cached patterns
class Lexicon:
    project_suffixes: tuple[str, ...]
    project_categories: tuple[str, ...]
    project_phases: tuple[str, ...]
    programme_heads: tuple[str, ...]  # after a quoted name (“3311”工程计划), weak heads included
    programme_heads_unquoted: tuple[str, ...]  # the heads that end a name without quotes
    programme_lexicon: tuple[str, ...]
    industry_terms: tuple[str, ...]
    industry_modifiers: tuple[str, ...]
    generic_terms: frozenset[str]
    place_suffixes: tuple[str, ...]
    places: Mapping[str, str]  # name → level; see pipelines.gazetteer.PlaceNames
    geo_suffixes: frozenset[str]
    org_suffixes: tuple[str, ...]
    descriptor_words: tuple[str, ...]
    leading_words: tuple[str, ...]
    target_prefixes: tuple[str, ...]
    target_units: tuple[str, ...]
    target_comparators: dict[str, str]
    target_hedges: tuple[str, ...]

    @classmethod
    @functools.cache
    def default(cls) -> Lexicon:
        return cls(
            project_suffixes=tuple(read_list("project_suffixes.txt")),
            project_categories=tuple(read_list("project_categories.txt")),
            project_phases=tuple(read_list("project_phases.txt")),
            programme_heads=tuple(read_list("programme_heads.txt")),
            programme_heads_unquoted=tuple(read_list("programme_heads_unquoted.txt")),
            programme_lexicon=tuple(read_list("programme_lexicon.txt")),
            industry_terms=tuple(dict.fromkeys(read_list("industry_terms.txt") + read_list("industry_terms_mined.txt"))),
            industry_modifiers=tuple(read_list("industry_modifiers.txt")),
            generic_terms=frozenset(read_list("generic_terms.txt")),
            place_suffixes=tuple(read_list("place_suffixes.txt")),
            places=_place_names(),
            geo_suffixes=frozenset(read_list("geo_suffixes.txt")),
            org_suffixes=tuple(read_list("org_suffixes.txt")),
            descriptor_words=tuple(read_list("descriptor_words.txt")),
            leading_words=tuple(read_list("leading_words.txt")),
            target_prefixes=tuple(read_list("target_prefixes.txt")),
            target_units=tuple(read_list("target_units.txt")),
            target_comparators=read_table("target_comparators.txt"),
            target_hedges=tuple(read_list("target_hedges.txt")),
        )

    @functools.cached_property
    def leading_pattern(self) -> re.Pattern[str]:
        return re.compile(word_pattern(self.leading_words))

    def strip_leading(self, text: str) -> int:
        """How many leading characters of ``text`` are verbs, adverbs or scope words (never part of a name)."""
        cut = 0
        while True:
            match = self.leading_pattern.match(text, cut)
            if not match or match.end() == cut:
                return cut
            cut = match.end()
