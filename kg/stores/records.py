"""Pure helpers that build and order the plain records of :mod:`kg.stores.base`.

Both stores (NetworkX and Neo4j) funnel their raw data through these functions, so that the record
shapes and the ordering rules of the contract live in one place and both stores answer byte for byte alike.
Nothing here touches a graph or a connection: inputs are plain values, outputs are plain dicts and lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from kg.ids import normalise_name

__all__ = [
    "Record",
    "entity_record",
    "entity_key",
    "relation_record",
    "relation_key",
    "edge_record",
    "sorted_mentions",
    "sorted_evidence",
    "fold",
    "merge_attrs",
    "search_ranking",
    "relation_seen_from",
]

Record = dict[str, Any]


def entity_record(entity_id: str, label: str, name: str, attrs: Mapping[str, Any],
                  mention_count: int, documents: Iterable[str]) -> Record:
    """An EntityRecord; ``documents`` are sorted so that provenance order never leaks into answers."""
    return {"id": entity_id, "label": label, "name": name, "attrs": dict(attrs),
            "mention_count": mention_count, "documents": sorted(set(documents))}


def entity_key(record: Mapping[str, Any]) -> tuple[str, str, str]:
    """The contract's entity order: (label, name, id)."""
    return record["label"], record["name"], record["id"]


def relation_record(relation_id: str, relation_type: str, head: Record, tail: Record,
                    evidence: Iterable[Mapping[str, Any]]) -> Record:
    """A RelationRecord with its evidence in contract order."""
    return {"id": relation_id, "type": relation_type, "head": head, "tail": tail,
            "evidence": sorted_evidence(evidence)}


def relation_key(record: Mapping[str, Any]) -> tuple[str, str, str, str]:
    """The contract's relation order: (type, head name, tail name), then id to break ties."""
    return record["type"], record["head"]["name"], record["tail"]["name"], record["id"]


def edge_record(relation_id: str, relation_type: str, head_id: str, tail_id: str,
                evidence_count: int | None = None) -> Record:
    """A light edge for neighbourhoods and paths; paths leave out ``evidence_count``."""
    edge: Record = {"id": relation_id, "type": relation_type, "head": head_id, "tail": tail_id}
    if evidence_count is not None:
        edge["evidence_count"] = evidence_count
    return edge


def sorted_mentions(mentions: Iterable[Mapping[str, Any]]) -> list[Record]:
    """Mentions by (doc_id, start, end); the remaining fields only break exact ties."""
    return sorted((dict(m) for m in mentions),
                  key=lambda m: (m["doc_id"], m["start"], m["end"], m["text"], m["sentence_start"]))


def sorted_evidence(evidence: Iterable[Mapping[str, Any]]) -> list[Record]:
    """Evidence by (doc_id, head_start, tail_start), as the contract orders it."""
    return sorted((dict(e) for e in evidence),
                  key=lambda e: (e["doc_id"], e["head_start"], e["tail_start"], e["head_end"], e["tail_end"],
                                 e["sentence_start"], e.get("measure") or ""))


def merge_attrs(attrs_by_document: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Merge per-document attributes in doc_id order, so a later doc_id wins whatever the ingest order."""
    merged: dict[str, Any] = {}
    for doc_id in sorted(attrs_by_document):
        merged.update(attrs_by_document[doc_id])
    return merged


def fold(text: str) -> str:
    """The form names are matched in: normalised, Latin letters case-folded (Chinese passes through)."""
    return normalise_name(text).casefold()


def search_ranking(query: str) -> Callable[[Mapping[str, Any]], tuple[int, int, int, str, str, str]]:
    """Sort key for search hits of ``query``, best first: exact name, then prefix, then shorter names,
    then contract order. The query is folded once, not once per hit."""
    folded_query = fold(query)

    def rank(record: Mapping[str, Any]) -> tuple[int, int, int, str, str, str]:
        name = fold(record["name"])
        return (name != folded_query, not name.startswith(folded_query), len(name), *entity_key(record))

    return rank


def relation_seen_from(entity_id: str, relation: Mapping[str, Any]) -> Record:
    """A RelationRecord as seen from one of its ends: adds "direction" ("out"/"in") and "other" (the far end)."""
    outgoing = relation["head"]["id"] == entity_id
    return dict(relation) | {"direction": "out" if outgoing else "in",
                             "other": relation["tail"] if outgoing else relation["head"]}
