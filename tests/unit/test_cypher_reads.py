"""The pure read-query builders of the Neo4j store (no server needed; tests/integration/test_neo4j_store.py
has Neo4j plan each of them)."""

from __future__ import annotations

import re

import pytest

from kg.model import RELATION_TYPES
from kg.stores import cypher_reads

# Each builder with what the store passes it and the columns the store reads from its rows.
QUERIES = {
    "entities_by_id": ({"ids"}, ["entity"]),
    "evidence_of_relations": ({"ids"}, ["ev"]),
    "evidence_counts": ({"ids"}, ["id", "n"]),
    "documents": (set(), ["d"]),
    "mentions_of_entity": ({"id"}, ["m"]),
    "entity_keys": ({"label", "q"}, ["id", "label", "name"]),
    "entity_keys_in_documents": ({"label", "q", "doc_ids"}, ["id", "label", "name"]),
    "relations_of_entity": ({"id"}, ["id", "type", "head", "tail"]),
    "goal_keys": ({"doc_ids"}, ["id", "name"]),
    "goals": ({"ids", "doc_ids"}, ["goal", "measures", "serving"]),
    "goal_serving": ({"id", "doc_ids"}, ["head", "id"]),
    "adjacent_entities": ({"ids"}, ["id", "label", "name"]),
    "serves_table": ({"doc_ids"}, ["goal", "member", "evidence"]),
    "documents_by_id": ({"doc_ids"}, ["d"]),
    "relations_among": ({"ids"}, ["id", "type", "head", "tail"]),
    "adjacent": ({"ids"}, ["a", "b"]),
    "relations_between": ({"a", "b"}, ["type", "id", "head", "tail"]),
    "entities_by_label": (set(), ["label", "n"]),
    "relations_by_type": (set(), ["type", "n"]),
    "provenance_counts": (set(), ["documents", "mentions", "evidence"]),
    "graph_version": (set(), ["versions", "entities", "relationships"]),
}


def build(name: str) -> str:
    builder = getattr(cypher_reads, name)
    return builder()


def returned_columns(query: str) -> list[str]:
    """The column names of the query's last RETURN: ``x AS name`` or a bare variable."""
    clause = query[query.rindex("RETURN ") + len("RETURN "):]
    clause = clause.removeprefix("DISTINCT ")
    depth, items, current = 0, [], ""
    for char in clause:  # split on the commas outside brackets
        depth += char in "([{"
        depth -= char in ")]}"
        if char == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    return [re.search(r"(?:\bAS\s+)?(\w+)\s*$", item.strip()).group(1) for item in items]


def test_every_builder_is_listed() -> None:
    predicates = ("entity_projection", "parameters", "in_documents", "stated_in_documents")
    builders = {name for name in cypher_reads.__all__ if name not in predicates}
    assert builders == set(QUERIES)


@pytest.mark.parametrize("name", QUERIES)
def test_parameters_and_columns_are_the_ones_the_store_uses(name: str) -> None:
    expected_parameters, expected_columns = QUERIES[name]
    query = build(name)
    assert cypher_reads.parameters(query) == expected_parameters
    assert returned_columns(query) == expected_columns


@pytest.mark.parametrize("name", QUERIES)
def test_every_read_only_reads(name: str) -> None:
    query = build(name)
    assert query.startswith(("MATCH ", "CALL () {"))
    for word in ("CREATE", "MERGE", "SET", "DELETE", "REMOVE", "DETACH", "LOAD", "FOREACH", "IN TRANSACTIONS"):
        assert not re.search(rf"\b{word}\b", query), (word, query)


@pytest.mark.parametrize("name", QUERIES)
def test_every_node_a_match_introduces_names_a_label(name: str) -> None:
    query = build(name)
    for match in re.finditer(r"MATCH \((\w*)(:?)", query):
        variable, colon = match.groups()
        bound_before = re.search(rf"\b{variable}\b", query[:match.start()]) if variable else None
        assert colon == ":" or bound_before, query


@pytest.mark.parametrize("name", ["relations_of_entity", "adjacent_entities", "relations_among", "adjacent",
                                  "relations_between", "relations_by_type"])
def test_walks_follow_only_the_knowledge_graph_s_relationships(name: str) -> None:
    """Never the provenance links (IN_DOCUMENT, MENTION_OF …): a path or a neighbour is a fact."""
    patterns = re.findall(r"-\[\w*:([A-Z_|]+)[^\]]*\]-", build(name))
    assert patterns and all(pattern.split("|") == list(RELATION_TYPES) for pattern in patterns)


def test_entity_projection_reads_what_an_entity_record_needs() -> None:
    projection = cypher_reads.entity_projection("g")
    assert projection.startswith("g {.id, .label, .name, documents: [(g)-[:IN_DOCUMENT]->(d:Document) | d.doc_id]")
    assert "l.mention_count" in projection and "l.attrs_json <> '{}'" in projection
    with pytest.raises(ValueError):
        cypher_reads.entity_projection("g}) DETACH DELETE (x")


def test_document_predicates_take_only_variables() -> None:
    assert cypher_reads.in_documents("g").startswith("($doc_ids IS NULL OR EXISTS { MATCH (g)-[:IN_DOCUMENT]->")
    assert cypher_reads.stated_in_documents("r") == "($doc_ids IS NULL OR any(x IN r.doc_ids WHERE x IN $doc_ids))"
    for bad in ("g) DETACH DELETE (g", "1x", ""):
        with pytest.raises(ValueError):
            cypher_reads.in_documents(bad)
        with pytest.raises(ValueError):
            cypher_reads.stated_in_documents(bad)
