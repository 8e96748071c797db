"""The contract suites (the API, and the store's own write and read semantics) run once per store kind.

To run it against another store, add one entry to ``STORE_BUILDERS``: a function that takes a scratch
directory and returns that store, already holding :func:`tests.fixtures.extractions`. Wrap the kind in
``pytest.param(..., marks=pytest.mark.integration)`` in ``STORE_KINDS`` if it needs a live service.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.stores.base import GraphStore
from kg.stores.networkx_store import NetworkXStore
from tests.fixtures import extractions


def _networkx_store(directory: Path) -> GraphStore:
    # Saved and reopened, so the API is served from what persistence gives back, not the build in memory.
    built = NetworkXStore.open(directory)
    built.upsert_many(extractions())
    built.save()
    return NetworkXStore.open(directory)


def _neo4j_store(directory: Path, connection: dict) -> GraphStore:
    from kg.stores.neo4j_store import Neo4jStore

    store = Neo4jStore.connect(connection["uri"], connection["user"], connection["password"],
                               connection["database"])
    store.clear()
    store.upsert_many(extractions())
    return store


STORE_BUILDERS: dict[str, Callable[..., GraphStore]] = {
    "networkx": _networkx_store,
    "neo4j": _neo4j_store,
}
STORE_KINDS = [pytest.param("networkx"), pytest.param("neo4j", marks=[pytest.mark.neo4j, pytest.mark.integration])]


@pytest.fixture(scope="module", params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """A store of each kind holding the two fixture documents; the API suite only reads from it."""
    directory = tmp_path_factory.mktemp(f"store-{request.param}")
    if request.param == "neo4j":
        built = STORE_BUILDERS["neo4j"](directory, request.getfixturevalue("neo4j_connection"))
    else:
        built = STORE_BUILDERS[request.param](directory)
    yield built
    built.close()


@pytest.fixture(scope="module")
def client(store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(store=store)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def neo4j_store(neo4j_connection: dict) -> Iterator[GraphStore]:
    """One connection to the test Neo4j for the store contract tests, which empty it before each test."""
    from kg.stores.neo4j_store import Neo4jStore

    store = Neo4jStore.connect(neo4j_connection["uri"], neo4j_connection["user"], neo4j_connection["password"],
                               neo4j_connection["database"])
    yield store
    store.close()


@pytest.fixture(params=STORE_KINDS)
def empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> GraphStore:
    """An empty store of each kind, for tests that write."""
    if request.param == "neo4j":
        store = request.getfixturevalue("neo4j_store")
        store.clear()
        return store
    return NetworkXStore.open(tmp_path / "graph")


def pytest_terminal_summary(terminalreporter) -> None:
    """How many contract tests passed on each store kind: the same suite, so the numbers must match."""
    passed = Counter()
    for report in terminalreporter.stats.get("passed", []):
        kind = re.search(r"\[(" + "|".join(STORE_BUILDERS) + r")[\]-]", report.nodeid)
        if report.when == "call" and report.nodeid.startswith("tests/contract/") and kind:
            suite = "store" if "/test_store.py" in report.nodeid else "api"
            passed[kind.group(1), suite] += 1
    if passed:
        terminalreporter.write_line("contract tests passed per store: " + ", ".join(
            f"{kind} {passed[kind, 'store']} store + {passed[kind, 'api']} API" for kind in STORE_BUILDERS))


@pytest.fixture(scope="module", params=STORE_KINDS)
def research_client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The API over a store of each kind holding tests.fixtures.research_extractions (places and years)."""
    from tests.fixtures import research_extractions

    if request.param == "neo4j":
        from kg.stores.neo4j_store import Neo4jStore

        connection = request.getfixturevalue("neo4j_connection")
        built = Neo4jStore.connect(connection["uri"], connection["user"], connection["password"],
                                   connection["database"])
        built.clear()
        built.upsert_many(research_extractions())
    else:
        built = NetworkXStore.open(tmp_path_factory.mktemp("research"))
        built.upsert_many(research_extractions())
        built.save()
        built = NetworkXStore.open(built.directory)
    with TestClient(create_app(store=built)) as client:
        yield client
    built.close()
