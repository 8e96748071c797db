"""The HanLP 1.x backend for real: the pinned jar, one JVM per process (JPype), HanLP's tokens and tags, its
places and organisations as candidates, and the whole extractor on the seed gold file and the national reports.

The jar is fetched by the test itself when it is not cached (``ensure_jar``: Maven Central through
``mvn``). Locally a jar that cannot be fetched skips these tests; in CI (``CI=true``) it fails them.
JPype starts one JVM per process, and pytest runs every test in one process: the JVM is started only
through ``pipelines.hanlp_backend.start_jvm``, here and anywhere else in the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg import scoring
from kg.errors import KgError
from pipelines import hanlp_backend, hanlp_jar
from pipelines.extract import Extractor
from pipelines.ingest import document_from_text, read_documents
from pipelines.layout import prepare
from tests.integration.test_extractor import check_national_corpus

pytestmark = [pytest.mark.hanlp, pytest.mark.pipeline, pytest.mark.integration]

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "eval" / "hengyang-2021-goals.gold.jsonl"
NATIONAL = SHARED / "corpus" / "cn-gwr-1954-2019.jsonl"
IN_CI = os.environ.get("CI", "").lower() == "true"
needs_shared = pytest.mark.skipif(not GOLD.exists() or not NATIONAL.exists(),
                                  reason="../shared (gold files, national corpus) is not beside the project")


@pytest.fixture(scope="module")
def jar() -> Path:
    try:
        return hanlp_jar.ensure_jar()
    except KgError as exc:
        if IN_CI:
            pytest.fail(f"the HanLP jar is required in CI: {exc}")
        pytest.skip(f"the HanLP jar is not available: {exc}")


@pytest.fixture(scope="module")
def extractor(jar: Path) -> Extractor:
    return Extractor("hanlp")


def test_the_jar_is_the_pinned_one(jar: Path) -> None:
    assert jar.name == hanlp_jar.JAR_NAME
    assert hanlp_jar.sha256_of(jar) == hanlp_jar.JAR_SHA256


def test_a_jar_with_another_checksum_is_refused(jar: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    altered = tmp_path / hanlp_jar.JAR_NAME
    shutil.copyfile(jar, altered)
    with altered.open("ab") as stream:
        stream.write(b"\0")
    monkeypatch.setenv("KG_HANLP_JAR", str(altered))
    with pytest.raises(KgError, match="SHA-256 .* expected " + hanlp_jar.JAR_SHA256):
        hanlp_jar.ensure_jar()
    monkeypatch.delenv("KG_HANLP_JAR")
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    hanlp_jar.cache_dir().mkdir(parents=True)
    altered.rename(hanlp_jar.cache_dir() / hanlp_jar.JAR_NAME)  # a damaged cached jar
    with pytest.raises(KgError, match="kg hanlp install --force"):
        hanlp_jar.ensure_jar()


def test_the_jvm_starts_once_per_process(jar: Path) -> None:
    import jpype

    hanlp_backend.start_jvm()
    first = hanlp_backend.jvm_startup_seconds()
    assert jpype.isJVMStarted() and first is not None and first < 30
    hanlp_backend.start_jvm()
    Extractor("hanlp")  # a second pipeline shares the JVM and the segmenter
    assert hanlp_backend.jvm_startup_seconds() == first
    assert len(hanlp_backend.hanlp_load_seconds()) >= 1
    print(f"\nJVM start-up {first:.3f} s; HanLP dictionaries {hanlp_backend.hanlp_load_seconds()}")


def test_the_jieba_backend_never_loads_jpype() -> None:
    script = ("import sys; from pipelines.extract import Extractor; Extractor('jieba'); "
              "print('jpype' in sys.modules, 'pipelines.hanlp_backend' in sys.modules)")
    completed = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert completed.stdout.split() == ["False", "False"]


def _assert_covers(doc, text: str) -> None:
    assert "".join(token.text for token in doc) == text
    assert not any(token.whitespace_ for token in doc)
    position = 0
    for token in doc:
        assert token.idx == position
        position += len(token.text)


@needs_shared
def test_tokens_cover_the_seed_and_a_traditional_national_report_exactly(extractor: Extractor) -> None:
    seed = json.loads(GOLD.read_text(encoding="utf-8").splitlines()[0])["text"]
    report = next(d for d in read_documents([NATIONAL]) if d.doc_id == "cn-gwr-1954")  # traditional characters
    for text in (seed, prepare(document_from_text(seed, "seed")).text, report.text, prepare(report).text):
        doc = extractor.nlp.tokenizer(text)
        _assert_covers(doc, text)
        assert all(token.tag_ for token in doc if not token.is_space)  # HanLP tagged every word


def test_tokens_cover_mixed_and_unusual_text_exactly(extractor: Extractor) -> None:
    text = ("𠀀𠀁衡陽市😀 a/b, c/n, d km/h\r\n\t全面啟動ＡＢＣ１２３\u3000\u200b「3311」工程，e\u0301tude。"
            "/n, /w]")
    _assert_covers(extractor.nlp.tokenizer(text), text)
    _assert_covers(extractor.nlp.tokenizer(""), "")
    _assert_covers(extractor.nlp.tokenizer(" \n "), " \n ")


def test_the_fast_reading_of_terms_agrees_with_reading_them_one_by_one(jar: Path) -> None:
    import jpype

    text = "推进衡阳港区建设，a/b, c/n, d km/h。国务院、联合国和湘江/ns, 长株潭"
    hanlp_backend.segment(text)  # starts the JVM
    terms = hanlp_backend._segment(True, True).seg(jpype.JString(text))
    assert hanlp_backend.segment(text) == [(str(t.word), str(t.nature)) for t in terms]


def test_tags_are_hanlp_parts_of_speech_in_jiebas_tag_set(extractor: Extractor) -> None:
    doc = extractor.nlp.tokenizer("推进衡阳港区建设，湖南省人民政府是国务院批准的。")
    tags = {token.text: token.tag_ for token in doc}
    assert tags["衡阳"] == "ns" and tags["湖南省"] == "ns" and tags["国务院"] == "nt"
    assert tags["推进"] in {"v", "vi"} and tags["，"] == "x" and tags["是"] == "v"  # vshi → v, w → x


def test_the_hanlp_pipeline_runs_its_candidates_between_the_rule_families_and_resolver(extractor: Extractor) -> None:
    assert extractor.nlp.pipe_names == ["kg_structure", "kg_headings", "kg_targets", "kg_programmes", "kg_lists",
                                        "kg_projects", "kg_lexical", "kg_hanlp_entities", "kg_resolver",
                                        "kg_relations", "kg_project_status", "kg_spans"]


def test_hanlp_places_and_organisations_become_candidates(extractor: Extractor) -> None:
    doc = extractor.nlp("推进衡阳港区建设，国务院支持湖南省发展，对接东阳渡和的省。")
    found = {(doc.text[c.start:c.end], c.label, c.source) for c in doc._.kg_candidates
             if c.source.startswith("hanlp-")}
    assert ("衡阳", "PLACE", "hanlp-place") in found
    assert ("湖南省", "PLACE", "hanlp-place") in found
    assert ("国务院", "ORG", "hanlp-org") in found
    assert all(len(text) >= 2 for text, _, _ in found)  # single characters and particles are noise


@needs_shared
def test_the_hanlp_extractor_scores_on_the_seed_gold_file(extractor: Extractor) -> None:
    gold = scoring.load_jsonl(GOLD)
    predictions = {d: extractor.extract(document_from_text(r["text"], d)).to_gold_dict() for d, r in gold.items()}
    result, _ = scoring.score(gold, predictions)
    entities, serves = result["entities"]["micro"]["f1"], result["relations"]["by_type"]["SERVES"]["f1"]
    print(f"\nhanlp on the seed: entity F1 {entities}, SERVES F1 {serves}, "
          f"relation F1 {result['relations']['micro']['f1']}")
    assert entities > 0.8 and serves > 0.8


@needs_shared
def test_every_national_report_runs_clean_with_hanlp(extractor: Extractor) -> None:
    check_national_corpus(extractor)


@needs_shared
def test_kg_eval_compares_backends_in_one_table(jar: Path) -> None:
    from typer.testing import CliRunner

    from kg_cli.cli import app

    result = CliRunner().invoke(app, ["eval", str(GOLD), "--backend", "jieba,hanlp"])
    assert result.exit_code == 0, result.output
    print("\n" + result.stdout)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["jieba", "hanlp"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:] if line.startswith("  ")}
    assert len(rows["SERVES"]) == 6 and len(rows["PLACE"]) == 6  # P R F1 of each backend
    for name in ("start-up", "chars/s", "process"):
        assert len(rows[name]) == 2 + (name != "chars/s"), rows[name]  # "start-up s" / "process s" keep the "s"


def test_kg_hanlp_install_verifies_the_cached_jar(jar: Path) -> None:
    from typer.testing import CliRunner

    from kg_cli.cli_hanlp import kg_hanlp

    result = CliRunner().invoke(kg_hanlp, ["install"])
    assert result.exit_code == 0, result.output
    assert hanlp_jar.JAR_SHA256 in result.stdout and "衡阳/ns" in result.stdout
    completed = subprocess.run([sys.executable, "-m", "kg_cli.cli_hanlp", "install", "--no-check"], cwd=ROOT,
                               capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert str(jar) in completed.stdout
