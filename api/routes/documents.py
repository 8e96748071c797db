"""The documents the graph was built from."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Store
from api.schemas import DocumentRecord

__all__ = ["router"]

router = APIRouter(tags=["documents"])


@router.get("/documents", summary="List the ingested documents", response_model=list[DocumentRecord])
def documents(store: Store) -> list[DocumentRecord]:
    """Every document by doc_id, with how many entities and relations it supports."""
    return store.documents()
