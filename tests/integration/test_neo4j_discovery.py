"""The test Neo4j runs on ports of its own (``make test``: NEO4J_BOLT_PORT, NEO4J_HTTP_PORT), and its
discovery document, which Neo4j Browser reads to pre-fill its Connect form, advertises those ports."""

from __future__ import annotations

import json
import os
import urllib.request
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.neo4j, pytest.mark.integration]


def test_discovery_advertises_the_ports_chosen(neo4j_connection: dict) -> None:
    if not (os.environ.get("NEO4J_BOLT_PORT") and os.environ.get("NEO4J_HTTP_PORT")):
        pytest.skip("checks the ports `make test` gives its own server (NEO4J_BOLT_PORT, NEO4J_HTTP_PORT); "
                    "against another server they are not set")
    bolt, http = int(os.environ["NEO4J_BOLT_PORT"]), int(os.environ["NEO4J_HTTP_PORT"])
    assert (bolt, http) != (7687, 7474), "the test server must run on other ports than Neo4j's defaults"
    assert urlsplit(neo4j_connection["uri"]).port == bolt
    request = urllib.request.Request(f"http://127.0.0.1:{http}/", headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        discovery = json.load(response)
    assert urlsplit(discovery["bolt_direct"]).netloc == f"127.0.0.1:{bolt}", discovery
    assert urlsplit(discovery["bolt_routing"]).netloc == f"127.0.0.1:{bolt}", discovery
    assert urlsplit(discovery["transaction"]).netloc == f"127.0.0.1:{http}", discovery
