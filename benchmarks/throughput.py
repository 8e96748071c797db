"""Extraction throughput against bare jieba on the same texts: whole processes, start-up included.

    python benchmarks/throughput.py [FILE] [--repeat N] [--backend jieba] [--json]

FILE defaults to ../shared/corpus/cn-gwr-1954-2019.jsonl. The measurement itself is
:func:`kg_cli.bench.run_throughput`, which ``kg bench`` calls too.
"""

from __future__ import annotations

import argparse
import json
import sys

from kg_cli.bench import format_report, run_throughput
from kg_cli.cli_errors import reported

DEFAULT_FILE = "../shared/corpus/cn-gwr-1954-2019.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", default=DEFAULT_FILE, help="JSONL (one document per line) or text file")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each process; the best is kept")
    parser.add_argument("--backend", default="jieba", help="tokenizer backend of the extractor")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    with reported():
        report = run_throughput(args.file, repeat=args.repeat, backend=args.backend)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
