"""PROGRAMME recognition: quoted names with their head word, 《titles》, and unquoted names that end in a
strong head word (计划, 工程, 行动, 战略, 改革, 规划 …).

>>> sorted(c.label for c in find_programmes("深入推进“产业项目建设年”活动，实施企业上市行动计划。"))
['PROGRAMME', 'PROGRAMME']
"""

from __future__ import annotations

import functools
import re

from pipelines.components.candidates import Candidate, clauses_with, is_cjk
from pipelines.components.items import list_items, trim_item
from pipelines.lexicon import Lexicon, read_list, word_pattern

__all__ = ["find_programmes"]

QUOTED = re.compile(r"[“\"「](?P<inner>[^“”\"「」\n]{1,24})[”\"」]")
TITLE = re.compile(r"《[^《》\n]{2,60}》")
# After a quoted name, its head word must come before any of these.
WINDOW_STOP = re.compile(r"[^\u4e00-\u9fffA-Za-z]|[等的和与及]")
HEAD_WINDOW = 10
MAX_UNQUOTED = 16
ORDINAL_ITEM = re.compile(r"\s*[（(]?[一二三四五六七八九十0-9]+[）)]?\s*")
GENERIC_START = ("各", "一批", "新一轮", "这些", "有关", "相关", "国家发展")


@functools.cache
def _heads(lexicon: Lexicon) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The lexicon's quoted and unquoted programme heads and the name trailers, longest first."""
    quoted = tuple(sorted(lexicon.programme_heads, key=len, reverse=True))
    unquoted = tuple(sorted(lexicon.programme_heads_unquoted, key=len, reverse=True))
    trailers = tuple(sorted(read_list("name_trailers.txt"), key=len, reverse=True))
    return quoted, unquoted, trailers


def find_programmes(text: str, lexicon: Lexicon | None = None) -> list[Candidate]:
    lexicon = lexicon or Lexicon.default()
    found = [Candidate(m.start(), m.end(), "PROGRAMME", "title") for m in TITLE.finditer(text)]
    found += _quoted(text, lexicon)
    found += _unquoted(text, lexicon)
    found += [Candidate(m.start(), m.end(), "PROGRAMME", "programme-lexicon")
              for m in re.finditer(word_pattern(lexicon.programme_lexicon), text)]
    return found


def _quoted(text: str, lexicon: Lexicon) -> list[Candidate]:
    quoted_heads, _, _ = _heads(lexicon)
    found = []
    for match in QUOTED.finditer(text):
        inner = match["inner"]
        if inner.startswith("互联网+") or any(inner.endswith(h) for h in quoted_heads):
            found.append(Candidate(match.start(), match.end(), "PROGRAMME", "quoted"))
            continue
        stop = WINDOW_STOP.search(text, match.end(), match.end() + HEAD_WINDOW)
        window_end = stop.start() if stop else min(len(text), match.end() + HEAD_WINDOW)
        window = text[match.end():window_end]
        for offset in range(len(window)):
            head = next((h for h in quoted_heads if window.startswith(h, offset)), None)
            if head:
                end = match.end() + offset + len(head)
                if text.startswith("升级版", end):
                    end += len("升级版")
                found.append(Candidate(match.start(), end, "PROGRAMME", "quoted"))
                break
    return found


def _unquoted(text: str, lexicon: Lexicon) -> list[Candidate]:
    _, heads, trailers = _heads(lexicon)
    any_head = _head_pattern(heads)
    found = []
    for clause_start, clause_end in clauses_with(text, any_head):
        pending = None
        for item_start, item_end in list_items(text, clause_start, clause_end):
            if pending is not None:
                item_start, pending = pending, None
            start, end = trim_item(text, item_start, item_end, trailers)
            if not any(text.endswith(h, start, end) for h in heads):
                if not ORDINAL_ITEM.fullmatch(text[start:end]):  # 七、实施… is an enumerator, not a list
                    pending = item_start  # a list item without a head joins the next (电力、天然气输配价格改革)
                continue
            merged = item_start < start or "、" in text[item_start:end]
            own = text[text.rfind("、", start, end) + 1:end]
            if merged and len(own) < 4:
                continue  # 金融、证券、工程: a list of words, not one name
            name_start = _name_start(text, start, end, lexicon)
            candidate = text[name_start:end]
            if len(candidate) <= MAX_UNQUOTED and _acceptable(candidate, lexicon):
                found.append(Candidate(name_start, end, "PROGRAMME", "programme-head"))
    return found


@functools.cache
def _head_pattern(heads: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(word_pattern(heads))


def _name_start(text: str, start: int, end: int, lexicon: Lexicon) -> int:
    de = text.rfind("的", start, end)
    if de >= 0:
        start = de + 1
    return start + lexicon.strip_leading(text[start:end])


def _acceptable(name: str, lexicon: Lexicon) -> bool:
    if len(name) < 4 or "等" in name or "一批" in name or name in lexicon.generic_terms:
        return False
    if any(q in name for q in "“”\"《》「」"):
        return False  # quoted and titled names have their own, more precise rule
    if name.startswith(GENERIC_START) or not is_cjk(name[0]) and not name[0].isalnum():
        return False
    return not any(suffix in name for suffix in lexicon.project_suffixes if len(suffix) >= 2)
