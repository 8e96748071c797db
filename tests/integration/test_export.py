"""`kg export` on the graph `kg build` makes of the real seed document (corpus/hengyang-2021-goals.txt):
GraphML read back by networkx, the CSV read back by the csv module and the JSONL give the store's stats;
the CSV imported by the real `neo4j-admin database import` into a fresh database gives the same stats
from Neo4j as the embedded store does."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from kg.export import neo4j_admin_arguments
from kg.stores.networkx_store import NetworkXStore
from kg.stores.records import Stats
from tests.conftest import missing
from tests.integration.test_cli_pipeline import invoke
from tests.unit.test_export import assert_csv_matches

pytestmark = [pytest.mark.integration, pytest.mark.pipeline]

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "corpus" / "hengyang-2021-goals.txt"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("export") / "data"
    invoke("build", DOCUMENT, "--data-dir", data_dir, "--jobs", "1")
    return data_dir


@pytest.fixture(scope="module")
def stats(data_dir: Path) -> Stats:
    stats = NetworkXStore.open(data_dir / "graph").stats()
    assert stats.documents == 1 and stats.entities > 50 and stats.relations > 50
    return stats


def export(data_dir: Path, output_format: str, out: Path) -> Path:
    invoke("export", "--format", output_format, "--out", out, "--data-dir", data_dir)
    return out


def test_graphml_read_by_networkx_has_the_counts_of_stats(data_dir: Path, stats: Stats, tmp_path: Path) -> None:
    graph = nx.read_graphml(export(data_dir, "graphml", tmp_path / "g.graphml"), force_multigraph=True)
    assert graph.number_of_nodes() == stats.entities and graph.number_of_edges() == stats.relations
    labels = Counter(label for _, label in graph.nodes(data="label"))
    types = Counter(kind for _, _, kind in graph.edges(data="type"))
    assert {label: labels[label] for label in stats.entities_by_label} == stats.entities_by_label
    assert {kind: types[kind] for kind in stats.relations_by_type} == stats.relations_by_type


def test_csv_read_back_has_the_counts_of_stats(data_dir: Path, stats: Stats, tmp_path: Path) -> None:
    assert_csv_matches(export(data_dir, "csv", tmp_path / "csv"), stats)


def test_jsonl_has_the_counts_of_stats(data_dir: Path, stats: Stats, tmp_path: Path) -> None:
    lines = export(data_dir, "jsonl", tmp_path / "g.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert Counter(r["labels"][0] if r["type"] == "node" else r["type"] for r in records) == {
        "Document": stats.documents, "Entity": stats.entities, "relationship": stats.relations}


def test_exporting_twice_gives_the_same_bytes(data_dir: Path, tmp_path: Path) -> None:
    for output_format in ("graphml", "jsonl"):
        first = export(data_dir, output_format, tmp_path / f"1.{output_format}").read_bytes()
        assert export(data_dir, output_format, tmp_path / f"2.{output_format}").read_bytes() == first


# -- neo4j-admin database import -----------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.neo4j
def test_neo4j_admin_imports_the_csv_into_a_fresh_database_with_the_same_stats(
        data_dir: Path, stats: Stats, tmp_path: Path) -> None:
    """The jars `kg neo4j start` assembled (the test run's cache) hold neo4j-admin's import tool: import into
    a fresh NEO4J_HOME, start a throw-away server on it (free ports, no auth, 127.0.0.1) and ask the Neo4j
    store for its stats."""
    from kg_cli.neo4j_server import home_dir

    lib = home_dir() / "lib"
    if not any(lib.glob("neo4j-import-tool-*.jar")):
        missing(f"no Neo4j with neo4j-admin's import tool in {lib}: run the suite with `make test`")
    csv_dir = export(data_dir, "csv", tmp_path / "csv")
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    (home / "lib").symlink_to(lib)
    bolt, http = _free_port(), _free_port()
    (home / "conf" / "neo4j.conf").write_text(
        f"server.default_listen_address=127.0.0.1\nserver.bolt.listen_address=127.0.0.1:{bolt}\n"
        f"server.http.listen_address=127.0.0.1:{http}\nserver.https.enabled=false\n"
        "dbms.security.auth_enabled=false\nserver.memory.pagecache.size=64m\n", encoding="utf-8")
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    classpath = f"{lib}/*"
    done = subprocess.run(["java", "-Xmx512m", "-cp", classpath, "org.neo4j.cli.AdminTool", "database", "import",
                           "full", *neo4j_admin_arguments(csv_dir), f"--report-file={tmp_path / 'import.report'}", "neo4j"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "IMPORT DONE" in done.stdout, done.stdout[-3000:] + done.stderr[-3000:]

    server = subprocess.Popen(["java", "-Xmx512m", "-cp", classpath, "org.neo4j.server.CommunityEntryPoint",
                               f"--home-dir={home}", f"--config-dir={home / 'conf'}"],
                              cwd=home, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        from neo4j import GraphDatabase

        from kg.stores.neo4j_store import Neo4jStore

        driver = GraphDatabase.driver(f"bolt://127.0.0.1:{bolt}", auth=None)
        deadline = time.monotonic() + 180
        while True:
            assert server.poll() is None, f"the throw-away Neo4j exited: {(home / 'logs' / 'neo4j.log')}"
            try:
                driver.verify_connectivity()
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)
        imported = Neo4jStore(driver).stats()
        driver.close()
        assert imported == stats
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
