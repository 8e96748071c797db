"""Neo4j load throughput: the batched writer (UNWIND $rows, 1,000 rows a query) against a one-query-per-row
writer (the same statements with one row each), in the same run, on the national corpus.

Both load every document in its own transaction; relationships/s counts every relationship the writes
create (the knowledge graph's and the provenance links to sentences, mentions and documents), as
Neo4j's own counters report them. The database is CLEARED before each load, so the command asks for
--clear-database. Connection: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (or `kg neo4j start`).

    .venv/bin/python benchmarks/neo4j_load.py --clear-database [FILE] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT.parent / "shared" / "corpus" / "cn-gwr-1954-2019.jsonl"


def load(extractions, connection, batch_size: int) -> dict:
    from kg.stores.neo4j_store import Neo4jStore

    store = Neo4jStore.connect(connection["uri"], connection["user"], connection["password"],
                               connection["database"], batch_size=batch_size)
    try:
        store.clear()
        started = time.perf_counter()
        store.upsert_many(extractions)
        seconds = time.perf_counter() - started
        created, stats = store.relationships_created, store.stats()
        store.upsert_many(extractions)  # loading again must change nothing
        unchanged = store.stats() == stats
    finally:
        store.close()
    return {"batch_size": batch_size, "seconds": round(seconds, 3), "relationships": created,
            "relationships_per_s": round(created / seconds), "graph": {k: stats[k] for k in ("documents", "entities",
                                                                                                "relations")},
            "reload_changed_nothing": unchanged}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=NATIONAL, help="documents to load (JSONL, .txt, folder)")
    parser.add_argument("--clear-database", action="store_true", help="allow the benchmark to empty the database")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    if not args.clear_database:
        parser.error("this benchmark empties the Neo4j database before each load; pass --clear-database")
    from kg.neo4j_server import connection_settings
    from pipelines.extract import Extractor
    from pipelines.ingest import read_documents

    extractor = Extractor()
    extractions = [extractor.extract(d) for d in read_documents([args.file])]
    connection = connection_settings()
    per_row = load(extractions, connection, batch_size=1)
    batched = load(extractions, connection, batch_size=1000)  # last, so the database ends up loaded
    report = {"file": str(args.file), "documents": len(extractions), "batched": batched, "per_row": per_row,
              "speedup": round(batched["relationships_per_s"] / per_row["relationships_per_s"], 1)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(f"{args.file}: {len(extractions)} documents, {batched['relationships']:,} relationships per load")
    for name, r in (("batched (1,000 rows/query)", batched), ("one query per row", per_row)):
        print(f"  {name:28s} {r['seconds']:7.2f} s  {r['relationships_per_s']:>9,} relationships/s"
              f"  reload changed nothing: {r['reload_changed_nothing']}")
    print(f"batched / per-row: {report['speedup']}x (targets: >= 10,000 relationships/s and >= 20x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
