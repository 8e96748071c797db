"""Mentions and evidence as the embedded store holds them: offsets packed in arrays, text read from the document.

A mention dict (:meth:`kg.model.Mention.to_dict`) repeats its sentence, so a sentence with ten mentions
was held ten times, and a graph took about 270 bytes of memory per input character. Here the store keeps
each document's text once, and per (document, entity) one ``array`` of four offsets per mention
(start, end, sentence_start, sentence_end); per (document, relation) one array of six offsets per piece of
evidence (sentence_start, sentence_end, head_start, head_end, tail_start, tail_end) and the measure
names, or None when no piece has one. A mention's ``text`` is ``text[start:end]`` and a sentence is
``text[sentence_start:sentence_end].strip()`` (how :class:`kg.model.Extraction` made them), so the dicts
made back from them are equal to the originals.

>>> from kg.model import Mention
>>> text = "  建设产业园。"
>>> packed = pack_mentions([Mention("d", 4, 7, "产业园", "建设产业园。", 0, 9)])
>>> list(packed), mention_count(packed)
([4, 7, 0, 9], 1)
>>> next(mention_dicts("d", text, packed))["sentence"]
'建设产业园。'
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from kg.model import Evidence, Mention
from kg.stores import records as rec

__all__ = ["Packed", "PackedEvidence", "MENTION_FIELDS", "EVIDENCE_FIELDS", "pack_mentions", "mention_count",
           "mention_dicts", "mention_attrs", "mentions_from_flat", "pack_evidence", "evidence_count", "evidence_dicts",
           "flat_evidence", "evidence_from_flat"]

MENTION_FIELDS = 4
EVIDENCE_FIELDS = 6
Packed = array  # of signed 64-bit offsets ("q")
PackedEvidence = tuple[array, tuple[str | None, ...] | None]  # offsets, measures (None when none has one)


def pack_mentions(mentions: Iterable[Mention]) -> Packed:
    """One document's mentions of one entity, in the contract's mention order."""
    ordered = sorted((m.to_dict() for m in mentions), key=rec.mention_key)
    return array("q", [value for m in ordered
                       for value in (m["start"], m["end"], m["sentence_start"], m["sentence_end"])])


def mention_attrs(mentions: Iterable[Mention]) -> tuple[dict[str, Any], ...] | None:
    """The attrs of one document's mentions of one entity, in :func:`pack_mentions`'s order; None when no
    mention has any (the usual case: only PROJECT mentions carry a stage, an investment …)."""
    ordered = sorted((m.to_dict() for m in mentions), key=rec.mention_key)
    attrs = tuple(m["attrs"] for m in ordered)
    return attrs if any(attrs) else None


def mention_count(packed: Packed) -> int:
    return len(packed) // MENTION_FIELDS


def mention_dicts(doc_id: str, text: str, packed: Packed,
                  attrs: Sequence[dict[str, Any]] | None = None) -> Iterator[dict[str, Any]]:
    for item, index in enumerate(range(0, len(packed), MENTION_FIELDS)):
        start, end, sentence_start, sentence_end = packed[index:index + MENTION_FIELDS]
        yield {"doc_id": doc_id, "start": start, "end": end, "text": text[start:end],
               "sentence": text[sentence_start:sentence_end].strip(),
               "sentence_start": sentence_start, "sentence_end": sentence_end,
               "attrs": dict(attrs[item]) if attrs is not None else {}}


def pack_evidence(evidence: Iterable[Evidence]) -> PackedEvidence:
    """One document's evidence of one relation, in the contract's evidence order."""
    ordered = sorted((e.to_dict() for e in evidence), key=rec.evidence_key)
    offsets = array("q", [value for e in ordered for value in (
        e["sentence_start"], e["sentence_end"], e["head_start"], e["head_end"], e["tail_start"], e["tail_end"])])
    measures = tuple(e["measure"] for e in ordered)
    return offsets, measures if any(m is not None for m in measures) else None


def evidence_count(packed: PackedEvidence) -> int:
    return len(packed[0]) // EVIDENCE_FIELDS


def evidence_dicts(doc_id: str, text: str, packed: PackedEvidence) -> Iterator[dict[str, Any]]:
    offsets, measures = packed
    for item, index in enumerate(range(0, len(offsets), EVIDENCE_FIELDS)):
        sentence_start, sentence_end, head_start, head_end, tail_start, tail_end = \
            offsets[index:index + EVIDENCE_FIELDS]
        yield {"doc_id": doc_id, "sentence": text[sentence_start:sentence_end].strip(),
               "sentence_start": sentence_start, "sentence_end": sentence_end,
               "head_start": head_start, "head_end": head_end, "tail_start": tail_start, "tail_end": tail_end,
               "measure": measures[item] if measures is not None else None}


def flat_evidence(packed: PackedEvidence) -> list[Any]:
    """The saved form: [the six offsets of each piece, one after the other; the measures, or null]."""
    offsets, measures = packed
    return [offsets.tolist(), list(measures) if measures is not None else None]


def evidence_from_flat(flat: Sequence[Any]) -> PackedEvidence:
    """The inverse of :func:`flat_evidence`; ValueError (or TypeError) when ``flat`` is not of that shape."""
    values, measures = flat
    offsets = array("q", values)
    if len(offsets) % EVIDENCE_FIELDS:
        raise ValueError(f"evidence of {len(offsets)} offsets is not a multiple of {EVIDENCE_FIELDS}")
    if measures is None:
        return offsets, None
    if len(measures) * EVIDENCE_FIELDS != len(offsets) or not all(m is None or isinstance(m, str) for m in measures):
        raise ValueError("evidence measures that do not match its offsets")
    return offsets, tuple(measures)


def mentions_from_flat(flat: Sequence[int]) -> Packed:
    """A saved mention list (four offsets per mention) as held in memory; ValueError when malformed."""
    if len(flat) % MENTION_FIELDS:
        raise ValueError(f"mentions of {len(flat)} values are not a multiple of {MENTION_FIELDS}")
    return array("q", flat)  # TypeError for anything but integers
