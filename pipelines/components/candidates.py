"""What the recognisers hand to the resolver: character spans with a label and where they came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Candidate", "clauses", "CLAUSE_BREAK", "is_cjk"]

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


def _trimmed(text: str, start: int, end: int):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"
