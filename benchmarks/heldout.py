"""Extraction on sections the tagger has never seen: k-fold cross-validation over the training gold.

    .venv/bin/python benchmarks/heldout.py            # 4 folds; needs the train extra (python-crfsuite)

The dev figures in the README are on reports the tagger never saw, but the rules were read off their
errors. This gives a second estimate of how the extractor does on a report it has never seen: the 24
sections of ``../shared/eval/cn-train.gold.jsonl`` are split into ``--folds`` folds (every fold holds local
and national sections); for each fold a tagger is trained as ``kg train tagger`` trains the shipped one
(the rest of cn-train, the seed and ``pipelines/annotations``, leaving out any silver section that overlaps
a held-out one) and the whole pipeline with it extracts the held-out sections, scored as ``kg eval``
scores. The counts are summed over the folds, then also over the 16 local sections (city and province
reports of 2024–2025, like the hidden local set) and the 8 national ones (1999–2015) apart. The shipped
tagger's in-sample figure on the same sections is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from kg import scoring
from pipelines.extract import Extractor
from pipelines.ingest import document_from_text

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
TRAIN = SHARED / "eval" / "cn-train.gold.jsonl"
SEED = SHARED / "eval" / "hengyang-2021-goals.gold.jsonl"
DEV = [SHARED / "eval" / "cn-gwr-dev.gold.jsonl", SHARED / "eval" / "cn-local-dev.gold.jsonl"]
CORPORA = [SHARED / "corpus" / "cn-gwr-1954-2019.jsonl", SHARED / "corpus" / "cn-local-2024-2025.jsonl"]
ANNOTATIONS = Path(__file__).resolve().parent.parent / "pipelines" / "annotations"
LABELS = ("PROJECT", "PROGRAMME", "TARGET", "INDUSTRY", "PLACE", "ORG")


def folds(docs: list[dict], k: int) -> list[list[dict]]:
    """``k`` folds, local and national sections dealt out in turn so that every fold has both."""
    ordered = sorted(docs, key=lambda d: ("national" in d["doc_id"], d["doc_id"]))
    return [ordered[i::k] for i in range(k)]


def overlaps(section: dict, held: list[dict]) -> bool:
    """Whether a silver section covers text of a held-out gold section (same report, ranges meet)."""
    start = section.get("char_offset", 0)
    end = start + section.get("length", len(section.get("text", "")))
    return any(section.get("source_doc") == h["source_doc"] and start < h["char_offset"] + len(h["text"])
               and h["char_offset"] < end for h in held)


def extract(extractor: Extractor, docs: list[dict]) -> dict[str, dict]:
    out = {}
    for doc in docs:
        out[doc["doc_id"]] = extractor.extract(document_from_text(doc["text"], doc["doc_id"])).to_gold_dict()
    return out


def f1(result: dict, kind: str, label: str) -> float | None:
    """An F1 of a :func:`kg.scoring.score` result: ``label`` "micro" or a label or relation type."""
    row = result[kind]["micro"] if label == "micro" else result[kind]["by_type"].get(label)
    return None if row is None else row["f1"]


def main() -> None:
    from pipelines.train import DEFAULT_C1, DEFAULT_C2, _read_gold, train_tagger

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--c1", type=float, default=DEFAULT_C1, help="L1 regularisation of the folds' taggers")
    parser.add_argument("--c2", type=float, default=DEFAULT_C2, help="L2 regularisation of the folds' taggers")
    parser.add_argument("--without-silver", action="store_true", help="train the folds' taggers without "
                        "pipelines/annotations (cn-train and the seed only)")
    parser.add_argument("--extra", type=Path, nargs="*", default=[], help="more annotated files to train on "
                        "(the gold format, with text or offsets into the shared corpora)")
    parser.add_argument("--errors", type=Path, help="write the held-out errors (kg eval --errors lines) here")
    parser.add_argument("--json", action="store_true", help="print the summed counts as JSON")
    parser.add_argument("--weights-dir", type=Path, help="keep the folds' taggers here (tagger-<fold>.npz) and "
                        "use the ones already there instead of training again: for changes that do not touch "
                        "what the tagger is trained on (the rules feed its features, so retrain after those)")
    parser.add_argument("--skip-in-sample", action="store_true", help="do not extract with the shipped tagger")
    parser.add_argument("--dev", action="store_true", help="also score the dev files with each fold's tagger: "
                        "how much their figures move with a quarter less training data")
    args = parser.parse_args()
    dev = {path.name.split(".")[0]: {d["doc_id"]: d for d in _read_gold(path)} for path in DEV} if args.dev else {}
    gold = _read_gold(TRAIN)
    silver = [] if args.without_silver else [
        doc for path in sorted(ANNOTATIONS.glob("*.jsonl")) for doc in _read_gold(path, CORPORA)]
    silver += [doc for path in args.extra for doc in _read_gold(path, CORPORA)]
    seed = _read_gold(SEED)
    predicted: dict[str, dict] = {}  # every section, extracted by the tagger of the fold that held it out
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as work:
        for index, held in enumerate(folds(gold, args.folds)):
            training = [d for d in gold if d not in held] + seed + [s for s in silver if not overlaps(s, held)]
            path = Path(work) / f"train-{index}.jsonl"
            path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in training), encoding="utf-8")
            weights = (args.weights_dir or Path(work)) / f"tagger-{index}.npz"
            if not (args.weights_dir and weights.exists()):
                weights.parent.mkdir(parents=True, exist_ok=True)
                train_tagger([path], weights, c1=args.c1, c2=args.c2, report=lambda line: None)
            extractor = Extractor(weights=weights)
            fold = extract(extractor, held)
            predicted.update(fold)
            result, _ = scoring.score({d["doc_id"]: d for d in held}, fold)
            print(f"fold {index + 1}/{args.folds}: {', '.join(d['doc_id'] for d in held)}: entity F1 "
                  f"{f1(result, 'entities', 'micro'):.3f}, SERVES F1 {f1(result, 'relations', 'SERVES') or 0.0:.3f} "
                  f"({time.monotonic() - started:.0f} s)", flush=True)
            for name, docs in dev.items():
                result, _ = scoring.score(docs, extract(extractor, list(docs.values())))
                print(f"  its tagger on {name}: entity F1 {f1(result, 'entities', 'micro'):.3f}, "
                      f"SERVES F1 {f1(result, 'relations', 'SERVES') or 0.0:.3f}", flush=True)
    by_id = {d["doc_id"]: d for d in gold}
    held_out, errors = scoring.score(by_id, predicted)  # the folds' counts, summed
    if args.errors:
        args.errors.write_text(scoring.format_errors(errors) + "\n", encoding="utf-8")
    shipped, _ = scoring.score(by_id, {} if args.skip_in_sample else extract(Extractor(), gold))
    kinds = {kind: scoring.score({i: d for i, d in by_id.items() if kind in i},
                                 {i: d for i, d in predicted.items() if kind in i})[0] for kind in ("local", "national")}
    if args.json:
        print(json.dumps({"held_out": held_out, "shipped_in_sample": shipped, "held_out_by_kind": kinds}))
        return
    print(f"\n{'cn-train, 24 sections':<28}{'held out':>10}{'in-sample':>11}{'held out, 16 local':>20}"
          f"{'held out, 8 national':>22}")
    for kind, label in [("entities", "micro"), ("relations", "SERVES"), ("relations", "HAS_MEASURE"),
                        *(("entities", name) for name in LABELS)]:
        if f1(held_out, kind, label) is not None:
            name = "entities (micro)" if label == "micro" else label
            apart = "".join(f"{f1(kinds[k], kind, label) or 0.0:>{w}.3f}" for k, w in (("local", 20), ("national", 22)))
            print(f"{name:<28}{f1(held_out, kind, label):>10.3f}{f1(shipped, kind, label) or 0.0:>11.3f}{apart}")


if __name__ == "__main__":
    main()
