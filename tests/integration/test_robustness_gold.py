"""The dev gold printed the ways reports reach users is read as the clean text is (benchmarks/robustness.py).

Each variant rewrites the texts and moves the gold with them; the figures must stay those of the clean files,
within the few names that the variants the README lists as partly handled still lose."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kg import scoring
from pipelines.extract import Extractor
from pipelines.ingest import document_from_text
from tests.conftest import missing

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "robustness.py"
spec = importlib.util.spec_from_file_location("robustness", SCRIPT)
robustness = importlib.util.module_from_spec(spec)
spec.loader.exec_module(robustness)

pytestmark = [pytest.mark.integration, pytest.mark.pipeline]

DEV = [robustness.EVAL / "cn-gwr-dev.gold.jsonl", robustness.EVAL / "cn-local-dev.gold.jsonl"]
# variants read exactly as the clean text; the others may lose this much entity / SERVES F1 (README)
EXACT = ("ascii-punctuation", "full-width-digits", "straight-quotes", "hard-wrapped", "part-numbers",
         "arabic-numbers", "traditional", "note-marks")
LOSS = {"page-breaks": (0.01, 0.01), "no-numbers": (0.01, 0.06), "wrapped-doubled": (0.01, 0.01)}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def figures(extractor: Extractor, gold: dict, variant: str) -> tuple[float, float]:
    docs = {doc_id: robustness.rewritten(doc, robustness.VARIANTS[variant]) for doc_id, doc in gold.items()}
    predicted = {doc_id: extractor.extract(document_from_text(doc["text"], doc_id)).to_gold_dict()
                 for doc_id, doc in docs.items()}
    result, _ = scoring.score(docs, predicted)
    return result["entities"]["micro"]["f1"], result["relations"]["by_type"]["SERVES"]["f1"]


@pytest.mark.parametrize("path", DEV, ids=lambda path: path.name.split(".")[0])
def test_every_printing_of_a_dev_file_is_read_as_the_clean_one(extractor: Extractor, path: Path) -> None:
    if not path.exists():
        missing(f"no dev gold at {path}")
    gold = scoring.load_jsonl(path)
    clean = figures(extractor, gold, "clean")
    for variant in EXACT:
        assert figures(extractor, gold, variant) == clean, variant
    for variant, (entity_loss, serves_loss) in LOSS.items():
        entity, serves = figures(extractor, gold, variant)
        assert entity >= clean[0] - entity_loss and serves >= clean[1] - serves_loss, (variant, entity, serves)
