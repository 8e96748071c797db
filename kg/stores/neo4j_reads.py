"""The reading half of the Neo4j store: the queries of :mod:`kg.stores.cypher_reads` in, the records of
:mod:`kg.stores.records` out.

Records are assembled and ordered by the same functions as the NetworkX store's, so both stores answer
alike whatever order Neo4j returns rows in.
"""

from __future__ import annotations

import json
from itertools import pairwise
from typing import Any

from neo4j import READ_ACCESS

from kg.errors import NotFound
from kg.stores import cypher_reads
from kg.stores import records as rec
from kg.stores.neo4j_errors import translate_errors

__all__ = ["Neo4jReads"]

# The node properties each record is read from: the records' own fields, named alike in the graph.
EVIDENCE_FIELDS = tuple(rec.EvidenceRecord.model_fields)
DOCUMENT_FIELDS = tuple(rec.DocumentRecord.model_fields)
MENTION_FIELDS = tuple(field for field in rec.MentionRecord.model_fields if field != "attrs")  # attrs: attrs_json


def _document_record(node) -> rec.DocumentRecord:
    # Neo4j keeps no null property: a missing year is None, other missing fields (graphs written before
    # documents had places) take the record's default.
    return rec.DocumentRecord(**{k: node.get(k) for k in DOCUMENT_FIELDS if k in node or k == "year"})


def _mention(node) -> dict[str, Any]:
    return {k: node[k] for k in MENTION_FIELDS} | {"attrs": json.loads(node.get("attrs_json") or "{}")}


def _listed(doc_ids: rec.DocIds) -> list[str] | None:
    return None if doc_ids is None else sorted(doc_ids)


class Neo4jReads:
    def __init__(self, driver, database: str) -> None:
        self._driver = driver
        self.database = database

    def _session(self):
        return self._driver.session(database=self.database)

    def _read(self, query: str, **parameters: Any) -> list[Any]:
        # One auto-commit query, not retried: with Neo4j down the API answers 503 at once instead of after
        # the driver's retry loop (was 30 s), and the caller can retry as it sees fit.
        with translate_errors("reading from Neo4j"), \
                self._driver.session(database=self.database, default_access_mode=READ_ACCESS) as session:
            return list(session.run(query, parameters))

    # -- records -------------------------------------------------------------------------------------
    @staticmethod
    def _entity_record(entity) -> rec.EntityRecord:
        attrs = rec.merge_attrs({doc_id: json.loads(attrs_json) for doc_id, attrs_json in entity["attrs"]})
        return rec.entity_record(entity["id"], entity["label"], entity["name"], attrs, entity["mentions"],
                                 entity["documents"])

    def _entities(self, ids) -> dict[str, rec.EntityRecord]:
        rows = self._read(cypher_reads.entities_by_id(), ids=list(set(ids)))
        return {row["entity"]["id"]: self._entity_record(row["entity"]) for row in rows}

    def _require(self, entity_id: str) -> rec.EntityRecord:
        found = self._entities([entity_id])
        if entity_id not in found:
            raise NotFound(f"no entity with id {entity_id!r}")
        return found[entity_id]

    def _evidence(self, relation_ids) -> dict[str, list[dict[str, Any]]]:
        rows = self._read(cypher_reads.evidence_of_relations(), ids=list(set(relation_ids)))
        by_relation: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            node = row["ev"]
            by_relation.setdefault(node["rel_id"], []).append({k: node.get(k) for k in EVIDENCE_FIELDS})
        return by_relation

    def _relations(self, rows) -> list[rec.RelationRecord]:
        """RelationRecords for rows of (id, type, head, tail)."""
        entities = self._entities([r["head"] for r in rows] + [r["tail"] for r in rows])
        evidence = self._evidence(r["id"] for r in rows)
        return sorted((rec.relation_record(r["id"], r["type"], entities[r["head"]], entities[r["tail"]],
                                           evidence.get(r["id"], [])) for r in rows), key=rec.relation_key)

    def run_read_only(self, query: str, parameters: dict[str, Any] | None = None, *, timeout: float = 10.0,
                      row_limit: int = 1000, max_bytes: int | None = None) -> dict[str, Any]:
        """A user's read-only Cypher (POST /cypher); see kg.stores.neo4j_cypher."""
        from kg.stores.neo4j_cypher import DEFAULT_MAX_BYTES, run_read_only

        return run_read_only(self._driver, self.database, query, parameters, timeout=timeout, row_limit=row_limit,
                             max_bytes=max_bytes or DEFAULT_MAX_BYTES)

    # -- the GraphStore reading methods --------------------------------------------------------------
    def documents(self) -> list[rec.DocumentRecord]:
        rows = self._read(cypher_reads.documents())
        return sorted((_document_record(row["d"]) for row in rows), key=lambda d: d.doc_id)

    def get_entity(self, entity_id: str) -> rec.EntityWithMentions | None:
        found = self._entities([entity_id])
        if entity_id not in found:
            return None
        rows = self._read(cypher_reads.mentions_of_entity(), id=entity_id)
        return rec.EntityWithMentions(**dict(found[entity_id]), mentions=rec.sorted_mentions(
            _mention(row["m"]) for row in rows))

    def find_entities(self, label: str | None = None, query: str | None = None,
                      limit: int = 50, offset: int = 0, doc_ids: rec.DocIds = None) -> tuple[int, list[rec.EntityRecord]]:
        if limit < 0 or offset < 0:
            raise ValueError("limit and offset must not be negative")
        folded = rec.fold(query) if query is not None else ""
        if doc_ids is None:
            rows = self._read(cypher_reads.entity_keys(), label=label, q=folded)
        else:
            rows = self._read(cypher_reads.entity_keys_in_documents(), label=label, q=folded, doc_ids=_listed(doc_ids))
        ordered = sorted((r["label"], r["name"], r["id"]) for r in rows)  # the contract's entity order
        page = [entity_id for _, _, entity_id in ordered[offset:offset + limit]]
        entities = self._entities(page)
        return len(ordered), [entities[entity_id] for entity_id in page]

    def relations_of(self, entity_id: str) -> list[rec.RelationRecord]:
        self._require(entity_id)
        return self._relations(self._read(cypher_reads.relations_of_entity(), id=entity_id))

    def goals(self, limit: int | None = None, offset: int = 0, doc_ids: rec.DocIds = None) -> list[rec.Goal]:
        keys = sorted(("GOAL", r["name"], r["id"])
                      for r in self._read(cypher_reads.goal_keys(), doc_ids=_listed(doc_ids)))
        ids = [goal_id for _, _, goal_id in rec.page(keys, limit, offset)]
        if not ids:
            return []
        rows = self._read(cypher_reads.goals(), ids=ids, doc_ids=_listed(doc_ids))
        goals = [rec.goal_record(self._entity_record(r["goal"]), (self._entity_record(m) for m in r["measures"]),
                                 r["serving"]) for r in rows]
        return sorted(goals, key=rec.entity_key)

    def goal_members(self, goal_id: str, doc_ids: rec.DocIds = None) -> list[rec.GoalMember]:
        goal = self._require(goal_id)
        if goal.label != "GOAL":
            raise NotFound(f"entity {goal_id} is a {goal.label}, not a GOAL")
        rows = self._read(cypher_reads.goal_serving(), id=goal_id, doc_ids=_listed(doc_ids))
        entities = self._entities(r["head"] for r in rows)
        evidence = self._kept_evidence((r["id"] for r in rows), doc_ids)
        members = [rec.goal_member(entities[row["head"]], evidence.get(row["id"], [])) for row in rows]
        return sorted(members, key=lambda member: rec.entity_key(member.entity))

    def goal_member_table(self, doc_ids: rec.DocIds = None) -> list[rec.GoalMemberRow]:
        rows = self._read(cypher_reads.serves_table(), doc_ids=_listed(doc_ids))
        return rec.goal_member_rows(rec.goal_member_row(r["goal"], r["member"], map(tuple, r["evidence"])) for r in rows)

    def timeline(self, entity_id: str) -> rec.Timeline:
        entity = self.get_entity(entity_id)
        if entity is None:
            raise NotFound(f"no entity with id {entity_id!r}")
        rows = self._read(cypher_reads.documents_by_id(), doc_ids=entity.documents)
        documents = {row["d"]["doc_id"]: _document_record(row["d"]) for row in rows}
        return rec.timeline_record(rec.EntityRecord(**entity.model_dump(exclude={"mentions"})), entity.mentions,
                                   documents, self.relations_of(entity_id))

    def _kept_evidence(self, relation_ids, doc_ids: rec.DocIds) -> dict[str, list[dict[str, Any]]]:
        evidence = self._evidence(relation_ids)
        if doc_ids is None:
            return evidence
        wanted = set(doc_ids)
        return {rel_id: [e for e in items if e["doc_id"] in wanted] for rel_id, items in evidence.items()}

    def neighbourhood(self, entity_id: str, depth: int = 1,
                      limit: int = rec.NEIGHBOURHOOD_LIMIT) -> rec.Neighbourhood:
        if not 1 <= depth <= 3:
            raise ValueError(f"depth must be between 1 and 3, not {depth}")
        centre = self._require(entity_id)
        ids, truncated = rec.nearest_nodes(self._levels(centre, depth), limit)
        edges = self._read(cypher_reads.relations_among(), ids=ids)
        counts = {r["id"]: r["n"] for r in self._read(cypher_reads.evidence_counts(), ids=[e["id"] for e in edges])}
        return rec.neighbourhood_record(entity_id, depth, self._entities(ids), (
            rec.graph_edge(e["id"], e["type"], e["head"], e["tail"], counts.get(e["id"], 0)) for e in edges),
            limit=limit, truncated=truncated)

    def _levels(self, centre: rec.EntityRecord, depth: int):
        """Breadth-first, one query per hop: the (label, name, id) of the entities first reached at each hop
        (for :func:`kg.stores.records.nearest_nodes`, which stops asking once it has enough)."""
        seen, frontier = {centre.id}, [centre.id]
        yield [(centre.label, centre.name, centre.id)]
        for _ in range(depth):
            reached = [(r["label"], r["name"], r["id"]) for r in self._read(cypher_reads.adjacent_entities(),
                                                                             ids=frontier) if r["id"] not in seen]
            if not reached:
                return
            seen.update(node for _, _, node in reached)
            yield reached
            frontier = [node for _, _, node in reached]

    def shortest_path(self, source_id: str, target_id: str) -> rec.EntityPath | None:
        """Breadth-first from the target, one query per hop, then the walk every store takes
        (:func:`kg.stores.records.walk_shortest_path`)."""
        self._require(source_id)
        self._require(target_id)
        distance, adjacent = {target_id: 0}, {}
        frontier = [target_id]
        while frontier and source_id not in distance:
            next_frontier = []
            for row in self._read(cypher_reads.adjacent(), ids=frontier):
                adjacent.setdefault(row["a"], set()).add(row["b"])
                adjacent.setdefault(row["b"], set()).add(row["a"])
                if row["b"] not in distance:
                    distance[row["b"]] = distance[row["a"]] + 1
                    next_frontier.append(row["b"])
            frontier = next_frontier
        if source_id not in distance:
            return None
        path = rec.walk_shortest_path(source_id, target_id, distance, adjacent.__getitem__)
        entities = self._entities(path)
        return rec.path_record((entities[node] for node in path), (self._edge_between(a, b) for a, b in pairwise(path)))

    def _edge_between(self, a: str, b: str) -> rec.PathEdge:
        rows = self._read(cypher_reads.relations_between(), a=a, b=b)
        return rec.path_edge((r["type"], r["id"], r["head"], r["tail"]) for r in rows)

    def graph_version(self) -> tuple:
        """Changes whenever kg writes to the graph (each write transaction counts itself on a GraphVersion
        node) or anything adds or removes entities or relationships: what a cache of answers is keyed on."""
        # Notifications off: before kg's first write the GraphVersion label does not exist, and Neo4j would
        # warn about it on every request.
        with translate_errors("reading from Neo4j"), self._driver.session(
                database=self.database, default_access_mode=READ_ACCESS, notifications_min_severity="OFF") as session:
            row = session.run(cypher_reads.graph_version()).single()
        return "neo4j", self.database, tuple(row["versions"]), row["entities"], row["relationships"]

    def stats(self) -> rec.Stats:
        counts = self._read(cypher_reads.provenance_counts())[0]
        return rec.stats_record(
            documents=counts["documents"], mentions=counts["mentions"], evidence=counts["evidence"],
            entities_by_label={r["label"]: r["n"] for r in self._read(cypher_reads.entities_by_label())},
            relations_by_type={r["type"]: r["n"] for r in self._read(cypher_reads.relations_by_type())})
