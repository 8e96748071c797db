"""kg's guide for Neo4j Browser and the asset server that serves it (kg_cli/browser_assets.py), in-process."""

from __future__ import annotations

import re
import socket
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser

import pytest

from kg_cli import browser_assets
from tests.unit.test_browser_assets import GRASS, QUERIES, statements

ORIGIN = "http://127.0.0.1:7474"


class Runnable(HTMLParser):
    """The text of every <pre class="runnable"> and the number of <slide> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.queries: list[str] = []
        self.slides = 0
        self._in = False

    def handle_starttag(self, tag, attrs) -> None:
        self.slides += tag == "slide"
        self._in = tag == "pre" and "runnable" in (dict(attrs).get("class") or "")
        if self._in:
            self.queries.append("")

    def handle_endtag(self, tag) -> None:
        self._in = self._in and tag != "pre"

    def handle_data(self, data) -> None:
        if self._in:
            self.queries[-1] += data


def test_every_example_query_is_a_runnable_block_of_the_guide() -> None:
    parser = Runnable()
    parser.feed(browser_assets.guide_html())
    examples = statements(QUERIES.read_text(encoding="utf-8"))
    guide = [re.sub(r"\s+", " ", q).strip().rstrip(";") for q in parser.queries]
    for query in examples:
        assert re.sub(r"\s+", " ", query).strip().rstrip(";") in guide, query[:80]
    assert guide[0].startswith("MATCH (g:GOAL)<-[s:SERVES]-(p:PROJECT)")  # the first slide's own query
    assert parser.slides >= 2 + len({c.split(".")[0].rstrip("abc") for c, _ in browser_assets.query_sections(
        QUERIES.read_text(encoding="utf-8"))})


@pytest.fixture(scope="module")
def server():
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen(4)
    port = listening.getsockname()[1]
    thread = threading.Thread(target=browser_assets.serve, args=(listening, [ORIGIN]), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"


def fetch(url: str, origin: str | None = None, method: str = "GET"):
    request = urllib.request.Request(url, method=method, headers={"Origin": origin} if origin else {})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, response.headers, response.read()


def test_the_style_and_guide_are_served_to_the_browsers_origin(server) -> None:
    status, headers, body = fetch(server + "/style.grass", ORIGIN)
    assert status == 200 and body == GRASS.read_bytes()
    assert headers["Access-Control-Allow-Origin"] == ORIGIN
    status, headers, body = fetch(server + "/guide.html?x=1", ORIGIN)
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"<slide" in body
    # the Browser's guide request carries pragma and cache-control: a preflight must allow them
    status, headers, _ = fetch(server + "/guide.html", ORIGIN, method="OPTIONS")
    assert status == 204 and {"pragma", "cache-control"} <= set(headers["Access-Control-Allow-Headers"].split(", "))


def test_other_origins_and_other_paths_get_nothing(server) -> None:
    _, headers, _ = fetch(server + "/style.grass", "http://evil.example")
    assert "Access-Control-Allow-Origin" not in headers
    for path in ("/", "/../pyproject.toml", "/neo4j.conf", "/password"):
        with pytest.raises(urllib.error.HTTPError) as error:
            fetch(server + path, ORIGIN)
        assert error.value.code == 404
