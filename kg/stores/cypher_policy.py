"""What POST /cypher lets through: Neo4j's own plan of a query, checked against allowlists.

A user's query is planned with ``EXPLAIN`` (nothing runs) and accepted only when

* Neo4j calls it a read (``query_type == "r"``);
* every operator of the plan is on the allowlist ``data/cypher_operators.txt`` and runs on kg's
  database (no ``USE`` of another one): this refuses writes, ``LOAD CSV``, ``CALL { … } IN TRANSACTIONS``,
  ``SHOW``/``TERMINATE`` commands and administration, whatever comments, case, Unicode spaces or
  backticks the text uses, since the plan is what Neo4j will run;
* every procedure it calls is on the allowlist ``data/cypher_procedures.txt`` (the full-text index and
  schema look-ups; not ``db.stats.*``, ``db.createLabel``, ``dbms.*`` …);
* no expression does unbounded work inside one row (:data:`UNBOUNDED`): Neo4j checks its timeout and
  memory limit between rows, not while it evaluates one expression, so ``reduce()``, ``range()`` outside
  ``UNWIND``, ``replace()``, regular expressions and iteration nested in iteration are refused.

:func:`text_refusal` looks at the text first, only to give a friendlier message for the common cases
(``LOAD CSV``, administration, ``EXPLAIN``); :func:`plan_refusal` decides.

>>> text_refusal("/* x */ SHOW TRANSACTIONS") is not None
True
>>> plan_refusal({"operatorType": "ProduceResults@neo4j", "args": {"Details": "n"}, "children": [
...     {"operatorType": "AllNodesScan@neo4j", "args": {"Details": "n"}}]}, "r", "neo4j") is None
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any

__all__ = ["allowed_operators", "allowed_procedures", "code_of", "text_refusal", "plan_refusal", "UNBOUNDED"]

READ_ONLY = "POST /cypher only reads the graph"
ADMINISTRATION = ("administration commands (SHOW, TERMINATE, users, roles, databases, settings) are refused: "
                  + READ_ONLY)
FILE_ACCESS = "LOAD CSV reads files and URLs from the server and is refused: " + READ_ONLY
IN_TRANSACTIONS = "CALL { … } IN TRANSACTIONS commits batches of its own and is refused: " + READ_ONLY
EXPLAIN_PROFILE = "EXPLAIN and PROFILE are not run here: send the query itself"
OTHER_DATABASE = "the query uses another database ({}); POST /cypher reads kg's database only"
KINDS = {"rw": "reads and writes", "w": "writes", "s": "changes the schema or administers the DBMS"}

# The text with comments, string literals and `quoted names` blanked, so keywords can be looked for.
_TOKENS = re.compile(r"//[^\n\r\u2028\u2029]*|/\*.*?(?:\*/|\Z)|'(?:[^'\\]|\\.)*(?:'|\Z)|\"(?:[^\"\\]|\\.)*(?:\"|\Z)"
                     r"|`(?:[^`]|``)*(?:`|\Z)", re.S)
_SPACE = re.compile(r"[\s\u200b\u180e\ufeff]+")
_CYPHER_OPTIONS = re.compile(r"^CYPHER(?:\s+(?:\d+(?:\.\d+)?|\w+\s*=\s*\w+))*\s*", re.I)
_ADMIN_START = re.compile(
    r"^(?:(?:ALTER|RENAME|GRANT|DENY|REVOKE|SHOW|START|STOP|TERMINATE|ENABLE|DEALLOCATE|REALLOCATE|DRYRUN)\b|"
    r"(?:CREATE|DROP)\s+(?:OR\s+REPLACE\s+)?(?:USER|ROLE|DATABASE|COMPOSITE|ALIAS|SERVER)\b)", re.I)
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.I)
_IN_TRANSACTIONS = re.compile(r"\bIN\s+(?:\S+\s+CONCURRENT\s+)?TRANSACTIONS\b", re.I)
_USE = re.compile(r"(?:^|[{}])\s*USE\s", re.I)
_EXPLAIN = re.compile(r"^(?:EXPLAIN|PROFILE)\b", re.I)

# Expressions (as the plan prints them, literals already turned into $parameters) whose work inside one
# row has no bound Neo4j enforces: the reduce() kept a core busy for minutes after its timeout,
# and a comprehension over range() exhausted the heap and stopped the server.
UNBOUNDED = {
    "reduce()": (re.compile(r"\breduce\("), "reduce() accumulates inside one row, where the timeout cannot stop it"),
    "range()": (re.compile(r"\brange\("), "range() builds lists inside one row; use it only as UNWIND range(…) AS x"),
    "replace()": (re.compile(r"\breplace\("), "replace() can multiply a string's size inside one row"),
    "=~": (re.compile(r"=~"), "regular expressions can take exponential time; use CONTAINS, STARTS WITH, "
                               "ENDS WITH or the full-text index (db.index.fulltext.queryNodes)"),
}
_ITERATION = re.compile(r"(?:\[|\b(?:all|any|none|single)\()\s*[\w$]+\s+IN\s", re.I)
_PROCEDURE = re.compile(r"^\s*([\w.]+)\s*\(")


@functools.cache
def allowed_operators() -> frozenset[str]:
    """Plan operators a read may use (``kg/stores/data/cypher_operators.txt``)."""
    return frozenset(_read_list("cypher_operators.txt"))


@functools.cache
def allowed_procedures() -> frozenset[str]:
    """Procedures a read may call (``kg/stores/data/cypher_procedures.txt``)."""
    return frozenset(_read_list("cypher_procedures.txt"))


def _read_list(name: str) -> list[str]:
    text = resources.files("kg.stores").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def code_of(query: str) -> str:
    """The query with comments, strings and backticked names blanked and every run of (Unicode)
    whitespace made one space: what keywords can be looked for in.

    >>> code_of("LOAD/* x */CSV // y\\n FROM 'file:///etc/passwd'")
    "LOAD CSV FROM ''"
    """
    def blank(match: re.Match) -> str:
        token = match.group(0)
        return token[0] * 2 if token[0] in "'\"`" else " "

    return _SPACE.sub(" ", _TOKENS.sub(blank, query)).strip()


def text_refusal(query: str) -> str | None:
    """A friendly reason to refuse ``query`` from its text alone, or None (the plan decides anyway)."""
    code = code_of(query)
    start = _CYPHER_OPTIONS.sub("", code)
    if _EXPLAIN.match(start):
        return EXPLAIN_PROFILE
    if _ADMIN_START.match(start):
        return ADMINISTRATION
    if _LOAD_CSV.search(code):
        return FILE_ACCESS
    if _IN_TRANSACTIONS.search(code):
        return IN_TRANSACTIONS
    if _USE.search(start):
        return OTHER_DATABASE.format("USE")
    return None


def plan_refusal(plan: Mapping[str, Any] | None, query_type: str | None, database: str) -> str | None:
    """Why the query planned as ``plan`` may not run on ``database``, or None when it is a plain read."""
    if plan is None:
        return ADMINISTRATION
    if query_type in KINDS:
        return f"refused: the query {KINDS[query_type]}; {READ_ONLY}"
    for operator, details in _operators(plan):
        name, _, where = operator.rpartition("@") if "@" in operator else (operator, "", database)
        if where != database:
            return OTHER_DATABASE.format(where)
        if name not in allowed_operators():
            return _operator_refusal(name)
        if name == "ProcedureCall":
            called = _PROCEDURE.match(details)
            if called is None or called.group(1) not in allowed_procedures():
                shown = called.group(1) if called else details
                return (f"the procedure {shown} is refused: {READ_ONLY}; it may call "
                        + ", ".join(sorted(allowed_procedures())))
        if reason := expression_refusal(name, details):
            return reason
    if query_type != "r":
        return f"refused: the query {KINDS.get(query_type or '', 'is not a read')}; {READ_ONLY}"
    return None


def expression_refusal(operator: str, details: str) -> str | None:
    """Why an operator's expressions (its plan details) could do unbounded work in one row, or None.

    >>> expression_refusal("Unwind", "range($autoint_0, $autoint_1) AS x") is None
    True
    >>> expression_refusal("Projection", "size([a IN r | [b IN r | b]]) AS n")
    'refused: iteration inside iteration ([x IN … | [y IN …]]) multiplies the work of one row'
    """
    code = code_of(details)  # names in `backticks` (aliases) and any literal left in the text are blanked
    if operator == "Unwind" and _is_unwound_range(code):  # rows one at a time: the timeout applies
        code = code[len("range("):]
    for pattern, reason in UNBOUNDED.values():
        if pattern.search(code):
            return f"refused: {reason}"
    if _nested_iteration(code):
        return "refused: iteration inside iteration ([x IN … | [y IN …]]) multiplies the work of one row"
    return None


def _is_unwound_range(code: str) -> bool:
    """``range(…) AS x`` and nothing else: UNWIND hands its numbers out one row at a time."""
    expression, _, _ = code.rpartition(" AS ")
    return (expression.startswith("range(") and _closing(expression, len("range")) == len(expression) - 1
            and "range(" not in expression[len("range("):])


def _closing(code: str, opening: int) -> int:
    """Index of the bracket closing the one at ``opening`` (or the end of the text)."""
    depth = 0
    for index in range(opening, len(code)):
        depth += {"[": 1, "(": 1, "{": 1, "]": -1, ")": -1, "}": -1}.get(code[index], 0)
        if depth == 0:
            return index
    return len(code)


def _nested_iteration(code: str) -> bool:
    """True when a list comprehension or all/any/none/single() stands inside another one."""
    starts = [m.start() for m in _ITERATION.finditer(code)]
    ends = [_closing(code, code.index("[" if code[start] == "[" else "(", start)) for start in starts]
    return any(first < other < end for first, end in zip(starts, ends, strict=True) for other in starts)


def _operators(plan: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    stack = [plan]
    while stack:
        node = stack.pop()
        details = (node.get("args") or {}).get("Details", "")
        yield node.get("operatorType", ""), details if isinstance(details, str) else str(details)
        stack.extend(node.get("children") or [])


def _operator_refusal(name: str) -> str:
    if name == "LoadCSV":
        return FILE_ACCESS
    if name in ("TransactionApply", "TransactionForeach"):
        return IN_TRANSACTIONS
    if name.startswith(("Show", "Terminate")) or "Administration" in name or name.startswith("System"):
        return ADMINISTRATION
    return f"refused: the plan uses {name}, which is not among the read operators POST /cypher allows"
