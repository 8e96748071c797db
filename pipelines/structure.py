"""The section tree of a planning document: goals, the measures under them, and what belongs to neither.

Two families of layout are recognised (the heading grammar is :mod:`pipelines.grammar`):

* press interpretations: ``关键词 产业强市`` opens a goal section, ``目标：…`` belongs to it, and
  ``措施一：聚焦聚力先进制造业`` opens a measure inside it;
* work reports, national and local: parts (``一、2024年工作安排``, or an unnumbered title line) hold
  sections (``（三）依靠创新推动实体经济高质量发展，培育壮大新动能。…``, the name runs from after the
  ordinal to the first 。 or the end of the line). The ``（N）`` headings are the goals; a part without
  them is a goal itself (``一、立稳实体经济重要支柱，夯实高质量发展根基``) unless it frames the year's
  work (``二、2024年工作安排``). Parts that look back (``一、2023年工作回顾``, and every part under such
  a title) hold no goals. A short topic sentence opening a paragraph (``提升科技创新能力。``, also after
  ``——`` or an indent) names a measure; the introduction right after a heading and ``一是…`` sub-points
  do not. When the source lost its paragraph breaks, the measures are the short sentences of the run-in
  paragraph. Running headers, page-jump notes and the glossary at the end are not part of any section.

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

from pipelines.grammar import (
    INDENT,
    KEYWORD_GOAL,
    KEYWORD_GOAL_RUN_IN,
    KEYWORD_MEASURE,
    LOST_BREAKS_CHARS,
    MAX_TOPIC,
    ORDINAL,
    PARALLEL_MIN,
    PART,
    SECTION,
    SENTENCE_END,
    TAIL_PART,
    inline_topics,
    is_title_line,
    name_end,
    parallel_topic_key,
    rule,
    title_year,
    topic_sentence,
)

__all__ = ["Heading", "Section", "Structure", "parse_structure"]

QUOTES = "“”\"'‘’「」『』"
# A paragraph whose characters are mostly covered by text repeated elsewhere is a sidebar or summary.
REPEAT_NGRAM = 8
REPEAT_COVERAGE = 0.7
CLAUSE_SPLIT = re.compile(r"[，,。；;：:！!？?]")
# The first paragraph after a heading that stands alone is its introduction when shorter than this.
INTRO_MAX = 120
# ... and shorter than this share of the typical measure paragraph after it.
INTRO_SHARE = 0.7
# Sections numbered 1. or （1）, where a text has no 一、 or （一） heading (_arabic_sections).
ARABIC_HEADING = re.compile(rf"[{INDENT}]*(?:[（(](?P<paren>\d{{1,2}})[）)]|(?P<point>\d{{1,2}})[.．、](?!\d))[{INDENT}]*")
# How long the opening sentence of a text without numbered headings may be to head it (_unnumbered_section).
UNNUMBERED_NAME = (6, 40)
# jieba's tags of words that open a task heading besides verbs (持续 vd, 积极 ad, 稳步 d, 扎实 a, 深化 j), and openers
# its dictionary tags otherwise (大力 n, 着力 n)
VERB_LIKE_TAGS = frozenset({"d", "ad", "a", "j", "i", "l"})
HEADING_ADVERBS = frozenset({"大力", "着力", "全力", "努力", "奋力", "倾力", "强力", "合力", "全面", "以", "在", "高水平", "高质量",
                             "高标准"})
# ... and of words that open a news report's sentences rather than a measure's (time, pronouns, names, numerals)
SUBJECT_TAGS = frozenset({"t", "r", "nr", "nrfg", "nrt", "ns", "nt", "nz", "m", "q", "tg"})
NEWS_OPENERS = frozenset({"据", "经", "记者", "据悉", "日前", "近日", "今天", "昨天", "目前"})
# A heading paragraph holding at least this much text after the heading runs its measures in.
RUN_IN_MIN = 300
MAX_GLUED_MEASURE = 16  # a measure's topic sentence printed after the heading's 。 on its line is at most this long
MIN_GLUED_MEASURES = 3  # and sections of the report that print one so, at least (the report's layout)
MIN_RUN_IN_KEYWORDS = 2  # 关键词 headings run into one line: two at least, as a press interpretation has
# A line this long holds several paragraphs whose breaks the source lost: headings are found inside it.
RUN_IN_LINE = 2000
# In a text that lost its line breaks (LOST_BREAKS_CHARS) a heading's second clause, this much shorter or longer
# than its first, may end before the 。 that ends the first sentence of its body (_glued_heading_end).
GLUED_CLAUSE = (-2, 6, 2)  # shortest and longest against the first, and the most common
# jieba's tags of the words that open a body's first sentence rather than go on with a heading's clause (牢牢 d,
# 坚定不移 i); not adjectives (重要 of 筑牢长江上游重要生态屏障)
GLUED_OPENER_TAGS = frozenset({"d", "ad", "i", "l"})
# Verbs that never open a task (实体经济|是发展的本钱 goes on with the noun before it)
COPULAS = frozenset({"是", "为", "有"})
COPULAS_OPENING = ("是", "始终是", "就是", "既是", "仍是")  # after a noun: a body's first sentence saying what it is
MAX_COPULA_SUBJECT = 5  # characters of the nouns before it (高质量发展|是)
_RUN_IN_SPLIT = re.compile(
    rf"(?:(?<=[。！？!?：:；;])|(?<=[{INDENT}]))[{INDENT}]*"
    rf"(?=[（(][{ORDINAL}]+[）)]|[{ORDINAL}]+、|第[{ORDINAL}]+部分)")
# A part's title inside such a line ends where its paragraph did (二、2024年政府工作安排 2024年政府工作总的要求是…):
# with its number, if it has one, so that the part keeps its title.
_RUN_IN_TITLE = re.compile(
    rf"(?:(?<=[。！？!?：:；;])|(?<=\s)|^)[ \t]*((?:[{ORDINAL}]+、)?(?:19|20)\d\d年[^\s。，！？：；]{{0,8}}?"
    r"(?:工作回顾|工作安排建议|工作安排|重点工作|主要任务|目标任务))")

# ... and so does a part's title without 。 before the space that stood for its line break (三、全面加强政府自身建设
# 新形势新任务，…), where spaces and not line breaks end the source's paragraphs.
_RUN_IN_PART_TITLE = re.compile(rf"(?<=[。！？!?：:；;\s])[{ORDINAL}]+、[^\s，,。！？!?：:；;]{{4,20}}(?=\s)")


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


@dataclass
class _Block:
    """One paragraph of the text and what the heading grammar makes of it."""

    start: int
    end: int
    kind: str  # "part", "section", "title", "aside", "body"
    name: tuple[int, int] | None = None  # the heading's name, for parts and sections
    ordinal: str = ""
    title: str = ""  # the heading's or title's text
    role: str = ""  # parts and titles: "review", "frame" or ""


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append((start, end))
        start = end + 1
    return spans


def parse_structure(text: str) -> Structure:
    keyword = [Heading("goal", m["name"].strip(QUOTES), m.start("name"), m.end("name"))
               for m in KEYWORD_GOAL.finditer(text)]
    if keyword:
        return _keyword_structure(text, [_unquote(h, text) for h in keyword])
    run_in = list(KEYWORD_GOAL_RUN_IN.finditer(text))
    if len(run_in) >= MIN_RUN_IN_KEYWORDS and "\n" not in text[run_in[0].start():run_in[-1].end()]:
        # a press interpretation copied without its line breaks: the sections are found, their measures are not
        # (措施一：聚焦聚力先进制造业紧紧咬住… does not say where the heading ends)
        goals = [Heading("goal", m["name"].strip(QUOTES), m.start("name"), m.end("name")) for m in run_in]
        return _keyword_structure(text, [_unquote(h, text) for h in goals], [m.start() for m in run_in])
    blocks = _plans_inside_sections(_blocks(text))
    if not any(block.kind in ("part", "section") for block in blocks) and not _arabic_sections(text, blocks):
        _unnumbered_section(text, blocks)
    review = _assign_roles(blocks)
    sections = _numbered_sections(text, blocks)
    excluded = _excluded_paragraphs(text, sections, [s.goal.name for s in sections])
    return Structure(sections, excluded, "numbered" if sections else "none", review)


# -- press interpretations -------------------------------------------------------------------------

def _keyword_structure(text: str, goals: list[Heading], starts: list[int] | None = None) -> Structure:
    """Sections headed by 关键词 lines; ``starts``: where each heading starts, for headings run into the text."""
    tops = [m.start() for m in re.finditer(PART.pattern, text) if _line_start(text, m.start())]
    sections = []
    for index, goal in enumerate(goals):
        limit = goals[index + 1].start if index + 1 < len(goals) else len(text)
        if starts is not None and index + 1 < len(goals):
            limit = starts[index + 1]
        limit = min([t for t in tops if goal.end < t < limit], default=limit)
        start = starts[index] if starts is not None else text.rfind("\n", 0, goal.start) + 1
        section = Section(goal, start, limit)
        body_start = text.find("\n", goal.end)
        body_start = section.end if body_start < 0 else body_start
        found = [Heading("measure", m["name"].strip(), m.start("name"), m.end("name"))
                 for m in KEYWORD_MEASURE.finditer(text, body_start, section.end)]
        for position, heading in enumerate(found):
            end = found[position + 1].start if position + 1 < len(found) else section.end
            section.measures.append((heading, text.rfind("\n", 0, heading.start) + 1, end))
        sections.append(section)
    excluded = _excluded_paragraphs(text, sections, [g.name for g in goals])
    blocks = _blocks(text)
    return Structure(sections, excluded, "keyword", _assign_roles(blocks))


def _line_start(text: str, offset: int) -> bool:
    return offset == 0 or text[offset - 1] == "\n"


def _unquote(heading: Heading, text: str) -> Heading:
    """Quotation marks around a keyword heading are not part of the goal's name."""
    start, end = heading.start, heading.end
    while start < end and text[start] in QUOTES:
        start += 1
    while end > start and text[end - 1] in QUOTES:
        end -= 1
    return Heading(heading.kind, text[start:end], start, end)


# -- work reports ----------------------------------------------------------------------------------

def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines, indent and page-jump notes stripped; an overlong line is split at the headings
    inside it (a source that lost its line breaks), and so is every line of a text that lost them (a section
    of such a report, shorter than an overlong line)."""
    out = []
    run_in = RUN_IN_LINE if text.count("\n") * LOST_BREAKS_CHARS >= len(text) else 0
    for start, end in _lines(text):
        pieces = [(start, end)]
        if end - start > run_in:
            pieces = _split_run_in(text, start, end)
        elif tail := TAIL_PART.search(text[start:end]):  # …“七连冠”。三、全面加强政府自身建设
            pieces = [(start, start + tail.start()), (start + tail.start(), end)]
        for piece_start, piece_end in pieces:
            while piece_start < piece_end:
                jump = rule("jump").match(text[piece_start:piece_end])
                if text[piece_start] in INDENT:
                    piece_start += 1
                elif jump:
                    piece_start += jump.end()
                else:
                    break
            while piece_end > piece_start and text[piece_end - 1] in INDENT:
                piece_end -= 1
            if piece_start < piece_end:
                out.append((piece_start, piece_end))
    return out


def _split_run_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = {m.start() for m in _RUN_IN_SPLIT.finditer(text, start, end)}
    for match in _RUN_IN_TITLE.finditer(text, start, end):
        cuts |= {match.start(1), match.end(1)}
    cuts |= {m.end() for m in _RUN_IN_PART_TITLE.finditer(text, start, end)}
    bounds = sorted(cut for cut in cuts if start < cut < end)
    edges = [start, *bounds, end]
    return [(a, b) for a, b in zip(edges, edges[1:], strict=False) if b > a]


def _blocks(text: str) -> list[_Block]:
    blocks = []
    lost_breaks = text.count("\n") * LOST_BREAKS_CHARS < len(text)
    for start, end in _paragraphs(text):
        line = text[start:end]
        if rule("glossary").search(line) and end - start <= 40:
            break  # an appendix: the report ends here
        if rule("noise").search(line) and end - start <= 60:
            continue
        block = _Block(start, end, "body")
        for kind, pattern in (("section", SECTION), ("part", PART)):
            match = pattern.match(text, start, end)
            if match and match.end() < end:
                stop = name_end(text, match.end(), end)
                if lost_breaks:  # the first sentence, however long: the heading may be glued to its body's
                    sentence = next((at for at in range(match.end(), end) if text[at] in SENTENCE_END), end)
                    glued = _glued_heading_end(text, match.end(), sentence)
                    stop = glued if glued < sentence else stop
                if stop is not None and stop > match.end():
                    block.kind, block.name, block.title = kind, (match.end(), stop), text[match.end():stop]
                    block.ordinal = text[start:match.end()].strip(INDENT + "（()）、．第部分章篇，,：:")
                break
        if block.kind == "body":
            if is_title_line(line):
                block.kind, block.name, block.title = "title", (start, end), line
            elif rule("aside").match(line):
                block.kind = "aside"
            elif rule("plan").match(line):
                block.kind, block.name, block.title, block.role = "title", (start, start), "", "frame"
        blocks.append(block)
    return blocks


def _arabic_sections(text: str, blocks: list[_Block]) -> bool:
    """In a text with no 一、 and no （一） heading, paragraphs numbered with Arabic numerals (1. … / （1）…) head
    the sections, in the numbering that comes first (the other one numbers measures): at least two in sequence
    from 1 on, or from the one that opens the text (a section given on its own, as the gold files give them,
    may open with 3.). True when it made any."""
    candidates = []
    for block in blocks:
        if block.kind != "body":
            continue
        match = ARABIC_HEADING.match(text, block.start, block.end)
        stop = name_end(text, match.end(), block.end) if match else None
        if stop is not None and stop - match.end() >= 4:
            style = "paren" if match["paren"] else "point"
            candidates.append((block, style, int(match["paren"] or match["point"]), match.end(), stop))
    if not candidates:
        return False
    style = candidates[0][1]
    opens_text = not text[:candidates[0][0].start].strip()
    chosen, expected = [], candidates[0][2] if opens_text else 1
    for candidate in candidates:
        if candidate[1] == style and candidate[2] == expected:
            chosen.append(candidate)
            expected += 1
    if len(chosen) < 2 and not (chosen and opens_text):
        return False
    for block, _, number, name_start, name_stop in chosen:
        _as_section(text, block, str(number), name_start, name_stop)
    return True


def _as_section(text: str, block: _Block, ordinal: str, name_start: int, name_stop: int) -> None:
    """Make ``block`` a section heading named by ``text[name_start:name_stop]``."""
    block.kind, block.ordinal, block.name, block.title = "section", ordinal, (name_start, name_stop), text[name_start:name_stop]


def _unnumbered_section(text: str, blocks: list[_Block]) -> None:
    """A text with no numbered heading at all that opens with a heading (a short sentence or line that opens with
    a verb, as task headings do: 深挖国内需求潜力，开拓发展更大空间) over at least two paragraphs whose topic
    sentences open with verbs too is one section whose number was lost (copied out of a web page that numbered it
    with a list's marker, or given on its own): the heading is its goal. A news report opens with its subject or
    a date (比亚迪项目落户衡阳 / 近日，…) and heads no section."""
    if len(blocks) < 3 or blocks[0].kind not in ("body", "title"):
        return
    first = blocks[0]
    stop = _task_heading_end(text, first)
    if stop is None or sum(_task_topic(text, block) is not None for block in blocks[1:]) < 2:
        return
    _as_section(text, first, "", first.start, stop)
    first.role = ""
    if _stands_alone(text, first, stop):
        _later_unnumbered_sections(text, blocks)


def _later_unnumbered_sections(text: str, blocks: list[_Block]) -> None:
    """The later sections of a text whose first section lost its number (:func:`_unnumbered_section`) and whose
    first heading stands alone in its paragraph: a later paragraph that is a task heading alone, as the first, over
    at least one measure whose paragraph goes on after its topic sentence heads a section too (the local dev
    file's wuhu-2024-t1 without its numbers: its second heading, 提升核心竞争力，擦亮“芜湖制造”品牌。, was read as a
    measure of the first). A measure that stands alone has no measure under it, so it heads nothing."""
    candidates = [(index, stop) for index, block in enumerate(blocks[1:], 1)
                  if block.kind in ("body", "title") and (stop := _task_heading_end(text, block)) is not None
                  and _stands_alone(text, block, stop)]
    bounds = [index for index, _ in candidates] + [len(blocks)]
    for (index, stop), following in zip(candidates, bounds[1:], strict=True):
        if any(_measure_with_body(text, block) for block in blocks[index + 1:following]):
            _as_section(text, blocks[index], "", blocks[index].start, stop)


def _task_heading_end(text: str, block: _Block) -> int | None:
    """Where the name ends of a paragraph's opening that reads as a task heading (a name of UNNUMBERED_NAME's length
    that opens with a verb and that ``unnumbered_not`` does not rule out), or None."""
    stop = name_end(text, block.start, block.end)
    if stop is None or not UNNUMBERED_NAME[0] <= stop - block.start <= UNNUMBERED_NAME[1]:
        return None
    if rule("unnumbered_not").search(text, block.start, stop) or not _opens_with_verb(text[block.start:stop]):
        return None
    return stop


def _stands_alone(text: str, block: _Block, stop: int) -> bool:
    """Whether the heading that ends at ``stop`` is the whole of its paragraph (no body after it)."""
    return not text[stop:block.end].strip(INDENT + "。")


def _task_topic(text: str, block: _Block) -> tuple[int, int] | None:
    """The topic sentence a paragraph opens with where it reads as a task's (no news opening, nothing
    ``unnumbered_not`` rules out), or None."""
    span = topic_sentence(text, block.start, block.end) if block.kind == "body" else None
    if span is None or _opens_with_subject(text[span[0]:span[1]]) or rule("unnumbered_not").search(text, *span):
        return None
    return span


def _measure_with_body(text: str, block: _Block) -> bool:
    """A paragraph that opens with a task's topic sentence (:func:`_task_topic`) and goes on after it."""
    span = _task_topic(text, block)
    return span is not None and bool(text[span[1]:block.end].strip(INDENT + "。"))


def _glued_heading_end(text: str, start: int, stop: int) -> int:
    """Where a heading of two clauses ends when the line break after it was lost and the first sentence of its
    body follows without a stop (city-泸州-2024: 聚焦抓项目增效益，持续巩固经济回升势头|大力实施项目投资攻坚行动。):
    after the second clause, about as long as the first (GLUED_CLAUSE), where a word that opens a task begins:
    a heading's adverb (大力, 坚定不移, 着力) rather than a verb (回升 of 经济回升势头), never an adjective (新 of 实现新突破)
    or 是, and not after a word of one character; else where a noun and 是 begin a sentence that says what something
    is (夯实高质量发展根基|实体经济是发展的本钱。, cn-local-dev's yueyang-2024 printed without its line breaks). ``stop`` as
    it is when it reads as one heading."""
    comma = text.find("，", start, stop)
    if comma < 0 or stop - comma - 1 <= comma - start + GLUED_CLAUSE[1]:
        return stop
    from pipelines.segmenter import lcut

    first, second = comma - start, comma + 1
    space = next((index for index in range(second, stop) if text[index] in INDENT), None)
    if space is not None and first + GLUED_CLAUSE[0] <= space - second <= first + GLUED_CLAUSE[1]:
        return space  # a space, or an indent, where the line break was
    position, previous = second, ""
    ends = []
    for word in lcut(text[second:stop], HMM=False):
        if first + GLUED_CLAUSE[0] <= position - second <= first + GLUED_CLAUSE[1] and len(previous) > 1:
            opener, tag = _first_word(text[position:stop])
            if (tag.startswith("v") or tag in GLUED_OPENER_TAGS or opener in HEADING_ADVERBS) and opener not in COPULAS:
                adverb = opener in HEADING_ADVERBS or tag in GLUED_OPENER_TAGS
                ends.append((int(not adverb), abs(position - second - first - GLUED_CLAUSE[2]), -position))
            elif (subject := _copula_subject(text, position, stop)) is not None:
                # what the body says a thing is (…根基|实体经济是发展的本钱。): a heading's clause is no such sentence;
                # the longest such subject, 实体经济 rather than 经济
                ends.append((2, -subject, -position))
        position += len(word)
        previous = word
    return -min(ends)[2] if ends else stop


def _copula_subject(text: str, start: int, stop: int) -> int | None:
    """The length of the nouns from ``start`` to a copula (:data:`COPULAS_OPENING`), when they are two to
    :data:`MAX_COPULA_SUBJECT` characters long (实体经济|是, 人才|是, 科技创新|是), else None."""
    from pipelines.segmenter import dictionary, lcut

    length = 0
    for word in lcut(text[start:min(stop, start + MAX_COPULA_SUBJECT + 2)], HMM=False):
        if length >= 2 and text.startswith(COPULAS_OPENING, start + length):
            return length
        if not dictionary().get(word, "").startswith("n") or length + len(word) > MAX_COPULA_SUBJECT:
            return None
        length += len(word)
    return None


def _first_word(sentence: str) -> tuple[str, str]:
    """The sentence's first word by jieba's dictionary, and its tag ("" for a word the dictionary lacks).
    The dictionary is the segmenter's, not read through pipelines.tokenizers: ``kg`` cuts documents ahead of its
    workers (:func:`pipelines.extract.cut`) without importing spaCy."""
    from pipelines.segmenter import dictionary, lcut

    words = lcut(sentence[:8], HMM=False)
    return (words[0], dictionary().get(words[0], "")) if words else ("", "")


def _opens_with_verb(sentence: str) -> bool:
    """A task heading's opening: a verb, an adverb or an idiom (推进, 持续, 扎实, 坚定不移), a heading's adverb that
    the dictionary tags as a noun (大力, 着力) or 以/在 (以改革引领…, 在推进科技创新上开拓进取)."""
    word, tag = _first_word(sentence)
    return tag.startswith("v") or tag in VERB_LIKE_TAGS or word in HEADING_ADVERBS


def _opens_with_subject(sentence: str) -> bool:
    """A news sentence's opening: a date or time, a pronoun, a name (近日, 该项目, 比亚迪, 4月15日), or 据/记者."""
    word, tag = _first_word(sentence)
    return not word or word[0].isdigit() or tag in SUBJECT_TAGS or word in NEWS_OPENERS


def _plans_inside_sections(blocks: list[_Block]) -> list[_Block]:
    """A paragraph that states the year's targets (今年发展主要预期目标是：…) frames the year's work where it stands
    between the review and the tasks; inside the last (N) section, with no part, title or other section after it
    (a section given on its own, as the gold files give them), it is that section's body, and the section does
    not look back."""
    for index, block in enumerate(blocks):
        if block.kind != "title" or block.role != "frame" or block.name != (block.start, block.start):
            continue
        if not any(b.kind == "section" for b in blocks[:index]):
            continue
        if any(b.kind in ("part", "title", "section") for b in blocks[index + 1:]):
            continue
        block.kind, block.name, block.title, block.role = "body", None, "", ""
    return blocks


def _assign_roles(blocks: list[_Block]) -> list[tuple[int, int]]:
    """Mark parts and titles as "review" (looking back) or "frame" (the year's work); return the spans
    that look back. A part under a review title looks back; so does a part whose title names an earlier
    year than the others, and, of two series of parts (一、… then 一、… again) under one title, the first."""
    tops = [b for b in blocks if b.kind in ("part", "title")]
    years = [title_year(b.title) for b in tops]
    latest = max((y for y in years if y), default=None)
    for block, year in zip(tops, years, strict=True):
        if block.role:
            continue
        if rule("review").search(block.title) or (year and latest and year < latest):
            block.role = "review"
        elif rule("frame").search(block.title):
            block.role = "frame"
    scope_review, series = False, [[]]
    for block in tops:
        if block.kind == "title":
            _close_scope(series, scope_review)
            scope_review, series = block.role == "review", [[]]
            continue
        if scope_review:
            block.role = "review"
        if block.ordinal == "一" and series[-1]:
            series.append([])
        series[-1].append(block)
    _close_scope(series, scope_review)
    spans = []
    for index, block in enumerate(tops):
        if block.role == "review":
            end = tops[index + 1].start if index + 1 < len(tops) else blocks[-1].end
            spans.append((block.start, end))
    return spans


def _close_scope(series: list[list[_Block]], scope_review: bool) -> None:
    if not scope_review and len(series) > 1:
        for earlier in series[:-1]:
            for block in earlier:
                block.role = block.role or "review"


def _numbered_sections(text: str, blocks: list[_Block]) -> list[Section]:
    _enumerated_goals(text, blocks)
    sections = []
    after_heading: list[tuple[Section, tuple[int, int]]] = []  # a measure printed after a section's heading
    parent: _Block | None = None
    # (N) headings before anything frames the year's work, in a report that has such a frame, look back.
    plan_follows = any(b.role == "frame" for b in blocks)
    for index, block in enumerate(blocks):
        if block.kind in ("part", "title"):
            parent = block
            plan_follows = plan_follows and block.role != "frame"
        looking_back = parent.role == "review" if parent is not None else plan_follows
        if (block.kind == "section" and looking_back) or not _heads_goal(blocks, index):
            continue
        stop = next((k for k in range(index + 1, len(blocks)) if blocks[k].kind != "body"), len(blocks))
        end = blocks[stop].start if stop < len(blocks) else blocks[-1].end
        name_start, name_stop = block.name
        goal = Heading("goal", text[name_start:name_stop], name_start, name_stop)
        section = Section(goal, block.start, end)
        glued = _measures(text, section, block, blocks[index + 1:stop])
        if glued is not None:
            after_heading.append((section, glued))
        sections.append(section)
    # the report's layout, not one section's introduction: three sections at least, or every one (a section alone)
    # unless measures run on after it in the heading's paragraph, whose first sentence introduces them where one
    # section alone tells (city-泸州-2024: …经济回升势头。坚持项目为王。大力实施项目投资攻坚行动。…)
    if len(after_heading) >= MIN_GLUED_MEASURES or (
            sections and len(after_heading) == len(sections) and not any(run_in for _, (_, run_in) in after_heading)):
        for section, ((start, end), _) in after_heading:
            following = section.measures[0][1] if section.measures else section.end
            section.measures.insert(0, (Heading("measure", text[start:end], start, end), start, following))
    return sections


# Parts heading goals after a frame that make its numbered points an introduction: two (a report's one closing part,
# 加强政府自身建设, does not; city-扬州-2024 names its tasks 一是… with that one part after them)
ENUMERATION_BEFORE_GOALS = 2


def _enumerated_goals(text: str, blocks: list[_Block]) -> None:
    """Under a part framing the year's work that has no (N) heading, numbered points opening
    paragraphs (第一，… / 一是…, from 一 on, at least two) head the goals' sections; not where (N) headings or
    parts that head goals follow the frame (ENUMERATION_BEFORE_GOALS of them): then the points are the
    principles the introduction lists before the tasks (做好今年政府工作，要把握好以下三点。第一，…, cn-gwr-2015;
    一是坚决把“两轴三圈联动”作为空间形态…, city-雅安-2024), which belong to no section."""
    scopes: list[list[_Block]] = []
    for block in blocks:
        if block.kind in ("part", "title"):
            scopes.append([block])
        elif scopes:
            scopes[-1].append(block)
    for index, (head, *body) in enumerate(scopes):
        if head.role != "frame" or any(b.kind == "section" for b in body):
            continue
        later = [b for scope in scopes[index + 1:] for b in scope]  # the parts, titles and paragraphs after it
        if (any(b.kind == "section" for b in later)
                or sum(b.kind == "part" and not b.role for b in later) >= ENUMERATION_BEFORE_GOALS):
            continue
        points = []
        for block in body:
            match = rule("enumerated").match(text[block.start:block.end]) if block.kind == "body" else None
            if match:
                stop = name_end(text, block.start + match.end(), block.end)
                if stop is not None and stop - block.start - match.end() >= 4:
                    points.append((block, match["a"] or match["b"], block.start + match.end(), stop))
        if len(points) >= 2 and points[0][1] == "一":
            for block, ordinal, name_start, name_stop in points:
                _as_section(text, block, ordinal, name_start, name_stop)


def _heads_goal(blocks: list[_Block], index: int) -> bool:
    """A (N) heading; a part that is neither frame nor review and holds no (N) heading."""
    block = blocks[index]
    if block.kind == "section":
        return True
    if block.kind != "part" or block.role:
        return False
    for later in blocks[index + 1:]:
        if later.kind in ("part", "title"):
            return True
        if later.kind == "section":
            return False
    return True


def _measures(text: str, section: Section, head: _Block, body: list[_Block]) -> tuple[tuple[int, int], bool] | None:
    """Adds the section's measures; returns a topic sentence printed on the heading's line after its 。 that may
    name the first (:func:`_measure_after_heading`), and whether measures run on in that paragraph after it: the
    caller decides, by how many sections have one."""
    name_stop = head.name[1]
    rest = name_stop + 1  # after the 。 that ends the heading's name
    found: list[tuple[int, int, int]] = []  # topic sentence start, end, and where its measure starts
    if name_stop < head.end and text[name_stop] not in SENTENCE_END:  # the first measure's sentence, glued to it
        rest = name_stop
        glued = topic_sentence(text, name_stop, head.end)
        if glued is not None:
            found.append((glued[0], glued[1], glued[0]))
    inline = inline_topics(text, rest, head.end) if head.end - rest >= RUN_IN_MIN else []
    found += [(start, end, start) for start, end in inline]
    heading_only = head.end - name_stop <= 1
    cut = section.end >= len(text.rstrip())  # the text ends inside this section (an excerpt)
    topics = [topic_sentence(text, block.start, block.end) for block in body]  # each paragraph's, read once
    parallel = _parallel_topics(text, body)
    parallel.update(_odd_topics(text, body, topics, parallel, heading_only))
    for position, block in enumerate(body):
        following = body[position + 1] if position + 1 < len(body) else None
        if position == 0 and heading_only and position not in parallel and _introduction(text, body):
            continue
        if position and _subpoint_heading(text, body[position - 1]):
            continue  # the body of a sub-point printed on a line of its own ("四是积极扩大就业。" / "二是")
        span = topics[position] or parallel.get(position)
        if span is None:
            continue
        if span[1] + 1 >= block.end:  # the sentence is the whole paragraph: a heading over the next one
            if following is None and not cut:
                continue
            if following is not None and topics[position + 1] is not None:
                continue
        found.append((span[0], span[1], block.start))
    for position, (start, end, measure_start) in enumerate(found):
        measure_end = found[position + 1][2] if position + 1 < len(found) else section.end
        section.measures.append((Heading("measure", text[start:end], start, end), measure_start, measure_end))
    if found and rest == name_stop + 1 and (first := _measure_after_heading(text, rest, head.end)) \
            and all(first[0] != start for start, _, _ in found):
        return first, bool(inline)
    return None


def _measure_after_heading(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The first measure's topic sentence, printed on the heading's line after its 。 (city-衢州-2024: （二）全面推进
    “五链”深度融合，着力加快新型工业化步伐。合力锻造标志性产业链。高标准实施…), where the paragraphs after it open on
    measures too (the caller's condition): a short sentence of one clause that opens on a verb or adverb and
    goes on with more of the paragraph, in MIN_GLUED_MEASURES sections of the report at least, or in every one
    (one among others is an introduction: 打铁必须自身硬。). What the gold files print there is an introduction, which has commas
    (坚持项目为王，加速消费回升，…) or says what something is (抓项目就是抓发展、谋项目就是谋未来)."""
    span = topic_sentence(text, start, end)
    if span is None or span[1] + 1 >= end:
        return None
    sentence = text[span[0]:span[1]]
    if len(sentence) > MAX_GLUED_MEASURE or any(mark in sentence for mark in "，,、") or "是" in sentence:
        return None
    return span if _opens_with_verb(sentence) else None


def _parallel_topics(text: str, body: list[_Block]) -> dict[int, tuple[int, int]]:
    """The opening sentences too long for a topic sentence that open paragraphs of this body in parallel (their
    second clauses open alike: grammar.parallel_topic_key), by the paragraph's position: at least PARALLEL_MIN
    paragraphs sharing one key, each opening as a task does, on a verb or adverb (not 我们讲改革，就是要… /
    我们讲整顿，就是要…, cn-gwr-1979, nor 由于…, 根据…)."""
    keyed = {position: found for position, block in enumerate(body)
             if (found := parallel_topic_key(text, block.start, block.end)) is not None
             and _opens_with_verb(text[found[0][0]:found[0][1]])}
    counts = Counter(key for _, key in keyed.values())
    return {position: span for position, (span, key) in keyed.items() if counts[key] >= PARALLEL_MIN}


def _odd_topics(text: str, body: list[_Block], topics: list[tuple[int, int] | None],
                parallel: dict[int, tuple[int, int]], heading_only: bool) -> dict[int, tuple[int, int]]:
    """Where every paragraph of a body but one opens on a topic sentence (``topics``, by position), that one's opening
    sentence when it has one comma, is too long for a topic sentence (at most MAX_PARALLEL_TOPIC characters) and opens
    as a task does (标本兼治化解房地产、地方债务、中小金融机构等风险，维护经济金融大局稳定。 beside 增强重点领域安全保障能力。,
    the 2024 national report), by the paragraph's position. Not the first paragraph under a heading that stands alone
    (an introduction), nor a sentence with a figure (继续提高粮食最低收购价，今年小麦、稻谷最低收购价…分别提高7.4元和16元:
    cn-train's gold), nor one saying what a task is (加强民族团结、维护祖国统一和社会稳定，是全国各族人民的共同愿望)."""
    first = 1 if heading_only else 0
    positions = [p for p in range(first, len(body)) if not (p and _subpoint_heading(text, body[p - 1]))]
    missing = [p for p in positions if p not in parallel and topics[p] is None]
    if len(missing) != 1 or len(positions) < 2:
        return {}
    found = parallel_topic_key(text, body[missing[0]].start, body[missing[0]].end)
    if found is None or not _opens_with_verb(sentence := text[found[0][0]:found[0][1]]) \
            or any(c.isdigit() for c in sentence) or found[1].startswith("是"):
        return {}
    return {missing[0]: found[0]}


def _introduction(text: str, body: list[_Block]) -> bool:
    """The first paragraph under a heading that stands alone introduces the section when it is short,
    and much shorter than the measure paragraphs that follow (an excerpt may stop inside it)."""
    first = body[0]
    length = first.end - first.start
    if length >= INTRO_MAX or len(body) == 1:
        return False
    if not any(text[b.start:b.end].rstrip().endswith(tuple(SENTENCE_END)) for b in body[1:]):
        return False  # nothing it introduces: a web page's footer (版权所有：…) or a note may follow the last measure
    others = sorted(b.end - b.start for b in body[1:] if topic_sentence(text, b.start, b.end))
    return not others or length < INTRO_SHARE * others[len(others) // 2]


def _subpoint_heading(text: str, block: _Block) -> bool:
    return block.end - block.start <= MAX_TOPIC and bool(rule("subpoint").match(text[block.start:block.end]))


# -- paragraphs that belong to no section ----------------------------------------------------------

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
