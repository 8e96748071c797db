"""benchmarks/build_memory.py: the repeated corpus it builds from, and its reading of a process tree's memory.
(The build itself is too long for a unit test: `make bench-memory` runs it.)"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("build_memory", ROOT / "benchmarks" / "build_memory.py")
build_memory = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_memory)


def test_each_copy_has_its_own_doc_ids(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"doc_id": d, "text": "建设产业园。"}, ensure_ascii=False)
                                for d in ("a", "b")) + "\n\n", encoding="utf-8")
    out = tmp_path / "x3.jsonl"
    assert build_memory.write_repeated([corpus], 3, out) == (6, 36)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in records] == ["a", "b", "a~2", "b~2", "a~3", "b~3"]
    assert {r["text"] for r in records} == {"建设产业园。"}


def test_the_tree_holds_a_child_and_its_memory_is_counted() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import sys, time; x = b'x' * 50_000_000; "
                              "sys.stdout.write('ready\\n'); sys.stdout.flush(); time.sleep(30)"],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "ready\n"
        assert child.pid in build_memory.process_tree(os.getpid())
        rss, pss = build_memory.memory_of(child.pid)
        assert rss >= 50_000_000 and 0 < pss <= rss
    finally:
        child.kill()
        child.wait()
