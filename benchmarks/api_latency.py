"""API latency on a real server: build a graph (seed + national corpus), serve it with uvicorn on
127.0.0.1, send a bounded number of requests to every graph endpoint, print p50/p99 per endpoint.

    .venv/bin/python benchmarks/api_latency.py [--requests 200] [--store networkx|neo4j] [--json]

With --store neo4j the graph is loaded into the Neo4j of NEO4J_URI/NEO4J_PASSWORD (or `kg neo4j start`)
with `kg build --store neo4j`, which replaces those documents and leaves others alone.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT.parent / "shared" / "corpus" / "cn-gwr-1954-2019.jsonl"
KG = [sys.executable, "-m", "kg_cli.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint (bounded)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--store", choices=("networkx", "neo4j"), default="networkx", help="graph store to serve")
    args = parser.parse_args()
    inputs = [str(ROOT / "corpus")] + ([str(NATIONAL)] if NATIONAL.exists() else [])
    with tempfile.TemporaryDirectory() as data_dir:
        subprocess.run(KG + ["build", *inputs, "--data-dir", data_dir, "--store", args.store], check=True,
                       cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = free_port()
        server = subprocess.Popen(KG + ["serve", "--port", str(port), "--data-dir", data_dir], cwd=ROOT,
                                  env=os.environ | {"KG_STORE": args.store},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            return run(f"http://127.0.0.1:{port}", args)
        finally:
            server.terminate()
            server.wait(timeout=10)


def run(base: str, args: argparse.Namespace) -> int:
    with httpx.Client(base_url=base, timeout=10) as client:
        for _ in range(100):
            try:
                if client.get("/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        stats = client.get("/stats").json()
        project = client.get("/search", params={"q": "比亚迪智能制造产业园"}).json()
        project_id = project["items"][0]["id"] if isinstance(project, dict) else project[0]["id"]
        place_id = client.get("/entities", params={"label": "PLACE", "q": "衡阳"}).json()["items"][0]["id"]
        goal = quote("产业强市")
        endpoints = {
            "/goals": "/goals",
            "/goals/{goal}/projects": f"/goals/{goal}/projects",
            "/entities?label=PROJECT": "/entities?label=PROJECT&limit=50",
            "/entities?q=": f"/entities?q={quote('产业')}",
            "/entities/{id}": f"/entities/{project_id}",
            "/search?q=": f"/search?q={quote('物流')}",
            "/stats": "/stats",
            "/graph/neighbourhood/{id}?depth=2": f"/graph/neighbourhood/{project_id}?depth=2",
            "/paths": f"/paths?source={project_id}&target={place_id}",
        }
        results = {}
        for name, url in endpoints.items():
            assert client.get(url).status_code == 200, url
            timings = []
            for _ in range(args.requests):
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
                response.raise_for_status()
            results[name] = {"p50_ms": round(statistics.median(timings), 2),
                             "p99_ms": round(percentile(timings, 0.99), 2), "requests": args.requests}
    summary = {"store": args.store, "graph": {k: stats[k] for k in ("documents", "entities", "relations")},
               "endpoints": results,
               "worst_p99_ms": max(r["p99_ms"] for r in results.values())}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(f"store {args.store}, graph: {summary['graph']}")
        for name, r in results.items():
            print(f"  {name:38s} p50 {r['p50_ms']:7.2f} ms   p99 {r['p99_ms']:7.2f} ms")
        print(f"worst p99 {summary['worst_p99_ms']} ms (target < 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
