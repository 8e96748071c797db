"""The Neo4j store and the API on it, against a real server (``make test`` starts a dedicated one).

Read-only Cypher, provenance in Cypher, an interrupted load, and the API riding out a Neo4j outage. The
semantics every store shares (replacing one document among others too) are in tests/contract/test_store.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from kg.model import ENTITY_LABELS
from kg.stores.neo4j_store import Neo4jStore
from kg_cli import neo4j_server
from tests.fixtures import eid, extraction_d1, extraction_d2, extractions, revised_d1

pytestmark = [pytest.mark.neo4j, pytest.mark.integration]

ROOT = Path(__file__).resolve().parents[2]
NATIONAL = ROOT.parent / "shared" / "corpus" / "cn-gwr-1954-2019.jsonl"


def connect(connection: dict, **options) -> Neo4jStore:
    return Neo4jStore.connect(connection["uri"], connection["user"], connection["password"],
                              connection["database"], **options)


@pytest.fixture
def store(neo4j_connection: dict):
    store = connect(neo4j_connection)
    store.clear()
    store.upsert_many(extractions())
    yield store
    store.close()


@pytest.fixture
def client(store: Neo4jStore):
    with TestClient(create_app(store=store)) as test_client:
        yield test_client


def cypher(client: TestClient, query: str, **body):
    return client.post("/cypher", json={"query": query, **body})


def test_cypher_reads_with_parameters_and_a_row_limit(client: TestClient) -> None:
    response = cypher(client, "MATCH (p:PROJECT)-[:SERVES]->(g:GOAL {name: $goal}) RETURN p.name AS name "
                      "ORDER BY name", parameters={"goal": "产业强市"})
    assert response.status_code == 200, response.text
    assert response.json()["columns"] == ["name"]
    assert ["比亚迪智能制造产业园"] in response.json()["rows"]
    limited = cypher(client, "UNWIND range(1, 50) AS x RETURN x", limit=10).json()
    assert len(limited["rows"]) == 10 and limited["truncated"] is True
    node = cypher(client, "MATCH (g:GOAL) RETURN g LIMIT 1").json()["rows"][0][0]
    assert "GOAL" in node["labels"] and node["properties"]["name"]


@pytest.mark.parametrize("query", [
    "CREATE (n:PROJECT {id: 'x'})",
    "MATCH (n:Entity) SET n.name = 'changed'",
    "MATCH (n) DETACH DELETE n",
    "MERGE (n:ORG {id: 'y'}) RETURN n",
    "CREATE INDEX nope IF NOT EXISTS FOR (n:Entity) ON (n.label)",
    "CREATE USER mallory SET PASSWORD 'secret-secret'",
    "SHOW USERS",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
])
def test_cypher_refuses_writes_administration_and_file_access(client: TestClient, store: Neo4jStore,
                                                              query: str) -> None:
    before = store.stats()
    response = cypher(client, query)
    assert response.status_code == 403, response.text
    assert response.json()["error"] == "forbidden" and response.json()["detail"]
    assert store.stats() == before


def test_cypher_reports_invalid_queries_and_stops_slow_ones(store: Neo4jStore) -> None:
    app = create_app(store=store, settings=Settings(cypher_timeout=1.0))
    with TestClient(app) as client:
        invalid = cypher(client, "MATCH (n RETURN n")
        assert invalid.status_code == 400 and invalid.json()["error"] == "invalid_query"
        started = time.perf_counter()
        slow = cypher(client, "UNWIND range(1, 200000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x)")
        assert slow.status_code == 400 and "longer than" in slow.json()["detail"]
        assert time.perf_counter() - started < 30


def test_provenance_is_queryable_from_a_relationship_to_its_sentence_and_document(client: TestClient) -> None:
    rows = cypher(client, """
        MATCH (p:PROJECT {name: '比亚迪智能制造产业园'})-[r:SERVES]->(g:GOAL)
        MATCH (ev:Evidence {rel_id: r.id})-[:IN_SENTENCE]->(s:Sentence)-[:PART_OF]->(d:Document)
        RETURN d.doc_id, s.text, ev.head_start, ev.head_end, ev.measure""").json()["rows"]
    assert {row[0] for row in rows} == {"d1", "d2"}  # it serves a goal in each document
    texts = {e.document.doc_id: e.document.text for e in extractions()}
    for doc_id, sentence, start, end, _ in rows:
        assert texts[doc_id][start:end] == "比亚迪智能制造产业园" and "比亚迪智能制造产业园" in sentence
    assert {row[4] for row in rows} == {"聚焦聚力先进制造业", None}  # d2's mention sits under no measure
    mentions = cypher(client, """
        MATCH (m:Mention)-[:MENTION_OF]->(o:ORG) RETURN o.name, m.doc_id, m.start, m.end""").json()["rows"]
    assert mentions
    for name, doc_id, start, end in mentions:  # from an entity to where each mention stands
        assert texts[doc_id][start:end] == name


def test_neo4j_plans_every_read_query_as_a_read(store: Neo4jStore) -> None:
    """Each builder of kg.stores.cypher_reads is valid Cypher that Neo4j itself calls a read."""
    from tests.unit.test_cypher_reads import QUERIES, build

    for name, (parameters, _) in QUERIES.items():
        summary = store._driver.execute_query("EXPLAIN " + build(name), dict.fromkeys(parameters, None),
                                              database_=store.database).summary
        assert summary.query_type == "r", name


def graph_census(store: Neo4jStore) -> dict:
    """Everything Neo4j holds, counted: nodes by label set, relationships by type, sentences and links
    included (stats() counts neither), and what the reads answer."""
    nodes = {tuple(sorted(r["labels"])): r["n"] for r in store._read(
        "MATCH (n) RETURN labels(n) AS labels, count(*) AS n")}
    relationships = {r["type"]: r["n"] for r in store._read(
        "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")}
    doc_ids = sorted((r["id"], sorted(r["doc_ids"])) for r in store._read(
        "MATCH (:Entity)-[r]->(:Entity) RETURN r.id AS id, r.doc_ids AS doc_ids"))
    return {"nodes": nodes, "relationships": relationships, "relation_docs": doc_ids, "stats": store.stats(),
            "documents": store.documents(), "entities": store.find_entities(limit=1000)}


def test_replacing_documents_in_one_transaction_leaves_what_a_fresh_load_leaves(neo4j_connection: dict) -> None:
    """A replace writes the new version before it deletes what only the old one had (see kg.stores.cypher):
    nothing may be left over (sentences, links, relationships' doc_ids) or go missing."""
    store = connect(neo4j_connection)
    try:
        store.clear()
        store.upsert_many([revised_d1(), extraction_d2()])
        revised = graph_census(store)
        store.clear()
        store.upsert_many([extraction_d1(), extraction_d2()])
        original = graph_census(store)
        assert revised != original
        store.upsert_many([extraction_d1(), extraction_d2()])  # both again, in one transaction: skipped
        assert graph_census(store) == original
        forget_digests(store)
        store.upsert_many([extraction_d1(), extraction_d2()])  # both replaced by the same versions
        assert graph_census(store) == original
        store.upsert_many([revised_d1(), extraction_d2()])
        assert graph_census(store) == revised
        store.upsert_many([extraction_d2(), extraction_d1()])
        assert graph_census(store) == original
        store.clear()  # one transaction with a document to replace and one new to the graph (created, not merged)
        store.upsert_many([extraction_d1()])
        store.upsert_many([revised_d1(), extraction_d2()])
        assert graph_census(store) == revised
    finally:
        store.close()


def forget_digests(store: Neo4jStore) -> None:
    """As if the documents had been written before kg kept a digest of its writes: they are replaced again."""
    store._driver.execute_query("MATCH (d:Document) REMOVE d.write_digest", database_=store.database)


def provenance_ids(store: Neo4jStore) -> list[str]:
    return sorted(r["id"] for r in store._read("MATCH (n) WHERE n:Mention OR n:Evidence RETURN elementId(n) AS id"))


def test_a_document_written_by_the_same_rows_is_left_as_it_is(neo4j_connection: dict) -> None:
    """Its Document node holds the digest of the rows that wrote it: loading it again reads nothing else,
    writes nothing (not even the graph version readers' caches watch); another version replaces it."""
    store = connect(neo4j_connection)
    try:
        store.clear()
        store.upsert_many([extraction_d1(), extraction_d2()])
        ids, version = provenance_ids(store), store.graph_version()
        store.upsert_many([extraction_d2(), extraction_d1()])
        assert (provenance_ids(store), store.graph_version()) == (ids, version)
        store.upsert_many([revised_d1(), extraction_d2()])
        assert store.graph_version() != version and provenance_ids(store) != ids
        forget_digests(store)  # d2 is replaced by itself: write first, compare, delete nothing
        census = graph_census(store)
        store.upsert_many([extraction_d2()])
        assert graph_census(store) == census
    finally:
        store.close()


def test_every_key_a_write_merges_on_is_a_uniqueness_constraint(store: Neo4jStore) -> None:
    """MERGE on a key without a uniqueness constraint would scan the label and race with another writer."""
    constraints = {(r["labels"][0], r["properties"][0]) for r in store._read(
        "SHOW CONSTRAINTS YIELD labelsOrTypes AS labels, properties, type WHERE type = 'UNIQUENESS' "
        "RETURN labels, properties")}
    assert {("Document", "doc_id"), ("Sentence", "id"), ("Entity", "id")} <= constraints
    assert {(label, "id") for label in ENTITY_LABELS} <= constraints


@pytest.mark.corpus
@pytest.mark.pipeline
@pytest.mark.skipif(not NATIONAL.exists(), reason="../shared/corpus is not beside the project")
def test_an_interrupted_load_leaves_no_partial_document_and_rerunning_completes_it(
        neo4j_connection: dict, tmp_path: Path) -> None:
    store = connect(neo4j_connection)
    store.clear()
    command = [sys.executable, "-m", "kg_cli.cli", "build", str(NATIONAL), "--store", "neo4j",
               "--data-dir", str(tmp_path)]
    build = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while store.stats().documents < 3 and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert build.poll() is None, "the load ended before it could be interrupted"
        os.killpg(build.pid, signal.SIGKILL)
        build.wait()
        interrupted = store.stats().documents
        assert 0 < interrupted < 47
        for document in store.documents():  # every document that landed, landed whole
            counts = store._read(
                "MATCH (d:Document {doc_id: $doc_id}) RETURN "
                "size([(d)<-[:IN_DOCUMENT]-(e:Entity) | e]) AS entities, "
                "size([(h:Entity)-[r]->(:Entity) WHERE $doc_id IN r.doc_ids | r]) AS relations",
                doc_id=document.doc_id)[0]
            assert (counts["entities"], counts["relations"]) == (
                document.entity_count, document.relation_count), document.doc_id
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        completed = store.stats()
        assert completed.documents == 47
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)  # and once more: no change
        assert store.stats() == completed
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
        store.close()


ROUTES = [("GET", "/health", None), ("GET", "/stats", None), ("GET", "/documents", None), ("GET", "/goals", None),
          ("GET", "/goals/产业强市/projects", None), ("GET", "/entities", None), ("GET", "/search?q=比亚迪", None),
          ("GET", f"/entities/{eid('PROJECT', '比亚迪智能制造产业园')}", None),
          ("GET", f"/graph/neighbourhood/{eid('PROJECT', '比亚迪智能制造产业园')}", None),
          ("GET", f"/paths?source={eid('ORG', '比亚迪股份有限公司')}&target={eid('GOAL', '产业强市')}", None),
          ("POST", "/cypher", {"query": "MATCH (n) RETURN count(n)"})]


def test_the_api_answers_503_while_neo4j_is_down_and_recovers_by_itself(neo4j_connection: dict) -> None:
    store = connect(neo4j_connection)
    store.clear()
    store.upsert_many(extractions())
    store.close()
    app = create_app(settings=Settings(store="neo4j"))
    with TestClient(app) as client:
        assert client.get("/health").status_code == 200
        neo4j_server.stop()
        try:
            down = client.get("/goals")
            assert down.status_code == 503
            assert down.json()["error"] == "store_unavailable" and "not reachable" in down.json()["detail"]
            for method, path, body in ROUTES:  # every route fails fast: no retry loop, short timeouts
                started = time.perf_counter()
                response = client.request(method, path, json=body)
                elapsed = time.perf_counter() - started
                assert response.status_code == 503, (path, response.text)
                assert response.json()["error"] == "store_unavailable"
                assert elapsed < 3.0, f"{path}: 503 after {elapsed:.1f} s"
        finally:
            neo4j_server.start()
        deadline = time.monotonic() + 60
        while client.get("/health").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert client.get("/goals").status_code == 200
        assert client.get("/health").json()["documents"] == 2
