"""The test layers hold: `make test-fast` (``-m "not integration and not corpus"``) leaves out every slow or
service-bound test because each module of tests/integration says it is one."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

INTEGRATION = Path(__file__).resolve().parents[1] / "integration"


def module_marks(path: Path) -> set[str]:
    """The markers of a module's ``pytestmark`` (``pytest.mark.NAME`` or a list of them)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "pytestmark" for t in node.targets):
            values = node.value.elts if isinstance(node.value, ast.List | ast.Tuple) else [node.value]
            return {value.attr for value in values if isinstance(value, ast.Attribute)}
    return set()


@pytest.mark.parametrize("path", sorted(INTEGRATION.glob("test_*.py")), ids=lambda path: path.name)
def test_every_integration_module_is_marked(path: Path) -> None:
    assert "integration" in module_marks(path), f"{path.name}: add pytestmark = [..., pytest.mark.integration]"


def test_module_marks_reads_both_forms(tmp_path: Path) -> None:
    one = tmp_path / "one.py"
    one.write_text("import pytest\npytestmark = pytest.mark.integration\n", encoding="utf-8")
    several = tmp_path / "several.py"
    several.write_text("import pytest\npytestmark = [pytest.mark.neo4j, pytest.mark.integration]\n", encoding="utf-8")
    none = tmp_path / "none.py"
    none.write_text("import pytest\n\n\ndef test_x():\n    pass\n", encoding="utf-8")
    assert module_marks(one) == {"integration"}
    assert module_marks(several) == {"neo4j", "integration"}
    assert module_marks(none) == set()
