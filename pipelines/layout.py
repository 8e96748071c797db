"""Clean a document for the NLP pipeline without losing the way back to the original text.

:func:`prepare` repairs newspaper and web layout (words broken across lines), blanks reporter and
caption lines, normalises odd whitespace and, for traditional-script documents, converts to
simplified characters. Every step either keeps the length (substitution) or deletes characters, so
the cleaned text is a sequence of runs of the original and :class:`PreparedText` maps any cleaned
offset back exactly with one bisect. :func:`split_sentences` gives sentence spans over any text.

>>> from kg.model import Document
>>> doc = Document("d", "推动企业降本增效，扩大电力直接交易范围，深化农业供给侧结构性改革，推动企\\n\\n业降本增效。")
>>> prepared = prepare(doc)
>>> prepared.text[-9:]
'推动企业降本增效。'
>>> start, end = prepared.original_span(len(prepared.text) - 9, len(prepared.text) - 1)
>>> doc.text[start:end]
'推动企\\n\\n业降本增效'
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

from kg.ids import CIRCLED_NUMBERS, FULL_WIDTH_ASCII
from kg.model import Document
from pipelines.grammar import LINE_HEADING, LOST_BREAKS_CHARS, SENTENCE_END, TAIL_PART
from pipelines.lexicon import data_text

__all__ = [
    "BODY_LINE_MIN",
    "SHORT_BODY_LINE_MIN",
    "MAX_BLANK_LINES",
    "T2S_THRESHOLD",
    "PreparedText",
    "prepare",
    "split_sentences",
    "looks_traditional",
]

# A line at least this long is running text rather than a heading, so a break after it may split a word.
BODY_LINE_MIN = 40
# Newspaper columns are narrow: the seed document breaks "基础设\n\n施" after a 31-character line.
# A shorter line still counts as running text when it holds a comma, which headings do not.
SHORT_BODY_LINE_MIN = 20
# More blank lines than this between two lines is a deliberate break (wikisource puts two after the
# bold lead sentence of a paragraph), never a broken word.
MAX_BLANK_LINES = 1
# A text is hard-wrapped when this many of its lines, and this share of them, have the most common length.
MIN_WRAPPED_LINES = 8
MIN_WRAPPED_SHARE = 0.5
# ... and its line breaks were doubled when this share of its lines of text have one blank line below them.
MIN_DOUBLE_SPACED_SHARE = 0.9
# In such a copy a line this long, with a mark in it, that does not end its sentence goes on below (figures print
# narrow: 平均浓度23微克，达到历史最好水 | 平。 is a full line of 16 characters).
MIN_RUNNING_LINE = 12
# Share of CJK characters that t2s would change above which a document is treated as traditional.
T2S_THRESHOLD = 0.02
# Characters sampled (in a few windows across the text) to decide that; enough to be stable, cheap.
_T2S_SAMPLE = 4000
_T2S_WINDOWS = 4

_TERMINAL = frozenset("。！？；：:!?;…”」』")
_CONTINUATION = frozenset("，、。；：）》」』”％%．.,)")
_COMMA = re.compile(r"[，,]")
_PUNCT = re.compile(r"[^\w\s\u3000①-⑳]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_NOT_CJK = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_CJK_OR_DIGIT = re.compile(rf"{_CJK.pattern}|[0-9０-９]")
# A line opening with a heading or sub-point marker (the shared heading grammar) is never joined.
_HEADING = LINE_HEADING
# Characters often doubled on purpose (紧紧, 大大, 人人, 常常 …) and numerals (一一, 千千 may be a
# number): a repeat of one of these across a break is kept, not taken for a layout duplicate.
_REDUPLICATED = frozenset(
    "人天年月日家个户事处时条步层点刚常往渐纷频悄默久深紧牢实扎明好慢稍仅大多小高轻重快早远长满"
    "一二三四五六七八九十百千万亿零两谢哈呵爸妈哥姐弟妹奶爷宝星"
)
# A text that lost its line breaks (grammar.LOST_BREAKS_CHARS) stood a space in their place when it has a run of
# spaces between Chinese text per this many characters, and at least MIN_SPACED_RUNS (not a news item's byline:
# 本报讯（记者 张三）).
SPACED_CHARS = 600
MIN_SPACED_RUNS = 2
_SPACE_RUN = re.compile(r"(?<=[^\x00-\x7f]) +(?=[^\x00-\x7f]|\d)")
# How much narrower than the others a paragraph's first line is for its indent (two characters, and a space).
INDENT_WIDTH = 3
# Zero-width characters, the ideographic space and the spaces web pages indent paragraphs with (&emsp; U+2003,
# &ensp; U+2002, &nbsp; U+00A0, and the thin and narrow ones) become plain spaces: same length, offsets unchanged.
# An indent of two em spaces, as many Chinese web pages print a paragraph, read as text: no heading and no
# measure was found (benchmarks/robustness.py, web-indents).
# (str.replace, one character at a time: str.translate with a table reads Chinese text a character at a time in
# Python, 0.3 s over the shared corpora against 0.006 s)
_SPACES = ("\u3000", "\u200b", "\u200d", "\ufeff", "\u00a0", "\u2002", "\u2003", "\u2009", "\u202f")
_ZERO_WIDTH = frozenset("\u200b\u200d\ufeff")
# The other characters that end a line (Python's str.splitlines): Unicode's line and paragraph separators (text
# copied from Word or from a script's output: with them for line breaks no heading and few measures were found, SERVES
# F1 0.000 on the seed, 0.341 on the local dev file), a PDF converter's form feed between pages, the vertical tab and
# NEL. Each becomes a line break: same length.
_NEWLINES = ("\u2028", "\u2029", "\x0c", "\x0b", "\x85", "\x1c", "\x1d", "\x1e")
# Character width, folded one character for one (offsets unchanged) to the forms reports mostly print and
# the rules are written for: full-width digits and Latin letters, ％ and ＋ become ASCII (２０２４年 → 2024年,
# ２７，２０３万 → 27,203万);
# ASCII , ; : ! ? beside a Chinese character, ASCII brackets around or beside Chinese text and straight
# double quotes on a line with Chinese text become their Chinese forms (合作(PPP)新机制 → 合作（PPP）新机制).
# 1,000 and 8:30 stay as they are. Names are still read from the original text.
# (the names' table of kg.ids but for ＆／ and ．, which numbers a part (一．) and is folded between digits below)
_FULL_WIDTH_ASCII = {code: char for code, char in FULL_WIDTH_ASCII.items() if chr(code) not in "＆／．"}
_HALF_PUNCTUATION = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_FULL_WIDTH_FORMS = re.compile(f"[{''.join(map(chr, _FULL_WIDTH_ASCII))}]")
_HALF_PUNCTUATION_MARK = re.compile(r"[,;:!?]")
_ASCII_BRACKETS = re.compile(r"\(([^()\n]{0,60})\)")
_DECIMAL_POINT = re.compile(r"(?<=[0-9])．(?=[0-9])")
# Circled numbers inside a paragraph: a note's reference right after a name (“两个毫不动摇”⑳, “五地增绿”⑭行动,
# explained in a glossary at the end) or an item's number after a clause (；②完成…). Neither is part of a
# name, so prepare() leaves them out of the text it extracts from (the offsets still map back). A circled number
# that opens a line is a heading's or measure's marker (grammar.MEASURE_PREFIX) and stays.
# Notes numbered in brackets are left out the same way: [3] or ^[3] after any character (“三类500强”企业[3]45家:
# city-三亚-2024; “险资入达”^[3]: city-达州-2024),
# （3） after a closing quote (“个转企”（3）1400余户: city-乐山-2024; after a word it may be an inline list's number).
# Each alternative opens on its mark and looks behind it only then (the character before the mark: (?<=X.)), so
# the regular expression engine skips to the marks; a look-behind first made it try every position (0.39 s over
# the shared corpora against 0.05 s, the same matches).
_NOTE_MARK = re.compile(rf"[{CIRCLED_NUMBERS}](?<=[^\s\u3000].)|\^(?<=[^\s\u3000].)\[\d{{1,3}}\]"
                        r"|\[(?<=[^\s\u3000].)\d{1,3}\]|（(?<=[”’」』].)\d{1,3}）")
# Markdown's marks (kg reads .md files, and web pages converted to Markdown print a report so): a heading's #s at
# the start of a line, a quotation's >, and the ** or __ around bold text (**（一）推进绿色发展。**, **提升科技创新
# 能力。**). They hid every heading and measure that opened on one (benchmarks/robustness.py, markdown): they become
# spaces for the layout and section rules and are left out of the text the pipeline reads. Not a # inside a line
# (1#高炉, an industrial unit's number).
_MARKDOWN = re.compile(r"^[ \t\u3000]*(?:#{1,6}|>)[ \t]|\*\*|__", re.M)
# ２７，２０３，３１９，０００元: reports printed in full-width digits separate thousands with the Chinese comma.
_THOUSANDS_COMMA = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")
_SENTENCE = re.compile(r"[^\n。！？；!?]+(?:[。！？；!?]+[”’」』）)》〉】\"']*)?|[。！？；!?]+[”’」』）)》〉】\"']*")


class PreparedText:
    """The cleaned text and an exact map from its offsets back to ``document.text``.

    The map is a list of runs (cleaned start, original start): inside a run offsets move together,
    between runs the original lost characters (joined line breaks, ``\\r``, a duplicated character).
    """

    __slots__ = ("document", "text", "simplified", "_clean_starts", "_orig_starts")

    def __init__(self, document: Document, text: str, runs: list[tuple[int, int]], simplified: bool) -> None:
        self.document = document
        self.text = text
        self.simplified = simplified
        self._clean_starts = [clean for clean, _ in runs]
        self._orig_starts = [orig for _, orig in runs]

    def __repr__(self) -> str:
        return f"PreparedText({self.document.doc_id!r}, {len(self.text)} chars, simplified={self.simplified})"

    def original(self, offset: int) -> int:
        """The offset in the original text of the character at ``offset`` of the cleaned text.

        ``len(text)`` maps to just after the last character, so an end offset may be passed too.
        """
        if offset == len(self.text):
            return self.original(offset - 1) + 1 if offset else 0
        if not 0 <= offset < len(self.text):
            raise IndexError(f"offset {offset} is outside the cleaned text (length {len(self.text)})")
        run = bisect.bisect_right(self._clean_starts, offset) - 1
        return self._orig_starts[run] + offset - self._clean_starts[run]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned ``[start, end)`` span; the end maps as ``original(end - 1) + 1``.

        Mapping the last character rather than ``end`` itself keeps characters removed right after
        the span (a joined line break) out of it.
        """
        if end <= start:
            point = self.original(start)
            return point, point
        return self.original(start), self.original(end - 1) + 1


def prepare(document: Document, *, to_simplified: bool | None = None) -> PreparedText:
    """Clean ``document.text`` for extraction; ``to_simplified=None`` converts only traditional text."""
    original = document.text
    work, deleted = _normalise(original)
    work = _without_markdown(work, deleted)
    work = _spaces_for_breaks(work)
    work = _fold_width(work)
    work = _blank_noise(work)
    deleted.extend(_layout_joins(original, work))
    deleted.extend((m.start(), m.end()) for m in _NOTE_MARK.finditer(work))
    runs, pieces, clean_len, cursor = [], [], 0, 0
    for start, end in _merge(deleted):
        if start > cursor:
            runs.append((clean_len, cursor))
            pieces.append(work[cursor:start])
            clean_len += start - cursor
        cursor = max(cursor, end)
    if cursor < len(work):
        runs.append((clean_len, cursor))
        pieces.append(work[cursor:])
    text = "".join(pieces)
    simplified = looks_traditional(text) if to_simplified is None else to_simplified
    if simplified:
        text = _to_simplified(text)
    return PreparedText(document, text, runs or [(0, 0)], simplified)


def _without_markdown(text: str, deleted: list[tuple[int, int]]) -> str:
    """``text`` with Markdown's marks (:data:`_MARKDOWN`) as spaces, each added to ``deleted``.

    >>> deleted = []
    >>> _without_markdown("## （一）推进绿色发展。\\n**提升能力。**建设1#高炉", deleted), deleted
    ('   （一）推进绿色发展。\\n  提升能力。  建设1#高炉', [(0, 3), (14, 16), (21, 23)])
    """
    if "#" not in text and ">" not in text and "**" not in text and "__" not in text:
        return text
    marks = [(m.start(), m.end()) for m in _MARKDOWN.finditer(text)]
    if not marks:
        return text
    deleted.extend(marks)
    pieces, cursor = [], 0
    for start, end in marks:
        pieces += [text[cursor:start], " " * (end - start)]
        cursor = end
    return "".join(pieces) + text[cursor:]


def _normalise(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Same-length whitespace normalisation; the ``\\r`` of every ``\\r\\n`` is marked for deletion.

    >>> _normalise("一\\r\\n二\\u2028三\\u2029四\\x0c五\\u2003六")
    ('一 \\n二\\n三\\n四\\n五 六', [(1, 2)])
    """
    deleted = [(m.start(), m.start() + 1) for m in re.finditer("\r\n", text)]
    # "\r\n" → " \n" keeps the length; the space is deleted with the run map above. A lone \r is a newline.
    for space in _SPACES:
        if space in text:
            text = text.replace(space, " ")
    for newline in _NEWLINES:
        if newline in text:
            text = text.replace(newline, "\n")
    return text.replace("\r\n", " \n").replace("\r", "\n"), deleted


def _spaces_for_breaks(text: str) -> str:
    """Same-length: in a text that lost its line breaks (fewer than one per ``LOST_BREAKS_CHARS`` characters)
    and has a space where each stood instead (at least one run of spaces between Chinese characters per
    :data:`SPACED_CHARS`, and :data:`MIN_SPACED_RUNS`: a web or PDF copy on one line, city-潍坊-2024 and city-枣庄-2024), those spaces are
    line breaks again; the rest of layout repair then reads the lines as it reads any text's (joining the lines
    of a hard-wrapped one). Spaces beside ASCII text (G60 科创走廊) stay."""
    if text.count("\n") * LOST_BREAKS_CHARS >= len(text):
        return text
    runs = _SPACE_RUN.findall(text)
    if len(runs) < MIN_SPACED_RUNS or len(runs) * SPACED_CHARS < len(text):
        return text
    return _SPACE_RUN.sub(lambda match: "\n" * len(match.group()), text)


def _fold_width(text: str) -> str:
    """Same-length folding of character width (see ``_FULL_WIDTH_ASCII``); each step only where its characters
    occur, and character by character only where one occurs (``str.translate`` of every text with this table
    took 0.5 s over the shared corpora, as much as the rest of layout repair)."""
    if _FULL_WIDTH_FORMS.search(text):
        text = _FULL_WIDTH_FORMS.sub(_ascii_form, _THOUSANDS_COMMA.sub(",", text))
        text = _DECIMAL_POINT.sub(".", text)
    chars = None
    for mark in _HALF_PUNCTUATION_MARK.finditer(text):
        at = mark.start()
        if (at and not text[at - 1].isascii()) or (at + 1 < len(text) and not text[at + 1].isascii()):
            chars = chars or list(text)
            chars[at] = _HALF_PUNCTUATION[text[at]]
    if chars is not None:
        text = "".join(chars)
    if "(" in text:
        text = _ASCII_BRACKETS.sub(_chinese_brackets, text)
    if '"' in text:
        text = "\n".join(_curly_quotes(line) for line in text.split("\n"))
    return text


def _ascii_form(match: re.Match[str]) -> str:
    return _FULL_WIDTH_ASCII[ord(match.group())]


def _chinese_brackets(match: re.Match[str]) -> str:
    """（…） for (…) when Chinese text is inside, right before or right after it (合作(PPP)新机制, (一)加快);
    (…) as it is among ASCII (f(x), 2.5(2))."""
    text, start, end = match.string, match.start(), match.end()
    beside = text[start - 1:start] + text[end:end + 1]
    if any(not char.isascii() for char in match.group(1) + beside if not char.isspace()):
        return f"（{match.group(1)}）"
    return match.group()


def _curly_quotes(line: str) -> str:
    """“…” for "…" on a line with Chinese text and an even number of straight double quotes."""
    count = line.count('"')
    if not count or count % 2 or line.isascii():
        return line
    pieces = line.split('"')
    return "".join(piece + ("" if i == count else "“”"[i % 2]) for i, piece in enumerate(pieces))


@lru_cache(maxsize=1)
def _noise_rules() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    """(line rules, tail rules, page-number rules) from ``pipelines/data/layout_noise.txt``; the page-number
    rules are line rules too."""
    source = data_text("layout_noise.txt")
    lines, tails, pages = [], [], []
    for raw in source.splitlines():
        rule = raw.strip()
        if not rule or rule.startswith("#"):
            continue
        if rule.startswith("tail:"):
            tails.append(re.compile(rule[len("tail:"):]))
        elif rule.startswith("page:"):
            pages.append(re.compile(rule[len("page:"):]))
            lines.append(pages[-1])
        else:
            lines.append(re.compile(rule))
    return tuple(lines), tuple(tails), tuple(pages)


def _blank_noise(work: str) -> str:
    """Replace reporter/caption lines and trailing boilerplate by spaces (newlines kept)."""
    line_rules, tail_rules, _ = _noise_rules()
    out, offset = [], 0
    for line in work.split("\n"):
        if any(rule.match(line) for rule in tail_rules):
            rest = work[offset:]
            out.append(re.sub(r"[^\n]", " ", rest))
            return "".join(out)
        for rule in line_rules:
            match = rule.match(line)
            if match and match.end() > 0:
                line = " " * match.end() + line[match.end():]
                break
        out.append(line + "\n")
        offset += len(line) + 1
    return "".join(out)[: len(work)]


class _Line:
    """One line of the working text: where its content starts and ends (whitespace stripped)."""

    __slots__ = ("start", "end", "content", "zero_width_only", "page_number")

    def __init__(self, work: str, original: str, start: int, end: int) -> None:
        self.content = work[start:end].strip()
        stripped_left = len(work[start:end]) - len(work[start:end].lstrip())
        self.start = start + stripped_left
        self.end = self.start + len(self.content)
        # A wikisource page break shows as a line holding only a zero-width space ("经\n\u200b\n过了").
        raw = original[start:end]
        self.zero_width_only = not self.content and any(ch in _ZERO_WIDTH for ch in raw)
        # A page number of a PDF copy ("— 12 —"), blanked as noise: a page break, which a paragraph may run across.
        self.page_number = not self.content and any(rule.match(raw) for rule in _noise_rules()[2])


def _layout_joins(original: str, work: str) -> list[tuple[int, int]]:
    """Ranges of ``work`` to delete so that words broken by the layout are whole again."""
    lines, starts, offset = [], [], 0
    for raw in work.split("\n"):
        line = _Line(work, original, offset, offset + len(raw))
        lines.append(line)
        starts.append(offset)
        offset += len(raw) + 1
    # prose[i]: the chain of single-newline lines through line i ends with sentence-final punctuation.
    prose = [False] * len(lines)
    for i in range(len(lines) - 1, -1, -1):
        content = lines[i].content
        if content:
            prose[i] = content[-1] in _TERMINAL or (i + 1 < len(lines) and prose[i + 1])
    # how far each line runs from the margin (an indent is part of a page's line)
    widths = [line.end - start if line.content else 0 for line, start in zip(lines, starts, strict=True)]
    wrap = _wrap_width(widths)
    step = 2 if wrap is not None and _double_spaced(lines) else 1
    # the copy's headings close on a full stop (（一）…态势。), so one without it that fills its line goes on below
    stopped_headings = wrap is not None and any(
        _HEADING.match(line.content) and any(char in SENTENCE_END for char in line.content) for line in lines)
    deletions: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        prev = lines[i]
        j = i + 1
        while j < len(lines) and not lines[j].content:
            j += 1
        if not prev.content or j >= len(lines):
            i = j
            continue
        nxt, blanks = lines[j], j - i - 1
        duplicate = blanks > 0 and _duplicated(work, prev.end - 1, nxt.start)
        # The next line must start at the margin: an indent opens a new paragraph.
        if nxt.start == starts[j] and (_wrapped(lines, widths, i, j, wrap, step, stopped_headings)
                                      or _joinable(lines, i, j, duplicate, prose)):
            deletions.append((prev.end, nxt.start + duplicate))
        i = j
    return deletions


def _wrap_width(widths: list[int]) -> int | None:
    """The width a hard-wrapped text (copied out of a PDF: a line break wherever the page's line ended) breaks
    its paragraphs at: the most common width of a line (``widths``: from the margin, 0 for a blank line), when
    at least :data:`MIN_WRAPPED_LINES` lines and :data:`MIN_WRAPPED_SHARE` of the lines of text have it (or one
    less: a line that could not take a closing mark); None for text whose line breaks end paragraphs."""
    lengths = [width for width in widths if width]
    if len(lengths) < MIN_WRAPPED_LINES:
        return None
    counts: dict[int, int] = {}
    for length in lengths:
        counts[length] = counts.get(length, 0) + 1
    width = max(counts, key=lambda length: (counts[length] + counts.get(length - 1, 0), length))
    wrapped = counts[width] + counts.get(width - 1, 0)
    if width < SHORT_BODY_LINE_MIN or counts[width] < MIN_WRAPPED_LINES or wrapped < MIN_WRAPPED_SHARE * len(lengths):
        return None
    return width


def _double_spaced(lines: list[_Line]) -> bool:
    """Whether one blank line follows nearly every line of text (:data:`MIN_DOUBLE_SPACED_SHARE`): a hard-wrapped
    copy whose every line break was doubled (city-承德-2024), so that a blank line no longer tells where a paragraph
    ends (a page number between two lines, blanked, makes a wider gap)."""
    texts = [i for i, line in enumerate(lines) if line.content]
    pairs = list(itertools.pairwise(texts))
    single_blank = sum(b == a + 2 for a, b in pairs)
    return len(pairs) >= MIN_WRAPPED_LINES and single_blank >= MIN_DOUBLE_SPACED_SHARE * len(pairs)


def _wrapped(lines: list[_Line], widths: list[int], i: int, j: int, wrap: int | None, step: int = 1,
             stopped_headings: bool = False) -> bool:
    """Line ``i`` filled the page's line of a hard-wrapped text and line ``j``, right below it at the margin
    (``step`` lines below: 2 where the copy is :func:`_double_spaced`), goes on with the same paragraph: whatever
    line ``i`` ends with (a sentence may end at the margin) or starts with (a heading printed with the paragraph it
    opens, or one too long for its line where the copy's headings close on a full stop: ``stopped_headings``),
    unless a heading starts line ``j``."""
    if wrap is None or j != i + step:
        return False
    if widths[i] < wrap - 1 and not (widths[i] >= wrap - INDENT_WIDTH - 1
                                     and _heading_runs_on(lines[i].content, stopped_headings)) \
            and not (step == 2 and _sentence_runs_on(lines[i].content)):
        return False
    if widths[i] < wrap and lines[i].content[-1] in _TERMINAL:
        return False  # a sentence that ends short of the margin ends its paragraph
    nxt = lines[j].content
    return not _HEADING.match(nxt) and (nxt[0] in _CONTINUATION or bool(_CJK_OR_DIGIT.match(nxt))
                                        or nxt[0] in "“‘《" or (nxt[0].isascii() and nxt[0].isalnum()))


def _sentence_runs_on(line: str) -> bool:
    """A line of running text short of the margin that does not end its sentence: where every line break of a copy
    was doubled, what a paragraph's first line (short by its lost indent) or a line of narrow figures looks like
    (现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委 | 员提出意见。), with a mark in it (not a title). Not a
    heading."""
    return (len(line) >= MIN_RUNNING_LINE and line[-1] not in _TERMINAL and not _HEADING.match(line)
            and _PUNCT.search(line) is not None)


def _heading_runs_on(line: str, stopped_headings: bool = False) -> bool:
    """A numbered heading line, short of the margin by the indent the copy lost, that its paragraph goes on from: the
    heading with the start of the paragraph's text (:func:`_run_in_heading`), or, where the copy's headings close on a
    full stop (``stopped_headings``), a heading too long for its line, without a mark that ends it (（三）深入落实京津冀
    协同发展战略，把机遇优势转化为高 | 质量发展成效。: city-承德-2024). Where they do not, such a line is the whole heading."""
    return _run_in_heading(line) or (stopped_headings and bool(_HEADING.match(line)) and line[-1] not in _TERMINAL
                                     and not any(char in SENTENCE_END for char in line))


def _run_in_heading(line: str) -> bool:
    """A numbered heading and the start of its paragraph's text on one line (（一）聚力加快产业升级，夯实高质量发展支撑。
    坚持主): the paragraph's first line, short of the margin by its indent when the copy lost it (a PDF copy whose line
    breaks became spaces, city-枣庄-2024)."""
    stop = next((at for at, char in enumerate(line) if char in SENTENCE_END), len(line))
    return bool(_HEADING.match(line)) and stop < len(line) - 1


def _joinable(lines: list[_Line], i: int, j: int, duplicate: bool, prose: list[bool]) -> bool:
    prev, nxt = lines[i].content, lines[j].content
    if prev[-1] in _TERMINAL or _HEADING.match(prev) or _HEADING.match(nxt) or TAIL_PART.search(prev):
        return False
    if j > i + 1:
        if any(lines[k].page_number or lines[k].zero_width_only for k in range(i + 1, j)):
            # a page break: a PDF copy's page number ("— 12 —") or a web copy's line holding only a zero-width space
            # ("改\n\u200b\n革", and with the copy's blank lines around it: "…质量竞\n\n\u200b\n\n争机制。", cn-gwr-2017
            # with its line breaks doubled): a line that does not end its sentence goes on past it
            return bool(_CJK_OR_DIGIT.match(nxt))
        if j - i - 1 > MAX_BLANK_LINES or not _CJK_OR_DIGIT.match(nxt):
            return False
        if len(prev) >= BODY_LINE_MIN:
            return True
        if len(prev) >= SHORT_BODY_LINE_MIN and _COMMA.search(prev):
            # A short line may well be a stand-alone sentence missing its full stop ("压缩至1个工作日"
            # then "如何加快……"): join only when a word visibly runs across the break.
            return duplicate or _word_across(prev, nxt)
        return False
    # A single newline: inline elements (links, subscripts) that web copies put on lines of their own.
    if not prose[i]:
        return False  # a stack of titles, not a sentence
    continues = nxt[0] in _CONTINUATION
    if not (continues or _CJK_OR_DIGIT.match(nxt) or (nxt[0].isascii() and nxt[0].isalnum())):
        return False
    starts_run = i == 0 or not lines[i - 1].content or lines[i - 1].content[-1] in _TERMINAL
    is_title = starts_run and not _PUNCT.search(prev)
    return continues or not is_title


def _lcut_no_hmm(text: str) -> list[str]:
    # jieba.lcut(text, HMM=False) from the dictionary the extractor's segmenter has loaded already (a
    # jieba.Tokenizer() of its own segmented the same but held a second copy of it, ~70 MB)
    from pipelines.segmenter import lcut

    return lcut(text, HMM=False)


def _word_across(before: str, after: str, window: int = 6) -> bool:
    """True when a dictionary word of jieba spans the end of ``before`` and the start of ``after``."""
    left, right = before[-window:], after[:window]
    joined = (left + right).translate(_t2s_table())  # jieba's dictionary is simplified
    position = 0
    for token in _lcut_no_hmm(joined):
        if position < len(left) < position + len(token):
            return True
        position += len(token)
    return False


def _duplicated(work: str, before: int, after: int) -> bool:
    """True when the newspaper repeated the character before a break at the top of the next column."""
    char = work[before]
    if char != work[after] or not _CJK.match(char) or char in _REDUPLICATED:
        return False
    # "AA|A" is a reduplicated word broken by the layout, not a repeat.
    return before == 0 or work[before - 1] != char


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    """OpenCC's character table (TSCharacters), one simplified character for one traditional one.

    Character-level conversion keeps every offset in place and is a single ``str.translate``; OpenCC's
    phrase tables (乾隆 vs 干燥) matter for display, not for finding names, and its pure-Python phrase
    matcher costs ~0.2 s per report.
    """
    from importlib.resources import files

    table = {}
    path = files("opencc").joinpath("dictionary", "TSCharacters.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(target) == 1 and source != target:
            table[ord(source)] = target
    return table


def looks_traditional(text: str) -> bool:
    """True when more than :data:`T2S_THRESHOLD` of the sampled CJK characters change under t2s."""
    if len(text) <= _T2S_SAMPLE:
        sample = text
    else:
        window, step = _T2S_SAMPLE // _T2S_WINDOWS, len(text) // _T2S_WINDOWS
        sample = "".join(text[k * step:k * step + window] for k in range(_T2S_WINDOWS))
    cjk = _NOT_CJK.sub("", sample)
    if not cjk:
        return False
    # every character the table holds changes (it maps none to itself): count them by deleting them
    changed = len(cjk) - len(cjk.translate(_traditional_only()))
    return changed / len(cjk) > T2S_THRESHOLD


@lru_cache(maxsize=1)
def _traditional_only() -> dict[int, None]:
    """The characters t2s changes, each mapped to None (deleted by str.translate)."""
    return dict.fromkeys(_t2s_table())


def _to_simplified(text: str) -> str:
    """Traditional → simplified, character by character (the length never changes)."""
    return text.translate(_t2s_table())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans over ``text``: split after 。！？；!? and at line breaks, whitespace trimmed.

    Closing quotes and brackets right after the terminator stay with the sentence.

    >>> text = "他说：“要加快建设。”\\n\\n  第二句！第三句"
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['他说：“要加快建设。”', '第二句！', '第三句']
    """
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans
