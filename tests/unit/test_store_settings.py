"""kg.stores.settings: the one place the CLI and the API learn which store to open and how to reach Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.settings import Settings
from kg.errors import StoreError
from kg.stores.networkx_store import NetworkXStore
from kg.stores.settings import StoreSettings, connection_settings, open_store, password_path
from tests.fixtures import extractions


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No NEO4J_*/KG_* variables but a cache directory of our own; returns that directory."""
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "NEO4J_BOLT_PORT", "KG_STORE",
                 "KG_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_local_server_is_the_default(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert connection_settings() == {"uri": "bolt://127.0.0.1:7687", "user": "neo4j", "password": None,
                                     "database": "neo4j"}
    password_path().parent.mkdir(parents=True)
    password_path().write_text("stored-secret\n", encoding="utf-8")
    monkeypatch.setenv("NEO4J_BOLT_PORT", "7788")
    assert connection_settings()["password"] == "stored-secret"
    assert connection_settings()["uri"] == "bolt://127.0.0.1:7788"
    assert password_path() == clean_env.resolve() / "neo4j" / "password"


def test_environment_variables_win(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    password_path().parent.mkdir(parents=True)
    password_path().write_text("stored-secret\n", encoding="utf-8")
    env = {"NEO4J_URI": "bolt://db:7687", "NEO4J_USER": "reader", "NEO4J_PASSWORD": "given", "NEO4J_DATABASE": "kg"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert connection_settings() == {"uri": "bolt://db:7687", "user": "reader", "password": "given", "database": "kg"}


def test_a_bad_port_is_a_store_error(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_BOLT_PORT", "70000")
    with pytest.raises(StoreError, match="NEO4J_BOLT_PORT='70000' is not a TCP port"):
        connection_settings()


def test_store_settings_from_the_environment() -> None:
    assert StoreSettings.from_env({}) == StoreSettings("networkx", Path("data"))
    assert StoreSettings.from_env({"KG_STORE": " Neo4j ", "KG_DATA_DIR": "/srv/kg"}) == StoreSettings("neo4j", Path("/srv/kg"))
    # the API's settings are store settings and more: the same variables give the same store
    api = Settings.from_env({"KG_STORE": "neo4j", "KG_DATA_DIR": "/srv/kg", "KG_CYPHER_TIMEOUT": "3"})
    assert (api.store, api.data_dir, api.cypher_timeout) == ("neo4j", Path("/srv/kg"), 3.0)


def test_open_store_opens_the_graph_under_the_data_directory(tmp_path: Path) -> None:
    built = NetworkXStore.open(tmp_path / "graph")
    built.upsert_many(extractions())
    built.save()
    opened = open_store(StoreSettings("networkx", tmp_path))
    try:
        assert isinstance(opened, NetworkXStore) and opened.stats() == built.stats()
    finally:
        opened.close()


def test_open_store_refuses_an_unknown_kind(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown KG_STORE 'sqlite'; choose networkx or neo4j"):
        open_store(StoreSettings("sqlite", tmp_path))


def test_open_store_connects_to_neo4j_as_the_environment_says(clean_env: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.stores.neo4j_store import Neo4jStore

    calls = []
    monkeypatch.setattr(Neo4jStore, "connect", classmethod(lambda cls, *args, **options: calls.append((args, options))))
    monkeypatch.setenv("NEO4J_URI", "bolt://db:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "given")
    open_store(StoreSettings("neo4j"))  # the API: Neo4j may come up later
    open_store(StoreSettings("neo4j"), verify=True)  # kg build: fail before extracting
    assert calls == [(("bolt://db:7687", "neo4j", "given", "neo4j"), {"verify": False}),
                     (("bolt://db:7687", "neo4j", "given", "neo4j"), {"verify": True})]
