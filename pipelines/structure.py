"""The section tree of a planning document: goals, the measures under them, and what belongs to neither.

Two layouts are recognised:

* press interpretations: ``关键词 产业强市`` opens a goal section, ``目标：…`` belongs to it, and
  ``措施一：聚焦聚力先进制造业`` opens a measure inside it;
* national reports: ``（三）依靠创新推动实体经济高质量发展，培育壮大新动能。`` opens a goal section (the
  name runs from after the ordinal to the first 。) and a short topic sentence that opens a paragraph
  (``提升科技创新能力。``) names a measure.

Inside a section, a paragraph that names two or more goals (an overview) or that mostly repeats text
found elsewhere in the document (a sidebar or summary box) belongs to no section (GUIDELINES,
"Sections").

>>> s = parse_structure("关键词 产业强市\\n\\n措施一：聚焦聚力先进制造业\\n\\n加快比亚迪智能制造产业园建设。")
>>> [h.name for h in s.headings]
['产业强市', '聚焦聚力先进制造业']
>>> s.context_at(30)[1].name
'聚焦聚力先进制造业'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["Heading", "Section", "Structure", "parse_structure"]

ORDINAL = "一二三四五六七八九十"
KEYWORD_GOAL = re.compile(
    r"^[ \t]*[【\[]?(?:关键词|关键字)[】\]]?[ \t:：]*(?P<name>[^\s:：，。,【】][^\n]{0,24}?)[ \t]*$", re.M)
NUMBERED_GOAL = re.compile(rf"^[ \t]*[（(][{ORDINAL}]+[）)][ \t]*(?P<name>[^。\n]{{2,80}})(?:。|$)", re.M)
KEYWORD_MEASURE = re.compile(
    rf"^[ \t]*[【\[]?(?:措施|举措|路径|任务)[{ORDINAL}0-9０-９]+[】\]]?[ \t]*[:：]?[ \t]*(?P<name>[^\s:：][^\n]{{1,39}}?)[ \t]*$",
    re.M)
TOP_LEVEL = re.compile(rf"^[ \t]*(?:[{ORDINAL}]+、|第[{ORDINAL}]+(?:部分|章))", re.M)
TOPIC_SENTENCE = re.compile(r"[ \t\u3000]*(?P<name>[^，,。；;：:？?！!\n“”\"（）()]{3,24})。")
QUOTES = "“”\"'‘’「」『』"
# A paragraph whose characters are mostly covered by text repeated elsewhere is a sidebar or summary.
REPEAT_NGRAM = 8
REPEAT_COVERAGE = 0.7
CLAUSE_SPLIT = re.compile(r"[，,。；;：:！!？?]")
MAX_HEADING_LINE = 90
REVIEW_HEADING = re.compile(r"回顾|成就|过去|基本总结|执行情况|决算")


@dataclass(frozen=True)
class Heading:
    kind: str  # "goal" or "measure"
    name: str
    start: int  # offsets of the name inside the text
    end: int


@dataclass
class Section:
    goal: Heading
    start: int
    end: int
    measures: list[tuple[Heading, int, int]] = field(default_factory=list)


@dataclass
class Structure:
    sections: list[Section]
    excluded: list[tuple[int, int]]
    style: str  # "keyword", "numbered" or "none"
    review_spans: list[tuple[int, int]] = field(default_factory=list)  # parts that report what was done

    @property
    def headings(self) -> list[Heading]:
        out = []
        for section in self.sections:
            out.append(section.goal)
            out.extend(measure for measure, _, _ in section.measures)
        return out

    @property
    def goal_names(self) -> list[str]:
        return [section.goal.name for section in self.sections]

    def context_at(self, offset: int) -> tuple[Heading, Heading | None] | None:
        """(goal, measure or None) for a mention at ``offset``; None outside every section."""
        if any(start <= offset < end for start, end in self.excluded):
            return None
        for section in self.sections:
            if section.start <= offset < section.end:
                for measure, start, end in section.measures:
                    if start <= offset < end:
                        return section.goal, measure
                return section.goal, None
        return None


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append((start, end))
        start = end + 1
    return spans


def _goal_headings(text: str) -> tuple[str, list[Heading]]:
    keyword = [Heading("goal", m["name"].strip(QUOTES), m.start("name"), m.end("name"))
               for m in KEYWORD_GOAL.finditer(text)]
    if keyword:
        return "keyword", [_unquote(h, text) for h in keyword]
    numbered = []
    for match in NUMBERED_GOAL.finditer(text):
        line_end = text.find("\n", match.start())
        line_end = len(text) if line_end < 0 else line_end
        if line_end - match.start() <= MAX_HEADING_LINE:
            numbered.append(Heading("goal", match["name"].strip(), match.start("name"), match.end("name")))
    return ("numbered", numbered) if numbered else ("none", [])


def _unquote(heading: Heading, text: str) -> Heading:
    """Quotation marks around a keyword heading are not part of the goal's name."""
    start, end = heading.start, heading.end
    while start < end and text[start] in QUOTES:
        start += 1
    while end > start and text[end - 1] in QUOTES:
        end -= 1
    return Heading(heading.kind, text[start:end], start, end)


def _section_ends(text: str, goals: list[Heading]) -> list[int]:
    tops = [m.start() for m in TOP_LEVEL.finditer(text)]
    ends = []
    for index, goal in enumerate(goals):
        limit = goals[index + 1].start if index + 1 < len(goals) else len(text)
        limit = min([t for t in tops if goal.end < t < limit], default=limit)
        ends.append(limit)
    return ends


def _measures(text: str, section: Section, style: str) -> None:
    body_start = text.find("\n", section.goal.end)
    body_start = section.end if body_start < 0 else body_start
    found: list[Heading] = []
    if style == "keyword":
        for match in KEYWORD_MEASURE.finditer(text, body_start, section.end):
            found.append(Heading("measure", match["name"].strip(), match.start("name"), match.end("name")))
    else:
        for start, end in _lines(text[:section.end]):
            if start <= body_start:
                continue
            match = TOPIC_SENTENCE.match(text, start, end)
            if match and match.end() < end:  # the paragraph goes on after its topic sentence
                found.append(Heading("measure", match["name"].strip(), match.start("name"), match.end("name")))
    for index, heading in enumerate(found):
        end = found[index + 1].start if index + 1 < len(found) else section.end
        line_start = text.rfind("\n", 0, heading.start) + 1
        section.measures.append((heading, line_start, end))


def _excluded_paragraphs(text: str, sections: list[Section], goal_names: list[str]) -> list[tuple[int, int]]:
    heading_spans = {(s.goal.start, s.goal.end) for s in sections}
    heading_spans |= {(m.start, m.end) for s in sections for m, _, _ in s.measures}
    probes = Counter(probe for clause in CLAUSE_SPLIT.split(text) for probe in _probes(clause.strip()))
    excluded = []
    for start, end in _lines(text):
        if not any(s.start <= start < s.end for s in sections):
            continue
        if any(start <= hs and he <= end for hs, he in heading_spans):
            continue
        paragraph = text[start:end]
        if sum(1 for name in set(goal_names) if name in paragraph) >= 2:
            excluded.append((start, end))
        elif _repeated_coverage(paragraph, probes) >= REPEAT_COVERAGE:
            excluded.append((start, end))
    return excluded


def _probes(clause: str) -> set[str]:
    if not clause:
        return set()
    return {clause[:REPEAT_NGRAM], clause[-REPEAT_NGRAM:]} if len(clause) >= REPEAT_NGRAM else {clause}


def _repeated_coverage(paragraph: str, probes: Counter) -> float:
    """Share of the paragraph's characters in clauses that open or close (REPEAT_NGRAM characters) like
    a clause elsewhere in the document: a sidebar repeats the running text."""
    if len(paragraph) < 2 * REPEAT_NGRAM:
        return 0.0
    clauses = [c.strip() for c in CLAUSE_SPLIT.split(paragraph) if c.strip()]
    own = Counter(probe for clause in clauses for probe in _probes(clause))
    covered = sum(len(c) for c in clauses if any(probes[p] > own[p] for p in _probes(c)))
    total = sum(len(c) for c in clauses)
    return covered / total if total else 0.0


def parse_structure(text: str) -> Structure:
    style, goals = _goal_headings(text)
    sections = []
    for goal, end in zip(goals, _section_ends(text, goals), strict=True):
        line_start = text.rfind("\n", 0, goal.start) + 1
        section = Section(goal, line_start, end)
        _measures(text, section, style)
        sections.append(section)
    excluded = _excluded_paragraphs(text, sections, [g.name for g in goals])
    return Structure(sections, excluded, style, _review_spans(text))


def _review_spans(text: str) -> list[tuple[int, int]]:
    """Top-level parts whose heading says they look back (一、2018年工作回顾): figures there are
    achieved, not planned, so they are no TARGETs."""
    tops = [(m.start(), text.find("\n", m.start())) for m in TOP_LEVEL.finditer(text)]
    spans = []
    for index, (start, line_end) in enumerate(tops):
        heading = text[start:line_end if line_end >= 0 else len(text)]
        if len(heading) <= MAX_HEADING_LINE and REVIEW_HEADING.search(heading):
            end = tops[index + 1][0] if index + 1 < len(tops) else len(text)
            spans.append((start, end))
    return spans
