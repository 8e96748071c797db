"""Extraction on a Dask cluster: ``kg build --engine dask``.

The JSONL inputs are cut into partitions at line boundaries (:func:`jsonl_partitions`: byte ranges, so the
client never parses them); each worker loads the pipeline once (:class:`ExtractorPlugin`, a Dask worker
plugin), reads its partitions itself and writes one extraction file per partition
(:func:`kg.extraction_files.write_part`, atomically). The client then writes the manifest that makes the
directory a complete run, which ``kg load`` puts into a store. Dask does the scheduling, the transport and
the retries; nothing here is a task queue of its own.

The workers must see the inputs and the output directory at the same absolute paths as the client (one
machine, or a shared file system such as a cluster's home or scratch), and run the same version of kg.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = Path(tmp) / "c.jsonl"
...     _ = path.write_text("".join(f'{{"doc_id": "d{i}", "text": "关键词"}}\\n' for i in range(5)))
...     parts = jsonl_partitions([path], 2)
...     [(p.first_line, [d.doc_id for d in read_partition(p)]) for p in parts]
[(1, ['d0', 'd1', 'd2']), (4, ['d3', 'd4'])]
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError
from kg.extraction_files import remove_run, write_manifest, write_part
from kg.model import Document
from pipelines.ingest import DEFAULT_MAX_BYTES, jsonl_document

try:
    from distributed import WorkerPlugin
except ImportError:  # Dask is an optional extra: the module still imports (partitioning needs no Dask)
    WorkerPlugin = object

__all__ = ["JsonlPartition", "jsonl_files", "jsonl_partitions", "read_partition", "extract_partition",
           "ExtractorPlugin", "check_parts", "extract_with_dask", "DEFAULT_WORKERS", "PARTITIONS_PER_WORKER"]

DEFAULT_WORKERS = 2  # of the local cluster started when no scheduler is given
PARTITIONS_PER_WORKER = 4  # enough to even out long and short reports between workers
MAX_PARTITION_BYTES = 64_000_000  # a partition's input at most; more partitions for larger inputs
PLUGIN_NAME = "kg-extractor"
WORKER_TIMEOUT = 120  # seconds to wait for a first worker of an existing scheduler


@dataclass(frozen=True)
class JsonlPartition:
    """Lines of one JSONL file: bytes [start, end) of ``path`` (absolute), the first being line ``first_line``.
    ``name`` is the path as given, which documents carry as their source, as ``kg build`` reads them."""

    path: str
    name: str
    start: int
    end: int
    first_line: int


def jsonl_partitions(paths: Sequence[Path], count: int, *,
                     max_partition_bytes: int = MAX_PARTITION_BYTES) -> list[JsonlPartition]:
    """Cut ``paths`` (JSONL files, or folders of them) into about ``count`` partitions of similar size in bytes,
    each within one file and ending at a line end, in input order."""
    files = jsonl_files(paths)
    total = sum(file.stat().st_size for file in files)
    target = max(1, min(-(-total // max(count, 1)), max_partition_bytes))
    partitions = []
    for file in files:
        start = offset = 0
        first_line = 1
        with file.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                offset += len(raw)
                if offset - start >= target:
                    partitions.append(JsonlPartition(str(file.resolve()), str(file), start, offset, first_line))
                    start, first_line = offset, number + 1
        if offset > start:
            partitions.append(JsonlPartition(str(file.resolve()), str(file), start, offset, first_line))
    return partitions


def jsonl_files(paths: Sequence[Path]) -> list[Path]:
    """The JSONL files of ``paths`` (folders read as ``kg build`` reads them); InputError for any other file."""
    from pipelines.ingest import _expand

    files = list(_expand(paths))
    for file in files:
        if file.suffix.lower() != ".jsonl":
            raise InputError(f"{file}: the dask engine reads JSONL files (one document a line); "
                             "build .txt and .md files without --engine dask")
        if file.stat().st_size == 0:
            raise InputError(f"{file}: is empty; there is nothing to extract")
    return files


def read_partition(partition: JsonlPartition, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:
    """The documents of one partition, read and checked exactly as ``kg build`` reads them."""
    name = Path(partition.name)
    try:
        handle = open(partition.path, "rb")  # closed below; an OSError here is reported as an InputError
    except OSError as exc:
        raise InputError(f"{partition.name}: cannot be read on this worker ({exc.strerror or exc}); the workers "
                         "must see the inputs at the same absolute path as the client") from None
    with handle:
        handle.seek(partition.start)
        position, number = partition.start, partition.first_line
        while position < partition.end:
            raw = handle.readline()
            if not raw:
                break
            position += len(raw)
            document = jsonl_document(raw, name, number, max_bytes)
            number += 1
            if document is not None:
                yield document


class ExtractorPlugin(WorkerPlugin):
    """A Dask worker plugin: builds the extraction pipeline once when a worker starts (or joins later)."""

    name = PLUGIN_NAME

    def __init__(self, backend: str = "jieba") -> None:
        self.backend = backend
        self.extractor = None
        self.lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:  # sent to the workers before the pipeline exists
        return {"backend": self.backend}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["backend"])

    def setup(self, worker=None) -> None:
        from pipelines.extract import Extractor, freeze_loaded

        self.extractor = Extractor(self.backend)
        freeze_loaded()

    def teardown(self, worker=None) -> None:
        self.extractor = None


def extract_partition(partition: JsonlPartition, index: int, out_dir: str, max_bytes: int = DEFAULT_MAX_BYTES
                      ) -> dict[str, Any]:
    """A Dask task: extract one partition on this worker and write its part file; its manifest entry."""
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN_NAME]
    with plugin.lock:  # one document at a time per worker process: give workers one thread each
        extractions = (plugin.extractor.extract(document) for document in read_partition(partition, max_bytes))
        part = write_part(Path(out_dir), index, extractions)
    return part | {"input": partition.name}


def extract_with_dask(paths: Sequence[Path], out_dir: Path, *, scheduler: str | None = None,
                      workers: int = DEFAULT_WORKERS, backend: str = "jieba", partitions: int | None = None,
                      max_bytes: int = DEFAULT_MAX_BYTES,
                      on_started: Callable[[int, int], None] | None = None,
                      on_done: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Extract ``paths`` on a Dask cluster into part files under ``out_dir`` and write its manifest.

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``); without it a local cluster
    of ``workers`` processes (one thread each) runs for the duration of the call. ``partitions`` defaults
    to four per worker thread. ``on_started(partitions, threads)`` is called once the workers have their
    pipelines, ``on_done(part)`` as each part is written. Returns the documents, chars, parts and worker threads.
    """
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise KgError("the dask engine needs Dask: pip install 'kg[dask]' (or dask[distributed])") from None
    paths = list(paths)
    jsonl_files(paths)  # wrong inputs fail before a cluster starts
    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_run(out_dir)
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=":0")
    try:
        with Client(scheduler or cluster) as client:
            try:
                client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
            except TimeoutError:
                raise KgError(f"no Dask worker joined the scheduler at {scheduler} within {WORKER_TIMEOUT} s; "
                              "start some with `dask worker ADDRESS --nthreads 1`") from None
            client.register_plugin(ExtractorPlugin(backend), name=PLUGIN_NAME)
            threads = sum(client.nthreads().values())
            chosen = jsonl_partitions(paths, partitions or PARTITIONS_PER_WORKER * threads)
            if on_started:
                on_started(len(chosen), threads)
            futures = client.map(extract_partition, chosen, range(len(chosen)), out_dir=str(out_dir),
                                 max_bytes=max_bytes, pure=False)
            parts = []
            for future in as_completed(futures):
                part = future.result()
                parts.append(part)
                if on_done:
                    on_done(part)
    finally:
        if cluster is not None:
            cluster.close()
    check_parts(parts)
    write_manifest(out_dir, parts)
    return {"documents": sum(part["documents"] for part in parts), "chars": sum(part["chars"] for part in parts),
            "parts": len(parts), "threads": threads, "path": str(out_dir)}


def check_parts(parts: list[dict[str, Any]]) -> None:
    """Before the manifest is written: InputError for a doc_id in two parts, or an input without documents."""
    seen: dict[str, str] = {}
    for part in sorted(parts, key=lambda part: part["file"]):
        for doc_id in part["doc_ids"]:
            if doc_id in seen:
                raise InputError(f"duplicate doc_id {doc_id!r}: in {seen[doc_id]} and {part['input']}; "
                                 "give each document its own doc_id")
            seen[doc_id] = part["input"]
    found = {part["input"] for part in parts if part["documents"]}
    for part in parts:
        if part["input"] not in found:
            raise InputError(f"{part['input']}: contains no JSON lines; there is nothing to extract")

