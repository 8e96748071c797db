"""The answer cache of the API (api/cache.py) on every store kind: an answer is sent again only while the
graph is the one it was made from, whatever writes to the store."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.stores.base import GraphStore
from tests.fixtures import eid, extraction_d1, extraction_d2

HOSPITAL = eid("PROJECT", "坪山区人民医院")


@pytest.fixture
def cached(empty_store: GraphStore, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KG_API_CACHE_TTL", "0")  # Neo4j's version asked on every request, as the embedded one's
    empty_store.upsert(extraction_d1())
    with TestClient(create_app(store=empty_store)) as client:
        yield empty_store, client


def goal_names(client: TestClient) -> tuple[str, list[str]]:
    response = client.get("/goals")
    assert response.status_code == 200
    return response.headers["x-kg-cache"], [goal["name"] for goal in response.json()["items"]]


def test_an_answer_is_sent_again_until_the_graph_changes(cached) -> None:
    store, client = cached
    assert goal_names(client) == ("miss", ["产业强市"])
    assert goal_names(client) == ("hit", ["产业强市"])
    assert client.get("/stats").headers["x-kg-cache"] == "miss"
    assert client.get("/stats").json()["documents"] == 1
    assert client.get(f"/entities/{HOSPITAL}").status_code == 404  # only in d2
    store.upsert(extraction_d2())
    assert client.get("/stats").json()["documents"] == 2
    assert client.get(f"/entities/{HOSPITAL}").status_code == 200
    assert goal_names(client) == ("miss", ["产业强市", "民生幸福"])
    store.remove_document("d1")
    assert goal_names(client) == ("miss", ["民生幸福"])
    store.clear()
    assert goal_names(client) == ("miss", [])


def test_errors_and_health_are_never_kept(cached) -> None:
    _, client = cached
    for _ in range(2):
        missing = client.get("/graph/neighbourhood/nope")
        assert missing.status_code == 404 and missing.headers["x-kg-cache"] == "miss"
        assert "x-kg-cache" not in client.get("/health").headers


def test_query_strings_are_answers_of_their_own(cached) -> None:
    _, client = cached
    first = client.get("/goals", params={"limit": 1}).json()
    assert client.get("/goals", params={"limit": 1, "offset": 1}).json()["items"] != first["items"]
    assert client.get("/goals", params={"limit": 1}).json() == first


def test_off_when_the_size_is_zero(empty_store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_API_CACHE_MB", "0")
    with TestClient(create_app(store=empty_store)) as client:
        assert "x-kg-cache" not in client.get("/goals").headers
