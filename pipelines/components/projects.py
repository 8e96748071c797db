"""PROJECT recognition by the ending of the name (产业园, 物流园, 高速, 航道, 机场 …, with a phase such as 一期)
and by official zone categories (综保区, 自贸试验区).

A name needs a distinctive part before its ending — a place, an organisation, a proper name, an
ordinal: an industry word plus an ending (通用航空产业基地) is a generic type, not a name.

>>> [c.source for c in find_projects("重点发展东阳渡综合物流产业园和云集空港物流园。")]
['project-suffix', 'project-suffix']
"""

from __future__ import annotations

import functools
import re

from pipelines.components.candidates import Candidate, clauses_with
from pipelines.components.items import list_items
from pipelines.lexicon import Lexicon, word_pattern

__all__ = ["find_projects", "is_generic_name"]

MAX_NAME = 22


@functools.cache
def _patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    suffix = re.compile(f"(?:{word_pattern(lexicon.project_suffixes)})(?:{word_pattern(lexicon.project_phases)})?")
    category = re.compile(word_pattern(lexicon.project_categories))
    descriptor = re.compile(f"(?:{word_pattern(lexicon.industry_modifiers)})*"
                            f"(?:{word_pattern(lexicon.industry_terms + lexicon.descriptor_words)})")
    return suffix, category, descriptor


def find_projects(text: str, lexicon: Lexicon | None = None) -> list[Candidate]:
    lexicon = lexicon or Lexicon.default()
    suffix, category, _ = _patterns(lexicon)
    found = [Candidate(m.start(), m.end(), "PROJECT", "project-category") for m in category.finditer(text)]
    for clause_start, clause_end in clauses_with(text, suffix):
        for item_start, item_end in list_items(text, clause_start, clause_end):
            cut = text.find("等", item_start, item_end)
            item_end = cut if cut >= 0 else item_end
            last = None
            for match in suffix.finditer(text, item_start, item_end):
                last = match
            if last is None:
                continue
            start = item_start + lexicon.strip_leading(text[item_start:last.start()])
            de = text.rfind("的", start, last.start())
            start = de + 1 if de >= 0 else start
            name = text[start:last.end()]
            if len(name) <= MAX_NAME and not is_generic_name(name, last.group(0), lexicon):
                found.append(Candidate(start, last.end(), "PROJECT", "project-suffix"))
    return found


def is_generic_name(name: str, ending: str, lexicon: Lexicon) -> bool:
    """True when nothing but industry words, modifiers and generic words stand before the ending."""
    _, _, descriptor = _patterns(lexicon)
    prefix = name[: len(name) - len(ending)]
    if name in lexicon.generic_terms or not prefix or any(ch in prefix for ch in "，。；、等") or re.search(r"\d+[家个项]", prefix):
        return True
    for word in sorted(lexicon.generic_terms, key=len, reverse=True):
        prefix = prefix.replace(word, "")
    prefix = descriptor.sub("", prefix)
    for word in lexicon.industry_modifiers:
        prefix = prefix.replace(word, "")
    prefix = re.sub(r"省级|市级|国家级|国家|以上|示范|重点|[A-Z0-9]级", "", prefix)
    return len(prefix) == 0
