"""The text of a web page, as a reader sees it: what kg reads from an ``.html`` file.

Reports reach researchers as web pages (www.gov.cn and every city's portal print the government work report
one ``<p>`` a paragraph); a page saved from the browser is what many of them have. Read as text, its tags hide
every heading and measure. :func:`page_text` keeps what a browser shows: each block element (``<p>``, ``<div>``,
``<h3>``, ``<li>``, a table row …) its own paragraph, ``<br>`` a line break, character references decoded
(``&ldquo;`` → “, ``&emsp;`` → the em space web pages indent paragraphs with, which the layout step reads as
an indent), the source's own line breaks and indentation collapsed as a browser collapses them, and nothing
of scripts, styles, templates or comments, nor of the portal around the report (its navigation, header and
footer: :data:`CHROME`). The ``<title>`` is the page's title.

The text is the document: every offset kg reports for the page refers to it, not to the markup.

>>> text, title = page_text(
...     "<html><head><title>2024年政府工作报告</title><style>p {text-indent: 2em}</style></head><body>"
...     "<p><strong>（一）推进产业强市。</strong></p>\\n<p>&emsp;&emsp;加快建设比亚迪\\n  智能制造产业园，"
...     "推进&ldquo;3311&rdquo;工程。<br>实施&ldquo;衡企出海&rdquo;战略。</p><script>var a = 1;</script></body></html>")
>>> title
'2024年政府工作报告'
>>> print(text, end="")
（一）推进产业强市。
<BLANKLINE>
\u2003\u2003加快建设比亚迪智能制造产业园，推进“3311”工程。
实施“衡企出海”战略。
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["HTML_SUFFIXES", "page_text"]

HTML_SUFFIXES = frozenset({".html", ".htm"})

# Elements a browser lays out as blocks of their own: a paragraph of the text each.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "tfoot", "thead", "tr", "ul",
})
# A table's cells stand side by side on their row's line.
CELLS = frozenset({"td", "th"})
# Elements whose content a reader never sees as text.
HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "select",
                    "textarea", "button"})
# The portal around the report, not the report: HTML's own elements for it, and containers whose class or id names
# one (a government portal's 导航, 面包屑 and 版权 blocks: <div class="nav">, <div id="footer">, <ul class="menu-list">).
# Left out unless that would leave out most of the page's text (an unclosed <div class="nav"> would hide what
# follows it), when the whole page is read.
CHROME = frozenset({"nav", "header", "footer", "aside"})
CHROME_NAME = re.compile(r"(?:^|[-_])(?:nav|navbar|menu|footer|header|breadcrumbs?|crumbs?|copyright|share|sidebar"
                         r"|toolbar|topbar)(?:$|[-_])", re.I)
MIN_CONTENT_SHARE = 0.5
# Elements that have no end tag.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
LINE, PARAGRAPH = 1, 2
# The whitespace HTML collapses (not the no-break, em and ideographic spaces, which a page prints on purpose): a
# run with a line break of the page's source in it is a segment break, any other a space.
_COLLAPSED = re.compile(r"[ \t\n\r\f]+")
_SEGMENT_BREAK = "\x00"
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# A segment break between two Chinese characters or marks is no space at all (CSS Text: a browser removes it;
# 加快建设比亚迪\n  智能制造产业园); a space the source typed between them stays (关键词 产业强市).
_SPACING = re.compile(rf"[ {_SEGMENT_BREAK}]+")
_BREAK_IN_CHINESE = re.compile(rf"(?<=[{_CJK}]){_SEGMENT_BREAK}+(?=[{_CJK}])")


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[str, bool] | int] = []  # text (and whether the portal's chrome holds it), or a break
        self.title: list[str] = []
        self.hidden = 0  # depth inside elements never shown
        self.pre = 0  # depth inside <pre>, whose whitespace is the text's
        self.in_title = False
        self.open: list[tuple[str, bool]] = []  # the elements open, and whether each is the portal's chrome
        self.chrome = 0  # how many of those are

    def _chrome_starts(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        chrome = tag in CHROME or any(
            key in ("class", "id") and value and any(CHROME_NAME.search(token) for token in value.split())
            for key, value in attrs)
        self.open.append((tag, chrome))
        self.chrome += chrome

    def _chrome_ends(self, tag: str) -> None:
        if not any(name == tag for name, _ in self.open):
            return  # an end tag that closes nothing open
        while self.open:  # elements left open inside it end with it
            name, chrome = self.open.pop()
            self.chrome -= chrome
            if name == tag:
                break

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._chrome_starts(tag, attrs)
        if tag in HIDDEN:
            self.hidden += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "br":
            self.parts.append(LINE)
        elif tag in CELLS:
            self.parts.append((" ", self.chrome > 0))
        elif tag in BLOCKS:
            self.parts.append(PARAGRAPH)
            self.pre += tag == "pre"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append(LINE)
        elif tag in BLOCKS:
            self.parts.append(PARAGRAPH)

    def handle_endtag(self, tag: str) -> None:
        self._chrome_ends(tag)
        if tag in HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag == "title":
            self.in_title = False
        elif tag in BLOCKS:
            self.parts.append(PARAGRAPH)
            if tag == "pre":
                self.pre = max(self.pre - 1, 0)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        chrome = self.chrome > 0
        if self.in_title:
            self.title.append(data)
        elif self.pre:
            for index, line in enumerate(data.split("\n")):
                if index:
                    self.parts.append(LINE)
                self.parts.append((line, chrome))
        else:
            self.parts.append((_COLLAPSED.sub(_collapsed, data), chrome))


def page_text(html: str) -> tuple[str, str]:
    """The text of the page ``html`` and its title ("" without one); see the module's docstring."""
    parser = _PageText()
    parser.feed(html)
    parser.close()
    content, whole = _joined(parser.parts, without_chrome=True), _joined(parser.parts, without_chrome=False)
    title = _line(_COLLAPSED.sub(_collapsed, "".join(parser.title)))
    return (content if len(content) >= MIN_CONTENT_SHARE * len(whole) else whole), title


def _joined(parts: list[tuple[str, bool] | int], without_chrome: bool) -> str:
    """The lines of the text ``parts`` (see _PageText) make, paragraphs apart by a blank line."""
    lines: list[str] = []
    current: list[str] = []
    pending = 0  # the strongest break since the last text: none, a line, a paragraph
    for part in parts:
        if isinstance(part, int):
            pending = max(pending, part)
            continue
        text, chrome = part
        if chrome and without_chrome:
            continue
        if pending:
            line = _line("".join(current))
            if line:
                lines.append(line)
                if pending == PARAGRAPH:
                    lines.append("")
            current, pending = [], 0
        current.append(text)
    line = _line("".join(current))
    if line:
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text + "\n" if text else ""


def _collapsed(match: re.Match[str]) -> str:
    return _SEGMENT_BREAK if "\n" in match.group() or "\r" in match.group() else " "


def _line(text: str) -> str:
    """A line as a browser shows it: no segment break between Chinese characters, any other run of collapsed
    whitespace one space, none at its ends."""
    text = _BREAK_IN_CHINESE.sub("", text)
    return _SPACING.sub(lambda m: " " if len(m.group()) else "", text).strip(" ")
