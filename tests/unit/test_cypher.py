"""The pure Cypher builders of the Neo4j store (no server needed)."""

from __future__ import annotations

import re

import pytest

from kg.model import ENTITY_LABELS, RELATION_TYPES
from kg.stores import cypher


def test_every_entity_label_has_a_uniqueness_constraint_and_names_a_cjk_fulltext_index() -> None:
    statements = cypher.schema_statements()
    for label in ENTITY_LABELS:
        assert any(f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" in s for s in statements), label
    assert any("FULLTEXT INDEX" in s and "'cjk'" in s for s in statements)
    assert all("IF NOT EXISTS" in s for s in statements)  # running it twice is harmless


def test_every_node_a_document_replace_deletes_by_doc_id_is_found_through_an_index() -> None:
    statements = cypher.schema_statements()
    for label in ("Mention", "Evidence", "Sentence"):
        assert any(f"FOR (n:{label}) ON (n.doc_id)" in s for s in statements), label
    assert any("FOR (d:Document) REQUIRE d.doc_id IS UNIQUE" in s for s in statements)
    for statement in cypher.drop_document_statements():  # each delete starts from an indexed doc_id
        assert re.search(r"MATCH \((n|d)?:(Evidence|Mention|Sentence|Document) \{doc_id: doc_id\}\)", statement), statement


@pytest.mark.parametrize("label", ENTITY_LABELS)
def test_entity_merge_is_batched_labelled_and_keyed_by_id(label: str) -> None:
    query = cypher.merge_entities(label)
    assert query.startswith("UNWIND $rows AS row")
    assert f"MERGE (e:{label} {{id: row.id}})" in query
    assert "MATCH (d:Document {doc_id: row.doc_id})" in query


@pytest.mark.parametrize("relation_type", RELATION_TYPES)
def test_relation_merge_matches_labelled_ends_and_records_the_document_once(relation_type: str) -> None:
    query = cypher.merge_relations(relation_type)
    assert "MATCH (h:Entity {id: row.head}) MATCH (t:Entity {id: row.tail})" in query
    assert f"MERGE (h)-[r:{relation_type} {{id: row.id}}]->(t)" in query
    assert "WHEN row.doc_id IN coalesce(r.doc_ids, []) THEN r.doc_ids" in query


def test_labels_and_types_outside_the_model_are_refused() -> None:
    with pytest.raises(ValueError):
        cypher.merge_entities("Person) DETACH DELETE (x")
    with pytest.raises(ValueError):
        cypher.merge_relations("KNOWS")


def test_dropping_a_document_prunes_relationships_before_entities() -> None:
    statements = cypher.drop_document_statements()
    relationship_step = next(i for i, s in enumerate(statements) if "r.doc_ids" in s)
    entity_step = next(i for i, s in enumerate(statements) if "[l:IN_DOCUMENT]-(e:Entity)" in s)
    assert relationship_step < entity_step
    assert all(s.startswith("UNWIND $doc_ids AS doc_id") for s in statements)


def test_every_node_a_match_or_merge_introduces_names_a_label() -> None:
    queries = [*cypher.drop_document_statements(), cypher.merge_documents(), cypher.merge_sentences(),
               cypher.old_mentions(), cypher.old_evidence(), cypher.unsupport_relations(), cypher.delete_unused_sentences(),
               cypher.unlink_stale_entities(),
               cypher.create_mentions(), cypher.create_evidence(),
               *(cypher.merge_entities(label) for label in ENTITY_LABELS),
               cypher.create_sentences(), *(cypher.create_entity_links(label) for label in ENTITY_LABELS),
               *(cypher.merge_relations(t) for t in RELATION_TYPES)]
    for query in queries:
        for match in re.finditer(r"(?:MATCH|MERGE) \((\w*)(:?)", query):
            variable, colon = match.groups()
            bound_before = re.search(rf"\b{variable}\b", query[:match.start()]) if variable else None
            assert colon == ":" or bound_before, query


def test_a_replace_finds_what_it_deletes_by_element_id_or_an_indexed_doc_id() -> None:
    by_element_id = [cypher.delete_nodes(), cypher.delete_empty_relations()]
    for statement in by_element_id:
        assert statement.startswith("UNWIND $ids AS id MATCH") and "WHERE elementId(" in statement, statement
    assert "MATCH (s:Sentence {doc_id: doc_id})" in cypher.delete_unused_sentences()
    assert "MATCH (:Document {doc_id: row.doc_id})<-[l:IN_DOCUMENT]-(e:Entity)" in cypher.unlink_stale_entities()
    assert "MATCH (m:Mention {doc_id: doc_id})-[:MENTION_OF]->(e:Entity)" in cypher.old_mentions()
    assert "MATCH (ev:Evidence {doc_id: doc_id})" in cypher.old_evidence()
    # the reads before the writes delete no node (a node deleted early slows every later index seek)
    assert "DELETE" not in cypher.old_mentions() + cypher.old_evidence() + cypher.unsupport_relations()
    assert "RETURN collect(elementId(r)) AS ids" in cypher.unsupport_relations()


def test_a_replace_merges_sentences_and_their_document_link() -> None:
    query = cypher.merge_sentences()
    assert "MERGE (s:Sentence {id: row.id})" in query and "MERGE (s)-[:PART_OF]->(d)" in query
    assert "CREATE" not in query


@pytest.mark.parametrize("label", ENTITY_LABELS)
def test_a_new_document_creates_what_a_replace_merges_with_the_same_properties(label: str) -> None:
    """A document new to the graph creates its sentences and its entities' IN_DOCUMENT links (neither can
    exist yet); entities stay merged (other documents share them). Same keys and properties as the merges."""
    merged, created = cypher.merge_entities(label), cypher.create_entity_links(label)
    entity = f"MERGE (e:{label} {{id: row.id}}) SET e:Entity, e.label = row.label, e.name = row.name, " \
             "e.name_folded = row.name_folded"
    assert entity in merged and entity in created
    assert "MERGE (e)-[l:IN_DOCUMENT]->(d) SET l.mention_count = row.mention_count, l.attrs_json = row.attrs_json" \
        in merged
    assert "CREATE (e)-[:IN_DOCUMENT {mention_count: row.mention_count, attrs_json: row.attrs_json}]->(d)" in created
    sentences = cypher.create_sentences()
    assert "CREATE (s:Sentence {id: row.id, doc_id: row.doc_id, text: row.text, start: row.start, end: row.end})" \
        in sentences and "CREATE (s)-[:PART_OF]->(d)" in sentences and "MERGE" not in sentences
    assert all(f"s.{name} = row.{name}" in cypher.merge_sentences() for name in ("doc_id", "text", "start", "end"))


def test_the_old_provenance_reads_return_every_field_a_new_row_is_compared_on() -> None:
    from kg.model import Evidence, Mention

    # a mention's attrs are compared as the JSON text the node holds (a map cannot be a property)
    mention_fields = set(Mention("d", 0, 1, "a", "a", 0, 1).to_dict()) - {"attrs"} | {"entity_id", "attrs_json"}
    evidence_fields = set(Evidence("d", "s", 0, 1, 0, 1, 0, 1).to_dict()) | {"rel_id"}
    assert set(cypher.MENTION_KEY) == mention_fields and set(cypher.EVIDENCE_KEY) == evidence_fields
    # each old node comes back as [element id, its fields in the key's order]
    mention_columns = ", ".join("e.id" if f == "entity_id" else f"m.{f}" for f in cypher.MENTION_KEY)
    assert f"RETURN collect([elementId(m), {mention_columns}]) AS rows" in cypher.old_mentions()
    evidence_columns = ", ".join(f"ev.{f}" for f in cypher.EVIDENCE_KEY)
    assert f"RETURN collect([elementId(ev), {evidence_columns}]) AS rows" in cypher.old_evidence()


def test_a_replace_writes_only_the_changed_rows_and_deletes_only_the_vanished_nodes() -> None:
    from kg.stores.neo4j_store import _unchanged_removed

    key = ("doc_id", "start", "text")
    old = [["a", "d", 0, "x"], ["b", "d", 5, "y"], ["c", "d", 5, "y"]]  # two equal nodes: each matches once
    new = [{"doc_id": "d", "start": 5, "text": "y", "sentence_id": "d:0:9"},
           {"doc_id": "d", "start": 7, "text": "z", "sentence_id": "d:0:9"}]
    added, removed = _unchanged_removed(new, old, key)
    assert added == [new[1]]
    assert sorted(removed) == ["a", "b"] or sorted(removed) == ["a", "c"]
    assert _unchanged_removed(new, [], key) == (new, [])


def test_a_document_row_carries_the_digest_of_its_writes() -> None:
    """The digest covers every statement and row of a document, not the digest field itself; another
    version of the document has another digest."""
    from kg.stores.neo4j_store import Rows
    from tests.fixtures import extraction_d1, revised_d1

    def rows(extraction) -> Rows:
        built = Rows()
        built.add(extraction)
        return built

    first = rows(extraction_d1())
    digest = first.digest()
    assert first.documents[0]["write_digest"] == digest == first.digest() == rows(extraction_d1()).digest()
    assert rows(revised_d1()).digest() != digest
    assert "SET d.write_digest = row.write_digest" in cypher.merge_documents()
    assert "d.write_digest AS digest" in cypher.document_digests()


def test_the_writers_batches_run_with_their_expressions_interpreted() -> None:
    """Every UNWIND batch goes through Neo4jStore._run with the option (see cypher.BATCH_OPTIONS); that the
    server accepts it is what the contract tests on Neo4j show."""
    from kg.stores.neo4j_store import Neo4jStore

    class Transaction:
        def __init__(self) -> None:
            self.queries: list[str] = []

        def run(self, query: str, **parameters):
            self.queries.append(query)
            return self

        def consume(self):
            return type("Summary", (), {"counters": type("Counters", (), {"relationships_created": 2})()})()

    tx = Transaction()
    store = Neo4jStore.__new__(Neo4jStore)
    store.batch_size = 2
    assert store._batches(tx, cypher.merge_documents(), [{"doc_id": str(i)} for i in range(5)]) == 6
    assert tx.queries == [cypher.BATCH_OPTIONS + cypher.merge_documents()] * 3
    assert re.fullmatch(r"CYPHER expressionEngine=interpreted ", cypher.BATCH_OPTIONS)
