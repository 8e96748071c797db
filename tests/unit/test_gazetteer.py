"""The gazetteer: generated data matches jionlp, lookups with parent chains, matching in running text."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines import gazetteer
from pipelines.components.lexical import find_places
from pipelines.lexicon import Lexicon

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(importlib.util.find_spec("jionlp") is None, reason="jionlp (a dev dependency) not installed")
def test_generated_data_matches_the_package():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_gazetteer.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_coverage_down_to_towns():
    g = gazetteer.default()
    levels = [g.level_of(i) for i in range(len(g))]
    assert levels.count("province") == 34
    assert levels.count("city") >= 330
    assert levels.count("county") >= 2800
    assert levels.count("town") >= 38000


@pytest.mark.parametrize(("name", "full", "level", "parents"), [
    ("宜昌", "宜昌市", "city", ["湖北省"]),
    ("伍家岗", "伍家岗区", "county", ["宜昌市", "湖北省"]),
    ("猇亭区", "猇亭区", "county", ["宜昌市", "湖北省"]),
    ("仙桃", "仙桃市", "county", ["湖北省"]),  # directly under the province
    ("小榄", "小榄镇", "town", ["中山市", "广东省"]),  # directly under the city
    ("阿里", "阿里地区", "city", ["西藏自治区"]),
])
def test_lookup_gives_the_parent_chain(name, full, level, parents):
    place = gazetteer.lookup(name)
    assert (place.full_name, place.level, [p.full_name for p in place.parents]) == (full, level, parents)


def test_ambiguous_short_forms_need_context():
    assert gazetteer.lookup("龙泉镇") is None  # many
    yichang = gazetteer.lookup("宜昌")
    assert gazetteer.lookup("龙泉", near=[yichang]).parent.full_name == "夷陵区"
    assert gazetteer.lookup("中山").full_name == "中山市"  # the city, not a town 中山镇


def test_development_zones_are_not_divisions():
    assert not gazetteer.default().indexes("长春高新技术产业开发区")
    assert not gazetteer.default().indexes("化工园区")


def test_place_names_policy():
    places = Lexicon.default().places
    assert places["宜昌"] == "city" and places["伍家岗"] == "county" and places["龙泉镇"] == "town"
    assert places["西班牙"] == "country" and places["雄安新区"] == "area"
    for word in ("新建", "城区", "江北", "和平", "小城镇", "中心镇", "中非", "合作"):
        assert word not in places, word  # common words, generic short forms, 中非 = China–Africa
    assert places.contextual("梁山")  # a county, and a name in the dictionary: only where 济宁 is named
    assert not places.contextual("新建")


def _found(text: str) -> list[str]:
    return [text[c.start:c.end] for c in find_places(text, None)]


def test_running_text():
    assert _found("推进伍家岗、猇亭、点军协同发展。") == ["伍家岗", "猇亭", "点军"]
    assert _found("加快小溪塔片区建设。") == []  # a town's short form alone: no context
    assert _found("宜昌市加快小溪塔片区建设。") == ["宜昌市", "小溪塔"]  # the one city the text names
    # named once among many (a national report): not enough context for a town's short form
    assert _found("支持武汉、长沙、郑州、合肥、宜昌发展，加快小溪塔建设。") == ["武汉", "长沙", "郑州", "合肥", "宜昌"]
    assert _found("湖北潜江，湖北。") == ["湖北潜江", "湖北"]  # a county right under the province
    assert _found("湖北仙桃") == ["湖北"]  # 仙桃 (a peach) is a common word: left out
    assert _found("宜昌市加快宜昌小溪塔片区建设。") == ["宜昌市", "宜昌", "小溪塔"]
    assert _found("支持济宁梁山、嘉祥发展，济宁。") == ["济宁", "梁山", "嘉祥", "济宁"]
    assert _found("支持梁山好汉文化发展。") == []
    assert _found("新建城区道路，和平发展。") == []
    assert _found("推进天津滨海新区、雄安新区建设。") == ["天津滨海新区", "雄安新区"]
    assert _found("衡阳祁东归阳镇") == ["衡阳", "祁东", "归阳镇"]


@pytest.mark.pipeline
def test_a_feature_named_after_a_division_is_the_longer_name():
    from pipelines.extract import build_nlp

    text = "提升东昌湖周边环境，推进东昌府区发展。"
    doc = build_nlp("jieba", variant="rules").make_doc(text)
    boundaries = {t.idx for t in doc} | {t.idx + len(t) for t in doc}
    found = find_places(text, boundaries)
    assert [text[c.start:c.end] for c in found][:1] == ["东昌湖"]
    assert found[0].attrs["level"] is None  # a lake, not the district


def test_a_place_runs_on_through_the_part_of_its_basin():
    assert _found("促进黄河流域生态保护，推进伍家岗上游治理。") == ["黄河流域", "伍家岗上游"]


def test_a_short_form_of_divisions_only_in_another_province_is_no_place_in_a_text_about_one():
    about_hubei = "宜昌市加快伍家岗、猇亭建设，宜昌花溪社区改造。"  # 花溪 (贵阳) is a word here
    assert _found(about_hubei) == ["宜昌市", "伍家岗", "猇亭", "宜昌"]
    assert "花溪" in _found("贵阳市推进花溪、南明、云岩协同，贵阳加快发展。")
