"""Service health and graph statistics."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import Store
from api.schemas import Health, Stats

__all__ = ["router"]

router = APIRouter(tags=["service"])


@router.get("/health", summary="Is the service up", response_model=Health)
def health(store: Store, request: Request) -> dict:
    """Answers 200 with the store kind and document count when the store can be read, 503 otherwise."""
    kind = getattr(store, "kind", None) or request.app.state.settings.store
    return {"status": "ok", "store": kind, "documents": store.stats().documents}


@router.get("/stats", summary="Counts of documents, entities, relations, mentions and evidence",
            response_model=Stats)
def stats(store: Store) -> Stats:
    """Totals plus entities per label and relations per type (every label and type, zeros included)."""
    return store.stats()
