"""An embedded :class:`~kg.stores.base.GraphStore` on a ``networkx.MultiDiGraph``, saved as one JSON file.

Layout: one node per entity (key = entity id; ``label``, ``name``, ``attrs``, ``docs``), one edge per
relation (key = relation type; ``id``, ``docs``); ``docs`` lists the documents that support the fact.
Provenance is kept per document, in rows (:class:`kg.stores.packed.DocumentFacts`: the entities and
relations it supports, with their mentions' and evidence's offsets), so replacing a document is: drop its
rows, take its doc_id off the facts they name, prune what nothing supports any more, add the new facts.
Offsets point into the document's text, which the store keeps on disk and reads a sentence at a time
(:class:`kg.stores.texts.DocumentTexts`); the records it answers with are made from them on demand.

Writes stay in memory until :meth:`NetworkXStore.save` is called, unless the store was opened with
``autosave=True``, in which case every write method (``upsert``, ``upsert_many``, ``remove_document``,
``clear``) saves once when it is done. ``save`` replaces the file atomically, writing it a record at a
time (never the whole graph as one string). ``upsert_many`` is all or nothing in memory: it keeps what
each document it replaces had before (not a copy of the graph) and puts it back when a write fails.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import gc
import glob
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import chain, pairwise
from pathlib import Path
from typing import IO, Any, ClassVar

import networkx as nx

from kg.errors import NotFound, StoreError
from kg.files import fsync_directory
from kg.model import Extraction
from kg.stores import packed
from kg.stores import records as rec
from kg.stores.texts import DocumentTexts, Location

__all__ = ["NetworkXStore", "DEFAULT_DIRECTORY", "GRAPH_FILE"]

DEFAULT_DIRECTORY = Path("data") / "graph"
Row = dict[str, Any]  # a document, node or edge as held in the graph and saved
GRAPH_FILE = "graph.json"
_FORMAT = "kg-networkx-graph"
_VERSION = 2  # 1: mentions and evidence as dicts, each with its sentence, and no document texts


class NetworkXStore:
    """A knowledge graph held in memory and persisted to ``<directory>/graph.json``.

    ``NetworkXStore()`` is an in-memory store that cannot be saved; :meth:`open` binds it to a directory.
    """

    kind: ClassVar[str] = "networkx"
    reads_in_memory: ClassVar[bool] = True  # reads never wait on I/O (api.cache reads graph_version inline)

    def __init__(self, directory: str | os.PathLike[str] | None = None, *, autosave: bool = False) -> None:
        self.directory = Path(directory) if directory is not None else None
        self.autosave = autosave
        # Read indexes derived from the graph on first use (undirected adjacency, entity records, entity
        # order, goals) and dropped by every write, with the version that counts those writes.
        self._version = 0
        self._reads: dict[str, Any] = {}
        self._reset(nx.MultiDiGraph(), {}, DocumentTexts(), {})

    @classmethod
    def open(cls, directory: str | os.PathLike[str] = DEFAULT_DIRECTORY, *,
             autosave: bool = False) -> NetworkXStore:
        """Load the store saved in ``directory``; a directory without a graph file gives an empty store."""
        store = cls(directory, autosave=autosave)
        if store.path is not None and store.path.exists():
            store._reset(*_read_graph_file(store.path))
        return store

    @property
    def path(self) -> Path | None:
        """The JSON file this store saves to, or None for an in-memory store."""
        return self.directory / GRAPH_FILE if self.directory is not None else None

    # -- writing ---------------------------------------------------------------------------------
    def upsert(self, extraction: Extraction) -> None:
        self._apply(extraction)
        self._maybe_save()

    def upsert_many(self, extractions: Iterable[Extraction]) -> None:
        # Extractions are validated when built, so a failure here is a bug; still, roll back rather than
        # leave half of the batch applied. What a replaced document had is kept until the batch is done:
        # memory in proportion to the batch, where a copy of the graph took as much again as the graph.
        replaced: list[tuple[str, _DocumentState | None]] = []
        try:
            for extraction in extractions:
                doc_id = extraction.document.doc_id
                replaced.append((doc_id, self._state_of(doc_id)))
                self._apply(extraction)
        except Exception:
            for doc_id, state in reversed(replaced):
                self._drop(doc_id)
                if state is not None:
                    self._restore(doc_id, state)
            raise
        self._maybe_save()

    def remove_document(self, doc_id: str) -> bool:
        found = self._drop(doc_id)
        if found:
            self._maybe_save()
        return found

    def clear(self) -> None:
        self._texts.clear()
        self._reset(nx.MultiDiGraph(), {}, self._texts, {})
        self._maybe_save()

    def save(self) -> None:
        """Write the whole graph to :attr:`path` atomically: temp file in the same directory, fsync, replace."""
        if self.path is None:
            raise StoreError("this NetworkXStore is in memory only; use NetworkXStore.open(directory) to save")
        _write_atomically(self.path, self._write_json)
        self._texts.compact()  # after a write that succeeded: never between a batch's start and its rollback

    def close(self) -> None:
        """Nothing to release (the texts' temporary file goes with the store object); unsaved changes are
        NOT written (call :meth:`save` first)."""

    # -- reading ---------------------------------------------------------------------------------
    def graph_version(self) -> tuple[str, int]:
        """Changes with every write to this store object: what a cache of its answers is keyed on."""
        return "networkx", self._version

    def documents(self) -> list[rec.DocumentRecord]:
        return [self._document(doc_id) for doc_id in sorted(self._documents)]

    def _document(self, doc_id: str) -> rec.DocumentRecord:
        facts = self._facts[doc_id]
        return rec.DocumentRecord(**self._documents[doc_id], entity_count=len(facts.entities),
                                  relation_count=len(facts.relations))

    def get_entity(self, entity_id: str) -> rec.EntityWithMentions | None:
        if entity_id not in self._graph:
            return None
        return rec.EntityWithMentions(**dict(self._entity(entity_id)), mentions=self._mentions(entity_id))

    def find_entities(self, label: str | None = None, query: str | None = None,
                      limit: int = 50, offset: int = 0, doc_ids: rec.DocIds = None) -> tuple[int, list[rec.EntityRecord]]:
        if limit < 0 or offset < 0:
            raise ValueError("limit and offset must not be negative")
        # The query is folded once and each name was folded when it was set, so a match costs one
        # substring test per name, not a fold of the query per name. Only the page is made into records.
        folded = rec.fold(query) if query is not None else ""
        doc_ids = _as_set(doc_ids)
        matches = [node for node_label, node, node_folded in self._entity_order()
                   if (label is None or node_label == label) and folded in node_folded
                   and (doc_ids is None or not doc_ids.isdisjoint(self._graph.nodes[node]["docs"]))]
        return len(matches), [self._entity(node) for node in matches[offset:offset + limit]]

    def relations_of(self, entity_id: str) -> list[rec.RelationRecord]:
        """Raises :class:`~kg.errors.NotFound` for an unknown id."""
        self._require(entity_id)
        # Keyed by relation id so that a self-loop, seen from both ends, is still one relation.
        edges = {data["id"]: (head, tail, key) for head, tail, key, data in chain(
            self._graph.out_edges(entity_id, keys=True, data=True), self._graph.in_edges(entity_id, keys=True, data=True))}
        return sorted((self._relation(*edge) for edge in edges.values()), key=rec.relation_key)

    def goals(self, limit: int | None = None, offset: int = 0, doc_ids: rec.DocIds = None) -> list[rec.Goal]:
        if doc_ids is not None:  # the goals of some documents: made for this request, not kept
            return rec.page(self._goals(_as_set(doc_ids)), limit, offset)
        if "goals" not in self._reads:
            self._reads["goals"] = self._goals(None)
        return rec.page(self._reads["goals"], limit, offset)

    def _goals(self, doc_ids: frozenset[str] | None) -> list[rec.Goal]:
        goals = []
        for node, data in self._graph.nodes(data=True):
            if data["label"] != "GOAL" or not _supported(data["docs"], doc_ids):
                continue
            measures = [self._entity(t) for _, t, k, edge in self._graph.out_edges(node, keys=True, data=True)
                        if k == "HAS_MEASURE" and _supported(edge["docs"], doc_ids)]
            serving = {h for h, _, k, edge in self._graph.in_edges(node, keys=True, data=True)
                       if k == "SERVES" and _supported(edge["docs"], doc_ids)}
            goals.append(rec.goal_record(self._entity(node), measures, len(serving)))
        return sorted(goals, key=rec.entity_key)

    def goal_members(self, goal_id: str, doc_ids: rec.DocIds = None) -> list[rec.GoalMember]:
        """Raises :class:`~kg.errors.NotFound` when ``goal_id`` is unknown or not a GOAL."""
        if self._require(goal_id)["label"] != "GOAL":
            raise NotFound(f"entity {goal_id} is a {self._graph.nodes[goal_id]['label']}, not a GOAL")
        doc_ids = _as_set(doc_ids)
        members = [rec.goal_member(self._entity(head), self._evidence(data, doc_ids))
                   for head, _, key, data in self._graph.in_edges(goal_id, keys=True, data=True)
                   if key == "SERVES" and _supported(data["docs"], doc_ids)]
        return sorted(members, key=lambda member: rec.entity_key(member.entity))

    def goal_member_table(self, doc_ids: rec.DocIds = None) -> list[rec.GoalMemberRow]:
        doc_ids, nodes = _as_set(doc_ids), self._graph.nodes
        return rec.goal_member_rows(
            rec.goal_member_row({"id": tail, **nodes[tail]}, {"id": head, **nodes[head]},
                                self._measures_of(data, doc_ids))
            for head, tail, key, data in self._graph.edges(keys=True, data=True)
            if key == "SERVES" and _supported(data["docs"], doc_ids))

    def timeline(self, entity_id: str) -> rec.Timeline:
        """Raises :class:`~kg.errors.NotFound` for an unknown id."""
        self._require(entity_id)
        entity = self.get_entity(entity_id)
        documents = {doc_id: self._document(doc_id) for doc_id in entity.documents if doc_id in self._documents}
        return rec.timeline_record(rec.EntityRecord(**entity.model_dump(exclude={"mentions"})), entity.mentions,
                                   documents, self.relations_of(entity_id))

    def neighbourhood(self, entity_id: str, depth: int = 1,
                      limit: int = rec.NEIGHBOURHOOD_LIMIT) -> rec.Neighbourhood:
        """The nearest ``limit`` nodes within ``depth`` (1..3) hops and every edge among them (``truncated``
        when more were in reach); NotFound for an unknown id."""
        if not 1 <= depth <= 3:
            raise ValueError(f"depth must be between 1 and 3, not {depth}")
        self._require(entity_id)
        nodes, truncated = rec.nearest_nodes(self._levels(entity_id, depth), limit)
        edges = [rec.graph_edge(data["id"], key, head, tail, self._evidence_count(data))
                 for head, tail, key, data in self._graph.subgraph(nodes).edges(keys=True, data=True)]
        return rec.neighbourhood_record(entity_id, depth, {node: self._entity(node) for node in nodes}, edges,
                                        limit=limit, truncated=truncated)

    def shortest_path(self, source_id: str, target_id: str) -> rec.EntityPath | None:
        """One shortest path ignoring direction, or None; NotFound when either id is unknown.

        Among equally short paths the walk always steps to the smallest id, so the answer is stable.
        """
        self._require(source_id)
        self._require(target_id)
        undirected = self._graph.to_undirected(as_view=True)
        distance = nx.single_source_shortest_path_length(undirected, target_id)
        if source_id not in distance:
            return None
        path = rec.walk_shortest_path(source_id, target_id, distance, undirected.neighbors)
        return rec.path_record((self._entity(node) for node in path),
                               (self._edge_between(a, b) for a, b in pairwise(path)))

    def stats(self) -> rec.Stats:
        if "stats" not in self._reads:  # every node and edge once: /health asks for it too
            self._reads["stats"] = rec.stats_record(
                documents=len(self._documents),
                mentions=sum(facts.mention_total for facts in self._facts.values()),
                evidence=sum(facts.evidence_total for facts in self._facts.values()),
                entities_by_label=Counter(label for _, label in self._graph.nodes(data="label")),
                relations_by_type=Counter(key for _, _, key in self._graph.edges(keys=True)))
        return self._reads["stats"]

    def prepare_reads(self) -> None:
        """Build the read indexes now rather than on the first requests that need them (the API calls this
        at start-up): entity order, every entity's record, goals, statistics. About 2 s for the graph of
        both shared corpora; a write drops them again."""
        self._entity_order()
        for node in self._graph:
            self._entity(node)
        self.goals(limit=0)
        self.stats()

    # -- whole-graph reads (exports) --------------------------------------------------------------
    def all_entities(self) -> list[rec.EntityWithMentions]:
        """Every entity with every mention of it, in contract order (label, name, id)."""
        entities = [rec.EntityWithMentions(**dict(self._entity(node)), mentions=self._mentions(node))
                    for node in self._graph]
        return sorted(entities, key=rec.entity_key)

    def all_relations(self) -> list[rec.RelationRecord]:
        """Every relation with its evidence, in contract order (type, head name, tail name, id)."""
        entities = {node: self._entity(node) for node in self._graph}
        relations = [rec.relation_record(data["id"], key, entities[head], entities[tail], self._evidence(data))
                     for head, tail, key, data in self._graph.edges(keys=True, data=True)]
        return sorted(relations, key=rec.relation_key)

    # -- internals -------------------------------------------------------------------------------
    def _reset(self, graph: nx.MultiDiGraph, documents: dict[str, Row], texts: DocumentTexts,
               facts: dict[str, packed.DocumentFacts]) -> None:
        """Install a graph, its documents, their texts and their rows, and derive the indexes from the graph."""
        self._changed()
        self._graph, self._documents, self._texts, self._facts = graph, documents, texts, facts
        # relation id -> its edge (head, tail, type). Derived rather than saved, so it can never disagree
        # with the graph. Ids are interned (one string object however many documents name them).
        self._edge_of: dict[str, tuple[str, str, str]] = {
            data["id"]: (head, tail, key) for head, tail, key, data in graph.edges(keys=True, data=True)}
        # entity id -> its name as queries match it (records.fold), kept in step with the name.
        self._folded: dict[str, str] = {node: _folded(name) for node, name in graph.nodes(data="name")}

    def _apply(self, extraction: Extraction) -> None:
        document = extraction.document
        doc_id = sys.intern(document.doc_id)
        self._drop(doc_id)
        self._changed()
        entities, relations = extraction.graph()
        rows = []
        for entity in entities:
            offsets, mention_attrs = packed.mention_row(entity.mentions)
            rows.append((sys.intern(entity.id), offsets, copy.deepcopy(entity.attrs) if entity.attrs else None,
                         mention_attrs))
        facts = packed.DocumentFacts.build(
            rows, ((sys.intern(relation.id), *packed.evidence_row(relation.evidence)) for relation in relations))
        # The document's rows go in first, so that _drop undoes a half-applied document too (upsert_many's
        # rollback): it takes the doc_id off whatever of them the graph got.
        self._documents[doc_id] = document.to_dict()
        self._texts.add(doc_id, document.text)
        self._facts[doc_id] = facts
        for entity in entities:
            self._add_mentions(sys.intern(entity.id), entity.label, entity.name, doc_id, bool(entity.attrs))
        for relation in relations:
            self._add_evidence(sys.intern(relation.head), sys.intern(relation.tail), relation.type,
                               sys.intern(relation.id), doc_id)

    def _add_mentions(self, entity_id: str, label: str, name: str, doc_id: str, has_attrs: bool) -> None:
        """Mark ``entity_id`` (made when new) as supported by ``doc_id``, whose rows are in place."""
        if entity_id not in self._graph:
            self._graph.add_node(entity_id, label=sys.intern(label), name=name, attrs={}, docs=[])
            # The name needs no choosing: the id is made from it (label + normalised name), so every
            # mention shows the same one.
            self._folded[entity_id] = _folded(name)
        self._graph.nodes[entity_id]["docs"].append(doc_id)
        if has_attrs:  # a document without attrs for it changes nothing of the merge
            self._refresh_entity(entity_id)

    def _add_evidence(self, head: str, tail: str, key: str, relation_id: str, doc_id: str) -> None:
        if not self._graph.has_edge(head, tail, key=key):
            key = sys.intern(key)
            self._graph.add_edge(head, tail, key=key, id=relation_id, docs=[])
            self._edge_of[relation_id] = (head, tail, key)
        self._graph.edges[head, tail, key]["docs"].append(doc_id)

    def _state_of(self, doc_id: str) -> _DocumentState | None:
        """What the store holds from one document (references, not copies: nothing here is changed in
        place), for :meth:`_restore`; None when it holds nothing from it."""
        if doc_id not in self._documents:
            return None
        facts, nodes = self._facts[doc_id], self._graph.nodes
        entities = [(node, nodes[node]["label"], nodes[node]["name"]) for node in facts.entities]
        relations = [(*self._edge_of[relation_id], relation_id) for relation_id in facts.relations]
        return self._documents[doc_id], self._texts.location(doc_id), facts, entities, relations

    def _restore(self, doc_id: str, state: _DocumentState) -> None:
        """Put back a document as :meth:`_state_of` found it."""
        self._changed()
        document, location, facts, entities, relations = state
        self._documents[doc_id], self._facts[doc_id] = document, facts
        self._texts.put(doc_id, location)
        for entity_id, label, name in entities:
            self._add_mentions(entity_id, label, name, doc_id, facts.attrs_of(entity_id) is not None)
        for head, tail, key, relation_id in relations:
            self._add_evidence(head, tail, key, relation_id, doc_id)

    def _drop(self, doc_id: str) -> bool:
        """Forget one document's provenance and prune whatever no document supports any more."""
        self._changed()
        found = self._documents.pop(doc_id, None) is not None
        self._texts.pop(doc_id)
        facts = self._facts.pop(doc_id, None)
        if facts is None:
            return found
        # Relations first: an entity that goes away takes its edges with it.
        for relation_id in facts.relations:
            edge = self._edge_of.get(relation_id)
            if edge is not None and self._graph.has_edge(*edge):
                docs = self._graph.edges[edge]["docs"]
                if _remove(docs, doc_id) and not docs:
                    self._graph.remove_edge(*edge)
                    del self._edge_of[relation_id]
        for entity_id in facts.entities:
            if entity_id in self._graph:
                docs = self._graph.nodes[entity_id]["docs"]
                if not _remove(docs, doc_id):  # a half-applied document had not got to it
                    continue
                if not docs:
                    self._graph.remove_node(entity_id)
                    self._folded.pop(entity_id, None)
                elif facts.attrs_of(entity_id) is not None:
                    self._refresh_entity(entity_id)
        return found

    def _refresh_entity(self, entity_id: str) -> None:
        # Attrs are derived from every supporting document, never from whichever came last.
        data = self._graph.nodes[entity_id]
        data["attrs"] = rec.merge_attrs(self._doc_attrs(entity_id, data["docs"]))

    def _doc_attrs(self, entity_id: str, docs: Iterable[str]) -> dict[str, dict[str, Any]]:
        """doc_id -> the attrs that document gives ``entity_id``, for the documents that give any."""
        return {doc_id: attrs for doc_id in docs if (attrs := self._facts[doc_id].attrs_of(entity_id)) is not None}

    def _require(self, entity_id: str) -> dict[str, Any]:
        if entity_id not in self._graph:
            raise NotFound(f"no entity with id {entity_id!r}")
        return self._graph.nodes[entity_id]

    def _changed(self) -> None:
        self._version += 1
        self._reads.clear()

    def _entity(self, entity_id: str) -> rec.EntityRecord:
        records = self._reads.setdefault("entities", {})
        record = records.get(entity_id)
        if record is None:
            data = self._graph.nodes[entity_id]
            count = sum(self._facts[doc_id].mention_count(entity_id) for doc_id in data["docs"])
            record = records[entity_id] = rec.entity_record(entity_id, data["label"], data["name"], data["attrs"],
                                                            count, data["docs"])
        return record

    def _entity_order(self) -> list[tuple[str, str, str]]:
        """(label, id, folded name) of every entity, in entity order: what find_entities scans."""
        if "order" not in self._reads:
            keys = sorted((data["label"], data["name"], node) for node, data in self._graph.nodes(data=True))
            self._reads["order"] = [(label, node, self._folded[node]) for label, _, node in keys]
        return self._reads["order"]

    def _adjacent(self, entity_id: str) -> tuple[str, ...]:
        """The entities related to ``entity_id`` either way (itself too, for a self-loop)."""
        adjacency = self._reads.setdefault("adjacent", {})
        found = adjacency.get(entity_id)
        if found is None:
            found = adjacency[entity_id] = tuple({*self._graph.successors(entity_id),
                                                  *self._graph.predecessors(entity_id)})
        return found

    def _levels(self, entity_id: str, depth: int):
        """Breadth-first from ``entity_id``: the (label, name, id) of the entities first reached at each hop,
        up to ``depth`` hops (for :func:`kg.stores.records.nearest_nodes`)."""
        nodes = self._graph.nodes
        seen, frontier = {entity_id}, [entity_id]
        yield [(nodes[entity_id]["label"], nodes[entity_id]["name"], entity_id)]
        for _ in range(depth):
            reached = []
            for node in frontier:
                for other in self._adjacent(node):
                    if other not in seen:
                        seen.add(other)
                        reached.append(other)
            if not reached:
                return
            yield [(nodes[node]["label"], nodes[node]["name"], node) for node in reached]
            frontier = reached

    def _reader(self, doc_id: str) -> packed.Reader:
        return functools.partial(self._texts.read, doc_id)

    def _mentions(self, entity_id: str) -> list[rec.MentionRecord]:
        return rec.sorted_mentions(
            mention for doc_id in self._graph.nodes[entity_id]["docs"]
            for mention in packed.mention_dicts(doc_id, self._reader(doc_id), self._facts[doc_id].mentions_of(entity_id),
                                                self._facts[doc_id].mention_attrs_of(entity_id)))

    def _evidence(self, edge: Row, doc_ids: frozenset[str] | None = None) -> list[dict[str, Any]]:
        """The evidence of one relation (its edge's data) as dicts; with ``doc_ids``, only that of those
        documents."""
        relation_id = edge["id"]
        return [evidence for doc_id in edge["docs"] if doc_ids is None or doc_id in doc_ids
                for evidence in packed.evidence_dicts(doc_id, self._reader(doc_id),
                                                      self._facts[doc_id].evidence_of(relation_id),
                                                      self._facts[doc_id].measures_of(relation_id))]

    def _evidence_count(self, edge: Row) -> int:
        return sum(self._facts[doc_id].evidence_count(edge["id"]) for doc_id in edge["docs"])

    def _measures_of(self, edge: Row, doc_ids: frozenset[str] | None) -> Iterable[tuple[str, str | None]]:
        """(doc_id, measure) of each piece of a relation's evidence (of ``doc_ids`` only, unless None), read
        from the rows without making its sentences."""
        relation_id = edge["id"]
        for doc_id in edge["docs"]:
            if doc_ids is None or doc_id in doc_ids:
                facts = self._facts[doc_id]
                measures = facts.measures_of(relation_id) or (None,) * facts.evidence_count(relation_id)
                yield from ((doc_id, measure) for measure in measures)

    def _relation(self, head: str, tail: str, key: str) -> rec.RelationRecord:
        data = self._graph.edges[head, tail, key]
        return rec.relation_record(data["id"], key, self._entity(head), self._entity(tail), self._evidence(data))

    def _edge_between(self, a: str, b: str) -> rec.PathEdge:
        return rec.path_edge((key, data["id"], head, tail)
                             for head, tail in ((a, b), (b, a)) if self._graph.has_edge(head, tail)
                             for key, data in self._graph[head][tail].items())

    def _maybe_save(self) -> None:
        if self.autosave:
            self.save()

    def _write_json(self, handle: IO[str]) -> None:
        """The graph as networkx's node-link layout, plus the documents (with their texts), one record a
        line and each record written as it is made, so that saving holds one record at a time, not a
        second graph. Nodes and edges come out sorted whatever the insertion order was, so the same graph
        is always the same bytes."""
        def lines(records: Iterable[Row]) -> None:
            for index, record in enumerate(records):
                handle.write(("" if index == 0 else ",\n") + json.dumps(record, **_JSON))

        handle.write(_HEADER + _SECTIONS["documents"] + "\n")
        lines({**document.model_dump(), "text": self._texts.text(document.doc_id)} for document in self.documents())
        handle.write('\n],"graph":{"directed":true,"multigraph":true,"graph":{},\n' + _SECTIONS["nodes"] + "\n")
        lines(self._node_record(node) for node in sorted(self._graph))
        handle.write("\n],\n" + _SECTIONS["edges"] + "\n")
        lines(self._edge_record(head, tail, key, data)
              for head, tail, key, data in sorted(self._graph.edges(keys=True, data=True), key=lambda e: e[:3]))
        handle.write("\n" + _END + "\n")

    def _node_record(self, node: str) -> Row:
        data, facts = self._graph.nodes[node], self._facts
        mention_attrs = {doc_id: list(attrs) for doc_id in data["docs"]
                         if (attrs := facts[doc_id].mention_attrs_of(node)) is not None}
        return {"id": node, "label": data["label"], "name": data["name"], "attrs": data["attrs"],
                "doc_attrs": self._doc_attrs(node, data["docs"]),
                "mentions": {doc_id: facts[doc_id].mentions_of(node).tolist() for doc_id in data["docs"]},
                **({"mention_attrs": mention_attrs} if mention_attrs else {})}

    def _edge_record(self, head: str, tail: str, key: str, data: Row) -> Row:
        relation_id, facts = data["id"], self._facts

        def evidence(doc_id: str) -> list[Any]:
            measures = facts[doc_id].measures_of(relation_id)
            return [facts[doc_id].evidence_of(relation_id).tolist(), list(measures) if measures is not None else None]

        return {"source": head, "target": tail, "key": key, "id": relation_id,
                "evidence": {doc_id: evidence(doc_id) for doc_id in data["docs"]}}


_JSON: dict[str, Any] = {"ensure_ascii": False, "sort_keys": True, "separators": (",", ":")}
# (document row, where its text is, its rows, [(entity id, label, name)], [(head, tail, type, relation id)])
_DocumentState = tuple[Row, Location, packed.DocumentFacts, list[tuple[str, str, str]], list[tuple[str, str, str, str]]]


def _read_graph_file(path: Path) -> tuple[nx.MultiDiGraph, dict[str, Row], DocumentTexts,
                                           dict[str, packed.DocumentFacts]]:
    """The graph, documents, texts and rows saved in ``path``; StoreError when it cannot be read or makes
    no sense.

    A file as :meth:`NetworkXStore.save` lays it out (a record a line) is read a line at a time, so that
    loading never holds the whole file or its whole parse; any other JSON of the same shape (the file
    re-indented by some tool) is read whole.
    """
    graph_file = _GraphFile()
    # Reading makes a million small objects and no cycles: the cyclic collector, run again and again over
    # the growing graph, took about a third of the load.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with path.open(encoding="utf-8") as handle:
            if handle.readline() == _HEADER:
                sections = {_SECTIONS[kind]: kind for kind in _SECTIONS}
                section = None
                for line in handle:
                    if line.startswith("{"):
                        graph_file.add(section, json.loads(line.rstrip().removesuffix(",")))
                    elif line.rstrip() != _END:
                        section = sections.get(line.rstrip(), "unknown")
            else:
                handle.seek(0)
                data = json.loads(handle.read())
                graph_file.add_whole(path, data)
        facts = graph_file.facts()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"cannot read the graph file {path}: {exc}") from exc
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"the graph file {path} is corrupt ({type(exc).__name__}: {exc}); "
                         "restore it from a backup, or delete it and rebuild") from exc
    finally:
        if collecting:
            gc.enable()
    return graph_file.graph, graph_file.documents, graph_file.texts, facts


class _GraphFile:
    """The graph being read from a file, a record at a time: documents, then nodes, then edges. Each
    document's rows are put together from the node and edge records that name it."""

    def __init__(self) -> None:
        self.graph = nx.MultiDiGraph()
        self.documents: dict[str, Row] = {}
        self.texts = DocumentTexts()
        self.rows: dict[str, packed.FactsBuilder] = {}

    def add_whole(self, path: Path, data: Any) -> None:
        if data.get("format") != _FORMAT or data.get("version") != _VERSION:
            if data.get("format") == _FORMAT and data.get("version") == 1:
                raise StoreError(f"the graph file {path} was written by an earlier kg (format version 1, "
                                 "without the documents' texts); rebuild it with `kg build`")
            raise ValueError(f"expected format {_FORMAT!r} version {_VERSION}")
        for kind, records in (("documents", data["documents"]), ("nodes", data["graph"]["nodes"]),
                              ("edges", data["graph"]["edges"])):
            for record in records:
                self.add(kind, record)

    def add(self, kind: str | None, record: Row) -> None:
        if kind == "documents":
            doc_id = sys.intern(record["doc_id"])
            self.texts.add(doc_id, record["text"])
            self.documents[doc_id] = {k: v for k, v in record.items() if k not in _DERIVED}
            self.rows[doc_id] = packed.FactsBuilder()
        elif kind == "nodes":
            node = sys.intern(record["id"])
            doc_attrs, mention_attrs = record["doc_attrs"], record.get("mention_attrs", {})
            if not set(doc_attrs) <= set(record["mentions"]) or not set(mention_attrs) <= set(record["mentions"]):
                raise ValueError(f"attrs of entity {node} from a document that does not mention it")
            docs = []
            for doc_id, flat in record["mentions"].items():
                doc_id = self._doc_id(doc_id)
                if len(flat) % packed.MENTION_FIELDS:
                    raise ValueError(f"mentions of {len(flat)} values are not a multiple of {packed.MENTION_FIELDS}")
                self.rows[doc_id].add_entity(node, flat, doc_attrs.get(doc_id) or None,
                                             _mention_attrs(mention_attrs[doc_id], len(flat))
                                             if doc_id in mention_attrs else None)
                docs.append(doc_id)
            self.graph.add_node(node, label=sys.intern(record["label"]), name=record["name"], attrs=dict(record["attrs"]),
                                docs=docs)
        elif kind == "edges":
            head, tail, relation_id = record["source"], record["target"], sys.intern(record["id"])
            if head not in self.graph or tail not in self.graph:
                raise ValueError(f"edge {record['id']} names a missing node")
            docs = []
            for doc_id, (flat, measures) in record["evidence"].items():
                doc_id = self._doc_id(doc_id)
                if len(flat) % packed.EVIDENCE_FIELDS:
                    raise ValueError(f"evidence of {len(flat)} offsets is not a multiple of {packed.EVIDENCE_FIELDS}")
                if measures is not None and (len(measures) * packed.EVIDENCE_FIELDS != len(flat) or not all(
                        m is None or isinstance(m, str) for m in measures)):
                    raise ValueError("evidence measures that do not match its offsets")
                self.rows[doc_id].add_relation(relation_id, flat, measures)
                docs.append(doc_id)
            self.graph.add_edge(sys.intern(head), sys.intern(tail), key=sys.intern(record["key"]), id=relation_id,
                                docs=docs)
        else:
            raise ValueError(f"a record outside the documents, nodes and edges: {str(record)[:80]}")

    def facts(self) -> dict[str, packed.DocumentFacts]:
        """Every document's rows, now that every record is read; ValueError when a fact comes twice."""
        facts = {}
        for doc_id in list(self.rows):
            facts[doc_id] = self.rows.pop(doc_id).build()
        return facts

    def _doc_id(self, doc_id: str) -> str:
        """The document's own doc_id string (one object for all its mentions); ValueError when unknown."""
        if doc_id not in self.documents:
            raise ValueError(f"provenance from a missing document {doc_id!r}")
        return sys.intern(doc_id)


_DERIVED = ("entity_count", "relation_count", "text")  # kept apart, or derived on read
# The layout save() writes: this header line, then each section's opening line, its records (one a line,
# each but the last followed by a comma), and the closing line of the last section.
_HEADER = f'{{"format":"{_FORMAT}","version":{_VERSION},\n'
_SECTIONS = {"documents": '"documents":[', "nodes": '"nodes":[', "edges": '"edges":['}
_END = "]}}"


def _write_atomically(path: Path, write: Callable[[IO[str]], None]) -> None:
    """Replace ``path`` by what ``write`` writes so that a crash at any point leaves either the old or the
    new file.

    The temporary file is ``.<name>.<pid>.<random>.tmp`` beside ``path``; those that writers killed
    mid-write left behind are removed first (:func:`_remove_stale_temp_files`).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temp_files(path)
        fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    except OSError as exc:
        raise StoreError(f"cannot write the graph to {path}: {exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)  # atomic on POSIX and Windows when both sit in one directory
    except BaseException as exc:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise StoreError(f"cannot write the graph to {path}: {exc}") from exc
        raise
    fsync_directory(path.parent)  # the rename itself survives a power cut


def _remove_stale_temp_files(path: Path) -> None:
    """Delete the temporary files of writes to ``path`` that were interrupted: those whose writer
    process is gone, and those of kg versions that did not put the pid in the name."""
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = temp.name[len(path.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and _process_alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            temp.unlink()


def _process_alive(pid: int) -> bool:
    if os.name != "posix":  # signal 0 is CTRL_C_EVENT on Windows: keep the file rather than ask
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def _mention_attrs(attrs: Any, values: int) -> tuple[dict[str, Any], ...]:
    """A saved list of one document's mention attrs, checked against its ``values`` offsets; ValueError when
    they do not match."""
    if not isinstance(attrs, list) or len(attrs) * packed.MENTION_FIELDS != values or not all(
            isinstance(a, dict) for a in attrs):
        raise ValueError("mention attrs that do not match the mentions")
    return tuple(attrs)


def _folded(name: str) -> str:
    """The name as queries match it; the name's own string when that is the same (most Chinese names)."""
    folded = rec.fold(name)
    return name if folded == name else folded


def _remove(docs: list[str], doc_id: str) -> bool:
    """Take ``doc_id`` off a fact's documents; False when it was not on them."""
    try:
        docs.remove(doc_id)
    except ValueError:
        return False
    return True


def _supported(docs: list[str], doc_ids: frozenset[str] | None) -> bool:
    """Whether one of ``doc_ids`` (any, when None) supports the fact supported by ``docs``."""
    return bool(docs) if doc_ids is None else not doc_ids.isdisjoint(docs)


def _as_set(doc_ids: rec.DocIds) -> frozenset[str] | None:
    return None if doc_ids is None else frozenset(doc_ids)
