"""jieba's segmentation, compiled: the same words as ``jieba.lcut`` from the same dictionary, in a fraction of the time.

jieba (0.42) segments in pure Python: for every character it walks its prefix dictionary building a DAG of
the words that start there, picks the most probable route through the DAG, and hands runs of unknown
single characters to an HMM (``jieba.finalseg``). That was most of the CPU time of an extraction, more
than all of kg's own components. This module runs the same steps, in the same order, with the same
floating-point operations, over the dictionary jieba loads, turned into arrays once and cached beside
jieba's own cache:

- the prefix dictionary is a trie whose edges sit in an open-addressing hash table; each node knows whether
  its prefix is a word (frequency > 0) and the word's ``log(freq) - log(total)``, computed by Python's
  ``math.log`` as jieba does, so every route score is the same float (ties go, as in jieba, to the longer word);
- the DAG, the route and the splitting of the text into blocks are one numba function over the text's code
  points (:func:`pipelines.kernels.segment`, compiled ahead of time, see :mod:`pipelines.native`);
- the HMM runs are left to ``jieba.finalseg.cut`` itself (memoised: the same runs recur).

``tests/unit/test_segmenter.py`` checks the words against ``jieba.lcut`` on awkward strings and
``tests/integration`` on whole reports. kg never adds words to jieba's dictionary; words added with
``jieba.add_word`` would not be seen here.

>>> lcut("推进衡阳港区建设，GDP增长6.5%\\r\\n") == __import__("jieba").lcut("推进衡阳港区建设，GDP增长6.5%\\r\\n")
True
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from pipelines.cache import cache_dir, write_atomically
from pipelines.native import kernels

__all__ = ["lcut", "word_frequency", "Dictionary", "dictionary", "import_jieba"]

CACHE_VERSION = 2  # 2: each node's part-of-speech tag
_EMPTY = -1


class Dictionary:
    """jieba's prefix dictionary as arrays: a trie (hash table of edges) with each node's frequency, weight
    and part-of-speech tag (``jieba.posseg``'s, an index into ``tag_names``; 0, "", for a prefix)."""

    def __init__(self, arrays) -> None:
        self.edge_node = arrays["edge_node"]
        self.edge_char = arrays["edge_char"]
        self.edge_child = arrays["edge_child"]
        self.frequency = arrays["frequency"]
        self.weight = arrays["weight"]
        self.fallback_weight = float(arrays["fallback_weight"])
        self.tag = arrays["tag"]
        self.tag_names = [sys.intern(name) for name in arrays["tag_names"].tolist()]

    def get(self, word: str, default: str | None = None) -> str | None:
        """``jieba.posseg.dt.word_tag_tab.get(word, default)``: the word's tag in jieba's dictionary."""
        node = self.node(word)
        return self.tag_names[self.tag[node]] or default if node >= 0 else default

    def __contains__(self, word: object) -> bool:
        """``word in jieba.posseg.dt.word_tag_tab``: a word of jieba's dictionary (not a prefix of one)."""
        return isinstance(word, str) and self.get(word) is not None

    def __getitem__(self, word: str) -> str:
        """``jieba.posseg.dt.word_tag_tab[word]`` (KeyError for a word the dictionary lacks)."""
        tag = self.get(word)
        if tag is None:
            raise KeyError(word)
        return tag

    def tags(self, text: str, starts: Sequence[int], ends: Sequence[int], missing: str | None = None
             ) -> list[str | None]:
        """:meth:`get` of every word ``text[start:end]``, ``missing`` for a word the dictionary lacks, all at once."""
        return self.tags_and_nodes(text, starts, ends, missing)[0]

    def tags_and_nodes(self, text: str, starts: Sequence[int], ends: Sequence[int], missing: str | None = None
                       ) -> tuple[list[str | None], np.ndarray]:
        """:meth:`tags`, and the trie node of each word the dictionary holds (-1 for the others): a number that
        stands for the word, and so for the word with its tag."""
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        found = kernels().nodes(codes, np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64),
                                self.edge_node, self.edge_char, self.edge_child)
        ids = self.tag[np.maximum(found, 0)]
        ids[found < 0] = 0
        found[ids == 0] = -1  # a prefix of words, not one
        names = [missing, *self.tag_names[1:]]
        return list(map(names.__getitem__, ids.tolist())), found

    def node(self, word: str) -> int:
        """The trie node of ``word`` (a word or a prefix of one in jieba's dictionary), or -1."""
        node, child = 0, kernels().child
        for char in word:
            node = child(self.edge_node, self.edge_char, self.edge_child, node, ord(char))
            if node < 0:
                return -1
        return node


def import_jieba():
    """``import jieba``, without the ``pkg_resources`` that jieba's ``_compat`` imports to open its dictionary
    file: 0.1 s of every start-up (setuptools deprecates it). Without it jieba opens the same file by its
    path (its own fallback). Nothing else is changed: ``import jieba`` later, anywhere, gets this module."""
    if "jieba" not in sys.modules:
        block = "pkg_resources" not in sys.modules
        if block:
            sys.modules["pkg_resources"] = None  # type: ignore[assignment]  (import pkg_resources: ImportError)
        try:
            import jieba  # noqa: F401  (in sys.modules from here on)
        finally:
            if block and sys.modules.get("pkg_resources", 0) is None:
                del sys.modules["pkg_resources"]
    return sys.modules["jieba"]


CACHE_PREFIX = "kg-jieba-trie-"
SAMPLED_BYTES = 1 << 16


def _cache_path() -> Path:
    """The cache of the arrays, named by the dictionary's content: its size and a digest of its first and last
    64 KiB (well under a millisecond; the whole 5 MB file would take 40 ms of every start-up). Named by the
    file's modification time instead, each new install of jieba (every fresh virtualenv, every CI run) left a
    21 MB file behind. In kg's cache directory (:func:`pipelines.cache.cache_dir`), not the temporary one, where
    another user could leave a dictionary of theirs under this name."""
    jieba = import_jieba()

    with jieba.get_dict_file() as opened:
        size = os.fstat(opened.fileno()).st_size
        digest = hashlib.blake2b(str(size).encode(), digest_size=8)
        digest.update(opened.read(SAMPLED_BYTES))
        opened.seek(max(0, size - SAMPLED_BYTES))
        digest.update(opened.read())
    return cache_dir("segmenter") / f"{CACHE_PREFIX}{CACHE_VERSION}-{digest.hexdigest()}.npz"


def _stale_caches(cache: Path) -> list[Path]:
    """Caches that an earlier kg left in the same directory and no kg reads any more: named by an older
    version or by a dictionary's size and modification time (``kg-jieba-trie-2-5071852-1795801116.npz``)."""
    current = re.compile(re.escape(f"{CACHE_PREFIX}{CACHE_VERSION}-") + "[0-9a-f]{16}\\.npz")
    return [path for path in cache.parent.glob(f"{CACHE_PREFIX}*.npz")
            if not current.fullmatch(path.name) and ".tmp." not in path.name]


@functools.cache
def dictionary() -> Dictionary:
    """The arrays of jieba's default dictionary, from the cache (memory-mapped, so processes share them) or built."""
    jieba = import_jieba()

    jieba.setLogLevel(logging.WARNING)
    cache = _cache_path()
    try:
        return Dictionary(_load(cache))
    except (OSError, ValueError, KeyError, EOFError):
        pass
    arrays = _build(jieba.dt)
    try:
        if write_atomically(cache, lambda partial: np.savez(partial, **arrays)):
            for stale in _stale_caches(cache):
                stale.unlink(missing_ok=True)
            return Dictionary(_load(cache))
    except OSError:
        pass
    return Dictionary(arrays)  # a cache directory that cannot be written only costs the build next time


def _load(path: Path) -> dict[str, np.ndarray]:
    # np.load of an .npz cannot map its members; the arrays are small enough (~30 MB) to read whole, and
    # reading them is ~10 times faster than jieba unmarshalling its dictionary.
    with np.load(path) as stored:
        return {name: stored[name] for name in stored.files}


def _build(tokenizer) -> dict[str, np.ndarray]:
    import jieba.posseg  # parses the dictionary's tags (~0.15 s), only to build the arrays

    tokenizer.check_initialized()
    frequencies = tokenizer.FREQ  # every word and every prefix of one (prefixes with frequency 0)
    logtotal = math.log(tokenizer.total)
    keys = sorted(frequencies, key=len)
    ids = {"": 0}
    count = len(keys) + 1
    parent = np.empty(count - 1, dtype=np.int64)
    char = np.empty(count - 1, dtype=np.int64)
    frequency = np.zeros(count, dtype=np.int64)
    weight = np.zeros(count, dtype=np.float64)
    for index, key in enumerate(keys, start=1):
        ids[key] = index
        parent[index - 1] = ids[key[:-1]]
        char[index - 1] = ord(key[-1])
        value = frequencies[key]
        frequency[index] = value
        if value:
            weight[index] = math.log(value) - logtotal  # jieba: log(FREQ.get(word) or 1) - logtotal
    size = 1 << max(10, (2 * count - 1).bit_length())
    edge_node = np.full(size, _EMPTY, dtype=np.int32)
    edge_char = np.zeros(size, dtype=np.int32)
    edge_child = np.zeros(size, dtype=np.int32)
    kernels().fill(edge_node, edge_char, edge_child, parent, char)
    word_tags = jieba.posseg.dt.word_tag_tab  # read from the same dictionary file as FREQ
    tag_names = ["", *sorted(set(word_tags.values()))]
    tag_ids = {name: index for index, name in enumerate(tag_names)}
    tag = np.zeros(count, dtype=np.uint8 if len(tag_names) < 256 else np.uint16)
    for word, name in word_tags.items():
        tag[ids[word]] = tag_ids[name]
    return {"edge_node": edge_node, "edge_char": edge_char, "edge_child": edge_child, "frequency": frequency,
            "weight": weight, "fallback_weight": np.float64(math.log(1) - logtotal), "tag": tag,
            "tag_names": np.array(tag_names)}



@functools.lru_cache(maxsize=1 << 16)
def _hmm_words(run: str) -> tuple[str, ...]:
    import_jieba()
    from jieba import finalseg

    return tuple(finalseg.cut(run))


def lcut(text: str, HMM: bool = True) -> list[str]:  # noqa: N803 (jieba's keyword)
    """``jieba.lcut(text, HMM=HMM)`` with jieba's default dictionary."""
    if not text:
        return []
    trie = dictionary()
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    rows = kernels().segment(codes, trie.edge_node, trie.edge_char, trie.edge_child, trie.frequency, trie.weight,
                    trie.fallback_weight, HMM)
    ends = rows[:, 0].tolist()
    starts = [0, *ends[:-1]]
    words_as_cut = [text[start:end] for start, end in zip(starts, ends, strict=True)]
    runs = np.flatnonzero(rows[:, 1]).tolist() if HMM else []
    if not runs:
        return words_as_cut
    result: list[str] = []
    done = 0
    for index in runs:
        result.extend(words_as_cut[done:index])
        result.extend(_hmm_words(words_as_cut[index]))
        done = index + 1
    result.extend(words_as_cut[done:])
    return result


def word_frequency(word: str) -> int:
    """``jieba.dt.FREQ.get(word, 0)``: the word's frequency in jieba's dictionary (0 for a prefix or no word)."""
    words = dictionary()
    node = words.node(word)
    return int(words.frequency[node]) if node > 0 else 0
