"""pipelines.native: the kernels compiled ahead of time give numba's results, and a run that has them never
imports numba; without them (KG_KERNELS=jit, or no compiler) numba's functions are used."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from pipelines import kernels as jit
from pipelines import native, segmenter
from tests.unit.test_segmenter import TEXTS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compiled():
    path = native.extension_path()
    if path is None:
        pytest.skip("no extension could be built here (no C compiler?): numba's functions are used")
    return native._load(path)


def _segment_rows(kernels, text: str, hmm: bool) -> np.ndarray:
    trie = segmenter.dictionary()
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    return kernels.segment(codes, trie.edge_node, trie.edge_char, trie.edge_child, trie.frequency, trie.weight,
                           trie.fallback_weight, hmm)


@pytest.mark.parametrize("hmm", [True, False])
def test_compiled_segment_is_numbas(compiled, hmm: bool) -> None:
    for text in [*TEXTS, "".join(TEXTS) * 3]:
        assert np.array_equal(_segment_rows(compiled, text, hmm), _segment_rows(jit, text, hmm)), text


def test_compiled_viterbi_and_child_are_numbas(compiled) -> None:
    generator = np.random.default_rng(7)
    emissions = generator.normal(size=(500, 9)).astype(np.float32)
    transitions = generator.normal(size=(9, 9)).astype(np.float32)
    bounds = np.array([(0, 1), (1, 1), (1, 120), (120, 500)], dtype=np.int64)
    assert np.array_equal(compiled.viterbi(emissions, bounds, transitions), jit.viterbi(emissions, bounds, transitions))
    trie = segmenter.dictionary()
    for char in "建设衡x":
        assert compiled.child(trie.edge_node, trie.edge_char, trie.edge_child, 0, ord(char)) == \
            jit.child(trie.edge_node, trie.edge_char, trie.edge_child, 0, ord(char))


def _run(code: str, **environment: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **environment}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                          cwd=ROOT).stdout.strip()


CHECK = ("import sys; from pipelines import segmenter, native; segmenter.lcut('推进衡阳港区建设'); "
         "print(native.kernels().__name__, 'numba' in sys.modules)")


def test_a_run_with_the_extension_never_imports_numba(compiled) -> None:
    assert _run(CHECK) == f"{compiled.__name__} False"


def test_kg_kernels_jit_uses_numba() -> None:
    assert _run(CHECK, KG_KERNELS="jit") == "pipelines.kernels True"


def test_a_failed_build_is_remembered_and_numbas_functions_are_used(tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "kernels.py"
    source.write_text("raise SystemExit('no compiler here')\n")
    monkeypatch.setattr(native, "_SOURCE", source)
    assert native._build(tmp_path, "kg_kernels_test") is None
    assert "no compiler here" in (tmp_path / "kg_kernels_test.failed").read_text()
    assert not list(tmp_path.glob("kg_kernels_test.*.so")) and not list(tmp_path.glob(".kg_kernels_test.*"))
