"""The shipped taggers were trained on what the pipeline computes today.

The tagger's features include the rules' output, so a rule that changes what it proposes changes what the
tagger should have been trained on. ``kg train tagger`` stores a digest of its training sequences in the
weights it writes; here the same digest is computed from today's rules and compared: a mismatch means the
shipped weights no longer come from ``kg train tagger`` and the README's figures would not be reproduced
by it (run ``kg train tagger`` and ``kg train tagger --alone`` again, and measure again).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.components.tagger import TaggerWeights, data_path
from pipelines.train import training_digest

pytestmark = [pytest.mark.pipeline, pytest.mark.integration]

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
GOLD = [SHARED / "eval" / "cn-train.gold.jsonl", SHARED / "eval" / "hengyang-2021-goals.gold.jsonl",
        *sorted((ROOT / "pipelines" / "annotations").glob("*.jsonl"))]
CORPORA = [SHARED / "corpus" / "cn-gwr-1954-2019.jsonl", SHARED / "corpus" / "cn-local-2024-2025.jsonl"]


@pytest.mark.parametrize(("weights", "rule_features"), [("tagger.npz", True), ("tagger-alone.npz", False)])
def test_the_shipped_tagger_was_trained_on_todays_features(weights: str, rule_features: bool) -> None:
    if not GOLD[0].exists():
        pytest.skip(f"no training gold at {GOLD[0]}")
    shipped = TaggerWeights.load(data_path("models", weights))
    assert shipped.rule_features is rule_features
    assert shipped.training_digest, f"{weights} carries no training digest: train it with `kg train tagger`"
    assert training_digest(GOLD, corpora=CORPORA, rule_features=rule_features) == shipped.training_digest, (
        f"{weights} was trained on other features than today's rules compute: retrain it (`kg train tagger"
        f"{'' if rule_features else ' --alone'}`) and measure again")
