"""Choosing among overlapping candidates.

Rules rank candidates (a heading beats a quoted name, which beats a list item, …); the best are kept
first and a later candidate survives only where nesting is allowed by the guidelines: a PLACE or ORG
inside a PROJECT name, a PLACE inside a TARGET, any name inside a GOAL or MEASURE heading. Everything else that overlaps a
kept span is dropped.
"""

from __future__ import annotations

import bisect

from pipelines.components.candidates import Candidate

__all__ = ["resolve", "SOURCE_RANK"]

SOURCE_RANK = {
    "heading": 100, "goal-mention": 95, "title": 90, "quoted": 85, "list-project": 80, "list-programme": 75,
    "target": 70, "programme-head": 65, "project-suffix": 60, "project-category": 60, "place-suffix": 55,
    "list-industry": 50, "list-place": 50, "industry-economy": 45, "industry-lexicon": 40, "gazetteer": 35,
    "hanlp-place": 34, "nested": 33, "org-listing": 30, "org-suffix": 30, "hanlp-org": 29, "programme-lexicon": 20,
}
NESTING = {
    "GOAL": {"PLACE", "ORG", "INDUSTRY", "PROGRAMME", "PROJECT"},
    "MEASURE": {"PLACE", "ORG", "INDUSTRY", "PROGRAMME", "PROJECT"},
    "PROJECT": {"PLACE", "ORG"},
    "TARGET": {"PLACE"},  # 约1亿人在中西部地区就近城镇化: the place a target is counted in
}


def _rank(candidate: Candidate) -> tuple[int, int]:
    return SOURCE_RANK.get(candidate.source, 0), candidate.length


def _may_nest(outer: Candidate, inner: Candidate) -> bool:
    return inner.label in NESTING.get(outer.label, ())


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    kept: list[Candidate] = []
    kept_starts: list[int] = []  # kept spans ordered by start, to look only at their neighbours
    longest = max((c.length for c in candidates), default=0)
    seen: set[tuple[int, int]] = set()
    for candidate in sorted(candidates, key=_rank, reverse=True):
        if (candidate.start, candidate.end) in seen:
            continue
        low = bisect.bisect_left(kept_starts, candidate.start - longest)
        high = bisect.bisect_left(kept_starts, candidate.end)
        if all(_compatible(candidate, other) for other in kept[low:high]):
            position = bisect.bisect_left(kept_starts, candidate.start)
            kept_starts.insert(position, candidate.start)
            kept.insert(position, candidate)
            seen.add((candidate.start, candidate.end))
    return sorted(kept, key=lambda c: (c.start, -c.end))


def _compatible(candidate: Candidate, other: Candidate) -> bool:
    if candidate.end <= other.start or other.end <= candidate.start:
        return True
    if other.start <= candidate.start and candidate.end <= other.end:
        return _may_nest(other, candidate)
    if candidate.start <= other.start and other.end <= candidate.end:
        return _may_nest(candidate, other)
    return False
