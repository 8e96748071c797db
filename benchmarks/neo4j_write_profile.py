"""Where the Neo4j server's CPU goes while kg writes: per statement kind, per JVM thread, and in commits.

Extracts the files first (default: both shared corpora; in this process, not timed), then loads the
extractions into the local Neo4j server (``kg neo4j start``; its pid is needed to read its CPU) with
``Neo4jStore.upsert_many``, as ``kg build --store neo4j`` does, once per --mode:

- ``empty``: into an emptied database (the database is CLEARED, so the command asks for --clear-database);
- ``loaded``: again, every document the same (skipped: its digest is unchanged);
- ``replace``: again, with the documents' digests removed first, so every document is replaced.

For each load it prints the server's CPU (utime + stime of its JVM, ``/proc/<pid>/stat``), the wall time,
this process's CPU (row building, the driver's encoding), the server's CPU by thread (Bolt workers run
the queries and commits; GC and JIT compiler threads; ``/proc/<pid>/task/*/stat``), and the server CPU
spent while each kind of ``UNWIND`` statement ran; the rest of the server's CPU is the commits and the
small statements around them (reading the stored digests and old versions).

    .venv/bin/python benchmarks/neo4j_write_profile.py --clear-database [FILE ...] [--mode empty loaded replace]
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import sys
import time
from pathlib import Path

from kg_cli.cli_errors import reported

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT.parent / "shared" / "corpus" / "cn-gwr-1954-2019.jsonl",
           ROOT.parent / "shared" / "corpus" / "cn-local-2024-2025.jsonl"]
TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def thread_cpu(pid: int) -> dict[str, tuple[str, float]]:
    """thread id -> (thread name without its number, CPU seconds so far); Linux keeps 15 characters of it."""
    threads = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except OSError:  # the thread ended
            continue
        name = re.sub(r"[#\-]?\d+$", "", stat[stat.index("(") + 1:stat.rindex(")")])  # GC Thread#1 -> GC Thread
        fields = stat.rsplit(")", 1)[1].split()
        threads[task.name] = (name, (int(fields[11]) + int(fields[12])) / TICKS)
    return threads


def statement_kind(query: str) -> str:
    """The statement's first clauses: enough to tell the kinds apart (entities are per label)."""
    return re.sub(r"\s+", " ", query).replace("UNWIND $rows AS row ", "").replace("UNWIND $ids AS id ", "")[:60]


def profile(store, extractions, pid: int) -> dict:
    from kg.stores.neo4j_store import Neo4jStore

    per_statement: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0])
    run = Neo4jStore._run

    def timed_run(tx, query, **parameters):
        before = process_cpu(pid)
        result = run(tx, query, **parameters)
        entry = per_statement[statement_kind(query)]
        entry[0] += process_cpu(pid) - before
        entry[1] += 1
        return result

    threads_before, server_before = thread_cpu(pid), process_cpu(pid)
    client_before, started = time.process_time(), time.perf_counter()
    Neo4jStore._run = staticmethod(timed_run)
    try:
        store.upsert_many(extractions)
    finally:
        Neo4jStore._run = staticmethod(run)
    wall, client = time.perf_counter() - started, time.process_time() - client_before
    server = process_cpu(pid) - server_before
    by_thread: collections.Counter = collections.Counter()
    for tid, (name, seconds) in thread_cpu(pid).items():
        by_thread[name] += seconds - threads_before.get(tid, (name, 0.0))[1]
    statements = sum(seconds for seconds, _ in per_statement.values())
    return {"server_cpu": round(server, 1), "wall": round(wall, 1), "client_cpu": round(client, 1),
            "load_average": round(os.getloadavg()[0], 1),
            "threads": {name: round(s, 1) for name, s in by_thread.most_common() if s >= 0.1},
            "statements": {kind: (round(s, 1), n) for kind, (s, n) in
                           sorted(per_statement.items(), key=lambda item: -item[1][0])},
            "commits_and_the_rest": round(server - statements, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=CORPORA, help="documents to extract and load")
    parser.add_argument("--mode", nargs="+", choices=["empty", "loaded", "replace"],
                        default=["empty", "loaded", "replace"], help="loads to make, in this order")
    parser.add_argument("--clear-database", action="store_true", help="allow the benchmark to empty the database")
    args = parser.parse_args()
    if not args.clear_database:
        parser.error("this benchmark empties the Neo4j database; pass --clear-database")
    from kg.stores.neo4j_store import Neo4jStore
    from kg.stores.settings import connection_settings
    from kg_cli import neo4j_server
    from pipelines.extract import Extractor
    from pipelines.ingest import read_documents

    pid = neo4j_server._find_pid()
    if pid is None:
        raise SystemExit("no local Neo4j server (kg neo4j start): its CPU is what this measures")
    extractor = Extractor()
    extractions = [extractor.extract(document) for document in read_documents(args.files)]
    c = connection_settings()
    store = Neo4jStore.connect(c["uri"], c["user"], c["password"], c["database"])
    try:
        for mode in args.mode:
            if mode == "empty":
                store.clear()
            elif mode == "replace":
                store._driver.execute_query("MATCH (d:Document) REMOVE d.write_digest", database_=store.database)
            result = profile(store, extractions, pid)
            print(f"{mode}: server CPU {result['server_cpu']} s, wall {result['wall']} s, this process's CPU "
                  f"{result['client_cpu']} s, load average {result['load_average']}")
            print("  server CPU by thread: " + ", ".join(f"{k} {v}" for k, v in result["threads"].items()))
            for kind, (seconds, count) in result["statements"].items():
                print(f"  {seconds:6.1f} s in {count:4d} x {kind}")
            print(f"  {result['commits_and_the_rest']:6.1f} s in commits and the statements around them")
        print(store.stats())
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    with reported():
        sys.exit(main())
