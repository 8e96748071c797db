"""The :class:`~kg.stores.base.GraphStore` on Neo4j: batched, idempotent, whole documents per transaction.

``upsert_many`` replaces documents inside write transactions that each hold several whole documents
(about ``transaction_rows`` rows; it takes any iterable, so a writer can be fed while extraction goes
on): write the new versions with ``UNWIND $rows`` batches of ``batch_size`` rows, merging what the old
versions already have, then delete what only the old versions had (the order matters for speed: see
:mod:`kg.stores.cypher`). An interrupted load never leaves half a document, and loading the same document
again changes nothing. Each Document node keeps the digest of what wrote it (``write_digest``: every
statement's Cypher and every row of that document), read in the same transaction as the write: a document
whose digest has not changed is left as it is, without reading or writing its nodes. The driver retries transient errors (``execute_write``). Reads go through the same
record builders as the NetworkX store (:mod:`kg.stores.records`), so both answer alike.

The driver is passed in (``Neo4jStore(driver)``); :meth:`Neo4jStore.connect` builds one from settings.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any, ClassVar

from kg.model import ENTITY_LABELS, RELATION_TYPES, Extraction
from kg.stores import cypher
from kg.stores import records as rec
from kg.stores.neo4j_errors import translate_errors
from kg.stores.neo4j_reads import Neo4jReads

__all__ = ["Neo4jStore", "Rows", "translate_errors", "DRIVER_OPTIONS"]

Row = dict[str, Any]  # one parameter row of an UNWIND $rows batch
DEFAULT_BATCH_SIZE = 1000
DEFAULT_TRANSACTION_ROWS = 20_000
# Fail fast: a server that does not answer is given 2 s to connect and a request 2 s to get a connection
# from the pool, so with Neo4j down every API route answers 503 within a few seconds. Writes are retried
# on transient errors for up to 15 s (execute_write); reads are not retried (Neo4jReads._read).
DRIVER_OPTIONS = {"connection_timeout": 2.0, "connection_acquisition_timeout": 2.0,
                  "max_transaction_retry_time": 15.0, "liveness_check_timeout": 30.0}


class Neo4jStore(Neo4jReads):
    kind: ClassVar[str] = "neo4j"

    def __init__(self, driver, database: str = "neo4j", *, batch_size: int = DEFAULT_BATCH_SIZE,
                 transaction_rows: int = DEFAULT_TRANSACTION_ROWS, owns_driver: bool = False) -> None:
        if batch_size < 1 or transaction_rows < 1:
            raise ValueError("batch_size and transaction_rows must be at least 1")
        super().__init__(driver, database)
        self.batch_size = batch_size  # rows per UNWIND query
        self.transaction_rows = transaction_rows  # about this many rows per transaction, whole documents
        self._owns_driver = owns_driver
        self.relationships_created = 0  # across every write of this store, for the load benchmark

    @classmethod
    def connect(cls, uri: str, user: str, password: str, database: str = "neo4j", *,
                batch_size: int = DEFAULT_BATCH_SIZE, verify: bool = True) -> Neo4jStore:
        """A store on its own driver; with ``verify``, fail now (StoreUnavailable) if Neo4j cannot be reached."""
        from neo4j import GraphDatabase

        driver = GraphDatabase.driver(uri, auth=(user, password), **DRIVER_OPTIONS)
        store = cls(driver, database, batch_size=batch_size, owns_driver=True)
        if verify:
            try:
                with translate_errors(f"Neo4j at {uri}"):
                    driver.verify_connectivity()
                store.ensure_schema()
            except BaseException:
                driver.close()
                raise
        return store

    def ensure_schema(self) -> None:
        with translate_errors("creating the Neo4j schema"):
            for statement in cypher.schema_statements():
                self._driver.execute_query(statement, database_=self.database)

    def close(self) -> None:
        if self._owns_driver:
            self._driver.close()

    # -- writing ---------------------------------------------------------------------------------
    def upsert(self, extraction: Extraction) -> None:
        self.upsert_many([extraction])

    def upsert_many(self, extractions: Iterable[Extraction], on_written=None) -> None:
        """Write whole documents, several to a transaction (about ``transaction_rows`` rows each): a
        document lands whole or not at all. ``on_written(n)`` is called after each transaction."""
        with translate_errors("writing to Neo4j"), self._session() as session:
            for group in self._groups(extractions):
                self.relationships_created += session.execute_write(self._write_documents, group)
                if on_written:
                    on_written(len(group))

    def remove_document(self, doc_id: str) -> bool:
        with translate_errors("writing to Neo4j"), self._session() as session:
            return session.execute_write(self._drop_documents, [doc_id]) > 0

    def clear(self) -> None:
        labels = " OR ".join(f"n:{label}" for label in ("Entity", *cypher.PROVENANCE_LABELS))
        with translate_errors("clearing Neo4j"):
            while True:
                records, _, _ = self._driver.execute_query(
                    f"MATCH (n) WHERE {labels} WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n",
                    database_=self.database)
                if records[0]["n"] == 0:
                    break
            self._driver.execute_query(cypher.bump_graph_version(), database_=self.database)

    def _groups(self, extractions: Iterable[Extraction]):
        group, rows = [], 0
        for extraction in extractions:
            size = len(extraction.spans) * 2 + len(extraction.links) * 2 + 1
            if group and rows + size > self.transaction_rows:
                yield group
                group, rows = [], 0
            group.append(extraction)
            rows += size
        if group:
            yield group

    def _drop_documents(self, tx, doc_ids: list[str]) -> int:
        found = tx.run("UNWIND $doc_ids AS doc_id MATCH (d:Document {doc_id: doc_id}) RETURN d.doc_id AS doc_id",
                       doc_ids=doc_ids).value("doc_id")
        if found:  # documents new to the graph have nothing to drop
            for statement in cypher.drop_document_statements():
                tx.run(statement, doc_ids=found).consume()
            tx.run(cypher.bump_graph_version()).consume()
        return len(found)

    def _write_documents(self, tx, extractions: list[Extraction]) -> int:
        """Replace the documents of ``extractions`` in one transaction: read what their old versions own,
        write the new versions, delete what only the old versions had (no node is deleted before the last
        write: see the replace steps in :mod:`kg.stores.cypher`)."""
        doc_ids = [e.document.doc_id for e in extractions]
        if len(set(doc_ids)) != len(doc_ids):
            raise ValueError("a batch names the same document twice")
        stored = {record["doc_id"]: record["digest"] for record in tx.run(cypher.document_digests(), doc_ids=doc_ids)}
        rows, new = Rows(), Rows()  # documents the graph has (to replace), documents new to it
        for extraction in extractions:
            document = Rows()
            document.add(extraction)
            digest = document.digest()  # every document's Document node keeps it
            doc_id = extraction.document.doc_id
            if doc_id not in stored:
                new.extend(document)
            elif stored[doc_id] != digest:  # else: written by these rows
                rows.extend(document)
        if not rows.documents and not new.documents:
            return 0
        tx.run(cypher.bump_graph_version()).consume()
        created = sum(self._batches(tx, query, batch) for query, batch in new.statements(new=True))
        found = [row["doc_id"] for row in rows.documents]
        old_nodes, empty_relations = [], []
        if found:  # the documents to replace
            mentions = tx.run(cypher.old_mentions(), doc_ids=found).single(strict=True)["rows"]
            evidence = tx.run(cypher.old_evidence(), doc_ids=found).single(strict=True)["rows"]
            empty_relations = tx.run(cypher.unsupport_relations(), doc_ids=found).single(strict=True)["ids"]
            rows.mentions, stale_mentions = _unchanged_removed(rows.mentions, mentions, cypher.MENTION_KEY)
            rows.evidence, stale_evidence = _unchanged_removed(rows.evidence, evidence, cypher.EVIDENCE_KEY)
            old_nodes = stale_mentions + stale_evidence
        created += sum(self._batches(tx, query, batch) for query, batch in rows.statements())
        if found:
            self._batches(tx, cypher.delete_nodes(), old_nodes, parameter="ids")
            tx.run(cypher.delete_unused_sentences(), doc_ids=found).consume()
            self._batches(tx, cypher.delete_empty_relations(), empty_relations, parameter="ids")
            keep = [{"doc_id": doc_id, "keep": dict.fromkeys(rows.entity_ids[doc_id], True)} for doc_id in found]
            self._batches(tx, cypher.unlink_stale_entities(), keep)
        return created

    def _batches(self, tx, query: str, rows: list, parameter: str = "rows") -> int:
        created = 0
        for start in range(0, len(rows), self.batch_size):
            created += self._run(tx, query, **{parameter: rows[start:start + self.batch_size]})
        return created

    @staticmethod
    def _run(tx, query: str, **parameters: Any) -> int:
        return tx.run(cypher.BATCH_OPTIONS + query, **parameters).consume().counters.relationships_created


def _unchanged_removed(new: list[Row], old: list[list], key: tuple[str, ...]) -> tuple[list[Row], list[str]]:
    """(the rows of ``new`` that ``old`` does not have, the element ids of the ``old`` nodes that ``new``
    does not have). An old node is [element id, then its fields in ``key``'s order] (as
    :func:`~kg.stores.cypher.old_mentions` returns them); rows are equal when every field of ``key`` is; each
    old node matches one new row."""
    by_key: dict[tuple, list[str]] = {}
    for element_id, *fields in old:
        by_key.setdefault(tuple(fields), []).append(element_id)
    added = []
    for row in new:
        ids = by_key.get(tuple(row.get(field) for field in key))
        if ids:
            ids.pop()
        else:
            added.append(row)
    return added, [element_id for ids in by_key.values() for element_id in ids]


class Rows:
    """The parameter rows of one transaction, across its documents; every row names its doc_id."""

    def __init__(self) -> None:
        self.documents: list[Row] = []
        self.entities: dict[str, list[Row]] = {}
        self.sentences: dict[str, Row] = {}
        self.mentions: list[Row] = []
        self.relations: dict[str, list[Row]] = {}
        self.evidence: list[Row] = []
        self.entity_ids: dict[str, list[str]] = {}  # doc_id -> the ids of the entities it names

    def add(self, extraction: Extraction) -> None:
        doc_id = extraction.document.doc_id
        entities, relations = extraction.graph()
        self.documents.append(extraction.document.to_dict() | {
            "entity_count": len(entities), "relation_count": len(relations)})
        self.entity_ids[doc_id] = [entity.id for entity in entities]
        for entity in entities:
            self.entities.setdefault(entity.label, []).append({
                "id": entity.id, "label": entity.label, "name": entity.name, "name_folded": rec.fold(entity.name),
                "doc_id": doc_id, "mention_count": len(entity.mentions),
                "attrs_json": json.dumps(entity.attrs, ensure_ascii=False, sort_keys=True)})
            for mention in entity.mentions:
                sentence_id = self._sentence(doc_id, mention.sentence, mention.sentence_start, mention.sentence_end)
                # a map cannot be a property: the attrs are JSON text, absent (null) when there are none
                attrs_json = json.dumps(mention.attrs, ensure_ascii=False, sort_keys=True) if mention.attrs else None
                self.mentions.append(mention.to_dict() | {"entity_id": entity.id, "sentence_id": sentence_id,
                                                          "attrs": None, "attrs_json": attrs_json})
        for relation in relations:
            self.relations.setdefault(relation.type, []).append(
                {"id": relation.id, "head": relation.head, "tail": relation.tail, "doc_id": doc_id})
            for evidence in relation.evidence:
                sentence_id = self._sentence(doc_id, evidence.sentence, evidence.sentence_start,
                                             evidence.sentence_end)
                self.evidence.append(evidence.to_dict() | {"rel_id": relation.id, "sentence_id": sentence_id})

    def extend(self, other: Rows) -> None:
        """Take in the rows of ``other`` (other documents)."""
        self.documents += other.documents
        for label, rows in other.entities.items():
            self.entities.setdefault(label, []).extend(rows)
        self.sentences.update(other.sentences)
        self.mentions += other.mentions
        for relation_type, rows in other.relations.items():
            self.relations.setdefault(relation_type, []).extend(rows)
        self.evidence += other.evidence
        self.entity_ids.update(other.entity_ids)

    def digest(self) -> str:
        """A digest of every statement these rows run and of every row, which the Document rows carry
        (``write_digest``) into the graph: the same digest again means the same writes, so a document whose
        Document node holds it already needs none (a change of kg's write Cypher changes every digest)."""
        for row in self.documents:
            row.pop("write_digest", None)
        text = json.dumps(self.statements(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        digest = hashlib.sha256(text.encode()).hexdigest()
        for row in self.documents:
            row["write_digest"] = digest
        return digest

    def statements(self, new: bool = False) -> list[tuple[str, list[Row]]]:
        """(query, rows) in the order they must run: documents and entities before what links to them.
        ``new``: none of these rows' documents is in the graph yet, so what belongs to one document alone
        (its sentences, its entities' links to it) is created rather than merged: 10 % less of the
        server's CPU for a load into an empty database. The digest is of the merging statements either way."""
        entities = cypher.create_entity_links if new else cypher.merge_entities
        sentences = cypher.create_sentences if new else cypher.merge_sentences
        ordered = [(cypher.merge_documents(), self.documents)]
        ordered += [(entities(label), self.entities.get(label, [])) for label in ENTITY_LABELS]
        ordered += [(sentences(), list(self.sentences.values())), (cypher.create_mentions(), self.mentions)]
        ordered += [(cypher.merge_relations(t), self.relations.get(t, [])) for t in RELATION_TYPES]
        ordered.append((cypher.create_evidence(), self.evidence))
        return ordered

    def _sentence(self, doc_id: str, text: str, start: int, end: int) -> str:
        sentence_id = f"{doc_id}:{start}:{end}"
        self.sentences.setdefault(sentence_id, {"id": sentence_id, "doc_id": doc_id, "text": text,
                                                "start": start, "end": end})
        return sentence_id
