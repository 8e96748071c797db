"""pipelines.segmenter against jieba.lcut on every report of both shared corpora: the same words, in order."""

from __future__ import annotations

import json
from pathlib import Path

import jieba
import pytest

from pipelines import segmenter

ROOT = Path(__file__).resolve().parents[2]
CORPORA = [ROOT.parent / "shared" / "corpus" / name for name in ("cn-gwr-1954-2019.jsonl", "cn-local-2024-2025.jsonl")]

pytestmark = [pytest.mark.integration, pytest.mark.corpus,
              pytest.mark.skipif(not all(path.exists() for path in CORPORA),
                                 reason="../shared/corpus is not beside the project")]


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda path: path.stem)
def test_every_report_segments_as_jieba_does(corpus: Path) -> None:
    for line in corpus.read_text(encoding="utf-8").splitlines():
        document = json.loads(line)
        assert segmenter.lcut(document["text"]) == jieba.lcut(document["text"]), document["doc_id"]
