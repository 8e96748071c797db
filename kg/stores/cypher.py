"""Cypher for the Neo4j store, built by small pure functions (each has a unit test).

The graph in Neo4j:

    (:Entity:PROJECT {id, label, name, name_folded})     one node per real-world thing (also GOAL, …)
    (:Entity)-[:IN_DOCUMENT {mention_count, attrs_json}]->(:Document {doc_id, title, year, source, place,
                                                                     places, place_ids, level, kind, …})
    (:Entity)-[:SERVES {id, doc_ids}]->(:Entity)          one relationship per (type, head, tail)
    (:PLACE)-[:WITHIN {id, doc_ids}]->(:PLACE)             the place hierarchy: no Evidence
    (:Mention {doc_id, start, end, text, …, attrs_json})-[:MENTION_OF]->(:Entity)
    (:Mention)-[:IN_SENTENCE]->(:Sentence {id, doc_id, text, start, end})-[:PART_OF]->(:Document)
    (:Evidence {rel_id, doc_id, head_start, …, measure})-[:IN_SENTENCE]->(:Sentence)

so that provenance is data: from a relationship ``r`` its evidence is
``MATCH (ev:Evidence {rel_id: r.id})-[:IN_SENTENCE]->(s)-[:PART_OF]->(d)``.

The queries that read this graph are built in :mod:`kg.stores.cypher_reads`.

Labels and relationship types can not be parameters in Cypher; every function that puts one into a
query checks it against :mod:`kg.model` first.

>>> merge_entities("PROJECT").startswith("UNWIND $rows AS row MERGE (e:PROJECT {id: row.id})")
True
"""

from __future__ import annotations

from kg.model import ENTITY_LABELS, RELATION_TYPES

__all__ = [
    "PROVENANCE_LABELS",
    "schema_statements",
    "drop_document_statements",
    "MENTION_KEY",
    "EVIDENCE_KEY",
    "old_mentions",
    "old_evidence",
    "unsupport_relations",
    "document_digests",
    "merge_documents",
    "merge_entities",
    "merge_sentences",
    "create_mentions",
    "merge_relations",
    "create_evidence",
    "delete_nodes",
    "delete_unused_sentences",
    "delete_empty_relations",
    "unlink_stale_entities",
    "relation_pattern",
    "bump_graph_version",
    "GRAPH_VERSION_LABEL",
    "BATCH_OPTIONS",
]

PROVENANCE_LABELS = ("Document", "Sentence", "Mention", "Evidence")
FULLTEXT_INDEX = "entity_names"

# How the writer runs its UNWIND batches: with the expressions of each statement interpreted, not compiled.
# Cypher compiles an expression to JVM bytecode once it has run often enough, and on a freshly started server
# that bytecode is more work for the JIT compilers, which share the cores with the extraction workers; each
# batch's expressions are a few property reads per row. Loading both shared corpora into an empty database
# on a server started just before (benchmarks/neo4j_build.py) took 62.5 and 67.2 s of server CPU against 75.1
# and 79.6 s compiled, in two alternating pairs, and 80.0 and 73.1 s in two later runs on a busier machine:
# 2.03-2.21 times the embedded build against 2.11 and 2.38 (replacing every document afterwards, on the
# warmed server: 17.3-22.9 s of server CPU against 21.4 and 23.8 s).
# Not part of a statement's text, so the documents' write digests do not change with it.
BATCH_OPTIONS = "CYPHER expressionEngine=interpreted "


def _label(label: str) -> str:
    if label not in ENTITY_LABELS:
        raise ValueError(f"unknown entity label {label!r}")
    return label


def _relation_type(relation_type: str) -> str:
    if relation_type not in RELATION_TYPES:
        raise ValueError(f"unknown relation type {relation_type!r}")
    return relation_type


def relation_pattern() -> str:
    """The relationship types of the knowledge graph, as a pattern alternation (no provenance links)."""
    return "|".join(RELATION_TYPES)


def schema_statements() -> list[str]:
    """Uniqueness constraints on every label's id, lookup indexes for provenance, the CJK full-text index.
    Every provenance label is indexed on doc_id: replacing a document deletes its nodes by doc_id, and
    without the index each of those deletes scans every node of the label."""
    statements = [f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
                  for label in (*ENTITY_LABELS, "Entity", "Sentence")]
    statements.append("CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.doc_id IS UNIQUE")
    statements += [f"CREATE INDEX {label.lower()}_doc IF NOT EXISTS FOR (n:{label}) ON (n.doc_id)"
                   for label in ("Mention", "Evidence", "Sentence")]
    statements.append("CREATE INDEX evidence_rel IF NOT EXISTS FOR (n:Evidence) ON (n.rel_id)")
    statements.append(
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Entity) ON EACH [n.name] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}")
    return statements


def drop_document_statements() -> list[str]:
    """Forget the documents $doc_ids: their provenance nodes, their support of relationships and
    entities, and whatever no document supports any more. Relationships go before entities, whose links
    find them; every deletion first collects what it deletes (WITH DISTINCT), so no row meets a deleted one."""
    relations = relation_pattern()
    return [
        "UNWIND $doc_ids AS doc_id MATCH (n:Evidence {doc_id: doc_id}) DETACH DELETE n",
        "UNWIND $doc_ids AS doc_id MATCH (n:Mention {doc_id: doc_id}) DETACH DELETE n",
        "UNWIND $doc_ids AS doc_id MATCH (n:Sentence {doc_id: doc_id}) DETACH DELETE n",
        f"UNWIND $doc_ids AS doc_id MATCH (:Document {{doc_id: doc_id}})<-[:IN_DOCUMENT]-(:Entity)-[r:{relations}]->"
        "(:Entity) WHERE doc_id IN r.doc_ids WITH DISTINCT r "
        "SET r.doc_ids = [d IN r.doc_ids WHERE NOT d IN $doc_ids]",
        f"UNWIND $doc_ids AS doc_id MATCH (:Document {{doc_id: doc_id}})<-[:IN_DOCUMENT]-(:Entity)-[r:{relations}]->"
        "(:Entity) WHERE size(r.doc_ids) = 0 WITH DISTINCT r DELETE r",
        "UNWIND $doc_ids AS doc_id MATCH (:Document {doc_id: doc_id})<-[l:IN_DOCUMENT]-(e:Entity) "
        "WITH collect(l) AS links, collect(DISTINCT e) AS entities "
        "FOREACH (l IN links | DELETE l) WITH entities UNWIND entities AS e "
        "WITH e WHERE NOT (e)-[:IN_DOCUMENT]->(:Document) DETACH DELETE e",
        "UNWIND $doc_ids AS doc_id MATCH (d:Document {doc_id: doc_id}) DETACH DELETE d",
    ]


GRAPH_VERSION_LABEL = "GraphVersion"


def bump_graph_version() -> str:
    """Count one more write on the single ``GraphVersion`` node (made on first use): every write transaction
    of the store runs it, so that readers can tell their cached answers from a changed graph
    (:meth:`~kg.stores.neo4j_reads.Neo4jReads.graph_version`)."""
    return (f"MERGE (v:{GRAPH_VERSION_LABEL} {{id: 'kg'}}) "
            "SET v.version = coalesce(v.version, 0) + 1")


# -- replacing documents ------------------------------------------------------------------------------
#
# A document loaded again is replaced inside one transaction: no node is deleted before the last write
# of that transaction. Neo4j (5.x) copies the set of nodes deleted so far in a transaction into a new
# set at every index seek that transaction makes (DefaultNodeValueIndexCursor.removed), so deleting the
# old version first and then writing the new one row by row costs (nodes deleted) x (rows written): 20
# documents took 15 s of server CPU that way against 1.2 s when nothing was deleted yet. So a replace
#   1. reads the old version's Mention and Evidence nodes with their fields (old_mentions, old_evidence),
#      and takes the documents out of every relationship's doc_ids, remembering the relationships left
#      with none (unsupport_relations): relationships, not nodes;
#   2. writes the new version, merging what both versions have (the Document, entities and their
#      IN_DOCUMENT links, sentences, relationships) and creating the mentions and evidence the old version
#      does not have, field for field (a document loaded again unchanged creates none);
#   3. deletes, by element id or per document: the old mentions and evidence the new version does not
#      have, sentences nothing points to any more, relationships still without a document, IN_DOCUMENT
#      links to entities the new version does not name and entities that no document names.

MENTION_KEY = ("entity_id", "doc_id", "start", "end", "text", "sentence", "sentence_start", "sentence_end",
               "attrs_json")  # a mention's attrs (a project's stage …) as the JSON text the node holds
EVIDENCE_KEY = ("rel_id", "doc_id", "sentence", "sentence_start", "sentence_end", "head_start", "head_end",
                "tail_start", "tail_end", "measure")


def old_mentions() -> str:
    """The Mention nodes of $doc_ids, as one record whose ``rows`` is a list of [element id, then every field a
    new mention row has, in MENTION_KEY's order], so the store writes only the mentions that changed and
    deletes only those that went. One list, not a record per node: the driver spends about 50 µs of
    Python per record it decodes (10 s for the 177,000 mentions and evidence of both shared corpora)."""
    columns = ", ".join("e.id" if field == "entity_id" else f"m.{field}" for field in MENTION_KEY)
    return ("UNWIND $doc_ids AS doc_id MATCH (m:Mention {doc_id: doc_id})-[:MENTION_OF]->(e:Entity) "
            f"RETURN collect([elementId(m), {columns}]) AS rows")


def old_evidence() -> str:
    """The Evidence nodes of $doc_ids, as :func:`old_mentions` returns mentions (EVIDENCE_KEY's order)."""
    columns = ", ".join(f"ev.{field}" for field in EVIDENCE_KEY)
    return ("UNWIND $doc_ids AS doc_id MATCH (ev:Evidence {doc_id: doc_id}) "
            f"RETURN collect([elementId(ev), {columns}]) AS rows")


def unsupport_relations() -> str:
    """Take $doc_ids out of the doc_ids of every relationship among their entities; the element ids of
    those left with none, as one list (the new version's merge_relations puts back what it still supports)."""
    return (f"UNWIND $doc_ids AS doc_id MATCH (:Document {{doc_id: doc_id}})<-[:IN_DOCUMENT]-(:Entity)"
            f"-[r:{relation_pattern()}]->(:Entity) WHERE doc_id IN r.doc_ids WITH DISTINCT r "
            "SET r.doc_ids = [d IN r.doc_ids WHERE NOT d IN $doc_ids] "
            "WITH r WHERE size(r.doc_ids) = 0 RETURN collect(elementId(r)) AS ids")


def delete_nodes() -> str:
    return "UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id DETACH DELETE n"


def delete_unused_sentences() -> str:
    """Sentences of $doc_ids that no mention or evidence points to (once the old ones are deleted)."""
    return ("UNWIND $doc_ids AS doc_id MATCH (s:Sentence {doc_id: doc_id}) "
            "WHERE NOT (s)<-[:IN_SENTENCE]-() DETACH DELETE s")


def delete_empty_relations() -> str:
    """Of the relationships $ids (from unsupport_relations), those that still have no document."""
    return ("UNWIND $ids AS id MATCH ()-[r]->() WHERE elementId(r) = id AND size(r.doc_ids) = 0 "
            "WITH DISTINCT r DELETE r")


def unlink_stale_entities() -> str:
    """Rows {doc_id, keep: {entity id: true}}: drop the document's IN_DOCUMENT links to entities not in
    ``keep``, then delete those entities that no document names any more."""
    return ("UNWIND $rows AS row MATCH (:Document {doc_id: row.doc_id})<-[l:IN_DOCUMENT]-(e:Entity) "
            "WHERE row.keep[e.id] IS NULL "
            "WITH collect(l) AS links, collect(DISTINCT e) AS entities "
            "FOREACH (l IN links | DELETE l) WITH entities UNWIND entities AS e "
            "WITH e WHERE NOT (e)-[:IN_DOCUMENT]->(:Document) DETACH DELETE e")


def document_digests() -> str:
    """The documents of $doc_ids already in the graph, with the digest of the rows that wrote them (null
    when written before kg kept one)."""
    return ("UNWIND $doc_ids AS doc_id MATCH (d:Document {doc_id: doc_id}) "
            "RETURN d.doc_id AS doc_id, d.write_digest AS digest")


def merge_documents() -> str:
    return ("UNWIND $rows AS row MERGE (d:Document {doc_id: row.doc_id}) "
            "SET d.write_digest = row.write_digest, d.title = row.title, d.year = row.year, d.source = row.source, d.length = row.length, "
            "d.entity_count = row.entity_count, d.relation_count = row.relation_count, "
            "d.place = row.place, d.place_id = row.place_id, d.places = row.places, d.place_ids = row.place_ids, "
            "d.level = row.level, d.kind = row.kind")


def _entity_and_its_document(label: str) -> str:
    return (f"UNWIND $rows AS row MERGE (e:{_label(label)} {{id: row.id}}) "
            "SET e:Entity, e.label = row.label, e.name = row.name, e.name_folded = row.name_folded "
            "WITH e, row MATCH (d:Document {doc_id: row.doc_id}) ")


def merge_entities(label: str) -> str:
    """Rows {id, label, name, name_folded, doc_id, mention_count, attrs_json} of one label."""
    return (_entity_and_its_document(label) +
            "MERGE (e)-[l:IN_DOCUMENT]->(d) SET l.mention_count = row.mention_count, l.attrs_json = row.attrs_json")


def create_entity_links(label: str) -> str:
    """As :func:`merge_entities`, for documents new to the graph: their IN_DOCUMENT links cannot exist yet,
    so they are created, not merged (a merge looks among the entity's links first)."""
    return (_entity_and_its_document(label) +
            "CREATE (e)-[:IN_DOCUMENT {mention_count: row.mention_count, attrs_json: row.attrs_json}]->(d)")


def create_sentences() -> str:
    """As :func:`merge_sentences`, for documents new to the graph (a sentence's id names its document, so
    none of theirs can exist yet)."""
    return ("UNWIND $rows AS row MATCH (d:Document {doc_id: row.doc_id}) "
            "CREATE (s:Sentence {id: row.id, doc_id: row.doc_id, text: row.text, start: row.start, end: row.end}) "
            "CREATE (s)-[:PART_OF]->(d)")


def merge_sentences() -> str:
    """Sentences are keyed by id (doc_id:start:end), so a document loaded again keeps the ones it still has."""
    return ("UNWIND $rows AS row MATCH (d:Document {doc_id: row.doc_id}) MERGE (s:Sentence {id: row.id}) "
            "SET s.doc_id = row.doc_id, s.text = row.text, s.start = row.start, s.end = row.end "
            "MERGE (s)-[:PART_OF]->(d)")


def create_mentions() -> str:
    return ("UNWIND $rows AS row MATCH (e:Entity {id: row.entity_id}) MATCH (s:Sentence {id: row.sentence_id}) "
            "CREATE (m:Mention {doc_id: row.doc_id, start: row.start, end: row.end, text: row.text, "
            "sentence: row.sentence, sentence_start: row.sentence_start, sentence_end: row.sentence_end, "
            "attrs_json: row.attrs_json}) "
            "CREATE (m)-[:MENTION_OF]->(e) CREATE (m)-[:IN_SENTENCE]->(s)")


def merge_relations(relation_type: str) -> str:
    """Rows {id, head, tail, doc_id} of one type; the row's document joins the relationship's supporters."""
    return (f"UNWIND $rows AS row MATCH (h:Entity {{id: row.head}}) MATCH (t:Entity {{id: row.tail}}) "
            f"MERGE (h)-[r:{_relation_type(relation_type)} {{id: row.id}}]->(t) "
            "SET r.doc_ids = CASE WHEN row.doc_id IN coalesce(r.doc_ids, []) THEN r.doc_ids "
            "ELSE coalesce(r.doc_ids, []) + row.doc_id END")


def create_evidence() -> str:
    return ("UNWIND $rows AS row MATCH (s:Sentence {id: row.sentence_id}) "
            "CREATE (ev:Evidence {rel_id: row.rel_id, doc_id: row.doc_id, sentence: row.sentence, "
            "sentence_start: row.sentence_start, sentence_end: row.sentence_end, head_start: row.head_start, "
            "head_end: row.head_end, tail_start: row.tail_start, tail_end: row.tail_end, measure: row.measure}) "
            "CREATE (ev)-[:IN_SENTENCE]->(s)")

