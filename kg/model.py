"""The one typed hand-off between extraction and the stores.

A pipeline turns a :class:`Document` into an :class:`Extraction`: mention-level ``spans`` (what the gold
files annotate) and ``links`` between them. :meth:`Extraction.graph` folds mentions into graph-level
:class:`Entity` and :class:`Relation` objects, one per real-world thing, each carrying the evidence
(document, sentence, character offsets into the original text) of every mention behind it.

>>> doc = Document(doc_id="d", text="关键词 产业强市。加快比亚迪智能制造产业园建设。")
>>> ex = Extraction(doc, spans=[Span("m1", 4, 8, "GOAL", "产业强市"),
...                             Span("m2", 11, 21, "PROJECT", "比亚迪智能制造产业园")],
...                 links=[Link("m2", "m1", "SERVES")], sentences=[(0, 9), (9, 24)])
>>> entities, relations = ex.graph()
>>> relations[0].evidence[0].sentence
'加快比亚迪智能制造产业园建设。'
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from kg.errors import ExtractionError
from kg.ids import entity_id, normalise_name, relation_id

__all__ = [
    "ENTITY_LABELS",
    "MENTION_ATTR_LABELS",
    "RELATION_TYPES",
    "RELATION_SCHEMA",
    "WITHIN",
    "DOCUMENT_LEVELS",
    "DOCUMENT_KINDS",
    "Document",
    "Span",
    "Link",
    "Mention",
    "Evidence",
    "Entity",
    "Relation",
    "Extraction",
]

ENTITY_LABELS = ("GOAL", "MEASURE", "PROJECT", "PROGRAMME", "PLACE", "ORG", "INDUSTRY", "TARGET")
# Labels whose span attrs describe the mention, not the entity: a PROJECT's stage, hedge, investment and
# capacity as one document states them. They go on the Mention (a project has one per document and place
# in it); the attrs of other labels (a TARGET's value, a PLACE's level) go on the Entity.
MENTION_ATTR_LABELS = frozenset({"PROJECT"})

# type -> (allowed head labels, allowed tail labels), as defined in the annotation guidelines.
RELATION_SCHEMA: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "HAS_MEASURE": (frozenset({"GOAL"}), frozenset({"MEASURE"})),
    "SERVES": (frozenset({"PROJECT", "PROGRAMME", "TARGET"}), frozenset({"GOAL"})),
    "LOCATED_IN": (frozenset({"PROJECT"}), frozenset({"PLACE"})),
    "INVOLVES": (frozenset({"PROJECT"}), frozenset({"ORG"})),
    "IN_INDUSTRY": (frozenset({"PROJECT", "PROGRAMME"}), frozenset({"INDUSTRY"})),
}
# The place hierarchy (county → city → province, from the gazetteer): a graph-level relation, never a link of
# the extractor's. Each document's chain of places (Document.places) gives one per step, without evidence:
# what says so is the gazetteer, not a sentence (see Extraction.graph).
WITHIN = "WITHIN"
RELATION_TYPES = (*RELATION_SCHEMA, WITHIN)
DOCUMENT_LEVELS = ("national", "provincial", "city", "county")
DOCUMENT_KINDS = ("report", "interpretation")


@dataclass(frozen=True)
class Document:
    """A document as read from disk; ``text`` is the original text every offset refers to."""

    doc_id: str
    text: str
    title: str = ""
    year: int | None = None
    source: str = ""
    # The issuing government: its division's full name (宜昌市; 中国 for the State Council), the PLACE entity
    # id of that division, and the division with those above it, nearest first (宜昌市, 湖北省) with their ids.
    place: str = ""
    place_id: str = ""
    places: tuple[str, ...] = ()
    place_ids: tuple[str, ...] = ()
    level: str = ""  # one of DOCUMENT_LEVELS, "" when unknown
    kind: str = ""  # one of DOCUMENT_KINDS, "" when unknown

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "title": self.title, "year": self.year, "source": self.source,
                "length": len(self.text), "place": self.place, "place_id": self.place_id,
                "places": list(self.places), "place_ids": list(self.place_ids), "level": self.level,
                "kind": self.kind}


@dataclass(frozen=True)
class Span:
    """One mention: ``text == document.text[start:end]``. ``attrs`` holds parsed attributes: a TARGET's
    value and unit, a PLACE's level, a PROJECT's stage and amounts (see MENTION_ATTR_LABELS).

    ``canonical`` and ``scope`` decide which entity the mention is of (``kg.ids.entity_id``): the name the
    entity goes by when it is not the text (an alias: 进博会 → 中国国际进口博览会) and the id of the place
    it is local to ("" for things that are the same everywhere). Set by the pipeline's identity step;
    neither is part of the mention-level output (``to_gold_dict``).
    """

    id: str
    start: int
    end: int
    label: str
    text: str
    attrs: dict[str, Any] = field(default_factory=dict, compare=False)
    canonical: str = field(default="", compare=False)
    scope: str = field(default="", compare=False)


@dataclass(frozen=True)
class Link:
    """A mention-level relation. ``measure`` names the span id of the measure heading a SERVES sits under."""

    head: str
    tail: str
    type: str
    measure: str | None = None


@dataclass(frozen=True)
class Mention:
    """Where an entity was named: document, offsets into its original text, the sentence around it, and
    what this mention says of it there (``attrs``: a PROJECT's stage, hedge, investment, capacity)."""

    doc_id: str
    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int
    sentence_end: int
    attrs: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:  # the fields, as asdict would give them (it deep-copies: 8x slower)
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end, "text": self.text,
                "sentence": self.sentence, "sentence_start": self.sentence_start, "sentence_end": self.sentence_end,
                "attrs": dict(self.attrs)}


@dataclass(frozen=True)
class Evidence:
    """Why a relation holds: the sentence and the offsets of both ends in the original text."""

    doc_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    head_start: int
    head_end: int
    tail_start: int
    tail_end: int
    measure: str | None = None

    def to_dict(self) -> dict[str, Any]:  # the fields, as asdict would give them (it deep-copies: 8x slower)
        return {"doc_id": self.doc_id, "sentence": self.sentence, "sentence_start": self.sentence_start,
                "sentence_end": self.sentence_end, "head_start": self.head_start, "head_end": self.head_end,
                "tail_start": self.tail_start, "tail_end": self.tail_end, "measure": self.measure}


@dataclass
class Entity:
    id: str
    label: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Relation:
    id: str
    type: str
    head: str
    tail: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything one pipeline run found in one document, validated when built."""

    document: Document
    spans: list[Span]
    links: list[Link]
    sentences: list[tuple[int, int]]

    def __post_init__(self) -> None:
        self.spans = sorted(self.spans, key=lambda s: (s.start, -s.end, s.label))
        self.sentences = sorted(self.sentences)
        self._validate()
        self._sentence_starts = [start for start, _ in self.sentences]

    def _validate(self) -> None:
        text, doc_id = self.document.text, self.document.doc_id
        by_id: dict[str, Span] = {}
        for span in self.spans:
            if span.label not in ENTITY_LABELS:
                raise ExtractionError(f"{doc_id}: span {span.id} has unknown label {span.label!r}")
            if not (0 <= span.start < span.end <= len(text)) or text[span.start:span.end] != span.text:
                raise ExtractionError(
                    f"{doc_id}: span {span.id} [{span.start}:{span.end}] {span.text!r} does not match the text")
            if span.id in by_id:
                raise ExtractionError(f"{doc_id}: span id {span.id} is used twice")
            by_id[span.id] = span
        for link in self.links:
            if link.type not in RELATION_SCHEMA:
                raise ExtractionError(f"{doc_id}: unknown relation type {link.type!r}")
            head, tail = by_id.get(link.head), by_id.get(link.tail)
            if head is None or tail is None:
                raise ExtractionError(f"{doc_id}: relation {link} names an unknown span")
            heads, tails = RELATION_SCHEMA[link.type]
            if head.label not in heads or tail.label not in tails:
                raise ExtractionError(
                    f"{doc_id}: {link.type} cannot go from {head.label} to {tail.label} ({head.text} → {tail.text})")
            if link.measure is not None and link.measure not in by_id:
                raise ExtractionError(f"{doc_id}: relation {link} names an unknown measure span")
        for start, end in self.sentences:
            if not 0 <= start <= end <= len(text):
                raise ExtractionError(f"{doc_id}: sentence [{start}:{end}] lies outside the text")
        self._by_id = by_id

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """The sentence holding ``offset``; the whole text when no sentence does."""
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index >= 0:
            start, end = self.sentences[index]
            if start <= offset < end:
                return start, end
        return 0, len(self.document.text)

    def to_record(self) -> dict[str, Any]:
        """Everything needed to rebuild this extraction, as plain JSON values: the document with its text
        and its description (place, level, kind …), the spans (with attrs, and the canonical name and scope
        that decide their entity's id), the links and the sentences. :meth:`from_record` reads it back.
        A span is ``[id, start, end, label, text, attrs, canonical, scope]`` without its trailing defaults.

        >>> doc = Document(doc_id="d", text="关键词 产业强市。", year=2021)
        >>> ex = Extraction(doc, [Span("m1", 4, 8, "GOAL", "产业强市")], [], [(0, 9)])
        >>> Extraction.from_record(ex.to_record()).to_record() == ex.to_record()
        True
        """
        document = self.document
        described = {"place": document.place, "place_id": document.place_id, "places": list(document.places),
                     "place_ids": list(document.place_ids), "level": document.level, "kind": document.kind}
        return {
            "document": {"doc_id": document.doc_id, "title": document.title, "year": document.year,
                         "source": document.source, "text": document.text}
            | {key: value for key, value in described.items() if value},
            "spans": [_span_fields(s) for s in self.spans],
            "links": [[link.head, link.tail, link.type] + ([link.measure] if link.measure is not None else [])
                      for link in self.links],
            "sentences": [list(sentence) for sentence in self.sentences],
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Extraction:
        """The extraction :meth:`to_record` wrote, validated again; ExtractionError when it is not one."""
        try:
            fields = dict(record["document"])
            for key in ("places", "place_ids"):
                if key in fields:
                    fields[key] = tuple(fields[key])
            document = Document(**fields)
            spans = [Span(*fields) for fields in record["spans"]]
            links = [Link(*fields) for fields in record["links"]]
            sentences = [(start, end) for start, end in record["sentences"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise ExtractionError(f"not an extraction record ({type(exc).__name__}: {exc})") from None
        return cls(document, spans, links, sentences)

    def to_gold_dict(self, with_text: bool = False) -> dict[str, Any]:
        """The mention-level form of the gold files (``kg extract`` output); ``with_text`` adds the document's
        text after its doc_id, as a gold file holds it (``kg extract --with-text``)."""
        return {
            "doc_id": self.document.doc_id,
            **({"text": self.document.text} if with_text else {}),
            "entities": [{"id": s.id, "start": s.start, "end": s.end, "label": s.label, "text": s.text}
                         | ({"attrs": s.attrs} if s.attrs else {}) for s in self.spans],
            "relations": [{"head": link.head, "tail": link.tail, "type": link.type} for link in self.links],
        }

    def _mention(self, span: Span) -> Mention:
        start, end = self.sentence_bounds(span.start)
        text = self.document.text
        attrs = dict(span.attrs) if span.label in MENTION_ATTR_LABELS else {}
        return Mention(self.document.doc_id, span.start, span.end, span.text, text[start:end].strip(), start, end,
                       attrs)

    def graph(self) -> tuple[list[Entity], list[Relation]]:
        """Fold mentions into one entity per (label, normalised name, scope) and one relation per (type, head,
        tail); a span's ``canonical`` name, when set, stands for its text."""
        entities: dict[str, Entity] = {}
        span_entity: dict[str, str] = {}
        for span in self.spans:
            name = span.canonical or span.text
            eid = entity_id(span.label, name, span.scope)
            entity = entities.get(eid)
            if entity is None:
                attrs = {} if span.label in MENTION_ATTR_LABELS else dict(span.attrs)
                entity = entities[eid] = Entity(eid, span.label, display_name(name), attrs=attrs)
            entity.mentions.append(self._mention(span))
            span_entity[span.id] = eid
        relations: dict[str, Relation] = {}
        text = self.document.text
        for link in self.links:
            head, tail = self._by_id[link.head], self._by_id[link.tail]
            head_id, tail_id = span_entity[link.head], span_entity[link.tail]
            rid = relation_id(link.type, head_id, tail_id)
            relation = relations.get(rid)
            if relation is None:
                relation = relations[rid] = Relation(rid, link.type, head_id, tail_id)
            start, end = self.sentence_bounds(head.start)
            measure = display_name(self._by_id[link.measure].text) if link.measure else None
            evidence = Evidence(self.document.doc_id, text[start:end].strip(), start, end,
                                head.start, head.end, tail.start, tail.end, measure)
            if evidence not in relation.evidence:
                relation.evidence.append(evidence)
        self._place_hierarchy(entities, relations)
        return list(entities.values()), list(relations.values())

    def _place_hierarchy(self, entities: dict[str, Entity], relations: dict[str, Relation]) -> None:
        """The issuing place's chain (宜昌市 → 湖北省, from the gazetteer) as WITHIN relations between PLACE
        entities, one per step, with no evidence; a place of the chain the text does not name is an entity
        with no mention in this document. Both stores write them like any other, so they stay while a
        document of that place is in the graph.

        >>> doc = Document("d", "推进宜昌三峡机场建设。", places=("伍家岗区", "宜昌市", "湖北省"),
        ...                place_ids=("place-a", "place-b", "place-c"))
        >>> entities, relations = Extraction(doc, [], [], [(0, 11)]).graph()
        >>> [(r.type, r.head, r.tail, r.evidence) for r in relations]
        [('WITHIN', 'place-a', 'place-b', []), ('WITHIN', 'place-b', 'place-c', [])]
        >>> [(e.id, e.name, e.mentions) for e in entities]
        [('place-a', '伍家岗区', []), ('place-b', '宜昌市', []), ('place-c', '湖北省', [])]
        """
        chain = list(zip(self.document.place_ids, self.document.places, strict=True))
        for (child_id, child), (parent_id, parent) in zip(chain, chain[1:], strict=False):
            for place_id, name in ((child_id, child), (parent_id, parent)):
                if place_id not in entities:
                    entities[place_id] = Entity(place_id, "PLACE", display_name(name))
            rid = relation_id(WITHIN, child_id, parent_id)
            relations.setdefault(rid, Relation(rid, WITHIN, child_id, parent_id))


def _span_fields(span: Span) -> list[Any]:
    """A span as the list :meth:`Extraction.to_record` writes: the fields in order, trailing defaults left out."""
    fields = [span.id, span.start, span.end, span.label, span.text, span.attrs, span.canonical, span.scope]
    while len(fields) > 5 and not fields[-1]:
        fields.pop()
    return fields


def display_name(text: str) -> str:
    """The name shown for an entity: the normalised name (no whitespace, no quotation marks)."""
    return normalise_name(text)
