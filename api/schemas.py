"""Pydantic response models mirroring the plain records of :mod:`kg.stores.base` (keys and nesting alike)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

__all__ = [
    "CypherRequest",
    "CypherResult",
    "EntityRecord",
    "MentionRecord",
    "EvidenceRecord",
    "RelationRecord",
    "EntityRelation",
    "EntityDetail",
    "Goal",
    "GoalMember",
    "GoalMembers",
    "EntityPage",
    "SearchResults",
    "Stats",
    "GraphEdge",
    "Neighbourhood",
    "PathEdge",
    "PathResult",
    "DocumentRecord",
    "Health",
    "ErrorBody",
    "ValidationProblem",
    "ValidationErrorBody",
]


class EntityRecord(BaseModel):
    id: str = Field(description="Stable id: the label and a digest of the normalised name")
    label: str = Field(description="One of GOAL, MEASURE, PROJECT, PROGRAMME, PLACE, ORG, INDUSTRY, TARGET")
    name: str = Field(description="Display name (normalised: no whitespace, no quotation marks)")
    attrs: dict[str, Any] = Field(description="Parsed attributes, e.g. a TARGET's value and unit")
    mention_count: int
    documents: list[str] = Field(description="Ids of the documents that mention the entity")


class MentionRecord(BaseModel):
    doc_id: str
    start: int = Field(description="Character offset into the original document text")
    end: int
    text: str
    sentence: str
    sentence_start: int
    sentence_end: int


class EvidenceRecord(BaseModel):
    doc_id: str
    sentence: str = Field(description="The sentence stating the relation")
    sentence_start: int
    sentence_end: int
    head_start: int
    head_end: int
    tail_start: int
    tail_end: int
    measure: str | None = Field(description="For SERVES: the measure heading the sentence sits under")


class RelationRecord(BaseModel):
    id: str
    type: str
    head: EntityRecord
    tail: EntityRecord
    evidence: list[EvidenceRecord]


class EntityRelation(RelationRecord):
    direction: Literal["out", "in"] = Field(description="'out' when the entity is the head")
    other: EntityRecord = Field(description="The far end of the relation")


class EntityDetail(EntityRecord):
    mentions: list[MentionRecord]
    relations: list[EntityRelation]


class Goal(EntityRecord):
    measures: list[EntityRecord]
    serving_count: int = Field(description="How many projects, programmes and targets serve the goal")


class GoalMember(BaseModel):
    entity: EntityRecord
    measures: list[str] = Field(description="Names of the measures the SERVES evidence sits under")
    evidence: list[EvidenceRecord]


class GoalMembers(BaseModel):
    goal: EntityRecord
    members: list[GoalMember]


class EntityPage(BaseModel):
    total: int = Field(description="How many entities match, over all pages")
    limit: int
    offset: int
    items: list[EntityRecord]


class SearchResults(BaseModel):
    query: str
    total: int = Field(description="How many entities match before the limit is applied")
    items: list[EntityRecord]


class Stats(BaseModel):
    documents: int
    entities: int
    relations: int
    mentions: int
    evidence: int
    entities_by_label: dict[str, int]
    relations_by_type: dict[str, int]


class GraphEdge(BaseModel):
    id: str
    type: str
    head: str = Field(description="Entity id of the head")
    tail: str = Field(description="Entity id of the tail")
    evidence_count: int


class Neighbourhood(BaseModel):
    center: str
    depth: int
    nodes: list[EntityRecord]
    edges: list[GraphEdge]


class PathEdge(BaseModel):
    id: str
    type: str
    head: str
    tail: str


class PathResult(BaseModel):
    found: bool
    nodes: list[EntityRecord] = Field(description="From source to target; empty when no path exists")
    edges: list[PathEdge] = Field(description="The relation joining each pair of consecutive nodes")


class DocumentRecord(BaseModel):
    doc_id: str
    title: str
    year: int | None
    source: str
    length: int = Field(description="Length of the original text in characters")
    entity_count: int
    relation_count: int


class Health(BaseModel):
    status: Literal["ok"]
    store: str
    documents: int


class ErrorBody(BaseModel):
    error: str = Field(description="Machine-readable kind: invalid_body (400), invalid_query (400), forbidden (403), "
                       "not_found (404), too_large (413), not_supported (501), store_error (500), "
                       "store_unavailable (503); 422 invalid_request lists its problems in detail")
    detail: str


class ValidationProblem(BaseModel):
    type: str = Field(description="Pydantic's error type, e.g. string_too_long, int_parsing, missing")
    loc: list[str | int] = Field(description="Where: ['query', 'limit'], ['path', 'entity_id'], ['body', …]")
    msg: str
    input: Any = Field(None, description="The value given, cut to 80 characters; absent for bytes and objects")
    ctx: dict[str, Any] | None = Field(None, description="The bound that was broken, e.g. {'max_length': 200}")


class ValidationErrorBody(BaseModel):
    error: Literal["invalid_request"]
    detail: list[ValidationProblem] = Field(description="Every problem found in the request")


class CypherRequest(BaseModel):
    query: str = Field(min_length=1, max_length=20_000, description="A read-only Cypher query")
    parameters: dict[str, Any] = Field(default_factory=dict, description="Query parameters ($name in the query)")
    limit: int = Field(1000, ge=1, le=10_000, description="Most rows returned; `truncated` says when more existed")


class CypherResult(BaseModel):
    columns: list[str] = Field(description="Column names, in RETURN order")
    rows: list[list[Any]] = Field(description="Rows; nodes, relationships and paths as JSON objects")
    truncated: bool = Field(description="True when the query had more rows than `limit`")
