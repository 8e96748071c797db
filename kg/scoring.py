"""Score extraction output against a gold file, with exactly the semantics of ``../shared/eval/score.py``.

Both sides are mention-level documents in the gold format ``{"doc_id", "entities": [{"id", "label",
"text", ...}], "relations": [{"head", "tail", "type"}]}``. Scoring is over unique facts per document,
which is what a graph keeps:

- entity fact   = (label, normalised text)
- relation fact = (type, head label, head text, tail label, tail text), texts normalised the same way

Normalisation drops whitespace and the quotation marks “ ” ‘ ’ " ' 「 」 『 』 and nothing else.
Precision, recall and F1 are micro-averaged over documents, overall and per label / type, and rounded to
four places. A gold document missing from the predictions counts as predicting nothing; predicted
documents that the gold file does not hold are ignored.

>>> gold = {"d": {"doc_id": "d", "entities": [{"id": "e1", "label": "GOAL", "text": "产业强市"}]}}
>>> pred = {"d": {"doc_id": "d", "entities": [{"id": "x", "label": "GOAL", "text": "“产业强市”"}]}}
>>> result, errors = score(gold, pred)
>>> result["entities"]["micro"]
{'p': 1.0, 'r': 1.0, 'f1': 1.0, 'tp': 1, 'fp': 0, 'fn': 0}
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kg.errors import InputError

__all__ = [
    "KINDS",
    "scorer_norm",
    "document_facts",
    "prf",
    "score",
    "load_jsonl",
    "format_table",
    "format_summary",
    "pooled",
    "format_errors",
]

KINDS = ("entities", "relations")

# kg.ids.normalise_name also folds full-width ASCII (２０２１ → 2021), which the reference scorer does not:
# scoring must use exactly the scorer's rule, so it has its own.
_SCORER_IGNORED = re.compile(r"[\s\"'“”‘’「」『』]+")

EntityFact = tuple[str, str]
RelationFact = tuple[str, str, str, str, str]
Counts = list[int]  # [tp, fp, fn]


def scorer_norm(text: str) -> str:
    """The reference scorer's normalisation: drop whitespace and quotation marks, keep everything else.

    >>> scorer_norm("“3311” 工程计划"), scorer_norm("２０２１")
    ('3311工程计划', '２０２１')
    """
    return _SCORER_IGNORED.sub("", text)


def document_facts(doc: Mapping[str, Any]) -> tuple[set[EntityFact], set[RelationFact]]:
    """The unique entity and relation facts of one gold-format document.

    Entities are indexed by id (a repeated id keeps its last entity, as the reference scorer does).
    A relation naming an id that the document does not define is an :class:`InputError`.
    """
    doc_id = doc.get("doc_id")
    by_id: dict[Any, Mapping[str, Any]] = {}
    for entity in _items(doc, "entities"):
        by_id[_field(entity, "id", doc_id, "entity")] = entity
    entity_facts = {(_text_field(e, "label", doc_id), scorer_norm(_text_field(e, "text", doc_id)))
                    for e in by_id.values()}
    relation_facts = set()
    for relation in _items(doc, "relations"):
        head = by_id.get(_field(relation, "head", doc_id, "relation"))
        tail = by_id.get(_field(relation, "tail", doc_id, "relation"))
        if head is None or tail is None:
            raise InputError(f"{doc_id}: relation {relation} names an unknown entity id")
        relation_facts.add((_field(relation, "type", doc_id, "relation"),
                            head["label"], scorer_norm(head["text"]), tail["label"], scorer_norm(tail["text"])))
    return entity_facts, relation_facts


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Precision, recall and F1 (0.0 where undefined) rounded to 4 places, with the counts."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def score(gold_docs: Mapping[str, Mapping[str, Any]],
          pred_docs: Mapping[str, Mapping[str, Any]]) -> tuple[dict[str, Any], dict[str, list[tuple[Any, ...]]]]:
    """Score ``pred_docs`` against ``gold_docs`` (both keyed by doc_id).

    Returns ``(result, errors)``: ``result`` has the shape of ``score.py --json``,
    ``{"entities"|"relations": {"micro": prf, "by_type": {label or type: prf}}}``; ``errors`` lists every
    false positive and false negative, sorted, as ``("FP"|"FN", doc_id, *fact)`` per kind.
    """
    counts: dict[str, dict[str, Counts]] = {kind: {} for kind in KINDS}
    errors: dict[str, list[tuple[Any, ...]]] = {kind: [] for kind in KINDS}
    for doc_id, gold in gold_docs.items():
        pred = pred_docs.get(doc_id, {"entities": [], "relations": []})
        for kind, gold_facts, pred_facts in zip(KINDS, document_facts(gold), document_facts(pred), strict=True):
            for fact in gold_facts | pred_facts:
                bucket = counts[kind].setdefault(fact[0], [0, 0, 0])
                if fact in gold_facts and fact in pred_facts:
                    bucket[0] += 1
                elif fact in pred_facts:
                    bucket[1] += 1
                    errors[kind].append(("FP", doc_id, *fact))
                else:
                    bucket[2] += 1
                    errors[kind].append(("FN", doc_id, *fact))
    result = {}
    for kind, by_type in counts.items():
        total = [sum(bucket[i] for bucket in by_type.values()) for i in range(3)]
        result[kind] = {"micro": prf(*total), "by_type": {name: prf(*by_type[name]) for name in sorted(by_type)}}
    return result, {kind: sorted(found) for kind, found in errors.items()}


def load_jsonl(path: str | Path) -> dict[str, dict[str, Any]]:
    """A gold-format JSONL file as {doc_id: document}; a repeated doc_id keeps its last line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read ({exc})") from None
    documents: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}, line {number}: not valid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(record, dict) or not isinstance(record.get("doc_id"), str):
            raise InputError(f"{path}, line {number}: expected a JSON object with a string \"doc_id\"")
        documents[record["doc_id"]] = record
    return documents


def format_table(result: Mapping[str, Any]) -> str:
    """``result`` of :func:`score` as a plain-text table: one row per label / type, then the micro average."""
    names = [name for kind in KINDS for name in result[kind]["by_type"]] + ["micro"]
    width = max(len(name) for name in names) + 2
    header = f"{'':{width}} {'P':>7} {'R':>7} {'F1':>7} {'tp':>6} {'fp':>6} {'fn':>6}"
    lines = []
    for kind in KINDS:
        lines += [f"{kind}", header]
        rows = list(result[kind]["by_type"].items()) + [("micro", result[kind]["micro"])]
        for name, m in rows:
            lines.append(f"  {name:{width - 2}} {m['p']:7.4f} {m['r']:7.4f} {m['f1']:7.4f} "
                         f"{m['tp']:6d} {m['fp']:6d} {m['fn']:6d}")
        lines.append("")
    return "\n".join(lines).rstrip("\n")


SUMMARY_COLUMNS = (("entities", "micro", "entities"), ("relations", "SERVES", "SERVES"),
                   ("relations", "HAS_MEASURE", "HAS_MEASURE"), ("relations", "micro", "relations"))


def pooled(results: Mapping[str, tuple[Mapping[str, Mapping[str, Any]], Mapping[str, Mapping[str, Any]]]]
           ) -> dict[str, Any]:
    """One score over the documents of several gold files (``{name: (gold_docs, pred_docs)}``); a doc_id
    is qualified by its file's name, so two files may reuse one."""
    gold_all, pred_all = {}, {}
    for name, (gold_docs, pred_docs) in results.items():
        for doc_id, doc in gold_docs.items():
            gold_all[f"{name}/{doc_id}"] = doc
            if doc_id in pred_docs:
                pred_all[f"{name}/{doc_id}"] = pred_docs[doc_id]
    return score(gold_all, pred_all)[0]


def format_summary(results: Mapping[str, Mapping[str, Any]]) -> str:
    """One row per gold file (and the pooled row): entity micro P/R/F1, SERVES, HAS_MEASURE and relation
    micro F1, from :func:`score` results keyed by row name."""
    width = max(len(name) for name in results) + 2
    header = f"{'':{width}} {'ent P':>7} {'ent R':>7} {'ent F1':>7} {'SERVES':>7} {'HAS_M':>7} {'rel F1':>7}"
    lines = [header]
    for name, result in results.items():
        entity = result["entities"]["micro"]
        cells = [entity["p"], entity["r"], entity["f1"]]
        for kind, key, _ in SUMMARY_COLUMNS[1:]:
            found = result[kind]["micro"] if key == "micro" else result[kind]["by_type"].get(key)
            cells.append(found["f1"] if found else float("nan"))
        lines.append(f"{name:{width}} " + " ".join(f"{cell:7.4f}" for cell in cells))
    return "\n".join(lines)


def format_errors(errors: Mapping[str, list[tuple[Any, ...]]]) -> str:
    """Every false positive and false negative, one tab-separated line each: kind, FP|FN, doc_id, fact."""
    return "\n".join("\t".join(map(str, (kind, *error))) for kind in KINDS for error in errors[kind])


def _items(doc: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items = doc.get(key, [])
    if not isinstance(items, list) or not all(isinstance(item, Mapping) for item in items):
        raise InputError(f"{doc.get('doc_id')}: \"{key}\" must be a list of JSON objects")
    return items


def _field(item: Mapping[str, Any], key: str, doc_id: Any, what: str) -> Any:
    if key not in item:
        raise InputError(f"{doc_id}: {what} {dict(item)} has no \"{key}\"")
    return item[key]


def _text_field(entity: Mapping[str, Any], key: str, doc_id: Any) -> str:
    value = _field(entity, key, doc_id, "entity")
    if not isinstance(value, str):
        raise InputError(f"{doc_id}: entity {dict(entity)} has a non-string \"{key}\"")
    return value
