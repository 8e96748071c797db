"""Neo4j load throughput: kg's batched writer against a one-query-per-row writer, in the same run, on the
national corpus.

- batched: ``Neo4jStore.upsert_many`` — ``UNWIND $rows`` queries of 1,000 rows, transactions of whole
  documents (about 20,000 rows each);
- one query per row: the same Cypher statements in the same order, each sent with a single row as its
  own auto-committed query — the way a loader is written without batching. It is a baseline only: kg
  never writes this way, as it would not keep a document whole.

relationships/s counts every relationship the writes create (the knowledge graph's and the provenance
links to sentences, mentions and documents), as Neo4j's own counters report them; each writer loads
--repeat times into an emptied database and the best run counts. The database is CLEARED before each load, so the command asks for
--clear-database. Connection: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (or `kg neo4j start`).

    .venv/bin/python benchmarks/neo4j_load.py --clear-database [FILE] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from kg_cli.cli_errors import reported

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT.parent / "shared" / "corpus" / "cn-gwr-1954-2019.jsonl"


def batched(store, extractions) -> int:
    before = store.relationships_created
    store.upsert_many(extractions)
    return store.relationships_created - before


def one_query_per_row(store, extractions) -> int:
    from kg.stores.neo4j_store import Rows

    created = 0
    with store._driver.session(database=store.database) as session:
        for extraction in extractions:
            rows = Rows()
            rows.add(extraction)
            for query, batch in rows.statements():
                for row in batch:
                    created += session.run(query, rows=[row]).consume().counters.relationships_created
    return created


def load(writer, extractions, connection, repeat: int) -> dict:
    from kg.stores.neo4j_store import Neo4jStore

    store = Neo4jStore.connect(connection["uri"], connection["user"], connection["password"], connection["database"])
    runs = []
    try:
        for _ in range(repeat):
            store.clear()
            started = time.perf_counter()
            created = writer(store, extractions)
            runs.append((time.perf_counter() - started, created))
        stats = store.stats()
        store.upsert_many(extractions)  # loading again with kg's writer must change nothing
        unchanged = store.stats() == stats
    finally:
        store.close()
    seconds, created = min(runs)
    return {"seconds": round(seconds, 3), "relationships": created, "relationships_per_s": round(created / seconds),
            "graph": stats.model_dump(include={"documents", "entities", "relations"}), "reload_changed_nothing": unchanged}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=NATIONAL, help="documents to load (JSONL, .txt, folder)")
    parser.add_argument("--clear-database", action="store_true", help="allow the benchmark to empty the database")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--repeat", type=int, default=3, help="loads per writer; the best counts")
    args = parser.parse_args()
    if not args.clear_database:
        parser.error("this benchmark empties the Neo4j database before each load; pass --clear-database")
    from kg.stores.settings import connection_settings
    from pipelines.extract import Extractor
    from pipelines.ingest import read_documents

    extractor = Extractor()
    extractions = [extractor.extract(d) for d in read_documents([args.file])]
    connection = connection_settings()
    per_row = load(one_query_per_row, extractions, connection, repeat=1)  # slow: one run is enough
    fast = load(batched, extractions, connection, repeat=args.repeat)  # last, so the database ends up loaded
    same = per_row["graph"] == fast["graph"] and per_row["relationships"] == fast["relationships"]
    report = {"file": str(args.file), "documents": len(extractions), "batched": fast, "per_row": per_row,
              "same_graph": same, "speedup": round(fast["relationships_per_s"] / per_row["relationships_per_s"], 1)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(f"{args.file}: {len(extractions)} documents, {fast['relationships']:,} relationships per load, "
          f"same graph from both writers: {same}")
    for name, r in (("batched (1,000 rows/query)", fast), ("one query per row", per_row)):
        print(f"  {name:28s} {r['seconds']:7.2f} s  {r['relationships_per_s']:>9,} relationships/s"
              f"  reload changed nothing: {r['reload_changed_nothing']}")
    print(f"batched / per-row: {report['speedup']}x (targets: >= 10,000 relationships/s and >= 20x)")
    return 0


if __name__ == "__main__":
    with reported():
        sys.exit(main())
