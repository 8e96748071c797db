"""The :class:`~kg.stores.base.GraphStore` on Neo4j: batched, idempotent, one transaction per document.

``upsert`` replaces a document inside one write transaction — drop its provenance and its support of
entities and relationships, prune what nothing supports, write the new facts with ``UNWIND $rows``
batches — so an interrupted load never leaves half a document, and loading the same document again
changes nothing. The driver retries transient errors (``execute_write``). Reads go through the same
record builders as the NetworkX store (:mod:`kg.stores.records`), so both answer alike.

The driver is passed in (``Neo4jStore(driver)``); :meth:`Neo4jStore.connect` builds one from settings.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from kg.errors import StoreError, StoreUnavailable
from kg.model import ENTITY_LABELS, RELATION_TYPES, Extraction
from kg.stores import cypher
from kg.stores import records as rec
from kg.stores.neo4j_reads import Neo4jReads
from kg.stores.records import Record

__all__ = ["Neo4jStore", "translate_errors"]

DEFAULT_BATCH_SIZE = 1000


class Neo4jStore(Neo4jReads):
    kind: ClassVar[str] = "neo4j"

    def __init__(self, driver, database: str = "neo4j", *, batch_size: int = DEFAULT_BATCH_SIZE,
                 owns_driver: bool = False) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        super().__init__(driver, database)
        self.batch_size = batch_size
        self._owns_driver = owns_driver
        self.relationships_created = 0  # across every write of this store, for the load benchmark

    @classmethod
    def connect(cls, uri: str, user: str, password: str, database: str = "neo4j", *,
                batch_size: int = DEFAULT_BATCH_SIZE, verify: bool = True) -> Neo4jStore:
        """A store on its own driver; with ``verify``, fail now (StoreUnavailable) if Neo4j cannot be reached."""
        from neo4j import GraphDatabase

        driver = GraphDatabase.driver(uri, auth=(user, password), connection_timeout=5,
                                      max_transaction_retry_time=15)
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

    def upsert_many(self, extractions: list[Extraction]) -> None:
        """One transaction per document: each lands whole or not at all."""
        with translate_errors("writing to Neo4j"), self._session() as session:
            for extraction in extractions:
                self.relationships_created += session.execute_write(self._write_document, extraction)

    def remove_document(self, doc_id: str) -> bool:
        with translate_errors("writing to Neo4j"), self._session() as session:
            return session.execute_write(self._drop_document, doc_id)

    def clear(self) -> None:
        labels = " OR ".join(f"n:{label}" for label in ("Entity", *cypher.PROVENANCE_LABELS))
        with translate_errors("clearing Neo4j"):
            while True:
                records, _, _ = self._driver.execute_query(
                    f"MATCH (n) WHERE {labels} WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n",
                    database_=self.database)
                if records[0]["n"] == 0:
                    return

    def _drop_document(self, tx, doc_id: str) -> bool:
        found = tx.run("MATCH (d:Document {doc_id: $doc_id}) RETURN count(d) AS n", doc_id=doc_id).single()["n"]
        for statement in cypher.drop_document_statements():
            tx.run(statement, doc_id=doc_id).consume()
        return found > 0

    def _write_document(self, tx, extraction: Extraction) -> int:
        doc_id = extraction.document.doc_id
        self._drop_document(tx, doc_id)
        entities, relations = extraction.graph()
        created = self._run(tx, cypher.merge_document(), doc=extraction.document.to_dict() | {
            "entity_count": len(entities), "relation_count": len(relations)})
        for label in ENTITY_LABELS:
            rows = [_entity_row(e) for e in entities if e.label == label]
            created += self._batches(tx, cypher.merge_entities(label), rows, doc_id)
        sentences: dict[str, Record] = {}
        mention_rows = []
        for entity in entities:
            for mention in entity.mentions:
                sentence_id = _sentence(sentences, doc_id, mention.sentence, mention.sentence_start,
                                        mention.sentence_end)
                mention_rows.append(mention.to_dict() | {"entity_id": entity.id, "sentence_id": sentence_id})
        evidence_rows = []
        for relation in relations:
            for evidence in relation.evidence:
                sentence_id = _sentence(sentences, doc_id, evidence.sentence, evidence.sentence_start,
                                        evidence.sentence_end)
                evidence_rows.append(evidence.to_dict() | {"rel_id": relation.id, "sentence_id": sentence_id})
        created += self._batches(tx, cypher.create_sentences(), list(sentences.values()), doc_id)
        created += self._batches(tx, cypher.create_mentions(), mention_rows, doc_id)
        for relation_type in RELATION_TYPES:
            rows = [{"id": r.id, "head": r.head, "tail": r.tail} for r in relations if r.type == relation_type]
            created += self._batches(tx, cypher.merge_relations(relation_type), rows, doc_id)
        created += self._batches(tx, cypher.create_evidence(), evidence_rows, doc_id)
        return created

    def _batches(self, tx, query: str, rows: list[Record], doc_id: str) -> int:
        created = 0
        for start in range(0, len(rows), self.batch_size):
            created += self._run(tx, query, rows=rows[start:start + self.batch_size], doc_id=doc_id)
        return created

    @staticmethod
    def _run(tx, query: str, **parameters: Any) -> int:
        return tx.run(query, **parameters).consume().counters.relationships_created


def _entity_row(entity) -> Record:
    return {"id": entity.id, "label": entity.label, "name": entity.name,
            "name_folded": rec.fold(entity.name), "mention_count": len(entity.mentions),
            "attrs_json": json.dumps(entity.attrs, ensure_ascii=False, sort_keys=True)}


def _sentence(sentences: dict[str, Record], doc_id: str, text: str, start: int, end: int) -> str:
    sentence_id = f"{doc_id}:{start}:{end}"
    sentences.setdefault(sentence_id, {"id": sentence_id, "text": text, "start": start, "end": end})
    return sentence_id


class translate_errors:  # noqa: N801  (used as a context manager, named like one)
    """Turn driver errors into kg's: unreachable or refused → StoreUnavailable (the API answers 503),
    anything else from Neo4j → StoreError."""

    def __init__(self, doing: str) -> None:
        self.doing = doing

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> bool:
        if error is None:
            return False
        from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

        if isinstance(error, AuthError) or "AuthenticationRateLimit" in (getattr(error, "code", None) or ""):
            raise StoreUnavailable(f"{self.doing}: Neo4j refused the credentials ({error.message}); "
                                   "check NEO4J_USER and NEO4J_PASSWORD") from error
        if isinstance(error, ServiceUnavailable | SessionExpired):
            raise StoreUnavailable(f"{self.doing}: Neo4j is not reachable ({error}); "
                                   "start it with `kg neo4j start` or check NEO4J_URI") from error
        if isinstance(error, Neo4jError | DriverError):
            raise StoreError(f"{self.doing}: {error}") from error
        return False
