"""The optional HanLP 2.x backend fails at start, clearly, when it lacks the package or the model; and the
``--backend`` option of ``kg extract`` / ``kg eval`` (one backend, or several to compare).

No HanLP 2.x model can be had here (kg never downloads one), so what is tested for real is the refusal:
the package is absent from this environment, and a model named in the config is absent from $HANLP_HOME.
Nothing here starts a JVM.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from kg.errors import KgError
from kg_cli.cli import app
from pipelines import hanlp2_backend
from pipelines.extract import build_nlp

runner = CliRunner()
PACKAGE_MISSING = importlib.util.find_spec("hanlp") is None


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "hanlp-home"
    home.mkdir()
    monkeypatch.setenv("HANLP_HOME", str(home))
    monkeypatch.delenv(hanlp2_backend.ALLOW_DOWNLOAD_ENV, raising=False)
    return home


def _tokenizer(model: str, allow_download: bool = False):
    import pipelines.hanlp_backend  # noqa: F401  (the entities factory of hanlp2.cfg)

    config = {"nlp": {"tokenizer": {"@tokenizers": "kg.HanLP2Tokenizer.v1", "model": model,
                                    "allow_download": allow_download}}}
    return spacy.blank("zh", config=config)


@pytest.mark.skipif(not PACKAGE_MISSING, reason="the hanlp package is installed here")
def test_without_the_package_the_backend_stops_at_start_saying_how_to_install_it() -> None:
    with pytest.raises(KgError) as caught:
        build_nlp("hanlp2")
    message = str(caught.value)
    assert message.startswith("the hanlp2 backend cannot start")
    assert "pip install 'kg[hanlp2]'" in message
    assert "COARSE_ELECTRA_SMALL_ZH" in message and "HANLP_HOME" in message and "KG_HANLP2_ALLOW_DOWNLOAD=1" in message


def test_a_model_missing_from_hanlp_home_is_named_with_where_to_put_it(_isolated_home: Path) -> None:
    with pytest.raises(KgError) as caught:
        _tokenizer("tok/electra_small_not_here")
    message = str(caught.value)
    assert f"not on disk at {_isolated_home / 'tok' / 'electra_small_not_here'}" in message
    assert f"HANLP_HOME={_isolated_home}" in message and "KG_HANLP2_ALLOW_DOWNLOAD=1" in message
    assert "pipelines/configs/hanlp2.cfg" in message
    assert list(_isolated_home.iterdir()) == []  # nothing was downloaded


def test_a_model_url_maps_into_hanlp_home_and_is_not_downloaded(_isolated_home: Path) -> None:
    url = "https://file.hankcs.com/hanlp/tok/coarse_electra_small_20220616_012050.zip"
    with pytest.raises(KgError, match="tok/coarse_electra_small_20220616_012050"):
        _tokenizer(url)
    assert list(_isolated_home.iterdir()) == []


def test_no_model_named_is_an_error() -> None:
    with pytest.raises(KgError, match=r"no model is named: set \[nlp.tokenizer\] model"):
        _tokenizer("")


def test_a_model_present_locally_passes_the_model_check(_isolated_home: Path) -> None:
    model = _isolated_home / "tok" / "mine"
    model.mkdir(parents=True)
    (model / "config.json").write_text("{}", encoding="utf-8")
    if PACKAGE_MISSING:  # only the package is then missing
        with pytest.raises(KgError) as caught:
            hanlp2_backend.check_setup("tok/mine")
        assert "pip install 'kg[hanlp2]'" in str(caught.value) and "not on disk" not in str(caught.value)
    else:
        hanlp2_backend.check_setup("tok/mine")


def test_downloading_needs_the_explicit_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(KgError, match="not on disk"):
        hanlp2_backend.check_setup("tok/elsewhere")
    monkeypatch.setenv(hanlp2_backend.ALLOW_DOWNLOAD_ENV, "1")
    if PACKAGE_MISSING:
        with pytest.raises(KgError) as caught:
            hanlp2_backend.check_setup("tok/elsewhere")
        assert "not on disk" not in str(caught.value)


def test_kg_extract_with_hanlp2_reports_the_error_without_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text("推进衡阳港区建设。", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--backend", "hanlp2", str(source)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: the hanlp2 backend cannot start")
    assert "Traceback" not in result.output and result.stdout == ""


# -- the --backend option ------------------------------------------------------------------------------

@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    gold = tmp_path / "gold.jsonl"
    record = {"doc_id": "d", "text": "关键词 产业强市\n\n措施一：聚焦聚力先进制造业\n\n加快比亚迪智能制造产业园建设。",
              "entities": [{"id": "g", "start": 4, "end": 8, "label": "GOAL", "text": "产业强市"}], "relations": []}
    gold.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return gold


def test_an_unknown_backend_is_named(gold_file: Path) -> None:
    result = runner.invoke(app, ["eval", str(gold_file), "--backend", "jieba,nope"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: unknown backend 'nope'; choose from: jieba, hanlp, hanlp2")


def test_kg_extract_takes_one_backend(gold_file: Path) -> None:
    result = runner.invoke(app, ["extract", "--backend", "jieba,hanlp", str(gold_file)])
    assert result.exit_code == 1
    assert "kg extract takes one --backend" in result.stderr


def test_comparing_backends_needs_no_predictions_file(gold_file: Path) -> None:
    result = runner.invoke(app, ["eval", str(gold_file), "--backend", "jieba,hanlp", "--pred", str(gold_file)])
    assert result.exit_code == 1
    assert "--pred scores given predictions" in result.stderr


def test_a_backend_that_cannot_start_stops_the_comparison_with_its_reason(gold_file: Path) -> None:
    result = runner.invoke(app, ["eval", str(gold_file), "--backend", "hanlp2,jieba"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: backend hanlp2: the hanlp2 backend cannot start")


@pytest.mark.pipeline
def test_comparing_one_backend_with_itself_in_process(gold_file: Path) -> None:
    from kg_cli import evaluate

    comparison = evaluate.compare_backends(gold_file, ["jieba"], isolated=False, min_seconds=0.0)
    side = comparison["backends"]["jieba"]
    assert side["scores"]["entities"]["by_type"]["GOAL"]["tp"] == 1
    assert side["chars_per_second"] > 0 and side["startup_seconds"] > 0 and side["passes"] == 1
    table = evaluate.format_comparison(comparison)
    assert table.splitlines()[0].split() == ["jieba"] and "process s" not in table
