"""Deterministic ids from normalised names, so that re-building a corpus upserts instead of duplicating.

>>> normalise_name("“3311”工程计划") == normalise_name("3311 工程计划")
True
>>> entity_id("PROJECT", "比亚迪智能制造产业园") == entity_id("PROJECT", " 比亚迪智能制造产业园")
True
"""

import hashlib
import re
import unicodedata

__all__ = ["CIRCLED_NUMBERS", "FULL_WIDTH_ASCII", "normalise_name", "entity_id", "relation_id"]

# The same characters the reference scorer ignores: whitespace and quotation marks (《》 are kept); and Markdown's
# bold marks, which layout leaves out of the text it extracts from.
_IGNORED = re.compile(r"[\s\"'“”‘’「」『』]+|\*\*|__")


def normalise_name(text: str) -> str:
    """The form two mentions must share to be one real-world thing.

    Full-width ASCII is folded to half-width (ＲＡＭ → RAM, ２０２１ → 2021), a note's number printed inside
    the name is dropped (“五地增绿”⑭行动, “零关税”清单[1], “五社联动”（56）机制: the reference to a glossary, not
    part of the name), so is Markdown's bold inside it (比亚迪**智能制造产业园**: pipelines/layout.py leaves the marks
    out of what it extracts from), then whitespace and quotation marks are dropped; Chinese punctuation such as
    《》、（） is kept apart from the folding.

    >>> normalise_name("“五地增绿”⑭行动") == normalise_name("五地增绿行动")
    True
    >>> normalise_name("比亚迪**智能制造**产业园")
    '比亚迪智能制造产业园'
    >>> normalise_name("玉\\n\\n— 17 —\\n\\n米单产")  # a name across a PDF copy's page break
    '玉米单产'
    """
    return _IGNORED.sub("", _NOTE_MARKS.sub("", text.translate(FULL_WIDTH_ASCII)))


# Notes' numbers as reports print them in running text (pipelines/layout.py leaves the same out of what it extracts
# from): circled numbers, [3] and ^[3], and （3） right after a closing quote.
# ①-⑳, ㉑-㉟, ㊱-㊿: the circled numbers reports number notes and items with (a character class's body)
CIRCLED_NUMBERS = "\u2460-\u2473\u3251-\u325f\u32b1-\u32bf"
_NOTE_MARKS = re.compile(rf"[{CIRCLED_NUMBERS}]|\^?\[\d{{1,3}}\]|(?<=[”’」』\"'])[（(]\d{{1,3}}[）)]"
                         r"|\n\s*[—－\-–]{1,2}\s*\d{1,3}\s*[—－\-–]{1,2}\s*\n")  # and a PDF copy's page number

# Full-width digits, Latin letters and ％＋＆．／ → their ASCII forms (NFKC of each); nothing else changes.
FULL_WIDTH_ASCII = {code: unicodedata.normalize("NFKC", chr(code))
               for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), *map(ord, "％＋＆．／"))}


def entity_id(label: str, name: str, scope: str = "") -> str:
    """A stable, URL-safe id: the label and a digest of the normalised name, and of ``scope`` when the thing
    is local to one place (a city's 会展中心): ``scope`` is then the id of the issuing place, so two cities'
    projects of one name are two entities. Without a scope the id is what it always was.

    >>> entity_id("PROJECT", "会展中心") == entity_id("PROJECT", "会展中心", "place-1")
    False
    """
    key = f"{label}\x1f{normalise_name(name)}" + (f"\x1f{scope}" if scope else "")
    digest = hashlib.sha1(key.encode()).hexdigest()[:16]
    return f"{label.lower()}-{digest}"


def relation_id(relation_type: str, head_id: str, tail_id: str) -> str:
    digest = hashlib.sha1(f"{relation_type}\x1f{head_id}\x1f{tail_id}".encode()).hexdigest()[:16]
    return f"{relation_type.lower()}-{digest}"
