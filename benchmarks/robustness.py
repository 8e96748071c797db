"""The gold files printed the ways reports reach users, scored like the clean ones: does the extractor read
the same report the same way when a web page, a PDF or an older print run set it differently?

    .venv/bin/python benchmarks/robustness.py [GOLD ...] [--json]

Each variant rewrites every gold section's text and moves the gold's offsets and entity texts with it, so
the gold stays the same annotation of the same words; the scorer (``kg.scoring``, as ``kg eval``) then
compares the extraction of the rewritten text with it. Variants:

- ``clean``: the text as annotated;
- ``ascii-punctuation``: ， ； ： （ ） ！ ？ printed as , ; : ( ) ! ? (web pages, machine conversions);
- ``full-width-digits``: digits, ％ and the decimal point printed full-width (２０２４年, ５．５％: older reports);
- ``straight-quotes``: “ ” printed as " (web pages);
- ``hard-wrapped``: a line break after every 38 characters of a paragraph (text copied out of a PDF: a
  line of an A4 page holds 36-40 characters).
- ``wrapped-doubled``: hard-wrapped, the indents lost and a blank line below every line (city-承德-2024: where a
  paragraph ends, only the width of its last line and its closing mark say so);
- ``page-breaks``: a PDF copy's page number ("— 2 —", between blank lines) after every 400 characters, wherever
  they end (mid-sentence as often as not);
- ``web-page-breaks``: the same with a web copy's page break, a line holding only a zero-width space (wikisource's
  copies of the 1957 and 2017 reports), between blank lines (a copy that spaces its paragraphs);
- ``web-indents`` and ``nbsp-indents``: every paragraph indented as web pages print it, with two em spaces
  (``&emsp;&emsp;``, U+2003) or four no-break spaces (``&nbsp;``);
- ``markdown``: as a web page converted to Markdown prints it, each （三） heading a ``###`` heading and the first
  sentence of every other paragraph bold (``**提升科技创新能力。**``);
- ``line-separators``: every line break printed as Unicode's line separator (U+2028: text copied from Word or out of
  a script);
- ``part-numbers`` and ``arabic-numbers``: every （三） heading numbered 三、 or 3. instead (reports number the
  level of their task sections differently); ``no-numbers``: the number left out (a web page's list marker,
  lost when the text is copied);
- ``traditional``: traditional characters (OpenCC's s2t: Hong Kong and Taiwan reprints of a report).
- ``web-page``: the web page a government portal prints the report as (a head, a navigation bar, a ``<p>`` a
  paragraph with its source wrapped, headings bold, character references, a footer), read as ``kg`` reads an
  ``.html`` file (:func:`pipelines.html_text.page_text`);
- ``note-marks``: a note's number after every closing quote, circled (“两个毫不动摇”⑳, the first ten) or in
  brackets ([11], [12], …), as reports with a glossary print them.

Default gold: the seed and both dev files in ../shared/eval.
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from kg import scoring
from pipelines.extract import Extractor
from pipelines.html_text import page_text
from pipelines.ingest import document_from_text

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
GOLD = [EVAL / "hengyang-2021-goals.gold.jsonl", EVAL / "cn-gwr-dev.gold.jsonl", EVAL / "cn-local-dev.gold.jsonl"]
WRAP_WIDTH = 38
PAGE_CHARS = 400

ASCII_PUNCTUATION = str.maketrans("，；：（）！？", ",;:()!?")
FULL_WIDTH_DIGITS = str.maketrans({**{str(digit): chr(0xFF10 + digit) for digit in range(10)}, "%": "％", ".": "．"})
STRAIGHT_QUOTES = str.maketrans("“”", '""')


def substituted(table: dict[int, str]) -> Callable[[str], tuple[str, list[int]]]:
    """A rewrite that replaces characters one for one: offsets do not move."""
    def rewrite(text: str) -> tuple[str, list[int]]:
        return text.translate(table), list(range(len(text) + 1))
    return rewrite


def hard_wrapped(text: str, width: int = WRAP_WIDTH) -> tuple[str, list[int]]:
    """``text`` with a line break after every ``width`` characters of a line, and where each old offset went."""
    out: list[str] = []
    moved, column = [], 0
    for char in text:
        if char == "\n":
            column = 0
        elif column == width:
            out.append("\n")
            column = 0
        moved.append(len(out))
        out.append(char)
        if char != "\n":
            column += 1
    moved.append(len(out))
    return "".join(out), moved


def page_breaks(text: str, every: int = PAGE_CHARS, web: bool = False) -> tuple[str, list[int]]:
    """``text`` with a page number on a line of its own after every ``every`` characters (not at a line break), or,
    ``web``, a line holding only a zero-width space (a web copy's page break), between blank lines either way."""
    out: list[str] = []
    moved, page, since = [], 1, 0
    for char in text:
        moved.append(len(out))
        out.append(char)
        since += 1
        if since >= every and char != "\n":
            page += 1
            out.extend("\n\n\u200b\n\n" if web else f"\n\n— {page} —\n\n")
            since = 0
    moved.append(len(out))
    return "".join(out), moved


def indented(spaces: str) -> Callable[[str], tuple[str, list[int]]]:
    """A rewrite that opens every line of text with ``spaces`` (a web page's paragraph indent)."""
    def rewrite(text: str) -> tuple[str, list[int]]:
        out: list[str] = []
        moved, line_start = [], True
        for char in text:
            if line_start and char != "\n":
                out.extend(spaces)
            moved.append(len(out))
            out.append(char)
            line_start = char == "\n"
        moved.append(len(out))
        return "".join(out), moved
    return rewrite


def markdown(text: str) -> tuple[str, list[int]]:
    """``text`` as a web page converted to Markdown prints it: each （三） heading opens on ``### ``, and the first
    sentence of every other paragraph, up to 40 characters with its 。, is bold (``**提升科技创新能力。**``)."""
    inserts: dict[int, str] = {}
    for line in re.finditer(r"(?m)^[ \u3000]*(?=\S)[^\n]*", text):
        body = line.group(0).lstrip(" \u3000")
        start = line.end() - len(body)
        if SECTION_NUMBER.match(text, line.start()):
            inserts[start] = "### "
            continue
        stop = body.find("。")
        if 0 < stop < 40:
            inserts[start] = "**"
            inserts[start + stop + 1] = "**"
    out: list[str] = []
    moved = []
    for index, char in enumerate(text):
        out.extend(inserts.get(index, ""))
        moved.append(len(out))
        out.append(char)
    out.extend(inserts.get(len(text), ""))
    moved.append(len(out))
    return "".join(out), moved


SECTION_NUMBER = re.compile(r"(?m)^[ \u3000]*（(?P<ordinal>[一二三四五六七八九十]+)）")
NUMERALS = "一二三四五六七八九十"


def web_page(text: str) -> tuple[str, list[int]]:
    """``text`` as kg reads it from the web page a government portal prints it as (:func:`as_web_page`): what
    :func:`pipelines.html_text.page_text` keeps of the page, and where each old offset went in it."""
    read, _ = page_text(as_web_page(text))
    moved, position = [], 0
    for char in text:
        if not char.isspace():
            found = read.find(char, position)
            position = found if found >= 0 else position
        moved.append(position)
        if not char.isspace() and read[position:position + 1] == char:
            position += 1
    moved.append(len(read))
    return read, moved


def as_web_page(text: str) -> str:
    """``text`` as a portal's page prints a report (www.gov.cn's layout): a head with its title, a style and a
    script; a navigation bar; each paragraph a ``<p>`` indented by its style, its source wrapped every 60 characters
    or so (:func:`_source_wrapped`);
    a section heading （三） bold; “” and spaces as character references; a footer."""
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [line.strip(" \u3000") for line in paragraph.split("\n") if line.strip(" \u3000")]
        if not lines:
            continue
        body = "<br>".join(html.escape(_source_wrapped(line), quote=False).replace("“", "&ldquo;")
                           .replace("”", "&rdquo;") for line in lines)
        if SECTION_NUMBER.match(lines[0]):
            body = f"<strong>{body}</strong>"
        paragraphs.append(f'    <p style="text-indent: 2em; font-family: 宋体;">{body}</p>')
    return ("<!DOCTYPE html>\n<html>\n<head>\n  <meta charset=\"utf-8\">\n  <title>政府工作报告_中国政府网</title>\n"
            "  <style>.pages_content p { line-height: 2; }</style>\n"
            "  <script>var _hmt = _hmt || []; document.title = \"（一）不是标题。\";</script>\n</head>\n<body>\n"
            "  <div class=\"header\"><a href=\"/\">首页</a>&nbsp;|&nbsp;<a href=\"/zhengce/\">政策</a></div>\n"
            "  <div class=\"pages_content\" id=\"UCAP-CONTENT\">\n" + "\n".join(paragraphs) + "\n  </div>\n"
            "  <div class=\"footer\">版权所有：中国政府网 &copy; 2024</div>\n</body>\n</html>\n")


def _source_wrapped(line: str, width: int = 60) -> str:
    """``line`` with a line break of the page's source (and its indent) after every ``width`` characters or more,
    where two Chinese characters meet: a browser shows nothing of it there (CSS Text's segment break)."""
    out, since = [], 0
    for index, char in enumerate(line):
        out.append(char)
        since += 1
        if since >= width and CHINESE.match(char) and CHINESE.match(line, index + 1):
            out.append("\n      ")
            since = 0
    return "".join(out)


CHINESE = re.compile("[\u4e00-\u9fff]")


def renumbered(style: str) -> Callable[[str], tuple[str, list[int]]]:
    """A rewrite that numbers each section heading （三） as 三、 (``part``) or 3. (``arabic``), or not at all."""
    def rewrite(text: str) -> tuple[str, list[int]]:
        out: list[str] = []
        moved, position = [], 0
        for match in SECTION_NUMBER.finditer(text):
            ordinal = match["ordinal"]
            number = NUMERALS.index(ordinal[-1]) + 1 + (10 if len(ordinal) > 1 else 0)
            for index in range(position, match.start("ordinal") - 1):
                moved.append(len(out))
                out.append(text[index])
            moved.extend([len(out)] * (match.end() - match.start("ordinal") + 1))
            out.extend({"part": f"{ordinal}、", "arabic": f"{number}.", "none": ""}[style])
            position = match.end()
        for index in range(position, len(text)):
            moved.append(len(out))
            out.append(text[index])
        moved.append(len(out))
        return "".join(out), moved
    return rewrite


def without_line_breaks(between: str) -> Callable[[str], tuple[str, list[int]]]:
    """A rewrite that puts ``between`` ("" or a space) in place of every line break, as web copies that lost
    them print a report on one line (city-泸州-2024 with nothing, city-潍坊-2024 with a space)."""
    def rewrite(text: str) -> tuple[str, list[int]]:
        out: list[str] = []
        moved = []
        for char in text:
            moved.append(len(out))
            out.extend(between if char == "\n" else char)
        moved.append(len(out))
        return "".join(out), moved
    return rewrite


def hard_wrapped_spaced(text: str) -> tuple[str, list[int]]:
    """``text`` hard-wrapped (a PDF copy) and then on one line, a space for every line break (city-枣庄-2024)."""
    wrapped, moved = hard_wrapped(text)
    return wrapped.replace("\n", " "), moved


def hard_wrapped_doubled(text: str) -> tuple[str, list[int]]:
    """``text`` hard-wrapped, without its indents, and one blank line below every line (city-承德-2024): a paragraph's
    end looks like any other line's."""
    wrapped, moved = hard_wrapped(text)
    out: list[str] = []
    where, line_start = [], True
    for char in wrapped:
        where.append(len(out))
        if char == "\n":
            if not line_start:
                out.extend("\n\n")
            line_start = True
        elif not (line_start and char in " \u3000\t"):
            line_start = False
            out.append(char)
    where.append(len(out))
    return "".join(out), [where[at] for at in moved]


def note_marks(text: str) -> tuple[str, list[int]]:
    """``text`` with a note's number after every closing quote, and where each old offset went."""
    out: list[str] = []
    moved, notes = [], 0
    for char in text:
        moved.append(len(out))
        out.append(char)
        if char == "”":
            notes += 1
            out.extend(chr(0x2460 + notes - 1) if notes <= 10 else f"[{notes}]")
    moved.append(len(out))
    return "".join(out), moved


def traditional(text: str) -> tuple[str, list[int]]:
    """``text`` in traditional characters (OpenCC s2t), which must keep its length (it does on every gold file)."""
    from opencc import OpenCC

    converted = OpenCC("s2t").convert(text)
    if len(converted) != len(text):
        raise SystemExit("OpenCC s2t changed the length of a gold text: its offsets cannot be moved")
    return converted, list(range(len(text) + 1))


VARIANTS: dict[str, Callable[[str], tuple[str, list[int]]]] = {
    "clean": substituted({}),
    "ascii-punctuation": substituted(ASCII_PUNCTUATION),
    "full-width-digits": substituted(FULL_WIDTH_DIGITS),
    "straight-quotes": substituted(STRAIGHT_QUOTES),
    "hard-wrapped": hard_wrapped,
    "page-breaks": page_breaks,
    "web-page-breaks": functools.partial(page_breaks, web=True),
    "web-indents": indented("\u2003\u2003"),
    "nbsp-indents": indented("\u00a0" * 4),
    "markdown": markdown,
    "line-separators": substituted({ord("\n"): "\u2028"}),
    "part-numbers": renumbered("part"),
    "arabic-numbers": renumbered("arabic"),
    "no-numbers": renumbered("none"),
    "no-line-breaks": without_line_breaks(""),
    "spaces-for-breaks": without_line_breaks(" "),
    "wrapped-spaced": hard_wrapped_spaced,
    "wrapped-doubled": hard_wrapped_doubled,
    "traditional": traditional,
    "web-page": web_page,
    "note-marks": note_marks,
}


def rewritten(doc: dict, rewrite: Callable[[str], tuple[str, list[int]]]) -> dict:
    """The gold section ``doc`` with its text rewritten and its entities moved along (start at the new place
    of their first character, end after their last), each entity's text read again from the new text."""
    text, moved = rewrite(doc["text"])
    entities = []
    for entity in doc["entities"]:
        start, end = moved[entity["start"]], moved[entity["end"] - 1] + 1
        entities.append({**entity, "start": start, "end": end, "text": text[start:end]})
    return {**doc, "text": text, "entities": entities}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", type=Path, default=GOLD, help="gold files (default: seed and both dev)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS),
                        help="only these variants (repeatable; default: all)")
    args = parser.parse_args(argv)
    extractor = Extractor()
    figures: dict[str, dict[str, dict[str, float]]] = {}
    for path in args.gold:
        gold = scoring.load_jsonl(path)
        name = path.name.removesuffix(".gold.jsonl")
        for variant, rewrite in VARIANTS.items():
            if args.variant and variant not in args.variant:
                continue
            docs = {doc_id: rewritten(doc, rewrite) for doc_id, doc in gold.items()}
            predicted = {doc_id: extractor.extract(document_from_text(doc["text"], doc_id)).to_gold_dict()
                         for doc_id, doc in docs.items()}
            result, _ = scoring.score(docs, predicted)
            relations = result["relations"]["by_type"]
            figures.setdefault(name, {})[variant] = {
                "entities": result["entities"]["micro"]["f1"],
                "SERVES": relations.get("SERVES", {}).get("f1", 0.0),
                "HAS_MEASURE": relations.get("HAS_MEASURE", {}).get("f1", 0.0),
            }
            print(f"{name} {variant}: done", file=sys.stderr)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{'gold file':<22}{'printed as':<20}{'entity F1':>10}{'SERVES':>9}{'HAS_MEASURE':>13}")
    for name, by_variant in figures.items():
        for variant, row in by_variant.items():
            print(f"{name:<22}{variant:<20}{row['entities']:>10.4f}{row['SERVES']:>9.4f}{row['HAS_MEASURE']:>13.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
