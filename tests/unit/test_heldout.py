"""benchmarks/heldout.py: every fold mixes local and national sections, and no silver section that
overlaps a held-out one is trained on."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "heldout.py"
spec = importlib.util.spec_from_file_location("heldout", SCRIPT)
heldout = importlib.util.module_from_spec(spec)
spec.loader.exec_module(heldout)


def test_folds_deal_local_and_national_sections_out_in_turn():
    docs = [{"doc_id": f"train-local-{i:02d}"} for i in range(1, 9)] + \
           [{"doc_id": f"train-national-{i:02d}"} for i in range(1, 5)]
    folds = heldout.folds(docs, 4)
    assert sorted(d["doc_id"] for fold in folds for d in fold) == sorted(d["doc_id"] for d in docs)
    for fold in folds:
        kinds = {d["doc_id"].split("-")[1] for d in fold}
        assert kinds == {"local", "national"}


def test_a_silver_section_overlapping_a_held_out_one_is_left_out():
    held = [{"source_doc": "city-A-2024", "char_offset": 100, "text": "x" * 50}]
    assert heldout.overlaps({"source_doc": "city-A-2024", "char_offset": 140, "length": 30}, held)
    assert heldout.overlaps({"source_doc": "city-A-2024", "char_offset": 60, "length": 41}, held)
    assert not heldout.overlaps({"source_doc": "city-A-2024", "char_offset": 150, "length": 30}, held)
    assert not heldout.overlaps({"source_doc": "city-A-2024", "char_offset": 0, "length": 100}, held)
    assert not heldout.overlaps({"source_doc": "city-B-2024", "char_offset": 100, "length": 50}, held)
