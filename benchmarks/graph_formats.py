"""The embedded store's graph file in other formats: size, and seconds to write and to read back.

    python benchmarks/graph_formats.py [GRAPH_DIR] [--repeat N]

GRAPH_DIR (default data/graph) holds a ``graph.json`` that ``kg build`` wrote. Its records (documents
with their texts, nodes with packed mentions, edges with packed evidence) are written and read back as:
the JSON the store writes (stdlib ``json``, a record a line), the same JSON through ``orjson``,
MessagePack (``msgpack``), and SQLite (one table per kind of record, each record's fields as columns,
mentions and evidence as JSON text). orjson and msgpack are not kg dependencies: install them to compare
(``pip install orjson msgpack``); a missing one is reported as such. Reading is decoding only, not
building the networkx graph, which costs the same for every format; the last line gives the whole
``NetworkXStore.open`` for the file as it is. Best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.stores.networkx_store import GRAPH_FILE, NetworkXStore


def best(repeat: int, run: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def sqlite_write(data: dict, path: Path) -> None:
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE documents (doc_id TEXT PRIMARY KEY, title TEXT, year INTEGER, source TEXT, "
                   "length INTEGER, text TEXT)")
        db.execute("CREATE TABLE nodes (id TEXT PRIMARY KEY, label TEXT, name TEXT, attrs TEXT, doc_attrs TEXT, "
                   "mentions TEXT)")
        db.execute("CREATE TABLE edges (source TEXT, target TEXT, key TEXT, id TEXT, evidence TEXT)")
        db.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)",
                       [(d["doc_id"], d["title"], d["year"], d["source"], d["length"], d["text"])
                        for d in data["documents"]])
        db.executemany("INSERT INTO nodes VALUES (?, ?, ?, ?, ?, ?)",
                       [(n["id"], n["label"], n["name"], json.dumps(n["attrs"], ensure_ascii=False),
                         json.dumps(n["doc_attrs"], ensure_ascii=False), json.dumps(n["mentions"], ensure_ascii=False))
                        for n in data["graph"]["nodes"]])
        db.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?)",
                       [(e["source"], e["target"], e["key"], e["id"], json.dumps(e["evidence"], ensure_ascii=False))
                        for e in data["graph"]["edges"]])
    db.close()


def sqlite_read(path: Path) -> None:
    with sqlite3.connect(path) as db:
        list(db.execute("SELECT * FROM documents"))
        for row in db.execute("SELECT * FROM nodes"):
            json.loads(row[3]), json.loads(row[4]), json.loads(row[5])
        for row in db.execute("SELECT * FROM edges"):
            json.loads(row[4])
    db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph_dir", nargs="?", type=Path, default=Path("data") / "graph")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    source = args.graph_dir / GRAPH_FILE
    raw = source.read_bytes()
    data = json.loads(raw)
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-graph-formats-") as temp:
        store = NetworkXStore.open(args.graph_dir)
        copy_dir = Path(temp) / "json"
        store.directory = copy_dir
        rows.append(("json (stdlib; what kg writes)", len(raw), best(args.repeat, store.save),
                     best(args.repeat, lambda: json.loads((copy_dir / GRAPH_FILE).read_bytes()))))
        try:
            import orjson
        except ImportError:
            rows.append(("orjson", None, None, None))
        else:
            encoded = orjson.dumps(data)
            rows.append(("orjson", len(encoded), best(args.repeat, lambda: orjson.dumps(data)),
                         best(args.repeat, lambda: orjson.loads(encoded))))
        try:
            import msgpack
        except ImportError:
            rows.append(("msgpack", None, None, None))
        else:
            packed = msgpack.packb(data)
            rows.append(("msgpack", len(packed), best(args.repeat, lambda: msgpack.packb(data)),
                         best(args.repeat, lambda: msgpack.unpackb(packed))))
        database = Path(temp) / "graph.sqlite"
        write_seconds = best(args.repeat, lambda: sqlite_write(data, database))
        rows.append(("sqlite (tables, JSON columns)", database.stat().st_size, write_seconds,
                     best(args.repeat, lambda: sqlite_read(database))))
        open_seconds = best(args.repeat, lambda: NetworkXStore.open(args.graph_dir))
    print(f"{'format':32} {'MB':>8} {'write s':>8} {'read s':>8}")
    for name, size, write, read in rows:
        if size is None:
            print(f"{name:32} not installed")
        else:
            print(f"{name:32} {size / 1e6:8.1f} {write:8.2f} {read:8.2f}")
    print(f"NetworkXStore.open of {source} (decode and build the graph): {open_seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
