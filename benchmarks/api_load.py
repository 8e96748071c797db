"""API under load: concurrent clients over a mix of routes on a real `kg serve`, with throughput, p50, p99
and errors, beside the same mix sent by one client (the baseline, measured in the same run).

    .venv/bin/python benchmarks/api_load.py [--store networkx|neo4j] [--clients 32] [--duration 20]
        [--workers 2] [--data-dir DIR] [--build] [--url URL] [--json]

The graph is both shared corpora (`kg build ../shared/corpus/cn-gwr-1954-2019.jsonl
../shared/corpus/cn-local-2024-2025.jsonl`). The embedded graph is built into ``--data-dir`` (default
``data/bench-api``) when it has none, or always with ``--build``; with ``--store neo4j`` the graph is loaded
into the Neo4j of NEO4J_URI/NEO4J_PASSWORD (or `kg neo4j start`) with ``--build``, otherwise the benchmark
uses what that database holds (and says so when it is not both corpora); with Neo4j unreachable it prints
why and skips. ``--url`` measures a server that is already running instead. The exit status is 0 when the
run completed, whatever the figures (``--check``: 1 when the p99 target or 0 errors is missed).

The mix, in equal shares, each route cycling over its own list of parameters (discovered from the graph
before the clock starts, so every store gets the same requests):

- ``/goals`` (the first page);
- ``/goals/{goal}/projects`` for the goals with the most members;
- ``/entities?q=`` and ``/search?q=`` for common name fragments;
- ``/graph/neighbourhood/{id}?depth=2`` for entities of every label, hubs included: the five goals with the
  most members (a few hundred nodes in two hops) and provinces.

Each client sends its next request as soon as the previous answer is in (a closed loop, no think time), so
the latency includes the time a request waits for a free worker. The clients are asyncio streams speaking
HTTP/1.1 with keep-alive (:class:`Connection`), not httpx: on this 2-core machine httpx's AsyncClient
managed about 50 requests/s against a cached answer that the same server gives 2,000 times a second, so
it measured itself; httpx only discovers the requests. Before the timed runs every distinct
request is sent once (the ``cold`` figures: the first answer after start-up, caches empty), then once more
by each of ``--clients`` connections at the same time, untimed, so that every server process has seen it
(each keeps its own cache); then one client runs the mix for ``--duration`` seconds (the baseline), then
``--clients`` clients do.
An answer other than 200, or a transport error, counts as an error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT.parent / "shared" / "corpus" / "cn-gwr-1954-2019.jsonl",
           ROOT.parent / "shared" / "corpus" / "cn-local-2024-2025.jsonl"]
KG = [sys.executable, "-m", "kg_cli.cli"]
TARGET_P99_MS = {"networkx": 50.0, "neo4j": 100.0}
ROUTES = ("/goals", "/goals/{goal}/projects", "/entities?q=", "/search", "/graph/neighbourhood/{id}?depth=2")
FRAGMENTS = ("产业", "物流", "科技", "园", "中心", "工程", "计划", "城市", "乡村", "数字", "医院", "生态", "改革",
             "创新", "交通", "教育", "农业", "能源", "制造", "文化")
HUBS = (("PLACE", "中国"), ("PLACE", "湖南"), ("PLACE", "广东"), ("PLACE", "北京"), ("PLACE", "上海"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def build(store: str, data_dir: Path) -> float:
    started = time.perf_counter()
    subprocess.run(KG + ["build", *map(str, CORPORA), "--data-dir", str(data_dir), "--store", store], check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def wait_until_up(base: str, server: subprocess.Popen | None, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise SystemExit(f"kg serve exited with status {server.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"no answer from {base}/health within {timeout:.0f} s")


def discover(base: str, per_route: int) -> dict[str, list[str]]:
    """The requests of the mix: ``per_route`` distinct URLs for each route (one for /goals)."""
    with httpx.Client(base_url=base, timeout=60) as client:
        goals = client.get("/goals", params={"limit": 500}).json()
        goals = goals["items"] if isinstance(goals, dict) else goals
        busiest = sorted(goals, key=lambda g: (-g["serving_count"], g["id"]))[:per_route]
        centres: list[str] = [goal["id"] for goal in busiest[:5]]
        for label, name in HUBS:
            hits = client.get("/entities", params={"label": label, "q": name, "limit": 1}).json()["items"]
            centres += [hit["id"] for hit in hits if hit["name"] == name]
        labels = ("PROJECT", "PROGRAMME", "TARGET", "GOAL", "MEASURE", "INDUSTRY", "ORG", "PLACE")
        for index in range(per_route - len(centres)):
            label = labels[index % len(labels)]
            page = client.get("/entities", params={"label": label, "limit": 1, "offset": 37 * index}).json()
            centres += [item["id"] for item in page["items"]]
    fragments = [quote(fragment) for fragment in FRAGMENTS[:per_route]]
    return {"/goals": ["/goals"],
            "/goals/{goal}/projects": [f"/goals/{goal['id']}/projects" for goal in busiest],
            "/entities?q=": [f"/entities?q={fragment}" for fragment in fragments],
            "/search": [f"/search?q={fragment}" for fragment in fragments],
            "/graph/neighbourhood/{id}?depth=2": [f"/graph/neighbourhood/{c}?depth=2" for c in centres[:per_route]]}


def interleave(mix: dict[str, list[str]]) -> list[tuple[str, str]]:
    """One round of the mix: the routes in turn, each cycling over its URLs, every URL at least once."""
    rounds = max(len(urls) for urls in mix.values())
    return [(route, urls[i % len(urls)]) for i in range(rounds) for route, urls in mix.items()]


class Connection:
    """One keep-alive HTTP/1.1 connection sending GETs: enough of the protocol for kg's answers, which
    always carry a Content-Length."""

    def __init__(self, base: str, timeout: float = 30) -> None:
        address = urlsplit(base)
        self.host, self.port, self.timeout = address.hostname, address.port or 80, timeout
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        return await asyncio.wait_for(self._get(path), self.timeout)

    async def _get(self, path: str) -> tuple[int, bytes]:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        fields = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in head[1:])}
        if "content-length" not in fields:
            raise ValueError(f"{path}: an answer without Content-Length")
        body = await reader.readexactly(int(fields["content-length"]))
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return status, body

    async def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def load(base: str, requests: list[tuple[str, str]], clients: int, duration: float) -> dict:
    """``clients`` closed-loop clients, one connection each, sending ``requests`` round robin for
    ``duration`` seconds."""
    timings: dict[str, list[float]] = {route: [] for route in ROUTES}
    errors: dict[str, int] = {route: 0 for route in ROUTES}
    examples: list[str] = []
    position = 0
    deadline = time.perf_counter() + duration

    async def one_client() -> None:
        nonlocal position
        connection = Connection(base)
        while time.perf_counter() < deadline:
            route, url = requests[position % len(requests)]
            position += 1
            started = time.perf_counter()
            try:
                status, _ = await connection.get(url)
                ok, problem = status == 200, f"{status} {url}"
            except (TimeoutError, OSError, ValueError, asyncio.IncompleteReadError) as exc:
                ok, problem = False, f"{type(exc).__name__} {url}"
                await connection.close()
            timings[route].append((time.perf_counter() - started) * 1000)
            if not ok:
                errors[route] += 1
                if len(examples) < 5:
                    examples.append(problem)
        await connection.close()

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    every = [t for route in ROUTES for t in timings[route]]
    return {"clients": clients, "seconds": round(elapsed, 2), "requests": len(every),
            "throughput_rps": round(len(every) / elapsed, 1), "p50_ms": round(percentile(every, 0.5), 2),
            "p99_ms": round(percentile(every, 0.99), 2), "errors": sum(errors.values()), "error_examples": examples,
            "client_cpu_seconds": round(cpu, 2),
            "routes": {route: {"requests": len(timings[route]), "p50_ms": round(percentile(timings[route], 0.5), 2),
                               "p99_ms": round(percentile(timings[route], 0.99), 2), "errors": errors[route]}
                       for route in ROUTES}}


async def cold_pass(base: str, requests: list[tuple[str, str]]) -> dict:
    """Every distinct request once, in turn: the first answers after start-up. Also checks each answers 200."""
    worst: dict[str, float] = {}
    sizes: dict[str, int] = {}
    connection = Connection(base, timeout=120)
    for route, url in dict.fromkeys(requests):
        started = time.perf_counter()
        status, body = await connection.get(url)
        took = (time.perf_counter() - started) * 1000
        if status != 200:
            raise SystemExit(f"{url}: {status} {body[:300]!r}")
        worst[route] = max(worst.get(route, 0.0), took)
        sizes[route] = max(sizes.get(route, 0), len(body))
    await connection.close()
    return {"max_ms": {route: round(ms, 1) for route, ms in worst.items()},
            "largest_answer_bytes": sizes, "distinct_requests": len(dict.fromkeys(requests))}


async def warm_up(base: str, requests: list[tuple[str, str]], clients: int) -> None:
    """Every request once on each of ``clients`` connections at once, each connection in its own order."""
    async def one_client(index: int) -> None:
        connection = Connection(base, timeout=300)
        for _, url in requests[index:] + requests[:index]:
            await connection.get(url)
        await connection.close()

    await asyncio.gather(*(one_client(index % len(requests)) for index in range(clients)))


def measure(base: str, args: argparse.Namespace) -> dict:
    with httpx.Client(base_url=base, timeout=60) as client:
        stats = client.get("/stats").json()
        health = client.get("/health").json()
    mix = discover(base, args.per_route)
    requests = interleave(mix)
    cold = asyncio.run(cold_pass(base, requests))
    asyncio.run(warm_up(base, list(dict.fromkeys(requests)), args.clients))
    baseline = asyncio.run(load(base, requests, 1, args.duration))
    loaded = asyncio.run(load(base, requests, args.clients, args.duration))
    store = health["store"]
    if stats["documents"] < 184:
        print(f"note: the {store} graph holds {stats['documents']} documents, not both shared corpora (184)",
              file=sys.stderr)
    target = TARGET_P99_MS.get(store)
    return {"store": store, "workers": args.workers, "cores": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "graph": {k: stats[k] for k in ("documents", "entities", "relations")},
            "cold": cold, "one_client": baseline, "loaded": loaded, "target_p99_ms": target,
            "meets_target": target is not None and loaded["p99_ms"] <= target and loaded["errors"] == 0}


def report(result: dict) -> str:
    one, many = result["one_client"], result["loaded"]
    lines = [f"API load, store {result['store']}, {result['workers']} worker(s), {result['cores']} cores, "
             f"graph {result['graph']}, load average before {result['load_average']}",
             f"  {'':34} {'1 client (baseline)':>28}   {str(many['clients']) + ' clients':>28}",
             f"  {'route':34} {'p50 ms':>9} {'p99 ms':>9} {'errors':>8}   {'p50 ms':>9} {'p99 ms':>9} {'errors':>8}"]
    for route in ROUTES:
        a, b = one["routes"][route], many["routes"][route]
        lines.append(f"  {route:34} {a['p50_ms']:9.2f} {a['p99_ms']:9.2f} {a['errors']:8d}   "
                     f"{b['p50_ms']:9.2f} {b['p99_ms']:9.2f} {b['errors']:8d}")
    lines.append(f"  {'all':34} {one['p50_ms']:9.2f} {one['p99_ms']:9.2f} {one['errors']:8d}   "
                 f"{many['p50_ms']:9.2f} {many['p99_ms']:9.2f} {many['errors']:8d}")
    lines.append(f"  {'throughput (requests/s)':34} {one['throughput_rps']:>28,.1f}   {many['throughput_rps']:>28,.1f}")
    lines.append(f"  {'CPU of this client process (s)':34} {one['client_cpu_seconds']:>28,.1f}   "
                 f"{many['client_cpu_seconds']:>28,.1f}")
    cold = result["cold"]
    lines.append(f"  cold (first answer of each of {cold['distinct_requests']} requests), worst per route: "
                 + ", ".join(f"{route} {ms} ms" for route, ms in cold["max_ms"].items()))
    verdict = "meets" if result["meets_target"] else "misses"
    lines.append(f"  p99 at {many['clients']} clients {many['p99_ms']} ms, {many['errors']} errors: {verdict} the "
                 f"target (p99 <= {result['target_p99_ms']} ms, 0 errors)")
    for example in many["error_examples"]:
        lines.append(f"  error: {example}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=("networkx", "neo4j"), default="networkx", help="graph store to serve")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of each timed run")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="kg serve --workers")
    parser.add_argument("--per-route", type=int, default=20, help="distinct requests per route")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data" / "bench-api",
                        help="where the embedded graph of both corpora is (built there when missing)")
    parser.add_argument("--build", action="store_true", help="build the graph even when one is there")
    parser.add_argument("--url", help="measure this running server instead of starting one")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args()
    if args.store == "neo4j" and not args.url and not neo4j_answers():
        return 0
    if args.url:
        result = measure(args.url.rstrip("/"), args)
    else:
        graph_file = args.data_dir / "graph" / "graph.json"
        if args.build or (args.store == "networkx" and not graph_file.exists()):
            seconds = build(args.store, args.data_dir)
            print(f"built both corpora into the {args.store} store in {seconds:.1f} s", file=sys.stderr)
        port = free_port()
        server = subprocess.Popen(KG + ["serve", "--port", str(port), "--data-dir", str(args.data_dir),
                                        "--store", args.store, "--workers", str(args.workers)], cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base, server)
            result = measure(base, args)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps(result, ensure_ascii=False) if args.json else report(result))
    return 1 if args.check and not result["meets_target"] else 0


def neo4j_answers() -> bool:
    from kg.errors import StoreUnavailable
    from kg.stores.settings import connection_settings
    from kg_cli.neo4j_server import check_connection

    try:
        check_connection(connection_settings())
    except StoreUnavailable as error:
        print(f"API load on Neo4j skipped: {error} (start it with `kg neo4j start` and load both corpora with "
              f"`kg build --store neo4j {' '.join(str(c.relative_to(ROOT.parent)) for c in CORPORA)}`)")
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
