"""Exports of the graph (kg/export.py, `kg export`) on the two fixture documents: every format read back
gives the store's stats, the same graph gives the same bytes, and bad input writes nothing."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.errors import ExportError
from kg.export import FORMATS, GraphSnapshot, export_graph, neo4j_admin_arguments
from kg.model import ENTITY_LABELS, RELATION_TYPES
from kg.stores.networkx_store import NetworkXStore
from kg.stores.records import Stats
from kg_cli.cli import app
from tests.fixtures import eid, extractions, research_extractions

runner = CliRunner()
# neo4j-admin's header fields: name[:type[ []]] or :ID(space) / :START_ID(space) / :END_ID(space) / :LABEL / :TYPE
HEADER_FIELD = re.compile(r"^(?:\w*:ID(?:\(\w+\))?|:START_ID(?:\(\w+\))?|:END_ID(?:\(\w+\))?|:LABEL|:TYPE|"
                          r"\w+(?::(?:int|long|float|double|boolean|string|date)(?:\[\])?)?)$")


@pytest.fixture
def store() -> NetworkXStore:
    store = NetworkXStore()
    store.upsert_many([*extractions(), revised_d1_as("d3")])  # d3: relations with evidence in two documents
    return store


def revised_d1_as(doc_id: str):
    from kg.model import Extraction

    d1 = extractions()[0]
    return Extraction(replace(d1.document, doc_id=doc_id), spans=d1.spans, links=d1.links, sentences=d1.sentences)


def graphml_counts(path: Path) -> tuple[Counter, Counter]:
    graph = nx.read_graphml(path, force_multigraph=True)
    return (Counter(label for _, label in graph.nodes(data="label")),
            Counter(kind for _, _, kind in graph.edges(data="type")))


def csv_counts(directory: Path) -> dict[str, int]:
    """Rows per file of a CSV export, read back with the csv module (headers checked for neo4j-admin)."""
    counts = {}
    for path in sorted(directory.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        assert all(HEADER_FIELD.match(field) for field in header), (path.name, header)
        assert all(len(row) == len(header) for row in rows), path.name
        counts[path.stem] = len(rows)
    return counts


def assert_csv_matches(directory: Path, stats: Stats) -> None:
    counts = csv_counts(directory)
    assert {label: counts[f"nodes_{label}"] for label in ENTITY_LABELS} == stats.entities_by_label
    assert {kind: counts[f"relationships_{kind}"] for kind in RELATION_TYPES} == stats.relations_by_type
    assert counts["nodes_Document"] == stats.documents
    assert counts["nodes_Mention"] == counts["relationships_MENTION_OF"] == stats.mentions
    assert counts["nodes_Evidence"] == stats.evidence


def test_graphml_reads_back_in_networkx_with_the_stats_of_the_store(store, tmp_path: Path) -> None:
    summary = export_graph(GraphSnapshot.of(store), "graphml", tmp_path / "g.graphml")
    stats = store.stats()
    labels, types = graphml_counts(summary.path)
    assert sum(labels.values()) == summary.nodes == stats.entities
    assert sum(types.values()) == summary.edges == stats.relations
    assert {label: labels[label] for label in ENTITY_LABELS} == stats.entities_by_label
    assert {kind: types[kind] for kind in RELATION_TYPES} == stats.relations_by_type
    graph = nx.read_graphml(summary.path, force_multigraph=True)
    park = graph.nodes[eid("PROJECT", "比亚迪智能制造产业园")]
    assert park["name"] == "比亚迪智能制造产业园" and park["documents"] == "d1;d2;d3" and park["mention_count"] == 3
    target = next(data for _, data in graph.nodes(data=True) if data["label"] == "TARGET")
    assert isinstance(target["attr_value"], float) and json.loads(target["attrs_json"])["value"] == target["attr_value"]


def test_csv_has_a_file_per_label_and_type_that_reads_back_with_the_stats(store, tmp_path: Path) -> None:
    summary = export_graph(GraphSnapshot.of(store), "csv", tmp_path / "csv")
    assert_csv_matches(summary.path, store.stats())
    node_ids = {}
    for path in summary.path.glob("nodes_*.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                id_field = next(field for field in row if ":ID(" in field)
                space = node_ids.setdefault(id_field.split("(")[1].rstrip(")"), set())
                assert row[id_field] not in space, (path.name, row)  # neo4j-admin refuses a duplicate id
                space.add(row[id_field])
    for path in summary.path.glob("relationships_*.csv"):  # every relationship names nodes that exist
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for field in row:
                    if field.startswith((":START_ID", ":END_ID")):
                        assert row[field] in node_ids[field.split("(")[1].rstrip(")")], (path.name, row)
    arguments = neo4j_admin_arguments(summary.path)
    assert sum(a.startswith("--nodes=") for a in arguments) == len(ENTITY_LABELS) + 3
    assert sum(a.startswith("--relationships=") for a in arguments) == len(RELATION_TYPES) + 2


def test_jsonl_has_one_object_per_node_and_relationship(store, tmp_path: Path) -> None:
    summary = export_graph(GraphSnapshot.of(store), "jsonl", tmp_path / "g.jsonl")
    records = [json.loads(line) for line in summary.path.read_text(encoding="utf-8").splitlines()]
    stats = store.stats()
    entities = [r for r in records if r["type"] == "node" and "Entity" in r["labels"]]
    relationships = [r for r in records if r["type"] == "relationship"]
    assert len([r for r in records if r.get("labels") == ["Document"]]) == stats.documents
    assert len(entities) == stats.entities and len(relationships) == stats.relations
    assert sum(len(r["properties"]["mentions"]) for r in entities) == stats.mentions
    assert sum(len(r["properties"]["evidence"]) for r in relationships) == stats.evidence
    ids = {r["id"] for r in entities}
    assert all(r["start"]["id"] in ids and r["end"]["id"] in ids for r in relationships)


@pytest.mark.parametrize("output_format", FORMATS)
def test_the_same_graph_gives_the_same_bytes_whatever_the_insertion_order(output_format: str, tmp_path: Path) -> None:
    forward, backward = NetworkXStore(), NetworkXStore()
    forward.upsert_many(extractions())
    backward.upsert_many(list(reversed(extractions())))
    first = export_graph(GraphSnapshot.of(forward), output_format, tmp_path / "first").path
    second = export_graph(GraphSnapshot.of(backward), output_format, tmp_path / "second").path
    assert contents(first) == contents(second)


def contents(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {file.name: file.read_bytes() for file in sorted(path.iterdir())}
    return {"": path.read_bytes()}


@pytest.mark.parametrize("output_format", FORMATS)
def test_an_existing_output_is_refused_unless_forced(store, output_format: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("keep me")
    with pytest.raises(ExportError, match="exists"):
        export_graph(GraphSnapshot.of(store), output_format, out)
    assert out.read_text() == "keep me"
    export_graph(GraphSnapshot.of(store), output_format, out, force=True)
    export_graph(GraphSnapshot.of(store), output_format, out, force=True)  # over its own kind too
    assert (out.is_dir()) == (output_format == "csv")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary file or directory left


@pytest.mark.parametrize("output_format", FORMATS)
def test_an_interrupted_export_leaves_nothing(store, output_format: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.export

    def fail(handle):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.export, "_sync", fail)
    with pytest.raises(KeyboardInterrupt):
        export_graph(GraphSnapshot.of(store), output_format, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_format_is_an_error(store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        export_graph(GraphSnapshot.of(store), "xml", tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


# -- kg export -----------------------------------------------------------------------------------------

@pytest.fixture
def data_dir(store, tmp_path: Path) -> Path:
    saved = NetworkXStore(tmp_path / "data" / "graph")
    saved.upsert_many(extractions())
    saved.save()
    return tmp_path / "data"


@pytest.mark.parametrize("output_format", FORMATS)
def test_kg_export_writes_each_format(data_dir: Path, output_format: str, tmp_path: Path) -> None:
    out = tmp_path / f"graph.{output_format}"
    result = runner.invoke(app, ["export", "--format", output_format, "--out", str(out), "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    assert out.exists() and str(out) in result.stdout
    if output_format == "csv":
        assert_csv_matches(out, NetworkXStore.open(data_dir / "graph").stats())
        assert "neo4j-admin database import full" in result.stdout


def test_kg_export_without_a_graph_says_so_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "graph.graphml"
    result = runner.invoke(app, ["export", "--format", "graphml", "--out", str(out), "--data-dir",
                                 str(tmp_path / "none")])
    assert result.exit_code == 1 and result.stderr.startswith("error: no graph at"), result.output
    assert not out.exists() and "Traceback" not in result.output


def test_kg_export_refuses_an_existing_output_without_force(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.jsonl"
    out.write_text("keep me")
    arguments = ["export", "--format", "jsonl", "--out", str(out), "--data-dir", str(data_dir)]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 1 and "--force" in result.stderr and out.read_text() == "keep me"
    assert runner.invoke(app, [*arguments, "--force"]).exit_code == 0
    assert out.read_text() != "keep me"


def test_kg_export_rejects_an_unknown_format_as_a_usage_error(data_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "xml", "--out", str(tmp_path / "x"), "--data-dir",
                                 str(data_dir)])
    assert result.exit_code == 2 and not (tmp_path / "x").exists()


def test_an_attribute_that_is_sometimes_none_or_missing_keeps_its_numeric_graphml_type(tmp_path: Path) -> None:
    from kg.stores.records import EntityWithMentions

    def target(name: str, attrs: dict) -> EntityWithMentions:
        return EntityWithMentions(id=f"target-{name}", label="TARGET", name=name, attrs=attrs, mention_count=0,
                                  documents=[], mentions=[])

    snapshot = GraphSnapshot([], [target("a", {"value": 1, "value_high": None}), target("b", {"value_high": 2.5}),
                                  target("c", {"value": "三成"})], [])
    graph = nx.read_graphml(export_graph(snapshot, "graphml", tmp_path / "g.graphml").path)
    assert graph.nodes["target-b"]["attr_value_high"] == 2.5 and "attr_value_high" not in graph.nodes["target-a"]
    assert graph.nodes["target-a"]["attr_value"] == "1" and graph.nodes["target-c"]["attr_value"] == "三成"


# -- kg export --place / --level / --year, and the research fields of the CSV ----------------------------

def saved_research_graph(directory: Path, doc_ids: set[str] | None = None) -> Path:
    """The research fixtures (宜昌 and 衡阳 2024, national 2000 and 2001) saved as kg build does, or only
    the documents ``doc_ids``; the 宜昌 会展中心 mention carries a stage, a hedge and an investment."""
    built = []
    for extraction in research_extractions():
        if doc_ids is not None and extraction.document.doc_id not in doc_ids:
            continue
        spans = [replace(span, attrs={"stage": "续建", "stage_cue": "加快", "hedge": "力争",
                                      "investment": {"amount": 50.0, "unit": "亿元", "value_yuan": 5e9,
                                                     "text": "投资50亿元"}})
                 if (extraction.document.doc_id, span.text) == ("city-宜昌-2024", "会展中心") else span
                 for span in extraction.spans]
        built.append(replace(extraction, spans=spans))
    store = NetworkXStore(directory / "graph")
    store.upsert_many(built)
    store.save()
    return directory


def export_files(out: Path) -> dict[str, bytes]:
    """An export's bytes by file name within it (a GraphML or JSONL export is one file)."""
    if out.is_dir():
        return {path.name: path.read_bytes() for path in sorted(out.glob("*.csv"))}
    return {"": out.read_bytes()}


@pytest.mark.parametrize(("option", "value", "kept"), [
    ("--place", "宜昌", {"city-宜昌-2024"}),
    ("--place", "湖北", {"city-宜昌-2024"}),
    ("--year", "2024", {"city-宜昌-2024", "city-衡阳-2024"}),
    ("--level", "national", {"cn-gwr-2000", "cn-gwr-2001"}),
])
@pytest.mark.parametrize("output_format", FORMATS)
def test_a_filtered_export_is_the_export_of_those_documents_alone(option: str, value: str, kept: set[str],
                                                                  output_format: str, tmp_path: Path) -> None:
    whole = saved_research_graph(tmp_path / "whole")
    alone = saved_research_graph(tmp_path / "alone", kept)
    filtered, expected = tmp_path / f"filtered.{output_format}", tmp_path / f"expected.{output_format}"
    result = runner.invoke(app, ["export", "--format", output_format, "--out", str(filtered), "--data-dir", str(whole),
                                 option, value])
    assert result.exit_code == 0, result.output
    assert f"{len(kept)} document{'s' if len(kept) > 1 else ''} of 4 kept" in result.stdout
    assert runner.invoke(app, ["export", "--format", output_format, "--out", str(expected),
                               "--data-dir", str(alone)]).exit_code == 0
    assert export_files(filtered) == export_files(expected)
    assert export_files(filtered) != export_files(export_to(whole, output_format, tmp_path / "all"))


def export_to(data_dir: Path, output_format: str, out: Path) -> Path:
    assert runner.invoke(app, ["export", "--format", output_format, "--out", str(out), "--data-dir",
                               str(data_dir)]).exit_code == 0
    return out


def test_filters_together_keep_what_each_keeps(tmp_path: Path) -> None:
    whole = saved_research_graph(tmp_path / "whole")
    out = tmp_path / "graph.jsonl"
    result = runner.invoke(app, ["export", "--format", "jsonl", "--out", str(out), "--data-dir", str(whole),
                                 "--year", "2024", "--level", "city", "--place", "衡阳"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [n["id"] for n in lines if n.get("labels") == ["Document"]] == ["city-衡阳-2024"]
    entities = [n for n in lines if n["type"] == "node" and "Entity" in n["labels"]]
    assert entities and all(n["properties"]["documents"] == ["city-衡阳-2024"] for n in entities)


def test_a_filter_no_document_matches_writes_nothing(tmp_path: Path) -> None:
    whole = saved_research_graph(tmp_path / "whole")
    out = tmp_path / "graph-csv"
    result = runner.invoke(app, ["export", "--format", "csv", "--out", str(out), "--data-dir", str(whole),
                                 "--place", "宜昌", "--year", "2019"])
    assert result.exit_code == 1 and "no document of the graph matches --place 宜昌, --year 2019" in result.stderr
    assert not out.exists()
    result = runner.invoke(app, ["export", "--format", "csv", "--out", str(out), "--data-dir", str(whole),
                                 "--level", "town"])
    assert result.exit_code == 2 and not out.exists()


def csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_csv_carries_documents_places_levels_kinds_and_project_mentions_stage_and_amount(tmp_path: Path) -> None:
    out = export_to(saved_research_graph(tmp_path / "whole"), "csv", tmp_path / "graph-csv")
    documents = {row["doc_id:ID(Document)"]: row for row in csv_rows(out / "nodes_Document.csv")}
    yichang = documents["city-宜昌-2024"]
    assert (yichang["place"], yichang["places:string[]"], yichang["level"], yichang["kind"], yichang["year:int"]) \
        == ("宜昌市", "宜昌市;湖北省", "city", "report", "2024")
    assert yichang["place_ids:string[]"].split(";") == [eid("PLACE", "宜昌市"), eid("PLACE", "湖北省")]
    assert yichang["place_id"] == eid("PLACE", "宜昌市")
    assert (documents["cn-gwr-2000"]["place"], documents["cn-gwr-2000"]["level"]) == ("中国", "national")
    mentions = csv_rows(out / "nodes_Mention.csv")
    with_stage = [row for row in mentions if row["stage"]]
    assert [(r["doc_id"], r["text"], r["stage"], r["hedge"], r["investment:double"], r["investment_unit"],
             r["investment_yuan:double"], r["capacity:double"]) for r in with_stage] \
        == [("city-宜昌-2024", "会展中心", "续建", "力争", "50.0", "亿元", "5000000000.0", "")]
    assert json.loads(with_stage[0]["attrs_json"])["stage_cue"] == "加快"
