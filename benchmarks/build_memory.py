"""Peak memory of ``kg build`` on the shared corpora, repeated N times with distinct doc_ids.

    python benchmarks/build_memory.py [--times 1 3 10] [--jobs N] [--keep-graph DIR] [--json] [FILE ...]

For each N, the input is FILE... (default: both shared corpora) written N times into a temporary JSONL
file, the k-th copy's doc_ids suffixed ``~k`` (k > 1), so the graph has N times the documents,
mentions and evidence over the same entity names. ``kg build`` of that file then runs into a fresh
temporary ``--data-dir`` (both are deleted afterwards) while this script samples, every 100 ms, the
memory of the build's whole process tree (the ``kg`` process, the forkserver and the extraction
workers, read from /proc: Linux only). It reports per N: the peak of the tree's summed RSS and of its
summed PSS (which shares each page among the processes that map it, so libraries are counted once);
the peak RSS of the ``kg`` process alone, and of the largest process it waited for (``ru_maxrss`` from
``wait4``, the figure ``/usr/bin/time -v`` gives as "Maximum resident set size"); the largest peak RSS and
PSS of an extraction worker (a process the ``kg`` process did not start itself: the fork server's children;
the fork server, with the pipeline loaded once, counts in the tree's figures only); wall time; the graph
file's size; and the seconds the API's store takes to load it (``NetworkXStore.open`` in a process of
its own, as ``kg serve`` does).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
DEFAULT_FILES = [SHARED / "cn-gwr-1954-2019.jsonl", SHARED / "cn-local-2024-2025.jsonl"]
PAGE = os.sysconf("SC_PAGE_SIZE")


def write_repeated(files: list[Path], times: int, out: Path) -> tuple[int, int]:
    """``files`` (JSONL) written ``times`` times into ``out``, doc_ids made distinct per copy.

    Returns (documents, characters) written.
    """
    documents = chars = 0
    with out.open("w", encoding="utf-8") as handle:
        for copy in range(1, times + 1):
            for file in files:
                with file.open(encoding="utf-8") as lines:
                    for line in lines:
                        if not line.strip():
                            continue
                        record = json.loads(line)
                        if copy > 1:
                            record["doc_id"] = f"{record['doc_id']}~{copy}"
                        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                        documents += 1
                        chars += len(record.get("text", ""))
    return documents, chars


def process_tree(root: int) -> set[int]:
    """``root`` and every process descended from it (read from /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as stat:
                    # the command name (2nd field) may hold spaces; the fields after its ')' are plain
                    fields = stat.read().rsplit(b")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return tree


def parent_of(pid: int) -> int | None:
    """The parent's pid of ``pid`` (None once it has exited)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return int(stat.read().rsplit(b")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def memory_of(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes; PSS shares each page among the processes mapping it."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith(b"Pss:"):
                    pss = int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return rss, pss


def measure_build(input_file: Path, data_dir: Path, jobs: int | None) -> dict:
    command = [sys.executable, "-m", "kg_cli.cli", "build", str(input_file), "--data-dir", str(data_dir)]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        peaks = {"rss": 0, "pss": 0, "kg": 0}
        workers: dict[int, list[int]] = {}  # each extraction worker (forked by the fork server): [peak RSS, PSS]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                figures = {pid: memory_of(pid) for pid in process_tree(process.pid)}
                peaks["rss"] = max(peaks["rss"], sum(rss for rss, _ in figures.values()))
                peaks["pss"] = max(peaks["pss"], sum(pss for _, pss in figures.values()))
                peaks["kg"] = max(peaks["kg"], figures.get(process.pid, (0, 0))[0])
                for pid, (rss, pss) in figures.items():
                    if rss and pid != process.pid and parent_of(pid) not in (process.pid, None):
                        peak = workers.setdefault(pid, [0, 0])
                        peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
                done.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4: this process's own figures; ru_maxrss is the largest of kg and the descendants it waited for
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise SystemExit(f"kg build failed ({process.returncode}):\n{err.read()}")
        return {"tree_peak_rss_mb": peaks["rss"] / 1e6, "tree_peak_pss_mb": peaks["pss"] / 1e6,
                "kg_peak_rss_mb": peaks["kg"] / 1e6, "largest_process_peak_mb": usage.ru_maxrss * 1024 / 1e6,
                "workers": len(workers),
                "worker_peak_rss_mb": max((rss for rss, _ in workers.values()), default=0) / 1e6,
                "worker_peak_pss_mb": max((pss for _, pss in workers.values()), default=0) / 1e6,
                "seconds": seconds, "output": out.read().strip().splitlines()}


def measure_load(data_dir: Path) -> float:
    """Seconds to open the saved graph as the API does (NetworkXStore.open), in a fresh process."""
    code = ("import sys, time; from kg.stores.networkx_store import NetworkXStore; t = time.perf_counter(); "
            "s = NetworkXStore.open(sys.argv[1]); print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code, str(data_dir / "graph")], check=True,
                         capture_output=True, text=True).stdout
    return float(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES, help="JSONL corpora")
    parser.add_argument("--times", type=int, nargs="+", default=[1], help="repetitions of the corpora to build")
    parser.add_argument("--jobs", type=int, default=None, help="kg build --jobs (default: kg's, the cores)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep-graph", type=Path, metavar="DIR",
                        help="copy each built graph directory to DIR/xN (the temporary one is deleted)")
    args = parser.parse_args(argv)
    rows = []
    for times in args.times:
        with tempfile.TemporaryDirectory(prefix="kg-build-memory-") as temp:
            input_file = Path(temp) / f"corpora-x{times}.jsonl"
            documents, chars = write_repeated(args.files, times, input_file)
            data_dir = Path(temp) / "data"
            row = {"times": times, "documents": documents, "chars": chars,
                   **measure_build(input_file, data_dir, args.jobs)}
            graph_file = next((data_dir / "graph").glob("graph.*"))
            row["graph_file"] = graph_file.name
            row["graph_file_mb"] = graph_file.stat().st_size / 1e6
            row["load_seconds"] = measure_load(data_dir)
            if args.keep_graph is not None:
                shutil.copytree(data_dir / "graph", args.keep_graph / f"x{times}", dirs_exist_ok=True)
        rows.append(row)
        if not args.json:
            print(f"x{times}: {documents:,} documents, {chars:,} chars: peak of the process tree "
                  f"{row['tree_peak_rss_mb']:.0f} MB RSS summed, {row['tree_peak_pss_mb']:.0f} MB PSS summed; "
                  f"kg process {row['kg_peak_rss_mb']:.0f} MB peak RSS, largest process waited for "
                  f"{row['largest_process_peak_mb']:.0f} MB; largest of {row['workers']} extraction workers "
                  f"{row['worker_peak_rss_mb']:.0f} MB peak RSS, {row['worker_peak_pss_mb']:.0f} MB peak PSS; "
                  f"{row['seconds']:.1f} s; {row['graph_file']} {row['graph_file_mb']:.1f} MB, "
                  f"loaded in {row['load_seconds']:.2f} s", flush=True)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
