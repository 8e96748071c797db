"""The records a :class:`~kg.stores.base.GraphStore` answers with, described once, and the pure functions
that assemble and order them for every store.

The records are pydantic models: the stores build them, the API serves them as they are (``api/schemas.py``
adds only the envelopes of its answers), and the CLI and notebooks read their attributes. Both stores
funnel their raw data through the functions below, so the shapes and the ordering rules of the contract
live here and both stores answer byte for byte alike. Nothing here touches a graph or a connection.

Ordering is part of the contract: entities by (label, name, id), relations by (type, head name, tail
name), mentions by (doc_id, start, end), evidence by (doc_id, head_start, tail_start).

>>> park = entity_record("project-1", "PROJECT", "产业园", {}, 1, ["d2", "d1", "d2"])
>>> park.documents, entity_key(park)
(['d1', 'd2'], ('PROJECT', '产业园', 'project-1'))
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from kg.ids import normalise_name
from kg.model import ENTITY_LABELS, RELATION_TYPES

__all__ = [
    # records
    "DocumentRecord", "EntityRecord", "MentionRecord", "EvidenceRecord", "RelationRecord", "EntityRelation",
    "EntityWithMentions", "Goal", "GoalMember", "GraphEdge", "Neighbourhood", "PathEdge", "EntityPath", "Stats",
    "EntityRef", "CompactRelation", "GoalMemberRow", "TimelineRelation", "TimelineEntry", "Timeline",
    # assembly and order
    "entity_record", "entity_key", "mention_key", "evidence_key", "relation_record", "relation_key",
    "sorted_mentions", "sorted_evidence", "relation_seen_from", "compact", "goal_record", "goal_member", "graph_edge",
    "neighbourhood_record", "nearest_nodes", "NEIGHBOURHOOD_LIMIT", "walk_shortest_path", "path_edge", "path_record", "stats_record",
    "fold", "merge_attrs", "search_ranking", "page",
    "select_documents", "place_matches", "goal_member_row", "goal_member_rows", "timeline_record", "kept", "DocIds",
]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


# -- the records ---------------------------------------------------------------------------------------

class DocumentRecord(_Record):
    doc_id: str
    title: str
    year: int | None
    source: str
    length: int = Field(description="Length of the original text in characters")
    entity_count: int
    relation_count: int
    place: str = Field("", description="The issuing government's division, full name: 宜昌市 (中国 for the "
                       "State Council); empty when unknown")
    place_id: str = Field("", description="Id of the PLACE entity of that division")
    places: list[str] = Field(default_factory=list, description="The division and those above it, nearest "
                              "first: 宜昌市, 湖北省")
    place_ids: list[str] = Field(default_factory=list, description="Their PLACE ids, in the same order")
    level: str = Field("", description="national, provincial, city or county; empty when unknown")
    kind: str = Field("", description="report or interpretation; empty when unknown")


class EntityRecord(_Record):
    id: str = Field(description="Stable id: the label and a digest of the normalised name")
    label: str = Field(description="One of GOAL, MEASURE, PROJECT, PROGRAMME, PLACE, ORG, INDUSTRY, TARGET")
    name: str = Field(description="Display name (normalised: no whitespace, no quotation marks)")
    attrs: dict[str, Any] = Field(description="Parsed attributes, e.g. a TARGET's value and unit")
    mention_count: int
    documents: list[str] = Field(description="Ids of the documents that mention the entity")


class EntityRef(_Record):
    id: str
    label: str
    name: str


class MentionRecord(_Record):
    doc_id: str
    start: int = Field(description="Character offset into the original document text")
    end: int
    text: str
    sentence: str
    sentence_start: int
    sentence_end: int
    attrs: dict[str, Any] = Field(default_factory=dict, description=(
        "What this mention says of the entity here: a PROJECT's stage (谋划, 签约, 开工, 续建, 建成, 竣工, 投产) "
        "and the stage_cue it was read from, hedge (力争, 计划 …), investment {amount, unit, value_yuan} and "
        "capacity {amount, unit, value, base_unit}; empty when nothing was found"))


class EvidenceRecord(_Record):
    """Every offset is into the original text of the document ``doc_id``, not into ``sentence``; the head is
    named in the sentence, the tail may not be (a goal or measure is named in its heading)."""
    doc_id: str
    sentence: str = Field(description="The sentence stating the relation")
    sentence_start: int = Field(description="Where the sentence starts in the document's original text")
    sentence_end: int
    head_start: int = Field(description="The head's mention in the document's original text, inside the sentence")
    head_end: int
    tail_start: int = Field(description="The tail's mention in the document's original text: for SERVES and "
                            "HAS_MEASURE the goal in its heading, outside the sentence (see tail_in_sentence)")
    tail_end: int
    measure: str | None = Field(description="For SERVES: the measure heading the sentence sits under")

    @computed_field(description="Whether head_start..head_end lie within sentence_start..sentence_end")
    @property
    def head_in_sentence(self) -> bool:
        return self.sentence_start <= self.head_start and self.head_end <= self.sentence_end

    @computed_field(description="Whether tail_start..tail_end lie within the sentence; false when the tail is "
                    "named elsewhere (a goal in its heading): then the offsets point there, not into the sentence")
    @property
    def tail_in_sentence(self) -> bool:
        return self.sentence_start <= self.tail_start and self.tail_end <= self.sentence_end


class RelationRecord(_Record):
    id: str
    type: str
    head: EntityRecord
    tail: EntityRecord
    evidence: list[EvidenceRecord]


class EntityRelation(RelationRecord):
    direction: Literal["out", "in"] = Field(description="'out' when the entity is the head")
    other: EntityRecord = Field(description="The far end of the relation")


class CompactRelation(_Record):
    """A relation as seen from one of its ends, its ends by id, label and name only."""
    id: str
    type: str
    direction: Literal["out", "in"] = Field(description="'out' when the entity is the head")
    head: EntityRef
    tail: EntityRef
    other: EntityRef = Field(description="The far end of the relation")
    evidence: list[EvidenceRecord]


class EntityWithMentions(EntityRecord):
    mentions: list[MentionRecord]


class Goal(EntityRecord):
    measures: list[EntityRecord]
    serving_count: int = Field(description="How many projects, programmes and targets serve the goal")


class GoalMember(_Record):
    entity: EntityRecord
    measures: list[str] = Field(description="Names of the measures the SERVES evidence sits under")
    evidence: list[EvidenceRecord]


class GoalMemberRow(_Record):
    """One row of the goal × member table: an entity that SERVES a goal."""
    goal_id: str
    goal: str = Field(description="The goal's name")
    member_id: str
    member: str = Field(description="The member's name")
    label: str = Field(description="The member's label: PROJECT, PROGRAMME or TARGET")
    measures: list[str] = Field(description="Measures the SERVES evidence sits under")
    doc_ids: list[str] = Field(description="Documents stating it")
    evidence_count: int


class TimelineRelation(_Record):
    """A relation of the entity as one document states it: the far end by id and name, that document's evidence."""
    id: str
    type: str
    direction: Literal["out", "in"] = Field(description="'out' when the entity is the head")
    other: EntityRef
    evidence: list[EvidenceRecord]


class TimelineEntry(_Record):
    """What one document says about an entity."""
    doc_id: str
    year: int | None
    title: str
    place: str
    level: str
    kind: str
    attrs: dict[str, Any] = Field(description="The attributes of its mentions in this document, merged in "
                                  "text order")
    mentions: list[MentionRecord] = Field(description="Where it names the entity: offsets into that document, "
                                          "the sentence and each mention's own attributes")
    relations: list[TimelineRelation] = Field(default_factory=list, description="Its relations this document "
                                              "states (what it serves, where it lies …), with this document's evidence")


class Timeline(_Record):
    entity: EntityRecord
    entries: list[TimelineEntry] = Field(description="By (year, doc_id); documents without a year last")


class GraphEdge(_Record):
    id: str
    type: str
    head: str = Field(description="Entity id of the head")
    tail: str = Field(description="Entity id of the tail")
    evidence_count: int


class Neighbourhood(_Record):
    center: str
    depth: int
    nodes: list[EntityRecord] = Field(description="The centre and the nearest entities, at most `limit` of them")
    edges: list[GraphEdge] = Field(description="Every relation among those nodes")
    limit: int = Field(description="The most nodes an answer holds, the centre included")
    truncated: bool = Field(description="True when more entities lie within `depth` hops than `limit` allows: the "
                            "answer then holds the nearest ones (fewest hops, then label, name, id)")


class PathEdge(_Record):
    id: str
    type: str
    head: str
    tail: str


class EntityPath(_Record):
    nodes: list[EntityRecord] = Field(description="From source to target")
    edges: list[PathEdge] = Field(description="The relation joining each pair of consecutive nodes")


class Stats(_Record):
    documents: int
    entities: int
    relations: int
    mentions: int
    evidence: int
    entities_by_label: dict[str, int]
    relations_by_type: dict[str, int]


# -- entities, mentions, relations, evidence -----------------------------------------------------------

def entity_record(entity_id: str, label: str, name: str, attrs: Mapping[str, Any],
                  mention_count: int, documents: Iterable[str]) -> EntityRecord:
    """An EntityRecord; ``documents`` are sorted so that provenance order never leaks into answers."""
    return EntityRecord(id=entity_id, label=label, name=name, attrs=dict(attrs), mention_count=mention_count,
                        documents=sorted(set(documents)))


def entity_key(record: EntityRecord) -> tuple[str, str, str]:
    """The contract's entity order: (label, name, id)."""
    return record.label, record.name, record.id


def mention_key(mention: Mapping[str, Any]) -> tuple:
    """Mentions by (doc_id, start, end); the remaining fields only break exact ties."""
    return mention["doc_id"], mention["start"], mention["end"], mention["text"], mention["sentence_start"]


def evidence_key(evidence: Mapping[str, Any]) -> tuple:
    """Evidence by (doc_id, head_start, tail_start); the remaining fields only break exact ties."""
    return (evidence["doc_id"], evidence["head_start"], evidence["tail_start"], evidence["head_end"],
            evidence["tail_end"], evidence["sentence_start"], evidence.get("measure") or "")


def sorted_mentions(mentions: Iterable[Mapping[str, Any]]) -> list[MentionRecord]:
    """MentionRecords, in contract order, of mappings with their fields (extra keys are ignored)."""
    return [MentionRecord(**mention) for mention in sorted(mentions, key=mention_key)]


def sorted_evidence(evidence: Iterable[Mapping[str, Any]]) -> list[EvidenceRecord]:
    """EvidenceRecords, in contract order, of mappings with their fields (extra keys are ignored)."""
    return [EvidenceRecord(**item) for item in sorted(evidence, key=evidence_key)]


def relation_record(relation_id: str, relation_type: str, head: EntityRecord, tail: EntityRecord,
                    evidence: Iterable[Mapping[str, Any]]) -> RelationRecord:
    """A RelationRecord with its evidence in contract order."""
    return RelationRecord(id=relation_id, type=relation_type, head=head, tail=tail,
                          evidence=sorted_evidence(evidence))


def relation_key(record: RelationRecord) -> tuple[str, str, str, str]:
    """The contract's relation order: (type, head name, tail name), then id to break ties."""
    return record.type, record.head.name, record.tail.name, record.id


def compact(relation: EntityRelation) -> CompactRelation:
    """The relation with its ends as ids, labels and names (no attributes, counts or documents)."""
    def ref(entity: EntityRecord) -> EntityRef:
        return EntityRef(id=entity.id, label=entity.label, name=entity.name)

    return CompactRelation(id=relation.id, type=relation.type, direction=relation.direction, head=ref(relation.head),
                           tail=ref(relation.tail), other=ref(relation.other), evidence=relation.evidence)


def relation_seen_from(entity_id: str, relation: RelationRecord) -> EntityRelation:
    """A RelationRecord as seen from one of its ends: "direction" ("out"/"in") and "other" (the far end)."""
    outgoing = relation.head.id == entity_id
    return EntityRelation(**dict(relation), direction="out" if outgoing else "in",
                          other=relation.tail if outgoing else relation.head)


# -- goals ---------------------------------------------------------------------------------------------

def goal_record(goal: EntityRecord, measures: Iterable[EntityRecord], serving_count: int) -> Goal:
    """A GOAL with its measures in contract order and how many entities serve it."""
    return Goal(**dict(goal), measures=sorted(measures, key=entity_key), serving_count=serving_count)


def goal_member(entity: EntityRecord, evidence: Iterable[Mapping[str, Any]]) -> GoalMember:
    """What serves a goal, with the evidence of its SERVES and the measures that evidence sits under."""
    items = sorted_evidence(evidence)
    return GoalMember(entity=entity, evidence=items, measures=sorted({e.measure for e in items if e.measure}))


# -- neighbourhoods and paths --------------------------------------------------------------------------

NEIGHBOURHOOD_LIMIT = 500  # nodes in a neighbourhood answer, unless the caller asks for another bound

def graph_edge(relation_id: str, relation_type: str, head_id: str, tail_id: str, evidence_count: int) -> GraphEdge:
    return GraphEdge(id=relation_id, type=relation_type, head=head_id, tail=tail_id, evidence_count=evidence_count)


def neighbourhood_record(center: str, depth: int, entities: Mapping[str, EntityRecord],
                         edges: Iterable[GraphEdge], *, limit: int = NEIGHBOURHOOD_LIMIT,
                         truncated: bool = False) -> Neighbourhood:
    """Nodes in contract order, edges by (type, head name, tail name, id)."""
    ordered = sorted(edges, key=lambda e: (e.type, entities[e.head].name, entities[e.tail].name, e.id))
    return Neighbourhood(center=center, depth=depth, nodes=sorted(entities.values(), key=entity_key), edges=ordered,
                         limit=limit, truncated=truncated)


def nearest_nodes(levels: Iterable[Iterable[tuple[str, str, str]]], limit: int) -> tuple[list[str], bool]:
    """The ids of the nearest ``limit`` nodes of a breadth-first walk, and whether any were left out.

    ``levels`` yields the (label, name, id) of the nodes first reached at each hop, the centre's level
    first; it is read only until more than ``limit`` nodes are known, so a store can stop walking there
    (a hub's second hop may be most of the graph). Within the level that overflows, nodes are kept in
    entity order, so every store keeps the same ones.

    >>> nearest_nodes([[("P", "c", "c")], [("P", "b", "b"), ("A", "z", "z")], [("P", "a", "a")]], 2)
    (['c', 'z'], True)
    >>> nearest_nodes([[("P", "c", "c")], [("P", "b", "b")]], 2)
    (['c', 'b'], False)
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    kept: list[str] = []
    for level in levels:
        keys = sorted(level)
        if len(kept) + len(keys) > limit:
            kept += [node for _, _, node in keys[:limit - len(kept)]]
            return kept, True
        kept += [node for _, _, node in keys]
    return kept, False


def walk_shortest_path(source: str, target: str, distance: Mapping[str, int],
                       neighbours: Callable[[str], Iterable[str]]) -> list[str]:
    """The ids along one shortest path from ``source`` to ``target``, given every node's ``distance`` to the
    target (at least those on the way): among equally short paths, always step to the smallest id, so
    every store gives the same path.

    >>> hops = {"a": ["b", "c"], "b": ["a", "t"], "c": ["a", "t"], "t": ["b", "c"]}
    >>> walk_shortest_path("a", "t", {"t": 0, "b": 1, "c": 1, "a": 2}, hops.__getitem__)
    ['a', 'b', 't']
    """
    path = [source]
    while path[-1] != target:
        here = path[-1]
        path.append(min(n for n in neighbours(here) if distance.get(n) == distance[here] - 1))
    return path


def page(items: list, limit: int | None, offset: int) -> list:
    """``items[offset:offset + limit]``, or every item from ``offset`` when ``limit`` is None."""
    if (limit is not None and limit < 0) or offset < 0:
        raise ValueError("limit and offset must not be negative")
    return items[offset:] if limit is None else items[offset:offset + limit]


def path_edge(candidates: Iterable[tuple[str, str, str, str]]) -> PathEdge:
    """The edge a path takes between two nodes, of the (type, id, head, tail) joining them: the smallest."""
    relation_type, relation_id, head, tail = min(candidates)
    return PathEdge(id=relation_id, type=relation_type, head=head, tail=tail)


def path_record(nodes: Iterable[EntityRecord], edges: Iterable[PathEdge]) -> EntityPath:
    return EntityPath(nodes=list(nodes), edges=list(edges))


# -- statistics ----------------------------------------------------------------------------------------

def stats_record(documents: int, mentions: int, evidence: int, entities_by_label: Mapping[str, int],
                 relations_by_type: Mapping[str, int]) -> Stats:
    """Totals, and every label and type with zeros included, so the shape never depends on the contents."""
    labels = dict.fromkeys(ENTITY_LABELS, 0) | dict(entities_by_label)
    types = dict.fromkeys(RELATION_TYPES, 0) | dict(relations_by_type)
    return Stats(documents=documents, entities=sum(labels.values()), relations=sum(types.values()),
                 mentions=mentions, evidence=evidence, entities_by_label=labels, relations_by_type=types)


# -- names, attributes, search -------------------------------------------------------------------------

def merge_attrs(attrs_by_document: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Merge per-document attributes in doc_id order, so a later doc_id wins whatever the ingest order."""
    merged: dict[str, Any] = {}
    for doc_id in sorted(attrs_by_document):
        merged.update(attrs_by_document[doc_id])
    return merged


def fold(text: str) -> str:
    """The form names are matched in: normalised, Latin letters case-folded (Chinese passes through)."""
    return normalise_name(text).casefold()


def search_ranking(query: str) -> Callable[[EntityRecord], tuple[int, int, int, str, str, str]]:
    """Sort key for search hits of ``query``, best first: exact name, then prefix, then shorter names,
    then contract order. The query is folded once, not once per hit."""
    folded_query = fold(query)

    def rank(record: EntityRecord) -> tuple[int, int, int, str, str, str]:
        name = fold(record.name)
        return (name != folded_query, not name.startswith(folded_query), len(name), *entity_key(record))

    return rank


# -- documents as filters, tables, timelines -----------------------------------------------------------

DocIds = Collection[str] | None  # the documents a read is restricted to; None: every document

_PLACE_ENDINGS = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "地区", "省", "市", "县",
                  "区", "盟")


def place_matches(reference: str, names: Iterable[str], ids: Iterable[str] = ()) -> bool:
    """Whether ``reference`` (an id, a full name or a name without its ending: 宜昌, 湖北) names one of
    ``names`` or ``ids``.

    >>> place_matches("湖北", ["宜昌市", "湖北省"]), place_matches("宜", ["宜昌市"])
    (True, False)
    """
    if reference in set(ids):
        return True
    wanted = fold(reference)
    for name in names:
        folded = fold(name)
        if wanted == folded or any(folded.endswith(e) and wanted == folded[:-len(e)] for e in _PLACE_ENDINGS):
            return True
    return False


def select_documents(documents: Iterable[DocumentRecord], *, place: str | None = None, level: str | None = None,
                     year: int | None = None, doc_id: str | None = None) -> set[str] | None:
    """The doc_ids of the documents every given filter keeps (None when no filter is given): ``place`` keeps
    documents issued in that place or in a place within it (湖北 keeps 宜昌's), ``level``, ``year`` and
    ``doc_id`` compare exactly."""
    if place is None and level is None and year is None and doc_id is None:
        return None
    return {d.doc_id for d in documents
            if (place is None or place_matches(place, d.places, d.place_ids))
            and (level is None or d.level == level) and (year is None or d.year == year)
            and (doc_id is None or d.doc_id == doc_id)}


def kept(doc_id: str, doc_ids: DocIds) -> bool:
    return doc_ids is None or doc_id in doc_ids


def goal_member_row(goal: Mapping[str, str], member: Mapping[str, str],
                    evidence: Iterable[tuple[str, str | None]]) -> GoalMemberRow:
    """A row of the table from the goal's and the member's id, name (and label), and the (doc_id, measure)
    of each sentence stating the SERVES."""
    items = list(evidence)
    return GoalMemberRow(goal_id=goal["id"], goal=goal["name"], member_id=member["id"], member=member["name"],
                         label=member["label"], measures=sorted({measure for _, measure in items if measure}),
                         doc_ids=sorted({doc_id for doc_id, _ in items}), evidence_count=len(items))


def goal_member_rows(rows: Iterable[GoalMemberRow]) -> list[GoalMemberRow]:
    """The table's order: goal (name, id), then member (label, name, id)."""
    return sorted(rows, key=lambda r: (r.goal, r.goal_id, r.label, r.member, r.member_id))


def timeline_record(entity: EntityRecord, mentions: Iterable[MentionRecord],
                    documents: Mapping[str, DocumentRecord], relations: Iterable[RelationRecord] = ()) -> Timeline:
    """The entity's mentions and relations grouped by document, documents by (year, doc_id), those without a
    year last; relations in contract order."""
    by_document: dict[str, list[MentionRecord]] = {}
    for mention in mentions:
        by_document.setdefault(mention.doc_id, []).append(mention)
    stated: dict[str, list[TimelineRelation]] = {}
    for relation in sorted(relations, key=relation_key):
        seen = relation_seen_from(entity.id, relation)
        other = EntityRef(id=seen.other.id, label=seen.other.label, name=seen.other.name)
        for doc_id in sorted({e.doc_id for e in relation.evidence}):
            stated.setdefault(doc_id, []).append(TimelineRelation(
                id=relation.id, type=relation.type, direction=seen.direction, other=other,
                evidence=[e for e in relation.evidence if e.doc_id == doc_id]))
    entries = []
    for doc_id, items in by_document.items():
        document = documents.get(doc_id)
        attrs: dict[str, Any] = {}
        for mention in items:
            attrs.update(mention.attrs)
        entries.append(TimelineEntry(
            doc_id=doc_id, year=document.year if document else None, title=document.title if document else "",
            place=document.place if document else "", level=document.level if document else "",
            kind=document.kind if document else "", attrs=attrs, mentions=items, relations=stated.get(doc_id, [])))
    entries.sort(key=lambda e: (e.year is None, e.year or 0, e.doc_id))
    return Timeline(entity=entity, entries=entries)
