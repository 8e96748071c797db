"""The document filters shared by the research routes: place=, level=, year=, doc_id=."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query

from api.deps import Store
from api.limits import MAX_REFERENCE_CHARS
from kg.model import DOCUMENT_LEVELS
from kg.stores.records import DocIds, select_documents

__all__ = ["DocumentFilter", "document_filter", "DocumentLevel"]

DocumentLevel = Literal[DOCUMENT_LEVELS]  # type: ignore[valid-type]


def document_filter(
    store: Store,
    place: Annotated[str | None, Query(min_length=1, max_length=MAX_REFERENCE_CHARS, description=(
        "Only documents issued in this place or a place within it: a name (宜昌, 宜昌市, 湖北) or a PLACE id"))] = None,
    level: Annotated[DocumentLevel | None, Query(description="Only documents of this level")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="Only documents of this year")] = None,
    doc_id: Annotated[str | None, Query(min_length=1, max_length=MAX_REFERENCE_CHARS,
                                        description="Only this document")] = None,
) -> DocIds:
    """The doc_ids the filters keep, or None when none is given (every document)."""
    return select_documents(store.documents(), place=place, level=level, year=year, doc_id=doc_id)


DocumentFilter = Annotated[DocIds, Depends(document_filter)]
