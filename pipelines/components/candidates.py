"""What the recognisers hand to the resolver: character spans with a label and where they came from."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Candidate", "clauses", "clauses_with", "CLAUSE_BREAK", "is_cjk"]

# Names never cross these; 、 and 和 separate items of a list but may sit inside some names.
CLAUSE_BREAK = re.compile(r"[，,。；;！!？?：:\n]")


@dataclass
class Candidate:
    start: int
    end: int
    label: str
    source: str  # which rule proposed it; the resolver ranks rules
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


def clauses(text: str, start: int = 0, end: int | None = None):
    """(start, end) of each clause between clause breaks, whitespace trimmed, empty ones skipped."""
    end = len(text) if end is None else end
    position = start
    for match in CLAUSE_BREAK.finditer(text, start, end):
        yield from _trimmed(text, position, match.start())
        position = match.end()
    yield from _trimmed(text, position, end)


@functools.lru_cache(maxsize=8)
def _clause_bounds(text: str) -> tuple[list[int], list[int]]:
    starts, ends, position = [], [], 0
    for match in CLAUSE_BREAK.finditer(text):
        starts.append(position)
        ends.append(match.start())
        position = match.end()
    starts.append(position)
    ends.append(len(text))
    return starts, ends


def clauses_with(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The trimmed clauses of ``text`` holding at least one match of ``pattern``, in order.

    Each recogniser looks only at clauses where its cue occurs; finding the cues with one regex scan of
    the text and the clauses by bisection is much cheaper than walking every clause in Python.
    """
    starts, ends = _clause_bounds(text)
    found: list[tuple[int, int]] = []
    last = -1
    for match in pattern.finditer(text):
        index = bisect.bisect_right(starts, match.start()) - 1
        if index == last or match.start() >= ends[index]:
            continue
        last = index
        found.extend(_trimmed(text, starts[index], ends[index]))
    return found


def _trimmed(text: str, start: int, end: int):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"
