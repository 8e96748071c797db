"""benchmarks/tree_cpu.py counts the CPU of processes that outlive the command (as the fork server does)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "tree_cpu.py"
# The command forks a process that goes on burning CPU after the command has exited.
ORPHAN = """
import os, time
if os.fork() == 0:
    started = time.process_time()
    while time.process_time() - started < 0.4:
        pass
    os._exit(0)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a child subreaper is Linux's")
def test_the_cpu_of_an_orphan_is_counted() -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), "--", sys.executable, "-c", ORPHAN],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    cpu = float(result.stderr.split("CPU ")[1].split(" s")[0])
    assert cpu >= 0.4, result.stderr


BUSY = """
import time
started = time.process_time()
while time.process_time() - started < 0.5:
    pass
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_processes_lists_each_process_with_its_cpu_and_when_it_worked() -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), "--processes", "--", sys.executable, "-c", BUSY],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stderr.splitlines() if line.startswith("  pid ")]
    assert len(rows) == 1, result.stderr
    assert float(rows[0].split("CPU ")[1].split(" s")[0]) >= 0.3, result.stderr
    first, last = rows[0].split("working ")[1].split(" s")[0].split("-")
    assert 0 <= float(first) < float(last), result.stderr
