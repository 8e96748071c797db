"""Precision and recall of the project stages and amounts judged by hand in tests/data/project_status_sample.jsonl.

    .venv/bin/python scripts/project_status_sample.py

Each row is a PROJECT mention of ../shared/corpus/cn-local-2024-2025.jsonl (doc_id and offsets) with the attrs
the pipeline gives it (``predicted``; null where it no longer extracts that span as a PROJECT, after a
retrained tagger cut or read it differently), the attrs it gave when judged if they differ (``judged_predicted``), and
the judgement: ``stage_ok`` (true: the stage is the one the sentence gives; false: wrong, or missing where
``expected_stage`` names one; null: no stage given and none due), ``amount_ok`` for the investment and
capacity rows. Samples: ``tuning`` (60 drawn with seed 20261126, judged, then used to improve the cues and
judged again), ``held-out`` (60 others, seed 7, judged once), ``investment`` (all 18 mentions given one) and
``capacity`` (22 of 85, seed 20261126).
"""

from __future__ import annotations

import json
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "project_status_sample.jsonl"


def _judged(row: dict) -> dict:
    """The attrs the mention had when it was judged."""
    return row["judged_predicted"] if row["judged_predicted"] is not None else row["predicted"]


def main() -> None:
    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    print(f"{'sample':<10} {'stage precision':>16} {'stage recall':>14}")
    for name in ("tuning", "held-out"):
        group = [row for row in rows if row["sample"] == name]
        given = [row for row in group if "stage" in _judged(row)]
        due = [row for row in group if row["expected_stage"]]
        right = sum(row["stage_ok"] is True for row in given)
        found = sum(row["stage_ok"] is True for row in due)
        print(f"{name:<10} {right:>4} / {len(given):<3} {right / len(given):.2f} {found:>4} / {len(due):<3} "
              f"{found / len(due):.2f}")
    gone = sum(row["predicted"] is None for row in rows)
    print(f"judged mentions no longer extracted with the same span: {gone} of {len(rows)}")
    for name in ("investment", "capacity"):
        group = [row for row in rows if row["sample"] == name]
        right = sum(row["amount_ok"] for row in group)
        print(f"{name:<10} amount {right} / {len(group)} {right / len(group):.2f}")


if __name__ == "__main__":
    main()
