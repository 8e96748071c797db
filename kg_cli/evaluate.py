"""Compare tokenizer backends on a gold file: each backend's extractor is built, run on the gold texts and
scored with :mod:`kg.scoring`, timed for start-up and speed, by default in a process of its own
(``python -m kg_cli.evaluate``). ``kg eval --backend jieba,hanlp`` prints :func:`format_comparison`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError
from kg.model import Document
from kg.scoring import KINDS, load_jsonl, prf, score
from kg_cli.cli_errors import reported
from pipelines.extract import Extractor, freeze_loaded
from pipelines.ingest import document_from_text

__all__ = ["WARM_UP_TEXT", "gold_documents", "run_backend", "compare_backends", "format_comparison"]

# Extracted once after a backend is built, so that lazy loading (jieba's dictionary, the lexicons, HanLP's
# first call into the JVM) counts as start-up, not as extraction speed.
WARM_UP_TEXT = "关键词 产业强市\n\n措施一：聚焦聚力先进制造业\n\n加快比亚迪智能制造产业园建设，力争新增规模以上工业企业150家。"


def gold_documents(gold_docs: Mapping[str, Mapping[str, Any]]) -> list[Document]:
    """The :class:`kg.model.Document` of each gold document, made from its ``text``."""
    documents = []
    for doc_id, record in gold_docs.items():
        if not isinstance(record.get("text"), str):
            raise InputError(f"gold document {doc_id!r} has no \"text\" to extract from")
        documents.append(document_from_text(record["text"], doc_id))
    return documents


def run_backend(gold_docs: Mapping[str, Mapping[str, Any]], backend: str, *, min_seconds: float = 1.0,
                extractor_factory: Any = None) -> dict[str, Any]:
    """Build one backend's extractor, extract the gold texts and score them, timing each part.

    ``startup_seconds``: building the extractor and extracting a short warm-up text. ``chars_per_second``:
    extraction of every gold text, repeated until ``min_seconds`` have passed (a seed file is a few
    thousand characters), start-up excluded. Scores and errors are those of the first pass.
    """
    extractor_factory = extractor_factory or Extractor
    documents = gold_documents(gold_docs)
    chars = sum(len(document.text) for document in documents)
    started = time.perf_counter()
    extractor = extractor_factory(backend)
    extractor.extract(document_from_text(WARM_UP_TEXT, "warm-up"))
    ready = time.perf_counter()
    predictions = {e.document.doc_id: e.to_gold_dict() for e in extractor.extract_many(documents)}
    passes = 1
    while time.perf_counter() - ready < min_seconds and chars:
        for _ in extractor.extract_many(documents):
            pass
        passes += 1
    elapsed = time.perf_counter() - ready
    scores, errors = score(gold_docs, predictions)
    return {"backend": backend, "scores": scores, "errors": errors, "startup_seconds": round(ready - started, 3),
            "passes": passes, "chars_per_second": round(chars * passes / max(elapsed, 1e-9), 1)}


def compare_backends(gold_path: str | Path, backends: list[str], *, isolated: bool = True,
                     min_seconds: float = 1.0) -> dict[str, Any]:
    """Score each backend on the gold file with :func:`run_backend`, side by side.

    With ``isolated`` (the default) each backend runs in a process of its own (``python -m kg_cli.evaluate``),
    so each pays its own loading and none inherits another's caches or JVM; ``process_seconds`` is that
    whole process, interpreter start-up included. Returns ``{"gold", "documents", "chars", "backends":
    {name: run_backend() result (+ "process_seconds")}}`` in the order given.
    """
    gold_docs = load_jsonl(gold_path)
    compared: dict[str, Any] = {}
    for backend in backends:
        if not isolated:
            compared[backend] = run_backend(gold_docs, backend, min_seconds=min_seconds)
            continue
        command = [sys.executable, "-m", "kg_cli.evaluate", str(gold_path), backend, str(min_seconds)]
        started = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
        seconds = time.perf_counter() - started
        if completed.returncode != 0:
            lines = completed.stderr.strip().splitlines()
            messages = [line[len("error: "):] for line in lines if line.startswith("error: ")]
            detail = messages[-1] if messages else "\n".join(lines[-5:])
            raise KgError(f"backend {backend}: {detail}")
        compared[backend] = json.loads(completed.stdout) | {"process_seconds": round(seconds, 3)}
    documents = len(gold_docs)
    chars = sum(len(record.get("text") or "") for record in gold_docs.values())
    return {"gold": str(gold_path), "documents": documents, "chars": chars, "backends": compared}


def format_comparison(comparison: Mapping[str, Any]) -> str:
    """:func:`compare_backends` as one table: P/R/F1 of each backend side by side per label and relation type,
    then the speed of each (start-up, extraction chars/s, the whole process when it ran on its own).

    >>> result = {"entities": {"micro": prf(1, 0, 0), "by_type": {"GOAL": prf(1, 0, 0)}},
    ...           "relations": {"micro": prf(0, 0, 0), "by_type": {}}}
    >>> side = {"scores": result, "startup_seconds": 0.5, "chars_per_second": 300000.0}
    >>> print(format_comparison({"documents": 1, "chars": 3000, "backends": {"jieba": side, "hanlp": side}}))
    ... # doctest: +NORMALIZE_WHITESPACE
                              jieba                        hanlp
                     P       R      F1           P       R      F1
    entities
      GOAL      1.0000  1.0000  1.0000      1.0000  1.0000  1.0000
      micro     1.0000  1.0000  1.0000      1.0000  1.0000  1.0000
    <BLANKLINE>
    relations
      micro     0.0000  0.0000  0.0000      0.0000  0.0000  0.0000
    <BLANKLINE>
    speed (1 document, 3,000 chars)
      start-up s                  0.50                         0.50
      chars/s                  300,000                      300,000
    """
    backends = comparison["backends"]
    names = {kind: sorted({name for side in backends.values() for name in side["scores"][kind]["by_type"]})
             for kind in KINDS}
    labels = [name for kind in KINDS for name in names[kind]] + ["start-up s", "process s", "micro"]
    width = max(len(label) for label in labels) + 2
    column = 28  # three figures of 8 characters and a gap

    def row(label: str, cells: list[str]) -> str:
        return f"  {label:{width - 2}}" + "".join(f"{cell:>{column}}" for cell in cells)

    lines = [f"{'':{width}}" + "".join(f"{backend:>{column}}" for backend in backends),
             f"{'':{width}}" + "".join(f"{'P':>12}{'R':>8}{'F1':>8}" for _ in backends)]
    for kind in KINDS:
        lines.append(kind)
        for name in names[kind] + ["micro"]:
            cells = []
            for side in backends.values():
                by_type = side["scores"][kind]["by_type"]
                m = side["scores"][kind]["micro"] if name == "micro" else by_type.get(name, prf(0, 0, 0))
                cells.append(f"{m['p']:.4f}  {m['r']:.4f}  {m['f1']:.4f}")
            lines.append(row(name, cells))
        lines.append("")
    documents = comparison["documents"]
    lines.append(f"speed ({documents:,} document{'' if documents == 1 else 's'}, {comparison['chars']:,} chars)")
    lines.append(row("start-up s", [f"{side['startup_seconds']:.2f}" for side in backends.values()]))
    lines.append(row("chars/s", [f"{side['chars_per_second']:,.0f}" for side in backends.values()]))
    if all("process_seconds" in side for side in backends.values()):
        lines.append(row("process s", [f"{side['process_seconds']:.2f}" for side in backends.values()]))
    return "\n".join(lines)


def _process_extractor(backend: str) -> Extractor:
    """The one extractor of a ``python -m kg_cli.evaluate`` process, kept out of the collector's reach."""
    extractor = Extractor(backend)
    freeze_loaded()
    return extractor


def _main(argv: list[str]) -> int:
    """``python -m kg_cli.evaluate GOLD BACKEND [MIN_SECONDS]``: :func:`run_backend` as JSON on stdout (used by
    :func:`compare_backends` to run each backend in a process of its own)."""
    try:
        gold_path, backend = argv[0], argv[1]
        min_seconds = float(argv[2]) if len(argv) > 2 else 1.0
    except (IndexError, ValueError):
        print("usage: python -m kg_cli.evaluate GOLD BACKEND [MIN_SECONDS]", file=sys.stderr)
        return 2
    with reported():
        result = run_backend(load_jsonl(gold_path), backend, min_seconds=min_seconds,
                             extractor_factory=_process_extractor)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
