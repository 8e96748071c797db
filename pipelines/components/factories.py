"""The spaCy components of the kg pipeline, registered under versioned names (kg_structure_v1 …; spaCy forbids dots in factory names).

Each reads what the previous one left on the Doc (``doc._.kg_*``) and adds its own; the config file
(``pipelines/configs/*.cfg``) is the only place that chooses and orders them.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from pipelines.components.candidates import Candidate
from pipelines.components.lexical import find_lexical
from pipelines.components.lists import find_list_items
from pipelines.components.nested import NOT_LOCATION_LEVELS, analyse_project
from pipelines.components.programmes import find_programmes
from pipelines.components.projects import find_projects
from pipelines.components.relations import MentionLink, goal_links, industry_links
from pipelines.components.resolve import resolve
from pipelines.components.targets import find_targets
from pipelines.layout import split_sentences
from pipelines.lexicon import Lexicon
from pipelines.structure import parse_structure

__all__ = ["register_extensions"]

EXTENSIONS = ("kg_structure", "kg_candidates", "kg_mentions", "kg_links", "kg_sentences", "kg_nested")


def register_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


def _dictionary_tags():
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


class TokenTags:
    """Fills ``token.tag_`` from the segmenter's dictionary where the tokenizer left it empty (jieba)."""

    def __init__(self) -> None:
        self._tags = None

    def __call__(self, doc: Doc) -> Doc:
        if self._tags is None:
            self._tags = _dictionary_tags()
        tags = self._tags
        for token in doc:
            if not token.tag_:
                tag = tags.get(token.text)
                if tag:
                    token.tag_ = tag
        return doc


class StructureComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_structure = parse_structure(doc.text)
        doc._.kg_sentences = split_sentences(doc.text)
        return doc


class Recognisers:
    """Every rule proposes candidates; the resolver decides."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        text, structure = doc.text, doc._.kg_structure
        boundaries = {t.idx for t in doc} | {t.idx + len(t.text) for t in doc}
        candidates = [Candidate(h.start, h.end, h.kind.upper(), "heading") for h in structure.headings]
        for name in set(structure.goal_names):
            for match in re.finditer(re.escape(name), text):
                candidates.append(Candidate(match.start(), match.end(), "GOAL", "goal-mention"))
        candidates += find_targets(text, self.lexicon)
        candidates += find_programmes(text, self.lexicon)
        candidates += find_list_items(text, self.lexicon)
        candidates += find_projects(text, self.lexicon)
        candidates += find_lexical(text, boundaries, self.lexicon)
        doc._.kg_candidates = candidates
        return doc


class Resolver:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        kept = resolve(doc._.kg_candidates)
        tokens = [(t.idx, t.idx + len(t.text), t.tag_ or None) for t in doc]
        inner_links: list[tuple[Candidate, Candidate, str]] = []
        additions: list[Candidate] = []
        for project in [c for c in kept if c.label == "PROJECT"]:
            inside = [t for t in tokens if project.start <= t[0] and t[1] <= project.end]
            analysed: set[int] = set()
            for candidate, relation in analyse_project(doc.text, project, inside, self.lexicon):
                existing = next((c for c in kept + additions if (c.start, c.end) == (candidate.start, candidate.end)
                                 and c.label == candidate.label), None)
                if existing is None and not any(
                        c.start <= candidate.start and candidate.end <= c.end and c is not project
                        and c.label != "PROJECT" for c in kept):
                    additions.append(candidate)
                    existing = candidate
                if existing is not None:
                    analysed.add(id(existing))
                    if relation:
                        inner_links.append((project, existing, relation))
            for place in kept:  # a gazetteer place inside the name that the left-to-right reading did not reach
                if (place.label == "PLACE" and project.start <= place.start and place.end <= project.end
                        and id(place) not in analysed and place.attrs.get("level") not in NOT_LOCATION_LEVELS):
                    inner_links.append((project, place, "LOCATED_IN"))
        mentions = sorted(kept + additions, key=lambda c: (c.start, -c.end, c.label))
        position = {id(c): i for i, c in enumerate(mentions)}
        doc._.kg_mentions = mentions
        doc._.kg_links = [MentionLink(position[id(p)], position[id(c)], r) for p, c, r in inner_links]
        doc._.kg_nested = {position[id(c)] for c in additions} | {
            i for i, c in enumerate(mentions)
            if any(o.start <= c.start and c.end <= o.end and o is not c and o.label != c.label for o in mentions)}
        return doc


class Relations:
    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.kg_mentions
        links = list(doc._.kg_links) + goal_links(mentions, doc._.kg_structure)
        links += industry_links(mentions, doc.text, doc._.kg_nested)
        doc._.kg_links = list(dict.fromkeys(links))
        return doc


@Language.factory("kg_token_tags_v1")
def make_token_tags(nlp: Language, name: str) -> TokenTags:
    return TokenTags()


@Language.factory("kg_structure_v1")
def make_structure(nlp: Language, name: str) -> StructureComponent:
    return StructureComponent()


@Language.factory("kg_recognisers_v1")
def make_recognisers(nlp: Language, name: str) -> Recognisers:
    return Recognisers(Lexicon.default())


@Language.factory("kg_resolver_v1")
def make_resolver(nlp: Language, name: str) -> Resolver:
    return Resolver(Lexicon.default())


@Language.factory("kg_relations_v1")
def make_relations(nlp: Language, name: str) -> Relations:
    return Relations()
