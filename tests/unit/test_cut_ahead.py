"""pipelines.extract._CutAhead: the thread that cuts the first documents while the workers' server starts
hands back every document it took, in order, and an error reading the input where it happened."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from pipelines.extract import _CutAhead, cut
from pipelines.ingest import document_from_text

TEXTS = ["推进衡阳港区建设。", "加快比亚迪智能制造产业园建设。", "王小二和李大嘴在郯城县巿场吃了一碗螺蛳粉"]


def _documents(fail_after: int | None = None):
    for index, text in enumerate(TEXTS):
        if index == fail_after:
            raise InputError("line 2: not JSON")
        yield document_from_text(text, f"d{index}")


def test_every_document_comes_back_in_order_with_its_cut() -> None:
    documents = _documents()
    cutter = _CutAhead(documents)
    cutter._thread.join()  # let it take all three (the input is short)
    taken = list(cutter.stop()) + [(document, None) for document in documents]
    assert [document.doc_id for document, _ in taken] == ["d0", "d1", "d2"]
    for document, document_cut in taken:
        again = cut(document)
        assert (document_cut.prepared.text, document_cut.words) == (again.prepared.text, again.words)


def test_an_error_reading_the_input_is_raised_in_its_place() -> None:
    cutter = _CutAhead(_documents(fail_after=2))
    cutter._thread.join()
    items = cutter.stop()
    assert [document.doc_id for document, _ in (next(items), next(items))] == ["d0", "d1"]
    with pytest.raises(InputError, match="not JSON"):
        next(items)


def test_stopping_at_once_leaves_the_rest_to_the_caller() -> None:
    documents = _documents()
    taken = list(_CutAhead(documents).stop())
    rest = list(documents)
    assert [d.doc_id for d, _ in taken] + [d.doc_id for d in rest] == ["d0", "d1", "d2"]
