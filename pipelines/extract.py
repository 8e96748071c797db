"""Text in, :class:`kg.model.Extraction` out: the spaCy pipeline chosen by a config file.

Building the pipeline takes seconds, so this example is not a doctest: ``tests/integration/test_extractor.py``
runs it::

    from pipelines.ingest import document_from_text
    text = "关键词 产业强市\\n\\n措施一：聚焦聚力先进制造业\\n\\n加快比亚迪智能制造产业园建设。"
    extraction = Extractor().extract(document_from_text(text, "d"))
    [(s.label, s.text) for s in extraction.spans if s.label in ("GOAL", "PROJECT", "ORG")]
    # [('GOAL', '产业强市'), ('PROJECT', '比亚迪智能制造产业园'), ('ORG', '比亚迪')]
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import itertools
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kg.errors import KgError
from kg.model import Document, Extraction, Link, Span
from pipelines.identity import resolve_identity

if TYPE_CHECKING:
    from pipelines.layout import PreparedText
    from pipelines.structure import Structure

__all__ = ["Extractor", "Cut", "cut", "extract_documents", "start_workers", "freeze_loaded", "BATCH_GC_THRESHOLD", "default_jobs", "import_spacy", "BACKENDS", "BACKEND_MODULES", "TAGGER_COMPONENTS", "VARIANTS", "build_nlp"]

WARM_UP = ("关键词 产业强市\n\n措施一：加快比亚迪智能制造产业园建设，力争新增规模以上工业企业150家，"
           "完成投资1.5亿元。")  # an amount in 亿: cn2an is imported (0.25 s) here, not in each worker
BACKENDS = ("jieba", "hanlp", "hanlp2")
# Modules that register a backend's tokenizer and components, imported only for that backend (so the
# jieba backend never loads JPype or HanLP).
BACKEND_MODULES = {"hanlp": ("pipelines.hanlp_backend",),
                   "hanlp2": ("pipelines.hanlp_backend", "pipelines.hanlp2_backend")}


def _config_path(backend: str) -> Path:
    if backend not in BACKENDS:
        raise KgError(f"unknown backend {backend!r}; choose one of: {', '.join(BACKENDS)}")
    return Path(str(resources.files("pipelines").joinpath("configs", f"{backend}.cfg")))


def import_spacy():
    """``import spacy``, without the command line interface that spaCy's ``__init__`` imports with it.

    spaCy imports ``spacy.cli.info`` for its ``spacy.info`` function, and with it all of ``spacy.cli``: every
    command, weasel, typer, requests, httpx (about 360 modules; 0.2-0.3 s of CPU, a quarter of the import). A
    pipeline does not need them, and they are imported on the critical path of every extraction with workers
    (in their fork server, before the pipeline is built). spaCy's maintainers mean to make the interface lazy
    (explosion/spaCy#13933, open); until then ``spacy.cli.info`` stands here, while spaCy is imported, as a
    module whose ``info`` imports the real one when called. Nothing else is skipped, and a later ``import
    spacy.cli`` (``kg train``, ``spacy.info()``) imports the real interface. Where spaCy is already imported
    this is plain ``import spacy``.
    """
    import sys

    if "spacy" not in sys.modules and "spacy.cli.info" not in sys.modules:
        import types

        def info(*args, **kwargs):
            from spacy.cli.info import info as real_info

            return real_info(*args, **kwargs)

        placeholder = types.ModuleType("spacy.cli.info", "spacy.cli.info, imported when spacy.info() is called")
        placeholder.info = info
        sys.modules["spacy.cli.info"] = placeholder
        try:
            importlib.import_module("spacy")
        finally:
            if sys.modules.get("spacy.cli.info") is placeholder:
                del sys.modules["spacy.cli.info"]
    import spacy

    return spacy


VARIANTS = ("tagger", "rules", "model", "union")
MODEL_ALONE = "models/tagger-alone.npz"  # the tagger trained without the rules' output (kg train tagger --alone)
TAGGER_COMPONENTS = ("kg_tagger", "kg_counted_targets", "kg_final_resolver")  # what runs after the rules


def build_nlp(backend: str = "jieba", *, variant: str = "tagger", exclude: tuple[str, ...] = (),
              weights: str | Path | None = None, overrides: Mapping[str, Any] | None = None):
    """The spaCy Language for a backend, built from its config (no model downloads).

    ``variant`` chooses who decides names, for ablations: ``tagger`` (the config as it is: the learned
    tagger, with the rules' output among its features), ``rules`` (without the tagger), ``model`` (a
    tagger trained without the rules' output; the rules still give the sections) or ``union`` (the
    tagger's names and the rules' names where it found none). ``exclude`` names components not to build;
    ``weights`` replaces the tagger's weights file (a tagger trained on other data, for held-out figures);
    ``overrides`` are spaCy config settings by dotted path, e.g. ``{"components.kg_projects.project_suffixes":
    ["project_suffixes.txt", "/path/to/mine.txt"]}`` (a rule family reading a word list of one's own).
    """
    spacy = import_spacy()
    from thinc.api import ConfigValidationError

    import pipelines.components.factories  # noqa: F401  (registers the kg_* factories)
    import pipelines.tokenizers  # noqa: F401  (registers kg.JiebaTokenizer.v1)
    from pipelines.segmenter import import_jieba

    jieba = import_jieba()

    path = _config_path(backend)
    for module in BACKEND_MODULES.get(backend, ()):
        importlib.import_module(module)
    if variant not in VARIANTS:
        raise KgError(f"unknown variant {variant!r}; choose one of: {', '.join(VARIANTS)}")
    jieba.setLogLevel(logging.WARNING)
    try:
        config = spacy.util.load_config(path, overrides=dict(overrides or {}))
    except ConfigValidationError as error:
        raise KgError(f"the {backend} pipeline has no setting to override: {error}") from None
    if (variant in ("model", "union") or weights is not None) and "kg_tagger" not in config["nlp"]["pipeline"]:
        raise KgError(f"the {backend} pipeline has no learned tagger")
    if variant == "rules":
        exclude = (*exclude, *TAGGER_COMPONENTS)
    elif variant == "model":
        config["components"]["kg_tagger"]["weights"] = MODEL_ALONE
    elif variant == "union":
        config["components"]["kg_tagger"]["keep_rule_names"] = True
    if weights is not None:
        config["components"]["kg_tagger"]["weights"] = str(weights)
    try:
        nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True, exclude=list(exclude))
    except ConfigValidationError as error:
        raise KgError(f"the {backend} pipeline's settings are not valid: {error}") from None
    # No component reads a lexeme's attributes (like_num, shape, norm, prefix, suffix...), and spaCy computes
    # all of them, and stores their strings, for every word it has not seen yet (the tokenizer step of the
    # national corpus: about 1.0 s of CPU with them, 0.65-0.86 s without).
    nlp.vocab.lex_attr_getters = {}
    if backend == "jieba":
        # Extractor.extract drops the lexemes a document adds (spaCy's memory zone), so each document made
        # the lexemes of its common words again: 0.85 s of the national corpus's 8.5 s. The corpora's
        # vocabulary (the tagger's word clusters, 22,600 words) is made once, here, and kept.
        from pipelines.components.tagger import word_clusters

        for word in word_clusters():
            nlp.vocab[word]
    return nlp


class Cut(NamedTuple):
    """A document's text as the jieba pipeline reads it (``prepared``, from layout repair), its words
    (``hmm``: jieba's HMM on, as the tokenizer's setting must be for the words to be used), and its
    sections and sentences as the structure component finds them in the prepared text."""

    prepared: PreparedText
    words: list[str]
    hmm: bool
    structure: Structure | None = None
    sentences: list[tuple[int, int]] | None = None


def cut(document: Document, hmm: bool = True) -> Cut:
    """The first steps of the jieba pipeline for ``document`` (layout repair, segmentation, sections and
    sentences), which need none of the pipeline: ``kg`` takes them while the workers' server is still
    building it (see :func:`extract_documents`), and a worker then starts from the words and the sections."""
    from pipelines.layout import prepare, split_sentences
    from pipelines.segmenter import lcut
    from pipelines.structure import parse_structure

    prepared = prepare(document)
    words = lcut(prepared.text, HMM=hmm)
    return Cut(prepared, words, hmm, parse_structure(prepared.text), split_sentences(prepared.text))


class Extractor:
    def __init__(self, backend: str = "jieba", *, variant: str = "tagger", weights: str | Path | None = None,
                 overrides: Mapping[str, Any] | None = None) -> None:
        """``overrides``: spaCy config settings by dotted path (see :func:`build_nlp`)."""
        self.backend = backend
        self.nlp = build_nlp(backend, variant=variant, weights=weights, overrides=overrides)
        # Load what the pipeline loads lazily (segmenter dictionary, tag table, compiled lexicons) now, so
        # that an entry point can hand it to freeze_loaded().
        self.nlp(WARM_UP)

    def extract(self, document: Document, cut: Cut | None = None) -> Extraction:
        """The extraction of ``document``; ``cut`` is :func:`cut` of it, made in another process (or None)."""
        from pipelines.layout import prepare

        prepared = cut.prepared if cut is not None else prepare(document)
        # spaCy refuses texts longer than nlp.max_length (1,000,000 characters), a guard meant for the memory
        # of its neural parsers. kg's rules need about 200 bytes a character and work on the whole text
        # (sections and goal names span it), and reading already holds each document to the size limit
        # (ingest.DEFAULT_MAX_BYTES, or --max-bytes), so the guard follows the text instead of refusing it.
        if len(prepared.text) > self.nlp.max_length:
            self.nlp.max_length = len(prepared.text)
        from pipelines.tokenizers import JiebaTokenizer

        tokenizer = self.nlp.tokenizer
        jieba = isinstance(tokenizer, JiebaTokenizer)
        # The words a document adds to spaCy's vocabulary (a lexeme and a string each) are dropped after it:
        # a long-running process does not keep every word of a corpus. Not with HanLP's tokenizers, which
        # keep the hashes of their tags' strings from one document to the next.
        with self.nlp.memory_zone() if jieba else contextlib.nullcontext():
            if cut is not None and jieba and tokenizer.hmm == cut.hmm:
                doc = tokenizer.from_words(prepared.text, cut.words)
                if cut.structure is not None and cut.sentences is not None:
                    doc._.kg_structure, doc._.kg_sentences = cut.structure, cut.sentences
                doc = self.nlp(doc)  # spaCy skips its tokenizer, the structure component what the Doc has
            else:
                doc = self.nlp(prepared.text)
            extraction = self._to_extraction(document, prepared, doc)
        return resolve_identity(extraction)

    def extract_many(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        for document in documents:
            yield self.extract(document)

    @staticmethod
    def _to_extraction(document: Document, prepared, doc) -> Extraction:
        text = document.text
        spans, span_ids = [], {}
        for index, mention in enumerate(doc._.kg_mentions):
            start, end = prepared.original_span(mention.start, mention.end)
            if start >= end:
                continue
            span_id = f"m{len(spans) + 1}"
            span_ids[index] = span_id
            spans.append(Span(span_id, start, end, mention.label, text[start:end], dict(mention.attrs)))
        links = []
        for link in doc._.kg_links:
            head, tail = span_ids.get(link.head), span_ids.get(link.tail)
            if head and tail:
                measure = span_ids.get(link.measure) if link.measure is not None else None
                links.append(Link(head, tail, link.type, measure))
        sentences = [prepared.original_span(a, b) for a, b in doc._.kg_sentences if b > a]
        return Extraction(document, spans, links, sentences)


def freeze_loaded() -> None:
    """Move everything loaded so far out of the cyclic garbage collector's reach, for good.

    An extractor's pipeline lives as long as the process, and the collector walking it again and again
    cost ~7 % of a corpus run. This changes the whole process, so only entry points call it, after
    building their extractor: ``kg``'s commands, the extraction workers, ``python -m kg_cli.evaluate``.
    """
    gc.collect()
    gc.freeze()


def default_jobs() -> int:
    """Worker processes by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extract_documents(documents: Iterable[Document], *, backend: str = "jieba", variant: str = "tagger",
                      jobs: int = 1) -> Iterator[Extraction]:
    """The extraction of each document, in input order.

    With ``jobs`` > 1, documents are extracted in that many worker processes, each loading the pipeline
    once; at most two documents per worker are in flight, so memory does not grow with the input. The
    extractions are the same as with one process (each document is extracted on its own either way).
    A worker's error is raised here, for the document that caused it.
    """
    if jobs <= 1:
        yield from Extractor(backend, variant=variant).extract_many(documents)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _cut_ahead
    documents = iter(documents)
    cutter = None
    if _cut_ahead == (backend, variant):
        _cut_ahead = None
        cutter = _CutAhead(documents)
    # A worker that cannot start (a missing backend) breaks the pool: the error ends the run, it does not
    # respawn workers forever.
    with ProcessPoolExecutor(jobs, mp_context=_worker_context(backend, variant), initializer=_start_worker,
                             initargs=(backend, variant)) as pool:
        pending: deque = deque()
        try:
            items: Iterable[tuple[Document, Cut | None]] = ((document, None) for document in documents)
            if cutter is not None:
                # start_workers() started the server: until it has built the pipeline this process only
                # waits (the first worker starts when it is done), so a thread takes the first steps of
                # the first documents meanwhile, and stops when the first worker has started
                pool.submit(_worker_ready).result()
                items = itertools.chain(cutter.stop(), items)
            for document, document_cut in items:
                pending.append(pool.submit(_extract_in_worker, document, document_cut))
                if len(pending) >= 2 * jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool as error:
            raise KgError(f"an extraction worker failed to start or died ({error}); "
                          "try --jobs 1 to see the error") from None
        finally:
            if cutter is not None:
                cutter.stop()  # it has stopped, unless the first worker failed to start
            for future in pending:
                future.cancel()


class _CutAhead:
    """A thread that takes :func:`cut` of the documents, in order, until :meth:`stop` (or
    :data:`CUT_AHEAD_CHARS` characters), then hands back what it has: (document, cut) pairs, the cut
    None where it failed (the worker then meets the error itself); an error reading the next document is
    raised by the iterator that stop() returns, where that document would have been."""

    def __init__(self, documents: Iterator[Document]) -> None:
        import threading

        self._documents = documents
        self._done: deque[tuple[Document, Cut | None]] = deque()
        self._error: BaseException | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kg-cut-ahead", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        chars = 0
        while not self._stopping.is_set() and chars < CUT_AHEAD_CHARS:
            try:
                document = next(self._documents)
            except StopIteration:
                return
            except BaseException as error:  # noqa: BLE001 (raised in the caller's thread, in its place)
                self._error = error
                return
            try:
                self._done.append((document, cut(document)))
            except Exception:  # noqa: BLE001 (the worker extracts it from the start and raises it)
                self._done.append((document, None))
            chars += len(document.text)

    def stop(self) -> Iterator[tuple[Document, Cut | None]]:
        self._stopping.set()
        self._thread.join()
        done, error = self._done, self._error
        self._done, self._error = deque(), None

        def items() -> Iterator[tuple[Document, Cut | None]]:
            while done:
                yield done.popleft()
            if error is not None:
                raise error
        return items()


def _worker_ready() -> None:
    """A task that does nothing: submitted to have the first worker started."""


def start_workers(backend: str = "jieba", variant: str = "tagger", *, cut_ahead: bool = True) -> None:
    """Start the server that :func:`extract_documents`'s workers are forked from, now: it builds the
    pipeline while this process goes on (reading its inputs, opening the store), instead of after.
    The next extract_documents uses the same server and, with ``cut_ahead`` and the jieba backend,
    meanwhile takes the first steps of its first documents here (layout repair, segmentation, sections,
    :func:`cut`: up to :data:`CUT_AHEAD_CHARS` characters), which the workers then skip; this process then
    holds the segmenter's arrays and those documents' words (about 60 MB more at its peak). Idempotent."""
    global _cut_ahead
    _worker_context(backend, variant)
    _cut_ahead = (backend, variant) if cut_ahead and backend == "jieba" else None


# The garbage collector's thresholds for a process that only extracts: an extraction makes many short-lived
# objects, and collecting the youngest generation less often is cheaper overall (a few % of a corpus run).
BATCH_GC_THRESHOLD = (50_000, 20, 20)

# read by pipelines.preload in the fork server: "backend:variant", and the main module's name (python -m …)
PRELOAD_VARIABLE, PRELOAD_MAIN_VARIABLE = "KG_PRELOAD_PIPELINE", "KG_PRELOAD_MAIN"

# At most how much of the input extract_documents cuts ahead while a fresh server builds the pipeline (it
# stops when the first worker starts): the words and prepared text held meanwhile are about 50 bytes a
# character (49 MB for the national corpus, cut whole).
CUT_AHEAD_CHARS = 1_000_000
_cut_ahead: tuple[str, str] | None = None  # set by start_workers, for the next extract_documents
_worker_extractor: Extractor | None = None
_preloaded: tuple[str, str, Extractor] | None = None


def _worker_context(backend: str, variant: str):
    """Where workers come from: forked from a server that has built the pipeline once (where there is a fork
    server), so they start with it loaded and share its memory until they write to it; else spawned.

    forkserver rather than fork: workers start from a clean process, not from a copy of this one and its
    threads. The server imports this process's main module (so a worker need not: multiprocessing does that
    for a script, ``pipelines.preload`` for ``python -m``) and builds the pipeline named in the environment
    the server starts with. A server already running (an earlier pool of this process) keeps what it
    loaded; a worker then builds its own pipeline.
    """
    import multiprocessing
    import multiprocessing.forkserver
    import sys

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    multiprocessing.forkserver.set_forkserver_preload(["__main__", "pipelines.preload"])
    main = getattr(sys.modules["__main__"], "__spec__", None)
    settings = {PRELOAD_VARIABLE: f"{backend}:{variant}", PRELOAD_MAIN_VARIABLE: main.name if main else ""}
    previous = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        for name, value in previous.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value
    return multiprocessing.get_context("forkserver")


def preload(pipeline: str) -> None:
    """Build the pipeline ``backend:variant`` in this process (the fork server) for the workers forked from it.
    An error is left for the worker to raise: it builds the pipeline again."""
    global _preloaded
    backend, _, variant = pipeline.partition(":")
    if not backend:
        return
    try:
        _preloaded = (backend, variant, Extractor(backend, variant=variant))
    except Exception:  # noqa: BLE001 (reported by the worker, which tries again)
        return
    # Before forking, so that the collector leaves the shared pages alone. Without freeze_loaded()'s full
    # collection first (~0.2 s on the way to the first document): what little garbage loading left is kept.
    gc.freeze()


def _start_worker(backend: str, variant: str) -> None:
    global _worker_extractor
    if _preloaded is not None and _preloaded[:2] == (backend, variant):
        _worker_extractor = _preloaded[2]
    else:
        _worker_extractor = Extractor(backend, variant=variant)
    freeze_loaded()  # a worker process does nothing else
    gc.set_threshold(*BATCH_GC_THRESHOLD)  # as kg's own process when it extracts: 473 young collections of
    # the national corpus instead of 1,922


def _extract_in_worker(document: Document, document_cut: Cut | None = None) -> Extraction:
    assert _worker_extractor is not None, "worker not started"
    return _worker_extractor.extract(document, document_cut)
