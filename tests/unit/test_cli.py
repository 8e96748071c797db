"""The ``kg`` command line, without the extractor: help texts, errors, eval --pred, stats, serve, bench.

Commands that run the real extractor are tested in tests/integration/test_cli_pipeline.py.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kg import scoring
from kg.stores.networkx_store import GRAPH_FILE, NetworkXStore
from kg_cli import bench
from kg_cli.cli import app
from tests.fixtures import extractions

runner = CliRunner()
COMMANDS = typer.main.get_command(app).commands


def invoke(*args: str | Path):
    return runner.invoke(app, [str(arg) for arg in args])


def assert_reported(result, *fragments: str) -> None:
    """Exit status 1, ``error: ...`` on stderr with every fragment, and no traceback anywhere."""
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in result.stderr
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


@pytest.fixture
def saved_graph(tmp_path: Path) -> Path:
    """A data directory holding a saved graph of the two fixture documents."""
    store = NetworkXStore.open(tmp_path / "data" / "graph")
    store.upsert_many(extractions())
    store.save()
    return tmp_path / "data"


# -- help ----------------------------------------------------------------------------------------------

def test_the_expected_commands_are_registered() -> None:
    assert {"build", "extract", "eval", "coverage", "serve", "stats", "bench", "load", "neo4j", "hanlp"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_parameter_has_help(name: str) -> None:
    command = COMMANDS[name]
    assert (command.help or "").strip(), f"kg {name} has no help text"
    for param in command.params:
        assert (getattr(param, "help", None) or "").strip(), f"kg {name}: {param.name} has no help text"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_runs(name: str) -> None:
    result = invoke(name, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_no_arguments_shows_help() -> None:
    result = invoke()
    assert "Usage" in result.output
    assert all(name in result.output for name in COMMANDS)


# -- build: bad input fails before anything is written --------------------------------------------------

def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n", encoding="utf-8")
    jsonl = tmp_path / "broken.jsonl"
    jsonl.write_text('{"doc_id": "a", "text": "衡阳"}\n{broken\n', encoding="utf-8")
    return {"empty": empty, "binary": binary, "blank": blank, "broken-jsonl": jsonl,
            "missing": tmp_path / "missing.txt"}


@pytest.mark.parametrize("kind", ["empty", "binary", "blank", "broken-jsonl", "missing"])
def test_build_on_bad_input_writes_nothing(tmp_path: Path, kind: str) -> None:
    bad = _bad_inputs(tmp_path)[kind]
    data_dir = tmp_path / "data"
    result = invoke("build", bad, "--data-dir", data_dir)
    assert_reported(result, str(bad))
    assert not (data_dir / "graph" / GRAPH_FILE).exists()


@pytest.mark.parametrize("kind", ["empty", "binary"])
def test_build_on_bad_input_leaves_the_previous_graph_untouched(tmp_path: Path, saved_graph: Path,
                                                                 kind: str) -> None:
    graph_file = saved_graph / "graph" / GRAPH_FILE
    before = graph_file.read_bytes()
    good = tmp_path / "good.txt"
    good.write_text("关键词 产业强市。加快比亚迪智能制造产业园建设。", encoding="utf-8")
    # The good file comes first: it must not be extracted or written before the bad one is read.
    result = invoke("build", good, _bad_inputs(tmp_path)[kind], "--data-dir", saved_graph)
    assert_reported(result)
    assert graph_file.read_bytes() == before
    assert sorted(p.name for p in graph_file.parent.iterdir()) == [GRAPH_FILE]  # no temp file left behind


def test_build_into_an_unreachable_neo4j_is_reported_before_extracting(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{port}")
    monkeypatch.setenv("NEO4J_PASSWORD", "wrong-anyway")
    good = tmp_path / "good.txt"
    good.write_text("关键词 产业强市。", encoding="utf-8")
    result = invoke("build", good, "--store", "neo4j", "--data-dir", tmp_path / "data")
    assert_reported(result)
    assert "Neo4j is not reachable" in result.stderr and "kg neo4j start" in result.stderr
    assert "extracting" not in result.stderr


def test_build_on_a_corrupt_graph_is_reported(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("关键词 产业强市。", encoding="utf-8")
    graph_file = tmp_path / "data" / "graph" / GRAPH_FILE
    graph_file.parent.mkdir(parents=True)
    graph_file.write_text("{not json", encoding="utf-8")
    result = invoke("build", good, "--data-dir", tmp_path / "data")
    assert_reported(result, "cannot read the graph file")
    assert graph_file.read_text(encoding="utf-8") == "{not json"


def test_extract_on_bad_input_is_reported(tmp_path: Path) -> None:
    result = invoke("extract", _bad_inputs(tmp_path)["binary"])
    assert_reported(result, "binary")
    assert result.stdout == ""


# -- eval with --pred (no extractor) --------------------------------------------------------------------

def _write_jsonl(path: Path, documents: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents), encoding="utf-8")
    return path


@pytest.fixture
def gold_and_pred(tmp_path: Path) -> tuple[Path, Path]:
    gold = [e.to_gold_dict() | {"text": e.document.text} for e in extractions()]
    pred = json.loads(json.dumps(gold))
    pred[0]["entities"] = pred[0]["entities"][2:]  # drops the goal and the measure, and their relations
    kept = {e["id"] for e in pred[0]["entities"]}
    pred[0]["relations"] = [r for r in pred[0]["relations"] if r["head"] in kept and r["tail"] in kept]
    pred[1]["entities"][0]["text"] = "“" + pred[1]["entities"][0]["text"] + "”"
    return _write_jsonl(tmp_path / "gold.jsonl", gold), _write_jsonl(tmp_path / "pred.jsonl", pred)


def test_eval_json_with_pred(gold_and_pred: tuple[Path, Path]) -> None:
    gold, pred = gold_and_pred
    result = invoke("eval", gold, "--pred", pred, "--json")
    assert result.exit_code == 0, result.output
    expected, _ = scoring.score(scoring.load_jsonl(gold), scoring.load_jsonl(pred))
    assert json.loads(result.stdout) == expected
    assert expected["entities"]["micro"]["fn"] == 2 and expected["entities"]["micro"]["fp"] == 0


def test_eval_table_and_errors(gold_and_pred: tuple[Path, Path]) -> None:
    gold, pred = gold_and_pred
    result = invoke("eval", gold, "--pred", pred, "--errors")
    assert result.exit_code == 0, result.output
    for word in ("entities", "relations", "micro", "GOAL", "SERVES", "FN\td1\tGOAL\t产业强市"):
        assert word in result.stdout
    as_json = json.loads(invoke("eval", gold, "--pred", pred, "--json", "--errors").stdout)
    assert ["FN", "d1", "GOAL", "产业强市"] in as_json["errors"]["entities"]


@pytest.mark.pipeline
def test_eval_of_several_gold_files_lists_each_files_errors(gold_and_pred: tuple[Path, Path], tmp_path: Path) -> None:
    """With several gold files (each extracted from its text), --errors lists each file's errors as for one."""
    gold, _ = gold_and_pred
    documents = scoring.load_jsonl(gold)
    one, two = (_write_jsonl(tmp_path / f"{name}.gold.jsonl", [documents[doc_id]])
                for name, doc_id in (("one", "d1"), ("two", "d2")))
    result = invoke("eval", one, two, "--errors")
    assert result.exit_code == 0, result.output
    assert "errors of one (kind, FP|FN, doc_id, fact)" in result.stdout
    assert "errors of two (kind, FP|FN, doc_id, fact)" in result.stdout
    as_json = json.loads(invoke("eval", one, two, "--json", "--errors").stdout)
    assert set(as_json["one"]["errors"]) == {"entities", "relations"} and "errors" not in as_json["pooled"]
    fn = as_json["one"]["entities"]["micro"]["fn"]
    assert len([e for e in as_json["one"]["errors"]["entities"] if e[0] == "FN"]) == fn


def test_eval_with_an_unknown_relation_id_is_reported(tmp_path: Path, gold_and_pred: tuple[Path, Path]) -> None:
    gold, _ = gold_and_pred
    pred = _write_jsonl(tmp_path / "bad.jsonl", [{"doc_id": "d1", "entities": [],
                                                  "relations": [{"head": "a", "tail": "b", "type": "SERVES"}]}])
    assert_reported(invoke("eval", gold, "--pred", pred), "unknown entity id")


def test_eval_without_text_and_without_pred_is_reported(tmp_path: Path) -> None:
    gold = _write_jsonl(tmp_path / "gold.jsonl", [{"doc_id": "d", "entities": [], "relations": []}])
    assert_reported(invoke("eval", gold), "--pred")


def test_eval_on_a_missing_gold_file_is_reported(tmp_path: Path) -> None:
    assert_reported(invoke("eval", tmp_path / "nope.jsonl", "--pred", tmp_path / "nope.jsonl"), "nope.jsonl")


# -- stats and serve ----------------------------------------------------------------------------------

def test_stats(saved_graph: Path) -> None:
    result = invoke("stats", "--data-dir", saved_graph)
    assert result.exit_code == 0, result.output
    numbers = NetworkXStore.open(saved_graph / "graph").stats()
    assert "documents" in result.stdout and "IN_INDUSTRY" in result.stdout
    assert f"{numbers.entities}" in result.stdout


def test_stats_without_a_graph_gives_the_hint(tmp_path: Path) -> None:
    assert_reported(invoke("stats", "--data-dir", tmp_path / "data"), "run `kg build` first")


def test_serve_without_a_graph_gives_the_hint(tmp_path: Path) -> None:
    result = invoke("serve", "--data-dir", tmp_path / "data")
    assert_reported(result, "run `kg build` first", str(tmp_path / "data"))


def test_serve_runs_uvicorn_on_the_app(saved_graph: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    result = invoke("serve", "--data-dir", saved_graph, "--host", "0.0.0.0", "--port", "8123")
    assert result.exit_code == 0, result.output
    (served, options), = calls
    assert options == {"host": "0.0.0.0", "port": 8123}
    assert served.state.settings.data_dir == saved_graph


# -- bench (the parts that start no extractor) -----------------------------------------------------------

def test_bench_reads_the_same_texts_as_the_jieba_script(tmp_path: Path) -> None:
    jsonl = _write_jsonl(tmp_path / "docs.jsonl", [{"doc_id": "a", "text": "衡阳市"}, {"text": "产业\r\n强市"}])
    assert bench.corpus_texts(jsonl) == ["衡阳市", "产业\r\n强市"]
    text_file = tmp_path / "doc.txt"
    text_file.write_bytes("\ufeff第一行\r\n第二行".encode())
    assert bench.corpus_texts(text_file) == ["第一行\r\n第二行"]
    jieba_run = subprocess.run(bench.jieba_command(jsonl), capture_output=True, text=True)
    assert jieba_run.returncode == 0, jieba_run.stderr
    assert bench.extract_command(jsonl)[:3] == [sys.executable, "-m", "kg_cli"]


def test_bench_on_a_missing_file_is_reported(tmp_path: Path) -> None:
    assert_reported(invoke("bench", tmp_path / "nope.jsonl"), "no such file")


def test_format_report() -> None:
    report = {"file": "x.jsonl", "documents": 2, "chars": 1000, "repeat": 1, "ratio": 0.6, "target": 0.5,
              "meets_target": True,
              "jieba": {"seconds": 1.0, "chars_per_second": 1000.0},
              "extract": {"seconds": 1.6, "chars_per_second": 625.0}}
    text = bench.format_report(report)
    assert "jieba.lcut" in text and "kg extract" in text and "0.600" in text and "meets" in text
    assert "each pair" not in text  # one run: no pairs to show
    text = bench.format_report(report | {"repeat": 3, "pair_ratios": [0.6, 0.55, 0.58], "median_pair_ratio": 0.58})
    assert "each pair of runs: 0.600, 0.550, 0.580 (median 0.580)" in text


def test_bench_reports_each_pair_of_runs_and_their_median(tmp_path: Path, monkeypatch) -> None:
    jsonl = _write_jsonl(tmp_path / "docs.jsonl", [{"doc_id": "a", "text": "衡阳市"}])
    times = iter([2.0, 1.0, 2.0, 4.0, 3.0, 2.0])  # jieba, extract, jieba, extract, ...
    monkeypatch.setattr(bench, "_time_process", lambda name, command: next(times))
    report = bench.run_throughput(jsonl, repeat=3)
    assert report["ratio"] == 2.0  # the best jieba (2.0 s) over the best extract (1.0 s)
    assert report["pair_ratios"] == [2.0, 0.5, 1.5] and report["median_pair_ratio"] == 1.5


def test_kg_help_loads_neither_the_nlp_libraries_nor_the_web_framework() -> None:
    """``kg --help`` and every command's start stay fast: spaCy, jieba and FastAPI load in the commands
    that use them."""
    heavy = ("spacy", "jieba", "fastapi", "uvicorn", "api")
    code = f"import sys, kg_cli.cli; print(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


# -- one way to report errors, in every command line -----------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def test_kg_neo4j_reports_errors_alone_and_mounted(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg_cli.cli_neo4j import neo4j_app

    monkeypatch.setenv("NEO4J_BOLT_PORT", "bogus")
    for result in (invoke("neo4j", "status"), runner.invoke(neo4j_app, ["status"])):
        assert_reported(result, "NEO4J_BOLT_PORT='bogus' is not a TCP port")


@pytest.mark.parametrize("command", [
    [sys.executable, "-m", "kg_cli.evaluate", "nope.jsonl", "jieba"],
    [sys.executable, str(ROOT / "benchmarks" / "throughput.py"), "nope.jsonl"],
], ids=["python -m kg_cli.evaluate", "benchmarks/throughput.py"])
def test_entry_points_outside_typer_report_errors_the_same_way(command: list[str], tmp_path: Path) -> None:
    run = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith("error: ") and "nope.jsonl" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


def test_serve_refuses_an_unknown_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STORE", "bogus")
    result = invoke("serve")
    assert_reported(result)
    assert "unknown KG_STORE 'bogus'" in result.stderr


def test_the_kg_command_starts_the_workers_early_only_when_it_reads_the_command_line_for_sure(monkeypatch) -> None:
    from kg_cli import __main__ as launcher

    monkeypatch.setattr("pipelines.extract.default_jobs", lambda: 2)
    assert launcher.early_workers(["extract", "a.jsonl"]) == "jieba"
    assert launcher.early_workers(["build", "--jobs", "2", "x"]) == "jieba"
    assert launcher.early_workers(["build", "--jobs=3", "--backend=jieba"]) == "jieba"
    for args in (["extract", "--jobs", "1", "a.jsonl"], ["build", "--jobs=2", "--help"], ["serve"], [],
                 ["build", "--engine", "dask"], ["extract", "--backend", "hanlp", "a"], ["build", "--jobs", "x"]):
        assert launcher.early_workers(args) is None, args
    monkeypatch.setattr("pipelines.extract.default_jobs", lambda: 1)
    assert launcher.early_workers(["extract", "a.jsonl"]) is None
