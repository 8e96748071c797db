"""Answers across documents, places and years: the goal × member table, an entity's timeline, a place's
profile, and which places name which entities."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.deps import Store
from api.limits import MAX_REFERENCE_CHARS
from api.routes.filters import DocumentFilter
from api.schemas import ErrorBody, GoalMemberTable
from kg.model import ENTITY_LABELS
from kg.stores.records import GoalMemberRow, Timeline
from kg.stores.research import CompareRow, PlaceProfile, compare, place_profile

__all__ = ["router", "table_csv"]

router = APIRouter(tags=["research"])

EntityLabel = Literal[ENTITY_LABELS]  # type: ignore[valid-type]
_NOT_FOUND = {404: {"model": ErrorBody, "description": "Unknown id or place"}}
CSV_COLUMNS = tuple(GoalMemberRow.model_fields)


def table_csv(rows: list[GoalMemberRow]) -> str:
    """The table as CSV (UTF-8, a header line; lists joined by ';')."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(";".join(v) if isinstance(v, list) else v for v in (getattr(row, c) for c in CSV_COLUMNS))
    return out.getvalue()


@router.get("/goals/members", summary="Every goal × member (what serves it) as one table",
            response_model=GoalMemberTable,
            responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with Accept: text/csv"}})
def goal_member_table(store: Store, doc_ids: DocumentFilter, request: Request):
    """One row per goal and member that SERVES it: names, ids, the member's label, measures, documents
    and how many sentences say so, by goal then member. `Accept: text/csv` gives the same rows as CSV
    (lists joined by `;`), for a spreadsheet or R."""
    rows = store.goal_member_table(doc_ids)
    if "text/csv" in request.headers.get("accept", ""):
        return Response(table_csv(rows), media_type="text/csv; charset=utf-8")
    return GoalMemberTable(total=len(rows), rows=rows)


@router.get("/entities/{entity_id}/timeline", summary="What each document says about an entity, by year",
            response_model=Timeline, responses=_NOT_FOUND)
def timeline(store: Store,
             entity_id: Annotated[str, Path(max_length=MAX_REFERENCE_CHARS, description="Entity id")]) -> Timeline:
    """Per document (by year, then doc_id): its year, title, place, level, kind, the attributes its
    mentions carry (a target's value, a project's stage or amount …), each mention with its sentence and
    offsets into that document, and the relations that document states (what it serves, where it lies),
    the far end by id and name, with that document's evidence."""
    return store.timeline(entity_id)


@router.get("/places/{place}/profile", summary="A place's documents, goals, projects, industries, targets",
            response_model=PlaceProfile, responses=_NOT_FOUND)
def profile(
    store: Store,
    place: Annotated[str, Path(max_length=MAX_REFERENCE_CHARS, description="宜昌, 宜昌市 or its PLACE id")],
    year: Annotated[int | None, Query(ge=1900, le=2100, description="Only its documents of this year")] = None,
) -> PlaceProfile:
    """The place with the divisions above it and the places within it that issued documents (the
    hierarchy county → city → province), the documents its own government issued, their goals each with
    what serves it there, and the projects, industries and targets they name. A place no document was
    issued in or within answers 404."""
    return place_profile(store, place, year)


@router.get("/compare", summary="Which places (years, levels) name which entities", response_model=list[CompareRow])
def compare_entities(
    store: Store,
    doc_ids: DocumentFilter,
    label: Annotated[EntityLabel, Query(description="The entities compared, e.g. INDUSTRY")] = "INDUSTRY",
    by: Annotated[Literal["place", "year", "level"], Query(description="What is counted")] = "place",
    limit: Annotated[int, Query(ge=1, le=10_000, description="How many rows")] = 100,
) -> list[CompareRow]:
    """Every entity of the label with the distinct places (years, levels) of the documents naming it, most
    first (then more documents first, then by name)."""
    return compare(store, label, by, doc_ids)[:limit]
