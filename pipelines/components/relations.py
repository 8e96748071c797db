"""Relations between the kept mentions.

HAS_MEASURE: the goal heading → each measure heading of its section. SERVES: each PROJECT, PROGRAMME and
TARGET inside a goal's section (not in an overview or sidebar paragraph), its headings included → the
goal heading, with the measure it sits under. LOCATED_IN / INVOLVES come from the analysis of project names. IN_INDUSTRY: a
PROJECT or PROGRAMME and an INDUSTRY named in the same sentence.
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
DEVELOPMENT_VERB = re.compile(r"(?:着力|全力|加快|大力|重点|积极|培育)?(?:打造|发展)")


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
    """A clause that opens with its own development verb (打造…, 加快发展…) names what it develops, not
    what the programme or project of a neighbouring clause is about, so its industries are not tied."""
    starts = [m.end() for m in SENTENCE_END.finditer(text)]
    by_sentence: dict[int, list[int]] = {}
    for i, mention in enumerate(mentions):
        if i in nested:
            continue
        if mention.label == "INDUSTRY" and _opens_with_development_verb(text, mention.start):
            continue
        sentence = bisect.bisect_right(starts, mention.start)
        by_sentence.setdefault(sentence, []).append(i)
    links = []
    for members in by_sentence.values():
        heads = [i for i in members if mentions[i].label in {"PROJECT", "PROGRAMME"}]
        industries = [i for i in members if mentions[i].label == "INDUSTRY"]
        links += [MentionLink(h, t, "IN_INDUSTRY") for h in heads for t in industries]
    return links
