"""Browsing, fetching and searching entities."""

from __future__ import annotations

import sys
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from pydantic import AfterValidator

from api.deps import Store
from api.limits import MAX_QUERY_CHARS, MAX_REFERENCE_CHARS
from api.routes.filters import DocumentFilter
from api.schemas import CompactEntityDetail, EntityDetail, EntityPage, ErrorBody, SearchResults
from kg.errors import NotFound
from kg.ids import normalise_name
from kg.model import ENTITY_LABELS
from kg.stores.records import compact, relation_seen_from, search_ranking

__all__ = ["router"]

router = APIRouter(tags=["entities"])

EntityLabel = Literal[ENTITY_LABELS]  # type: ignore[valid-type]  # Literal[("A", "B")] == Literal["A", "B"]


def _has_name(query: str) -> str:
    if not normalise_name(query):
        raise ValueError("q must contain something besides whitespace and quotation marks")
    return query


@router.get("/entities", summary="List entities, filtered and paginated", response_model=EntityPage)
def list_entities(
    store: Store,
    doc_ids: DocumentFilter,
    label: Annotated[EntityLabel | None, Query(description="Keep only this label")] = None,
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="Substring of the normalised name")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size")] = 50,
    offset: Annotated[int, Query(ge=0, description="How many matches to skip")] = 0,
) -> EntityPage:
    """One page of entities in (label, name, id) order, with the total number of matches; with place=,
    level=, year= or doc_id=, only entities those documents name."""
    total, items = store.find_entities(label=label, query=q, limit=limit, offset=offset, doc_ids=doc_ids)
    return EntityPage(total=total, limit=limit, offset=offset, items=items)


@router.get("/entities/{entity_id}", summary="One entity with its mentions and relations",
            response_model=CompactEntityDetail | EntityDetail,
            responses={404: {"model": ErrorBody, "description": "Unknown id"}})
def get_entity(
    store: Store,
    entity_id: Annotated[str, Path(max_length=MAX_REFERENCE_CHARS, description="Entity id")],
    full: Annotated[bool, Query(description="Give each relation's ends as whole records (attributes, "
                                            "counts, documents), not only id, label and name")] = False,
) -> CompactEntityDetail | EntityDetail:
    """The entity, every mention of it, and every relation at either end with the far end and evidence;
    the ends of a relation by id, label and name, or whole with `full=true`."""
    record = store.get_entity(entity_id)
    if record is None:
        raise NotFound(f"no entity with id {entity_id!r}")
    relations = [relation_seen_from(entity_id, relation) for relation in store.relations_of(entity_id)]
    if full:
        return EntityDetail(**dict(record), relations=relations)
    return CompactEntityDetail(**dict(record), relations=[compact(relation) for relation in relations])


@router.get("/search", summary="Find entities by name across labels", response_model=SearchResults)
def search(
    store: Store,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description="Part of a name, e.g. 比亚迪"),
                 AfterValidator(_has_name)],
    limit: Annotated[int, Query(ge=1, le=500, description="How many hits to return")] = 20,
) -> SearchResults:
    """Entities whose normalised name contains ``q``, best first: exact name, then prefix, then shorter names."""
    # Ranking needs every match, not one page in contract order.
    total, hits = store.find_entities(query=q, limit=sys.maxsize)
    return SearchResults(query=q, total=total, items=sorted(hits, key=search_ranking(q))[:limit])
