"""Peak memory of the embedded store taking a built graph's documents N times, without extracting again.

    python benchmarks/store_memory.py GRAPH_DIR [--times 1 3 10] [--batch 32]

GRAPH_DIR holds a ``graph.json`` that ``kg build`` wrote (``benchmarks/build_memory.py --keep-graph``
keeps one). Each of its documents is turned back into an :class:`~kg.model.Extraction` (its mentions
as spans, its evidence as links, their sentences as sentences), and for each N a fresh process upserts
them N times, the k-th copy's doc_ids suffixed ``~k``, in batches of ``--batch`` documents as
``kg build`` does, then saves the graph; then another fresh process opens the saved graph as the API
does. Reported per N: the peak RSS of each process (``ru_maxrss``), seconds, the graph file's size and
the stats. This is the part of ``kg build``'s own process that grows with the input (the extraction
workers are not run); ``benchmarks/build_memory.py`` measures the whole build.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.model import Document, Extraction, Link, Span
from kg.stores.networkx_store import NetworkXStore


def extractions_of(graph_dir: Path) -> list[Extraction]:
    """An extraction per document of the saved graph that gives the same graph when upserted."""
    store = NetworkXStore.open(graph_dir)
    per_document: dict[str, dict] = {doc_id: {"spans": {}, "links": [], "sentences": set()}
                                     for doc_id in store._documents}
    entities = store.all_entities()
    measures: dict[str, dict[str, tuple[int, int, str]]] = {doc_id: {} for doc_id in per_document}  # name -> span
    for entity in entities:
        for mention in entity.mentions:
            if entity.label == "MEASURE":
                measures[mention.doc_id].setdefault(entity.name, (mention.start, mention.end, "MEASURE"))
            found = per_document[mention.doc_id]
            attrs = store._facts[mention.doc_id].attrs_of(entity.id) or {}
            found["spans"][(mention.start, mention.end, entity.label)] = (mention.text, attrs)
            found["sentences"].add((mention.sentence_start, mention.sentence_end))
    labels = {entity.id: entity.label for entity in entities}
    for relation in store.all_relations():
        for evidence in relation.evidence:
            found = per_document[evidence.doc_id]
            found["links"].append((relation.type, (evidence.head_start, evidence.head_end, labels[relation.head.id]),
                                   (evidence.tail_start, evidence.tail_end, labels[relation.tail.id]),
                                   evidence.measure))
            found["sentences"].add((evidence.sentence_start, evidence.sentence_end))
    extractions = []
    for doc_id, found in per_document.items():
        row, text = store._documents[doc_id], store._texts.text(doc_id)
        document = Document(doc_id, text, row["title"], row["year"], row["source"])
        ids = {key: f"m{index}" for index, key in enumerate(sorted(found["spans"]))}
        spans = [Span(ids[key], key[0], key[1], key[2], surface, dict(attrs))
                 for key, (surface, attrs) in found["spans"].items()]
        links = [Link(ids[head], ids[tail], kind, ids[measures[doc_id][measure]] if measure else None)
                 for kind, head, tail, measure in found["links"]]
        # a sentence that is the whole text is what sentence_bounds gives where no sentence holds a mention
        sentences = sorted(s for s in found["sentences"] if s != (0, len(text)))
        extractions.append(Extraction(document, spans, links, sentences))
    return extractions


def upsert_child(extractions_file: str, times: int, batch: int, out_dir: str) -> None:
    """Upsert the pickled extractions ``times`` times, read one at a time, in batches; then save."""
    started = time.perf_counter()
    store = NetworkXStore.open(out_dir)
    for copy in range(1, times + 1):
        pending: list[Extraction] = []
        with open(extractions_file, "rb") as handle:
            while True:
                try:
                    extraction = pickle.load(handle)
                except EOFError:
                    break
                if copy > 1:
                    document = dataclasses.replace(extraction.document, doc_id=f"{extraction.document.doc_id}~{copy}")
                    extraction = Extraction(document, extraction.spans, extraction.links, extraction.sentences)
                pending.append(extraction)
                if len(pending) == batch:
                    store.upsert_many(pending)
                    pending = []
        store.upsert_many(pending)
    store.save()
    stats = store.stats()
    print(json.dumps({"seconds": time.perf_counter() - started, "documents": stats.documents,
                      "entities": stats.entities, "relations": stats.relations, "mentions": stats.mentions,
                      "evidence": stats.evidence,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6}))


def open_child(out_dir: str) -> None:
    started = time.perf_counter()
    NetworkXStore.open(out_dir)
    print(json.dumps({"seconds": time.perf_counter() - started,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6}))


def run(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    # Each step runs in a process of its own, started from this small one: a child's ru_maxrss starts
    # from its parent's resident size at the fork.
    if argv is None and len(sys.argv) > 1 and sys.argv[1] in ("--prepare-child", "--upsert-child", "--open-child"):
        if sys.argv[1] == "--prepare-child":
            with open(sys.argv[3], "wb") as handle:
                for extraction in extractions_of(Path(sys.argv[2])):
                    pickle.dump(extraction, handle)
        elif sys.argv[1] == "--upsert-child":
            upsert_child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
        else:
            open_child(sys.argv[2])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph_dir", type=Path, help="a directory holding the graph.json of a kg build")
    parser.add_argument("--times", type=int, nargs="+", default=[1, 3, 10])
    parser.add_argument("--batch", type=int, default=32, help="documents per upsert_many (kg build: 32)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-store-memory-") as temp:
        extractions_file = Path(temp) / "extractions.pickle"
        subprocess.run([sys.executable, __file__, "--prepare-child", str(args.graph_dir), str(extractions_file)],
                       check=True)
        source = (args.graph_dir / "graph.json").read_bytes()
        for times in args.times:
            out_dir = Path(temp) / f"x{times}"
            built = run("--upsert-child", str(extractions_file), str(times), str(args.batch), str(out_dir))
            saved = (out_dir / "graph.json").read_bytes()
            opened = run("--open-child", str(out_dir))
            same = f"; the same bytes as {args.graph_dir}/graph.json: {saved == source}" if times == 1 else ""
            print(f"x{times}: {built['documents']:,} documents, {built['mentions']:,} mentions, "
                  f"{built['evidence']:,} evidence ({built['entities']:,} entities, {built['relations']:,} "
                  f"relations): upsert and save peak RSS {built['peak_rss_mb']:.0f} MB in {built['seconds']:.1f} s; "
                  f"graph.json {len(saved) / 1e6:.1f} MB; open peak RSS {opened['peak_rss_mb']:.0f} MB in "
                  f"{opened['seconds']:.2f} s{same}", flush=True)
            del saved
            shutil.rmtree(out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
