"""Answers a researcher takes away, made of the GraphStore's reads only, so every store gives the same:
a place's profile (its documents, goals with what serves them, projects, industries, targets) and a
comparison of which places (years, levels) name which entities.

>>> from kg.stores.networkx_store import NetworkXStore
>>> compare(NetworkXStore(), "INDUSTRY", "place")
[]
"""

from __future__ import annotations

import sys
from typing import Literal

from pydantic import Field

from kg.errors import NotFound
from kg.stores import records as rec
from kg.stores.base import GraphStore

__all__ = ["PlaceRecord", "ProfileGoal", "PlaceProfile", "CompareRow", "COMPARE_BY", "place_profile", "compare",
           "find_place", "places_within"]

COMPARE_BY = ("place", "year", "level")


class PlaceRecord(rec._Record):
    id: str = Field(description="Id of the PLACE entity of the division")
    name: str = Field(description="Full name: 宜昌市")
    parents: list[str] = Field(description="The divisions above it, nearest first")
    parent_ids: list[str]


class ProfileGoal(rec._Record):
    goal: rec.EntityRecord
    members: list[rec.EntityRef] = Field(description="What serves it in the place's documents, by (label, name)")


class PlaceProfile(rec._Record):
    place: PlaceRecord
    within: list[PlaceRecord] = Field(description="Places within it that issued documents (their profiles are "
                                      "their own; place= filters take them in)")
    documents: list[rec.DocumentRecord] = Field(description="The documents its own government issued")
    goals: list[ProfileGoal]
    projects: list[rec.EntityRecord]
    industries: list[rec.EntityRecord]
    targets: list[rec.EntityRecord]


class CompareRow(rec._Record):
    entity: rec.EntityRef
    count: int = Field(description="How many distinct places (years, levels) name it")
    values: list[str] = Field(description="Those places (years, levels), sorted")
    documents: int = Field(description="How many documents name it")


def find_place(documents: list[rec.DocumentRecord], reference: str) -> PlaceRecord:
    """The place ``reference`` (a PLACE id, 宜昌市, or 宜昌 without its ending) stands for, among the places
    documents were issued in or within (湖北省 for 宜昌's report); an id or a full name first. NotFound when no
    document knows it."""
    chains = [(document.places, document.place_ids) for document in documents]
    for exact in (True, False):
        for names, ids in chains:
            for index, (name, place_id) in enumerate(zip(names, ids, strict=False)):
                found = (reference == place_id or rec.fold(reference) == rec.fold(name)) if exact \
                    else rec.place_matches(reference, [name])
                if found:
                    return PlaceRecord(id=place_id, name=name, parents=names[index + 1:], parent_ids=ids[index + 1:])
    raise NotFound(f"no document was issued in a place called {reference!r}; see /documents for the places")


def places_within(documents: list[rec.DocumentRecord], place: PlaceRecord) -> list[PlaceRecord]:
    """The places within ``place`` that issued documents (宜昌市 and 武汉市 within 湖北省), by name."""
    within = {}
    for document in documents:
        if place.id in document.place_ids[1:]:
            within[document.place_id] = PlaceRecord(id=document.place_id, name=document.place,
                                                    parents=document.places[1:], parent_ids=document.place_ids[1:])
    return sorted(within.values(), key=lambda p: (p.name, p.id))


def place_profile(store: GraphStore, reference: str, year: int | None = None) -> PlaceProfile:
    """What the documents issued in one place say (optionally of one year): its goals with what serves
    them, and the projects, industries and targets those documents name."""
    documents = store.documents()
    place = find_place(documents, reference)
    issued = [d for d in documents if d.place_id == place.id and (year is None or d.year == year)]
    doc_ids = {d.doc_id for d in issued}
    members: dict[str, list[rec.EntityRef]] = {}
    for row in store.goal_member_table(doc_ids):
        members.setdefault(row.goal_id, []).append(rec.EntityRef(id=row.member_id, label=row.label, name=row.member))
    goals = [ProfileGoal(goal=goal, members=sorted(members.get(goal.id, []), key=lambda m: (m.label, m.name, m.id)))
             for goal in store.goals(doc_ids=doc_ids)]

    def named(label: str) -> list[rec.EntityRecord]:
        return store.find_entities(label=label, limit=sys.maxsize, doc_ids=doc_ids)[1] if doc_ids else []

    return PlaceProfile(place=place, within=places_within(documents, place), documents=issued, goals=goals if doc_ids else [], projects=named("PROJECT"),
                        industries=named("INDUSTRY"), targets=named("TARGET"))


def compare(store: GraphStore, label: str, by: Literal["place", "year", "level"] = "place",
            doc_ids: rec.DocIds = None) -> list[CompareRow]:
    """Every entity of ``label`` with the distinct places (years, levels) of the documents naming it, most
    first, then by name and id."""
    if by not in COMPARE_BY:
        raise ValueError(f"by must be one of {', '.join(COMPARE_BY)}, not {by!r}")
    documents = {d.doc_id: d for d in store.documents()}
    wanted = None if doc_ids is None else set(doc_ids)
    rows = []
    for entity in store.find_entities(label=label, limit=sys.maxsize, doc_ids=doc_ids)[1]:
        naming = [documents[d] for d in entity.documents if d in documents and (wanted is None or d in wanted)]
        values = {str(getattr(d, by)) for d in naming if getattr(d, by) not in (None, "")}
        rows.append(CompareRow(entity=rec.EntityRef(id=entity.id, label=entity.label, name=entity.name),
                               count=len(values), values=sorted(values), documents=len(naming)))
    return sorted(rows, key=lambda r: (-r.count, -r.documents, r.entity.name, r.entity.id))
