"""One grammar of headings, shared by layout repair (:mod:`pipelines.layout`) and the section parser
(:mod:`pipelines.structure`).

A government work report is read as lines (paragraphs). A line may open

* a **part**: ``一、2024年工作安排``, ``第二部分``, or an unnumbered title line such as ``2023年工作回顾``;
* a **section**: ``（三）依靠创新推动实体经济高质量发展，培育壮大新动能。`` — the heading runs from after
  the ordinal to the first 。 (its introduction may follow in the same paragraph) or to the end of the
  line when it has no 。;
* a **keyword** goal or measure of a press interpretation: ``关键词 产业强市``, ``措施一：…``;
* a **measure**: the short topic sentence that opens a paragraph (``提升科技创新能力。…``), possibly
  after ``——``, an indent of (full-width) spaces or ``第一，``;
* a **sub-point**: ``一是…``, ``二要…`` — never a measure.

The lexical part (which titles look back, which frame the year's work, running headers, glossaries)
is in ``pipelines/data/headings.txt``.

>>> name_end("（三）依靠创新推动实体经济高质量发展，培育壮大新动能。发挥…", 3, 30)
26
>>> text = "——加强科技创新引领。积极营造良好创新生态。"
>>> start, end = topic_sentence(text, 0, len(text))
>>> text[start:end]
'加强科技创新引领'
>>> topic_sentence("一是加大技术改造力度。用好技改专项资金。", 0, 20) is None
True
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.lexicon import data_text

__all__ = [
    "ORDINAL",
    "PART",
    "SECTION",
    "KEYWORD_GOAL",
    "KEYWORD_GOAL_RUN_IN",
    "KEYWORD_MEASURE",
    "LINE_HEADING",
    "MAX_NAME",
    "MAX_TOPIC",
    "SENTENCE_END",
    "LOST_BREAKS_CHARS",
    "TAIL_PART",
    "rule",
    "name_end",
    "topic_sentence",
    "inline_topics",
    "is_title_line",
    "title_year",
]

ORDINAL = "一二三四五六七八九十"
# Spaces of every kind that indent a paragraph (layout turns the ideographic space into " ").
INDENT = " \t\u3000\u00a0"
PART = re.compile(rf"[{INDENT}]*(?:[{ORDINAL}]+[、．]|第[{ORDINAL}]+(?:部分|章|篇)[{INDENT}、，,：:]*)")
SECTION = re.compile(rf"[{INDENT}]*[（(][{ORDINAL}]+[）)][{INDENT}]*")
KEYWORD_GOAL = re.compile(
    r"^[ \t]*[【\[]?(?:关键词|关键字)[】\]]?[ \t:：]*\n?[ \t]*(?P<name>[^\s:：，。,【】][^\n]{0,24}?)[ \t]*$", re.M)
# The same heading run into its text, in a copy that lost its line breaks (关键词 产业强市目标:坚持…): the name runs
# to the 目标 or 措施 that follows it, or to a space.
KEYWORD_GOAL_RUN_IN = re.compile(
    rf"[【\[]?(?:关键词|关键字)[】\]]?[ \t:：]*(?P<name>[^\s:：，。,【】]{{2,12}}?)"
    rf"(?=[ \t]*(?:目标[ \t]*[:：]|措施[{ORDINAL}0-9０-９]+[ \t]*[:：])|[ \t])")
KEYWORD_MEASURE = re.compile(
    rf"^[ \t]*[【\[]?(?:措施|举措|路径|任务)[{ORDINAL}0-9０-９]+[】\]]?[ \t]*[:：]?[ \t]*"
    r"(?P<name>[^\s:：][^\n]{1,39}?)[ \t]*$", re.M)
# What may stand before a measure's topic sentence: a dash, 第一，, 1. or （1）, ①.
MEASURE_PREFIX = re.compile(
    rf"[{INDENT}]*(?:—{{1,2}}|－{{1,2}}|第[{ORDINAL}]+[，,、]|\d{{1,2}}[.．、](?!\d)|[（(]\d{{1,2}}[）)]|[①-⑳])?[{INDENT}]*")
# A line opening with one of these is a heading or sub-point: layout repair never joins it to its neighbours.
LINE_HEADING = re.compile(
    rf"[{INDENT}]*(?:关键词|关键字|目标\s*[:：]|措施[{ORDINAL}0-9]+\s*[:：]|[{ORDINAL}]+、|[（(][0-9{ORDINAL}]+[）)]"
    rf"|第[{ORDINAL}]+(?:[章节篇]|部分)|第[{ORDINAL}]+[，,、]|[{ORDINAL}]+[是要](?=[\u4e00-\u9fff])|\d{{1,2}}[、．.](?!\d))")

# A heading's name (to the first 。 or the end of its line) is at most this long; longer is running text.
MAX_NAME = 80
# A measure's topic sentence is at most this long; with one comma, at most MAX_TOPIC_COMMA.
MAX_TOPIC = 40
MAX_TOPIC_COMMA = 26
MIN_TOPIC = 3
SENTENCE_END = "。！？!?"
# A text with fewer line breaks than one per this many characters lost them (city-泸州-2024 has none; city-潍坊-2024
# and city-枣庄-2024 printed a space in their place): layout repair and the section parser read it differently.
LOST_BREAKS_CHARS = 1000
# A part's title at the end of a line, after the sentence that ends the part before it (…“七连冠”。三、全面加强政府
# 自身建设: a source whose line breaks were spaces, and the space before this title was lost).
TAIL_PART = re.compile(rf"(?<=[。！？!?])[{ORDINAL}]+、[^\s，,。！？!?：:；;]{{4,20}}$")
# Characters a topic sentence never holds: it names a measure, it does not list, define or quote.
_NOT_IN_TOPIC = re.compile(r"[：:；;…（）()《》\[\]【】]")
_COMMA = re.compile(r"[，,]")
# A figure: what a sentence of a run-in paragraph that holds one states is a target or a deed (新改建农村公路406公里。,
# 承办省级以上体育赛事60项。), not a measure's topic (no MEASURE of the gold files holds a digit; review of city-潍坊-2024);
# not one inside quotes, a programme's code (实施项目招引“4833”工程。, city-淮安-2024)
_FIGURE = re.compile(r"[0-9０-９]")
_QUOTED = re.compile(r"“[^“”]*”")
# Sub-points run into a paragraph (…。一是持续壮大乡村产业。…。二是大力推进乡村建设。…; city-菏泽-2024): the GUIDELINES make
# no MEASURE of them nor of the sentences inside them (review of city-菏泽-2024)
_RUN_IN_SUBPOINT = re.compile(r"(?:^|(?<=[。；！？]))[一二三四五六七八九十]是")
MIN_RUN_IN_SUBPOINTS = 2
_TITLE_PUNCT = re.compile(r"[，,。；;：:！!？?、．.（）()“”\"《》]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_YEAR = re.compile(r"(?:19|20)\d\d(?=\s*年)")


@cache
def _rules() -> dict[str, re.Pattern[str]]:
    alternatives: dict[str, list[str]] = {}
    for raw in data_text("headings.txt").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        kind, _, pattern = line.partition(":")
        alternatives.setdefault(kind.strip(), []).append(f"(?:{pattern.strip()})")
    return {kind: re.compile("|".join(patterns)) for kind, patterns in alternatives.items()}


def rule(kind: str) -> re.Pattern[str]:
    """The compiled rule of one kind of ``headings.txt`` (review, frame, glossary, noise, jump, aside, subpoint)."""
    return _rules()[kind]


def name_end(text: str, start: int, end: int) -> int | None:
    """End of a heading's name that starts at ``start`` in the line ``[start, end)``: the first 。！？
    or the end of the line; None when that is longer than :data:`MAX_NAME` or holds no CJK text."""
    stop = end
    for index in range(start, end):
        if text[index] in SENTENCE_END:
            stop = index
            break
    while stop > start and text[stop - 1] in INDENT:
        stop -= 1
    if stop - start > MAX_NAME or not _CJK.search(text, start, stop):
        return None
    return stop


def topic_sentence(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The topic sentence opening the paragraph ``[start, end)``, without its 。, or None.

    The paragraph may open with an indent, a dash (——), 第一， or 1.; it must not be a sub-point
    (一是…); the sentence is short, holds at most one comma (then shorter still) and no colon,
    semicolon, brackets or ellipsis.
    """
    prefix = MEASURE_PREFIX.match(text, start, end)
    begin = prefix.end() if prefix else start
    if rule("subpoint").match(text[begin:end]):
        return None
    stop = -1
    for index in range(begin, min(end, begin + MAX_TOPIC + 1)):
        if text[index] in SENTENCE_END:
            stop = index
            break
    if stop < 0 or not _is_topic(text[begin:stop]):
        return None
    return begin, stop


def _is_topic(sentence: str) -> bool:
    if not MIN_TOPIC <= len(sentence) <= MAX_TOPIC or _NOT_IN_TOPIC.search(sentence):
        return False
    if not _CJK.match(sentence) and sentence[0] not in "“\"‘":
        return False
    commas = len(_COMMA.findall(sentence))
    return commas == 0 or (commas == 1 and len(sentence) <= MAX_TOPIC_COMMA)


# Topic sentences of one comma longer than MAX_TOPIC_COMMA are taken where the paragraphs of a section open in parallel
# (积极扩大有效益的投资，聚焦… / 充分激发有潜能的消费，聚焦…): at most this long, their second clauses opening on the
# same PARALLEL_KEY characters, in PARALLEL_MIN paragraphs at least.
MAX_PARALLEL_TOPIC = 50
PARALLEL_KEY = 2
PARALLEL_MIN = 2


def parallel_topic_key(text: str, start: int, end: int) -> tuple[tuple[int, int], str] | None:
    """The opening sentence of the paragraph ``[start, end)`` (without its 。) and the first characters of its
    second clause, where that sentence has one comma and is at most :data:`MAX_PARALLEL_TOPIC` characters long
    (a topic sentence but for its length, or one already short enough). A section whose paragraphs open on such
    sentences sharing the key names its measures with them, the longer ones too (city-贺州-2024: 提升中心城区品质形象，不断强化… / 推动县域经济提档升级，不断强化…).

    >>> text = "积极扩大有效益的投资，聚焦重大战略、规划、政策开展项目谋划储备。实施“三个千亿”工程。"
    >>> parallel_topic_key(text, 0, len(text))
    ((0, 31), '聚焦')
    >>> text = "在农业连年丰收、农产品相对过剩的情况下，尤其要防止放松农业的倾向。当前…"
    >>> parallel_topic_key(text, 0, len(text))[1]  # alone in its section, no measure (train-national-01's gold)
    '尤其'
    >>> parallel_topic_key("推进农业现代化。", 0, 8) is None  # a topic sentence as it stands
    True
    """
    prefix = MEASURE_PREFIX.match(text, start, end)
    begin = prefix.end() if prefix else start
    if rule("subpoint").match(text[begin:end]):
        return None
    stop = next((i for i in range(begin, min(end, begin + MAX_PARALLEL_TOPIC + 1)) if text[i] in SENTENCE_END), -1)
    if stop < 0 or stop + 1 >= end:  # no sentence that short, or the sentence is the whole paragraph
        return None
    sentence = text[begin:stop]
    commas = [m.start() for m in _COMMA.finditer(sentence)]
    if (len(commas) != 1 or _NOT_IN_TOPIC.search(sentence)
            or not _CJK.match(sentence)):
        return None
    key = sentence[commas[0] + 1:commas[0] + 1 + PARALLEL_KEY]
    if len(key) < PARALLEL_KEY or not all(_CJK.match(c) for c in key) or commas[0] < MIN_TOPIC:
        return None
    return (begin, stop), key


def inline_topics(text: str, start: int, end: int, max_length: int = 26) -> list[tuple[int, int]]:
    """Short sentences without a comma inside a run-in paragraph ``[start, end)``: the topic sentences
    of measures whose paragraph breaks the source lost (heading, introduction and measures in one
    paragraph). The first sentence is the introduction's and is never taken, nor one that holds a figure; a
    paragraph of sub-points (一是…。二是…) has none.

    >>> text = "坚持项目为王，加快建设。提升乡村产业发展水平。建设高标准农田。新改建农村公路406公里。实施“4833”工程。"
    >>> [text[a:b] for a, b in inline_topics(text, 0, len(text))]
    ['提升乡村产业发展水平', '建设高标准农田', '实施“4833”工程']
    """
    if len(_RUN_IN_SUBPOINT.findall(text, start, end)) >= MIN_RUN_IN_SUBPOINTS:
        return []  # 一是持续壮大乡村产业。…二是大力推进乡村建设。…: what the paragraph holds are sub-points, no measures
    spans, begin, first = [], start, True
    for index in range(start, end):
        if text[index] not in SENTENCE_END:
            continue
        sentence_start = begin
        while sentence_start < index and text[sentence_start] in INDENT:
            sentence_start += 1
        sentence = text[sentence_start:index]
        if (not first and len(sentence) <= max_length and not _COMMA.search(sentence)
                and not _FIGURE.search(_QUOTED.sub("", sentence))
                and not rule("subpoint").match(sentence) and _is_topic(sentence)):
            spans.append((sentence_start, index))
        first = False
        begin = index + 1
    return spans


def is_title_line(line: str) -> bool:
    """An unnumbered part title on a line of its own (``2024年工作安排``, ``全面加强政府自身建设``):
    short, no punctuation, not a running header."""
    stripped = line.strip(INDENT)
    return (4 <= len(stripped) <= 30 and not _TITLE_PUNCT.search(stripped) and bool(_CJK.search(stripped))
            and (bool(_CJK.match(stripped)) or stripped[0].isdigit())
            and not PART.match(stripped) and not rule("noise").search(stripped)
            and not rule("subpoint").match(stripped))


def title_year(title: str) -> int | None:
    """The year a part title names (``2023年工作回顾`` → 2023), if any."""
    match = _YEAR.search(title)
    return int(match.group()) if match else None
