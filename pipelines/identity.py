"""Which entity a mention is of, across documents: the identity step after extraction.

A mention's entity is its label, a name and a scope (``kg.ids.entity_id``):

* **names**: aliases (``data/aliases.tsv``: 进博会 → 中国国际进口博览会, 雄安 → 雄安新区), abbreviation
  rules (``data/alias_rules.tsv``: 西部大开发战略 → 西部大开发), and divisions of China read through the
  gazetteer near the issuing place (宜昌 → 宜昌市; 伍家岗 → 伍家岗区, told apart from namesakes elsewhere by
  the divisions above it);
* **scope**: national-level things (programmes, industries, organisations, places) are the same in every
  document; what a local government plans (its projects, goals, measures and targets) is local to the
  issuing place (``Document.place_id``), unless the project's name itself carries a place (宜昌三峡机场:
  it has a nested PLACE; 长三角…: it begins with a region of ``data/place_regions.txt``) or the project is
  one across the country (``data/national_projects.txt``: 西部陆海新通道, 中欧班列) — so two cities' 高铁新城
  are two entities, one city's 高铁新城 of 2024 and 2025 one.

Nothing here changes what the extractor found (spans, offsets, labels, links): only ``Span.canonical`` and
``Span.scope``, which the mention-level output leaves out, so ``kg eval`` scores are the same.
"""

from __future__ import annotations

import dataclasses
import functools

from kg.ids import normalise_name
from kg.model import Extraction, Span
from pipelines import gazetteer
from pipelines.documents import place_scope, resolve_place
from pipelines.lexicon import read_list

__all__ = ["resolve_identity", "canonical_name", "LOCAL_LABELS", "LOCAL_LEVELS"]

LOCAL_LABELS = frozenset({"PROJECT", "GOAL", "MEASURE", "TARGET"})
LOCAL_LEVELS = frozenset({"provincial", "city", "county"})


@functools.cache
def _aliases() -> dict[tuple[str, str], str]:
    table = {}
    for line in read_list("aliases.tsv"):
        label, alias, canonical = (part.strip() for part in line.split("\t"))
        table[label, normalise_name(alias)] = normalise_name(canonical)
    return table


@functools.cache
def _rules() -> dict[str, list[tuple[str, int]]]:
    rules: dict[str, list[tuple[str, int]]] = {}
    for line in read_list("alias_rules.tsv"):
        label, word, shortest = (part.strip() for part in line.split("\t"))
        rules.setdefault(label, []).append((word, int(shortest)))
    for words in rules.values():
        words.sort(key=lambda rule: -len(rule[0]))  # the longest trailing word first
    return rules


def canonical_name(label: str, text: str) -> str:
    """The name an entity of ``label`` named ``text`` goes by, or "" when it is the text itself.

    >>> canonical_name("PROGRAMME", "西部大开发战略"), canonical_name("ORG", "进博会"), canonical_name("ORG", "比亚迪")
    ('西部大开发', '中国国际进口博览会', '')
    """
    name = normalise_name(text)
    for word, shortest in _rules().get(label, ()):
        if name.endswith(word) and len(name) - len(word) >= shortest:
            name = name[:-len(word)]
            break
    name = _aliases().get((label, name)) or _aliases().get(("*", name)) or name
    return "" if name == normalise_name(text) else name


def resolve_identity(extraction: Extraction) -> Extraction:
    """The extraction with each span's ``canonical`` name and ``scope`` set (see the module's docstring)."""
    document = extraction.document
    issuer = resolve_place(document.place, document.level) if document.level in LOCAL_LEVELS else None
    local_scope = document.place_id if document.level in LOCAL_LEVELS else ""
    by_id = {span.id: span for span in extraction.spans}
    named_places = {link.head for link in extraction.links if link.type == "LOCATED_IN"
                    and _nested(by_id[link.tail], by_id[link.head])}
    spans = []
    for span in extraction.spans:
        canonical, scope = canonical_name(span.label, span.text), ""
        if span.label == "PLACE":
            place = _division(canonical or span.text, issuer)
            if place is not None:
                canonical, scope = place.full_name, place_scope(place)
                canonical = "" if canonical == normalise_name(span.text) else canonical
        elif span.label in LOCAL_LABELS and not (span.label == "PROJECT" and (
                span.id in named_places or _national_project(canonical or span.text))):
            scope = local_scope
        spans.append(dataclasses.replace(span, canonical=canonical, scope=scope) if canonical or scope else span)
    return Extraction(document, spans, extraction.links, extraction.sentences)


@functools.cache
def _national() -> tuple[frozenset[str], tuple[str, ...]]:
    regions = tuple(line.split("\t")[0].strip() for line in read_list("place_regions.txt"))
    return frozenset(normalise_name(name) for name in read_list("national_projects.txt")), regions


def _national_project(name: str) -> bool:
    """A project that is one thing across the country: listed in national_projects.txt, or named after a
    region (粤港澳大湾区国际科技创新中心)."""
    projects, regions = _national()
    name = normalise_name(name)
    return name in projects or name.startswith(regions)


def _nested(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _division(name: str, issuer: gazetteer.Place | None) -> gazetteer.Place | None:
    """The division of China a PLACE name stands for, read near the issuing place; None for regions,
    countries and names that stay ambiguous."""
    return gazetteer.default().lookup(normalise_name(name), near=[issuer] if issuer is not None else [])
