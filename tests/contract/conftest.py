"""The API contract suite runs once per store kind.

To run it against another store, add one entry to ``STORE_BUILDERS``: a function that takes a scratch
directory and returns that store, already holding :func:`tests.fixtures.extractions`. Wrap the kind in
``pytest.param(..., marks=pytest.mark.integration)`` in ``STORE_KINDS`` if it needs a live service.
"""

from __future__ import annotations

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


STORE_BUILDERS: dict[str, Callable[[Path], GraphStore]] = {
    "networkx": _networkx_store,
}
STORE_KINDS = list(STORE_BUILDERS)


@pytest.fixture(scope="module", params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """A store of each kind holding the two fixture documents; the API suite only reads from it."""
    built = STORE_BUILDERS[request.param](tmp_path_factory.mktemp(f"store-{request.param}"))
    yield built
    built.close()


@pytest.fixture(scope="module")
def client(store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(store=store)) as test_client:
        yield test_client
