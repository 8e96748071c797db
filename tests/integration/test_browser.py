"""Neo4j Browser against the real server, in headless Debian Chromium driven by Playwright.

The page loads; the Connect form logs in with kg's credentials (``kg.stores.settings.connection_settings()``:
``NEO4J_*`` variables, else the local server's stored password) and a query runs; kg's GraSS stylesheet,
dropped on the page as a user would drop the file, colours a graph drawn by an example query from
``neo4j/browser/queries.cypher``; and every example query runs on the sample corpus with answers.

Needs the test Neo4j that ``make test`` (scripts/run-tests) starts, through the ``neo4j_connection``
fixture of tests/conftest.py, and ``/usr/bin/chromium`` (Debian's ``apt-get install -y chromium``).
Without them these tests skip, except in CI (``CI=true``) where they fail. Screenshots are saved under
each test's ``tmp_path``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.unit.test_browser_assets import GRASS, QUERIES, parse_grass, statements

pytestmark = [pytest.mark.neo4j, pytest.mark.browser, pytest.mark.integration]

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpus" / "hengyang-2021-goals.txt"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 60_000


def unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: a missing service is a failure)")
    pytest.skip(reason)


# -- the server ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def neo4j(neo4j_connection: dict) -> dict[str, str]:
    """The test Neo4j (``neo4j_connection`` of tests/conftest.py) plus ``browser``, the URL of its Browser."""
    from kg_cli.neo4j_server import browser_url

    return {**neo4j_connection, "browser": browser_url()}


@pytest.fixture(scope="module")
def sample_graph(neo4j: dict[str, str]) -> Iterator[str]:
    """The sample document loaded through kg's Neo4j store (removed afterwards if it was not there); its id."""
    from kg.stores.neo4j_store import Neo4jStore
    from pipelines.extract import Extractor
    from pipelines.ingest import read_documents

    store = Neo4jStore.connect(neo4j["uri"], neo4j["user"], neo4j["password"], neo4j["database"])
    document = next(iter(read_documents([SAMPLE])))
    was_there = document.doc_id in {d.doc_id for d in store.documents()}
    store.upsert(Extractor().extract(document))
    try:
        yield document.doc_id
    finally:
        if not was_there:
            store.remove_document(document.doc_id)
        store.close()


# -- the browser --------------------------------------------------------------------------------------

@pytest.fixture
def page(tmp_path: Path):
    """A page in headless Debian Chromium with a fresh profile under ``tmp_path``."""
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing: apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is missing: pip install -e '.[dev]'")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


def shot(page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def open_browser(page, neo4j: dict[str, str]) -> None:
    page.goto(neo4j["browser"], wait_until="domcontentloaded")
    page.locator("[data-testid=main]").wait_for()


def connect(page, neo4j: dict[str, str]) -> None:
    """Fill Neo4j Browser's Connect form (shown when it is not connected) and wait until it is."""
    uri = urlsplit(neo4j["uri"])
    page.locator("[data-testid=boltaddress]").wait_for()
    page.select_option("[data-testid=bolt-scheme-select]", "bolt://" if uri.scheme.startswith("bolt") else "neo4j://")
    page.fill("[data-testid=boltaddress]", uri.netloc)
    page.fill("[data-testid=username]", neo4j["user"])
    page.fill("[data-testid=password]", neo4j["password"])
    page.click("[data-testid=connect]")
    page.get_by_text("You are connected as user").wait_for()


def run(page, query: str):
    """Type ``query`` into the editor, run it, and return the frame of its answer."""
    page.locator("[data-testid=activeEditor]").click()
    page.keyboard.insert_text(query)
    page.keyboard.press("Control+Enter")
    frame = page.locator("[data-testid=frame]").filter(
        has=page.locator("[data-testid=frameCommand]", has_text=query[:40])).first
    frame.locator("[data-testid=frameStatusbar]").wait_for()
    return frame


def test_the_browser_page_loads(neo4j, page, tmp_path: Path) -> None:
    open_browser(page, neo4j)
    assert page.title() == "Neo4j Browser"
    page.locator("[data-testid=activeEditor]").wait_for()
    page.locator("[data-testid=connect]").wait_for()  # not connected yet: the Connect form is offered
    # pre-filled from the server's discovery document: the Bolt port the server runs on, not Neo4j's default
    assert page.input_value("[data-testid=boltaddress]") == urlsplit(neo4j["uri"]).netloc
    assert shot(page, tmp_path, "loaded").stat().st_size > 0


def test_the_browser_connects_with_kgs_credentials_and_runs_a_query(neo4j, page, tmp_path: Path) -> None:
    open_browser(page, neo4j)
    connect(page, neo4j)
    said = " ".join(page.locator("[data-testid=frame]", has_text="You are connected as user").first.inner_text().split())
    assert f"You are connected as user {neo4j['user']}" in said
    assert urlsplit(neo4j["uri"]).netloc in said
    shot(page, tmp_path, "connected")
    frame = run(page, "RETURN 40 + 2 AS kg_browser_check")
    frame.get_by_text("kg_browser_check", exact=True).wait_for()
    assert frame.locator("td", has_text=re.compile(r"^\s*42\s*$")).count() == 1
    assert "Started streaming 1 records" in frame.locator("[data-testid=frameStatusbar]").inner_text()
    shot(page, tmp_path, "query")


def test_kgs_style_colours_an_example_query(neo4j, sample_graph, page, tmp_path: Path) -> None:
    """Drop style.grass on the Browser as a user would, then draw query 1 of queries.cypher."""
    grass = GRASS.read_text(encoding="utf-8")
    style = parse_grass(grass)
    open_browser(page, neo4j)
    connect(page, neo4j)
    transfer = page.evaluate_handle(
        "(text) => { const t = new DataTransfer(); "
        "t.items.add(new File([text], 'style.grass', {type: 'text/plain'})); return t; }", grass)
    page.dispatch_event(".filedrop", "drop", {"dataTransfer": transfer})
    style_frame = page.locator("[data-testid=frame]").filter(
        has=page.locator("[data-testid=frameCommand]", has_text=":style")).first
    style_frame.get_by_text(style["node.GOAL"]["color"]).first.wait_for()
    shot(page, tmp_path, "style")

    query = statements(QUERIES.read_text(encoding="utf-8"))[0]
    assert "GOAL" in query and "RETURN" in query
    frame = run(page, query)
    goal = frame.locator("g.node", has_text="产业强市").first
    goal.wait_for()
    circle = goal.locator("circle.b-outline")
    assert circle.get_attribute("fill").upper() == style["node.GOAL"]["color"].upper()
    assert circle.get_attribute("stroke").upper() == style["node.GOAL"]["border-color"].upper()
    assert float(circle.get_attribute("r")) * 2 == float(style["node.GOAL"]["diameter"].removesuffix("px"))
    project_colour = style["node.PROJECT"]["color"]
    projects = frame.locator(f"g.node circle.b-outline[fill='{project_colour}']")
    assert projects.count() >= 10
    assert frame.locator("[data-testid='property-details-overview-node-label-GOAL']").count() == 1
    shot(page, tmp_path, "styled-graph")


def test_logging_in_applies_kgs_style_and_opens_kgs_guide(neo4j, sample_graph, page, tmp_path: Path) -> None:
    """No manual step: the settings `kg neo4j start` writes (browser.post_connect_cmd) make the Browser
    fetch style.grass and the kg guide from kg's asset server on connect; a query clicked in the guide
    draws a goal in kg's GOAL colour."""
    from kg_cli.neo4j_server import guide_url

    if guide_url() is None:
        unavailable("no kg Browser asset server: the test Neo4j was not started by `kg neo4j start`")
    style = parse_grass(GRASS.read_text(encoding="utf-8"))
    open_browser(page, neo4j)
    connect(page, neo4j)
    guide = page.locator("[data-testid=frame]").filter(
        has=page.locator("[data-testid=frameCommand]", has_text=f":play {guide_url()}")).first
    guide.get_by_text("kg: Chinese policy documents as a graph").wait_for()
    style_frame = page.locator("[data-testid=frame]").filter(
        has=page.locator("[data-testid=frameCommand]", has_text=":style http://127.0.0.1")).first
    style_frame.get_by_text(style["node.GOAL"]["color"]).first.wait_for()
    shot(page, tmp_path, "guide")

    example = guide.locator("pre.runnable").first
    query = example.inner_text().strip()
    assert query.startswith("MATCH (g:GOAL)<-[s:SERVES]-(p:PROJECT)")
    example.locator("i").first.click()  # the ▶ the Browser puts before each runnable query
    frame = page.locator("[data-testid=frame]").filter(
        has=page.locator("[data-testid=frameCommand]", has_text=query[:30])).first
    goal = frame.locator("g.node", has_text="产业强市").first
    goal.wait_for()
    circle = goal.locator("circle.b-outline")
    assert circle.get_attribute("fill").upper() == style["node.GOAL"]["color"].upper()
    assert circle.get_attribute("stroke").upper() == style["node.GOAL"]["border-color"].upper()
    shot(page, tmp_path, "guide-query")


# -- the example queries on the real server -----------------------------------------------------------

def test_every_example_query_runs_and_answers(neo4j, sample_graph) -> None:
    from neo4j import GraphDatabase

    queries = statements(QUERIES.read_text(encoding="utf-8"))
    text = SAMPLE.read_text(encoding="utf-8")
    with GraphDatabase.driver(neo4j["uri"], auth=(neo4j["user"], neo4j["password"])) as driver:
        for query in queries:
            records, _, keys = driver.execute_query(query, database_=neo4j["database"])
            assert records, f"no answer on the sample corpus: {query[:100]}"
            if {"sentence", "head_start", "head_end", "sentence_start"} <= set(keys):
                for row in records:  # the evidence query: offsets into the original text
                    if row["doc_id"] != sample_graph:
                        continue
                    assert text[row["sentence_start"]:row["sentence_end"]] == row["sentence"]
                    assert text[row["head_start"]:row["head_end"]] == row["head"]
                    assert text[row["tail_start"]:row["tail_end"]] == row["tail"]
