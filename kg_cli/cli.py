"""The ``kg`` command line: a thin layer over the library.

Each command reads its inputs, calls the library (``pipelines.ingest``, ``pipelines.extract``,
``kg.scoring``, the graph store, ``kg_cli.bench``) and prints the answer. ``kg_cli`` is the top layer: it
may import ``kg``, ``pipelines`` and ``api`` (none of them imports it). The extractor and the API are
imported inside the commands that need them, so ``kg --help`` does not load spaCy or FastAPI.

Every :class:`~kg.errors.KgError` is printed as ``error: <message>`` on stderr with exit status 1, never as
a traceback. Run ``kg COMMAND --help`` for the options of each command.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from kg import scoring
from kg.errors import ExportError, KgError, StoreError
from kg.stores.settings import STORE_KINDS, StoreSettings, open_store
from kg_cli.cli_errors import ReportingGroup
from kg_cli.cli_hanlp import kg_hanlp
from kg_cli.cli_neo4j import neo4j_app
from kg_cli.evaluate import compare_backends, format_comparison
from pipelines.ingest import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from kg.model import Document, Extraction

__all__ = ["app"]

DEFAULT_CORPUS = Path("corpus")
DEFAULT_DATA_DIR = Path("data")
DEFAULT_BENCH_FILE = Path("..") / "shared" / "corpus" / "cn-gwr-1954-2019.jsonl"
WORKER_HEALTHCHECK_SECONDS = 300  # kg serve --workers: how long a worker may be busy (loading) before it is replaced


app = typer.Typer(
    name="kg",
    cls=ReportingGroup,
    help="Turn Chinese policy documents into a knowledge graph of goals, measures, projects, programmes and "
         "targets, with evidence; evaluate the extraction and serve the graph over HTTP.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
    pretty_exceptions_show_locals=False,  # a bug's traceback must not dump whole documents
)


StoreKind = StrEnum("StoreKind", {kind: kind for kind in STORE_KINDS})  # the choices of --store


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"



app.add_typer(neo4j_app, name="neo4j")
app.add_typer(kg_hanlp, name="hanlp")
# Options shared by several commands.
DataDirOption = Annotated[Path, typer.Option(
    "--data-dir", help="Data directory; the graph lives in DATA_DIR/graph/graph.json.")]
BackendOption = Annotated[str, typer.Option(
    "--backend", help="Tokenizer backend of the extractor (jieba is the default and always available).")]
MaxBytesOption = Annotated[int, typer.Option(
    "--max-bytes", min=1, help="Largest document accepted, in bytes: a .txt/.md/.html file, or one line of a .jsonl "
    "file (a .jsonl file itself may be any size).")]
JobsOption = Annotated[int | None, typer.Option(
    "--jobs", min=1, show_default=False,
    help="Worker processes extracting documents (default: the number of cores); the output is the same "
         "for any number, in input order.")]
ProgressOption = Annotated[bool | None, typer.Option(
    "--progress/--no-progress", show_default=False,
    help="Show a progress bar on stderr (default: only when stderr is a terminal).")]


# -- commands ------------------------------------------------------------------------------------------

@app.command()
def build(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Files (.txt, .md, .html, .jsonl) or folders of them to read (default: corpus/).", show_default=False)] = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
    backend: BackendOption = "jieba",
    store: Annotated[StoreKind, typer.Option(
        "--store", help="Graph store to write to: the embedded networkx graph under DATA_DIR, or Neo4j "
        "(NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE; `kg neo4j start` runs one locally).")
    ] = StoreKind.networkx,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    jobs: JobsOption = None,
    engine: Annotated[Engine, typer.Option(
        "--engine", help="local: worker processes on this machine (--jobs); dask: a Dask cluster extracts "
        "JSONL inputs partition by partition into extraction files (--extractions-dir), which are then "
        "loaded like `kg load` (needs `pip install 'kg[dask]'`).")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", show_default=False,
        help="With --engine dask: address of a running Dask scheduler (tcp://host:8786); default: a local "
             "cluster of --workers processes for the duration of the build.")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, show_default=False, help="With --engine dask and no --scheduler: worker processes "
        "of the local cluster (default: 2).")] = None,
    partitions: Annotated[int | None, typer.Option(
        "--partitions", min=1, show_default=False,
        help="With --engine dask: how many pieces to cut the input into (default: 4 per worker thread).")] = None,
    extractions_dir: Annotated[Path | None, typer.Option(
        "--extractions-dir", show_default=False,
        help="With --engine dask: where the workers write the extraction files (default: DATA_DIR/extractions); "
             "on a real cluster a directory every worker sees at the same absolute path.")] = None,
    load: Annotated[bool, typer.Option(
        "--load/--no-load", help="With --engine dask: load the extraction files into the store after "
        "extracting (--no-load: only write them, for `kg load` elsewhere).")] = True,
    place: Annotated[str | None, typer.Option(
        "--place", help="For .txt/.md/.html inputs: the government that issued them, a division of China (宜昌, "
        "宜昌市, 湖北省) or 中国 for the State Council. Overrides front matter and what the text says.",
        show_default=False)] = None,
    level: Annotated[str | None, typer.Option(
        "--level", help="For .txt/.md/.html inputs: national, provincial, city or county.", show_default=False)] = None,
    year: Annotated[int | None, typer.Option(
        "--year", min=1900, max=2100, help="For .txt/.md/.html inputs: the year of the report.", show_default=False)] = None,
    title: Annotated[str | None, typer.Option(
        "--title", help="For .txt/.md/.html inputs: the title.", show_default=False)] = None,
    kind: Annotated[str | None, typer.Option(
        "--kind", help="For .txt/.md/.html inputs: report or interpretation.", show_default=False)] = None,
    progress: ProgressOption = None,
) -> None:
    """Extract every document and upsert it into the graph store.

    All inputs are read first, so a bad file stops the build before anything is written; then they are
    read again a document at a time, and each extraction goes into the store as it comes, so memory
    follows the graph rather than the input. The embedded graph takes them in batches of whole documents
    (each all or nothing) and is saved once, atomically, at the end: an interrupted build leaves the
    graph file as it was. Neo4j is written by a thread while extraction goes on, whole documents per
    transaction. Either way no document is ever half written, and re-running the build changes nothing.

    Each document's place, level, year, title and kind come from its JSONL fields, a text file's front
    matter or the options above, else from its doc_id, title and opening lines (see README, Documents).
    """
    text_meta = {"place": place, "level": level, "year": year, "title": title, "kind": kind}
    show = _stderr_is_terminal() if progress is None else progress
    if engine is Engine.dask:
        described = [f"--{key}" for key, value in text_meta.items() if value is not None]
        if described:
            raise KgError(f"{', '.join(described)} describe .txt/.md inputs; --engine dask reads JSONL only, "
                          "whose lines carry their own place, level, year, title and kind")
        if jobs is not None:
            raise KgError("--jobs sets the local engine's processes; with --engine dask use --workers or --scheduler")
        if scheduler is not None and workers is not None:
            raise KgError("--workers starts a local cluster; an existing one (--scheduler) has its own workers")
        _build_with_dask(paths or [DEFAULT_CORPUS], data_dir=data_dir, backend=backend, store=store,
                         max_bytes=max_bytes, scheduler=scheduler, workers=workers or 2, partitions=partitions,
                         extractions_dir=extractions_dir or data_dir / "extractions", load=load, show_progress=show)
        return
    dask_only = {"--scheduler": scheduler, "--workers": workers, "--partitions": partitions,
                 "--extractions-dir": extractions_dir, "--no-load": None if load else True}
    given = [name for name, value in dask_only.items() if value is not None]
    if given:
        raise KgError(f"only with --engine dask: {', '.join(given)}")
    started = time.perf_counter()
    inputs = paths or [DEFAULT_CORPUS]
    _start_workers(backend, jobs, cut_ahead=False)  # the kg process's memory is the graph's (see README)
    count, chars = _check_inputs(inputs, max_bytes, text_meta)
    # a corrupt graph file or an unreachable Neo4j fails before extracting
    graph = open_store(StoreSettings(store=store.value, data_dir=data_dir), verify=True)
    try:
        extract_started = time.perf_counter()
        found = _Found()
        extractions = found.count(_extract(_stream(inputs, max_bytes, text_meta), backend, show_progress=show,
                                           jobs=jobs, total=count))
        if getattr(graph, "kind", "") == "neo4j":
            with _BackgroundWriter(graph, count) as writer:
                for extraction in extractions:
                    writer.put(extraction)
            extract_seconds = found.finished - extract_started
        else:
            write_seconds = _write_graph(graph, extractions, count)
            extract_seconds = found.finished - extract_started - write_seconds
        stats = graph.stats()
    finally:
        graph.close()
    typer.echo(f"extracted {_plural(count, 'document')} ({chars:,} chars) in {extract_seconds:.1f} s "
               f"({chars / max(extract_seconds, 1e-9):,.0f} chars/s): "
               f"{_plural(found.spans, 'entity mention')}, {_plural(found.links, 'relation mention')}")
    where = graph.path if store is StoreKind.networkx else f"neo4j {graph.database}"
    typer.echo(f"graph {where}: {_plural(stats.documents, 'document')}, "
               f"{_plural(stats.entities, 'entity', 'entities')}, {_plural(stats.relations, 'relation')} "
               f"({time.perf_counter() - started:.1f} s in all)")


BUILD_BATCH = 32  # documents the embedded store takes at a time (all or nothing); memory holds one batch


class _Found:
    """Counts of what the extractions passed through :meth:`count` held, and when the last one came."""

    def __init__(self) -> None:
        self.spans = self.links = 0
        self.finished = time.perf_counter()

    def count(self, extractions: Iterator[Extraction]) -> Iterator[Extraction]:
        for extraction in extractions:
            self.spans += len(extraction.spans)
            self.links += len(extraction.links)
            yield extraction
        self.finished = time.perf_counter()


def _write_graph(graph, extractions: Iterable[Extraction], count: int) -> float:
    """Write every extraction, a batch of whole documents at a time; the seconds spent in the store."""
    # The extraction's progress bar (documents done) shows the writing too: they go at the same pace.
    seconds = 0.0
    for batch in _batches(extractions, BUILD_BATCH):
        started = time.perf_counter()
        graph.upsert_many(batch)  # Neo4j: whole documents per transaction, each lands whole or not at all
        seconds += time.perf_counter() - started
    if getattr(graph, "kind", "") == "neo4j":
        return seconds
    started = time.perf_counter()
    with Console(stderr=True).status(f"saving {_plural(count, 'document')} to the graph file"):
        graph.save()
    return seconds + time.perf_counter() - started


def _batches(items: Iterable[Extraction], size: int) -> Iterator[list[Extraction]]:
    batch: list[Extraction] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _build_with_dask(paths: list[Path], *, data_dir: Path, backend: str, store: StoreKind, max_bytes: int,
                     scheduler: str | None, workers: int, partitions: int | None, extractions_dir: Path,
                     load: bool, show_progress: bool) -> None:
    from pipelines.distributed import extract_with_dask, jsonl_files

    started = time.perf_counter()
    _single_backend(backend)
    jsonl_files(paths)
    graph = open_store(StoreSettings(store=store.value, data_dir=data_dir), verify=True) if load else None
    try:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("partitions"),
                   _CharsPerSecondColumn(), TimeElapsedColumn())
        with Progress(*columns, console=Console(stderr=True), redirect_stdout=False,
                      redirect_stderr=False, disable=not show_progress) as progress:
            task = progress.add_task("starting the Dask workers", total=None, chars=0)

            def started_extracting(count: int, threads: int) -> None:
                progress.reset(task, total=count, description=f"extracting on {_plural(threads, 'worker')}",
                               chars=0)

            def part_done(part: dict[str, Any]) -> None:
                progress.update(task, advance=1, chars=progress.tasks[0].fields["chars"] + part["chars"])

            summary = extract_with_dask(paths, extractions_dir, scheduler=scheduler, workers=workers,
                                        backend=backend, partitions=partitions, max_bytes=max_bytes,
                                        on_started=started_extracting, on_done=part_done)
        seconds = time.perf_counter() - started
        typer.echo(f"extracted {_plural(summary['documents'], 'document')} ({summary['chars']:,} chars) in "
                   f"{seconds:.1f} s on {_plural(summary['threads'], 'Dask worker')}, cluster start included: "
                   f"{_plural(summary['parts'], 'extraction file')} in {summary['path']}")
        if graph is not None:
            _load_files(graph, [extractions_dir], started)
    finally:
        if graph is not None:
            graph.close()


def _load_files(graph, paths: list[Path], started: float) -> None:
    from kg.extraction_files import extraction_files, read_extractions

    extractions = list(read_extractions(extraction_files(paths)))  # every file checked before writing
    _write_graph(graph, iter(extractions), len(extractions))
    stats = graph.stats()
    where = graph.path if getattr(graph, "kind", "") != "neo4j" else f"neo4j {graph.database}"
    typer.echo(f"graph {where}: {_plural(stats.documents, 'document')}, "
               f"{_plural(stats.entities, 'entity', 'entities')}, {_plural(stats.relations, 'relation')} "
               f"({time.perf_counter() - started:.1f} s in all)")


@app.command("load")
def load_command(
    paths: Annotated[list[Path], typer.Argument(
        help="Extraction files (part-*.jsonl) or directories of them as `kg build --engine dask` writes them "
             "(a directory is loaded as its manifest.json lists it).", show_default=False)],
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
    store: Annotated[StoreKind, typer.Option(
        "--store", help="Graph store to write to: the embedded networkx graph under DATA_DIR, or Neo4j "
        "(NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE).")] = StoreKind.networkx,
) -> None:
    """Put extraction files into the graph store, as `kg build` would have put the same documents.

    Every file is read and checked first, so a bad record stops the load before anything is written; each
    document then replaces that document's facts, whole or not at all, so loading twice changes nothing.
    """
    started = time.perf_counter()
    graph = open_store(StoreSettings(store=store.value, data_dir=data_dir), verify=True)
    try:
        _load_files(graph, paths, started)
    finally:
        graph.close()


_DONE = object()  # the end of a _BackgroundWriter's queue


class _BackgroundWriter:
    """Writes extractions to a store (``upsert_many``, whole documents per transaction) in a thread, so
    that Neo4j loads one batch of documents while the extractor works on the next: the build takes
    about the longer of the two instead of their sum. ``put`` hands over an extraction (and raises a
    failed write at once); leaving the ``with`` waits for the last transaction, with a progress bar."""

    def __init__(self, graph, total: int) -> None:
        import queue
        import threading

        self._graph, self._total, self.written = graph, total, 0
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._write, name="kg-neo4j-writer", daemon=True)

    def __enter__(self) -> _BackgroundWriter:
        self._thread.start()
        return self

    def put(self, extraction: Extraction) -> Extraction:
        if self._error is not None:
            raise self._error
        self._queue.put(extraction)
        return extraction

    def __exit__(self, kind, error, traceback) -> None:
        self._queue.put(_DONE)
        if error is not None:  # extraction failed: what is written stays written, whole documents only
            return
        columns = (TextColumn("loading into neo4j"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=Console(stderr=True)) as progress:
            task = progress.add_task("load", total=self._total, completed=self.written)
            while self._thread.is_alive():
                self._thread.join(0.2)
                progress.update(task, completed=self.written)
        if self._error is not None:
            raise self._error

    def _documents(self) -> Iterator[Extraction]:
        while (item := self._queue.get()) is not _DONE:
            yield item

    def _write(self) -> None:
        try:
            self._graph.upsert_many(self._documents(), on_written=self._count)
        except BaseException as error:  # handed to the main thread by put() or __exit__
            self._error = error

    def _count(self, documents: int) -> None:
        self.written += documents


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(
        help="Files (.txt, .md, .html, .jsonl) or folders of them to extract from.", show_default=False)],
    output_format: Annotated[OutputFormat, typer.Option(
        "--format", help="jsonl: one JSON object per document per line; json: one JSON array.")] = OutputFormat.jsonl,
    backend: BackendOption = "jieba",
    progress: ProgressOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    jobs: JobsOption = None,
    with_text: Annotated[bool, typer.Option(
        "--with-text", help="Also print each document's text (after its doc_id): a complete gold file, to correct "
                            "in an annotation tool and score kg against with `kg eval`; for a web page, the text "
                            "its offsets refer to.")] = False,
) -> None:
    """Print the extraction of each document in the gold format, to stdout.

    Each document is {"doc_id", "text"? (--with-text), "entities": [{"id", "start", "end", "label", "text",
    "attrs"?}], "relations": [{"head", "tail", "type"}]}; offsets are into the original text of the document.
    """
    backend = _single_backend(backend)
    _start_workers(backend, jobs)
    count, _ = _check_inputs(files, max_bytes)
    show = _stderr_is_terminal() if progress is None else progress
    extractions = _extract(_stream(files, max_bytes), backend, show_progress=show, jobs=jobs, total=count)
    if output_format is OutputFormat.jsonl:
        for extraction in extractions:
            typer.echo(json.dumps(extraction.to_gold_dict(with_text), ensure_ascii=False))
    else:
        typer.echo(json.dumps([e.to_gold_dict(with_text) for e in extractions], ensure_ascii=False, indent=2))


class Variant(StrEnum):
    tagger = "tagger"
    rules = "rules"
    model = "model"
    union = "union"


@app.command("eval")
def evaluate_command(
    gold: Annotated[list[Path], typer.Argument(
        help="Gold files (JSONL, one annotated document per line, with its text); with several, a table per "
             "file and a summary with the pooled figures.", show_default=False)],
    pred: Annotated[Path | None, typer.Option(
        "--pred", help="Predictions in the gold format (e.g. `kg extract` output); "
                       "without it, the extractor is run on the text of each gold document.")] = None,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the scores as JSON, in the shape of ../shared/eval/score.py --json "
                       "(with several gold files: {file: scores, …, \"pooled\": scores}).")] = False,
    show_errors: Annotated[bool, typer.Option(
        "--errors", help="Also list every false positive and false negative fact "
                         "(with --json: under an extra \"errors\" key).")] = False,
    backend: Annotated[str, typer.Option(
        "--backend", help="Tokenizer backend of the extractor; several, comma-separated (jieba,hanlp), print one "
                          "table comparing their P/R/F1 and speed (chars/s, start-up).")] = "jieba",
    variant: Annotated[list[Variant] | None, typer.Option(
        "--variant", help="Who decides the names (ablation): tagger (the default pipeline: the learned tagger, "
                          "the rules' output among its features), rules (without the tagger), model (a tagger "
                          "trained without the rules' output) or union (the tagger's names and the rules' where "
                          "it found none). Repeat to compare several in one summary.")] = None,
    progress: ProgressOption = None,
) -> None:
    """Score extraction against gold files: P/R/F1 per entity label and relation type, and micro."""
    backends = _backend_list(backend)
    variants = [v.value for v in variant] if variant else ["tagger"]
    if len(gold) == 1 and len(variants) == 1:
        _evaluate_one(gold[0], pred, backends, variants[0], as_json=as_json, show_errors=show_errors,
                      progress=progress)
        return
    if pred is not None or len(backends) > 1:
        raise KgError("--pred and several --backend values take one gold file and one variant")
    show = _stderr_is_terminal() if progress is None else progress
    results: dict[str, Any] = {}
    errors: dict[str, Any] = {}  # --errors: per variant and gold file, as for one file
    for name in variants:
        extractor = _extractor(backends[0], name)
        scored = {}
        for path in gold:
            gold_docs = scoring.load_jsonl(path)
            documents = _gold_documents(path, gold_docs)
            pred_docs = {e.document.doc_id: e.to_gold_dict()
                         for e in _extract(documents, backends[0], show_progress=show, extractor=extractor)}
            scored[path.name.removesuffix(".jsonl").removesuffix(".gold")] = (gold_docs, pred_docs)
        prefix = f"{name} " if len(variants) > 1 else ""
        for file_name, (gold_docs, pred_docs) in scored.items():
            results[prefix + file_name], errors[prefix + file_name] = scoring.score(gold_docs, pred_docs)
        if len(gold) > 1:
            results[prefix + "pooled"] = scoring.pooled(scored)
    if as_json:
        if show_errors:
            results = {name: result | ({"errors": errors[name]} if name in errors else {})
                       for name, result in results.items()}
        typer.echo(json.dumps(results, ensure_ascii=False))
        return
    if len(variants) == 1:
        for name, result in results.items():
            if name != "pooled":
                typer.echo(f"== {name}\n{scoring.format_table(result)}\n")
    typer.echo(scoring.format_summary(results))
    if show_errors:
        for name, listed in errors.items():
            _echo_errors(listed, f"errors of {name}")


def _evaluate_one(gold: Path, pred: Path | None, backends: list[str], variant: str, *, as_json: bool,
                  show_errors: bool, progress: bool | None) -> None:
    gold_docs = scoring.load_jsonl(gold)
    if len(backends) > 1:
        if pred is not None:
            raise KgError("--pred scores given predictions; compare backends without it (they extract the gold text)")
        _gold_documents(gold, gold_docs)  # every gold document must have its text
        comparison = compare_backends(gold, backends)
        _print_comparison(comparison, as_json=as_json, show_errors=show_errors)
        return
    if pred is not None:
        pred_docs = scoring.load_jsonl(pred)
    else:
        documents = _gold_documents(gold, gold_docs)
        show = _stderr_is_terminal() if progress is None else progress
        extractor = _extractor(backends[0], variant)
        pred_docs = {e.document.doc_id: e.to_gold_dict()
                     for e in _extract(documents, backends[0], show_progress=show, extractor=extractor)}
    result, errors = scoring.score(gold_docs, pred_docs)
    if as_json:
        typer.echo(json.dumps(result | ({"errors": errors} if show_errors else {}), ensure_ascii=False))
        return
    typer.echo(scoring.format_table(result))
    if show_errors:
        _echo_errors(errors, "errors")


def _extractor(backend: str, variant: str = "tagger"):
    """An extractor for this process, its pipeline kept out of the garbage collector's reach (a command
    runs one job; see :func:`pipelines.extract.freeze_loaded`)."""
    from pipelines.extract import Extractor, freeze_loaded

    extractor = Extractor(backend, variant=variant)
    freeze_loaded()
    return extractor


train_app = typer.Typer(cls=ReportingGroup, no_args_is_help=True,
                        help="Reproduce the learned parts of the pipeline (needs `pip install -e '.[train]'`).")
app.add_typer(train_app, name="train")
SHARED_CORPORA = [Path("..") / "shared" / "corpus" / name
                  for name in ("cn-gwr-1954-2019.jsonl", "cn-local-2024-2025.jsonl")]
TRAIN_GOLD = [Path("..") / "shared" / "eval" / name
              for name in ("cn-train.gold.jsonl", "hengyang-2021-goals.gold.jsonl")]
ANNOTATIONS = Path("pipelines") / "annotations"  # more annotated sections, as offsets into the shared corpora
CorporaArgument = Annotated[list[Path] | None, typer.Argument(
    help="JSONL corpora (a \"text\" per line); default: the two shared corpora.", show_default=False)]


@train_app.command("clusters")
def train_clusters(
    corpora: CorporaArgument = None,
    out: Annotated[Path, typer.Option("--out", help="Where to write the clusters.")] = Path(
        "pipelines/models/word_clusters.tsv"),
) -> None:
    """Word clusters from unannotated reports (word2vec + k-means), a feature of the tagger."""
    from pipelines.train import build_clusters

    build_clusters(corpora or SHARED_CORPORA, out, workers=1, report=typer.echo)


@train_app.command("industries")
def train_industries(
    corpora: CorporaArgument = None,
    out: Annotated[Path, typer.Option("--out", help="Where to write the list.")] = Path(
        "pipelines/data/industry_terms_mined.txt"),
) -> None:
    """Industries the reports list themselves (`A、B、C等…产业`), for the industry lexicon."""
    from pipelines.train import mine_industries

    mine_industries(corpora or SHARED_CORPORA, out, report=typer.echo)


@train_app.command("tagger")
def train_tagger_command(
    gold: Annotated[list[Path] | None, typer.Argument(
        help="Gold training files; default: cn-train, the seed and pipelines/annotations/*.jsonl (never the dev "
             "files the README reports).", show_default=False)] = None,
    corpus: Annotated[list[Path] | None, typer.Option(
        "--corpus", help="Corpora holding the texts of annotations given as offsets; default: the shared corpora.",
        show_default=False)] = None,
    out: Annotated[Path, typer.Option("--out", help="Where to write the weights.")] = Path(
        "pipelines/models/tagger.npz"),
    c1: Annotated[float, typer.Option("--c1", help="L1 regularisation.")] = 0.01,
    c2: Annotated[float, typer.Option("--c2", help="L2 regularisation.")] = 0.1,
    alone: Annotated[bool, typer.Option(
        "--alone", help="Without the rules' output among the features (the ablation `kg eval --variant model` "
                        "reads it from pipelines/models/tagger-alone.npz).")] = False,
) -> None:
    """Train the CRF tagger on gold files (the rules run first: their output is among its features)."""
    from pipelines.train import train_tagger

    gold = gold or [*TRAIN_GOLD, *sorted(ANNOTATIONS.glob("*.jsonl"))]
    train_tagger(gold, out, corpora=corpus or SHARED_CORPORA, c1=c1, c2=c2, rule_features=not alone,
                 report=typer.echo)


@app.command()
def coverage(
    files: Annotated[list[Path], typer.Argument(
        help="Corpora: files (.txt, .md, .html, .jsonl) or folders of them; each is counted on its own.",
        show_default=False)],
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the counts as JSON, with the goals and measures found in every document.")] = False,
    headings: Annotated[bool, typer.Option(
        "--headings", help="Also list each document's goals with their number of measures.")] = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """How much of each corpus the section parser understands: documents with goals, goals per document,
    measures per goal (layout repair and section parsing only, no entity recognition)."""
    from pipelines.coverage import corpus_coverage, format_table

    reports = [corpus_coverage(str(path), _read([path], max_bytes)) for path in files]
    if as_json:
        typer.echo(json.dumps(reports, ensure_ascii=False, indent=2))
        return
    typer.echo(format_table(reports))
    if headings:
        for report in reports:
            for document in report["per_document"]:
                typer.echo(f"\n{document['doc_id']} ({_plural(len(document['goals']), 'goal')})")
                for goal in document["goals"]:
                    typer.echo(f"  {goal['goal']}  [{_plural(len(goal['measures']), 'measure')}]")


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=0, max=65535)] = 8000,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
    store: Annotated[StoreKind | None, typer.Option(
        "--store", show_default=False,
        help="Graph store to serve: networkx (the graph under DATA_DIR) or neo4j (NEO4J_URI …); "
        "default: $KG_STORE, else networkx.")] = None,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, help="Server processes (uvicorn workers) sharing the port; with the networkx store "
        "each loads its own read-only copy of the graph file, so memory grows with the number.")] = 1,
) -> None:
    """Serve the graph over HTTP (the FastAPI app; interactive docs at /docs).

    Other settings come from the environment: KG_CYPHER_TIMEOUT, and NEO4J_URI, NEO4J_USER,
    NEO4J_PASSWORD, NEO4J_DATABASE for the neo4j store.
    """
    import dataclasses
    import os

    from api.settings import Settings

    settings = dataclasses.replace(Settings.from_env(), data_dir=data_dir)
    if store is not None:
        settings = dataclasses.replace(settings, store=store.value)
    if settings.store not in STORE_KINDS:
        raise KgError(f"unknown KG_STORE {settings.store!r}; choose {' or '.join(STORE_KINDS)}")
    if settings.store == "networkx":
        _require_graph(settings.data_dir)
    import uvicorn

    if workers > 1:
        # Each worker is a fresh process that builds the app from the environment (Settings.from_env).
        # uvicorn kills a worker that leaves its health check unanswered for timeout_worker_healthcheck
        # seconds; reading a large graph file holds the GIL for longer than the default 5 s (json.loads of
        # 60 MB on a busy machine), so every worker was killed while loading and started again, for ever.
        os.environ.update(KG_STORE=settings.store, KG_DATA_DIR=str(settings.data_dir))
        from kg_cli.serving import HTTP_PROTOCOL

        uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers,
                    http=HTTP_PROTOCOL, timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS)
        return
    from api.app import create_app

    uvicorn.run(create_app(settings=settings), host=host, port=port)


@app.command()
def stats(data_dir: DataDirOption = DEFAULT_DATA_DIR) -> None:
    """Print the size of the graph: documents, entities, relations, mentions, evidence, per label and type."""
    _require_graph(data_dir)
    graph = open_store(StoreSettings(store="networkx", data_dir=data_dir))
    numbers = graph.stats()
    table = Table(title=f"{graph.path}", title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key in ("documents", "entities", "relations", "mentions", "evidence"):
        table.add_row(key, f"{getattr(numbers, key):,}")
    table.add_section()
    for label, count in numbers.entities_by_label.items():
        table.add_row(f"entities  {label}", f"{count:,}")
    table.add_section()
    for relation_type, count in numbers.relations_by_type.items():
        table.add_row(f"relations {relation_type}", f"{count:,}")
    Console().print(table)


class ExportFormat(StrEnum):
    graphml = "graphml"
    csv = "csv"
    jsonl = "jsonl"


@app.command("export")
def export_command(
    output_format: Annotated[ExportFormat, typer.Option(
        "--format", help="graphml: entities and relations for networkx and Gephi (flat attributes); csv: a "
        "directory of files in `neo4j-admin database import` format, one per node label and relationship type, "
        "with documents, mentions and evidence; jsonl: one JSON object per node and per relationship.",
        show_default=False)],
    out: Annotated[Path | None, typer.Option(
        "--out", show_default=False,
        help="Where to write (default: graph.graphml, graph-csv/ or graph.jsonl in the current directory).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT when it exists.")] = False,
    place: Annotated[str | None, typer.Option(
        "--place", help="Only what the documents issued in this place or a place within it state (宜昌, "
        "宜昌市, 湖北 keeps 宜昌's reports too, 中国 the national ones): the API's place= filter.",
        show_default=False)] = None,
    level: Annotated[str | None, typer.Option(
        "--level", help="Only documents of this level: national, provincial, city or county.",
        show_default=False)] = None,
    year: Annotated[int | None, typer.Option(
        "--year", min=1900, max=2100, help="Only documents of this year.", show_default=False)] = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Export the embedded graph (what `kg build` wrote under DATA_DIR) for Gephi, R, spreadsheets or
    `neo4j-admin database import`.

    With --place, --level or --year, only what the documents they keep state: those documents, the
    entities they mention with those mentions, the relations they state with that evidence (what a build
    of those documents alone would hold). Same graph, same bytes: nodes and edges are sorted. The export
    is written to a temporary file or directory beside OUT and renamed into place, so an interrupted
    export leaves nothing at OUT.
    """
    from kg.export import DEFAULT_OUTPUT, GraphSnapshot, export_graph, neo4j_admin_arguments
    from kg.model import DOCUMENT_LEVELS
    from kg.stores.records import select_documents

    started = time.perf_counter()
    if level is not None and level not in DOCUMENT_LEVELS:
        raise typer.BadParameter(f"{level!r} is not one of {', '.join(DOCUMENT_LEVELS)}", param_hint="--level")
    target = out if out is not None else DEFAULT_OUTPUT[output_format.value]
    if (target.exists() or target.is_symlink()) and not force:  # before reading a large graph
        raise ExportError(f"{target} exists; choose another --out or pass --force to replace it")
    _require_graph(data_dir)
    graph = open_store(StoreSettings(store="networkx", data_dir=data_dir))
    documents = graph.documents()
    doc_ids = select_documents(documents, place=place, level=level, year=year)
    if doc_ids is not None and not doc_ids:
        asked = ", ".join(f"--{name} {value}" for name, value in (("place", place), ("level", level), ("year", year))
                          if value is not None)
        raise ExportError(f"no document of the graph matches {asked} (its {len(documents)} documents: kg serve's "
                          "/documents lists their places, levels and years); nothing written")
    summary = export_graph(GraphSnapshot.of(graph).restricted(doc_ids), output_format.value, target, force=force)
    if doc_ids is not None:
        typer.echo(f"{_plural(len(doc_ids), 'document')} of {len(documents)} kept")
    typer.echo(f"{output_format.value} {summary.path}: {_plural(summary.nodes, 'node')}, "
               f"{_plural(summary.edges, 'edge')} in {_plural(summary.files, 'file')} "
               f"({time.perf_counter() - started:.1f} s)")
    if output_format is ExportFormat.csv:
        import shlex

        command = ["neo4j-admin", "database", "import", "full", *neo4j_admin_arguments(summary.path), "neo4j"]
        typer.echo(f"load it into an empty Neo4j database (server stopped) with:\n  {shlex.join(command)}")


@app.command()
def bench(
    file: Annotated[Path, typer.Argument(
        help="JSONL file (one document per line, with \"text\") or a text file to run on.")] = DEFAULT_BENCH_FILE,
    repeat: Annotated[int, typer.Option(
        "--repeat", min=1, help="Runs of each process; the best time is kept.")] = 1,
    backend: BackendOption = "jieba",
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Throughput of `kg extract` against bare jieba.lcut on the same texts, as whole processes.

    Both include start-up, and `kg extract` uses every core (--jobs); the ratio extraction/jieba in chars/s
    should be at least 1.0 (issue 10). The machine's load moves both; compare CPU time with
    benchmarks/tree_cpu.py.
    """
    from kg_cli.bench import format_report, run_throughput

    report = run_throughput(file, repeat=repeat, backend=backend)
    typer.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else format_report(report))


# -- helpers -------------------------------------------------------------------------------------------

def _backend_list(option: str) -> list[str]:
    """``--backend jieba,hanlp`` as ["jieba", "hanlp"] (order kept, repeats dropped); unknown names are errors."""
    from pipelines.extract import BACKENDS

    backends = list(dict.fromkeys(name.strip() for name in option.split(",") if name.strip()))
    unknown = [name for name in backends if name not in BACKENDS]
    if not backends or unknown:
        raise KgError(f"unknown backend {', '.join(map(repr, unknown)) or repr(option)}; "
                      f"choose from: {', '.join(BACKENDS)} (several, comma-separated, only with kg eval)")
    return backends


def _single_backend(option: str) -> str:
    backends = _backend_list(option)
    if len(backends) > 1:
        raise KgError("kg extract takes one --backend; compare backends with kg eval GOLD --backend "
                      + ",".join(backends))
    return backends[0]


def _print_comparison(comparison: dict[str, Any], *, as_json: bool, show_errors: bool) -> None:
    if as_json:
        sides = {name: {key: value for key, value in side.items() if key != "errors" or show_errors}
                 for name, side in comparison["backends"].items()}
        typer.echo(json.dumps(comparison | {"backends": sides}, ensure_ascii=False))
        return
    typer.echo(format_comparison(comparison))
    if show_errors:
        for name, side in comparison["backends"].items():
            _echo_errors(side["errors"], f"errors of {name}")


def _echo_errors(errors: dict[str, Any], heading: str) -> None:
    """kg eval --errors: every false positive and negative under ``heading``, one a line."""
    typer.echo(f"\n{heading} (kind, FP|FN, doc_id, fact)\n" + (scoring.format_errors(errors) or "none"))


def _read(paths: Sequence[Path], max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """Every document of ``paths``, all read before anything else happens."""
    from pipelines.ingest import read_documents

    return list(read_documents(paths, max_bytes=max_bytes))


def _check_inputs(paths: Sequence[Path], max_bytes: int,
                  text_meta: dict[str, Any] | None = None) -> tuple[int, int]:
    """Read every document once, keeping none, so that a bad input fails before anything is written
    (a bad front matter or --place included); (documents, characters)."""
    from pipelines.ingest import read_documents

    count = chars = 0
    for document in read_documents(paths, max_bytes=max_bytes, text_meta=text_meta):
        count += 1
        chars += len(document.text)
    return count, chars


def _stream(paths: Sequence[Path], max_bytes: int,
            text_meta: dict[str, Any] | None = None) -> Iterator[Document]:
    """The documents of ``paths`` read one at a time (after :func:`_check_inputs` found them sound);
    ``text_meta`` overrides the description of text files (kg build --place …)."""
    from pipelines.ingest import read_documents

    yield from read_documents(paths, max_bytes=max_bytes, text_meta=text_meta)


def _gold_documents(path: Path, gold_docs: dict[str, dict[str, Any]]) -> list[Document]:
    from pipelines.ingest import document_from_text

    documents = []
    for doc_id, record in gold_docs.items():
        if not isinstance(record.get("text"), str):
            raise KgError(f"{path}: document {doc_id!r} has no \"text\" to extract from; "
                          "give the predictions with --pred PRED.jsonl")
        documents.append(document_from_text(record["text"], doc_id))
    return documents


def _start_workers(backend: str, jobs: int | None, *, cut_ahead: bool = True) -> None:
    """Start the extraction workers' fork server, which builds the pipeline (about 1.5 s), before reading the
    inputs, when there may be workers (``--jobs`` above 1, or several cores by default); with ``cut_ahead``
    this process cuts the first documents meanwhile (see :func:`pipelines.extract.start_workers`). A single
    document is still extracted in this process (:func:`_extract`), as before: the server's work is then
    lost, on a core this process does not use."""
    from pipelines.extract import default_jobs, start_workers

    if (jobs or default_jobs()) > 1:
        start_workers(backend, cut_ahead=cut_ahead)


def _extract(documents: Iterable[Document], backend: str, *, show_progress: bool, extractor=None,
             jobs: int | None = None, total: int | None = None) -> Iterator[Extraction]:
    """Extract each document (with ``extractor``, or in ``jobs`` worker processes), with a progress bar on
    stderr (documents done, chars/s). ``total`` is how many documents there are (default ``len(documents)``)."""
    from pipelines.extract import BATCH_GC_THRESHOLD, default_jobs, extract_documents

    # A batch run makes many short-lived objects; collecting the youngest generation less often is
    # cheaper overall (a few % of a corpus run), and this process does nothing else (the workers do the same).
    gc.set_threshold(*BATCH_GC_THRESHOLD)
    total = len(documents) if total is None else total  # type: ignore[arg-type]
    if extractor is None:
        jobs = min(jobs or default_jobs(), max(total, 1))
        if jobs == 1:  # in this process; the workers of several jobs build their own
            extractor = _extractor(backend)
    if extractor is not None:
        extracted = extractor.extract_many(documents)
    else:
        extracted = extract_documents(documents, backend=backend, jobs=jobs)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"),
               _CharsPerSecondColumn(), TimeElapsedColumn())
    # stdout is never redirected: it carries the output of `kg extract`.
    with Progress(*columns, console=Console(stderr=True), disable=not show_progress,
                  redirect_stdout=False, redirect_stderr=False) as progress:
        task = progress.add_task("extracting", total=total, chars=0)
        chars = 0
        for extraction in extracted:
            chars += len(extraction.document.text)
            progress.update(task, advance=1, chars=chars)
            yield extraction


class _CharsPerSecondColumn(ProgressColumn):
    """Characters extracted per second so far (the task's ``chars`` field over its elapsed time)."""

    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        chars = task.fields.get("chars", 0)
        return Text(f"{chars / elapsed:,.0f} chars/s" if elapsed else "- chars/s", style="progress.data.speed")


def _require_graph(data_dir: Path) -> None:
    from kg.stores.networkx_store import GRAPH_FILE

    graph_file = data_dir / "graph" / GRAPH_FILE
    if not graph_file.is_file():
        raise StoreError(f"no graph at {graph_file}; run `kg build` first (or point --data-dir at one)")


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count:,} {singular if count == 1 else plural or singular + 's'}"


if __name__ == "__main__":
    app()
