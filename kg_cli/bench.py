"""Throughput of the whole extraction against bare jieba segmentation, on the same texts, in the same run.

Both sides are timed as whole processes, start-up included, because that is what a user waits for:

- jieba:   ``python -c <script>`` running ``jieba.lcut`` over the text of every document;
- extract: ``python -m kg_cli extract FILE`` (what ``kg`` runs) with its output sent to /dev/null.

Each runs ``repeat`` times, alternating, and the best time of each is kept. The ratio is extraction
chars/s over jieba chars/s; the target is at least :data:`TARGET_RATIO`. Beside it, the ratio of each pair
of runs (one of each, back to back) and their median: how much the machine's load moved the figure.

This module only starts processes: it imports neither jieba nor the pipelines.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError

__all__ = ["TARGET_RATIO", "corpus_texts", "jieba_command", "extract_command", "run_throughput", "format_report"]

TARGET_RATIO = 1.0  # issue 10: kg extract, whole process, at least as fast as bare jieba.lcut

# Reads the texts exactly as corpus_texts does, then segments each one.
_JIEBA_SCRIPT = """\
import json, logging, sys
from pathlib import Path
import jieba
jieba.setLogLevel(logging.WARNING)
path = Path(sys.argv[1])
data = path.read_bytes().decode("utf-8-sig")
if path.suffix.lower() == ".jsonl":
    texts = [json.loads(line)["text"] for line in data.split("\\n") if line.strip()]
else:
    texts = [data]
for text in texts:
    jieba.lcut(text)
"""


def corpus_texts(path: str | Path) -> list[str]:
    """The texts of ``path``: the ``text`` of every line of a JSONL file, or the whole of a text file."""
    path = Path(path)
    try:
        data = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; pass the JSONL or text file to benchmark on") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as UTF-8 ({exc})") from None
    if path.suffix.lower() != ".jsonl":
        return [data]
    texts = []
    for number, line in enumerate(data.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            texts.append(json.loads(line)["text"])
        except (json.JSONDecodeError, KeyError, TypeError):
            raise InputError(f"{path}, line {number}: expected a JSON object with a \"text\" string") from None
    return texts


def jieba_command(path: str | Path) -> list[str]:
    return [sys.executable, "-c", _JIEBA_SCRIPT, str(path)]


def extract_command(path: str | Path, backend: str = "jieba") -> list[str]:
    return [sys.executable, "-m", "kg_cli", "extract", "--no-progress", "--backend", backend, str(path)]


def run_throughput(path: str | Path, *, repeat: int = 1, backend: str = "jieba") -> dict[str, Any]:
    """Time both processes ``repeat`` times on ``path`` and report the best of each.

    Returns {"file", "documents", "chars", "repeat", "jieba": {...}, "extract": {...}, "ratio",
    "target", "meets_target"}, each side {"command", "seconds", "chars_per_second", "runs"}.
    """
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    texts = corpus_texts(path)
    chars = sum(len(text) for text in texts)
    commands = {"jieba": jieba_command(path), "extract": extract_command(path, backend)}
    runs: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            runs[name].append(_time_process(name, command))
    sides = {}
    for name, command in commands.items():
        best = min(runs[name])
        sides[name] = {"command": _display(command), "seconds": round(best, 3),
                       "chars_per_second": round(chars / best, 1), "runs": [round(t, 3) for t in runs[name]]}
    ratio = min(runs["jieba"]) / min(runs["extract"])
    pairs = [jieba / extract for jieba, extract in zip(runs["jieba"], runs["extract"], strict=True)]
    return {"file": str(path), "documents": len(texts), "chars": chars, "repeat": repeat, **sides,
            "ratio": round(ratio, 3), "pair_ratios": [round(r, 3) for r in pairs],
            "median_pair_ratio": round(statistics.median(pairs), 3),
            "target": TARGET_RATIO, "meets_target": ratio >= TARGET_RATIO}


def format_report(report: dict[str, Any]) -> str:
    """The report of :func:`run_throughput` as a few aligned lines."""
    lines = [f"{report['file']}: {report['documents']:,} documents, {report['chars']:,} chars, "
             f"best of {report['repeat']}"]
    for name, title in (("jieba", "jieba.lcut"), ("extract", "kg extract")):
        side = report[name]
        lines.append(f"  {title:10}  {side['seconds']:8.2f} s  {side['chars_per_second']:>12,.0f} chars/s")
    verdict = "meets" if report["meets_target"] else "misses"
    lines.append(f"  ratio extraction/jieba {report['ratio']:.3f} ({verdict} the target of {report['target']})")
    if len(report.get("pair_ratios", ())) > 1:
        pairs = ", ".join(f"{r:.3f}" for r in report["pair_ratios"])
        lines.append(f"  each pair of runs: {pairs} (median {report['median_pair_ratio']:.3f})")
    return "\n".join(lines)


def _time_process(name: str, command: list[str]) -> float:
    started = time.perf_counter()
    completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        tail = "\n".join(completed.stderr.strip().splitlines()[-5:])
        raise KgError(f"the {name} run failed (exit status {completed.returncode}): {tail}")
    return seconds


def _display(command: list[str]) -> str:
    # The jieba script is long; show it by name rather than inline.
    shown = ["<jieba script>" if part == _JIEBA_SCRIPT else part for part in command]
    return " ".join(shown)
