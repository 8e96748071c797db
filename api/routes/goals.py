"""Goals (目标), their measures, and what serves them."""

from __future__ import annotations

import sys
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api.deps import Store
from api.limits import MAX_REFERENCE_CHARS
from api.routes.filters import DocumentFilter
from api.schemas import EntityRecord, ErrorBody, GoalMembers, GoalPage
from kg.errors import Ambiguous, NotFound
from kg.ids import entity_id, normalise_name
from kg.stores.base import GraphStore
from kg.stores.records import DocIds, fold

__all__ = ["router", "resolve_goal"]

router = APIRouter(tags=["goals"])

MemberLabel = Literal["PROJECT", "PROGRAMME", "TARGET"]
GOAL_PAGE_SIZE = 100


def resolve_goal(store: GraphStore, reference: str, doc_ids: DocIds = None) -> EntityRecord:
    """The GOAL named by ``reference``: an entity id, or a goal name in any spelling that normalises alike.

    A goal of a national document has the id of its name (no scan); a local government's goal is local to
    its place (kg.ids), so a name is looked up among the goals the documents ``doc_ids`` name: two cities'
    产业强市 are two goals, and the name alone is then ambiguous (409; add place= or use the id).
    """
    for candidate in (reference, entity_id("GOAL", reference)):
        record = store.get_entity(candidate)
        if record is not None and record.label == "GOAL" and (doc_ids is None or set(doc_ids) & set(record.documents)):
            return record
    if normalise_name(reference):
        wanted = fold(reference)
        _, found = store.find_entities(label="GOAL", query=reference, limit=sys.maxsize, doc_ids=doc_ids)
        found = [goal for goal in found if fold(goal.name) == wanted]
        if len(found) == 1:
            return found[0]
        if found:
            raise Ambiguous(f"{len(found)} goals are called {reference!r} (ids {', '.join(g.id for g in found)}); "
                            "narrow them with place=, year= or doc_id=, or use an id")
    raise NotFound(f"no goal with id or name {reference!r}")


@router.get("/goals", summary="List goals with their measures, paginated", response_model=GoalPage)
def goals(
    store: Store,
    doc_ids: DocumentFilter,
    limit: Annotated[int, Query(ge=1, le=1000, description="Page size")] = GOAL_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, description="How many goals to skip")] = 0,
) -> GoalPage:
    """One page of GOALs in (name, id) order, each with the measures it HAS_MEASURE and how many entities
    SERVE it; ``total`` counts every goal and ``truncated`` says that goals follow this page. With place=,
    level=, year= or doc_id=, the goals of those documents, with the measures and members they state."""
    total, _ = store.find_entities(label="GOAL", limit=0, doc_ids=doc_ids)
    items = store.goals(limit=limit, offset=offset, doc_ids=doc_ids)
    return GoalPage(total=total, limit=limit, offset=offset, truncated=offset + len(items) < total, items=items)


@router.get("/goals/{goal}/projects", summary="What serves a goal, with measures and evidence",
            response_model=GoalMembers, responses={404: {"model": ErrorBody, "description": "Unknown goal"}})
def goal_projects(
    store: Store,
    goal: Annotated[str, Path(max_length=MAX_REFERENCE_CHARS,
                              description="A goal id, or a goal name such as 产业强市 or “产业强市”")],
    doc_ids: DocumentFilter,
    label: Annotated[MemberLabel | None, Query(description="Keep only members with this label")] = None,
) -> GoalMembers:
    """Every PROJECT, PROGRAMME and TARGET that SERVES the goal, ordered by (label, name), each with the
    measures it sits under and the sentences that say so (with place=, level=, year= or doc_id=, those
    the documents kept state). A goal name shared by several places answers 409: add place= or use the id."""
    record = resolve_goal(store, goal, doc_ids)
    members = store.goal_members(record.id, doc_ids)
    if label is not None:
        members = [member for member in members if member.entity.label == label]
    return GoalMembers(goal=record, members=members)
