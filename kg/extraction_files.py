"""Extraction files: what ``kg build --engine dask`` writes per partition and ``kg load`` puts into a store.

A directory of them holds ``part-00000.jsonl`` … (one :meth:`~kg.model.Extraction.to_record` per line, with
``"format": "kg-extraction/1"``) and ``manifest.json``, written last, naming every part with its number of
documents. Every file is written to a temporary file beside it and renamed into place, so a part or the
manifest is whole or absent; a directory without a manifest is a run that did not finish, and
:func:`extraction_files` refuses it.

>>> import tempfile
>>> from kg.model import Document, Span
>>> ex = Extraction(Document("d", "关键词 产业强市。"), [Span("m1", 4, 8, "GOAL", "产业强市")], [], [(0, 9)])
>>> with tempfile.TemporaryDirectory() as tmp:
...     part = write_part(Path(tmp), 0, [ex])
...     manifest = write_manifest(Path(tmp), [part])
...     [e.document.doc_id for e in read_extractions(extraction_files([Path(tmp)]))]
['d']
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError
from kg.files import fsync_directory
from kg.model import Extraction

__all__ = ["FORMAT", "MANIFEST", "part_name", "write_part", "write_manifest", "remove_run", "extraction_files",
           "read_extractions"]

FORMAT = "kg-extraction/1"
MANIFEST = "manifest.json"
_PART_GLOB = "part-*.jsonl"


def part_name(index: int) -> str:
    """``part-00003.jsonl``: parts sort in partition order."""
    return f"part-{index:05d}.jsonl"


def write_part(directory: Path, index: int, extractions: Iterable[Extraction]) -> dict[str, Any]:
    """Write the extractions of partition ``index`` atomically into ``directory``; returns its manifest
    entry: ``{"file", "documents", "chars", "doc_ids"}``."""
    doc_ids, chars = [], 0

    def lines() -> Iterator[str]:
        nonlocal chars
        for extraction in extractions:
            doc_ids.append(extraction.document.doc_id)
            chars += len(extraction.document.text)
            yield json.dumps({"format": FORMAT} | extraction.to_record(), ensure_ascii=False) + "\n"

    name = part_name(index)
    _write_atomically(directory / name, lines())
    return {"file": name, "documents": len(doc_ids), "chars": chars, "doc_ids": doc_ids}


def write_manifest(directory: Path, parts: Sequence[dict[str, Any]]) -> Path:
    """Write ``manifest.json`` (last: it marks the run complete), with the parts in partition order."""
    parts = sorted(parts, key=lambda part: part["file"])
    manifest = {"format": FORMAT, "documents": sum(part["documents"] for part in parts),
                "chars": sum(part["chars"] for part in parts), "parts": list(parts)}
    path = directory / MANIFEST
    _write_atomically(path, [json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"])
    return path


def remove_run(directory: Path) -> None:
    """Remove an earlier run's manifest (first: the directory stops being a complete run), then its parts."""
    (directory / MANIFEST).unlink(missing_ok=True)
    for part in directory.glob(_PART_GLOB):
        part.unlink()


def extraction_files(paths: Iterable[Path]) -> list[Path]:
    """The part files to load: a directory stands for the parts its manifest names, in order; a file for
    itself. InputError for a directory without a manifest (an unfinished run) or a missing part."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            manifest_path = path / MANIFEST
            try:
                manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
                names = [part["file"] for part in manifest["parts"]]
            except FileNotFoundError:
                raise InputError(f"{path}: no {MANIFEST}; the run that wrote it did not finish "
                                 "(run it again, or name the part files)") from None
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise InputError(f"{manifest_path}: not a kg manifest ({exc})") from None
            for name in names:
                if not (path / name).is_file():
                    raise InputError(f"{path / name}: named in {MANIFEST} but missing")
                files.append(path / name)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def read_extractions(files: Iterable[Path]) -> Iterator[Extraction]:
    """Every extraction of ``files``, in order, validated; InputError naming the file and line of a bad
    record, or of a document found twice."""
    seen: dict[str, str] = {}
    for file in files:
        try:
            handle = file.open(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{file}: cannot be read ({exc.strerror or exc})") from None
        with handle:
            for number, line in enumerate(handle, start=1):
                where = f"{file}, line {number}"
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    raise InputError(f"{where}: not valid JSON ({exc})") from None
                if not isinstance(record, dict) or record.pop("format", None) != FORMAT:
                    raise InputError(f"{where}: not a {FORMAT} record (as kg build --engine dask writes)")
                try:
                    extraction = Extraction.from_record(record)
                except KgError as exc:
                    raise InputError(f"{where}: {exc}") from None
                doc_id = extraction.document.doc_id
                if doc_id in seen:
                    raise InputError(f"duplicate doc_id {doc_id!r}: {seen[doc_id]} and {where}")
                seen[doc_id] = where
                yield extraction


def _write_atomically(path: Path, chunks: Iterable[str]) -> None:
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp", delete=False)
    try:
        with handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    fsync_directory(path.parent)
