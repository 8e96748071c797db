"""Stage, hedge, investment and capacity of a PROJECT mention, read from the words of its clause.

A report says where a project stands in the words around its name: 开工建设亳郸高速, 加快…等项目建设,
…等项目建成投用, 做好…前期工作. Only the clause holding the mention is read (at most ``WINDOW`` characters
either side, up to the nearest ，。；： or line break), with precompiled patterns, so this costs little
beside the rest of the pipeline. What it finds describes this mention in this document, not the project
for good: the stores keep it on the mention, so a project has one such record per document.

>>> text = "开工建设亳郸高速项目，推进涡利高速前期工作。"
>>> project_status(text, 4, 8)
{'stage': '开工', 'stage_cue': '开工建设'}
>>> project_status(text, 13, 17)
{'stage': '谋划', 'stage_cue': '前期工作'}
>>> project_status("加快建设总投资50亿元的衡阳综合物流园。", 12, 19)["investment"]
{'amount': 50.0, 'unit': '亿元', 'value_yuan': 5000000000.0, 'text': '总投资50亿元'}
"""

from __future__ import annotations

import functools
import re
from typing import Any

from pipelines.components.targets import NUMBER, number_value
from pipelines.lexicon import read_list, read_table, word_pattern

__all__ = ["project_status", "STAGES", "WINDOW"]

STAGES = ("谋划", "签约", "开工", "续建", "建成", "竣工", "投产")
GENERIC_STAGE = "续建"  # the progress verbs (加快, 推进, 建设): any specific stage in the clause beats it
WINDOW = 80  # characters read on each side of the mention (a long list shares the predicate after it)
AMOUNT_REACH = 32  # 总投资超过1,234.5亿元以上的“ is 22
BREAKS = "，,。；;！!？?：:\n"
_BREAK = re.compile(rf"[{BREAKS}]")
_RIGHT_CLAUSE = re.compile(rf"[^{BREAKS}]*")
# What may stand between a name and its predicate: 龙电华鑫等项目投产, 甬舟铁路项目正式开工
_FILLER = re.compile(r"[”\"」]?(?:等|一批|重大|重点|产业|项目|工程|正式|顺利|全面|均|已|相继|陆续|先后|成功|基本|全部|即将|将)*")
_JOINER = re.compile(r"[并和及]?")
_MAGNITUDE = {"": 1.0, "万": 1e4, "亿": 1e8, "万亿": 1e12}
_INVESTMENT = (rf"(?P<investment>(?:总投资|投资总额|计划投资|投资)额?(?:约|达|超过|超|近|逾|高达|为)?\s*(?P<number>{NUMBER})\s*"
               rf"(?P<unit>(?P<magnitude>万亿|万|亿)?(?P<currency>美元|元)))")
# 总投资50亿元的衡阳综合物流园 | 衡阳综合物流园项目，总投资50亿元 | …项目（总投资50亿元）
_INVESTMENT_BEFORE = re.compile(_INVESTMENT + r"(?:以上|左右)?的?[“\"「]?$")
_INVESTMENT_AFTER = re.compile(r"[”\"」]?(?:等?项目|工程)?[，,（(]?" + _INVESTMENT)
_CAPACITY_UNITS = ("千瓦时", "千瓦", "兆瓦", "吉瓦", "GW", "MW", "kW", "KW", "千伏安", "吨", "辆", "台", "套", "件",
                   "片", "标箱", "TEU", "头", "羽", "平方米", "立方米", "张", "颗", "块", "公斤")
# 年产30万吨 | 装机容量100万千瓦 | 2×66万千瓦 (a power unit needs no lead-in word)
_CAPACITY = re.compile(
    rf"(?:(?P<lead>年产能?|年处理(?:能力)?|年加工|产能|装机(?:容量|规模)?|年吞吐(?:量|能力)?)(?:约|达|为)?\s*"
    rf"|(?P<count>[0-9]+)\s*[×xX*]\s*)?"
    rf"(?P<number>{NUMBER})\s*(?P<unit>(?P<magnitude>万|亿)?(?P<base>{'|'.join(_CAPACITY_UNITS)}))")
_POWER_UNITS = {"千瓦时", "千瓦", "兆瓦", "吉瓦", "GW", "MW", "kW", "KW", "千伏安"}


@functools.cache
def _patterns() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str]]:
    stages = read_table("project_stages.txt")
    unknown = set(stages.values()) - set(STAGES)
    if unknown:
        raise ValueError(f"project_stages.txt names unknown stages: {sorted(unknown)}")
    # 陆续建成: 续建 must not start inside 陆续 (…等项目陆续建成投产)
    return (re.compile("(?<!陆)" + word_pattern(stages)), stages,
            re.compile(word_pattern(read_list("project_hedges.txt"))))


def project_status(text: str, start: int, end: int) -> dict[str, Any]:
    """The attributes of the PROJECT mention ``text[start:end]``: ``stage`` and the ``stage_cue`` it was read
    from, ``hedge``, ``investment`` {amount, unit, value_yuan | value_usd, text} and ``capacity``
    {amount, unit, value, base_unit, text}; only the keys found."""
    cues, stage_of, hedges = _patterns()
    clause_start = max(0, start - WINDOW)
    for found in _BREAK.finditer(text, clause_start, start):  # the last break before the name
        clause_start = found.end()
    clause_end = _RIGHT_CLAUSE.match(text, end, min(len(text), end + WINDOW)).end()
    attrs: dict[str, Any] = {}
    left = _last(cues.finditer(text, clause_start, start))  # the nearest before the name
    right = cues.search(text, end, clause_end)
    if right is not None and stage_of[right.group(0)] == GENERIC_STAGE:
        # 加快核准, 加快推进并投产: a specific stage right after the progress verb is what it speeds up
        after = cues.match(text, _JOINER.match(text, right.end(), clause_end).end(), clause_end)
        right = after if after is not None and stage_of[after.group(0)] != GENERIC_STAGE else right
    chosen = _choose(left, start, right, end, stage_of)
    if chosen is not None:
        attrs["stage"], attrs["stage_cue"] = stage_of[chosen.group(0)], chosen.group(0)
    hedge_end = chosen.start() if chosen is not None and chosen.start() > end else start
    hedge = _last(hedges.finditer(text, clause_start, hedge_end))
    if hedge is None and hedge_end > start:
        hedge = hedges.search(text, end, hedge_end)
    if hedge is not None:
        attrs["hedge"] = hedge.group(0)
    # an amount joined to the name is short: look only at the last AMOUNT_REACH characters before it
    near = max(clause_start, start - AMOUNT_REACH)
    investment = (_INVESTMENT_BEFORE.search(text, near, start)
                  or _INVESTMENT_AFTER.match(text, end, min(len(text), end + WINDOW)))
    if investment is not None and (value := _investment(investment)):
        attrs["investment"] = value
    for capacity in _CAPACITY.finditer(text, near, end):
        if capacity.end() >= start - 2 and (capacity["lead"] or capacity["count"] or capacity["base"] in _POWER_UNITS):
            if value := _capacity(capacity):
                attrs["capacity"] = value
            break
    return attrs


def _last(matches) -> re.Match[str] | None:
    found = None
    for found in matches:  # noqa: B007 (the loop only runs to the end)
        pass
    return found


def _choose(left: re.Match[str] | None, start: int, right: re.Match[str] | None, end: int,
            stage_of: dict[str, str]) -> re.Match[str] | None:
    """The cue that decides: a specific stage beats the generic one; between equals, the nearer."""
    found = [cue for cue in (left, right) if cue is not None]
    if not found:
        return None
    specific = [cue for cue in found if stage_of[cue.group(0)] != GENERIC_STAGE]
    candidates = specific or found
    if right in candidates and _FILLER.fullmatch(right.string, end, right.start()):
        return right  # …等项目投产: the predicate right after the name is the name's own
    return min(candidates, key=lambda cue: start - cue.end() if cue.end() <= start else cue.start() - end)


def _amount(number: str, magnitude: str | None) -> tuple[float, float] | None:
    low = re.split(r"\s*[—\-–~～至到]\s*", number)[0]
    try:
        value = number_value(low)
    except ValueError:
        return None
    return value, value * _MAGNITUDE[magnitude or ""]


def _investment(match: re.Match[str]) -> dict[str, Any] | None:
    parsed = _amount(match["number"], match["magnitude"])
    if parsed is None:
        return None
    amount, value = parsed
    key = "value_yuan" if match["currency"] == "元" else "value_usd"
    return {"amount": amount, "unit": match["unit"], key: value, "text": match["investment"]}


def _capacity(match: re.Match[str]) -> dict[str, Any] | None:
    parsed = _amount(match["number"], match["magnitude"])
    if parsed is None:
        return None
    amount, value = parsed
    if match["count"]:  # 2×66万千瓦: two units of 66万千瓦 each
        amount, value = amount * int(match["count"]), value * int(match["count"])
    return {"amount": amount, "unit": match["unit"], "value": value, "base_unit": match["base"],
            "text": match.group(0)}
