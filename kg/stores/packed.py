"""Mentions and evidence as the embedded store holds them: one document's provenance in a few arrays.

A document supports a few hundred entities and relations. Kept as a small container per (document, entity)
pair (a dict entry and an array of offsets each), that provenance cost about 140 bytes a pair and grew with
every document read. :class:`DocumentFacts` holds one document's as rows instead: the ids of the entities
it names, sorted (a tuple, found by bisection), the row bounds of each entity's mentions in one array of
four offsets per mention (start, end, sentence_start, sentence_end), and the same for relations with six
offsets per piece of evidence (sentence_start, sentence_end, head_start, head_end, tail_start, tail_end).
The few attributes (an entity's per-document attrs, a project mention's stage and amounts, an evidence's
measure) sit in dicts beside the rows, only for the rows that have any.

A mention's ``text`` is ``text[start:end]`` and a sentence is ``text[sentence_start:sentence_end].strip()``
(how :class:`kg.model.Extraction` made them), so the dicts made back from the offsets are equal to the
originals; ``read(start, end)`` gives those characters of the document's text.

>>> from kg.model import Mention
>>> text = "  建设产业园。"
>>> flat, mention_attrs = mention_row([Mention("d", 4, 7, "产业园", "建设产业园。", 0, 9)])
>>> facts = DocumentFacts.build([("e1", flat, None, mention_attrs)], [])
>>> list(facts.mentions_of("e1")), facts.mention_total
([4, 7, 0, 9], 1)
>>> next(mention_dicts("d", lambda start, end: text[start:end], facts.mentions_of("e1")))["sentence"]
'建设产业园。'
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from kg.model import Evidence, Mention
from kg.stores import records as rec

__all__ = ["DocumentFacts", "FactsBuilder", "MENTION_FIELDS", "EVIDENCE_FIELDS", "mention_row", "evidence_row", "mention_dicts",
           "evidence_dicts", "shared_strings", "Reader"]

MENTION_FIELDS = 4
EVIDENCE_FIELDS = 6
Reader = Callable[[int, int], str]  # (start, end) -> those characters of a document's text
MentionRow = tuple[list[int], tuple[dict[str, Any], ...] | None]  # offsets, the mentions' attrs (None: none has)
EvidenceRow = tuple[list[int], tuple[str | None, ...] | None]  # offsets, the pieces' measures (None: none has)


def mention_row(mentions: Iterable[Mention]) -> MentionRow:
    """One document's mentions of one entity, in the contract's mention order: their offsets, and their
    attrs, or None when no mention has any (the usual case: only PROJECT mentions carry a stage …)."""
    ordered = sorted((m.to_dict() for m in mentions), key=rec.mention_key)
    attrs = tuple(m["attrs"] for m in ordered)
    return ([value for m in ordered for value in (m["start"], m["end"], m["sentence_start"], m["sentence_end"])],
            attrs if any(attrs) else None)


def evidence_row(evidence: Iterable[Evidence]) -> EvidenceRow:
    """One document's evidence of one relation, in the contract's evidence order: offsets and measures."""
    ordered = sorted((e.to_dict() for e in evidence), key=rec.evidence_key)
    measures = tuple(e["measure"] for e in ordered)
    return ([value for e in ordered for value in (e["sentence_start"], e["sentence_end"], e["head_start"],
                                                   e["head_end"], e["tail_start"], e["tail_end"])],
            measures if any(m is not None for m in measures) else None)


class DocumentFacts:
    """One document's provenance, as rows: per entity it names, its attrs here and its mentions' offsets;
    per relation it states, its evidence's offsets and measures. Never changed in place (a document
    replaced gets a new one), so a reference to it is a snapshot."""

    __slots__ = ("entities", "mention_bounds", "mentions", "entity_attrs", "mention_attrs",
                 "relations", "evidence_bounds", "evidence", "measures")

    def __init__(self, entities: tuple[str, ...], mention_bounds: array, mentions: array,
                 entity_attrs: dict[str, dict[str, Any]] | None, mention_attrs: dict[str, tuple] | None,
                 relations: tuple[str, ...], evidence_bounds: array, evidence: array,
                 measures: dict[str, tuple[str | None, ...]] | None) -> None:
        self.entities, self.mention_bounds, self.mentions = entities, mention_bounds, mentions
        self.entity_attrs, self.mention_attrs = entity_attrs, mention_attrs
        self.relations, self.evidence_bounds, self.evidence = relations, evidence_bounds, evidence
        self.measures = measures

    @classmethod
    def build(cls, entities: Iterable[tuple[str, Sequence[int], dict[str, Any] | None, tuple | None]],
              relations: Iterable[tuple[str, Sequence[int], tuple[str | None, ...] | None]]) -> DocumentFacts:
        """From (entity id, flat mention offsets, the entity's attrs here or None, the mentions' attrs or None)
        and (relation id, flat evidence offsets, measures or None), in any order; ids must be distinct."""
        builder = FactsBuilder()
        for entity_id, flat, attrs, mention_attrs in entities:
            builder.add_entity(entity_id, flat, attrs, mention_attrs)
        for relation_id, flat, measures in relations:
            builder.add_relation(relation_id, flat, measures)
        return builder.build()

    @property
    def mention_total(self) -> int:
        return len(self.mentions) // MENTION_FIELDS

    @property
    def evidence_total(self) -> int:
        return len(self.evidence) // EVIDENCE_FIELDS

    def mentions_of(self, entity_id: str) -> array:
        """The flat offsets of this document's mentions of ``entity_id`` (empty when it names none)."""
        return _row(self.entities, self.mention_bounds, self.mentions, entity_id)

    def evidence_of(self, relation_id: str) -> array:
        return _row(self.relations, self.evidence_bounds, self.evidence, relation_id)

    def mention_count(self, entity_id: str) -> int:
        return len(self.mentions_of(entity_id)) // MENTION_FIELDS

    def evidence_count(self, relation_id: str) -> int:
        return len(self.evidence_of(relation_id)) // EVIDENCE_FIELDS

    def attrs_of(self, entity_id: str) -> dict[str, Any] | None:
        return self.entity_attrs.get(entity_id) if self.entity_attrs else None

    def mention_attrs_of(self, entity_id: str) -> tuple[dict[str, Any], ...] | None:
        return self.mention_attrs.get(entity_id) if self.mention_attrs else None

    def measures_of(self, relation_id: str) -> tuple[str | None, ...] | None:
        return self.measures.get(relation_id) if self.measures else None


class FactsBuilder:
    """A :class:`DocumentFacts` put together a row at a time (what reading a graph file does: the rows of one
    document come from every node and edge record), straight into arrays, so that the rows of a whole
    graph are never held as Python lists and ints on the way."""

    def __init__(self) -> None:
        self.entity_ids: list[str] = []
        self.mention_bounds, self.mentions = array("i", [0]), array("i")
        self.entity_attrs: dict[str, dict[str, Any]] = {}
        self.mention_attrs: dict[str, tuple] = {}
        self.relation_ids: list[str] = []
        self.evidence_bounds, self.evidence = array("i", [0]), array("i")
        self.measures: dict[str, tuple[str | None, ...]] = {}

    def add_entity(self, entity_id: str, flat: Sequence[int], attrs: dict[str, Any] | None,
                   mention_attrs: Sequence[dict[str, Any]] | None) -> None:
        """TypeError when ``flat`` holds anything but integers."""
        self.entity_ids.append(entity_id)
        self.mentions = _extend(self.mentions, flat)
        self.mention_bounds = _extend(self.mention_bounds, (len(self.mentions),))
        if attrs:
            self.entity_attrs[entity_id] = shared_strings(attrs)
        if mention_attrs:
            self.mention_attrs[entity_id] = tuple(map(shared_strings, mention_attrs))

    def add_relation(self, relation_id: str, flat: Sequence[int], measures: Sequence[str | None] | None) -> None:
        self.relation_ids.append(relation_id)
        self.evidence = _extend(self.evidence, flat)
        self.evidence_bounds = _extend(self.evidence_bounds, (len(self.evidence),))
        if measures:  # measure names repeat across documents: one string each
            self.measures[relation_id] = tuple(sys.intern(m) if m is not None else None for m in measures)

    def build(self) -> DocumentFacts:
        entities, mention_bounds, mentions = _sorted_rows(self.entity_ids, self.mention_bounds, self.mentions)
        relations, evidence_bounds, evidence = _sorted_rows(self.relation_ids, self.evidence_bounds, self.evidence)
        return DocumentFacts(entities, mention_bounds, mentions, self.entity_attrs or None, self.mention_attrs or None,
                             relations, evidence_bounds, evidence, self.measures or None)


def shared_strings(attrs: dict[str, Any]) -> dict[str, Any]:
    """``attrs`` with its keys and string values interned: an entity's or a mention's attrs (a target's
    metric, unit, comparator …) repeat the same few strings in every document, and a JSON parse or an
    extraction from a worker makes new ones each time."""
    return {sys.intern(key): sys.intern(value) if type(value) is str else value for key, value in attrs.items()}


def _extend(values: array, more: Iterable[int]) -> array:
    """``values`` with ``more`` appended, widened to 64 bits when a value needs it (a new array then)."""
    more = more if isinstance(more, (array, list, tuple)) else list(more)
    length = len(values)
    try:
        values.extend(more if not isinstance(more, array) or more.typecode == values.typecode else more.tolist())
    except OverflowError:
        del values[length:]
        values = array("q", values.tolist())
        values.extend(more.tolist() if isinstance(more, array) else more)
    return values


def _sorted_rows(ids: list[str], bounds: array, values: array) -> tuple[tuple[str, ...], array, array]:
    """The rows ordered by id (as :func:`_row` bisects them); ValueError when an id comes twice."""
    order = sorted(range(len(ids)), key=ids.__getitem__)
    if any(ids[a] == ids[b] for a, b in zip(order, order[1:], strict=False)):
        raise ValueError("one document gives the same fact twice")
    if all(a < b for a, b in zip(order, order[1:], strict=False)):
        return tuple(ids), bounds, values
    new_bounds, new_values = array(bounds.typecode, [0]), array(values.typecode)
    for index in order:
        new_values.extend(values[bounds[index]:bounds[index + 1]])
        new_bounds.append(len(new_values))
    return tuple(ids[index] for index in order), new_bounds, new_values


def _row(ids: tuple[str, ...], bounds: array, values: array, key: str) -> array:
    index = bisect_left(ids, key)
    if index == len(ids) or ids[index] != key:
        return values[0:0]
    return values[bounds[index]:bounds[index + 1]]


def mention_dicts(doc_id: str, read: Reader, flat: Sequence[int],
                  attrs: Sequence[dict[str, Any]] | None = None) -> Iterator[dict[str, Any]]:
    for item, index in enumerate(range(0, len(flat), MENTION_FIELDS)):
        start, end, sentence_start, sentence_end = flat[index:index + MENTION_FIELDS]
        sentence = read(sentence_start, sentence_end)
        if 0 <= sentence_start <= start <= end <= sentence_end:  # the usual case: one read for both
            text = sentence[start - sentence_start:end - sentence_start]
        else:
            text = read(start, end)
        yield {"doc_id": doc_id, "start": start, "end": end, "text": text, "sentence": sentence.strip(),
               "sentence_start": sentence_start, "sentence_end": sentence_end,
               "attrs": dict(attrs[item]) if attrs is not None else {}}


def evidence_dicts(doc_id: str, read: Reader, flat: Sequence[int],
                   measures: Sequence[str | None] | None) -> Iterator[dict[str, Any]]:
    for item, index in enumerate(range(0, len(flat), EVIDENCE_FIELDS)):
        sentence_start, sentence_end, head_start, head_end, tail_start, tail_end = flat[index:index + EVIDENCE_FIELDS]
        yield {"doc_id": doc_id, "sentence": read(sentence_start, sentence_end).strip(),
               "sentence_start": sentence_start, "sentence_end": sentence_end,
               "head_start": head_start, "head_end": head_end, "tail_start": tail_start, "tail_end": tail_end,
               "measure": measures[item] if measures is not None else None}
