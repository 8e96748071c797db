"""The structure component keeps the sections and sentences a Doc comes with (found by ``kg``'s own process
while the workers' server builds the pipeline, pipelines.extract.cut) and finds them for a Doc without."""

from __future__ import annotations

import subprocess
import sys

import spacy

from pipelines.components.factories import StructureComponent
from pipelines.extract import cut
from pipelines.ingest import document_from_text
from pipelines.structure import parse_structure

TEXT = "一、产业强市\n\n加快比亚迪智能制造产业园建设。推进衡阳港区建设。"


def _doc(text: str):
    return spacy.blank("xx").make_doc(text)


def test_a_doc_without_them_gets_its_sections_and_sentences() -> None:
    doc = StructureComponent()(_doc(TEXT))
    assert doc._.kg_structure == parse_structure(TEXT)
    assert doc._.kg_sentences


def test_a_doc_that_comes_with_them_keeps_them() -> None:
    other = "关键词 生态立市\n\n措施一：推进湘江保护。"
    doc = _doc(TEXT)
    doc._.kg_structure, doc._.kg_sentences = parse_structure(other), [(0, 3)]
    doc = StructureComponent()(doc)
    assert doc._.kg_structure == parse_structure(other)
    assert doc._.kg_sentences == [(0, 3)]


def test_the_cut_carries_what_the_component_would_find() -> None:
    taken = cut(document_from_text(TEXT, "d"))
    found = StructureComponent()(_doc(taken.prepared.text))
    assert (taken.structure, taken.sentences) == (found._.kg_structure, found._.kg_sentences)


def test_kg_cuts_documents_without_importing_spacy() -> None:
    """``kg`` cuts documents while the workers' server builds the pipeline: importing spaCy there as well (about
    0.9 s of CPU) took that time from the cutting, on the core the server does not use."""
    script = """
import sys
from pipelines.extract import cut
from pipelines.ingest import document_from_text
from pipelines.structure import _opens_with_verb
assert _opens_with_verb("推进衡阳港区建设")
cut(document_from_text("一、产业强市\\n\\n（一）推进项目建设。加快比亚迪智能制造产业园建设。\\n\\n（二）扩大开放。推进衡阳港区建设。", "d"))
print(sorted(name for name in sys.modules if name == "spacy" or name.startswith("spacy.")))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
