"""benchmarks/component_times.py: CPU per pipeline component, and with its options the tagger's steps and rules."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_it_prints_the_components_the_taggers_steps_and_its_costliest_rules() -> None:
    result = subprocess.run([sys.executable, "benchmarks/component_times.py", "corpus/hengyang-2021-goals.txt",
                             "--rules", "2", "--steps"], cwd=ROOT, capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"extraction \(CPU\) +\d+\.\d{3} s  100\.00 %", lines[0])
    assert any(line.startswith("kg_tagger ") for line in lines)
    steps = [line.split()[1] for line in lines if line.strip().startswith("step ")]
    assert steps == ["TaggerFeatures.context", "Decoder.emissions", "Decoder.decode"]
    assert sum(line.strip().startswith("rule _") for line in lines) == 2
