"""Goals (目标), their measures, and what serves them."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api.deps import Store
from api.limits import MAX_REFERENCE_CHARS
from api.schemas import EntityRecord, ErrorBody, GoalMembers, GoalPage
from kg.errors import NotFound
from kg.ids import entity_id
from kg.stores.base import GraphStore

__all__ = ["router", "resolve_goal"]

router = APIRouter(tags=["goals"])

MemberLabel = Literal["PROJECT", "PROGRAMME", "TARGET"]
GOAL_PAGE_SIZE = 100


def resolve_goal(store: GraphStore, reference: str) -> EntityRecord:
    """The GOAL named by ``reference``: an entity id, or a goal name in any spelling that normalises alike.

    Ids are derived from normalised names, so a name lookup is an id lookup; no scan is needed.
    """
    for candidate in (reference, entity_id("GOAL", reference)):
        record = store.get_entity(candidate)
        if record is not None and record.label == "GOAL":
            return record
    raise NotFound(f"no goal with id or name {reference!r}")


@router.get("/goals", summary="List goals with their measures, paginated", response_model=GoalPage)
def goals(
    store: Store,
    limit: Annotated[int, Query(ge=1, le=1000, description="Page size")] = GOAL_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, description="How many goals to skip")] = 0,
) -> GoalPage:
    """One page of GOALs in (name, id) order, each with the measures it HAS_MEASURE and how many entities
    SERVE it; ``total`` counts every goal and ``truncated`` says that goals follow this page."""
    total, _ = store.find_entities(label="GOAL", limit=0)
    items = store.goals(limit=limit, offset=offset)
    return GoalPage(total=total, limit=limit, offset=offset, truncated=offset + len(items) < total, items=items)


@router.get("/goals/{goal}/projects", summary="What serves a goal, with measures and evidence",
            response_model=GoalMembers, responses={404: {"model": ErrorBody, "description": "Unknown goal"}})
def goal_projects(
    store: Store,
    goal: Annotated[str, Path(max_length=MAX_REFERENCE_CHARS,
                              description="A goal id, or a goal name such as 产业强市 or “产业强市”")],
    label: Annotated[MemberLabel | None, Query(description="Keep only members with this label")] = None,
) -> GoalMembers:
    """Every PROJECT, PROGRAMME and TARGET that SERVES the goal, ordered by (label, name), each with the
    measures it sits under and the sentences that say so."""
    record = resolve_goal(store, goal)
    members = store.goal_members(record.id)
    if label is not None:
        members = [member for member in members if member.entity.label == label]
    return GoalMembers(goal=record, members=members)
