"""/docs (Swagger UI) and /redoc render in headless Chromium with every request off 127.0.0.1 refused.

The page, its scripts and styles and the OpenAPI document must all come from ``kg serve`` itself, so the
interactive documentation works on a machine without Internet access. Needs ``/usr/bin/chromium``
(``make test`` refuses to run without it); without it these tests skip, except in CI where they fail.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kg.stores.networkx_store import NetworkXStore
from tests.fixtures import extractions
from tests.served import serve

pytestmark = [pytest.mark.browser, pytest.mark.integration]

CHROMIUM = Path("/usr/bin/chromium")
REDOC_FOOTER_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def address(tmp_path_factory: pytest.TempPathFactory):
    directory = tmp_path_factory.mktemp("docs")
    graph = NetworkXStore.open(directory / "data" / "graph")
    graph.upsert_many(extractions())
    graph.save()
    env = {**os.environ, "KG_STORE": "networkx"}
    with serve(["--data-dir", str(directory / "data")], env, directory / "serve.log") as served:
        yield served


@pytest.fixture
def offline_page(tmp_path: Path):
    """A headless Chromium page whose requests to anywhere but 127.0.0.1 are aborted; gives (page, refused)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing (CI=true: a missing browser is a failure)")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    refused: list[str] = []

    def only_local(route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort("internetdisconnected")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            context.set_default_timeout(30_000)
            context.route("**/*", only_local)
            yield context.new_page(), refused
        finally:
            browser.close()


def test_swagger_ui_renders_every_operation_offline(address: str, offline_page, tmp_path: Path) -> None:
    page, refused = offline_page
    page.goto(f"http://{address}/docs")
    page.locator(".opblock-summary-path", has_text="/entities/{entity_id}").first.wait_for()
    paths = {text.replace("\u200b", "") for text in page.locator(".opblock-summary-path").all_inner_texts()}
    assert {"/health", "/goals/{goal}/projects", "/search", "/paths", "/cypher"} <= paths
    page.screenshot(path=str(tmp_path / "docs.png"))
    assert refused == []


def test_redoc_renders_offline(address: str, offline_page, tmp_path: Path) -> None:
    page, refused = offline_page
    page.goto(f"http://{address}/redoc")
    page.locator("h2", has_text="List entities, filtered and paginated").first.wait_for()
    page.screenshot(path=str(tmp_path / "redoc.png"))
    # ReDoc's bundle asks only for the logo of its "API docs by Redocly" footer; the page works without it.
    assert set(refused) <= {REDOC_FOOTER_LOGO}
