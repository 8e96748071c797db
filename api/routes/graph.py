"""Graph traversal: neighbourhoods and paths."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import Store
from api.limits import MAX_REFERENCE_CHARS
from api.schemas import ErrorBody, Neighbourhood, PathResult
from kg.stores.records import NEIGHBOURHOOD_LIMIT

__all__ = ["router"]

router = APIRouter(tags=["graph"])

_NOT_FOUND = {404: {"model": ErrorBody, "description": "Unknown entity id"}}


@router.get("/graph/neighbourhood/{entity_id}", summary="Entities within a few hops of one entity",
            response_model=Neighbourhood, responses=_NOT_FOUND)
def neighbourhood(
    store: Store,
    entity_id: Annotated[str, Path(max_length=MAX_REFERENCE_CHARS, description="Entity id at the centre")],
    depth: Annotated[int, Query(ge=1, le=3, description="Hops, ignoring direction (1 to 3)")] = 1,
    limit: Annotated[int, Query(ge=1, le=5000, description="Most nodes in the answer, the centre included")]
        = NEIGHBOURHOOD_LIMIT,
) -> Neighbourhood:
    """Every entity within ``depth`` hops and every relation among them, up to ``limit`` nodes. When more are
    in reach (a hub such as 中国 or a province reaches most of the graph in two or three hops), the answer
    holds the nearest ones — fewest hops first, then by label, name and id, the same on every store — and
    ``truncated`` is true."""
    return store.neighbourhood(entity_id, depth, limit)


@router.get("/paths", summary="Shortest path between two entities", response_model=PathResult,
            responses=_NOT_FOUND)
def shortest_path(
    store: Store,
    source: Annotated[str, Query(min_length=1, max_length=MAX_REFERENCE_CHARS, description="Entity id to start from")],
    target: Annotated[str, Query(min_length=1, max_length=MAX_REFERENCE_CHARS, description="Entity id to reach")],
) -> PathResult:
    """One shortest path ignoring direction; ``found`` is false (and the lists empty) when none exists."""
    path = store.shortest_path(source, target)
    if path is None:
        return PathResult(found=False, nodes=[], edges=[])
    return PathResult(found=True, nodes=path.nodes, edges=path.edges)
