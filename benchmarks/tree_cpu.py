"""CPU time (user + sys) and wall time of a command's whole process tree, workers and fork server included.

    python benchmarks/tree_cpu.py [--out FILE] -- COMMAND ...
    python benchmarks/tree_cpu.py -- .venv/bin/kg extract --jobs 1 ../shared/corpus/cn-gwr-1954-2019.jsonl

On a machine shared with other jobs wall time moves a lot; the CPU a command spends moves much less, so it
is the figure to compare before and after a change. ``/usr/bin/time`` counts only the processes the command
waited for, and the extraction workers are children of multiprocessing's fork server, which outlives the
command: here this process becomes a child subreaper (Linux), so every descendant is reaped by it when it
ends, and their CPU adds up in ``RUSAGE_CHILDREN``. The command's stdout goes to ``--out`` (default
/dev/null); the figures and the load average go to stderr.

With ``--processes`` the tree is also sampled every 50 ms (``/proc``): each process's CPU and the seconds,
from the start, between which it was seen working, so that one sees when the workers started and how long
``kg`` waited for them:

    python benchmarks/tree_cpu.py --processes -- .venv/bin/kg extract ../shared/corpus/cn-gwr-1954-2019.jsonl
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


TICKS = os.sysconf("SC_CLK_TCK")


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack.extend(int(child) for child in children.read().split())
        except OSError:
            continue
    return found


def _cpu_and_name(pid: int) -> tuple[float, str] | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        with open(f"/proc/{pid}/cmdline") as cmdline:
            name = cmdline.read().replace("\0", " ").strip()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS, name


def sample(process: subprocess.Popen, started: float, interval: float = 0.05) -> dict[int, list]:
    """Until ``process`` ends: per pid of its tree, [name, CPU seconds, first and last second it was seen working]."""
    seen: dict[int, list] = {}
    while process.poll() is None:
        now = time.perf_counter() - started
        for pid in _descendants(process.pid):
            found = _cpu_and_name(pid)
            if found is None:
                continue
            cpu, name = found
            row = seen.setdefault(pid, [name, 0.0, None, None])
            if cpu > row[1]:
                row[2] = now if row[2] is None else row[2]
                row[3] = now
            row[1] = cpu
        time.sleep(interval)
    return seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=os.devnull, help="where the command's stdout goes")
    parser.add_argument("--processes", action="store_true",
                        help="also print each process's CPU and when it worked (sampled every 50 ms)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    become_subreaper()
    started = time.perf_counter()
    with open(args.out, "w") as out:
        process = subprocess.Popen(command, stdout=out)
        processes = sample(process, started) if args.processes else {}
        status = process.wait()
    wall = time.perf_counter() - started
    reap_orphans()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"wall {wall:.2f} s, CPU {usage.ru_utime + usage.ru_stime:.2f} s (user {usage.ru_utime:.2f}, "
          f"sys {usage.ru_stime:.2f}), load average {os.getloadavg()[0]:.2f}, exit status {status}", file=sys.stderr)
    for pid, (name, cpu, first, last) in processes.items():
        working = f"working {first:.2f}-{last:.2f} s" if first is not None else "not seen working"
        print(f"  pid {pid}: CPU {cpu:.2f} s, {working}: {name[:90]}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
