"""No module binds one of its constants twice at module level: a function reads the name when it runs, so
the later binding silently replaces the earlier one for every user of the name (tagger.py had FIGURE and
CLAUSE_START twice, so one rule read another rule's pattern). ruff does not report a rebound assignment."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(path for package in ("kg", "pipelines", "api", "kg_cli") for path in (ROOT / package).rglob("*.py"))


def constants_bound_twice(source: str) -> list[str]:
    """The UPPER_CASE names that more than one module-level statement binds."""
    bound: Counter[str] = Counter()
    for statement in ast.parse(source).body:
        targets = statement.targets if isinstance(statement, ast.Assign) else \
            [statement.target] if isinstance(statement, ast.AnnAssign) else []
        for target in targets:
            for node in ast.walk(target):
                if isinstance(node, ast.Name) and node.id.isupper():
                    bound[node.id] += 1
    return sorted(name for name, count in bound.items() if count > 1)


def test_a_constant_bound_twice_is_found() -> None:
    assert constants_bound_twice("A = 1\nB: int = 2\nA, C = 3, 4\nd = 5\nd = 6\n") == ["A"]


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_module_binds_a_constant_twice(path: Path) -> None:
    assert constants_bound_twice(path.read_text(encoding="utf-8")) == []
