"""kg.scoring must agree exactly with the reference scorer, ../shared/eval/score.py.

The reference scorer is loaded from its file (never copied), and every comparison is exact equality of
the result dicts; the error lists are compared as sorted lists, since the reference lists them in set
order.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import random
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kg import scoring
from kg.errors import InputError
from kg.ids import normalise_name

ROOT = Path(__file__).resolve().parents[2]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
SCORE_PY = SHARED_EVAL / "score.py"
GOLD = SHARED_EVAL / "hengyang-2021-goals.gold.jsonl"

Docs = dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def reference() -> ModuleType:
    if not SCORE_PY.exists():
        pytest.skip(f"the reference scorer {SCORE_PY} is absent (../shared is not checked out next to the project)")
    spec = importlib.util.spec_from_file_location("reference_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gold(reference: ModuleType) -> Docs:
    if not GOLD.exists():
        pytest.skip(f"the gold file {GOLD} is absent")
    return reference.load(GOLD)


def assert_agrees(reference: ModuleType, gold_docs: Docs, pred_docs: Docs) -> dict[str, Any]:
    expected, expected_errors = reference.score(copy.deepcopy(gold_docs), copy.deepcopy(pred_docs))
    result, errors = scoring.score(gold_docs, pred_docs)
    assert result == expected
    assert json.dumps(result, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)  # key order too
    assert errors == {kind: sorted(found) for kind, found in expected_errors.items()}
    return result


# -- perturbations of the gold file -------------------------------------------------------------------

def drop_entities(docs: Docs, share: float = 1 / 3, seed: int = 1) -> Docs:
    """Drop a share of the entities, and every relation that named one of them."""
    rng = random.Random(seed)
    out = copy.deepcopy(docs)
    for doc in out.values():
        dropped = {e["id"] for e in rng.sample(doc["entities"], int(len(doc["entities"]) * share))}
        doc["entities"] = [e for e in doc["entities"] if e["id"] not in dropped]
        doc["relations"] = [r for r in doc["relations"] if r["head"] not in dropped and r["tail"] not in dropped]
    return out


def relabel(docs: Docs, every: int = 4) -> Docs:
    labels = ["GOAL", "MEASURE", "PROJECT", "PROGRAMME", "PLACE", "ORG", "INDUSTRY", "TARGET", "NOT_A_LABEL"]
    out = copy.deepcopy(docs)
    for doc in out.values():
        for index, entity in enumerate(doc["entities"]):
            if index % every == 0:
                entity["label"] = labels[(labels.index(entity["label"]) + 1) % len(labels)]
    return out


def quote_and_space(docs: Docs) -> Docs:
    """Wrap, pad and split entity texts with the characters scoring ignores (and some it keeps)."""
    variants = ["“{}”", " {} ", "「{}」", "'{}'", "{}\u3000", "『{}』", "‘{}’", "\"{}\"", "《{}》", "（{}）"]
    out = copy.deepcopy(docs)
    for doc in out.values():
        for index, entity in enumerate(doc["entities"]):
            text = entity["text"]
            if index % 3 == 0:
                text = variants[index % len(variants)].format(text)
            if index % 5 == 0 and len(text) > 2:
                text = text[:1] + "\n\t " + text[1:]
            entity["text"] = text
    return out


def full_width(docs: Docs) -> Docs:
    """Full-width digits: the scorer keeps them apart, although kg.ids folds them."""
    table = str.maketrans("0123456789%", "０１２３４５６７８９％")
    out = copy.deepcopy(docs)
    for doc in out.values():
        for entity in doc["entities"]:
            entity["text"] = entity["text"].translate(table)
    return out


def spurious_relations(docs: Docs, seed: int = 2) -> Docs:
    rng = random.Random(seed)
    types = ["HAS_MEASURE", "SERVES", "LOCATED_IN", "INVOLVES", "IN_INDUSTRY", "MADE_UP"]
    out = copy.deepcopy(docs)
    for doc in out.values():
        ids = [e["id"] for e in doc["entities"]]
        extra = [{"head": rng.choice(ids), "tail": rng.choice(ids), "type": rng.choice(types)} for _ in range(60)]
        doc["relations"] = doc["relations"] + extra + doc["relations"][:10]  # repeats count once
    return out


def duplicate_mentions(docs: Docs) -> Docs:
    """Every entity twice under new ids, and an id reused by a later entity (the last one wins)."""
    out = copy.deepcopy(docs)
    for doc in out.values():
        copies = [dict(e, id=f"copy-{e['id']}") for e in doc["entities"]]
        clash = dict(doc["entities"][-1], id=doc["entities"][0]["id"])
        doc["entities"] = doc["entities"] + copies + [clash]
    return out


def with_unknown_document(docs: Docs) -> Docs:
    out = copy.deepcopy(docs)
    out["not-in-gold"] = {"doc_id": "not-in-gold", "entities": [{"id": "x", "label": "GOAL", "text": "别的目标"}],
                          "relations": [{"head": "x", "tail": "nowhere", "type": "SERVES"}]}
    return out


def without_relations(docs: Docs) -> Docs:
    return {doc_id: {"doc_id": doc_id, "entities": doc["entities"]} for doc_id, doc in docs.items()}


PERTURBATIONS = [drop_entities, relabel, quote_and_space, full_width, spurious_relations, duplicate_mentions,
                 with_unknown_document, without_relations]


# -- agreement with the reference scorer --------------------------------------------------------------

def test_gold_against_itself_is_perfect(reference: ModuleType, gold: Docs) -> None:
    result = assert_agrees(reference, gold, gold)
    assert result["entities"]["micro"]["f1"] == 1.0
    assert result["relations"]["micro"]["f1"] == 1.0


def test_empty_prediction(reference: ModuleType, gold: Docs) -> None:
    result = assert_agrees(reference, gold, {})
    assert result["entities"]["micro"]["tp"] == 0
    assert_agrees(reference, gold, {doc_id: {"doc_id": doc_id, "entities": [], "relations": []} for doc_id in gold})


@pytest.mark.parametrize("perturb", PERTURBATIONS, ids=lambda f: f.__name__)
def test_perturbed_prediction(reference: ModuleType, gold: Docs, perturb) -> None:
    result = assert_agrees(reference, gold, perturb(gold))
    assert result["entities"]["micro"]["f1"] <= 1.0


def test_combined_perturbations(reference: ModuleType, gold: Docs) -> None:
    pred = gold
    for perturb in (drop_entities, relabel, quote_and_space, spurious_relations, with_unknown_document):
        pred = perturb(pred)
    result = assert_agrees(reference, gold, pred)
    assert 0 < result["relations"]["micro"]["f1"] < 1


def test_perturbed_gold_against_prediction(reference: ModuleType, gold: Docs) -> None:
    """The roles swapped: a perturbed file as gold, the real gold as the prediction."""
    for perturb in (drop_entities, quote_and_space, spurious_relations):
        assert_agrees(reference, perturb(gold), gold)


def test_several_documents(reference: ModuleType, gold: Docs) -> None:
    (doc_id, doc), = gold.items()
    two = {doc_id: doc, "second": dict(copy.deepcopy(doc), doc_id="second")}
    pred = {doc_id: drop_entities(two)[doc_id], "second": relabel(two)["second"]}
    assert_agrees(reference, two, pred)
    assert_agrees(reference, two, {doc_id: doc})  # "second" missing: predicted nothing


def test_unknown_relation_id_is_an_error(reference: ModuleType, gold: Docs) -> None:
    pred = copy.deepcopy(gold)
    for doc in pred.values():
        doc["relations"].append({"head": "no-such-id", "tail": doc["entities"][0]["id"], "type": "SERVES"})
    with pytest.raises(ValueError, match="unknown entity id"):
        reference.score(gold, pred)
    with pytest.raises(InputError, match="unknown entity id"):
        scoring.score(gold, pred)


def test_load_jsonl_matches_the_reference_loader(reference: ModuleType) -> None:
    assert scoring.load_jsonl(GOLD) == reference.load(GOLD)


# -- normalisation ------------------------------------------------------------------------------------

NORMALISATION_CASES = ["“3311”工程计划", " 3311 工程计划 ", "「区域中心」", "『开放高地』", "‘产业’", "'a' \"b\"",
                       "２０２１年", "ＲＡＭ", "１５０家％", "《关于…的意见》", "（一）", "a\u3000b\u00a0c\r\n",
                       "R&D经费投入占GDP比重达2%", ""]


def test_scorer_norm_is_the_reference_norm(reference: ModuleType) -> None:
    for text in NORMALISATION_CASES:
        assert scoring.scorer_norm(text) == reference.norm(text), text


def test_kg_ids_normalisation_differs_on_full_width_characters(reference: ModuleType) -> None:
    """Why scoring has its own rule: kg.ids folds full-width ASCII, the reference scorer does not."""
    assert normalise_name("２０２１年") != reference.norm("２０２１年")
    for text in NORMALISATION_CASES:
        if not any("\uff01" <= ch <= "\uff5e" for ch in text):
            assert normalise_name(text) == reference.norm(text), text


# -- without the reference scorer ---------------------------------------------------------------------

def test_score_on_a_hand_made_example() -> None:
    gold = {"d": {"doc_id": "d", "entities": [{"id": "g", "label": "GOAL", "text": "产业强市"},
                                               {"id": "p", "label": "PROJECT", "text": "比亚迪产业园"}],
                  "relations": [{"head": "p", "tail": "g", "type": "SERVES"}]}}
    pred = {"d": {"doc_id": "d", "entities": [{"id": "1", "label": "GOAL", "text": "“产业强市”"},
                                               {"id": "2", "label": "ORG", "text": "比亚迪"}],
                  "relations": []}}
    result, errors = scoring.score(gold, pred)
    assert result["entities"]["micro"] == {"p": 0.5, "r": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1}
    assert result["relations"]["micro"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 1}
    assert list(result["entities"]["by_type"]) == ["GOAL", "ORG", "PROJECT"]
    assert errors["entities"] == [("FN", "d", "PROJECT", "比亚迪产业园"), ("FP", "d", "ORG", "比亚迪")]
    assert errors["relations"] == [("FN", "d", "SERVES", "PROJECT", "比亚迪产业园", "GOAL", "产业强市")]


def test_format_table_and_errors() -> None:
    gold = {"d": {"doc_id": "d", "entities": [{"id": "g", "label": "GOAL", "text": "产业强市"}]}}
    result, errors = scoring.score(gold, {})
    table = scoring.format_table(result)
    assert "GOAL" in table and "micro" in table and "entities" in table and "relations" in table
    assert scoring.format_errors(errors) == "entities\tFN\td\tGOAL\t产业强市"


def test_load_jsonl_reports_bad_lines(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "a", "entities": []}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        scoring.load_jsonl(bad)
    with pytest.raises(InputError, match="cannot be read"):
        scoring.load_jsonl(tmp_path / "missing.jsonl")
