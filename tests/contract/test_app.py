"""App wiring that does not depend on the store kind: OpenAPI docs, settings, and opening a store at startup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from kg.errors import StoreError
from kg.stores.networkx_store import NetworkXStore
from tests.fixtures import api_routes, extractions

EXPECTED_PATHS = {"/health", "/stats", "/documents", "/goals", "/goals/{goal}/projects", "/entities",
                  "/entities/{entity_id}", "/search", "/graph/neighbourhood/{entity_id}", "/paths", "/cypher",
                  "/goals/members", "/entities/{entity_id}/timeline", "/places/{place}/profile", "/compare"}


def test_every_route_is_documented() -> None:
    app = create_app(store=NetworkXStore())
    schema = TestClient(app).get("/openapi.json").json()
    assert schema["info"]["title"] and schema["info"]["description"]
    assert set(schema["paths"]) == EXPECTED_PATHS
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method.upper()} {path} has no summary"
            assert operation.get("description"), f"{method.upper()} {path} has no description"
            assert "schema" in operation["responses"]["200"]["content"]["application/json"], path
    routes = api_routes(app)
    assert {route.path for route in routes} == EXPECTED_PATHS
    assert all(route.response_model is not None for route in routes)


@pytest.mark.parametrize(("page", "script"), [("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")])
def test_docs_pages_load_everything_from_the_app(page: str, script: str) -> None:
    """Swagger UI and ReDoc come from the installed package, not a CDN: they work offline."""
    client = TestClient(create_app(store=NetworkXStore()))
    html = client.get(page)
    assert html.status_code == 200
    assert "http://" not in html.text and "https://" not in html.text and "//cdn" not in html.text
    urls = re.findall(r"""(?:src|href|spec-url)=["']([^"']+)["']|url: *'([^']+)'""", html.text)
    local = [found for pair in urls for found in pair if found]
    assert any(url.endswith(script) for url in local) and "/openapi.json" in local, local
    for url in local:
        assert url.startswith("/") and not url.startswith("//"), url
        response = client.get(url)
        assert response.status_code == 200 and len(response.content) > 1000, url


def test_lifespan_opens_the_store_named_by_settings(tmp_path: Path) -> None:
    built = NetworkXStore.open(tmp_path / "graph")
    built.upsert_many(extractions())
    built.save()
    app = create_app(settings=Settings(store="networkx", data_dir=tmp_path))
    with TestClient(app) as client:
        assert client.get("/health").json() == {"status": "ok", "store": "networkx", "documents": 2}
    assert app.state.store is None  # closed and dropped at shutdown


def test_lifespan_with_an_empty_data_directory(tmp_path: Path) -> None:
    with TestClient(create_app(settings=Settings(data_dir=tmp_path / "nothing"))) as client:
        assert client.get("/stats").json()["entities"] == 0


def test_unknown_store_kind_fails_at_startup(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown KG_STORE"), \
            TestClient(create_app(settings=Settings(store="sqlite", data_dir=tmp_path))):
        pass


def test_store_not_open_is_503() -> None:
    app = create_app(settings=Settings())
    # Without entering the client's context the lifespan never runs, so no store is open.
    response = TestClient(app).get("/health")
    assert response.status_code == 503 and response.json()["error"] == "store_unavailable"


def test_settings_from_environment() -> None:
    assert Settings.from_env({}) == Settings(store="networkx", data_dir=Path("data"))
    settings = Settings.from_env({"KG_STORE": " NetworkX ", "KG_DATA_DIR": "/srv/kg"})
    assert settings == Settings(store="networkx", data_dir=Path("/srv/kg"))
    assert settings.graph_dir == Path("/srv/kg/graph")


def test_cypher_on_the_embedded_store_says_it_needs_neo4j() -> None:
    response = TestClient(create_app(store=NetworkXStore())).post("/cypher", json={"query": "RETURN 1"})
    assert response.status_code == 501
    assert response.json()["error"] == "not_supported" and "KG_STORE=neo4j" in response.json()["detail"]


def test_cypher_request_is_validated() -> None:
    client = TestClient(create_app(store=NetworkXStore()))
    assert client.post("/cypher", json={"query": ""}).status_code == 422
    assert client.post("/cypher", json={"query": "RETURN 1", "limit": 0}).status_code == 422
