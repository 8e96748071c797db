"""TARGET recognition: a planned quantity with its metric, and its parsed attributes.

The span starts at the metric and ends at the unit (or at 以上/左右 after it); hedges and verbs before
it (力争, 确保, 实现, 创建 …) and scope words (全市, 年内) are left out, 新增 and 引进 are kept.
Items sharing one verb become separate targets; a bare percentage joins the metric of its clause.

>>> [t.attrs["value"] for t in find_targets("力争年内新增规模以上工业企业150家、专精特新企业10家。")]
[150.0, 10.0]
"""

from __future__ import annotations

import functools
import re

from pipelines.components.candidates import Candidate, clauses, clauses_with
from pipelines.lexicon import Lexicon

__all__ = ["find_targets", "parse_target"]

DIGITS = "0-9０-９"
ARABIC = rf"[{DIGITS}]+(?:[,，][{DIGITS}]{{3}})*(?:[.．][{DIGITS}]+)?(?:\s*[—\-–~～至到]\s*[{DIGITS}]+(?:[.．][{DIGITS}]+)?)?"
# Targets are recognised by figures in digits: on the gold files, Chinese numerals before a unit (千亿元产业,
# 百场, 十项, 引进千名) were never annotated targets, so they only cost precision. number_value still reads
# them, and full-width digits and 万/亿 magnitudes, through cn2an.
NUMBER = ARABIC
MAGNITUDES = "万亿千百"
TRAILERS = r"(?:以上|左右|以内|以下)?"
# A figure already achieved is not a target (GUIDELINES): these words in its clause say so.
ACHIEVED = re.compile(r"(?<!为)了|已经|已|比上年|同比|累计|上年|去年|过去|实际|预算数|决算|超额完成|执行结果|其中|的占")


@functools.cache
def _patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    units = "|".join(re.escape(u) for u in sorted(lexicon.target_units, key=len, reverse=True))
    quantity = re.compile(rf"(?<![第{DIGITS}.．,，A-Za-z])(?P<number>{NUMBER})\s*"
                          rf"(?P<unit>(?P<magnitude>[{MAGNITUDES}]*)(?:{units})){TRAILERS}")
    prefixes = re.compile("(?:" + "|".join(sorted(lexicon.target_prefixes, key=len, reverse=True)) + ")")
    return quantity, prefixes


def find_targets(text: str, lexicon: Lexicon | None = None, start: int = 0, end: int | None = None) -> list[Candidate]:
    lexicon = lexicon or Lexicon.default()
    quantity, _ = _patterns(lexicon)
    found = []
    whole = start == 0 and end is None
    spans = clauses_with(text, quantity) if whole else clauses(text, start, end)
    for clause_start, clause_end in spans:
        clause = text[clause_start:clause_end]
        if not quantity.search(clause) or ACHIEVED.search(clause):
            continue
        for piece_start, piece_end in _items(clause, quantity):
            candidate = _target(text, clause_start + piece_start, clause_start + piece_end, lexicon)
            if candidate:
                found.append(candidate)
    return found


def _items(clause: str, quantity: re.Pattern[str]) -> list[tuple[int, int]]:
    """Split a clause at 、 into items; an item without a figure joins the next one, and a figure
    without a metric (…增长12%、13%以上) joins the previous one."""
    pieces, position = [], 0
    for part in clause.split("、"):
        pieces.append([position, position + len(part)])
        position += len(part) + 1
    merged: list[list[int]] = []
    pending_start = None
    for piece in pieces:
        text = clause[piece[0]:piece[1]]
        match = quantity.search(text)
        if pending_start is not None:
            piece = [pending_start, piece[1]]
            pending_start = None
        if not match:
            pending_start = piece[0]
            continue
        metric = quantity.sub("", text).strip()
        if merged and not metric:
            merged[-1][1] = piece[1]
        else:
            merged.append(piece)
    if pending_start is not None and merged:
        merged[-1][1] = len(clause)
    return [(a, b) for a, b in merged]


def _target(text: str, start: int, end: int, lexicon: Lexicon) -> Candidate | None:
    quantity, prefixes = _patterns(lexicon)
    hedge = None
    while True:
        match = prefixes.match(text, start, end)
        if not match or match.end() == start:
            break
        if match.group(0) in lexicon.target_hedges:
            hedge = match.group(0)
        start = match.end()
    matches = list(quantity.finditer(text, start, end))
    if not matches:
        return None
    if matches[0].start() == start:  # the figure comes first: 8000家中小企业“上云”
        span_end = end
        while span_end > start and text[span_end - 1] in "等的":
            span_end -= 1
    else:
        span_end = matches[-1].end()
    if span_end - start < 3:
        return None
    return Candidate(start, span_end, "TARGET", "target", parse_target(text[start:span_end], lexicon) | {"hedge": hedge})


def parse_target(span: str, lexicon: Lexicon | None = None) -> dict:
    """Metric, value, unit and comparator of a TARGET span.

    >>> parse_target("旅客年吞吐量突破180万人次")["comparator"]
    '>'
    """
    lexicon = lexicon or Lexicon.default()
    quantity, _ = _patterns(lexicon)
    match = quantity.search(span)
    low, _, high = re.sub(r"\s*[—\-–~～至到]\s*", "|", match["number"]).partition("|")
    unit, magnitude = match["unit"], match["magnitude"]  # 万千瓦: 万 and the unit 千瓦
    before, trailer = span[:match.start()], match.group(0)[len(match["number"]):].strip()[len(match["unit"]):]
    comparator = lexicon.target_comparators.get(trailer) if trailer else None
    for word in sorted(lexicon.target_comparators, key=len, reverse=True):
        if before.endswith(word):
            comparator = comparator or lexicon.target_comparators[word]
            before = before[:-len(word)]
            break
    metric = (before or span[match.end():]).rstrip("分别再").strip(" “”\"")
    return {
        "metric": metric or None,
        "value": number_value(low),
        "value_high": number_value(high) if high else None,
        "unit": unit,
        "comparator": comparator or "=",
        # the quantity in the unit without its 万/亿 (1.5亿吨 → 150000000.0 吨)
        "amount": _amount(low, magnitude),
        "base_unit": unit[len(magnitude):],
    }


def _amount(numeral: str, magnitude: str) -> float | None:
    try:
        return number_value(numeral) * (number_value("一" + magnitude) if magnitude else 1.0)
    except ValueError:  # a run of magnitudes cn2an cannot read (亿万)
        return None


def number_value(numeral: str) -> float:
    """The value of an Arabic or Chinese numeral, with 万/亿 magnitudes, read by cn2an.

    >>> [number_value(n) for n in ("150", "1,100", "１２．５", "五百", "千", "两千", "1.5亿", "百亿", "1.2万亿")]
    [150.0, 1100.0, 12.5, 500.0, 1000.0, 2000.0, 150000000.0, 10000000000.0, 1200000000000.0]
    """
    numeral = numeral.replace(",", "").replace("，", "")
    if numeral.isascii():
        try:
            return float(numeral)  # the common case, without importing cn2an
        except ValueError:
            pass
    import cn2an  # 0.2 s to import: only for full-width digits, Chinese numerals and magnitudes

    if numeral[0] in "十百千万亿":
        numeral = "一" + numeral  # 千场, 百亿元: cn2an wants the leading 一
    if numeral.endswith("万亿"):  # cn2an reads 万 and 亿 but not 万亿 (a trillion)
        return float(cn2an.cn2an(numeral[:-1], "smart")) * 1e8
    return float(cn2an.cn2an(numeral, "smart"))
