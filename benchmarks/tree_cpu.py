"""CPU time (user + sys) and wall time of a command's whole process tree, workers and fork server included.

    python benchmarks/tree_cpu.py [--out FILE] -- COMMAND ...
    python benchmarks/tree_cpu.py -- .venv/bin/kg extract --jobs 1 ../shared/corpus/cn-gwr-1954-2019.jsonl

On a machine shared with other jobs wall time moves a lot; the CPU a command spends moves much less, so it
is the figure to compare before and after a change. ``/usr/bin/time`` counts only the processes the command
waited for, and the extraction workers are children of multiprocessing's fork server, which outlives the
command: here this process becomes a child subreaper (Linux), so every descendant is reaped by it when it
ends, and their CPU adds up in ``RUSAGE_CHILDREN``. The command's stdout goes to ``--out`` (default
/dev/null); the figures and the load average go to stderr.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> None:
    """Adopt this process's orphaned descendants (the fork server and its workers outlive ``kg``), so that
    their CPU is counted in RUSAGE_CHILDREN once they are waited for."""
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise SystemExit("cannot become a child subreaper (Linux only)")


def reap_orphans() -> None:
    """Wait for every child, the orphans reparented here included."""
    while True:
        try:
            os.wait()
        except ChildProcessError:
            break


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=os.devnull, help="where the command's stdout goes")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    become_subreaper()
    started = time.perf_counter()
    with open(args.out, "w") as out:
        status = subprocess.run(command, stdout=out).returncode
    wall = time.perf_counter() - started
    reap_orphans()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"wall {wall:.2f} s, CPU {usage.ru_utime + usage.ru_stime:.2f} s (user {usage.ru_utime:.2f}, "
          f"sys {usage.ru_stime:.2f}), load average {os.getloadavg()[0]:.2f}, exit status {status}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
