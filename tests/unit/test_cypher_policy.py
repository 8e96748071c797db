"""What POST /cypher lets through, decided on plans shaped like Neo4j's (no server needed); the same rules
against a real Neo4j are in tests/integration/test_cypher_security.py."""

from __future__ import annotations

import pytest

from kg.stores import cypher_policy as policy
from kg.stores.neo4j_cypher import PLAN_PREFIX, _without_prefix


def plan(*operators: tuple[str, str], database: str = "neo4j") -> dict:
    """A plan whose operators are nested one under the other, as (name, details) pairs."""
    node: dict | None = None
    for name, details in reversed(operators):
        node = {"operatorType": f"{name}@{database}", "args": {"Details": details},
                "children": [node] if node else []}
    return node or {}


READ = plan(("ProduceResults", "n"), ("Filter", "n.name CONTAINS $autostring_0"), ("NodeByLabelScan", "n:Entity"))


def test_a_plain_read_passes() -> None:
    assert policy.plan_refusal(READ, "r", "neo4j") is None


@pytest.mark.parametrize(("query_type", "words"), [("w", "writes"), ("rw", "reads and writes"),
                                                   ("s", "administers"), (None, "not a read")])
def test_anything_but_a_read_is_refused(query_type: str | None, words: str) -> None:
    assert words in policy.plan_refusal(READ, query_type, "neo4j")


@pytest.mark.parametrize(("operator", "words"), [
    ("LoadCSV", "LOAD CSV"), ("TransactionApply", "IN TRANSACTIONS"), ("ShowTransactions", "administration"),
    ("TerminateTransactions", "administration"), ("ShowSettings", "administration"),
    ("AdministrationCommand", "administration"), ("Create", "Create"), ("SomethingNew", "SomethingNew"),
])
def test_operators_off_the_allowlist_are_refused_even_in_a_read(operator: str, words: str) -> None:
    refused = plan(("ProduceResults", "l"), (operator, "l"))
    assert words in policy.plan_refusal(refused, "r", "neo4j")


def test_another_database_is_refused() -> None:
    assert "system" in policy.plan_refusal(plan(("ProduceResults", "n"), database="system"), "r", "neo4j")


@pytest.mark.parametrize("details", ["db.stats.retrieve($autostring_0) :: (section :: STRING, data :: MAP)",
                                     "db.createLabel($autostring_0)", "dbms.components() :: (name :: STRING)",
                                     "db.resampleOutdatedIndexes()", "apoc.load.json($url)", "garbled"])
def test_procedures_off_the_allowlist_are_refused(details: str) -> None:
    refused = policy.plan_refusal(plan(("ProduceResults", "x"), ("ProcedureCall", details)), "r", "neo4j")
    assert "procedure" in refused and "db.index.fulltext.queryNodes" in refused


def test_the_full_text_index_may_be_queried() -> None:
    call = plan(("ProduceResults", "node"),
                ("ProcedureCall", "db.index.fulltext.queryNodes($autostring_0, $autostring_1) :: (node :: NODE)"))
    assert policy.plan_refusal(call, "r", "neo4j") is None


@pytest.mark.parametrize(("operator", "details"), [
    ("Projection", "size(reduce(s = $autostring_1, x IN range($autoint_2, $autoint_3) | s + $autostring_0)) AS n"),
    ("Projection", "range($autoint_0, $autoint_1) AS r"),
    ("Unwind", "range($autoint_0, $autoint_1) + range($autoint_2, $autoint_3) AS x"),
    ("Projection", "replace(s, $autostring_1, s) AS t"),
    ("Filter", "cache[n.name] =~ $autostring_0"),
    ("Projection", "size([a IN r | [b IN r WHERE b > $autoint_2 | $autoint_3]]) AS n"),
    ("Projection", "all(x IN l WHERE any(y IN l WHERE y = x)) AS n"),
])
def test_unbounded_expressions_are_refused(operator: str, details: str) -> None:
    assert policy.expression_refusal(operator, details).startswith("refused: ")


@pytest.mark.parametrize(("operator", "details"), [
    ("Unwind", "range($autoint_0, $autoint_1) AS x"),
    ("Unwind", "range($autoint_0, size(l), $autoint_1) AS x"),
    ("Projection", "[x IN l WHERE x > $autoint_0 | x * $autoint_1] AS a, [y IN l | y] AS b"),
    ("VarLengthExpand(All)", "p = (a)-[anon_0*..3]->(b) WHERE all(r IN relationships(p) WHERE r.x = $autoint_0)"),
    ("Projection", "$autostring_0 AS `reduce(`, `range(x)` AS y"),  # names, not calls
    ("Filter", "n.name IN $autolist_0"),
])
def test_bounded_expressions_pass(operator: str, details: str) -> None:
    assert policy.expression_refusal(operator, details) is None


@pytest.mark.parametrize("query", [
    "LOAD/**/CSV FROM 'file:///etc/passwd' AS l RETURN l", "LOAD // x\nCSV FROM $url AS l RETURN l",
    "load\u3000csv from $url as l return l", "/* x */ SHOW TRANSACTIONS YIELD transactionId, parameters",
    "// x\nTERMINATE TRANSACTIONS 'neo4j-transaction-1'", "CYPHER 5 runtime=slotted SHOW SETTINGS",
    "EXPLAIN MATCH (n) RETURN n", "/**/profile MATCH (n) RETURN n", "USE system SHOW USERS",
    "CALL { USE system MATCH (n) RETURN n } RETURN n", "UNWIND [1] AS x CALL (x) { RETURN x } IN TRANSACTIONS",
    "CREATE OR REPLACE DATABASE x", "GRANT ROLE admin TO mallory",
])
def test_the_text_check_names_common_cases(query: str) -> None:
    assert policy.text_refusal(query)


@pytest.mark.parametrize("query", [
    "MATCH (n) WHERE n.name = 'LOAD CSV' RETURN n", "RETURN \"SHOW USERS\" AS s // EXPLAIN",
    "MATCH (`LOAD CSV`) RETURN 1", "WITH 1 AS use RETURN use", "MATCH (n:Entity) RETURN n.name /* LOAD CSV */",
])
def test_the_text_check_ignores_strings_names_and_comments(query: str) -> None:
    assert policy.text_refusal(query) is None


def test_code_keeps_keywords_and_blanks_the_rest() -> None:
    assert policy.code_of("MATCH (n)\u00a0// c\nWHERE n.x = 'a // b' /* c */ RETURN `x y`") == \
        "MATCH (n) WHERE n.x = '' RETURN ``"


def test_the_allowlists_are_read_from_the_data_files() -> None:
    assert {"ProduceResults", "NodeIndexSeek", "ProcedureCall"} <= policy.allowed_operators()
    assert not {"LoadCSV", "Create", "ShowTransactions"} & policy.allowed_operators()
    assert "db.index.fulltext.queryNodes" in policy.allowed_procedures()
    assert not any(name.startswith(("db.stats", "dbms.")) for name in policy.allowed_procedures())


def test_planning_errors_read_as_if_the_users_query_had_been_planned() -> None:
    query = "MATCH (n RETURN n"
    message = (f'Invalid input \'RETURN\': expected \'WHERE\' (line 2, column 10 (offset: {len(PLAN_PREFIX) + 9}))\n'
               f'"{query}"\n         ^ in "{PLAN_PREFIX}{query}"')
    shown = _without_prefix(message, query)
    assert "(line 1, column 10 (offset: 9))" in shown and "EXPLAIN" not in shown
