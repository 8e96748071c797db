"""The interface every graph store implements (NetworkX and Neo4j), answering with the typed records of
:mod:`kg.stores.records`, where their fields and the contract's ordering rules are described.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from kg.model import Extraction
from kg.stores.records import (
    NEIGHBOURHOOD_LIMIT,
    DocIds,
    DocumentRecord,
    EntityPath,
    EntityRecord,
    EntityWithMentions,
    Goal,
    GoalMember,
    GoalMemberRow,
    Neighbourhood,
    RelationRecord,
    Stats,
    Timeline,
)

__all__ = ["GraphStore"]


@runtime_checkable
class GraphStore(Protocol):
    """A knowledge graph with per-document provenance.

    Writing is per document: ``upsert`` replaces everything the store holds from that document
    (mentions, evidence, entities and relations that only that document supported) and leaves every
    other document's facts as they were, so re-running the same build changes nothing.
    """

    # -- writing ---------------------------------------------------------------------------------
    def upsert(self, extraction: Extraction) -> None:
        """Replace the facts of ``extraction.document`` by those of ``extraction``."""

    def upsert_many(self, extractions: list[Extraction]) -> None:
        """Replace several documents at once; all or nothing where the store allows."""

    def remove_document(self, doc_id: str) -> bool:
        """Drop one document and every fact only it supported; False when it was not there."""

    def clear(self) -> None:
        """Drop everything."""

    # -- reading ---------------------------------------------------------------------------------
    def documents(self) -> list[DocumentRecord]:
        """Every document, by doc_id, with how many entities and relations it supports."""

    def get_entity(self, entity_id: str) -> EntityWithMentions | None:
        """The entity with every mention of it, or None."""

    def find_entities(self, label: str | None = None, query: str | None = None,
                      limit: int = 50, offset: int = 0, doc_ids: DocIds = None) -> tuple[int, list[EntityRecord]]:
        """(total matching, one page in entity order). ``query`` matches a substring of the folded name;
        with ``doc_ids``, only entities mentioned in one of those documents (records stay whole)."""

    def relations_of(self, entity_id: str) -> list[RelationRecord]:
        """Every relation with the entity at either end, in relation order; NotFound for an unknown id."""

    def goals(self, limit: int | None = None, offset: int = 0, doc_ids: DocIds = None) -> list[Goal]:
        """The GOALs in entity order, each with its measures and how many entities SERVE it: ``limit`` of
        them (all when None) after the first ``offset``. With ``doc_ids``, the goals those documents name,
        with the measures and SERVES those documents state."""

    def goal_members(self, goal_id: str, doc_ids: DocIds = None) -> list[GoalMember]:
        """Every entity that SERVES the goal, in entity order, with its evidence and the measures that
        evidence sits under; NotFound when ``goal_id`` is unknown or not a GOAL. With ``doc_ids``, only
        evidence from those documents, and only members that have some."""

    def goal_member_table(self, doc_ids: DocIds = None) -> list[GoalMemberRow]:
        """Every SERVES as one row (goal, member, measures, documents, evidence count) in table order
        (records.goal_member_rows); with ``doc_ids``, counted over those documents only."""

    def timeline(self, entity_id: str) -> Timeline:
        """What each document says about the entity, by year (records.timeline_record); NotFound for an
        unknown id."""

    def neighbourhood(self, entity_id: str, depth: int = 1, limit: int = NEIGHBOURHOOD_LIMIT) -> Neighbourhood:
        """Every entity within ``depth`` (1..3) hops, ignoring direction, and every relation among them; at
        most ``limit`` entities (default :data:`~kg.stores.records.NEIGHBOURHOOD_LIMIT`), the nearest ones in
        the order of :func:`~kg.stores.records.nearest_nodes`, with ``truncated`` set when some were left out."""

    def shortest_path(self, source_id: str, target_id: str) -> EntityPath | None:
        """One shortest path ignoring direction (the same one on every store), or None when there is none."""

    def stats(self) -> Stats:
        """Counts of documents, entities, relations, mentions and evidence; every label and type."""

    def close(self) -> None:
        """Release connections or files."""

