"""Read-only Cypher for tools: ``POST /cypher`` runs a user's query through here.

A query must be read-only: administration commands are refused by their first words, and everything
else is planned with ``EXPLAIN`` first — only Neo4j's own verdict ``query_type == "r"`` passes — then run
in a READ transaction (which Neo4j itself also holds to reading) with a timeout and a row limit.
``LOAD CSV`` reads files on the server and is refused too.
"""

from __future__ import annotations

import re
from typing import Any

from kg.errors import CypherInvalid, CypherRefused, StoreError
from kg.stores.neo4j_errors import translate_errors

__all__ = ["CypherRefused", "CypherInvalid", "run_read_only", "to_json"]

# Commands that administer the DBMS (users, roles, databases, servers, transactions); CREATE and DROP
# of those too, while CREATE (n) and DROP INDEX are left to EXPLAIN, which reports them as writes.
ADMINISTRATION = re.compile(
    r"^\s*(?:(?:ALTER|RENAME|GRANT|DENY|REVOKE|SHOW|START|STOP|TERMINATE|ENABLE|DEALLOCATE|REALLOCATE)\b|"
    r"(?:CREATE|DROP)\s+(?:OR\s+REPLACE\s+)?(?:USER|ROLE|DATABASE|COMPOSITE|ALIAS|SERVER)\b)", re.IGNORECASE)
FILE_ACCESS = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)


def _refuse_unless_read_only(session, query: str, parameters: dict[str, Any]) -> None:
    from neo4j.exceptions import ClientError

    if ADMINISTRATION.match(query):
        raise CypherRefused("administration commands are refused: POST /cypher only reads the graph")
    if FILE_ACCESS.search(query):
        raise CypherRefused("LOAD CSV reads files on the server and is refused: POST /cypher only reads the graph")
    try:
        summary = session.run(f"EXPLAIN {query}", parameters).consume()
    except ClientError as error:
        if "SyntaxError" in (error.code or ""):
            raise CypherInvalid(f"invalid Cypher: {error.message}") from error
        raise CypherRefused(f"refused: only read queries may run here ({error.message})") from error
    if summary.query_type != "r":
        kinds = {"rw": "reads and writes", "w": "writes", "s": "changes the schema"}
        raise CypherRefused(f"refused: the query {kinds.get(summary.query_type, 'is not read-only')}; "
                            "POST /cypher only reads the graph")


def run_read_only(driver, database: str, query: str, parameters: dict[str, Any] | None, *,
                  timeout: float, row_limit: int) -> dict[str, Any]:
    """{"columns", "rows" (at most ``row_limit``), "truncated"} for a read-only query."""
    from neo4j import unit_of_work
    from neo4j.exceptions import ClientError, Neo4jError

    parameters = parameters or {}

    @unit_of_work(timeout=timeout)  # the server stops the transaction when it runs longer
    def read(tx):
        result = tx.run(query, parameters)
        rows = []
        for record in result:
            if len(rows) == row_limit:
                result.consume()
                return list(result.keys()), rows, True
            rows.append([to_json(value) for value in record.values()])
        return list(result.keys()), rows, False

    with translate_errors("running Cypher"), driver.session(database=database, default_access_mode="READ") as s:
        _refuse_unless_read_only(s, query, parameters)
        try:
            columns, rows, truncated = s.execute_read(read)
        except ClientError as error:
            code = error.code or ""
            if "Forbidden" in code or "AccessMode" in code or "Security" in code:
                raise CypherRefused(f"refused: {error.message}") from error
            if "Timeout" in code or "TransactionTimedOut" in code:
                raise CypherInvalid(f"the query ran longer than {timeout:g} s and was stopped") from error
            raise CypherInvalid(error.message or str(error)) from error
        except Neo4jError as error:
            raise StoreError(f"running Cypher: {error}") from error
    return {"columns": columns, "rows": rows, "truncated": truncated}


def to_json(value: Any) -> Any:
    """Nodes, relationships, paths and temporal values as plain JSON."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"element_id": value.element_id, "labels": sorted(value.labels), "properties": to_json(dict(value))}
    if isinstance(value, Relationship):
        return {"element_id": value.element_id, "type": value.type, "start": value.start_node.element_id,
                "end": value.end_node.element_id, "properties": to_json(dict(value))}
    if isinstance(value, Path):
        return {"nodes": [to_json(n) for n in value.nodes], "relationships": [to_json(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # dates, times, durations, points
