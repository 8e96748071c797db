"""Relations between the kept mentions.

HAS_MEASURE: the goal heading → each measure heading of its section. SERVES: each PROJECT, PROGRAMME and
TARGET inside a goal's section (not in an overview or sidebar paragraph), its headings included → the
goal heading, with the measure it sits under. LOCATED_IN / INVOLVES come from the analysis of project names. IN_INDUSTRY: a
PROJECT or PROGRAMME and an INDUSTRY of its sentence that the sentence ties it to (:func:`industry_links`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from pipelines.components.candidates import Candidate
from pipelines.structure import Structure

__all__ = ["MentionLink", "goal_links", "industry_links"]

SERVING = {"PROJECT", "PROGRAMME", "TARGET"}
SENTENCE_END = re.compile(r"[。；;！!？?\n]")
DEVELOPMENT_VERB = re.compile(r"(?:着力|全力|加快|大力|重点|积极|培育)?(?:打造|发展|培植)")
CLAUSE_BREAK = re.compile(r"[，,：:]")
SECTOR_AFTER = re.compile(r"(?:[千百万]亿(?:元级?)?)?产业")
IN_INDUSTRY_LABELS = frozenset({"PROJECT", "PROGRAMME", "INDUSTRY"})


@dataclass(frozen=True)
class MentionLink:
    head: int  # indexes into the kept mentions
    tail: int
    type: str
    measure: int | None = None


def goal_links(mentions: list[Candidate], structure: Structure) -> list[MentionLink]:
    index = {(c.start, c.end, c.label): i for i, c in enumerate(mentions)}
    links = []
    for section in structure.sections:
        goal = index.get((section.goal.start, section.goal.end, "GOAL"))
        if goal is None:
            continue
        for measure, _, _ in section.measures:
            measure_index = index.get((measure.start, measure.end, "MEASURE"))
            if measure_index is not None:
                links.append(MentionLink(goal, measure_index, "HAS_MEASURE"))
    for i, mention in enumerate(mentions):
        if mention.label not in SERVING:  # a name inside a goal or measure heading serves that goal too
            continue
        context = structure.context_at(mention.start)
        if context is None:
            continue
        goal_heading, measure_heading = context
        goal = index.get((goal_heading.start, goal_heading.end, "GOAL"))
        if goal is None:
            continue
        measure = (index.get((measure_heading.start, measure_heading.end, "MEASURE"))
                   if measure_heading else None)
        links.append(MentionLink(i, goal, "SERVES", measure))
    return links


def _opens_with_development_verb(text: str, offset: int) -> bool:
    clause_start = max(text.rfind(ch, 0, offset) for ch in "，,。；;：:\n") + 1
    return bool(DEVELOPMENT_VERB.match(text, clause_start))


def industry_links(mentions: list[Candidate], text: str, nested: set[int]) -> list[MentionLink]:
    """IN_INDUSTRY between the projects and programmes of a sentence and the industries it ties them to: the
    sentence's topic (an industry in its first clause, before the project: 做强现代石化支柱产业，…以乙烯、
    己内酰胺等项目为龙头), an industry in the project's own clause (氢能商用车、高性能电机等“尖刀”技术攻关), and
    the industry that a closing clause develops (…等项目，培植旅游千亿产业). Other industries of the sentence,
    listed in clauses of their own, are what the sentence also develops, not what its projects are about."""
    starts = [m.end() for m in SENTENCE_END.finditer(text)]
    by_sentence: dict[int, list[int]] = {}
    for i, mention in enumerate(mentions):
        if i in nested or mention.label not in IN_INDUSTRY_LABELS:
            continue
        by_sentence.setdefault(bisect.bisect_right(starts, mention.start), []).append(i)
    links = []
    for sentence, members in by_sentence.items():
        heads = [i for i in members if mentions[i].label != "INDUSTRY"]
        industries = [i for i in members if mentions[i].label == "INDUSTRY"]
        if not heads or not industries:
            continue
        begin = starts[sentence - 1] if sentence else 0
        breaks = [m.start() for m in CLAUSE_BREAK.finditer(text, begin, starts[sentence] if sentence < len(starts)
                                                           else len(text))]
        clause = {i: bisect.bisect_left(breaks, mentions[i].start) for i in members}
        last = len(breaks)
        closing_industries = [t for t in industries if clause[t] == last]
        for h in heads:
            for t in industries:
                topic = clause[t] == 0 and mentions[t].end <= mentions[h].start
                closing = (clause[t] == last and clause[t] > clause[h] and len(closing_industries) == 1
                           and _opens_with_development_verb(text, mentions[t].start)
                           and SECTOR_AFTER.match(text, mentions[t].end) is not None)
                if topic or clause[t] == clause[h] or closing:
                    links.append(MentionLink(h, t, "IN_INDUSTRY"))
    return links
