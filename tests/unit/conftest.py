"""Fixtures of the unit tests that run the shipped pipeline on a sentence or two."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Document


@pytest.fixture(scope="session")
def extractor():
    """The shipped pipeline, built once for the session."""
    from pipelines.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def mentions(extractor) -> Callable[[str, str], list[str]]:
    """``mentions(text, label)``: the texts of the ``label`` mentions the shipped pipeline finds in ``text``,
    in order."""
    def found(text: str, label: str) -> list[str]:
        return [span.text for span in extractor.extract(Document(doc_id="d", text=text)).spans if span.label == label]
    return found
