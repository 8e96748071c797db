"""Exports of the graph for other tools: GraphML (networkx, Gephi), CSV in ``neo4j-admin database import``
format (R, spreadsheets, bulk loading) and JSONL (one JSON object per node and per relationship).

Every export is a function of a :class:`GraphSnapshot` (documents, entities with their mentions, relations
with their evidence, all in contract order), so the same graph always gives byte-identical files. Each is
written to a temporary file or directory beside the output and renamed into place at the end: an
interrupted export leaves nothing at the output path.

>>> from kg.stores.networkx_store import NetworkXStore
>>> snapshot = GraphSnapshot.of(NetworkXStore())
>>> len(snapshot.entities), len(snapshot.relations)
(0, 0)
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from kg.errors import ExportError
from kg.files import fsync_directory
from kg.model import ENTITY_LABELS, RELATION_TYPES, WITHIN
from kg.stores.records import DocumentRecord, EntityWithMentions, RelationRecord

__all__ = ["FORMATS", "ARRAY_DELIMITER", "GraphSnapshot", "ExportSummary", "export_graph", "neo4j_admin_arguments",
           "DEFAULT_OUTPUT"]

FORMATS = ("graphml", "csv", "jsonl")
DEFAULT_OUTPUT = {"graphml": Path("graph.graphml"), "csv": Path("graph-csv"), "jsonl": Path("graph.jsonl")}
ARRAY_DELIMITER = ";"  # neo4j-admin's default for string[] columns
DOCUMENTS_JOIN = ";"  # documents as one string in GraphML


@dataclass(frozen=True)
class GraphSnapshot:
    """The whole graph, in contract order: what every export is made of."""

    documents: list[DocumentRecord]
    entities: list[EntityWithMentions]
    relations: list[RelationRecord]

    @classmethod
    def of(cls, store: Any) -> GraphSnapshot:
        """Read a store that offers whole-graph reads (``all_entities``, ``all_relations``: the NetworkX store)."""
        return cls(store.documents(), store.all_entities(), store.all_relations())

    def restricted(self, doc_ids: set[str] | None) -> GraphSnapshot:
        """What the documents ``doc_ids`` state (all of it for None): those documents; the entities they
        mention, each with its mentions in them only (``documents`` and ``mention_count`` to match); the
        relations they state, each with its evidence in them only. Ids, mentions and evidence are those of a
        graph built from those documents alone; an entity's merged ``attrs`` stay those of the whole graph.

        >>> GraphSnapshot([], [], []).restricted({"city-宜昌-2024"}).entities
        []
        """
        if doc_ids is None:
            return self
        documents = [d for d in self.documents if d.doc_id in doc_ids]
        steps = set().union(*(_chain_steps(d) for d in documents))
        relations = []
        for relation in self.relations:
            evidence = [e for e in relation.evidence if e.doc_id in doc_ids]
            if evidence or (relation.type == WITHIN and (relation.head.id, relation.tail.id) in steps):
                relations.append(relation.model_copy(update={"evidence": evidence}))
        # a relation's ends are named in each sentence stating it, so they are among the entities kept
        ends = {end.id for relation in relations for end in (relation.head, relation.tail)}
        entities = []
        for entity in self.entities:
            mentions = [m for m in entity.mentions if m.doc_id in doc_ids]
            if mentions or entity.id in ends:
                entities.append(entity.model_copy(update={
                    "mentions": mentions, "mention_count": len(mentions),
                    "documents": [d for d in entity.documents if d in doc_ids]}))
        return GraphSnapshot(documents, entities, relations)

    def relation_documents(self, relation: RelationRecord) -> list[str]:
        """The documents stating a relation: those of its evidence, or for a WITHIN (no evidence: the
        gazetteer says so) those whose issuing place's chain takes that step, as the stores keep them."""
        if relation.type != WITHIN:
            return sorted({evidence.doc_id for evidence in relation.evidence})
        return sorted(self._step_documents.get((relation.head.id, relation.tail.id), []))

    @cached_property
    def _step_documents(self) -> dict[tuple[str, str], list[str]]:
        within: dict[tuple[str, str], list[str]] = {}
        for document in self.documents:
            for step in _chain_steps(document):
                within.setdefault(step, []).append(document.doc_id)
        return within


def _chain_steps(document: DocumentRecord) -> set[tuple[str, str]]:
    """(child, parent) PLACE ids of each step of the document's chain of places (the WITHIN relations)."""
    return set(zip(document.place_ids, document.place_ids[1:], strict=False))


@dataclass(frozen=True)
class ExportSummary:
    format: str
    path: Path
    nodes: int
    edges: int
    files: int


def export_graph(snapshot: GraphSnapshot, output_format: str, out: Path, *, force: bool = False) -> ExportSummary:
    """Write ``snapshot`` to ``out`` in ``output_format`` (graphml, csv: a directory, jsonl).

    An existing ``out`` is an :class:`~kg.errors.ExportError` unless ``force``, when it is replaced.
    """
    writers = {"graphml": _write_graphml, "csv": _write_csv, "jsonl": _write_jsonl}
    if output_format not in writers:
        raise ExportError(f"unknown export format {output_format!r}; choose from {', '.join(FORMATS)}")
    out = Path(out)
    _refuse_existing(out, force)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if output_format == "csv":
            temp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
            try:
                nodes, edges, files = _write_csv(snapshot, temp)
                _install(temp, out, force)
            finally:
                shutil.rmtree(temp, ignore_errors=True)
        else:
            fd, temp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
            os.close(fd)
            temp = Path(temp_name)
            try:
                nodes, edges, files = writers[output_format](snapshot, temp)
                _install(temp, out, force)
            finally:
                temp.unlink(missing_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot write the export to {out}: {exc}") from exc
    return ExportSummary(output_format, out, nodes, edges, files)


def neo4j_admin_arguments(directory: Path) -> list[str]:
    """The arguments of ``neo4j-admin database import full`` that load a CSV export from ``directory``."""
    files = sorted(Path(directory).glob("*.csv"))
    return ([f"--nodes={path}" for path in files if path.name.startswith("nodes_")]
            + [f"--relationships={path}" for path in files if path.name.startswith("relationships_")]
            + [f"--array-delimiter={ARRAY_DELIMITER}", "--multiline-fields=true"])


# -- atomic output -------------------------------------------------------------------------------------

def _refuse_existing(out: Path, force: bool) -> None:
    if (out.exists() or out.is_symlink()) and not force:
        raise ExportError(f"{out} exists; choose another --out or pass --force to replace it")


def _install(temp: Path, out: Path, force: bool) -> None:
    """Rename the finished ``temp`` to ``out``; with ``force`` an existing ``out`` is replaced (a file
    atomically; a directory is moved aside first and deleted once the new one is in place)."""
    _refuse_existing(out, force)  # again: it may have appeared while the export was written
    _set_default_mode(temp)
    if out.is_dir() and not out.is_symlink():
        aside = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".old"))
        os.replace(out, aside / out.name)
        os.replace(temp, out)
        shutil.rmtree(aside, ignore_errors=True)
        return
    if temp.is_dir() and (out.exists() or out.is_symlink()):  # a directory cannot replace a file
        out.unlink()
    os.replace(temp, out)
    fsync_directory(out.parent)


def _set_default_mode(path: Path) -> None:
    """mkstemp/mkdtemp make private files; give the export the mode of any new file (umask applied)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~umask)


def _text_file(path: Path) -> io.TextIOWrapper:
    return open(path, "w", encoding="utf-8", newline="")


def _sync(handle: io.TextIOWrapper) -> None:
    handle.flush()
    os.fsync(handle.fileno())


# -- GraphML -------------------------------------------------------------------------------------------

def _write_graphml(snapshot: GraphSnapshot, path: Path) -> tuple[int, int, int]:
    """Entities as nodes, relations as edges, every attribute a flat scalar (GraphML and Gephi know no
    lists). Written by hand rather than with ``nx.write_graphml``: three times faster, same XML shape."""
    attr_types = _attr_types(snapshot.entities)
    node_keys = [("label", "string"), ("name", "string"), ("mention_count", "long"), ("document_count", "long"),
                 ("documents", "string"), ("attrs_json", "string"),
                 *((f"attr_{key}", "double" if kind is float else "string") for key, kind in sorted(attr_types.items()))]
    edge_keys = [("type", "string"), ("label", "string"), ("weight", "double"), ("evidence_count", "long"),
                 ("documents", "string")]
    key_ids = {("node", name): f"d{index}" for index, (name, _) in enumerate(node_keys)}
    key_ids |= {("edge", name): f"d{len(node_keys) + index}" for index, (name, _) in enumerate(edge_keys)}
    with _text_file(path) as handle:
        write = handle.write
        write('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/'
              'xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        for scope, keys in (("node", node_keys), ("edge", edge_keys)):
            for name, kind in keys:
                write(f'  <key id="{key_ids[scope, name]}" for="{scope}" attr.name="{name}" attr.type="{kind}"/>\n')
        write('  <graph id="kg" edgedefault="directed">\n')
        for entity in snapshot.entities:
            data: dict[str, Any] = {
                "label": entity.label, "name": entity.name, "mention_count": entity.mention_count,
                "document_count": len(entity.documents), "documents": DOCUMENTS_JOIN.join(entity.documents),
                "attrs_json": json.dumps(entity.attrs, ensure_ascii=False, sort_keys=True)}
            for key in sorted(entity.attrs):
                if entity.attrs[key] is not None:
                    data[f"attr_{key}"] = _scalar(entity.attrs[key], attr_types[key])
            write(f"    <node id={_xml_attribute(entity.id)}>{_graphml_data('node', data, key_ids)}</node>\n")
        for relation in snapshot.relations:
            documents = snapshot.relation_documents(relation)
            data = {"type": relation.type, "label": relation.type, "weight": float(len(relation.evidence)),
                    "evidence_count": len(relation.evidence), "documents": DOCUMENTS_JOIN.join(documents)}
            write(f"    <edge id={_xml_attribute(relation.id)} source={_xml_attribute(relation.head.id)} "
                  f"target={_xml_attribute(relation.tail.id)}>{_graphml_data('edge', data, key_ids)}</edge>\n")
        write("  </graph>\n</graphml>\n")
        _sync(handle)
    return len(snapshot.entities), len(snapshot.relations), 1


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value: Any) -> str:
    """A value as XML character data: characters XML 1.0 cannot hold are dropped."""
    return xml_escape(_XML_ILLEGAL.sub("", value if isinstance(value, str) else repr(value)))


def _xml_attribute(value: str) -> str:
    return quoteattr(_XML_ILLEGAL.sub("", value))


def _graphml_data(scope: str, data: dict[str, Any], key_ids: dict[tuple[str, str], str]) -> str:
    return "".join(f'<data key="{key_ids[scope, name]}">{_xml_text(value)}</data>' for name, value in data.items())


def _attr_types(entities: Iterable[EntityWithMentions]) -> dict[str, type]:
    """One GraphML type per attribute key: float when every value of it is a number (or None), else str."""
    numeric: dict[str, bool] = {}
    for entity in entities:
        for key, value in entity.attrs.items():
            if value is None:  # not written, so no say in the type
                numeric.setdefault(key, True)
                continue
            is_number = isinstance(value, int | float) and not isinstance(value, bool)
            numeric[key] = numeric.get(key, True) and is_number
    return {key: float if is_number else str for key, is_number in numeric.items()}


def _scalar(value: Any, kind: type) -> float | str:
    if kind is float:
        return float(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


# -- JSONL ---------------------------------------------------------------------------------------------

def _write_jsonl(snapshot: GraphSnapshot, path: Path) -> tuple[int, int, int]:
    """Documents, then entities, then relations, one object a line, in the shape of APOC's JSON export."""
    with _text_file(path) as handle:
        for line in _jsonl_lines(snapshot):
            handle.write(line + "\n")
        _sync(handle)
    return len(snapshot.documents) + len(snapshot.entities), len(snapshot.relations), 1


def _jsonl_lines(snapshot: GraphSnapshot) -> Iterator[str]:
    def dumps(record: dict[str, Any]) -> str:
        return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    for document in snapshot.documents:
        yield dumps({"type": "node", "id": document.doc_id, "labels": ["Document"],
                     "properties": document.model_dump(exclude={"entity_count", "relation_count"})})
    for entity in snapshot.entities:
        yield dumps({"type": "node", "id": entity.id, "labels": ["Entity", entity.label],
                     "properties": entity.model_dump()})
    for relation in snapshot.relations:
        yield dumps({"type": "relationship", "id": relation.id, "label": relation.type,
                     "start": {"id": relation.head.id, "labels": ["Entity", relation.head.label]},
                     "end": {"id": relation.tail.id, "labels": ["Entity", relation.tail.label]},
                     "properties": {"id": relation.id,
                                    "doc_ids": snapshot.relation_documents(relation),
                                    "evidence": [evidence.model_dump() for evidence in relation.evidence]}})


# -- CSV for neo4j-admin -------------------------------------------------------------------------------

DOCUMENT_HEADER = ["doc_id:ID(Document)", ":LABEL", "title", "year:int", "source", "length:int", "place",
                   "place_id", "places:string[]", "place_ids:string[]", "level", "kind"]
ENTITY_HEADER = ["id:ID(Entity)", ":LABEL", "label", "name", "mention_count:int", "documents:string[]",
                 "attrs_json"]
MENTION_HEADER = [":ID(Mention)", ":LABEL", "doc_id", "start:int", "end:int", "text", "sentence",
                  "sentence_start:int", "sentence_end:int", "attrs_json", "stage", "hedge", "investment:double",
                  "investment_unit", "investment_yuan:double", "capacity:double", "capacity_unit"]
EVIDENCE_HEADER = [":ID(Evidence)", ":LABEL", "rel_id", "doc_id", "sentence", "sentence_start:int",
                   "sentence_end:int", "head_start:int", "head_end:int", "tail_start:int", "tail_end:int", "measure"]
RELATION_HEADER = [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "id", "doc_ids:string[]", "evidence_count:int"]
IN_DOCUMENT_HEADER = [":START_ID(Entity)", ":END_ID(Document)", ":TYPE", "mention_count:int"]
MENTION_OF_HEADER = [":START_ID(Mention)", ":END_ID(Entity)", ":TYPE"]


def _write_csv(snapshot: GraphSnapshot, directory: Path) -> tuple[int, int, int]:
    """One file per node label and per relationship type, in the layout of kg's Neo4j store (Entity,
    Document, Mention and Evidence nodes; Evidence names its relation by ``rel_id``), so an import gives
    the same /stats as ``kg build --store neo4j``. Sentences are kept as text on mentions and evidence."""
    tables: dict[str, tuple[list[str], list[list[Any]]]] = {
        "nodes_Document": (DOCUMENT_HEADER, [[d.doc_id, "Document", d.title, d.year, d.source, d.length, d.place,
                                               d.place_id, ARRAY_DELIMITER.join(d.places),
                                               ARRAY_DELIMITER.join(d.place_ids), d.level, d.kind]
                                              for d in snapshot.documents])}
    for label in ENTITY_LABELS:
        tables[f"nodes_{label}"] = (ENTITY_HEADER, [])
    mentions, mention_of, in_document = [], [], []
    for entity in snapshot.entities:
        tables[f"nodes_{entity.label}"][1].append([
            entity.id, f"Entity;{entity.label}", entity.label, entity.name, entity.mention_count,
            ARRAY_DELIMITER.join(entity.documents),
            json.dumps(entity.attrs, ensure_ascii=False, sort_keys=True) if entity.attrs else None])
        for mention in entity.mentions:
            mention_id = f"m{len(mentions) + 1}"
            mentions.append([mention_id, "Mention", mention.doc_id, mention.start, mention.end, mention.text,
                             mention.sentence, mention.sentence_start, mention.sentence_end,
                             json.dumps(mention.attrs, ensure_ascii=False, sort_keys=True) if mention.attrs else None,
                             *_mention_columns(mention.attrs)])
            mention_of.append([mention_id, entity.id, "MENTION_OF"])
        per_document = Counter(mention.doc_id for mention in entity.mentions)
        in_document.extend([entity.id, doc_id, "IN_DOCUMENT", count] for doc_id, count in sorted(per_document.items()))
    tables["nodes_Mention"] = (MENTION_HEADER, mentions)
    evidence_rows: list[list[Any]] = []
    for relation_type in RELATION_TYPES:
        tables[f"relationships_{relation_type}"] = (RELATION_HEADER, [])
    for relation in snapshot.relations:
        doc_ids = snapshot.relation_documents(relation)
        tables[f"relationships_{relation.type}"][1].append([
            relation.head.id, relation.tail.id, relation.type, relation.id, ARRAY_DELIMITER.join(doc_ids),
            len(relation.evidence)])
        first = len(evidence_rows) + 1
        evidence_rows.extend([f"e{first + offset}", "Evidence", relation.id, e.doc_id, e.sentence,
                              e.sentence_start, e.sentence_end, e.head_start, e.head_end, e.tail_start, e.tail_end,
                              e.measure] for offset, e in enumerate(relation.evidence))
    tables["nodes_Evidence"] = (EVIDENCE_HEADER, evidence_rows)
    tables["relationships_IN_DOCUMENT"] = (IN_DOCUMENT_HEADER, in_document)
    tables["relationships_MENTION_OF"] = (MENTION_OF_HEADER, mention_of)
    nodes = edges = 0
    for name, (header, rows) in sorted(tables.items()):
        with _text_file(directory / f"{name}.csv") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows([("" if value is None else value) for value in row] for row in rows)
            _sync(handle)
        if name.startswith("nodes_"):
            nodes += len(rows)
        else:
            edges += len(rows)
    return nodes, edges, len(tables)


def _mention_columns(attrs: dict[str, Any]) -> list[Any]:
    """A project mention's stage, hedge, investment (amount, unit, in yuan) and capacity (amount, unit) as
    columns of their own, for a spreadsheet or a Cypher filter; ``attrs_json`` keeps the whole."""
    investment = attrs.get("investment") if isinstance(attrs.get("investment"), dict) else {}
    capacity = attrs.get("capacity") if isinstance(attrs.get("capacity"), dict) else {}
    return [attrs.get("stage"), attrs.get("hedge"), investment.get("amount"), investment.get("unit"),
            investment.get("value_yuan"), capacity.get("amount"), capacity.get("unit")]
