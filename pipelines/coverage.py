"""How much of a corpus the section parser understands: documents with goals, goals per document,
measures per goal.

Only layout repair and the section parser run (no segmentation, no recognisers), so a whole corpus
takes seconds. ``kg coverage`` prints :func:`format_table` for each file.

>>> from kg.model import Document
>>> text = "（一）优化政策机制，激发经济增长新动能。\\n\\n提高政策工具质效。全面优化整合政策体系。\\n\\n推动有效投资攻坚。统筹资金。"
>>> report = corpus_coverage("demo", [Document("d", text)])
>>> report["documents"], report["with_goals"], report["goals"], report["measures"]
(1, 1, 1, 2)
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from typing import Any

from kg.model import Document
from pipelines.layout import prepare
from pipelines.structure import parse_structure

__all__ = ["document_coverage", "corpus_coverage", "format_table"]


def document_coverage(document: Document) -> dict[str, Any]:
    """The goals (with their measures) that the section parser finds in one document."""
    structure = parse_structure(prepare(document).text)
    goals = [{"goal": s.goal.name, "measures": [m.name for m, _, _ in s.measures]} for s in structure.sections]
    return {"doc_id": document.doc_id, "style": structure.style, "goals": goals}


def corpus_coverage(name: str, documents: Iterable[Document]) -> dict[str, Any]:
    """Counts over one corpus; ``per_document`` holds :func:`document_coverage` of each document."""
    per_document = [document_coverage(document) for document in documents]
    goals_per_doc = [len(d["goals"]) for d in per_document]
    measures_per_goal = [len(g["measures"]) for d in per_document for g in d["goals"]]
    with_goals = [n for n in goals_per_doc if n]
    return {
        "corpus": name,
        "documents": len(per_document),
        "with_goals": len(with_goals),
        "without_goals": [d["doc_id"] for d in per_document if not d["goals"]],
        "goals": sum(goals_per_doc),
        "goals_per_document": _summary(with_goals),
        "measures": sum(measures_per_goal),
        "goals_with_measures": sum(1 for n in measures_per_goal if n),
        "measures_per_goal": _summary(measures_per_goal),
        "per_document": per_document,
    }


def _summary(values: list[int]) -> dict[str, float]:
    if not values:
        return {"mean": 0.0, "median": 0.0, "min": 0, "max": 0}
    return {"mean": round(statistics.fmean(values), 2), "median": float(statistics.median(values)),
            "min": min(values), "max": max(values)}


def format_table(reports: list[dict[str, Any]]) -> str:
    """One row per corpus: documents with goals, goals per document (of those), measures per goal."""
    header = ("corpus", "docs", "with goals", "goals", "goals/doc mean (min-max)", "measures",
              "goals with measures", "measures/goal mean (max)")
    rows = [header]
    for r in reports:
        g, m = r["goals_per_document"], r["measures_per_goal"]
        rows.append((r["corpus"], str(r["documents"]), f"{r['with_goals']} ({_share(r['with_goals'], r['documents'])})",
                     str(r["goals"]), f"{g['mean']:.1f} ({g['min']}-{g['max']})", str(r["measures"]),
                     f"{r['goals_with_measures']} ({_share(r['goals_with_measures'], r['goals'])})",
                     f"{m['mean']:.1f} ({m['max']})"))
    widths = [max(_width(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)).rstrip()
             for row in rows]
    for r in reports:
        if r["without_goals"]:
            lines.append(f"{r['corpus']}: no goals in {', '.join(r['without_goals'])}")
    return "\n".join(lines)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"


def _width(cell: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in cell)
