"""Extraction workers are forked from a server that built the pipeline once: they start with it loaded."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.integration, pytest.mark.pipeline,
              pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server")]

# In a process of its own: a fork server already running (an earlier test's pool) keeps what it preloaded.
SCRIPT = """
import json, os
from concurrent.futures import ProcessPoolExecutor
import pipelines.extract as extract

def probe(_):
    import gc, os, sys, time
    import pipelines.extract as extract
    time.sleep(0.2)  # both workers answer
    preloaded = extract._preloaded is not None and extract._worker_extractor is extract._preloaded[2]
    collects = gc.isenabled() and gc.get_threshold() == extract.BATCH_GC_THRESHOLD  # the server built with it off
    return (os.getpid(), preloaded and collects, sum(os.times()[:2]),
            "spacy.cli" in sys.modules)

if __name__ == "__main__":
    with ProcessPoolExecutor(2, mp_context=extract._worker_context("jieba", "tagger"),
                             initializer=extract._start_worker, initargs=("jieba", "tagger")) as pool:
        print(json.dumps(list(pool.map(probe, range(2)))))
"""


def test_workers_start_with_the_pipeline_the_server_built(tmp_path):
    script = tmp_path / "workers.py"
    script.write_text(SCRIPT, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)
    assert len({pid for pid, _, _, _ in answers}) == 2
    # building the pipeline takes more than a second of CPU; a forked worker has spent next to none, and
    # collects its garbage as kg's own process does when it extracts
    assert all(preloaded and cpu < 0.5 for _, preloaded, cpu, _ in answers), answers
    # the server imported spaCy without its command line interface (pipelines.extract.import_spacy)
    assert not any(interface for *_, interface in answers), answers
