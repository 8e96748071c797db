"""The spaCy components of the kg pipeline, registered under versioned names (kg_structure_v1 …; spaCy forbids dots in factory names).

Each reads what the previous one left on the Doc (``doc._.kg_*``) and adds its own; the config file
(``pipelines/configs/*.cfg``) is the only place that chooses and orders them.
"""

from __future__ import annotations

import bisect
import functools
import inspect
import itertools
import logging
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
from spacy.attrs import IDX, LENGTH, TAG
from spacy.language import Language
from spacy.tokens import Doc

from pipelines.components.candidates import Candidate, clauses_with
from pipelines.components.lexical import find_lexical
from pipelines.components.lists import find_list_items
from pipelines.components.nested import (
    CO_OP,
    COMPANY_TYPE_WORDS,
    HEAVY_TRADES,
    NOT_LOCATION_LEVELS,
    analyse_project,
    holds_place,
)
from pipelines.components.programmes import find_programmes
from pipelines.components.project_status import project_status
from pipelines.components.projects import find_projects
from pipelines.components.relations import MentionLink, goal_links, industry_links
from pipelines.components.resolve import resolve
from pipelines.components.tagger import (
    LearnedTagger,
    TaggerFeatures,
    TaggerWeights,
    data_path,
    in_review,
    rows_cache_path,
    tagger_edges,
    word_clusters,
)
from pipelines.components.targets import MAGNITUDES, find_targets
from pipelines.layout import split_sentences
from pipelines.lexicon import FILES, Lexicon, read_list, read_table
from pipelines.structure import parse_structure
from pipelines.tokenizers import dictionary_tags

__all__ = ["register_extensions", "token_offsets"]

# Rules that cut a name out of a clause; the dictionary tags (jieba's, or the tokenizer's) that never open
# a name, that never stand inside one, and of which a name built on a generic ending needs one.
TRIMMED_SOURCES = {"programme-head", "project-suffix", "place-suffix", "org-suffix", "list-industry",
                   "list-place", "list-project", "list-programme", "list-org"}
NEEDS_PROPER_NAME = {"project-suffix", "place-suffix", "org-suffix"}
# Names made from a generic ending must not open on a modifier (公立医院, 高速铁路, 许多工厂, 国有商业银行).
NO_MODIFIER_OPENING = {"project-suffix", "org-suffix"}
MODIFIER_TAGS = ("a", "ad", "b", "d", "v", "vd", "r", "m")
# Items of a policy list may open on a verb (减税降费, 优化营商环境20条): only particles are trimmed there.
VERB_OPENED_SOURCES = {"list-programme"}
# A tag ending in * stands for its whole family (u* → uj, ul …); others match exactly (v is not vn).
LEADING_TAGS = ("v", "vd", "d", "ad", "p", "c", "r", "u*", "y", "e")
FUNCTION_TAGS = ("p", "c", "r", "u*", "y", "e")
# Tags of a word that makes a name specific (a place, person, organisation, abbreviation, number, foreign
# word, or a word the dictionary does not know): a name on a generic ending needs one of them.
SPECIFIC_TAGS = ("ns", "nr*", "nz", "nt", "s", "j", "m", "eng", None)
# The only function words a name may hold: the connective of a route (衡阳至南宁高铁).
ROUTE_CONNECTIVES = {"至", "到"}
# Endings of a built place beyond the project suffixes: a tagged programme ending so is a PROJECT
# (“全域美”生态园, 空铁一体化现代综合交通枢纽), unless it ends with a programme head too.
FACILITY_ENDINGS = ("园", "枢纽", "中心", "馆", "公园")
# Facilities a city has one of: listed among projects, the bare word is that one (GUIDELINES, PROJECT: the
# city's 会展中心), unlike a 基地, 片区 or 新区.
SINGLE_FACILITIES = ("会展中心", "博物馆", "体育馆", "体育中心", "科技馆", "图书馆", "大剧院", "美术馆", "档案馆")
NUMERAL = re.compile(r"[0-9０-９.]+|[一二三四五六七八九十百千万]+")
LOGGER = logging.getLogger("kg.pipeline")
EXTENSIONS = ("kg_text", "kg_structure", "kg_candidates", "kg_mentions", "kg_links", "kg_sentences", "kg_nested")


def register_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


def doc_text(doc: Doc) -> str:
    """The Doc's text, computed once: ``Doc.text`` builds a Token object per token on every access."""
    if doc._.kg_text is None:
        doc._.kg_text = doc.text
    return doc._.kg_text


OFFSETS_KEY = ("kg", "token_offsets")
TAGS_KEY = ("kg", "token_tags")


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end character offsets of every token, read in bulk (no Token objects are made) once per
    Doc: kg's components never retokenise, and three of them ask."""
    cached = doc.user_data.get(OFFSETS_KEY)
    if cached is not None and len(cached[0]) == len(doc):
        return cached
    array = doc.to_array([IDX, LENGTH])
    starts = array[:, 0].tolist()
    offsets = starts, [start + length for start, length in zip(starts, array[:, 1].tolist(), strict=True)]
    doc.user_data[OFFSETS_KEY] = offsets
    return offsets


def _tag_in(tag: str | None, tags: tuple) -> bool:
    if tag is None:
        return None in tags
    return any(t is not None and (tag == t or t.endswith("*") and tag.startswith(t[:-1])) for t in tags)


class TokenBoundaries:
    """``offset in boundaries``: does a token start or end at this character offset? (bisect, no set of
    a million offsets to build for a long report)."""

    def __init__(self, starts: list[int], ends: list[int]) -> None:
        self.starts, self.ends = starts, ends

    def __contains__(self, offset: int) -> bool:
        index = bisect.bisect_left(self.starts, offset)
        if index < len(self.starts) and self.starts[index] == offset:
            return True
        return index > 0 and self.ends[index - 1] == offset


class TokenTags:
    """Token texts and tags of one Doc by token index, read from arrays (no Token objects are made).

    A tag is what the tokenizer set (HanLP sets part-of-speech tags), else the segmenter's dictionary
    tag (jieba), else None for a word the dictionary does not know.
    """

    def __init__(self, doc: Doc, text: str, starts: list[int], ends: list[int]) -> None:
        self.text, self.starts, self.ends = text, starts, ends
        self.hashes = doc.to_array(TAG).tolist() if len(doc) else []
        self.strings = doc.vocab.strings
        self.table = dictionary_tags()

    def word(self, index: int) -> str:
        return self.text[self.starts[index]:self.ends[index]]

    def all(self, missing: str) -> list[str]:
        """Every token's tag, ``missing`` where there is none (the dictionary's tags all at once)."""
        return self.all_with_nodes(missing)[0]

    def all_with_nodes(self, missing: str) -> tuple[list[str], np.ndarray | None]:
        """:meth:`all`, and where every tag is the dictionary's, each token's node in the dictionary's trie (-1
        for a word it lacks): a number for the token's (word, tag), which the tagger's decoder reads its rows by.
        None where the tokenizer set tags (HanLP)."""
        found, nodes = self.table.tags_and_nodes(self.text, self.starts, self.ends, missing)
        if any(self.hashes):
            strings = self.strings
            return [strings[tag_hash] if tag_hash else tag
                    for tag_hash, tag in zip(self.hashes, found, strict=True)], None
        return found, nodes

    def __getitem__(self, index: int) -> str | None:
        tag_hash = self.hashes[index]
        if tag_hash:
            return self.strings[tag_hash]
        return self.table.get(self.word(index))


class StructureComponent:
    """The document's sections (:func:`parse_structure`) and sentences. A Doc that comes with both keeps
    them: ``kg`` finds them while the workers' server builds the pipeline (``pipelines.extract.cut``)."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.kg_structure is None or doc._.kg_sentences is None:
            text = doc_text(doc)
            doc._.kg_structure = parse_structure(text)
            doc._.kg_sentences = split_sentences(text)
        return doc


class NameCleaner:
    """Token-level checks on the names that a rule cut out of a clause, with the words of one lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.bare_heads = frozenset(lexicon.programme_heads + lexicon.programme_heads_unquoted
                                    + lexicon.project_suffixes + lexicon.org_suffixes)

    def _proper(self, word: str, tag: str | None) -> bool:
        if tag == "m":  # numbers and ordinals, not quantifiers such as 许多, 若干
            return bool(NUMERAL.fullmatch(word))
        return (_tag_in(tag, SPECIFIC_TAGS) or word in self.lexicon.places or word[-1] in self.lexicon.geo_suffixes
                or any(q in word for q in "“”\""))

    def __call__(self, tags: TokenTags, candidate: Candidate) -> Candidate | None:
        """The candidate, trimmed, or None when it is not a name.

        Leading verbs, adverbs and particles that the leading-word list does not know are dropped
        (紧扣国家发展战略 → 国家发展战略); a name holding a function word (的, 了, 对, 这些 …) is not a name;
        a name made only of common words (公立医院, 商业银行, 集中力量对重点流域) is a type, not a name.
        """
        if candidate.source not in TRIMMED_SOURCES:
            return candidate
        starts, ends = tags.starts, tags.ends
        index = bisect.bisect_left(starts, candidate.start)
        start = starts[index] if index < len(starts) else candidate.start  # a rule may cut inside a token
        leading = FUNCTION_TAGS if candidate.source in VERB_OPENED_SOURCES else LEADING_TAGS
        while index < len(starts) and starts[index] == start and ends[index] < candidate.end - 1:
            tag = tags[index]
            # a noun-verb right before a verb is verbal too (研究推进…, 统筹推进…)
            verbal = (tag == "vn" and leading is LEADING_TAGS and index + 1 < len(starts)
                      and tags[index + 1] == "v" and ends[index + 1] - starts[index + 1] >= 2)
            if not (_tag_in(tag, leading) or verbal):
                break
            if candidate.source.startswith("list-") and ends[index] - start == 1 and candidate.end - ends[index] <= 2:
                break  # 站西路 in 站西路、站东路等项目: a list item's one-character opening is its own
            start = ends[index]
            index += 1
        name = tags.text[start:candidate.end]
        single_facility = candidate.source == "list-project" and name.endswith(SINGLE_FACILITIES)
        if len(name) < 2 or name in self.lexicon.generic_terms or (name in self.bare_heads and not single_facility):
            return None
        inside = []
        while index < len(starts) and starts[index] < candidate.end:
            inside.append((tags.word(index), tags[index]))
            index += 1
        if any(_tag_in(tag, FUNCTION_TAGS) and word not in ROUTE_CONNECTIVES for word, tag in inside):
            return None
        if candidate.source in NEEDS_PROPER_NAME and not any(self._proper(word, tag) for word, tag in inside):
            return None
        if (candidate.source in NO_MODIFIER_OPENING and inside and _tag_in(inside[0][1], MODIFIER_TAGS)
                and not self._proper(*inside[0])):
            return None
        if start == candidate.start:
            return candidate
        return Candidate(start, candidate.end, candidate.label, candidate.source, candidate.attrs)


@functools.cache
def _cleaner(lexicon: Lexicon) -> NameCleaner:
    return NameCleaner(lexicon)


def _token_tags(doc: Doc) -> TokenTags:
    """The Doc's :class:`TokenTags`, made once for the rule components that read them."""
    cached = doc.user_data.get(TAGS_KEY)
    if cached is None or len(cached.hashes) != len(doc):
        starts, ends = token_offsets(doc)
        cached = doc.user_data[TAGS_KEY] = TokenTags(doc, doc_text(doc), starts, ends)
    return cached


def _add_candidates(doc: Doc, candidates: Iterable[Candidate]) -> None:
    doc._.kg_candidates = [*(doc._.kg_candidates or ()), *candidates]


class HeadingCandidates:
    """The section parser's headings (GOAL, MEASURE) and every mention of a goal's name, as candidates."""

    def __call__(self, doc: Doc) -> Doc:
        text, structure = doc_text(doc), doc._.kg_structure
        candidates = [Candidate(h.start, h.end, h.kind.upper(), "heading") for h in structure.headings]
        for name in set(structure.goal_names):
            for match in re.finditer(re.escape(name), text):
                candidates.append(Candidate(match.start(), match.end(), "GOAL", "goal-mention"))
        _add_candidates(doc, candidates)
        return doc


class RuleFamily:
    """One family of rules: ``find(text, boundaries, lexicon)`` proposes candidates, which are checked at
    token level (:class:`NameCleaner`) and added to ``doc._.kg_candidates`` for the resolver. A TARGET in
    the review part of a report (what was done, not what is planned) is left out."""

    def __init__(self, find: Callable[[str, TokenBoundaries, Lexicon], list[Candidate]], lexicon: Lexicon) -> None:
        self.find, self.lexicon, self.clean = find, lexicon, _cleaner(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        text, review = doc_text(doc), doc._.kg_structure.review_spans
        found = self.find(text, TokenBoundaries(*token_offsets(doc)), self.lexicon)
        found = [c for c in found if not in_review(review, c.label, c.start)]
        tags = _token_tags(doc)
        _add_candidates(doc, (c for c in (self.clean(tags, c) for c in found) if c is not None))
        return doc


# The rule families in the order the default pipeline runs them, each with the lexicon fields its rules
# read (pipelines.lexicon.FILES names their data files): a family's component takes each as a config
# setting, so that a family can be pointed at other word lists without touching the others.
RULE_FAMILIES: dict[str, tuple[Callable[[str, TokenBoundaries, Lexicon], list[Candidate]], tuple[str, ...]]] = {
    "targets": (lambda text, boundaries, lexicon: find_targets(text, lexicon),
                ("target_prefixes", "target_units", "target_comparators", "target_hedges")),
    "programmes": (lambda text, boundaries, lexicon: find_programmes(text, lexicon),
                   ("programme_heads", "programme_heads_unquoted", "programme_lexicon", "project_suffixes",
                    "generic_terms", "leading_words")),
    "lists": (lambda text, boundaries, lexicon: find_list_items(text, lexicon),
              ("industry_terms", "generic_terms", "leading_words")),
    "projects": (lambda text, boundaries, lexicon: find_projects(text, lexicon),
                 ("project_suffixes", "project_categories", "project_phases", "descriptor_words", "industry_terms",
                  "industry_modifiers", "generic_terms", "leading_words")),
    "lexical": (find_lexical, ("places", "place_suffixes", "geo_suffixes", "org_suffixes", "industry_terms",
                               "industry_modifiers", "generic_terms", "leading_words")),
}


def _files_config(fields: tuple[str, ...]) -> dict[str, list[str]]:
    return {field: list(FILES[field]) for field in fields}


def _family_factory(family: str) -> None:
    find, fields = RULE_FAMILIES[family]

    def make(nlp: Language, name: str, **files: list[str]) -> RuleFamily:
        return RuleFamily(find, Lexicon.from_files(**files))

    make.__doc__ = (f"The {family} rules (pipelines/components/{family}.py); each setting names the data files "
                    f"(under pipelines/data/, or absolute paths) of one lexicon field its rules read.")
    # spaCy reads a factory's settings from its signature: one keyword argument per lexicon field
    make.__signature__ = inspect.Signature(
        [inspect.Parameter("nlp", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Language),
         inspect.Parameter("name", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=str),
         *(inspect.Parameter(field, inspect.Parameter.KEYWORD_ONLY, annotation=list[str]) for field in fields)],
        return_annotation=RuleFamily)
    Language.factory(f"kg_{family}_rules_v1", default_config=_files_config(fields), func=make)


class Recognisers:
    """Every rule family at once, with the shipped lexicon (``kg_recognisers_v1``: what the configs used
    before each family had its own component)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.steps = [HeadingCandidates(), *(RuleFamily(find, lexicon) for find, _ in RULE_FAMILIES.values())]

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_candidates = []
        for step in self.steps:
            doc = step(doc)
        return doc


class Resolver:
    def __init__(self, lexicon: Lexicon, *, strict_companies: bool = False, min_place_chars: int = 1,
                 region_types: Collection[str] = (), province_abbreviations: Mapping[str, str] | None = None) -> None:
        self.lexicon = lexicon
        self.strict_companies = strict_companies
        self.min_place_chars = min_place_chars
        self.region_types = frozenset(region_types)  # 都市圈, 乡村: kinds of region, never a place on their own
        self.province_abbreviations = dict(province_abbreviations or {})  # 川 → 四川省

    def __call__(self, doc: Doc) -> Doc:
        kept = resolve(doc._.kg_candidates)  # ordered by start
        text = doc_text(doc)
        token_starts, token_ends = token_offsets(doc)
        if self.province_abbreviations:  # the resolver after the tagger (see make_resolver)
            kept = _with_province_parts(text, kept, token_starts, token_ends, self.province_abbreviations)
            kept = _with_glued_regions(text, kept, token_starts, token_ends, _regions(self.lexicon))
            kept = _with_whole_regions(text, kept, _regions(self.lexicon))
        kept_starts = [c.start for c in kept]
        tags = _token_tags(doc)
        inner_links: list[tuple[Candidate, Candidate, str]] = []
        additions: list[Candidate] = []
        for project in [c for c in kept if c.label == "PROJECT"]:
            window = kept[bisect.bisect_left(kept_starts, project.start):bisect.bisect_left(kept_starts, project.end)]
            inner = [c for c in window if c is not project and c.end <= project.end]
            by_span = {(c.start, c.end, c.label): c for c in inner}
            first = bisect.bisect_left(token_starts, project.start)
            last = bisect.bisect_right(token_starts, project.end)
            tokens = [(token_starts[i], token_ends[i], tags[i])
                      for i in range(first, last) if token_ends[i] <= project.end]
            analysed: set[int] = set()
            for candidate, relation in analyse_project(text, project, tokens, self.lexicon,
                                                       strict_companies=self.strict_companies):
                key = (candidate.start, candidate.end, candidate.label)
                existing = by_span.get(key)
                if existing is None and not any(c.start <= candidate.start and candidate.end <= c.end for c in inner):
                    additions.append(candidate)
                    existing = by_span[key] = candidate
                if existing is not None:
                    analysed.add(id(existing))
                    if relation:
                        inner_links.append((project, existing, relation))
            for place in inner:  # a gazetteer place inside the name that the left-to-right reading did not reach
                if (place.label == "PLACE" and id(place) not in analysed
                        and place.attrs.get("level") not in NOT_LOCATION_LEVELS):
                    inner_links.append((project, place, "LOCATED_IN"))
        mentions = sorted(kept + additions, key=lambda c: (c.start, -c.end, c.label))
        if self.strict_companies:  # a place inside a company's registered name is no place of its own (山东|重工)
            mentions = _without_partner_pairs(text, _without_places_in_companies(text, mentions))
            left = {id(c) for c in mentions}
            inner_links = [link for link in inner_links if id(link[1]) in left]
        abbreviations: set[int] = set()
        if self.province_abbreviations:  # the resolver after the tagger
            _places_to_their_endings(text, mentions, self.lexicon.place_suffixes)
            abbreviations = _abbreviations_in_projects(text, mentions, _regions(self.lexicon))
        if self.min_place_chars > 1 or self.region_types or abbreviations:
            # 京 of 京运通, 衡 of 衡永南高铁: no annotated place is one character; 都市圈 alone names no place
            mentions = [c for c in mentions if c.label != "PLACE" or (
                c.end - c.start >= self.min_place_chars and text[c.start:c.end] not in self.region_types
                and id(c) not in abbreviations)]
            left = {id(c) for c in mentions}
            inner_links = [link for link in inner_links if id(link[1]) in left]
        position = {id(c): i for i, c in enumerate(mentions)}
        doc._.kg_mentions = mentions
        doc._.kg_links = [MentionLink(position[id(p)], position[id(c)], r) for p, c, r in inner_links]
        doc._.kg_nested = _nested_indexes(mentions)
        return doc


def _without_places_in_companies(text: str, mentions: list[Candidate]) -> list[Candidate]:
    """``mentions`` without the PLACEs inside an ORG that ends on the trade or the kind of its registered name
    (山东|重工, 天津|石化, 扬州|大学: :data:`REGISTERED_NAME_ENDINGS`): the GUIDELINES annotate places and organisations
    inside a PROJECT's name, not a place inside a company's (the gold's 山东重工 and 中国供销 hold none). Not inside an
    organisation the nested reading found by a place and a common word (内江|甜味 of 内江甜味食品产业园), which may be
    the place after all.

    >>> text = "山东重工大型矿山设备智造基地，内江甜味食品产业园"
    >>> found = [Candidate(0, 4, "ORG", "nested"), Candidate(0, 2, "PLACE", "gazetteer"),
    ...          Candidate(15, 19, "ORG", "nested"), Candidate(15, 17, "PLACE", "gazetteer")]
    >>> [text[c.start:c.end] for c in _without_places_in_companies(text, found)]
    ['山东重工', '内江甜味', '内江']
    """
    companies = [(c.start, c.end) for c in mentions if c.label == "ORG" and text.endswith(REGISTERED_NAME_ENDINGS, c.start, c.end)]
    return [c for c in mentions if c.label != "PLACE" or not any(
        a <= c.start and c.end <= b and (a, b) != (c.start, c.end) for a, b in companies)]


REGISTERED_NAME_ENDINGS = (*HEAVY_TRADES, CO_OP, *COMPANY_TYPE_WORDS, "大学", "学院", "公司", "医院", "保健院", "师院", "医专", "职院",
                           "研究院")


# China and a partner by their initials (中欧班列, 中法生态城, 中哈物流合作基地, 中非经贸深度合作先行区): the partners of
# a project or a programme, no place nor company of their own (GUIDELINES: a place that says a partner is no location;
# abbreviations in route names get no PLACE; gold: 中欧班列 with none). Not Central Europe or Africa as a region
# (中欧国家, 中非地区). Found by a review of prov-hubei-2025.
PARTNER_PAIR = re.compile("中[法德俄日韩欧英美新意以哈越老柬泰印巴缅蒙非]")
REGION_AFTER = ("国", "地区", "各国")


def _without_partner_pairs(text: str, mentions: list[Candidate]) -> list[Candidate]:
    """``mentions`` without the PLACEs and ORGs that are :data:`PARTNER_PAIR`.

    >>> text = "中法生态城、中欧（亚）班列和中欧国家"
    >>> found = [Candidate(0, 2, "ORG", "nested"), Candidate(6, 8, "PLACE", "gazetteer"), Candidate(14, 16, "PLACE", "gazetteer")]
    >>> [text[c.start:c.end] for c in _without_partner_pairs(text, found)]
    ['中欧']
    """
    return [c for c in mentions if c.label not in ("PLACE", "ORG") or not PARTNER_PAIR.fullmatch(text, c.start, c.end)
            or text.startswith(REGION_AFTER, c.end)]


# A compass word: a two-character region holding one is a region's own name (西南, 皖北), not two places' initials.
COMPASS = frozenset("东西南北中")


def _abbreviations_in_projects(text: str, mentions: list[Candidate], regions: Collection[str]) -> set[int]:
    """The PLACEs (by id) inside a PROJECT's name that are a two-character region named by two places' initials
    (成渝 of 成渝中线高铁, 成渝综合性科学中心: gold gives them no PLACE, as GUIDELINES give none to a route's
    abbreviated ends); not a region named by its compass (西南 of …西南生产基地 is one) nor one on its own.

    >>> text = "共建成渝综合性科学中心，成渝地区双城经济圈"
    >>> found = [Candidate(2, 11, "PROJECT", "model"), Candidate(2, 4, "PLACE", "gazetteer"),
    ...          Candidate(12, 14, "PLACE", "gazetteer")]
    >>> [text[found[i].start:found[i].end] for i in range(3) if id(found[i]) in _abbreviations_in_projects(
    ...     text, found, {"成渝"})]
    ['成渝']
    """
    projects = [(c.start, c.end) for c in mentions if c.label == "PROJECT"]
    return {id(c) for c in mentions if c.label == "PLACE" and c.end - c.start == 2 and text[c.start:c.end] in regions
            and not COMPASS.intersection(text[c.start:c.end]) and text[c.end - 1] != "区"  # 藏区: an area's name
            and any(a <= c.start and c.end <= b and (a, b) != (c.start, c.end) for a, b in projects)}


# The nation's regions named by compass, which right after a province's abbreviation name a part of it.
COMPASS_REGIONS = frozenset({"东北", "西北", "西南", "东南"})


def _with_province_parts(text: str, kept: list[Candidate], token_starts: Sequence[int], token_ends: Sequence[int],
                         abbreviations: Mapping[str, str]) -> list[Candidate]:
    """The parts of a province named by its abbreviation and a direction (苏北, 鲁西, 渝西, 川东北, 浙西南): one
    PLACE each, where the abbreviation stands as a word of its own (not 四川|东北部, 江苏|北部) and the direction
    ends a word (not 苏东坡); also inside a project's name (川东北金融中心二期, 鲁北铁路物流园), never inside another
    name. A compass region the rules read there alone (东北 of 川东北) is not the nation's: it takes the
    abbreviation in."""
    starts, ends = set(token_starts), set(token_ends)
    changed = False
    parts = []
    for c in kept:
        province = abbreviations.get(text[c.start - 1]) if c.label == "PLACE" and c.start > 0 else None
        if (province and text[c.start:c.end] in COMPASS_REGIONS and c.start - 1 in starts
                and not any(o is not c and o.start <= c.start - 1 < o.end < c.end for o in kept)):
            c = Candidate(c.start - 1, c.end, c.label, c.source, {**c.attrs, "parents": [province]})
            changed = True
        parts.append(c)
    for match in _province_part_pattern(tuple(abbreviations)).finditer(text):
        start, end = match.span()
        if start not in starts or end not in ends or any(
                o.start < end and start < o.end and not (o.label == "PROJECT" and o.start <= start and end <= o.end)
                for o in parts):
            continue
        parts.append(Candidate(start, end, "PLACE", "province-part",
                               {"level": "region", "parents": [abbreviations[text[start]]]}))
        changed = True
    return sorted(parts, key=lambda c: (c.start, -c.end)) if changed else kept


@functools.cache
def _province_part_pattern(abbreviations: tuple[str, ...]) -> re.Pattern[str]:
    """An abbreviation and one or two directions, not followed by 部, 方 or 面 (苏北 but not 苏北部)."""
    return re.compile(f"[{''.join(abbreviations)}][东西南北]{{1,2}}(?![部方面])")


def _places_to_their_endings(text: str, mentions: list[Candidate], endings: Collection[str]) -> None:
    """A PLACE that stops inside a region's ending (``endings``: data/place_suffixes.txt) runs to its end, in place
    (the links hold the candidates): 大湾|区 is 大湾区, not the town 大湾 the gazetteer knows, so its attrs go. Not
    where another mention starts in the characters it takes.

    >>> text = "建设大湾区保险服务中心"
    >>> place = Candidate(2, 4, "PLACE", "gazetteer", {"level": "town"})
    >>> _places_to_their_endings(text, [Candidate(2, 11, "PROJECT", "model"), place], ["大湾区"])
    >>> text[place.start:place.end], place.attrs
    ('大湾区', {})
    """
    for mention in mentions:
        if mention.label != "PLACE":
            continue
        for ending in endings:
            cut = next((k for k in range(2, len(ending)) if text.endswith(ending[:k], mention.start, mention.end)
                        and text.startswith(ending[k:], mention.end)), None)
            if cut is None:
                continue
            end = mention.end + len(ending) - cut
            if not any(other is not mention and mention.end <= other.start < end for other in mentions):
                mention.end, mention.attrs = end, {}
            break


@functools.cache
def _regions(lexicon: Lexicon) -> frozenset[str]:
    """The multi-province regions of the lexicon's places (成渝, 长三角, 京津冀): data/place_regions.txt."""
    fixed = getattr(lexicon.places, "fixed", {})
    return frozenset(name for name, level in fixed.items() if level == "region" and len(name) >= 2)


MIN_WHOLE_REGION = 5  # 成渝地区双城经济圈, 粤港澳大湾区, 长江经济带: long enough that no word runs across them


def _with_whole_regions(text: str, kept: list[Candidate], regions: Collection[str]) -> list[Candidate]:
    """A region's whole name that names cut through (成渝地区|双城经济圈, 成渝地区双城|经济圈（泸州）先进技术研究院,
    粤港澳大湾|区产业转移创新驱动示范区: the tagger's cuts, reviews of city-阿坝-2024 and others) is whole again: what lies
    inside it goes, a name that runs on past it starts at its start (the region is then a place inside that name),
    and else the region is one PLACE.

    >>> text = "融入成渝地区双城经济圈，建设成渝地区双城经济圈（泸州）先进技术研究院"
    >>> kept = [Candidate(2, 6, "PLACE", "model"), Candidate(6, 11, "PROGRAMME", "model"),
    ...         Candidate(14, 20, "PLACE", "model"), Candidate(20, 34, "PROJECT", "model")]
    >>> [(text[c.start:c.end], c.label) for c in _with_whole_regions(text, kept, {"成渝地区双城经济圈"})]
    [('成渝地区双城经济圈', 'PLACE'), ('成渝地区双城经济圈（泸州）先进技术研究院', 'PROJECT')]
    """
    names = [name for name in regions if len(name) >= MIN_WHOLE_REGION and name in text]
    if not names:
        return kept
    out = list(kept)
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(re.escape(name), text):
            a, b = match.span()
            cut = [c for c in out if c.start < b and a < c.end and not (c.start <= a and b <= c.end)]
            if not cut:
                continue
            out = [c for c in out if c not in cut]
            longer = [c for c in cut if a < c.start < b < c.end]
            out += [Candidate(a, c.end, c.label, c.source, c.attrs) for c in longer]
            if not longer:
                out.append(Candidate(a, b, "PLACE", "gazetteer", {"level": "region"}))
    return sorted(out, key=lambda c: (c.start, -c.end))


def _with_glued_regions(text: str, kept: list[Candidate], token_starts: Sequence[int], token_ends: Sequence[int],
                        regions: Collection[str]) -> list[Candidate]:
    """A name whose first character the segmenter glued to the verb before it (共|建成|渝综合性科学中心,
    打|造成|渝地区双城经济圈) begins one character earlier, where that character and the name's first characters
    make a region (成渝) and what is left of the verb is a word of the segmenter's dictionary, on its own or
    with the token before it (共建, 打造): not after 建成 alone, the verb of 项目|建成|渝昆高铁."""
    if not regions:
        return kept
    index_at_end = {end: index for index, end in enumerate(token_ends)}
    longest = max(map(len, regions))
    changed, out = False, []
    for c in kept:
        index = index_at_end.get(c.start)
        if (index is not None and c.start - token_starts[index] >= 2 and c.label not in ("GOAL", "MEASURE")
                and any(text[c.start - 1:end] in regions for end in range(c.start + 1, min(c.end, c.start + longest) + 1))
                and not any(o is not c and o.start < c.start and o.end >= c.start for o in kept)):
            verb = text[token_starts[index]:c.start - 1]
            if len(verb) < 2 and index > 0:
                verb = text[token_starts[index - 1]:c.start - 1]
            if len(verb) >= 2 and verb in dictionary_tags():  # loaded once (segmenter.dictionary)
                c = Candidate(c.start - 1, c.end, c.label, c.source, dict(c.attrs))
                changed = True
        out.append(c)
    return out if changed else kept


def _nested_indexes(mentions: list[Candidate]) -> set[int]:
    """Mentions that lie inside a longer mention (``mentions`` ordered by start, longest first)."""
    nested, reach = set(), -1
    for index, mention in enumerate(mentions):
        if mention.end <= reach:
            nested.add(index)
        reach = max(reach, mention.end)
    return nested


class Relations:
    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.kg_mentions
        links = list(doc._.kg_links) + goal_links(mentions, doc._.kg_structure)
        links += industry_links(mentions, doc_text(doc), doc._.kg_nested)
        doc._.kg_links = list(dict.fromkeys(links))
        return doc


@Language.factory("kg_structure_v1")
def make_structure(nlp: Language, name: str) -> StructureComponent:
    return StructureComponent()


@Language.factory("kg_headings_v1")
def make_headings(nlp: Language, name: str) -> HeadingCandidates:
    return HeadingCandidates()


for _family in RULE_FAMILIES:
    _family_factory(_family)


@Language.factory("kg_recognisers_v1")
def make_recognisers(nlp: Language, name: str) -> Recognisers:
    return Recognisers(Lexicon.default())


@Language.factory("kg_resolver_v1", default_config={"strict_companies": False, "min_place_chars": 1,
                                                    "region_types": "", "province_abbreviations": ""})
def make_resolver(nlp: Language, name: str, strict_companies: bool, min_place_chars: int,
                  region_types: str, province_abbreviations: str) -> Resolver:
    """``strict_companies``: read fewer company names out of project names (see nested.analyse_project);
    ``min_place_chars``: the shortest PLACE kept (2 leaves out single characters read out of names: 京 of
    京运通, 云 of 云和); ``region_types``: a data file of kinds of region that are never a PLACE on their own
    (都市圈, 乡村), "" for none; ``province_abbreviations``: a data file of the provinces' one-character
    abbreviations, which make a compass region after them a part of that province (川东北), "" for none.
    All off for the resolver before the tagger, whose output is among the tagger's features
    (models/tagger.npz was trained on it); on for the resolver after it."""
    return Resolver(Lexicon.default(), strict_companies=strict_companies, min_place_chars=min_place_chars,
                    region_types=read_list(region_types) if region_types else (),
                    province_abbreviations=read_table(province_abbreviations) if province_abbreviations else None)


def _named_division(lexicon: Lexicon) -> Callable[[str, Collection[str]], bool]:
    gazetteer = getattr(lexicon.places, "gazetteer", None)
    return gazetteer.named_within if gazetteer is not None else (lambda name, named: False)


class TaggerComponent:
    """The learned tagger's names, merged with the rules' candidates. As for the rules (:class:`RuleFamily`), a
    TARGET in the review part of a report is left out: a figure already achieved is no target (GUIDELINES)."""

    def __init__(self, tagger) -> None:
        self.tagger = tagger

    def __call__(self, doc: Doc) -> Doc:
        text, review = doc_text(doc), doc._.kg_structure.review_spans
        starts, ends = token_offsets(doc)
        tags, nodes = _token_tags(doc).all_with_nodes("x")
        spans = self.tagger.tag(text, starts, ends, tags, doc._.kg_mentions, doc._.kg_candidates, review, nodes=nodes)
        if review:
            spans = [s for s in spans if not in_review(review, s[2], s[0])]
        doc._.kg_candidates = self.tagger.merge(spans, doc._.kg_candidates, doc._.kg_mentions, text)
        return doc


@Language.factory("kg_tagger_v1", default_config={"weights": "models/tagger.npz", "clusters": "models/word_clusters.tsv",
                                                  "keep_rule_names": False})
def make_tagger(nlp: Language, name: str, weights: str, clusters: str, keep_rule_names: bool) -> TaggerComponent:
    """The learned tagger; ``weights`` is a path under the pipelines package (or absolute).
    ``keep_rule_names`` also keeps the rules' names where the tagger found none: measured no better than
    the tagger's names alone on the dev files, so it is off unless a config turns it on."""
    path = Path(weights) if Path(weights).is_absolute() else data_path(*weights.split("/"))
    lexicon = Lexicon.default()
    heads = {*lexicon.project_suffixes, *lexicon.programme_heads, *lexicon.programme_heads_unquoted}
    loaded = TaggerWeights.load(path)
    features = TaggerFeatures(word_clusters(clusters), rule_features=loaded.rule_features)
    tagger = LearnedTagger(loaded, features, keep_rule_names,
                           tagger_edges(), sorted(heads, key=len, reverse=True), lexicon.org_suffixes,
                           generic=lexicon.generic_terms,
                           facility_heads=(*lexicon.project_suffixes, *FACILITY_ENDINGS),
                           programme_heads=(*lexicon.programme_heads, *lexicon.programme_heads_unquoted),
                           sectors=lexicon.industry_terms, sector_modifiers=lexicon.industry_modifiers,
                           is_place=functools.partial(holds_place, lexicon=lexicon),
                           place_names=getattr(lexicon.places, "names", lexicon.places),
                           openers=lexicon.leading_words, named_division=_named_division(lexicon),
                           geo_suffixes=lexicon.geo_suffixes, place_level=lexicon.places.get)
    if not Path(weights).is_absolute():  # the shipped weights (others, such as held-out folds', are read once)
        tagger.decoder.preload(_cluster_keys(features.clusters), rows_cache_path(path, data_path(*clusters.split("/"))))
    return TaggerComponent(tagger)


def _cluster_keys(clusters: Collection[str]) -> list[tuple[str, str]]:
    """(word, tag) keys that most tokens of a report have: the words of the tagger's clusters (the corpora's
    vocabulary) that jieba's dictionary holds, with its tag, which the tokenizer gives them."""
    from pipelines.tokenizers import dictionary_tags

    words = list(clusters)
    ends = list(itertools.accumulate(map(len, words)))
    tags = dictionary_tags().tags("".join(words), [0, *ends[:-1]], ends)  # all at once: 13 ms, not 34
    return [(word, tag) for word, tag in zip(words, tags, strict=True) if tag is not None]


class CountedTargets:
    """Targets counted in units the tagger was not trained with (打通断头路8条, 加装电梯150部, 矿山修复面积49.2公顷:
    ``data/target_units_counts.txt``), read by the target rules after the tagger, where none of its names stands.
    The rules before the tagger read only ``target_units.txt``, so the tagger's features, and the tagger
    trained on them, stay as they are; a name of the tagger's that such a target would overlap wins, but a place
    or an organisation may stand inside it. Not in the review part of a report, as for the other targets."""

    def __init__(self, lexicon: Lexicon, units: Collection[str]) -> None:
        self.lexicon, self.units, self.clean = lexicon, frozenset(units), _cleaner(lexicon)
        # the clauses worth reading: a figure and one of these units (the target rules then read those alone)
        self.cue = re.compile(r"[0-9０-９][万亿千百]*(?:" + "|".join(map(re.escape, sorted(units, key=len, reverse=True)))
                              + ")")

    def __call__(self, doc: Doc) -> Doc:
        text, review = doc_text(doc), doc._.kg_structure.review_spans
        clauses = clauses_with(text, self.cue)
        if not clauses:
            return doc
        taken = sorted((c.start, c.end, c.label) for c in doc._.kg_candidates or () if c.label not in ("GOAL", "MEASURE"))
        starts = [start for start, _, _ in taken]
        found = []
        for target in (t for a, b in clauses for t in find_targets(text, self.lexicon, a, b)):
            unit = str(target.attrs.get("unit") or "").lstrip(MAGNITUDES)
            if (unit not in self.units or in_review(review, target.label, target.start)
                    or not _counted_metric_first(text, target.start, target.end)):
                continue
            near = taken[max(0, bisect.bisect_left(starts, target.start) - 8):bisect.bisect_left(starts, target.end)]
            if any(a < target.end and target.start < b and not (label in ("PLACE", "ORG") and target.start <= a
                                                                and b <= target.end) for a, b, label in near):
                continue
            found.append(target)
        tags = _token_tags(doc)
        _add_candidates(doc, (c for c in (self.clean(tags, c) for c in found) if c is not None))
        return doc


# Words that make a count of 条 the articles of a policy (落实…支持民营经济发展23条, 省“32条”), not a quantity planned
POLICY_COUNT = re.compile(r"[“”\"]|落实|出台|制定|贯彻|执行|条例|措施|意见|政策|(?:发展|减负)[0-9０-９]+条")
NOUN_AFTER = re.compile(r"[\u4e00-\u9fff“‘\"]")  # what goes on after a count whose noun follows it


def _counted_metric_first(text: str, start: int, end: int) -> bool:
    """A count the target rules can delimit: its metric comes first and the clause goes on after the unit with no
    noun (幸福河湖50条，), and it counts no articles of a policy. Not 打通28条|未贯通道路 or 围绕11条|重点产业链, whose
    noun follows the count, nor 13条重点产业链…, which opens on it.

    >>> text = "建成幸福河湖25条，围绕11条重点产业链，落实教师减负18条，实施支持民营经济发展31条。"
    >>> names = ("幸福河湖25条", "围绕11条", "落实教师减负18条", "实施支持民营经济发展31条")
    >>> [_counted_metric_first(text, text.index(n), text.index(n) + len(n)) for n in names]
    [True, False, False, False]
    """
    return (not text[start].isdigit() and not NOUN_AFTER.match(text, end)
            and POLICY_COUNT.search(text, start, end) is None)


@Language.factory("kg_counted_targets_v1", default_config={"target_units": ["target_units.txt", "target_units_counts.txt"],
                                                           "counted_units": ["target_units_counts.txt"]})
def make_counted_targets(nlp: Language, name: str, target_units: list[str], counted_units: list[str]) -> CountedTargets:
    """``target_units``: the data files of every unit the targets are read with; ``counted_units``: those of the
    units this component adds (the targets closed by the others are the tagger's to find)."""
    return CountedTargets(Lexicon.from_files(target_units=target_units),
                          [unit for file in counted_units for unit in read_list(file)])


class MentionSpans:
    """The mentions as a spaCy span group, ``doc.spans["kg"]`` (label = entity label), so that spaCy's
    scorer and displaCy (``style="span", options={"spans_key": "kg"}``) work on kg's output. A mention
    that does not start and end on token boundaries (a rule may cut inside a jieba word) is left out of
    the group with a logged warning; it stays in the extraction, whose offsets are characters."""

    KEY = "kg"

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for mention in doc._.kg_mentions:
            span = doc.char_span(mention.start, mention.end, label=mention.label)
            if span is None:
                LOGGER.warning("%s mention %r at %d-%d does not align with tokens; not in doc.spans[%r]",
                               mention.label, doc_text(doc)[mention.start:mention.end], mention.start,
                               mention.end, self.KEY)
                continue
            spans.append(span)
        doc.spans[self.KEY] = spans
        return doc


@Language.factory("kg_spans_v1")
def make_spans(nlp: Language, name: str) -> MentionSpans:
    return MentionSpans()


class ProjectStatus:
    """Each PROJECT mention's stage, hedge, investment and capacity, from the words of its clause
    (pipelines/components/project_status.py), added to the mention's attrs."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for mention in doc._.kg_mentions:
            if mention.label == "PROJECT" and (found := project_status(text, mention.start, mention.end)):
                mention.attrs = {**mention.attrs, **found}  # a new dict: candidates may share theirs
        return doc


@Language.factory("kg_project_status_v1")
def make_project_status(nlp: Language, name: str) -> ProjectStatus:
    return ProjectStatus()


@Language.factory("kg_relations_v1")
def make_relations(nlp: Language, name: str) -> Relations:
    return Relations()
