"""The ``kg`` commands with the real extractor (spaCy + jieba), on corpus/hengyang-2021-goals.txt.

Nothing is mocked: these run the whole pipeline, in process through typer's CliRunner, and as separate
processes where the point is the process itself (``python -m kg_cli.cli``, the reference scorer, the benchmark).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.model import ENTITY_LABELS, RELATION_SCHEMA
from kg.stores.networkx_store import GRAPH_FILE, NetworkXStore
from kg_cli.cli import app

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
DOCUMENT = CORPUS / "hengyang-2021-goals.txt"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
SCORE_PY = SHARED_EVAL / "score.py"
GOLD = SHARED_EVAL / "hengyang-2021-goals.gold.jsonl"

pytestmark = [pytest.mark.pipeline, pytest.mark.integration]

runner = CliRunner()


def invoke(*args: str | Path):
    result = runner.invoke(app, [str(arg) for arg in args])
    assert result.exit_code == 0, f"{result.output}\n{result.exception!r}"
    return result


@pytest.fixture(scope="module")
def extracted() -> list[dict]:
    """`kg extract` on the document: one JSON object per line of stdout."""
    return [json.loads(line) for line in invoke("extract", DOCUMENT).stdout.splitlines()]


def test_build_writes_the_graph_and_rebuilding_changes_no_byte(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # no PATH: the default, corpus/
    data_dir = tmp_path / "data"
    first = invoke("build", "--data-dir", data_dir, "--progress")
    graph_file = data_dir / "graph" / GRAPH_FILE
    assert graph_file.is_file()
    assert "1 document" in first.stdout and "entities" in first.stdout and "relations" in first.stdout
    assert "extracting" in first.stderr  # the progress bar goes to stderr
    before = graph_file.read_bytes()

    again = invoke("build", "corpus/", "--data-dir", data_dir)  # stderr is no terminal under the runner: no bar
    assert graph_file.read_bytes() == before
    assert "extracting" not in again.stderr and "1 document" in again.stdout

    numbers = NetworkXStore.open(data_dir / "graph").stats()
    assert numbers.documents == 1 and numbers.entities > 0 and numbers.relations > 0
    stats = invoke("stats", "--data-dir", data_dir)
    assert f"{numbers.entities:,}" in stats.stdout


def test_extract_prints_gold_format_with_offsets_into_the_original_text(extracted: list[dict]) -> None:
    text = DOCUMENT.read_bytes().decode("utf-8-sig")  # no newline translation: offsets are into this
    (document,) = extracted
    assert set(document) == {"doc_id", "entities", "relations"}
    assert document["doc_id"] == DOCUMENT.stem
    assert document["entities"], "the extractor found nothing"
    ids = set()
    for entity in document["entities"]:
        assert set(entity) - {"attrs"} == {"id", "start", "end", "label", "text"}
        assert entity["label"] in ENTITY_LABELS
        assert text[entity["start"]:entity["end"]] == entity["text"]
        assert entity["id"] not in ids
        ids.add(entity["id"])
    for relation in document["relations"]:
        assert set(relation) == {"head", "tail", "type"}
        assert relation["type"] in RELATION_SCHEMA
        assert relation["head"] in ids and relation["tail"] in ids


def test_extract_json_format_and_progress(extracted: list[dict]) -> None:
    result = invoke("extract", DOCUMENT, "--format", "json", "--progress")
    assert json.loads(result.stdout) == extracted  # stdout holds only the output
    assert "extracting" in result.stderr and "chars/s" in result.stderr
    quiet = invoke("extract", DOCUMENT)  # stderr is not a terminal under the runner: no progress
    assert quiet.stderr == ""


def test_extract_with_text_is_a_gold_file_kg_eval_scores_as_the_extraction(tmp_path: Path,
                                                                           extracted: list[dict]) -> None:
    """--with-text adds each document's text after its doc_id: a complete gold file (for a web page, the text its
    offsets refer to), which `kg eval` reads like the shared ones and scores the extractor against at 1.0."""
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>报告</title></head><body><p>（一）推进产业强市。</p>"
                    "<p>加快建设比亚迪智能制造&ldquo;产业园&rdquo;。</p></body></html>", encoding="utf-8")
    lines = invoke("extract", "--with-text", DOCUMENT, page).stdout.splitlines()
    documents = [json.loads(line) for line in lines]
    assert list(documents[0])[:2] == ["doc_id", "text"]
    assert documents[0]["text"] == DOCUMENT.read_bytes().decode("utf-8-sig")
    assert {key: value for key, value in documents[0].items() if key != "text"} == extracted[0]
    assert documents[1]["text"] == "（一）推进产业强市。\n\n加快建设比亚迪智能制造“产业园”。\n"
    for document in documents:
        assert all(document["text"][e["start"]:e["end"]] == e["text"] for e in document["entities"])
    gold = tmp_path / "pre-annotated.gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    scores = json.loads(invoke("eval", gold, "--json").stdout)
    assert scores["entities"]["micro"]["f1"] == 1.0 and scores["relations"]["micro"]["f1"] == 1.0


def test_python_m_kg_cli_extract(extracted: list[dict]) -> None:
    run = subprocess.run([sys.executable, "-m", "kg_cli.cli", "extract", str(DOCUMENT)], capture_output=True,
                         text=True, encoding="utf-8", cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert [json.loads(line) for line in run.stdout.splitlines()] == extracted


@pytest.mark.skipif(not (SCORE_PY.exists() and GOLD.exists()), reason="../shared/eval is absent")
def test_eval_agrees_with_the_reference_scorer(tmp_path: Path, extracted: list[dict]) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in extracted), encoding="utf-8")
    reference = subprocess.run([sys.executable, str(SCORE_PY), str(GOLD), str(pred), "--json"],
                               capture_output=True, text=True, encoding="utf-8", check=True)
    expected = json.loads(reference.stdout)

    ours = json.loads(invoke("eval", GOLD, "--json").stdout)  # runs the extractor on the gold text
    assert ours == expected
    assert json.loads(invoke("eval", GOLD, "--pred", pred, "--json").stdout) == expected

    table = invoke("eval", GOLD, "--errors").stdout
    assert "micro" in table and f"{expected['entities']['micro']['f1']:.4f}" in table


def test_bench_on_a_small_file(tmp_path: Path) -> None:
    text = DOCUMENT.read_bytes().decode("utf-8-sig")
    small = tmp_path / "small.jsonl"
    small.write_text("".join(json.dumps({"doc_id": f"d{i}", "text": text}, ensure_ascii=False) + "\n"
                             for i in range(2)), encoding="utf-8")
    report = json.loads(invoke("bench", small, "--json").stdout)
    assert report["documents"] == 2 and report["chars"] == 2 * len(text)
    for side in ("jieba", "extract"):
        assert report[side]["seconds"] > 0 and report[side]["chars_per_second"] > 0
    assert report["ratio"] == pytest.approx(report["jieba"]["seconds"] / report["extract"]["seconds"], rel=0.01)


def test_extract_in_two_worker_processes_prints_what_one_process_prints(tmp_path: Path) -> None:
    """`kg extract --jobs 2` as a whole process: the same lines, in the input order, as `--jobs 1`."""
    corpus = tmp_path / "docs.jsonl"
    text = DOCUMENT.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    with open(corpus, "w", encoding="utf-8") as handle:
        for index in range(6):  # documents of different lengths, so workers finish out of order
            body = "\n\n".join(paragraphs[: 3 + 5 * index]) if index % 2 else text
            handle.write(json.dumps({"doc_id": f"d{index}", "text": body}, ensure_ascii=False) + "\n")
    outputs = {}
    for jobs in ("1", "2"):
        result = subprocess.run([sys.executable, "-m", "kg_cli.cli", "extract", str(corpus), "--jobs", jobs],
                                capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert result.returncode == 0, result.stderr
        outputs[jobs] = result.stdout
    assert [json.loads(line)["doc_id"] for line in outputs["2"].splitlines()] == [f"d{i}" for i in range(6)]
    assert outputs["2"] == outputs["1"]


def test_a_worker_that_cannot_start_ends_the_run_with_an_error() -> None:
    from kg.errors import KgError
    from pipelines.extract import extract_documents
    from pipelines.ingest import document_from_text

    documents = [document_from_text("加快产业园建设。", f"d{i}") for i in range(3)]
    with pytest.raises(KgError, match="worker"):
        list(extract_documents(documents, variant="no-such-variant", jobs=2))


NATIONAL = ROOT.parent / "shared" / "corpus" / "cn-gwr-1954-2019.jsonl"
TRAILER = "本作品是中华人民共和国"  # Wikisource's licence note: layout blanks it and whatever follows it
LONG_CHARS = 1_500_000  # spaCy refuses more than 1,000,000 by default


def long_document() -> tuple[str, int]:
    """About 1.5M characters of real report paragraphs (the national reports without their licence note)
    ending with the seed document; and the offset where the seed starts."""
    seed = DOCUMENT.read_text(encoding="utf-8")
    bodies = [json.loads(line)["text"].split(TRAILER)[0] for line in NATIONAL.open(encoding="utf-8")]
    parts, size = [], 0
    while size < LONG_CHARS - len(seed):
        parts.append(bodies[len(parts) % len(bodies)].strip() + "\n\n")
        size += len(parts[-1])
    return "".join(parts) + seed, size


def seed_members(store: NetworkXStore, offset: int) -> set[tuple]:
    """Every (goal, member, measure, head and tail offsets less ``offset``) whose evidence lies past ``offset``."""
    return {(goal.name, member.entity.name, ev.measure, ev.head_start - offset,
             ev.head_end - offset, ev.tail_start - offset, ev.sentence_start - offset)
            for goal in store.goals() for member in store.goal_members(goal.id)
            for ev in member.evidence if ev.sentence_start >= offset}


@pytest.mark.corpus
@pytest.mark.skipif(not NATIONAL.exists(), reason="../shared/corpus is not beside the project")
def test_a_document_longer_than_spacys_limit_builds_with_offsets_into_the_original(tmp_path: Path) -> None:
    text, offset = long_document()
    assert len(text) > LONG_CHARS
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kg_cli.cli", "build", str(path), "--data-dir", str(tmp_path / "long")],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    store = NetworkXStore.open(tmp_path / "long" / "graph")
    assert [d.length for d in store.documents()] == [len(text)]
    _, entities = store.find_entities(limit=sys.maxsize)
    assert len(entities) > 1000
    for entity in entities:
        for mention in store.get_entity(entity.id).mentions:
            assert text[mention.start:mention.end] == mention.text
            assert text[mention.sentence_start:mention.sentence_end] == mention.sentence
    # The seed at the end of 1.5M characters reads exactly as it does alone: same goals, members, measures.
    invoke("build", DOCUMENT, "--data-dir", tmp_path / "seed")
    alone = seed_members(NetworkXStore.open(tmp_path / "seed" / "graph"), 0)
    assert len(alone) > 100 and seed_members(store, offset) == alone


def test_build_options_describe_text_files_through_the_streaming_build(tmp_path: Path) -> None:
    """--place and --year reach the documents kg build streams into the store (checked first, then read
    again a document at a time), and local projects are scoped to that place."""
    report = tmp_path / "report.txt"
    report.write_text("关键词 产业强市。加快会展中心建设。", encoding="utf-8")
    invoke("build", report, "--place", "宜昌", "--year", "2024", "--data-dir", tmp_path / "data")
    store = NetworkXStore.open(tmp_path / "data" / "graph")
    [document] = store.documents()
    assert (document.place, document.places, document.level, document.year) == ("宜昌市", ["宜昌市", "湖北省"], "city", 2024)
    bad = runner.invoke(app, ["build", str(report), "--place", "不存在的地方", "--data-dir", str(tmp_path / "other")])
    assert bad.exit_code != 0 and not (tmp_path / "other" / "graph" / GRAPH_FILE).exists()
