"""Read-only Cypher for tools: ``POST /cypher`` runs a user's query through here.

What may run is decided by :mod:`kg.stores.cypher_policy` from Neo4j's own plan (``EXPLAIN``): plain
reads, allowlisted operators and procedures, no expression whose work one row could not bound. The query
then runs in one explicit READ transaction (Neo4j itself refuses writes there) that

* the server stops after ``timeout`` seconds (the transaction's timeout; the server's own
  ``db.transaction.timeout`` and ``db.memory.transaction.max`` bound every transaction as well);
* is never retried: a timeout or a memory error is the answer, not a reason to run it again;
* the API gives up on after ``timeout`` + :data:`DEADLINE_MARGIN` seconds whatever the server does,
  by cutting the connection it runs on;
* returns at most ``row_limit`` rows (``truncated`` says when more existed) and ``max_bytes`` of JSON
  (:class:`~kg.errors.CypherTooLarge` past it). Rows are fetched in batches of ``row_limit`` + 1, so
  the server does not compute what would be thrown away.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
from typing import Any

from kg.errors import CypherInvalid, CypherRefused, CypherTooLarge, StoreError
from kg.stores.cypher_policy import EXPLAIN_PROFILE, plan_refusal, text_refusal
from kg.stores.neo4j_errors import translate_errors

__all__ = ["CypherRefused", "CypherInvalid", "CypherTooLarge", "run_read_only", "to_json",
           "DEADLINE_MARGIN", "DEFAULT_MAX_BYTES"]

DEADLINE_MARGIN = 1.0  # seconds the API waits past the timeout before it cuts the connection
DEFAULT_MAX_BYTES = 8_000_000  # of JSON rows in one answer
PLAN_PREFIX = "EXPLAIN\n"  # on its own line: the user's query keeps its columns, one line down
MAX_FETCH = 1000
_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")


def run_read_only(driver, database: str, query: str, parameters: dict[str, Any] | None, *,
                  timeout: float, row_limit: int, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    """{"columns", "rows" (at most ``row_limit``), "truncated"} for a read-only query."""
    from neo4j.exceptions import Neo4jError

    if reason := text_refusal(query):
        raise CypherRefused(reason)
    deadline = None
    try:
        with translate_errors("running Cypher"), driver.session(
                database=database, default_access_mode="READ", fetch_size=min(row_limit + 1, MAX_FETCH)) as session, \
                _Deadline(session, timeout + DEADLINE_MARGIN) as deadline:
            return _run(session, database, query, parameters or {}, timeout, row_limit, max_bytes)
    except StoreError as error:  # the driver's errors, translated (StoreUnavailable when unreachable)
        if deadline is not None and deadline.fired:
            raise CypherInvalid(f"the query ran longer than {timeout:g} s and was stopped") from None
        if isinstance(error.__cause__, Neo4jError):
            _raise_for_code(error.__cause__, timeout)
        raise


def _run(session, database: str, query: str, parameters: dict[str, Any], timeout: float, row_limit: int,
         max_bytes: int) -> dict[str, Any]:
    with session.begin_transaction(timeout=timeout, metadata={"app": "kg POST /cypher"}) as tx:
        plan = _plan(tx, query, parameters)
        if reason := plan_refusal(plan.plan, plan.query_type, database):
            raise CypherRefused(reason)
        result = tx.run(query, parameters)
        rows: list[list[Any]] = []
        size, truncated = 0, False
        for record in result:
            if len(rows) == row_limit:
                truncated = True
                break
            row = [to_json(value) for value in record.values()]
            size += len(json.dumps(row, ensure_ascii=False).encode("utf-8")) + 1
            if size > max_bytes:
                raise CypherTooLarge(f"the answer is larger than {max_bytes:,} bytes; return fewer or smaller "
                                     "values (a lower limit, properties rather than whole nodes)")
            rows.append(row)
        columns = list(result.keys())
        summary = result.consume()
        if summary.plan is not None or summary.profile is not None:  # the query was an EXPLAIN itself
            raise CypherRefused(EXPLAIN_PROFILE)
        tx.rollback()  # nothing to keep: a read
    return {"columns": columns, "rows": rows, "truncated": truncated}


def _plan(tx, query: str, parameters: dict[str, Any]):
    """The EXPLAIN summary of ``query``; its errors read as if the user's own text had been planned."""
    from neo4j.exceptions import Neo4jError

    try:
        return tx.run(PLAN_PREFIX + query, parameters).consume()
    except Neo4jError as error:
        code = error.code or ""
        message = _without_prefix(error.message or str(error), query)
        if "ProcedureNotFound" in code or "Security" in code or "Forbidden" in code:
            raise CypherRefused(f"refused: {message}") from None
        if code.startswith("Neo.ClientError.Statement") or "ParameterMissing" in code:
            raise CypherInvalid(f"invalid Cypher: {message}") from None
        raise


def _without_prefix(message: str, query: str) -> str:
    """Neo4j's message about ``PLAN_PREFIX + query`` as if it were about ``query``: the prefix is gone
    from quoted text, and positions move one line up and ``len(PLAN_PREFIX)`` characters back."""
    message = message.replace(PLAN_PREFIX + query, query)

    def shift(match: re.Match) -> str:
        line, column, offset = (int(group) for group in match.groups())
        return f"(line {max(line - 1, 1)}, column {column} (offset: {max(offset - len(PLAN_PREFIX), 0)}))"

    return _POSITION.sub(shift, message)


def _raise_for_code(error, timeout: float) -> None:
    """Turn an error Neo4j raised while the query ran into CypherInvalid or CypherRefused."""
    code = error.code or ""
    message = error.message or str(error)
    if "TimedOut" in code or "Timeout" in code:
        raise CypherInvalid(f"the query ran longer than {timeout:g} s and was stopped") from None
    if "MemoryPool" in code or "MemoryLimit" in code or "OutOfMemory" in code:
        raise CypherInvalid("the query needed more memory than a query may use and was stopped; "
                            f"ask for less (a LIMIT, fewer collected values): {message}") from None
    if "Forbidden" in code or "AccessMode" in code or "Security" in code:
        raise CypherRefused(f"refused: {message}") from None
    if code.startswith("Neo.ClientError"):
        raise CypherInvalid(message) from None


class _Deadline:
    """Cut ``session``'s connection once ``seconds`` have passed (a timer thread shuts its socket down),
    so a query the server does not stop cannot hold the request: the blocked read fails at once."""

    def __init__(self, session, seconds: float) -> None:
        self.session, self.fired = session, False
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._timer.cancel()

    def _cut(self) -> None:
        self.fired = True
        connection = getattr(self.session, "_connection", None)  # the driver's Bolt connection, if any
        raw = getattr(getattr(connection, "socket", None), "_socket", None)
        if raw is not None:
            with contextlib.suppress(OSError):
                raw.shutdown(socket.SHUT_RDWR)


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
