"""The API's response and request models. The records a store answers with are described once, in
:mod:`kg.stores.records`, and served as they are; this module adds the envelopes of the API's answers
(pages, search results, an entity with its relations, a path that may not exist), errors and POST /cypher."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from kg.stores.records import (
    CompactRelation,
    DocumentRecord,
    EntityRecord,
    EntityRelation,
    EntityWithMentions,
    EvidenceRecord,
    Goal,
    GoalMember,
    GoalMemberRow,
    GraphEdge,
    MentionRecord,
    Neighbourhood,
    PathEdge,
    RelationRecord,
    Stats,
)

__all__ = [
    "CypherRequest",
    "CypherResult",
    "EntityRecord",
    "MentionRecord",
    "EvidenceRecord",
    "RelationRecord",
    "EntityRelation",
    "EntityDetail",
    "CompactEntityDetail",
    "CompactRelation",
    "Goal",
    "GoalMember",
    "GoalMembers",
    "GoalPage",
    "GoalMemberTable",
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


class EntityDetail(EntityWithMentions):
    relations: list[EntityRelation]


class CompactEntityDetail(EntityWithMentions):
    relations: list[CompactRelation] = Field(description="Each relation with its ends by id, label and name "
                                             "(full=true gives the whole records)")


class GoalMembers(BaseModel):
    goal: EntityRecord
    members: list[GoalMember]


class GoalPage(BaseModel):
    total: int = Field(description="How many goals there are (those of the documents kept, with filters), over all pages")
    limit: int
    offset: int
    truncated: bool = Field(description="True when goals follow this page (ask again with a larger offset)")
    items: list[Goal]


class GoalMemberTable(BaseModel):
    total: int = Field(description="How many rows")
    rows: list[GoalMemberRow]


class EntityPage(BaseModel):
    total: int = Field(description="How many entities match, over all pages")
    limit: int
    offset: int
    items: list[EntityRecord]


class SearchResults(BaseModel):
    query: str
    total: int = Field(description="How many entities match before the limit is applied")
    items: list[EntityRecord]


class PathResult(BaseModel):
    found: bool
    nodes: list[EntityRecord] = Field(description="From source to target; empty when no path exists")
    edges: list[PathEdge] = Field(description="The relation joining each pair of consecutive nodes")


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
