"""Lexicons live in data files (``pipelines/data/*.txt``); this module loads them once.

>>> "产业园" in Lexicon.default().project_suffixes
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = ["Lexicon", "data_text", "read_list", "read_table", "word_pattern"]


def data_text(name: str) -> str:
    """The text of ``pipelines/data/<name>``, or of the file ``name`` when it is an absolute path (a
    component's config may point a rule family at a file of its own)."""
    if Path(name).is_absolute():
        return Path(name).read_text(encoding="utf-8")
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


def _place_names(countries: str = "countries.tsv", regions: str = "place_regions.txt") -> Mapping[str, str]:
    from pipelines import gazetteer

    fixed = {name: "country" for name in read_table(countries) if name not in NOT_COUNTRY_NAMES}
    fixed |= read_table(regions)
    return gazetteer.PlaceNames(fixed, gazetteer.default())


# The data files each field of a Lexicon is read from (under pipelines/data/, or absolute paths). A rule
# component's config names the files of the fields its rules read (pipelines.components.factories); a
# field read from several files holds their lines in order, each once.
FILES: dict[str, tuple[str, ...]] = {
    "project_suffixes": ("project_suffixes.txt",),
    "project_categories": ("project_categories.txt",),
    "project_phases": ("project_phases.txt",),
    "programme_heads": ("programme_heads.txt",),
    "programme_heads_unquoted": ("programme_heads_unquoted.txt",),
    "programme_lexicon": ("programme_lexicon.txt",),
    "industry_terms": ("industry_terms.txt", "industry_terms_mined.txt"),
    "industry_modifiers": ("industry_modifiers.txt",),
    "generic_terms": ("generic_terms.txt",),
    "place_suffixes": ("place_suffixes.txt",),
    "places": ("countries.tsv", "place_regions.txt"),  # and the gazetteer of administrative divisions
    "geo_suffixes": ("geo_suffixes.txt",),
    "org_suffixes": ("org_suffixes.txt",),
    "descriptor_words": ("descriptor_words.txt",),
    "leading_words": ("leading_words.txt",),
    "target_prefixes": ("target_prefixes.txt",),
    "target_units": ("target_units.txt",),
    "target_comparators": ("target_comparators.txt",),
    "target_hedges": ("target_hedges.txt",),
}


def _read_field(field: str, files: tuple[str, ...]):
    if field == "places":
        return _place_names(*files)
    if field == "target_comparators":
        return {key: value for name in files for key, value in read_table(name).items()}
    words = tuple(read_list(files[0])) if len(files) == 1 else tuple(
        dict.fromkeys(word for name in files for word in read_list(name)))
    return frozenset(words) if field in ("generic_terms", "geo_suffixes") else words


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
    def default(cls) -> Lexicon:
        """The lexicon of the shipped data files (one object, shared by every component)."""
        return cls.from_files()

    @classmethod
    def from_files(cls, **files: str | Sequence[str]) -> Lexicon:
        """The lexicon with some fields read from other data files: ``field=name`` or ``field=[names]``
        (see :data:`FILES`); the others, and a field given its shipped files, are the default's. Equal
        arguments give the same object, so the regexes cached per lexicon are built once.

        >>> Lexicon.from_files(project_suffixes="project_suffixes.txt") is Lexicon.default()
        True
        """
        unknown = sorted(set(files) - set(FILES))
        if unknown:
            raise ValueError(f"no lexicon field {', '.join(unknown)}; the fields are {', '.join(FILES)}")
        chosen = {field: (value,) if isinstance(value, str) else tuple(value) for field, value in files.items()}
        return cls._load(tuple((field, chosen.get(field, default)) for field, default in FILES.items()))

    @classmethod
    @functools.cache
    def _load(cls, files: tuple[tuple[str, tuple[str, ...]], ...]) -> Lexicon:
        return cls(**{field: _read_field(field, names) for field, names in files})

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
