"""The interface every graph store implements (NetworkXStore and Neo4jStore), and the plain records it returns.

Records are plain dicts so that the API, the CLI and notebooks can use them as they are; their keys are
documented here and mirrored by the pydantic response models in ``api/schemas.py``.

EntityRecord  {"id", "label", "name", "attrs": {...}, "mention_count": int, "documents": [doc_id, ...]}
MentionRecord {"doc_id", "start", "end", "text", "sentence", "sentence_start", "sentence_end"}
EvidenceRecord{"doc_id", "sentence", "sentence_start", "sentence_end", "head_start", "head_end",
               "tail_start", "tail_end", "measure"}
RelationRecord{"id", "type", "head": EntityRecord, "tail": EntityRecord, "evidence": [EvidenceRecord]}

Ordering is part of the contract, so that every store answers the same: entities by (label, name, id),
relations by (type, head name, tail name), evidence by (doc_id, head_start, tail_start).
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from kg.model import Extraction

__all__ = ["GraphStore"]

Record = dict[str, Any]


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
    def documents(self) -> list[Record]:
        """Every document: {"doc_id", "title", "year", "source", "length", "entity_count", "relation_count"}."""

    def get_entity(self, entity_id: str) -> Record | None:
        """EntityRecord plus "mentions": [MentionRecord], or None."""

    def find_entities(self, label: str | None = None, query: str | None = None,
                      limit: int = 50, offset: int = 0) -> tuple[int, list[Record]]:
        """(total matching, one page of EntityRecords). ``query`` matches a substring of the normalised name."""

    def relations_of(self, entity_id: str) -> list[Record]:
        """Every RelationRecord with the entity at either end."""

    def goals(self) -> list[Record]:
        """Every GOAL EntityRecord with "measures": [EntityRecord] and "serving_count": int."""

    def goal_members(self, goal_id: str) -> list[Record]:
        """Every PROJECT, PROGRAMME and TARGET that SERVES the goal:
        {"entity": EntityRecord, "measures": [measure names], "evidence": [EvidenceRecord]}, ordered by
        (label, name)."""

    def neighbourhood(self, entity_id: str, depth: int = 1) -> Record:
        """{"center": id, "nodes": [EntityRecord], "edges": [{"id","type","head","tail","evidence_count"}]}
        for every node within ``depth`` hops, ignoring direction."""

    def shortest_path(self, source_id: str, target_id: str) -> Record | None:
        """{"nodes": [EntityRecord], "edges": [{"id","type","head","tail"}]} along one shortest path
        (ignoring direction), or None when there is none."""

    def stats(self) -> Record:
        """{"documents": int, "entities": int, "relations": int, "mentions": int, "evidence": int,
        "entities_by_label": {label: int}, "relations_by_type": {type: int}}."""

    def close(self) -> None:
        """Release connections or files."""

