"""Dask against Ray for `kg build --engine dask`'s job: the same partitions, the same extraction files.

    .venv/bin/python benchmarks/engines.py --engine dask [--workers 2] [CORPUS.jsonl]
    .venv/bin/python benchmarks/engines.py --engine ray     # needs `pip install ray` (not a kg dependency)

Each run is a whole process: the local cluster starts (2 worker processes, each building the pipeline
once: a Dask worker plugin, a Ray actor), the JSONL input is cut into 4 partitions per worker, each worker
extracts its partitions into part files, the cluster stops. Prints JSON: seconds until the workers are
ready, seconds extracting, total, and the part files' documents. Ray is measured here only, to choose an
engine; kg itself depends on Dask alone.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extraction_files import write_manifest, write_part  # noqa: E402
from pipelines.distributed import (  # noqa: E402
    PARTITIONS_PER_WORKER,
    extract_with_dask,
    jsonl_partitions,
    read_partition,
)

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "cn-gwr-1954-2019.jsonl"


def run_dask(corpus: Path, out_dir: Path, workers: int) -> dict:
    started = time.perf_counter()
    ready: list[float] = []
    summary = extract_with_dask([corpus], out_dir, workers=workers,
                                on_started=lambda parts, threads: ready.append(time.perf_counter()))
    done = time.perf_counter()
    return {"ready_s": ready[0] - started, "extract_s": done - ready[0], "total_s": done - started,
            "documents": summary["documents"], "parts": summary["parts"]}


def run_ray(corpus: Path, out_dir: Path, workers: int) -> dict:
    import ray
    from ray.util import ActorPool

    started = time.perf_counter()
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)

    @ray.remote(num_cpus=1)
    class Extractor:
        def __init__(self) -> None:
            from pipelines.extract import Extractor as PipelineExtractor
            from pipelines.extract import freeze_loaded

            self.extractor = PipelineExtractor()
            freeze_loaded()

        def ready(self) -> bool:
            return True

        def extract(self, partition, index: int, out: str) -> dict:
            extractions = (self.extractor.extract(document) for document in read_partition(partition))
            return write_part(Path(out), index, extractions)

    actors = [Extractor.remote() for _ in range(workers)]
    ray.get([actor.ready.remote() for actor in actors])
    ready = time.perf_counter()
    partitions = jsonl_partitions([corpus], PARTITIONS_PER_WORKER * workers)
    pool = ActorPool(actors)
    parts = list(pool.map_unordered(lambda actor, job: actor.extract.remote(job[1], job[0], str(out_dir)),
                                    list(enumerate(partitions))))
    write_manifest(out_dir, parts)
    ray.shutdown()
    done = time.perf_counter()
    return {"ready_s": ready - started, "extract_s": done - ready, "total_s": done - started,
            "documents": sum(part["documents"] for part in parts), "parts": len(parts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--engine", choices=("dask", "ray"), default="dask")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run = run_dask if args.engine == "dask" else run_ray
        result = run(args.corpus, Path(tmp), args.workers)
    print(json.dumps({"engine": args.engine, "workers": args.workers} | {
        key: round(value, 2) if isinstance(value, float) else value for key, value in result.items()}))


if __name__ == "__main__":
    main()
