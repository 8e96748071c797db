"""``kg serve --workers 2`` on the embedded store: two server processes, each loading the graph file
read-only, answering on kept-alive connections without Nagle's 40 ms stall."""

from __future__ import annotations

import http.client
import json
import os
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kg.stores.networkx_store import NetworkXStore
from tests.fixtures import extractions
from tests.served import serve

pytestmark = pytest.mark.integration


def timed_requests(address: str, path: str, count: int) -> list[float]:
    """``count`` GETs of ``path`` on one kept-alive connection: seconds each, every answer a 200."""
    host, port = address.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        timings.append(time.perf_counter() - started)
        assert response.status == 200, body
    connection.close()
    return timings


def test_two_workers_share_the_port_and_leave_the_graph_file_alone(tmp_path: Path) -> None:
    store = NetworkXStore.open(tmp_path / "data" / "graph")
    store.upsert_many(extractions())
    store.save()
    graph_file = store.path
    before = graph_file.stat().st_mtime_ns, graph_file.read_bytes()
    log = tmp_path / "serve.log"
    with serve(["--data-dir", str(tmp_path / "data"), "--workers", "2"], os.environ | {"KG_STORE": "networkx"},
               log, timeout=300) as address:  # spawning two workers on a busy 2-core machine takes a while
        deadline = time.monotonic() + 300  # /health answered from one worker; wait for the other to start too
        while log.read_text(errors="replace").count("Application startup complete") < 2:
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.2)
        host, port = address.split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request("GET", "/stats")
        assert json.loads(connection.getresponse().read())["documents"] == 2
        with ThreadPoolExecutor(8) as pool:  # eight connections at once: both workers answer some
            assert len(list(pool.map(lambda _: timed_requests(address, "/stats", 10), range(8)))) == 8
        # One client, one kept-alive connection, a small answer: with Nagle on, its body waited for the
        # client's delayed ACK, 40 ms every time; without, the median is a few milliseconds on a busy machine.
        timings = timed_requests(address, "/stats", 30)
    assert statistics.median(timings) < 0.030, sorted(timings)
    assert log.read_text(errors="replace").count("Started server process") == 2
    assert (graph_file.stat().st_mtime_ns, graph_file.read_bytes()) == before
