"""The decoder's preloaded rows (the corpora's common words, from a cache file): the same emission scores as
rows computed per document, bit for bit, and a cache that does not match is not used."""

from __future__ import annotations

import numpy as np
import pytest

from pipelines.components import tagger
from pipelines.components.tagger import Decoder, TaggerFeatures, TaggerWeights, data_path, word_clusters

WORDS = ["加快", "比亚迪", "智能", "制造", "产业园", "建设", "，", "新增", "企业", "150", "家", "。"]
TAGS = ["v", "nz", "n", "vn", "n", "vn", "x", "v", "n", "m", "q", "x"]
KEYS = [("加快", "v"), ("智能", "n"), ("制造", "vn"), ("企业", "n"), ("建设", "vn"), ("产业", "n")]


@pytest.fixture(scope="module")
def weights() -> TaggerWeights:
    return TaggerWeights.load(data_path("models", "tagger.npz"))


def decoder(weights: TaggerWeights) -> Decoder:
    return Decoder(weights, TaggerFeatures(word_clusters()))


def test_preloaded_rows_score_as_rows_computed_for_the_document(weights, tmp_path) -> None:
    plain = decoder(weights).emissions(WORDS, TAGS, {})
    computed, read = decoder(weights), decoder(weights)
    computed.preload(KEYS, tmp_path / "rows.npz")  # no file yet: computed, then written
    read.preload(KEYS, tmp_path / "rows.npz")
    assert (tmp_path / "rows.npz").is_file()
    for preloaded in (computed, read):
        assert np.array_equal(preloaded.emissions(WORDS, TAGS, {}), plain)
        assert np.array_equal(preloaded.emissions(WORDS[::-1], TAGS[::-1], {}), decoder(weights).emissions(
            WORDS[::-1], TAGS[::-1], {}))


def test_a_cache_whose_rows_differ_or_whose_keys_differ_is_not_used(weights, tmp_path) -> None:
    cache = tmp_path / "rows.npz"
    decoder(weights).preload(KEYS, cache)
    with np.load(cache) as stored:
        arrays = {name: stored[name] for name in stored.files}
    arrays["table"][0] += 1.0  # rows of other weights: the sample computed again is the first key's
    np.savez(cache, **arrays)
    wrong = decoder(weights)
    wrong.preload(KEYS, cache)
    assert np.array_equal(wrong.emissions(WORDS, TAGS, {}), decoder(weights).emissions(WORDS, TAGS, {}))
    with np.load(cache) as stored:  # and written again, right
        assert np.array_equal(stored["table"][0], wrong._table[0])
    other = decoder(weights)
    other.preload(KEYS[:-1], cache)  # other keys: computed
    assert other._fixed_rows == {key: row for row, key in enumerate(KEYS[:-1])}
    cache.write_bytes(b"not a cache")
    damaged = decoder(weights)
    damaged.preload(KEYS, cache)
    assert np.array_equal(damaged.emissions(WORDS, TAGS, {}), decoder(weights).emissions(WORDS, TAGS, {}))


def test_the_bound_on_rows_starts_again_from_the_preloaded_ones(weights, monkeypatch) -> None:
    monkeypatch.setattr(Decoder, "MAX_ROWS", 4)
    bounded = decoder(weights)
    bounded.preload(KEYS)
    scores = bounded.emissions(WORDS, TAGS, {})  # 9 new keys: over the bound, so it starts again
    assert np.array_equal(scores, decoder(weights).emissions(WORDS, TAGS, {}))
    assert all(bounded._rows[key] == row for key, row in bounded._fixed_rows.items())
    assert len(bounded._rows) == len(set(zip(WORDS, TAGS, strict=True)) | set(KEYS))
    bounded.emissions(["产业", "发展"], ["n", "vn"], {})
    assert all(bounded._rows[key] == row for key, row in bounded._fixed_rows.items())


def test_preloading_comes_first() -> None:
    weights = TaggerWeights.load(data_path("models", "tagger.npz"))
    used = decoder(weights)
    used.emissions(WORDS, TAGS, {})
    with pytest.raises(ValueError):
        used.preload(KEYS)


def test_a_new_cache_replaces_those_of_earlier_weights_of_the_same_name(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    weights = tmp_path / "tagger.npz"
    weights.write_bytes(b"weights")
    cache = tagger.rows_cache_path(weights, data_path("models", "word_clusters.tsv"))
    assert cache.parent == tmp_path / "cache" / "tagger" and cache.name.startswith("kg-tagger-rows-tagger-")
    decoder(TaggerWeights.load(data_path("models", "tagger.npz"))).preload(KEYS, cache)  # makes the directory
    assert cache.is_file()
    tmp_path = cache.parent
    names = ["kg-tagger-rows-tagger-0123456789abcdef.npz",  # earlier weights of the same file: stale
             "kg-tagger-rows-tagger-alone-0123456789abcdef.npz",  # another weights file's: kept
             "kg-tagger-rows-tagger-0123456789abcdef.123.tmp.npz"]  # being written: kept
    for name in names:
        (tmp_path / name).write_bytes(b"")
    assert tagger._stale_rows(cache) == [tmp_path / names[0]]
    cache.unlink()  # written again: the stale one goes
    decoder(TaggerWeights.load(data_path("models", "tagger.npz"))).preload(KEYS, cache)
    assert sorted(p.name for p in tmp_path.glob("kg-tagger-rows-*")) == sorted([cache.name, *names[1:]])


def numbered(words: list[str]) -> tuple[list[str], np.ndarray]:
    """The dictionary's tags of ``words`` and the trie nodes that stand for them, as the tagger component reads them."""
    from pipelines.tokenizers import dictionary_tags

    text, starts, ends = "".join(words), [], []
    for word in words:
        starts.append(ends[-1] if ends else 0)
        ends.append(starts[-1] + len(word))
    return dictionary_tags().tags_and_nodes(text, starts, ends, "x")


def test_rows_found_by_the_numbers_of_words_score_as_rows_found_by_key(weights, monkeypatch) -> None:
    words = WORDS + ["建设", "企业", "未登录词甲乙", "，"]  # repeated words, and a word the dictionary lacks
    tags, nodes = numbered(words)
    assert nodes[words.index("未登录词甲乙")] == -1 and (nodes >= 0).sum() >= 10  # punctuation and figures: -1 too
    assert nodes[words.index("建设")] == nodes[len(WORDS)] >= 0  # one word, one number
    by_number, by_key = decoder(weights), decoder(weights)
    for _ in range(2):  # the second time every numbered token finds its row by number
        assert np.array_equal(by_number.emissions(words, tags, {}, nodes), by_key.emissions(words, tags, {}))
    assert all(by_number._node_rows[node] == by_number._rows[(word, tag)]
               for word, tag, node in zip(words, tags, nodes.tolist(), strict=True) if node >= 0)
    monkeypatch.setattr(Decoder, "MAX_ROWS", 4)
    bounded = decoder(weights)
    bounded.preload(KEYS)
    other_words = ["产业", "发展", "推进", "项目", "园区", "高质量"]
    other_tags, other_nodes = numbered(other_words)
    for sequence, sequence_tags, sequence_nodes in ((words, tags, nodes), (other_words, other_tags, other_nodes),
                                                    (words, tags, nodes)):  # each over the bound: it starts again
        assert np.array_equal(bounded.emissions(sequence, sequence_tags, {}, sequence_nodes),
                              decoder(weights).emissions(sequence, sequence_tags, {}))
        # no number points at a row that a new start gave to another key
        table = bounded._node_rows
        for word, tag, node in zip(words + other_words, tags + other_tags,
                                   [*nodes.tolist(), *other_nodes.tolist()], strict=True):
            if 0 <= node < len(table) and table[node] >= 0:
                assert bounded._rows.get((word, tag)) == table[node], word


def test_the_preloaded_keys_are_the_cluster_words_the_dictionary_holds_with_its_tag() -> None:
    from pipelines.components.factories import _cluster_keys
    from pipelines.tokenizers import dictionary_tags

    words = ["推进", "未登录词甲乙", "中华人民共和", "产业", "中", "，"]  # not a word; a prefix of one
    table = dictionary_tags()
    assert _cluster_keys(words) == [(word, table[word]) for word in words if word in table]
    assert [word for word, _ in _cluster_keys(words)] == ["推进", "产业", "中"]
