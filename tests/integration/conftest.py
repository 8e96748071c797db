"""Markers of the integration tests.

``neo4j``: needs the local Neo4j server of ``kg neo4j install``; skipped locally when it is not installed,
a failure in CI (``CI=true``).
"""

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "neo4j: needs the local Neo4j server (`kg neo4j install`); fails instead of skipping when CI=true")
