"""Build the graph the research notebooks read, once: both shared corpora into ``data/notebooks`` (the embedded
store), again only when an input changed.

The inputs are the two corpus files of ../shared/corpus and kg's own extraction and graph code and data
(every file under kg/ and pipelines/ but caches); their SHA-1 is kept beside the graph (``inputs.sha1``), so
a changed lexicon, model or line of code rebuilds it and an unchanged checkout reuses it. ``make
notebook-graph`` runs this; so does the notebooks' test (``tests/integration/test_notebooks.py``).

    python scripts/notebook_graph.py [--data-dir data/notebooks] [--force]
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT.parent / "shared" / "corpus" / name for name in ("cn-gwr-1954-2019.jsonl", "cn-local-2024-2025.jsonl")]
DEFAULT_DATA_DIR = ROOT / "data" / "notebooks"
CODE = [ROOT / "kg", ROOT / "pipelines"]
STAMP = "inputs.sha1"


def inputs_fingerprint() -> str:
    """SHA-1 of the corpora and of every file of kg/ and pipelines/ (path and bytes), in a fixed order."""
    digest = hashlib.sha1()
    files = [*CORPORA, *sorted(path for folder in CODE for path in folder.rglob("*")
                               if path.is_file() and "__pycache__" not in path.parts)]
    for path in files:
        digest.update(str(path.relative_to(ROOT.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_graph(data_dir: Path = DEFAULT_DATA_DIR, *, force: bool = False) -> bool:
    """Build both corpora into ``data_dir`` unless the graph there was built from the same inputs; True
    when it built."""
    missing = [str(path) for path in CORPORA if not path.exists()]
    if missing:
        raise SystemExit(f"error: {', '.join(missing)} missing: ../shared must be beside the project")
    fingerprint = inputs_fingerprint()
    stamp = data_dir / STAMP
    if not force and (data_dir / "graph" / "graph.json").exists() and stamp.exists() \
            and stamp.read_text().strip() == fingerprint:
        return False
    stamp.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-m", "kg_cli.cli", "build", *map(str, CORPORA), "--data-dir", str(data_dir)],
                   cwd=ROOT, check=True)
    stamp.write_text(fingerprint + "\n")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--force", action="store_true", help="build even when the inputs did not change")
    args = parser.parse_args()
    started = time.perf_counter()
    built = ensure_graph(args.data_dir, force=args.force)
    print(f"{args.data_dir}: {'built' if built else 'up to date'} ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
