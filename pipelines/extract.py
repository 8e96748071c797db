"""Text in, :class:`kg.model.Extraction` out: the spaCy pipeline chosen by a config file.

>>> from pipelines.ingest import document_from_text
>>> extraction = Extractor().extract(document_from_text("关键词 产业强市\\n\\n措施一：聚焦聚力先进制造业\\n\\n加快比亚迪智能制造产业园建设。", "d"))
>>> sorted({s.label for s in extraction.spans})
['GOAL', 'INDUSTRY', 'MEASURE', 'ORG', 'PROJECT']
"""

from __future__ import annotations

import gc
import importlib
import logging
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from kg.errors import KgError
from kg.model import Document, Extraction, Link, Span

__all__ = ["Extractor", "BACKENDS", "BACKEND_MODULES", "build_nlp"]

WARM_UP = "关键词 产业强市\n\n措施一：加快比亚迪智能制造产业园建设，力争新增规模以上工业企业150家。"
BACKENDS = ("jieba", "hanlp", "hanlp2")
# Modules that register a backend's tokenizer and components, imported only for that backend (so the
# jieba backend never loads JPype or HanLP).
BACKEND_MODULES = {"hanlp": ("pipelines.hanlp_backend",),
                   "hanlp2": ("pipelines.hanlp_backend", "pipelines.hanlp2_backend")}


def _config_path(backend: str) -> Path:
    if backend not in BACKENDS:
        raise KgError(f"unknown backend {backend!r}; choose one of: {', '.join(BACKENDS)}")
    return Path(str(resources.files("pipelines").joinpath("configs", f"{backend}.cfg")))


def build_nlp(backend: str = "jieba"):
    """The spaCy Language for a backend, built from its config (no model downloads)."""
    import jieba
    import spacy

    import pipelines.components.factories  # noqa: F401  (registers the kg_* factories)
    import pipelines.tokenizers  # noqa: F401  (registers kg.JiebaTokenizer.v1)

    path = _config_path(backend)
    for module in BACKEND_MODULES.get(backend, ()):
        importlib.import_module(module)
    jieba.setLogLevel(logging.WARNING)
    config = spacy.util.load_config(path)
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)


class Extractor:
    def __init__(self, backend: str = "jieba") -> None:
        self.backend = backend
        self.nlp = build_nlp(backend)
        # Load what the pipeline loads lazily (segmenter dictionary, tag table, compiled lexicons) now,
        # then move it out of the cyclic collector's reach: it lives as long as the process, and the
        # collector walking it again and again cost ~7 % of a corpus run.
        self.nlp(WARM_UP)
        gc.collect()
        gc.freeze()

    def extract(self, document: Document) -> Extraction:
        from pipelines.layout import prepare

        prepared = prepare(document)
        # spaCy refuses texts longer than nlp.max_length (1,000,000 characters), a guard meant for the memory
        # of its neural parsers. kg's rules need about 200 bytes a character and work on the whole text
        # (sections and goal names span it), and reading already holds each document to the size limit
        # (ingest.DEFAULT_MAX_BYTES, or --max-bytes), so the guard follows the text instead of refusing it.
        if len(prepared.text) > self.nlp.max_length:
            self.nlp.max_length = len(prepared.text)
        doc = self.nlp(prepared.text)
        return self._to_extraction(document, prepared, doc)

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
