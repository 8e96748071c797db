"""pipelines.segmenter gives jieba.lcut's words, with and without the HMM, on text made to be awkward."""

from __future__ import annotations

import re
from pathlib import Path

import jieba
import pytest

from pipelines import segmenter

TEXTS = [
    "",
    "推进衡阳港区建设",
    "关键词 产业强市\n\n措施一：加快比亚迪智能制造产业园建设，力争新增规模以上工业企业150家。",
    "GDP增长6.5%，CPI上涨2.1%左右；R&D经费投入强度2.4%以上，5G基站、C++、a_b.c-d#1",
    "第一行\r\n第二行\r\r\n\t 全角空格\u3000之后\xa0不换行",
    "王小二和李大嘴在郯城县巿场吃了一碗螺蛳粉",  # names and rare characters: runs for the HMM
    "𠀋𠮷野家和\ud800孤立的代理项",  # beyond the BMP and a lone surrogate: offsets are code points
    "ＡＢＣ１２３全角字母数字",
    "了了了了了了了了了了",
    "中华人民共和国国务院关于进一步加强和改进新形势下国家安全工作的若干意见（国发〔2019〕1号）",
    "一" * 3 + "x" + "二三" * 50,
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("hmm", [True, False])
def test_words_are_jiebas(text: str, hmm: bool) -> None:
    assert segmenter.lcut(text, HMM=hmm) == jieba.lcut(text, HMM=hmm)


def test_word_frequency_is_jiebas() -> None:
    jieba.dt.check_initialized()
    for word in ("建设", "产业强市", "中华人民共和国", "中华人", "衡", "", "zzz不是词"):
        assert segmenter.word_frequency(word) == jieba.dt.FREQ.get(word, 0), word


def test_tags_are_jiebas() -> None:
    import itertools

    import jieba.posseg

    table = jieba.posseg.dt.word_tag_tab
    words = list(table)
    ends = list(itertools.accumulate(map(len, words)))
    starts = [0, *ends[:-1]]
    tags = segmenter.dictionary()
    assert tags.tags("".join(words), starts, ends, "x") == [table[word] for word in words]
    for word in ("建设", "中华人", "衡", "", "zzz不是词", "𠀋", "\ud800"):
        assert tags.get(word) == table.get(word), word
        assert tags.get(word, "x") == table.get(word, "x"), word
        assert (word in tags) == (word in table), word
        if word in table:
            assert tags[word] == table[word]
        else:
            with pytest.raises(KeyError):
                tags[word]
    assert tags.tags("中华人民共和国zzz", [0, 0, 7, 5], [7, 3, 10, 5], None) == ["ns", None, None, None]


def test_jieba_without_pkg_resources_opens_the_same_dictionary() -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = ("import sys; from pipelines.segmenter import import_jieba; jieba = import_jieba(); "
            "print('pkg_resources' in sys.modules, 'pkg_resources' in sys.modules and sys.modules['pkg_resources'] is None); "
            "print(jieba.get_dict_file().name)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root,
                            env={**os.environ, "PYTHONPATH": str(root)})
    blocked, path = result.stdout.splitlines()
    assert blocked == "False False"  # not imported, and not left blocked either
    with jieba.get_dict_file() as opened:
        assert Path(path).resolve() == Path(opened.name).resolve()


def test_the_cache_is_named_by_the_dictionarys_content() -> None:
    """A new install of jieba (a fresh virtualenv) finds the cache an earlier one made: its name holds no
    modification time, only what the dictionary holds."""
    name = segmenter._cache_path().name
    assert re.fullmatch(rf"kg-jieba-trie-{segmenter.CACHE_VERSION}-[0-9a-f]{{16}}\.npz", name)
    assert segmenter._cache_path().name == name


def test_caches_of_an_earlier_naming_are_stale(tmp_path: Path) -> None:
    names = [f"kg-jieba-trie-{segmenter.CACHE_VERSION}-5071852-1795801116.npz",  # size and mtime: stale
             "kg-jieba-trie-1-5071852-1795801116.npz",  # an older format: stale
             f"kg-jieba-trie-{segmenter.CACHE_VERSION}-0123456789abcdef.npz",  # another dictionary's: kept
             f"kg-jieba-trie-{segmenter.CACHE_VERSION}-0123456789abcdef.123.tmp.npz",  # being written: kept
             "kg-gazetteer-f8c9d6a56cd9014c.marshal"]  # not ours to judge
    for name in names:
        (tmp_path / name).write_bytes(b"")
    current = tmp_path / f"kg-jieba-trie-{segmenter.CACHE_VERSION}-fedcba9876543210.npz"
    assert sorted(p.name for p in segmenter._stale_caches(current)) == sorted(names[:2])


def test_the_caches_are_in_kgs_cache_directory_not_the_temporary_one(tmp_path: Path, monkeypatch) -> None:
    """Another user of the machine can write to the temporary directory, and kg reads its caches as it finds
    them (the gazetteer is marshal data): they are kept where only the user writes."""
    from pipelines import gazetteer
    from pipelines.components import tagger

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    weights = tagger.data_path("models", "tagger.npz")
    assert segmenter._cache_path().parent == tmp_path / "segmenter"
    assert gazetteer._cache_path("text").parent == tmp_path / "gazetteer"
    assert tagger.rows_cache_path(weights, weights).parent == tmp_path / "tagger"


def test_the_tags_come_with_a_number_for_each_word_the_dictionary_holds() -> None:
    words = ["推进", "中国", "推进", "未登录词甲乙", "，", "中"]  # 中 is a word; 未登录词甲乙 is not even a prefix
    text, starts, ends = "".join(words), [], []
    for word in words:
        starts.append(ends[-1] if ends else 0)
        ends.append(starts[-1] + len(word))
    table = segmenter.dictionary()
    tags, nodes = table.tags_and_nodes(text, starts, ends, "x")
    assert tags == table.tags(text, starts, ends, "x") == [table.get(word, "x") for word in words]
    assert [node >= 0 for node in nodes.tolist()] == [word in table for word in words]
    assert nodes[0] == nodes[2] == table.node("推进") and len(set(nodes[[0, 1, 5]].tolist())) == 3
    prefix = table.node("中华人民共和")  # a prefix of a word, not a word: no number
    assert prefix >= 0 and "中华人民共和" not in table
    assert table.tags_and_nodes("中华人民共和", [0], [6], "x")[1].tolist() == [-1]
