"""Shared pytest setup.

Its presence in the ``tests`` package makes pytest put the project root on ``sys.path``, so test modules
can ``import tests.fixtures``. It also provides ``neo4j_connection``: a Neo4j the tests may empty.
"""

from __future__ import annotations

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"


def missing(reason: str) -> None:
    """Skip locally; in CI a missing service is a failure, not a skip."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing service fails the run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def neo4j_connection() -> dict:
    """Connection settings of a Neo4j that the tests may clear.

    Only a server the test run owns qualifies: ``KG_TEST_NEO4J=1`` says so. ``make test`` sets it and
    starts a dedicated instance (its own cache directory and ports 7688/7475), so the graph you explore
    on 7687 is never touched.
    """
    if os.environ.get("KG_TEST_NEO4J") != "1":
        missing("no test Neo4j: run the suite with `make test`, which starts one (or set KG_TEST_NEO4J=1 "
                "for a server the tests may empty)")
    from kg.errors import StoreUnavailable
    from kg.stores.settings import connection_settings
    from kg_cli.neo4j_server import check_connection

    settings = connection_settings()
    try:
        check_connection(settings)
    except StoreUnavailable as error:
        missing(f"the test Neo4j does not answer: {error}")
    return settings
