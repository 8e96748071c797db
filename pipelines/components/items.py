"""Splitting a clause into the items of a list, without breaking quoted or bracketed names."""

from __future__ import annotations

import re

__all__ = ["list_items", "trim_item"]

ITEM_BREAK = re.compile(r"[、和及与]")
OPENERS, CLOSERS = "“《（(「『\"", "”》）)」』\""


def list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the items of ``text[start:end]`` separated by 、 和 及 与 outside quotes and brackets."""
    items, depth, item_start = [], 0, start
    quote_open = False
    for position in range(start, end):
        ch = text[position]
        if ch == '"':
            quote_open = not quote_open
            continue
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and not quote_open and ITEM_BREAK.match(ch):
            items.append((item_start, position))
            item_start = position + 1
    items.append((item_start, end))
    return [(a, b) for a, b in items if b > a]


def trim_item(text: str, start: int, end: int, trailers: tuple[str, ...]) -> tuple[int, int]:
    """Drop whitespace and trailing words (建设, 力度 …) that follow a name inside its item."""
    while start < end and text[start].isspace():
        start += 1
    changed = True
    while changed:
        changed = False
        while end > start and text[end - 1].isspace():
            end -= 1
        for word in trailers:
            if end - start > len(word) and text.endswith(word, start, end):
                end -= len(word)
                changed = True
                break
    return start, end
