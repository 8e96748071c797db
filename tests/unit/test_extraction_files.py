"""Extraction files (kg.extraction_files), the JSONL partitions of the dask engine (pipelines.distributed) and
`kg load` into the embedded store, on the hand-written fixture extractions: no pipeline, no cluster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.errors import InputError
from kg.extraction_files import (
    MANIFEST,
    extraction_files,
    read_extractions,
    remove_run,
    write_manifest,
    write_part,
)
from kg.model import Extraction
from kg.stores.networkx_store import GRAPH_FILE, NetworkXStore
from kg_cli.cli import app
from pipelines.distributed import jsonl_partitions, read_partition
from pipelines.ingest import read_documents
from tests.fixtures import extraction_d1, extraction_d2, extractions, research_extractions, revised_d1

runner = CliRunner()


def written_run(directory: Path, parts: list[list[Extraction]]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    write_manifest(directory, [write_part(directory, index, part) for index, part in enumerate(parts)])
    return directory


def test_a_record_reads_back_as_the_same_extraction() -> None:
    for extraction in [*extractions(), revised_d1()]:
        again = Extraction.from_record(json.loads(json.dumps(extraction.to_record(), ensure_ascii=False)))
        assert again.to_record() == extraction.to_record()
        assert again.document == extraction.document
        assert [span.attrs for span in again.spans] == [span.attrs for span in extraction.spans]
        assert again.graph() == extraction.graph()


def test_a_record_keeps_what_identity_across_documents_needs(tmp_path: Path) -> None:
    """Place, level and kind of the document, each span's canonical name, scope and attrs: what makes the
    graph kg load builds from extraction files (kg build --engine dask) the one kg build makes."""
    built = research_extractions()
    assert any(span.scope for ex in built for span in ex.spans) and any(span.canonical for ex in built for span in ex.spans)
    for extraction in built:
        record = json.loads(json.dumps(extraction.to_record(), ensure_ascii=False))
        again = Extraction.from_record(record)
        assert again.document == extraction.document and again.document.places == extraction.document.places
        assert [(s.canonical, s.scope, s.attrs) for s in again.spans] == [
            (s.canonical, s.scope, s.attrs) for s in extraction.spans]
        assert again.graph() == extraction.graph() and again.to_record() == record
    yichang = next(ex for ex in built if ex.document.doc_id == "city-宜昌-2024").to_record()
    assert {k: yichang["document"][k] for k in ("place", "places", "level", "kind")} == {
        "place": "宜昌市", "places": ["宜昌市", "湖北省"], "level": "city", "kind": "report"}
    direct = NetworkXStore.open(tmp_path / "direct")
    direct.upsert_many(built)
    direct.save()
    loaded = NetworkXStore.open(tmp_path / "loaded")
    loaded.upsert_many(read_extractions(extraction_files([written_run(tmp_path / "run", [built[:2], built[2:]])])))
    loaded.save()
    assert (tmp_path / "loaded" / GRAPH_FILE).read_bytes() == (tmp_path / "direct" / GRAPH_FILE).read_bytes()
    assert loaded.documents() == direct.documents() and loaded.timeline(built[0].graph()[0][1].id).entries


def test_a_run_directory_loads_in_partition_order(tmp_path: Path) -> None:
    run = written_run(tmp_path / "run", [[extraction_d2()], [extraction_d1()]])
    assert sorted(path.name for path in run.iterdir()) == [MANIFEST, "part-00000.jsonl", "part-00001.jsonl"]
    manifest = json.loads((run / MANIFEST).read_text())
    assert (manifest["documents"], [part["doc_ids"] for part in manifest["parts"]]) == (2, [["d2"], ["d1"]])
    assert [e.document.doc_id for e in read_extractions(extraction_files([run]))] == ["d2", "d1"]


def test_a_directory_without_its_manifest_is_an_unfinished_run(tmp_path: Path) -> None:
    run = written_run(tmp_path / "run", [[extraction_d1()]])
    remove_run(run)
    assert list(run.iterdir()) == []
    write_part(run, 0, [extraction_d1()])
    with pytest.raises(InputError, match="no manifest.json"):
        extraction_files([run])


def test_a_part_that_fails_while_writing_leaves_no_file(tmp_path: Path) -> None:
    def failing():
        yield extraction_d1()
        raise RuntimeError("worker died")

    with pytest.raises(RuntimeError):
        write_part(tmp_path, 0, failing())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("line, problem", [
    ("{not json", "not valid JSON"),
    ('{"doc_id": "d"}', "not a kg-extraction/1 record"),
    ('{"format": "kg-extraction/1", "document": {"doc_id": "d"}}', "not an extraction record"),
])
def test_a_bad_record_is_named_by_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    part = tmp_path / "part.jsonl"
    part.write_text(json.dumps({"format": "kg-extraction/1"} | extraction_d1().to_record()) + "\n" + line + "\n")
    with pytest.raises(InputError, match=f"part.jsonl, line 2: {problem}"):
        list(read_extractions([part]))


def test_a_span_that_does_not_match_the_text_is_refused(tmp_path: Path) -> None:
    record = extraction_d1().to_record()
    record["spans"][0][4] = "别的名字"
    part = tmp_path / "part.jsonl"
    part.write_text(json.dumps({"format": "kg-extraction/1"} | record, ensure_ascii=False) + "\n")
    with pytest.raises(InputError, match="line 1: d1: span .* does not match the text"):
        list(read_extractions([part]))


def test_a_document_in_two_files_is_refused(tmp_path: Path) -> None:
    first = written_run(tmp_path / "a", [[extraction_d1()]])
    second = written_run(tmp_path / "b", [[extraction_d1()]])
    with pytest.raises(InputError, match="duplicate doc_id 'd1'"):
        list(read_extractions(extraction_files([first, second])))


# -- partitions of the JSONL input ----------------------------------------------------------------------

def test_partitions_read_the_documents_kg_build_reads(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = ['\ufeff{"doc_id": "a", "text": "关键词 甲", "year": 2020}', "",
             *(json.dumps({"text": f"关键词 {index}" * (index + 1), "title": str(index)}, ensure_ascii=False)
               for index in range(9))]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    other = tmp_path / "more" / "other.jsonl"
    other.parent.mkdir()
    other.write_text('{"doc_id": "z", "text": "关键词 乙"}', encoding="utf-8")  # no final line end
    expected = list(read_documents([corpus, tmp_path / "more"]))
    for count in (1, 2, 3, 5, 50):
        partitions = jsonl_partitions([corpus, tmp_path / "more"], count)
        assert count == 50 or len(partitions) <= count + 1
        assert [document for partition in partitions for document in read_partition(partition)] == expected
    assert {document.doc_id for document in expected} >= {"a", "corpus-3", "z"}


def test_partitions_report_a_bad_line_by_its_number(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"text": "关键词"}) + "\n" for _ in range(6)) + "{oops\n")
    partitions = jsonl_partitions([corpus], 3)
    with pytest.raises(InputError, match="corpus.jsonl, line 7: not valid JSON"):
        for partition in partitions:
            list(read_partition(partition))


def test_partitions_take_only_jsonl(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("关键词 产业强市")
    with pytest.raises(InputError, match="the dask engine reads JSONL files"):
        jsonl_partitions([tmp_path / "report.txt"], 2)


# -- kg load ----------------------------------------------------------------------------------------------

def test_load_gives_the_graph_upsert_gives_and_loading_again_changes_nothing(tmp_path: Path) -> None:
    direct = NetworkXStore.open(tmp_path / "direct" / "graph")
    direct.upsert_many(extractions())
    direct.save()
    run = written_run(tmp_path / "run", [[extraction_d1()], [extraction_d2()]])
    data_dir = tmp_path / "data"
    for _ in range(2):
        result = runner.invoke(app, ["load", str(run), "--data-dir", str(data_dir)])
        assert result.exit_code == 0, result.output
        assert "2 documents" in result.stdout
        saved = (data_dir / "graph" / GRAPH_FILE).read_bytes()
        assert saved == (tmp_path / "direct" / "graph" / GRAPH_FILE).read_bytes()


def test_load_of_a_bad_file_writes_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    runner.invoke(app, ["load", str(written_run(tmp_path / "run", [[extraction_d1()]])), "--data-dir", str(data_dir)])
    before = (data_dir / "graph" / GRAPH_FILE).read_bytes()
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"format": "kg-extraction/1"} | revised_d1().to_record(), ensure_ascii=False)
                   + "\n{oops\n")
    result = runner.invoke(app, ["load", str(bad), "--data-dir", str(data_dir)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "bad.jsonl, line 2" in result.stderr
    assert (data_dir / "graph" / GRAPH_FILE).read_bytes() == before


@pytest.mark.parametrize("options, problem", [
    (["--scheduler", "tcp://127.0.0.1:8786"], "only with --engine dask: --scheduler"),
    (["--partitions", "3", "--no-load"], "only with --engine dask: --partitions, --no-load"),
    (["--engine", "dask", "--jobs", "2"], "with --engine dask use --workers or --scheduler"),
    (["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], "has its own workers"),
    (["--engine", "dask", "--place", "宜昌", "--year", "2024"], "--place, --year describe .txt/.md inputs"),
])
def test_build_refuses_options_of_the_other_engine(tmp_path: Path, options: list[str], problem: str) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"text": "关键词 产业强市"}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(corpus), "--data-dir", str(tmp_path / "data"), *options])
    assert result.exit_code == 1 and problem in result.stderr, result.output
    assert not (tmp_path / "data").exists()


def test_the_dask_engine_refuses_text_files_before_starting_a_cluster(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("关键词 产业强市", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "report.txt"), "--engine", "dask",
                                 "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 1 and "the dask engine reads JSONL files" in result.stderr, result.output


def test_a_doc_id_in_two_partitions_or_an_input_without_documents_stops_the_run() -> None:
    from pipelines.distributed import check_parts

    part = {"file": "part-00000.jsonl", "documents": 1, "chars": 3, "doc_ids": ["a"], "input": "x.jsonl"}
    check_parts([part, part | {"file": "part-00001.jsonl", "doc_ids": ["b"]}])
    with pytest.raises(InputError, match="duplicate doc_id 'a': in x.jsonl and y.jsonl"):
        check_parts([part, part | {"file": "part-00001.jsonl", "input": "y.jsonl"}])
    with pytest.raises(InputError, match="blank.jsonl: contains no JSON lines"):
        check_parts([part, {"file": "part-00001.jsonl", "documents": 0, "chars": 0, "doc_ids": [],
                            "input": "blank.jsonl"}])
