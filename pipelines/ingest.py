"""Read documents from disk into :class:`kg.model.Document`, and clean them for extraction.

``Document.text`` is always the original decoded text: every offset the system reports refers to it. A web
page's text is what a reader sees of it (:func:`pipelines.html_text.page_text`), not its markup.
Cleaning (:func:`prepare`, :class:`PreparedText`, :func:`split_sentences`) lives in
:mod:`pipelines.layout` and is re-exported here.

Every problem with an input is an :class:`~kg.errors.InputError` whose message names the file (and
the line of a JSONL file) and says what to do, never a traceback.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.model import Document
from pipelines.documents import describe, split_front_matter
from pipelines.html_text import HTML_SUFFIXES, page_text
from pipelines.layout import PreparedText, prepare, split_sentences

__all__ = [
    "DEFAULT_MAX_BYTES",
    "TEXT_SUFFIXES",
    "read_documents",
    "jsonl_document",
    "document_from_text",
    "decode",
    "prepare",
    "PreparedText",
    "split_sentences",
]

DEFAULT_MAX_BYTES = 20_000_000
TEXT_SUFFIXES = frozenset({".txt", ".md"})
_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".jsonl"}
# A JSONL line's "format": its "text" as it is, or a web page's markup to read the text out of.
_FORMATS = ("text", "html")
# Text never holds these C0 controls; tab, newlines, form feed and ESC are tolerated.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_CONTROL_CHARACTERS = tuple(chr(b) for b in _CONTROL_BYTES + b"\x7f")
# Share of control characters above which a file is taken for binary data rather than text.
_MAX_CONTROL_RATIO = 0.01
_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META = ("title", "source")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def read_documents(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES,
                   text_meta: dict[str, Any] | None = None) -> Iterator[Document]:
    """Yield one :class:`Document` per ``.txt``/``.md``/``.html`` file and per line of a ``.jsonl`` file.

    A folder is read recursively in sorted order (only ``.txt``, ``.md``, ``.html``/``.htm`` and ``.jsonl``, hidden
    files and folders skipped). A file's doc_id is its stem; a JSONL line's is its ``doc_id`` or
    ``<stem>-<line number>``. Documents are yielded as they are read, so an error in a later input
    (a duplicate doc_id included) is raised after the earlier documents have been yielded.

    Each document is described (:func:`pipelines.documents.describe`: place, level, year, title, kind)
    from a JSONL line's fields, a text file's front matter (``---`` / ``place: 宜昌`` / ``---``, blanked
    out of the text so offsets still refer to the file) or ``text_meta``, which overrides both for text
    files (``kg build --place --level --year``), and what its doc_id, title and opening lines say.
    """
    seen: dict[str, str] = {}
    for file in _expand(paths):
        for doc, where in _read_file(file, max_bytes, text_meta or {}):
            if doc.doc_id in seen:
                raise InputError(f"duplicate doc_id {doc.doc_id!r}: {seen[doc.doc_id]} and {where}; "
                                 "give each document its own doc_id (or file name)")
            seen[doc.doc_id] = where
            yield doc


def document_from_text(text: str, doc_id: str, **meta: Any) -> Document:
    """A :class:`Document` from text already in memory; ``meta`` may hold ``title``, ``year``, ``source``."""
    unknown = set(meta) - {"title", "year", "source"}
    if unknown:
        raise InputError(f"document {doc_id!r}: unknown metadata {', '.join(sorted(unknown))} "
                         "(expected title, year, source)")
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise InputError(f"doc_id must be a non-empty string, not {doc_id!r}")
    return _document(text, doc_id, meta, f"document {doc_id!r}")


def decode(data: bytes, name: str) -> str:
    """Decode file bytes: BOM, then UTF-8, then GB18030, then charset-normalizer's best guess.

    ``name`` is only used in error messages. Raises :class:`InputError` for binary or undecodable data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _undecodable(name, f"it starts with a {encoding} byte-order mark but {exc.reason}") from None
            return _check_text(text.lstrip("\ufeff"), name)
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file (it contains NUL bytes), not text")
    if len(data) - len(data.translate(None, _CONTROL_BYTES)) > _MAX_CONTROL_RATIO * len(data):
        raise InputError(f"{name}: looks like a binary file (too many control characters), not text")
    try:
        return _check_text(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        # GB18030 decodes almost any double-byte text; Big5 comes out with private-use characters,
        # which real GBK text does not hold, so such a result is left to charset-normalizer.
        if not _PRIVATE_USE.search(text):
            return _check_text(text, name)
    from charset_normalizer import from_bytes  # only for the rare file that is neither UTF-8 nor GB18030

    best = from_bytes(data).best()
    if best is None:
        raise _undecodable(name, "it is neither UTF-8 nor GB18030 and no other encoding fits")
    return _check_text(str(best), name)


def _undecodable(name: str, why: str) -> InputError:
    return InputError(f"{name}: cannot be decoded ({why}); save it as UTF-8 or GB18030")


def _check_text(text: str, name: str) -> str:
    # str.count of each (a scan in C) rather than str.translate with a table (a dict lookup per character:
    # 0.2 s for the national corpus's 3 MB, read twice by kg extract)
    controls = sum(map(text.count, _CONTROL_CHARACTERS))
    if controls > _MAX_CONTROL_RATIO * max(len(text), 1):
        raise InputError(f"{name}: looks like a binary file (too many control characters), not text")
    return text


def _expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    if isinstance(paths, str | Path):
        paths = [paths]  # a lone path is a common slip; a str would otherwise be read char by char
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in sorted(path.rglob("*")):
                relative = file.relative_to(path).parts
                if file.is_file() and file.suffix.lower() in _SUFFIXES and not any(p.startswith(".") for p in relative):
                    found = True
                    yield file
            if not found:
                raise InputError(f"{path}: folder holds no .txt, .md, .html or .jsonl files")
        elif path.is_file():
            if path.suffix.lower() not in _SUFFIXES:
                raise InputError(f"{path}: unsupported file type {path.suffix or '(no extension)'!r}; "
                                 "expected .txt, .md, .html, .jsonl or a folder of them")
            yield path
        elif path.exists():
            raise InputError(f"{path}: not a regular file or folder")
        else:
            raise InputError(f"{path}: no such file or folder")


def _read_file(path: Path, max_bytes: int, text_meta: dict[str, Any]) -> Iterator[tuple[Document, str]]:
    if path.suffix.lower() == ".jsonl":
        yield from _read_jsonl(path, max_bytes)
        return
    data = _read_bytes(path, max_bytes)
    text = decode(data, str(path))
    if path.suffix.lower() in HTML_SUFFIXES:
        text, title = page_text(text)
        front = {"title": title}  # a page's <title> stands where a text file's front matter does
        if not text.strip():
            raise InputError(f"{path}: a web page that shows no text (only markup, scripts or styles); "
                             "there is nothing to extract")
    else:
        try:
            front, text = split_front_matter(text)
        except InputError as exc:
            raise InputError(f"{path}: {exc}") from None
        if not text.strip():
            raise InputError(f"{path}: contains only whitespace; there is nothing to extract")
    meta = front | {key: value for key, value in text_meta.items() if value not in (None, "")}
    yield _described(Document(doc_id=path.stem, text=text, source=str(path)), meta, str(path)), str(path)


def _described(document: Document, meta: dict[str, Any], where: str) -> Document:
    try:
        return describe(document, meta)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size  # before reading: a 50 MB file must be refused without loading it
        if size > max_bytes:
            raise InputError(
                f"{path}: is {size:,} bytes ({size / 1e6:.1f} MB), larger than the limit of {max_bytes:,} bytes "
                f"for one document; split it, or raise the limit (kg build --max-bytes {_round_up(size)}, "
                f"read_documents(..., max_bytes={_round_up(size):_}))")
        if size == 0:
            raise InputError(f"{path}: is empty; there is nothing to extract")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"{path}: is larger than the limit of {max_bytes:,} bytes; split it or raise max_bytes")
    return data


def _round_up(size: int) -> int:
    step = 10 ** max(len(str(size)) - 1, 0)
    return -(-size // step) * step


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[tuple[Document, str]]:
    """One document per line, streamed: the file may be any size, each line is held to ``max_bytes``."""
    found = False
    try:
        if path.stat().st_size == 0:
            raise InputError(f"{path}: is empty; there is nothing to extract")
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    with handle:
        # Lines end at b"\n" only: JSON strings may hold U+2028 and other characters splitlines breaks at.
        for number, raw in enumerate(handle, start=1):
            document = jsonl_document(raw, path, number, max_bytes)
            if document is not None:
                found = True
                yield document, f"{path}, line {number}"
    if not found:
        raise InputError(f"{path}: contains no JSON lines; there is nothing to extract")


def jsonl_document(raw: bytes, path: Path, number: int, max_bytes: int) -> Document | None:
    """The document on line ``number`` (from 1) of the JSONL file ``path``, or None for a blank line.

    >>> doc = jsonl_document('{"doc_id": "a", "text": "关键词", "year": 2024, "place": "宜昌"}\\n'.encode(),
    ...                      Path("c.jsonl"), 2, 200)
    >>> doc.doc_id, doc.year, doc.place, doc.places, doc.level, doc.source
    ('a', 2024, '宜昌市', ('宜昌市', '湖北省'), 'city', 'c.jsonl')
    """
    where = f"{path}, line {number}"
    if len(raw) > max_bytes:
        raise InputError(f"{where}: is {len(raw):,} bytes, larger than the limit of {max_bytes:,} bytes "
                         f"for one document; raise it with kg build --max-bytes {_round_up(len(raw))}")
    if number == 1:
        raw = raw.removeprefix(b"\xef\xbb\xbf")
    if not raw.strip():
        return None
    record = _json_line(decode(raw, where), where)
    doc_id = record.get("doc_id")
    if doc_id is None:
        doc_id = f"{path.stem}-{number}"
    elif not isinstance(doc_id, str) or not doc_id.strip():
        raise InputError(f"{where}: \"doc_id\" must be a non-empty string, not {doc_id!r}")
    meta = {key: record[key] for key in ("title", "year", "source") if record.get(key) is not None}
    meta.setdefault("source", str(path))
    text = record.get("text")
    form = record.get("format", "text")
    if form not in _FORMATS:
        raise InputError(f"{where}: \"format\" must be one of {', '.join(map(repr, _FORMATS))}, not {form!r}")
    if form == "html" and isinstance(text, str):
        text, title = page_text(text)  # the page's text is the document: offsets refer to it
        if title and "title" not in meta:
            meta["title"] = title
    described = {key: record[key] for key in ("place", "level", "kind") if record.get(key) is not None}
    for key, value in described.items():
        if not isinstance(value, str):
            raise InputError(f"{where}: \"{key}\" must be a string, not {value!r}")
    return _described(_document(text, doc_id, meta, where), described, where)


def _json_line(line: str, where: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object with a \"text\" field, got {type(record).__name__}")
    return record


def _document(text: Any, doc_id: str, meta: dict[str, Any], where: str) -> Document:
    if not isinstance(text, str):
        problem = "is missing" if text is None else f"must be a string, not {type(text).__name__}"
        raise InputError(f"{where}: \"text\" {problem}")
    if not text.strip():
        raise InputError(f"{where}: \"text\" is empty; there is nothing to extract")
    year = meta.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise InputError(f"{where}: \"year\" must be an integer such as 2021, not {year!r}")
    for key in _META:
        if not isinstance(meta.get(key, ""), str):
            raise InputError(f"{where}: \"{key}\" must be a string, not {meta[key]!r}")
    return Document(doc_id=doc_id, text=text, title=meta.get("title", ""), year=year,
                    source=meta.get("source", ""))
