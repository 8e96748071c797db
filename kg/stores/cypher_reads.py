"""The read queries of the Neo4j store, built by small pure functions (each has a unit test).

The reading half of :mod:`kg.stores.cypher` (the graph it describes is there): every query the store reads
with is built here, takes its values as parameters (``$ids``, ``$id``, ``$label``, ``$q``, ``$a``, ``$b``)
and names its columns, which :class:`~kg.stores.neo4j_reads.Neo4jReads` turns into records. Nothing
here writes, and nothing touches a connection.

>>> entities_by_id().startswith("MATCH (e:Entity) WHERE e.id IN $ids RETURN e {.id, .label, .name")
True
"""

from __future__ import annotations

import re

from kg.stores.cypher import relation_pattern

__all__ = [
    "entity_projection",
    "entities_by_id",
    "evidence_of_relations",
    "evidence_counts",
    "documents",
    "mentions_of_entity",
    "entity_keys",
    "entity_keys_in_documents",
    "relations_of_entity",
    "goal_keys",
    "goals",
    "goal_serving",
    "adjacent_entities",
    "serves_table",
    "documents_by_id",
    "in_documents",
    "stated_in_documents",
    "relations_among",
    "adjacent",
    "relations_between",
    "entities_by_label",
    "relations_by_type",
    "provenance_counts",
    "graph_version",
    "parameters",
]

_VARIABLE = re.compile(r"[a-z]\w*")


def entity_projection(node: str) -> str:
    """A map projection of the entity bound to ``node`` with everything an EntityRecord needs: id, label,
    name, the ids of its documents, its mention count summed over them, and ``[doc_id, attrs_json]`` pairs
    only where a document gave attributes (most entities have none, and decoding dominates large answers)."""
    if not _VARIABLE.fullmatch(node):
        raise ValueError(f"not a Cypher variable: {node!r}")
    return (f"{node} {{.id, .label, .name, documents: [({node})-[:IN_DOCUMENT]->(d:Document) | d.doc_id], "
            f"mentions: reduce(n = 0, l IN [({node})-[l:IN_DOCUMENT]->(:Document) | l.mention_count] | n + l), "
            f"attrs: [({node})-[l:IN_DOCUMENT]->(d:Document) WHERE l.attrs_json <> '{{}}' | [d.doc_id, l.attrs_json]]}}")


def entities_by_id() -> str:
    """Column ``entity``: the projection of every entity whose id is in $ids."""
    return f"MATCH (e:Entity) WHERE e.id IN $ids RETURN {entity_projection('e')} AS entity"


def evidence_of_relations() -> str:
    """Column ``ev``: every Evidence node of the relationships whose ids are in $ids."""
    return "MATCH (ev:Evidence) WHERE ev.rel_id IN $ids RETURN ev"


def evidence_counts() -> str:
    """Columns ``id``, ``n``: how many Evidence nodes each relationship in $ids has (none: no row)."""
    return "MATCH (ev:Evidence) WHERE ev.rel_id IN $ids RETURN ev.rel_id AS id, count(*) AS n"


def documents() -> str:
    """Column ``d``: every Document node."""
    return "MATCH (d:Document) RETURN d"


def mentions_of_entity() -> str:
    """Column ``m``: every Mention node of the entity $id."""
    return "MATCH (m:Mention)-[:MENTION_OF]->(:Entity {id: $id}) RETURN m"


def in_documents(node: str) -> str:
    """A predicate: the entity bound to ``node`` is named in one of the documents $doc_ids (any when null)."""
    if not _VARIABLE.fullmatch(node):
        raise ValueError(f"not a Cypher variable: {node!r}")
    return f"($doc_ids IS NULL OR EXISTS {{ MATCH ({node})-[:IN_DOCUMENT]->(d:Document) WHERE d.doc_id IN $doc_ids }})"


def stated_in_documents(relationship: str) -> str:
    """A predicate: the relationship bound to ``relationship`` is stated in one of $doc_ids (any when null)."""
    if not _VARIABLE.fullmatch(relationship):
        raise ValueError(f"not a Cypher variable: {relationship!r}")
    return f"($doc_ids IS NULL OR any(x IN {relationship}.doc_ids WHERE x IN $doc_ids))"


def entity_keys() -> str:
    """Columns ``id``, ``label``, ``name`` of the entities with label $label (any when null) whose folded
    name contains $q: enough to order and page them before anything else is read."""
    return ("MATCH (e:Entity) WHERE ($label IS NULL OR e.label = $label) AND e.name_folded CONTAINS $q "
            "RETURN e.id AS id, e.label AS label, e.name AS name")


def entity_keys_in_documents() -> str:
    """The columns of :func:`entity_keys`, of the entities the documents $doc_ids name: found from their
    documents (an index seek each) rather than by testing every entity of the graph."""
    return ("MATCH (d:Document)<-[:IN_DOCUMENT]-(e:Entity) WHERE d.doc_id IN $doc_ids "
            "AND ($label IS NULL OR e.label = $label) AND e.name_folded CONTAINS $q "
            "RETURN DISTINCT e.id AS id, e.label AS label, e.name AS name")


def relations_of_entity() -> str:
    """Columns ``id``, ``type``, ``head``, ``tail`` of every relationship at either end of the entity $id."""
    return (f"MATCH (:Entity {{id: $id}})-[r:{relation_pattern()}]-(:Entity) "
            "RETURN DISTINCT r.id AS id, type(r) AS type, startNode(r).id AS head, endNode(r).id AS tail")


def goal_keys() -> str:
    """Columns ``id``, ``name`` of every GOAL named in one of $doc_ids (any when null): enough to order and
    page them before anything else is read."""
    return f"MATCH (g:GOAL) WHERE {in_documents('g')} RETURN g.id AS id, g.name AS name"


def goals() -> str:
    """Columns ``goal`` (a projection), ``measures`` (the projections of its HAS_MEASURE ends) and
    ``serving`` (how many entities SERVE it), one row per GOAL whose id is in $ids; with $doc_ids (null:
    every document), the HAS_MEASURE and SERVES those documents state."""
    return (f"MATCH (g:GOAL) WHERE g.id IN $ids RETURN {entity_projection('g')} AS goal, "
            f"[(g)-[r:HAS_MEASURE]->(m:Entity) WHERE {stated_in_documents('r')} | {entity_projection('m')}] "
            f"AS measures, COUNT {{ MATCH (:Entity)-[r:SERVES]->(g) WHERE {stated_in_documents('r')} }} AS serving")


def goal_serving() -> str:
    """Columns ``head``, ``id``: each entity that SERVES the GOAL $id and the relationship's id, where one
    of $doc_ids (any when null) states it."""
    return (f"MATCH (h:Entity)-[r:SERVES]->(:GOAL {{id: $id}}) WHERE {stated_in_documents('r')} "
            "RETURN h.id AS head, r.id AS id")


def serves_table() -> str:
    """Columns ``goal`` and ``member`` ({id, name, label} maps) and ``evidence`` ([doc_id, measure] of each
    Evidence node from $doc_ids, each in its one sentence): every SERVES that one of $doc_ids (any when null) states. One query, no
    entity projections: the whole table is tens of thousands of rows."""
    return (f"MATCH (h:Entity)-[r:SERVES]->(g:GOAL) WHERE {stated_in_documents('r')} "
            "RETURN g {.id, .name, .label} AS goal, h {.id, .name, .label} AS member, "
            "[(ev:Evidence {rel_id: r.id})-[:IN_SENTENCE]->(:Sentence) WHERE $doc_ids IS NULL OR ev.doc_id IN $doc_ids "
            "| [ev.doc_id, ev.measure]] AS evidence")


def documents_by_id() -> str:
    """Column ``d``: the Document nodes whose doc_id is in $doc_ids."""
    return "MATCH (d:Document) WHERE d.doc_id IN $doc_ids RETURN d"


def adjacent_entities() -> str:
    """Columns ``id``, ``label``, ``name`` of every entity related, either way, to an entity in $ids: one hop
    of a breadth-first walk (a variable-length pattern would enumerate every path from a hub instead)."""
    return (f"MATCH (a:Entity)-[:{relation_pattern()}]-(b:Entity) WHERE a.id IN $ids "
            "RETURN DISTINCT b.id AS id, b.label AS label, b.name AS name")


def relations_among() -> str:
    """Columns ``id``, ``type``, ``head``, ``tail`` of every relationship with both ends in $ids."""
    return (f"MATCH (a:Entity)-[r:{relation_pattern()}]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids "
            "RETURN r.id AS id, type(r) AS type, a.id AS head, b.id AS tail")


def adjacent() -> str:
    """Columns ``a``, ``b``: each entity ``a`` in $ids with each entity ``b`` it is related to, either way."""
    return (f"MATCH (a:Entity)-[:{relation_pattern()}]-(b:Entity) WHERE a.id IN $ids "
            "RETURN DISTINCT a.id AS a, b.id AS b")


def relations_between() -> str:
    """Columns ``type``, ``id``, ``head``, ``tail`` of every relationship joining $a and $b, either way."""
    return (f"MATCH (h:Entity)-[r:{relation_pattern()}]->(t:Entity) "
            "WHERE (h.id = $a AND t.id = $b) OR (h.id = $b AND t.id = $a) "
            "RETURN type(r) AS type, r.id AS id, h.id AS head, t.id AS tail")


def entities_by_label() -> str:
    """Columns ``label``, ``n``: how many entities have each label (labels without any: no row)."""
    return "MATCH (e:Entity) RETURN e.label AS label, count(*) AS n"


def relations_by_type() -> str:
    """Columns ``type``, ``n``: how many relationships of the knowledge graph have each type."""
    return f"MATCH (:Entity)-[r:{relation_pattern()}]->(:Entity) RETURN type(r) AS type, count(*) AS n"


def provenance_counts() -> str:
    """Columns ``documents``, ``mentions``, ``evidence``: one row of counts, zeros on an empty graph."""
    return ("CALL () { MATCH (d:Document) RETURN count(d) AS documents } "
            "CALL () { MATCH (m:Mention) RETURN count(m) AS mentions } "
            "CALL () { MATCH (ev:Evidence) RETURN count(ev) AS evidence } "
            "RETURN documents, mentions, evidence")


def graph_version() -> str:
    """Columns ``versions`` (what kg's writes counted on the GraphVersion node), ``entities`` and
    ``relationships`` (from Neo4j's count store, so writes made outside kg that add or remove something
    show too): one row that changes with the graph, read in about a millisecond."""
    return ("CALL () { MATCH (e:Entity) RETURN count(e) AS entities } "
            "CALL () { MATCH (:Entity)-[r]->() RETURN count(r) AS relationships } "
            "CALL () { OPTIONAL MATCH (v:GraphVersion) RETURN collect(v.version) AS versions } "
            "RETURN versions, entities, relationships")


def parameters(query: str) -> set[str]:
    """The names of the parameters ``query`` uses.

    >>> sorted(parameters(relations_between()))
    ['a', 'b']
    """
    return set(re.findall(r"\$(\w+)", query))
