"""`kg build --store neo4j` against the embedded build, in the same run: the whole command, wall time.

Three builds of the same files (default: both shared corpora), one after the other:

1. embedded: ``kg build FILES --data-dir <fresh temporary dir>``;
2. Neo4j, empty database: the database is CLEARED first, then ``kg build FILES --store neo4j``;
3. Neo4j, loaded database: the same command again. Every document is the same as the one loaded, and its
   Document node holds the digest of the writes that put it there, so the store skips it;
4. Neo4j, loaded database, every document replaced: the digests are removed first (as if an extractor
   had changed every document), so each document is replaced: its new version written, compared with
   the old one, what went deleted.

Each row gives the seconds, the ratio to the embedded build, the extraction time ``kg build`` reports
(for Neo4j the writes go on alongside it), the CPU seconds of the build's whole process tree (``kg``,
its fork server and extraction workers: this process is their child subreaper, as in tree_cpu.py) and,
when the server is the local one ``kg neo4j start`` runs, the CPU seconds of the Neo4j server during
the build (its JVM's utime + stime from ``/proc/<pid>/stat``). The database is emptied, so the command asks for
--clear-database. Connection: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (or `kg neo4j start`).

    .venv/bin/python benchmarks/neo4j_build.py --clear-database [FILE ...] [--neo4j-jobs N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tree_cpu import become_subreaper, reap_orphans  # benchmarks/, beside this script

from kg_cli.cli_errors import reported

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT.parent / "shared" / "corpus" / "cn-gwr-1954-2019.jsonl",
           ROOT.parent / "shared" / "corpus" / "cn-local-2024-2025.jsonl"]


def server_cpu(pid: int | None) -> float | None:
    """CPU seconds (user + system) the process ``pid`` has used so far, from /proc/<pid>/stat."""
    if pid is None:
        return None
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(files: list[Path], *options: str, server: int | None = None) -> dict:
    command = [sys.executable, "-m", "kg_cli.cli", "build", *map(str, files), *options]
    cpu_before, server_before = tree_cpu(), server_cpu(server)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    reap_orphans()  # the fork server and its workers, reparented here
    cpu = tree_cpu() - cpu_before
    server_seconds = None if server is None else server_cpu(server) - server_before
    extracted = re.search(r"extracted .* in ([\d.]+) s", done.stdout)
    graph = re.search(r"graph .*: (.*) \(", done.stdout)
    return {"seconds": round(seconds, 1), "extraction_seconds": float(extracted.group(1)) if extracted else None,
            "graph": graph.group(1) if graph else None,
            "build_cpu_seconds": round(cpu, 1),
            "server_cpu_seconds": None if server_seconds is None else round(server_seconds, 1),
            "load_average": round(os.getloadavg()[0], 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=CORPORA, help="documents to build from")
    parser.add_argument("--clear-database", action="store_true", help="allow the benchmark to empty the database")
    parser.add_argument("--neo4j-jobs", type=int, help="--jobs of the Neo4j builds (default: kg's default)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    if not args.clear_database:
        parser.error("this benchmark empties the Neo4j database first; pass --clear-database")
    from kg.stores.neo4j_store import Neo4jStore
    from kg.stores.settings import connection_settings
    from kg_cli import neo4j_server

    # the extraction workers are children of a fork server that outlives `kg build`: reap them here so
    # their CPU counts in RUSAGE_CHILDREN
    become_subreaper()
    server = neo4j_server._find_pid() if not os.environ.get("NEO4J_URI") else None

    rows = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as data_dir:
        rows["embedded, fresh --data-dir"] = build(args.files, "--data-dir", data_dir)
    c = connection_settings()
    store = Neo4jStore.connect(c["uri"], c["user"], c["password"], c["database"])
    try:
        store.clear()
    finally:
        store.close()
    neo4j = ["--store", "neo4j", *(["--jobs", str(args.neo4j_jobs)] if args.neo4j_jobs else [])]
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as data_dir:
        rows["Neo4j, empty database"] = build(args.files, *neo4j, "--data-dir", data_dir,
                                                server=server)
        rows["Neo4j, again into the loaded database"] = build(args.files, *neo4j, "--data-dir", data_dir,
                                                              server=server)
        store = Neo4jStore.connect(c["uri"], c["user"], c["password"], c["database"])
        try:
            store._driver.execute_query("MATCH (d:Document) REMOVE d.write_digest", database_=store.database)
        finally:
            store.close()
        rows["Neo4j, loaded database, every document replaced"] = build(
            args.files, *neo4j, "--data-dir", data_dir, server=server)
    embedded = rows["embedded, fresh --data-dir"]["seconds"]
    for row in rows.values():
        row["x_embedded"] = round(row["seconds"] / embedded, 2)
    if args.json:
        print(json.dumps({"files": [str(f) for f in args.files], "cores": os.cpu_count(), "builds": rows},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"{', '.join(f.name for f in args.files)} on {os.cpu_count()} cores")
    print("| build | seconds | × embedded | extraction s | build CPU s | Neo4j server CPU s | load average after |")
    print("|---|---|---|---|---|---|---|")
    for name, row in rows.items():
        server_seconds = "–" if row["server_cpu_seconds"] is None else row["server_cpu_seconds"]
        print(f"| {name} | {row['seconds']} | {row['x_embedded']} | {row['extraction_seconds']} | "
              f"{row['build_cpu_seconds']} | {server_seconds} | {row['load_average']} |")
    for name, row in rows.items():
        print(f"{name}: {row['graph']}")
    return 0


if __name__ == "__main__":
    with reported():
        sys.exit(main())
