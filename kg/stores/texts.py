"""The documents' texts as the embedded store keeps them: on disk, read a slice at a time.

Every offset the store keeps (a mention's, a sentence's) is a character offset into a document's text, and
an answer needs only a few characters around each: a mention's text and its sentence. So the texts are
written to an unnamed temporary file (created in the system's temporary directory, gone when the process
ends) in UTF-32, four bytes per character, so that characters ``start:end`` of a text are one ``pread`` of
``4 * (end - start)`` bytes at a known place; memory holds two integers per document, not its text. The
graph file still carries every text (:meth:`kg.stores.networkx_store.NetworkXStore.save` writes them from
here), so this file is a working copy, never the record.

>>> texts = DocumentTexts()
>>> texts.add("d", "  建设产业园。")
>>> texts.read("d", 4, 7), texts.read("d", 0, 9).strip(), texts.text("d")
('产业园', '建设产业园。', '  建设产业园。')
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from typing import IO

__all__ = ["DocumentTexts", "Location"]

Location = tuple[int, int]  # (first character in the file, length in characters)
_WIDTH = 4  # bytes per character in UTF-32
_CODEC = ("utf-32-le", "surrogatepass")  # every str, lone surrogates included, round-trips


class DocumentTexts:
    """doc_id -> text, held in a temporary file. Appending only; :meth:`compact` drops the texts of
    documents no longer held. Reads (``os.pread``) need no lock and never move a file position."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._fd = -1  # its descriptor
        self._where: dict[str, Location] = {}
        self._end = 0  # characters written to the file
        self._live = 0  # characters of the texts held

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._where

    def add(self, doc_id: str, text: str) -> None:
        """Hold ``text`` as ``doc_id``'s (replacing what it had)."""
        data = text.encode(*_CODEC)
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="kg-texts-")
            self._fd = self._file.fileno()
        written = os.pwrite(self._file.fileno(), data, self._end * _WIDTH)
        while written < len(data):  # a short write: rare, but allowed
            written += os.pwrite(self._file.fileno(), data[written:], self._end * _WIDTH + written)
        self.put(doc_id, (self._end, len(text)))
        self._end += len(text)

    def location(self, doc_id: str) -> Location:
        return self._where[doc_id]

    def put(self, doc_id: str, location: Location) -> None:
        """Point ``doc_id`` at a text already in the file (one :meth:`location` gave): a rollback."""
        self.pop(doc_id)
        self._where[doc_id] = location
        self._live += location[1]

    def pop(self, doc_id: str) -> None:
        location = self._where.pop(doc_id, None)
        if location is not None:
            self._live -= location[1]

    def clear(self) -> None:
        self._where.clear()
        self._end = self._live = 0
        if self._file is not None:
            self._file.truncate(0)

    def read(self, doc_id: str, start: int, end: int) -> str:
        """``text[start:end]`` of ``doc_id``'s text (the same characters as slicing the text would give)."""
        base, length = self._where[doc_id]
        if not 0 <= start <= end <= length:  # what slicing does out of bounds
            start, end, _ = slice(start, end).indices(length)
            if end <= start:
                return ""
        return os.pread(self._fd, (end - start) * _WIDTH, (base + start) * _WIDTH).decode(*_CODEC)

    def text(self, doc_id: str) -> str:
        return self.read(doc_id, 0, self._where[doc_id][1])

    def compact(self) -> None:
        """Rewrite the file with only the texts held, when it holds more of others (replaced documents);
        locations change, so never between a :meth:`location` and its :meth:`put`."""
        if self._file is None or self._end - self._live <= max(self._live, 1 << 20):
            return
        old, where, end, live = self._file, self._where, self._end, self._live
        self._file, self._where, self._end, self._live = None, {}, 0, 0
        try:
            for doc_id, (base, length) in where.items():
                data = os.pread(old.fileno(), length * _WIDTH, base * _WIDTH)
                self.add(doc_id, data.decode(*_CODEC))
        except BaseException:
            if self._file is not None:
                self._file.close()
            self._file, self._where, self._end, self._live = old, where, end, live
            self._fd = old.fileno()
            raise
        old.close()

    def doc_ids(self) -> Iterable[str]:
        return self._where.keys()
