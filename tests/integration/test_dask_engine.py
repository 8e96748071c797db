"""`kg build --engine dask` on real Dask clusters and the real pipeline, against plain `kg build`.

The national corpus is built on a local cluster of 2 worker processes and by `kg build`: the two graphs
must be the same file byte for byte (same stats, and every mention, sentence and piece of evidence, so the
extractions are the same). The extraction files then go into Neo4j with `kg load`, which must answer the
same stats. A scheduler and a worker started with Dask's own command line (as on a real cluster) serve
`--scheduler`. Every command runs as its own process, as a user runs it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.stores.neo4j_store import Neo4jStore
from kg.stores.networkx_store import GRAPH_FILE, NetworkXStore

pytestmark = [pytest.mark.integration, pytest.mark.pipeline, pytest.mark.corpus]

ROOT = Path(__file__).resolve().parents[2]
NATIONAL = ROOT.parent / "shared" / "corpus" / "cn-gwr-1954-2019.jsonl"
if not NATIONAL.exists():
    pytest.skip("../shared/corpus is not beside the project", allow_module_level=True)


def kg(*args: str | Path) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "kg_cli.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The national corpus built by `kg build --engine dask` (local cluster, 2 workers) and by `kg build`."""
    root = tmp_path_factory.mktemp("builds")
    dask = kg("build", NATIONAL, "--engine", "dask", "--workers", 2, "--data-dir", root / "dask")
    assert "on 2 Dask workers" in dask.stdout and "47 documents" in dask.stdout
    kg("build", NATIONAL, "--data-dir", root / "plain")
    return {"dask": root / "dask", "plain": root / "plain"}


def test_the_dask_build_makes_the_graph_kg_build_makes(built: dict[str, Path]) -> None:
    dask, plain = (NetworkXStore.open(built[name] / "graph") for name in ("dask", "plain"))
    assert dask.stats().documents == 47
    assert dask.stats() == plain.stats()
    assert (built["dask"] / "graph" / GRAPH_FILE).read_bytes() == (built["plain"] / "graph" / GRAPH_FILE).read_bytes()
    manifest = json.loads((built["dask"] / "extractions" / "manifest.json").read_text())
    assert manifest["documents"] == 47 and len(manifest["parts"]) == 8  # 4 partitions per worker


@pytest.mark.neo4j
def test_kg_load_puts_the_extraction_files_into_neo4j(built: dict[str, Path], neo4j_connection: dict) -> None:
    store = Neo4jStore.connect(neo4j_connection["uri"], neo4j_connection["user"], neo4j_connection["password"],
                               neo4j_connection["database"])
    try:
        store.clear()
        expected = NetworkXStore.open(built["plain"] / "graph").stats()
        kg("load", built["dask"] / "extractions", "--store", "neo4j")
        assert store.stats() == expected
        # again, one part (every document of it replaced; the whole corpus again is kg build's reload case,
        # which test_neo4j_store's interrupted-load test covers)
        kg("load", built["dask"] / "extractions" / "part-00003.jsonl", "--store", "neo4j")
        assert store.stats() == expected
    finally:
        store.close()


def test_an_existing_scheduler_is_used(built: dict[str, Path], tmp_path: Path) -> None:
    """`dask scheduler` and `dask worker`, as on a cluster; `kg build --scheduler` sends them the work. Each
    document supports the entities and relations it supports in `kg build`'s graph of the whole corpus."""
    corpus = tmp_path / "three.jsonl"
    with NATIONAL.open(encoding="utf-8") as handle:
        corpus.write_text("".join(line for line, _ in zip(handle, range(3), strict=False)), encoding="utf-8")
    scheduler_file = tmp_path / "scheduler.json"
    dask = [sys.executable, "-m", "dask"]
    processes = [subprocess.Popen([*dask, "scheduler", "--scheduler-file", scheduler_file, "--port", "0",
                                   "--no-dashboard"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        processes.append(subprocess.Popen([*dask, "worker", address, "--nthreads", "1", "--no-dashboard"], cwd=ROOT,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        done = kg("build", corpus, "--engine", "dask", "--scheduler", address, "--data-dir", tmp_path / "data")
        assert "3 documents" in done.stdout and "on 1 Dask worker" in done.stdout
        three = NetworkXStore.open(tmp_path / "data" / "graph").documents()
        whole = {document.doc_id: document for document in NetworkXStore.open(built["plain"] / "graph").documents()}
        assert len(three) == 3 and three == [whole[document.doc_id] for document in three]
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=30)
