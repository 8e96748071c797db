"""A learned sequence tagger over jieba tokens: a linear-chain CRF whose features include the rules' output.

The rules (recognisers, resolver) propose names; the tagger decides, token by token, where names of the
learned labels begin and end (BIO tags). Its features are the token itself, its dictionary tag, its
distributional cluster (``models/word_clusters.tsv``, learned from unannotated reports), its neighbours
two tokens either side, the rules' label at that token, the rules' raw candidates covering it, and
whether it sits inside quotation marks or a 《title》.

The CRF is trained with CRFsuite (``kg train tagger``, see :mod:`pipelines.train`); what ships is its
weights exported to ``models/tagger.npz``. Decoding needs only numpy: a token's emission scores are the
sums of the weights of its features, read per distinct word and cached, and Viterbi is compiled by
numba (:func:`pipelines.kernels.viterbi`, ahead of time: see :mod:`pipelines.native`), so the tagger adds
little to a run.

A sequence is a sentence (cut after 。！？； and line breaks); features look across sentence ends within a
paragraph, never across a line break, so a paragraph is tagged the same wherever it stands.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import operator
import re
import sys
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from pipelines.cache import cache_dir, write_atomically
from pipelines.components.lexical import BASIN_PARTS, CONTEXT_MENTIONS
from pipelines.components.nested import NAME_ONLY, NATION_PART, OPENING_DIRECTION, SEGMENT
from pipelines.components.targets import number_value
from pipelines.gazetteer import LEVELS
from pipelines.native import kernels

__all__ = ["LEARNED_LABELS", "TaggerFeatures", "TaggerWeights", "bio_tags", "in_review", "sentence_ranges",
           "LearnedTagger", "word_clusters"]

INDUSTRY_CLASS_WORD = "产业"
# Where a sector is traded, hosted or gathered: never part of the sector's name (二手车市场 → 二手车).
SECTOR_PLACES = ("市场", "平台", "行业", "领域", "集群", "基地")
# ... except the markets of finance, which are that sector (多层次资本市场, 债券市场, 区域性股权市场: 资本 or 债券 alone names
# none; reviews of cn-gwr-2013, cn-gwr-2014, cn-gwr-2016 and cn-gwr-2017)
FINANCIAL_MARKETS = tuple(f"{asset}市场" for asset in ("资本", "债券", "股权", "股票", "证券", "期货", "货币", "外汇", "票据",
                                                       "保险"))
# ... nor is the line of business a firm runs in it (普惠金融业务 → 普惠金融, 跨境电商业务 → 跨境电商; no gold INDUSTRY
# ends on it; review of cn-gwr-2018)
SECTOR_TRAILERS = ("业务",)
# Rules whose names stand over the tagger's: items of a list closed by 等 and a project head.
LISTED_SOURCES = frozenset({"list-project"})
# Endings of a listed item that make it one facility rather than a kind of project (智能电网 in
# 水电、核电、智能电网等重大项目 is an INDUSTRY), besides the project suffixes and facility endings.
LISTED_FACILITIES = ("路", "桥", "学校", "中学", "小学", "大学", "医院", "剧院", "馆")
LEARNED_LABELS = ("PROJECT", "PROGRAMME", "PLACE", "ORG", "INDUSTRY", "TARGET")
OPENING_QUOTES, CLOSING_QUOTES = "“《「『", "”》」』"
# What may stand between two titles in 《》 that are two names: nothing, or a bracketed abbreviation of the first, with
# a listing word or none (《…协定》（CPTPP）、《…协定》); a listing word alone is left to the rules that cut lists.
TITLES_APART = re.compile(r"(?:[（(][A-Za-z0-9]{1,12}[）)][、和与及]?)?")
WHITESPACE = re.compile(r"\s")
FULL_WIDTH = str.maketrans(",;:!?()%", "，；：！？（）％")
ITEM_SEPARATORS = frozenset({"、", "和", "及", "以及"})
# Nouns that end a programme's name after its quoted part (“1+12”…政策体系, “双进度”管理机制).
SYSTEM_NOUNS = ("体系", "机制", "制度", "模式", "品牌", "政策", "集群", "试点")
# Verbs that open a clause after a quoted name, never the rest of that name.
CLAUSE_OPENERS = frozenset({"实施", "推进", "加快", "推动", "开展", "落实", "深化", "坚持", "围绕"})
# 并 joins two clauses (设立科创板并试点注册制); the verbs that open the second one.
AND_THEN = "并"
CLAUSE_VERBS = frozenset({"试点", "推行", "实行", "实施", "开展", "推广", "设立", "建立"})
METRIC_THEN_FIGURE = re.compile(r"^\D*[\u4e00-\u9fff]{2}\D*\d")  # two or more characters of metric, then a figure
# A quantity item that gives its figure first, then its metric (50个一刻钟便民生活圈, 380余个市级重点项目).
FIGURE_THEN_METRIC = re.compile(r"(?:约|近|超)?\d[\d.]*[余多]?(?:万|亿|千|百)?[名个家项座条所台套处支人户场]"
                                r"(?:以上|左右)?[\u4e00-\u9fff“”‘’\"A-Za-z]{2,}")
# Items that end on a modifier share the next item's head (2家国家级、20家自治区级创新创业平台, 34个省重点、300个市重点项目).
SHARED_HEAD_MODIFIERS = ("级", "类", "型", "性", "重点", "重大")
# How an item joined by 和 or 及 ends when it names its metric before its figure: on its unit or on 以上/左右.
TARGET_UNIT_ENDINGS = tuple("名个家项座条所台套处支人户场元吨亩米次%上右")
SENTENCE_END = re.compile(r"[。！？；!?;\n]")
# The official zone categories a city builds or bids for (GUIDELINES: PROJECT includes official zone categories named as
# things to build or develop, 国家自主创新示范区): every gold name ending on one is a PROJECT (or the place it is), and
# a PROGRAMME the tagger read ending on one (“生态岛”试验区, RCEP高水平开放合作示范区) is one too.
ZONE_CATEGORIES = ("示范区", "试验区", "先行区", "先导区")
# One-character function words that no name ends with, glued by the segmenter to the name's last word
# (韩国周等|品牌展会 as 周等, 以国际地信城为|重点 as 城为), unless the two characters are one word (高等, 行为).
GLUED_TRAILERS = "等为的了向"
FRAME_OPENER, FRAME_CLOSER = "以", "为"  # 以X为重点, 以X为核心
# The second verb of a pair that makes something bigger or stronger (做大做|强, 推深做|实, 做精做|优), which the segmenter
# cuts off its 做 and the tagger reads as the name's first character (强市大数据中心, 优新材料, 强四省边际中心医院; review of
# city-连云港-2024, 20 names over both corpora): the name starts after it. After a single 做 that opens a clause only
# 强, 优 and 精 (，做强线上购物), not 大 nor 实 (做大数据, 做实干家行动: a word of their own).
PAIR_SECOND = "大强优精实活深细新特"
PAIR_FIRST = re.compile(rf"(?:做[{PAIR_SECOND}]|推深|抓细|抓实)做$")
SINGLE_SECOND = "强优精"
DOING_OPENERS = "，。；：、\n"  # what a clause that opens on 做 follows
UNKNOWN_CLUSTER = ("u", "u", "u")


def data_path(*parts: str) -> Path:
    return Path(str(resources.files("pipelines").joinpath(*parts)))


@functools.cache
def tagger_edges(name: str = "tagger_edges.txt") -> dict[str, frozenset[str]]:
    """``lead``/``trail`` → the words a tagged name never begins / ends with; ``not-target`` → words a
    TARGET never holds; ``industry-class`` → endings of the words that keep 产业 in an INDUSTRY;
    ``title`` → endings of honorary titles and national aspirations, never a name; ``status`` → words that
    report what became of a project or programme, before which its name ends; ``clause`` / ``clause-object`` →
    verbs a name never holds (:func:`_names_without_clause_verbs`), the second kind's object may be a name."""
    from pipelines.lexicon import read_list

    edges: dict[str, set[str]] = {"lead": set(), "trail": set(), "not-target": set(), "industry-class": set(), "title": set(),
                                  "status": set(), "service": set(), "service-compound": set(), "clause": set(),
                                  "clause-object": set()}
    for line in read_list(name):
        side, _, word = line.partition("\t")
        edges[side].add(word.strip())
    return {side: frozenset(words) for side, words in edges.items()}


@functools.cache
def word_clusters(name: str = "models/word_clusters.tsv") -> dict[str, tuple[str, ...]]:
    """word → cluster ids at three granularities (``word<TAB>c64<TAB>c256<TAB>c1024`` lines), from a path
    under the pipelines package. A learned table of the corpora's whole vocabulary, not a lexicon."""
    table = {}
    # one tuple per distinct triple (9,929 for 22,592 words), of one string per id: the table is read by every
    # extraction worker, and a tuple each reads is a page of the shared pipeline the worker copies
    triples: dict[tuple[str, ...], tuple[str, ...]] = {}
    with open(data_path(*name.split("/")), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            word, *ids = line.rstrip("\n").split("\t")
            ids = tuple(map(sys.intern, ids))
            table[word] = triples.setdefault(ids, ids)
    return table


class TaggerFeatures:
    """Feature strings of tokens; the word-keyed parts are built once per distinct (word, tag)."""

    ROLES = ("own", "prev", "next", "prev2", "next2")

    def __init__(self, clusters: dict[str, tuple[str, ...]], *, rule_features: bool = True) -> None:
        self.clusters = clusters
        self.rule_features = rule_features  # off: the tagger alone, for ablations
        self._by_key: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {}

    def word_roles(self, word: str, tag: str) -> tuple[tuple[str, ...], ...]:
        """The features a token contributes as itself, as left or right neighbour, and two away."""
        key = (word, tag)
        roles = self._by_key.get(key)
        if roles is None:
            roles = self._by_key[key] = self.new_word_roles(word, tag)
        return roles

    def new_word_roles(self, word: str, tag: str) -> tuple[tuple[str, ...], ...]:
        """:meth:`word_roles` without keeping them (the decoder keeps their summed weights instead: the
        strings of every distinct word of a corpus were most of what an extraction worker grew by)."""
        word = feature_word(word)
        c64, c256, c1k = self.clusters.get(word, UNKNOWN_CLUSTER)
        own = ["bias", "w=" + word, "t=" + tag, "k64=" + c64, "k256=" + c256, "k1k=" + c1k, "l=" + word[-1],
               "f=" + word[0], f"n={min(len(word), 5)}", "l2=" + word[-2:], "f2=" + word[:2]]
        if any(ch.isdigit() for ch in word):
            own.append("digit")
        return (tuple(own),
                ("pw=" + word, "pt=" + tag, "pk=" + c256, "pl=" + word[-1]),
                ("nw=" + word, "nt=" + tag, "nk=" + c256, "nf=" + word[0]),
                ("pw2=" + word, "pk2=" + c256),
                ("nw2=" + word, "nk2=" + c256))

    def sequence(self, words: Sequence[str], tags: Sequence[str], context: dict[int, tuple[str, ...]]
                 ) -> list[list[str]]:
        """Every token's feature strings, as CRFsuite trains on them (the decoder sums the same weights)."""
        roles = [self.word_roles(word, tag) for word, tag in zip(words, tags, strict=True)]
        prev_ok, prev2_ok, next_ok, next2_ok = neighbours(words)
        items = []
        for index in range(len(roles)):
            features = list(roles[index][0])
            if prev_ok[index]:
                features += roles[index - 1][1]
            if next_ok[index]:
                features += roles[index + 1][2]
            if prev2_ok[index]:
                features += roles[index - 2][3]
            if next2_ok[index]:
                features += roles[index + 2][4]
            if prev_ok[index]:
                features.append(pair_feature(words[index - 1], words[index]))
            if next_ok[index]:
                features.append("n" + pair_feature(words[index], words[index + 1]))
            if not prev_ok[index]:
                features.append("BOS")
            if not next_ok[index]:
                features.append("EOS")
            features += context.get(index, ())
            items.append(features)
        return items

    def context(self, text: str, starts: Sequence[int], ends: Sequence[int], mentions, candidates
                ) -> dict[int, tuple[str, ...]]:
        """The features that depend on where a token stands (the rules' output, quotation), by token
        index; most tokens have none and are not in the mapping."""
        if not self.rule_features:
            mentions = candidates = ()
        # a macro-region named by direction alone (东部) is decided after the tagger, not among its features
        mentions = [m for m in mentions if m.attrs.get("level") != OPENING_DIRECTION]
        candidates = [c for c in candidates if c.attrs.get("level") != OPENING_DIRECTION]
        rule_at: dict[int, str] = {}
        for mention in mentions:
            if mention.label in LEARNED_LABELS:
                first = bisect.bisect_left(starts, mention.start)
                for index in range(first, bisect.bisect_left(starts, mention.end)):
                    rule_at[index] = ("r=B-" if index == first else "r=I-") + mention.label
        candidate_at: dict[int, set[str]] = {}
        for candidate in candidates:
            if candidate.label in LEARNED_LABELS:
                first = bisect.bisect_left(starts, candidate.start)
                for index in range(first, bisect.bisect_left(starts, candidate.end)):
                    prefix = "rcb=" if index == first and starts[index] == candidate.start else "rci="
                    candidate_at.setdefault(index, set()).add(prefix + candidate.label)
        quoted = _quoted_tokens(text, starts)
        context: dict[int, tuple[str, ...]] = {}
        for index in sorted(rule_at.keys() | candidate_at.keys() | quoted):
            extra = []
            if index in rule_at:
                extra.append(rule_at[index])
            if index in candidate_at:
                extra.extend(sorted(candidate_at[index]))
            if index in quoted:
                extra.append("q")
            context[index] = tuple(extra)
        return context


def feature_word(word: str) -> str:
    """A word as feature strings hold it: half-width punctuation as its full-width twin (reports mix them),
    no white space (CRFsuite's dump format)."""
    return WHITESPACE.sub("_", word.translate(FULL_WIDTH))


def pair_feature(left: str, right: str) -> str:
    """The feature of two neighbouring words (the right one carries it; with an "n" prefix, the left one)."""
    return "b=" + feature_word(left) + "|" + feature_word(right)


def neighbours(words: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Which tokens may read the token one or two before / after them: never across a line break, so a
    paragraph is tagged the same wherever it stands (a document's paragraphs do not see each other)."""
    count = len(words)
    # not a break (operator.contains mapped in C: a generator here cost a tenth of the tagger)
    opened = ~np.fromiter(map(operator.contains, words, itertools.repeat("\n")), dtype=bool, count=count)
    prev_ok = np.zeros(count, dtype=bool)
    next_ok = np.zeros(count, dtype=bool)
    prev_ok[1:] = opened[:-1]
    next_ok[:-1] = opened[1:]
    prev2_ok = prev_ok.copy()
    next2_ok = next_ok.copy()
    prev2_ok[:2] = False
    prev2_ok[2:] &= opened[:-2]
    next2_ok[-2:] = False
    next2_ok[:-2] &= opened[2:]
    return prev_ok, prev2_ok, next_ok, next2_ok


QUOTE_MARK = re.compile(f"[{OPENING_QUOTES}{CLOSING_QUOTES}\n]")


def _quoted_tokens(text: str, starts: Sequence[int]) -> set[int]:
    """Tokens that start inside “…” or 《…》, the quotation marks' own tokens included. A quotation never
    runs past a line break: an unclosed mark does not leave the rest of the document inside quotes."""
    quoted: set[int] = set()
    depth, opened = 0, 0
    for match in QUOTE_MARK.finditer(text):
        if match.group() == "\n":
            depth = 0
        elif match.group() in OPENING_QUOTES:
            if depth == 0:
                opened = match.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                first = bisect.bisect_left(starts, opened)
                quoted.update(range(first, bisect.bisect_right(starts, match.start())))
    return quoted


def sentence_ranges(text: str, starts: Sequence[int], ends: Sequence[int]) -> list[tuple[int, int]]:
    """Token index ranges of the sentences: a sentence ends with the token holding 。！？； or a line break."""
    ranges, first = [], 0
    for match in SENTENCE_END.finditer(text):
        index = bisect.bisect_right(starts, match.start())  # one past the token holding the mark
        if index > first:
            ranges.append((first, index))
            first = index
    if first < len(starts):
        ranges.append((first, len(starts)))
    return ranges


def bio_tags(starts: Sequence[int], ends: Sequence[int], spans) -> list[str]:
    """BIO tags of tokens from (start, end, label) spans; a span is widened to the tokens it touches."""
    tags = ["O"] * len(starts)
    for start, end, label in spans:
        first = bisect.bisect_right(starts, start) - 1
        for index in range(max(first, 0), bisect.bisect_left(starts, end)):
            tags[index] = ("B-" if index == first else "I-") + label
    return tags


@dataclass
class TaggerWeights:
    """A CRF's weights: per attribute a row of label scores, and label-to-label transition scores."""

    labels: tuple[str, ...]
    attributes: dict[str, int]
    state: np.ndarray  # (attributes, labels)
    transitions: np.ndarray  # (labels, labels): from → to
    rule_features: bool = True  # trained with the rules' output among its features
    training_digest: str = ""  # what it was trained on (pipelines.train.training_digest), "" if unknown

    @classmethod
    def load(cls, path: str | Path) -> TaggerWeights:
        with np.load(path, allow_pickle=False) as data:
            attributes = {name: index for index, name in enumerate(data["attributes"].tolist())}
            rule_features = bool(data["rule_features"]) if "rule_features" in data else True
            digest = str(data["training_digest"]) if "training_digest" in data else ""
            return cls(tuple(data["labels"].tolist()), attributes, data["state"].astype(np.float32),
                       data["transitions"].astype(np.float32), rule_features, digest)

    def save(self, path: str | Path) -> None:
        names = sorted(self.attributes, key=self.attributes.get)
        np.savez_compressed(path, labels=np.array(self.labels), attributes=np.array(names),
                            state=self.state.astype(np.float32), transitions=self.transitions.astype(np.float32),
                            rule_features=np.array(self.rule_features), training_digest=np.array(self.training_digest))

    def score(self, features: Sequence[str]) -> np.ndarray:
        rows = [self.attributes[f] for f in features if f in self.attributes]
        if not rows:
            return np.zeros(len(self.labels), dtype=np.float32)
        return self.state[rows].sum(axis=0)


ROWS_CACHE_PREFIX, ROWS_CACHE_VERSION = "kg-tagger-rows-", 1
ROWS_CHECKED = 64  # rows of a cache computed again when it is read: all equal, or it is not used


def rows_cache_path(weights: Path, clusters: Path) -> Path:
    """Where :meth:`Decoder.preload` keeps the rows of the shipped ``weights`` file: kg's cache directory
    (:func:`pipelines.cache.cache_dir`), named by the weights file's name and a digest of both files' content."""
    digest = hashlib.blake2b(str(ROWS_CACHE_VERSION).encode(), digest_size=8)
    for path in (weights, clusters):
        digest.update(path.read_bytes())
    return cache_dir("tagger") / f"{ROWS_CACHE_PREFIX}{weights.stem}-{digest.hexdigest()}.npz"


def _read_rows(cache: Path, keys: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray] | None:
    """The rows and pair ids a cache holds for exactly ``keys``, else None (no file, a damaged one, other keys)."""
    try:
        with np.load(cache, allow_pickle=False) as stored:
            if (str(stored["words"]) != "\n".join(word for word, _ in keys)
                    or str(stored["tags"]) != "\n".join(tag for _, tag in keys)):
                return None
            table, pair_ids = stored["table"], stored["pair_ids"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None
    if table.shape[0] != len(keys) or pair_ids.shape != (len(keys),):
        return None
    return table, pair_ids


def _write_rows(cache: Path, keys: Sequence[tuple[str, str]], table: np.ndarray, pair_ids: np.ndarray) -> None:
    """Write the cache atomically (a reader sees no file or the whole one) and remove the caches of earlier
    versions of the same weights file; a directory that cannot be written only costs the rows next time."""
    words, tags = "\n".join(word for word, _ in keys), "\n".join(tag for _, tag in keys)
    if write_atomically(cache, lambda partial: np.savez(partial, words=np.array(words), tags=np.array(tags),
                                                        table=table, pair_ids=pair_ids)):
        for stale in _stale_rows(cache):
            stale.unlink(missing_ok=True)


def _stale_rows(cache: Path) -> list[Path]:
    """Other caches of the same weights file's name (earlier weights or versions), not ones being written;
    none for a file not named as :func:`rows_cache_path` names them."""
    if not cache.name.startswith(ROWS_CACHE_PREFIX):
        return []
    prefix = cache.name[:cache.name.rindex("-") + 1]
    return [path for path in cache.parent.glob(f"{prefix}*.npz")
            if path != cache and ".tmp." not in path.name and path.name.count("-") == cache.name.count("-")]


class Decoder:
    """Emission scores cached per word and role, and batched Viterbi over a document's sentences.

    The cache holds at most :attr:`MAX_ROWS` (word, tag) keys between documents: a worker that reads a large
    corpus meets ever more distinct words (52,000 keys over both shared corpora, about 35 MB with their dicts),
    so when the next document's new keys would pass the bound the cache starts again from that document's
    words (the frequent ones come back at once). Keys given to :meth:`preload` (the shipped tagger's: the
    corpora's vocabulary, see ``make_tagger``) are kept for good and not counted."""

    ROLE_COUNT = len(TaggerFeatures.ROLES)
    MAX_ROWS = 1 << 15

    def __init__(self, weights: TaggerWeights, features: TaggerFeatures) -> None:
        self.weights, self.features = weights, features
        labels = len(weights.labels)
        # the state weights with a zero row appended: every role sums at least that row, so no sum is empty
        self._state = np.vstack([weights.state, np.zeros((1, labels), np.float32)])
        self._zero_row = len(weights.state)
        self._rows: dict[tuple[str, str], int] = {}
        self._table = np.zeros((1024, self.ROLE_COUNT, labels), np.float32)  # role scores per (word, tag)
        self._context_scores: dict[tuple[str, ...], np.ndarray] = {}
        # pair features by their "left|right" key: (row of b=, scoring the right word; row of nb=, the left one)
        zero = self._zero_row
        pair_rows: dict[str, list[int]] = {}
        for name, row in weights.attributes.items():
            for slot, prefix in enumerate(("b=", "nb=")):
                if name.startswith(prefix):
                    pair_rows.setdefault(name[len(prefix):], [zero, zero])[slot] = row
        # ... looked up as numbers: an id per (normalised) word that pairs hold, a pair as left id × count +
        # right id in a sorted array. A key is split at each "|" it holds, so that a word holding "|" pairs
        # exactly as the joined string did.
        splits = []
        for key, rows in pair_rows.items():
            at = key.find("|")
            while at >= 0:
                splits.append((key[:at], key[at + 1:], rows))
                at = key.find("|", at + 1)
        word_ids = self._pair_word_ids = {}
        for left, right, _ in splits:
            word_ids.setdefault(left, len(word_ids))
            word_ids.setdefault(right, len(word_ids))
        self._pair_words = count = max(len(word_ids), 1)
        keys = np.array([word_ids[left] * count + word_ids[right] for left, right, _ in splits], dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        self._pair_keys = keys[order]
        self._pair_key_rows = np.array([rows for _, _, rows in splits], dtype=np.int64).reshape(-1, 2)[order]
        self._row_pair_ids = np.full(len(self._table), -1, np.int64)  # per row: its word's id above, -1 if no pair holds it
        self._edge = {"BOS": weights.score(("BOS",)), "EOS": weights.score(("EOS",))}
        self._fixed_rows: dict[tuple[str, str], int] = {}  # rows 0 … n - 1: keys kept when the cache starts again
        self._node_rows = np.full(1, -1, np.int64)  # the row of a key by the number that stands for it (emissions)

    def _rows_by_node(self, nodes: np.ndarray) -> np.ndarray:
        """The rows of the keys that ``nodes`` stand for, -1 where a token has no number or its key no row yet."""
        if len(nodes) and int(nodes.max()) >= len(self._node_rows):
            grown = np.full(max(int(nodes.max()) + 1, 2 * len(self._node_rows)), -1, np.int64)
            grown[:len(self._node_rows)] = self._node_rows
            self._node_rows = grown
        return np.where(nodes >= 0, self._node_rows[np.maximum(nodes, 0)], -1)

    def preload(self, keys: Sequence[tuple[str, str]], cache: Path | None = None) -> None:
        """Rows of ``keys`` before any document, kept for good (the :attr:`MAX_ROWS` bound counts the others).

        The extraction workers are forked from one server: rows the server holds are shared, rows each worker
        computes are computed once per worker (the corpora's common words by each, about 24 µs a key). With
        ``cache`` (a file), they are read from it when it holds rows for these weights and features (a sample
        of them is computed again and must be equal, bit for bit), else computed and written there."""
        keys = list(dict.fromkeys(keys))
        if self._rows or not keys:
            raise ValueError("preload() comes first, with at least one key")
        stored = _read_rows(cache, keys) if cache is not None else None
        if stored is not None:
            table, pair_ids = stored
            sample = list(range(0, len(keys), max(1, len(keys) // ROWS_CHECKED)))
            self._add_words([keys[i] for i in sample])
            same = (np.array_equal(self._table[:len(sample)], table[sample])
                    and np.array_equal(self._row_pair_ids[:len(sample)], pair_ids[sample]))
            self._rows.clear()
            if same:
                self._table, self._row_pair_ids = table, pair_ids
                self._rows.update((key, row) for row, key in enumerate(keys))
        if not self._rows:
            self._add_words(keys)
            if cache is not None:
                _write_rows(cache, keys, self._table[:len(keys)], self._row_pair_ids[:len(keys)])
        self._fixed_rows = dict(self._rows)

    def _add_words(self, keys: list[tuple[str, str]]) -> None:
        """Role scores of new (word, tag) keys, summed in one vectorised pass."""
        row_of, zero = self.weights.attributes.get, self._zero_row
        ids: list[int] = []
        offsets: list[int] = []
        for word, tag in keys:
            for part in self.features.new_word_roles(word, tag):
                offsets.append(len(ids))
                ids.append(zero)
                ids += [row for row in map(row_of, part) if row is not None]
        sums = np.add.reduceat(self._state[np.array(ids)], np.array(offsets), axis=0)
        first = len(self._rows)
        needed = first + len(keys)
        if needed > len(self._table):
            size = max(needed, 2 * len(self._table))
            grown = np.zeros((size, *self._table.shape[1:]), np.float32)
            grown[:first] = self._table[:first]
            self._table = grown
            pair_ids = np.full(size, -1, np.int64)
            pair_ids[:first] = self._row_pair_ids[:first]
            self._row_pair_ids = pair_ids
        self._table[first:needed] = sums.reshape(len(keys), self.ROLE_COUNT, -1)
        word_ids = self._pair_word_ids
        self._row_pair_ids[first:needed] = [word_ids.get(feature_word(word), -1) for word, _ in keys]
        for offset, key in enumerate(keys):
            self._rows[key] = first + offset

    def emissions(self, words: Sequence[str], tags: Sequence[str], context: dict[int, tuple[str, ...]],
                  nodes: np.ndarray | None = None) -> np.ndarray:
        """Each token's label scores. ``nodes`` (optional): a number per token that stands for its (word, tag)
        key, -1 where none does (the jieba dictionary's trie node of a word it holds, whose tag is then the
        dictionary's): a token whose number was met before finds its row by it, in one array lookup, instead of
        hashing its key (a third of this step)."""
        count = len(words)
        rows = self._rows_by_node(nodes) if nodes is not None else np.full(count, -1, np.int64)
        unknown = np.flatnonzero(rows < 0)
        if len(unknown):
            keys = ([(words[i], tags[i]) for i in unknown.tolist()] if len(unknown) < count
                    else list(zip(words, tags, strict=True)))
            known = self._rows
            found = list(map(known.get, keys))  # None where the key is new
            if None in found:
                missing_keys = [key for key, row in zip(keys, found, strict=True) if row is None]
                new = list(dict.fromkeys(missing_keys))
                fixed = len(self._fixed_rows)
                if len(known) > fixed and len(known) - fixed + len(new) > self.MAX_ROWS:
                    # bounded memory: start again from the preloaded rows, then this document's words
                    self._rows = dict(self._fixed_rows)
                    self._node_rows[self._node_rows >= fixed] = -1
                    return self.emissions(words, tags, context, nodes)
                self._add_words(new)  # only the new keys are looked up again, not every token's
                found = list(map(known.__getitem__, keys))
            rows[unknown] = found
            if nodes is not None:  # remember the rows by number for the next tokens of these keys
                numbered = nodes[unknown] >= 0
                self._node_rows[nodes[unknown][numbered]] = rows[unknown][numbered]
        gathered = self._table.take(rows, axis=0)  # (token, role, label): each token's row once
        scores = gathered[:, 0].copy()
        prev_ok, prev2_ok, next_ok, next2_ok = neighbours(words)
        # a neighbour's role scores where the token may read it, by slices: times 0 or 1 (a bool), the sums
        # are those of adding only where it may, exactly
        for ok, shift, role in ((prev_ok, 1, 1), (next_ok, -1, 2), (prev2_ok, 2, 3), (next2_ok, -2, 4)):
            if shift > 0:
                scores[shift:] += gathered[:-shift, role] * ok[shift:, None]
            else:
                scores[:shift] += gathered[-shift:, role] * ok[:shift, None]
        if count > 1:
            self._add_pairs(scores, self._row_pair_ids[rows], prev_ok[1:])
        scores[~prev_ok] += self._edge["BOS"]
        scores[~next_ok] += self._edge["EOS"]
        if context:  # one vectorised add: each index once, each row its context's cached scores
            cache, rows = self._context_scores, []
            for extra in context.values():
                cached = cache.get(extra)
                if cached is None:
                    cached = cache[extra] = self.weights.score(extra)
                rows.append(cached)
            scores[np.fromiter(context.keys(), dtype=np.int64, count=len(context))] += np.stack(rows)
        return scores

    def _add_pairs(self, scores: np.ndarray, ids: np.ndarray, linked: np.ndarray) -> None:
        """Add the pair features of neighbouring words (``ids``: each word's id among the pairs' words, -1 if no
        pair holds it; ``linked[i]``: words i and i + 1 may read each other)."""
        left, right = ids[:-1], ids[1:]
        keys = left * self._pair_words + right
        found = np.minimum(np.searchsorted(self._pair_keys, keys), max(len(self._pair_keys) - 1, 0))
        hit = (left >= 0) & (right >= 0) & linked[:len(keys)]
        if len(self._pair_keys):
            hit &= self._pair_keys[found] == keys
        else:
            hit[:] = False
        at = np.flatnonzero(hit)
        if not len(at):
            return
        rows = self._pair_key_rows[found[at]]
        scores[at + 1] += self._state[rows[:, 0]]  # the zero row where a pair has no b= weight
        scores[at] += self._state[rows[:, 1]]

    def decode(self, emissions: np.ndarray, ranges: Sequence[tuple[int, int]]) -> list[int]:
        """Best label index per token, each range (a sentence) decoded on its own by Viterbi."""
        bounds = np.array(ranges, dtype=np.int64).reshape(-1, 2)
        transitions = np.ascontiguousarray(self.weights.transitions, dtype=np.float32)
        return kernels().viterbi(np.ascontiguousarray(emissions, dtype=np.float32), bounds, transitions).tolist()


class Tokens(list):
    """A document's tokens as (start, end, tag), with their starts and ends kept as lists: the post-processing
    rules look tokens up by offset (bisect), and each building those lists again was a tenth of their cost."""

    def __init__(self, starts: Sequence[int], ends: Sequence[int], tags: Sequence[str | None]) -> None:
        super().__init__(zip(starts, ends, tags, strict=True))
        self.starts, self.ends = list(starts), list(ends)


def _token_starts(tokens: Sequence[tuple[int, int, str | None]]) -> list[int]:
    return tokens.starts if isinstance(tokens, Tokens) else [a for a, _, _ in tokens]


def _token_ends(tokens: Sequence[tuple[int, int, str | None]]) -> list[int]:
    return tokens.ends if isinstance(tokens, Tokens) else [b for _, b, _ in tokens]


def _token_at(offsets: Sequence[int], offset: int) -> int | None:
    """The index of the token whose start (``offsets``: the tokens' starts) or end (their ends) is ``offset``."""
    index = bisect.bisect_left(offsets, offset)
    return index if index < len(offsets) and offsets[index] == offset else None


class _Overlaps:
    """Whether any of a set of spans overlaps a range, in logarithmic time: the spans sorted by start, with the
    largest end among the first i of them (the post-processing asks this once per match or item; asking every
    span each time was most of what a long document's post-processing cost)."""

    def __init__(self, spans) -> None:
        ordered = sorted((a, b) for a, b, *_ in spans)
        self.starts = [a for a, _ in ordered]
        self.max_ends = list(itertools.accumulate((b for _, b in ordered), max))

    def __call__(self, start: int, end: int) -> bool:
        """Whether a span (a, b) with a < end and start < b exists."""
        count = bisect.bisect_left(self.starts, end)
        return count > 0 and self.max_ends[count - 1] > start


def _after_doing(text: str, start: int) -> bool:
    """Whether ``text[start]`` is the second character of a verb pair's 做 (:data:`PAIR_FIRST`), or 强, 优 or 精 after
    a 做 that opens a clause.

    >>> [_after_doing(text, text.index("做", 1) + 1) for text in ("做大做强市大数据中心", "推深做实六松产业园", "风，做实干家行动",
    ...                                                           "产业，做强线上购物")]
    [True, True, False, True]
    """
    if start < 2 or text[start - 1] != "做":
        return False
    if text[start] in PAIR_SECOND and PAIR_FIRST.search(text, max(0, start - 3), start):
        return True
    return text[start] in SINGLE_SECOND and text[start - 2] in DOING_OPENERS


# A conjunction that joins clauses and phrases, never the words of a name: no name on the gold files holds it, and a tagged
# name over it is two (凝聚态电池技术|以及|钠离子, 隔膜|以及|电池终端产品制造; review of city-滁州-2024).
AND_ALSO = "以及"


def _apart_at(words: Sequence[str], runs: list[tuple[int, int, str]], word: str) -> list[tuple[int, int, str]]:
    """Each tagged run cut at every token that is ``word``, which belongs to neither side."""
    out = []
    for first, end, label in runs:
        for index in [i for i in range(first, end) if words[i] == word]:
            out.append((first, index, label))
            first = index + 1
        out.append((first, end, label))
    return [(a, b, label) for a, b, label in out if a < b]


def _runs(indexes: list[int], tags: list[str]) -> list[tuple[int, int, str]]:
    """Spans of BIO tags given only at ``indexes`` (every other token is O)."""
    spans, open_at, label, last = [], None, None, -2
    for index, tag in zip(indexes, tags, strict=True):
        if tag.startswith("I-") and open_at is not None and tag[2:] == label and index == last + 1:
            last = index
            continue
        if open_at is not None:
            spans.append((open_at, last + 1, label))
        open_at, label, last = index, tag[2:], index
    if open_at is not None:
        spans.append((open_at, last + 1, label))
    return spans


# A plan for a quoted period after a programme's name: 西部大开发“十三五”规划 is one name.
PERIOD_PLAN = re.compile(r"[“\"][^”\"\n]{1,6}[”\"](?:专项规划|规划纲要|规划|行动计划|实施方案|计划|方案)")


def _with_period_plans(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A tagged PROGRAMME followed by a quoted period and a plan word runs to the plan word, taking in a
    tagged name of the period alone (“十三五”规划)."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if out and out[-1][2] == "PROGRAMME" and start < out[-1][1]:
            continue  # inside the plan the previous name was extended to
        match = PERIOD_PLAN.match(text, end) if label == "PROGRAMME" else None
        out.append((start, match.end() if match else end, label))
    return out


# An item of a list of quantities: a few words (a verb), a figure, a classifier, what is counted.
QUANTITY_ITEM = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:约|近|超)?(?:\d[\d.]*|[一二三四五六七八九十两百千万]+)"
                           r"(?:万|亿|千|百)?[名个家项座条所台套处支人户]+[\u4e00-\u9fff]{1,12}")
LIST_STOP = re.compile(r"[，。；：！？\n]")


def _with_listed_targets(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The other items of a list of quantities one of which is a tagged TARGET are TARGETs too
    (培养引进10名战略科学家、100名科技领军人才、1000名高水平工程师: the tagger found the second only)."""
    added: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if label != "TARGET" or "、" not in text[max(0, start - 1):end + 1]:
            continue
        left = _clause_opening(text, LIST_STOP, start, 60)
        stop = LIST_STOP.search(text, end)
        right = stop.start() if stop else len(text)
        items = _comma_pieces(text, left, right)
        if not any(a <= start and end <= b for a, b in items):
            continue
        for a, b in items:
            if b - a <= 20 and QUANTITY_ITEM.fullmatch(text, a, b) and not any(
                    x < b and a < y for x, y, _ in [*spans, *added]):
                added.append((a, b, "TARGET"))
    return sorted([*spans, *added]) if added else spans


# A figure that every item of a list counts (A、B各30个以上), and how an item ends that is a whole quantity of its own.
EACH_FIGURE = re.compile(r"各(?:\d[\d.]*|[一二两三四五六七八九十百千万]+)")
# An item that ends on its count and a grade, with no noun (4个国家级, 34个省重点; not 4000家左右企业提档升级).
GRADED_COUNT = re.compile(r"(?:\d[\d.]*|[一二两三四五六七八九十百千万]+)[个家项座条所处名户][\u4e00-\u9fff]{1,4}$")
# A count and the first item of a list (416个补链), and the rest of that list to its head (、强链、延链项目; 、水泥等涉
# 工业炉窑企业): short items, no figure, the head a word that counts things.
COUNTED_FIRST_ITEM = re.compile(r"\d[\d.]*[余多]?[个项家座条所](?!以上|左右)[\u4e00-\u9fff]{1,4}$")
SHARED_HEAD_TAIL = re.compile(r"(?:、[\u4e00-\u9fff]{1,4}?)+?(?:等)?[\u4e00-\u9fff]{0,6}?(?:项目|企业|工程)")
QUANTITY_END = re.compile(r"(?:\d[\d.]*%?|[名个家项座条所台套处支人户场元吨亩米次])(?:以上|左右)?$")


def _with_shared_figures(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """TARGETs the tagger split at a 、 that share one noun or one figure are one TARGET (GUIDELINES, Shared heads):
    an item that ends on a grade or kind (新增2家国家级、20家自治区级创新创业平台: 国家级 names no thing) runs on into
    the next, also before 和 (11个分布式和10个集中式新能源项目, a review of city-阳泉-2024); the items before a figure
    that each of them counts (300亿元园区、200亿元园区、100亿元园区各1个) are
    one with it, unless an item is a whole quantity itself (高新技术企业75家、…各54家: several targets); a count that
    ends on the first item of a list runs on to the list's head (416个补链、强链、延链项目)."""
    out: list[tuple[int, int, str]] = []
    for a, b, label in spans:
        if out and label == "TARGET" and out[-1][2] == "TARGET" and out[-1][1] + 1 == a and text[a - 1] in "、和":
            pa, pb, _ = out[-1]
            if text.endswith((*SHARED_HEAD_MODIFIERS, "式"), pa, pb) and GRADED_COUNT.search(text, pa, pb):
                out[-1] = (pa, b, label)
                continue
        out.append((a, b, label))
    # … and a count whose noun is the first of a list with one head (416个补链、强链、延链项目: the tagger took 416个补链)
    for index, (a, b, label) in enumerate(out):
        if label == "TARGET" and text[b:b + 1] == "、" and COUNTED_FIRST_ITEM.search(text, a, b):
            tail = SHARED_HEAD_TAIL.match(text, b)
            following = out[index + 1][0] if index + 1 < len(out) else len(text)
            if tail is not None and tail.end() <= following:
                out[index] = (a, tail.end(), label)
    merged: list[tuple[int, int, str]] = []
    for a, b, label in reversed(out):
        if merged and label == "TARGET" and merged[-1][2] == "TARGET" and b + 1 == merged[-1][0] and text[b] == "、" \
                and EACH_FIGURE.search(text, merged[-1][0], merged[-1][1]) and not QUANTITY_END.search(text, a, b):
            merged[-1] = (a, merged[-1][1], label)
            continue
        merged.append((a, b, label))
    return merged[::-1]


# A TARGET that ends on its figure and unit (新增8000万吨, 改造约1亿人) with no metric before the figure.
FIGURE_LAST = re.compile(r"[\u4e00-\u9fff]{0,2}?约?(?:\d[\d.]*)(?:万|亿)?[吨人户套个家项座名千瓦]{0,2}$")
# A count of projects and the stage it counts, to the clause's end (GUIDELINES, TARGET verbs: 开工建设 and
# 竣工投产 define what is counted, and so do 竣工投用 and 投用: 70个重点项目竣工投用, review of city-资阳-2024); a stage
# that is not one (项目|前期, 项目|建设) is left out.
COUNTED_PROJECTS = re.compile(r"[^，。；、\n]{0,12}?\d+[余多]?[个项][^，。；、\n]{0,10}?项目"
                              r"(?:开工建设|建成投用|竣工投产|竣工投用|建成投产|开复工|开工|竣工|投产|投用|签约|落地)?(?=[，。；、\n]|前期)")
# The verb before a figure, and the verbs that define what a TARGET counts (GUIDELINES, TARGET verbs; 淘汰 and 压减 as
# the gold's 压减企业户数15%以上, review of cn-gwr-2014).
FIGURE_OPENING = re.compile(r"([\u4e00-\u9fff]{1,2}?)约?[0-9]")
COUNTING_VERBS = ("新增", "引进", "新建", "续建", "改造", "开工", "入库", "淘汰", "压减")
# The verbs that define what a TARGET counts, as printed right before it (GUIDELINES, TARGET verbs): the gold files
# open 70 targets on one and leave it out before none.
TARGET_VERBS = ("开工建设", "竣工投产", *COUNTING_VERBS)


# A fiscal or monetary policy by its stance (积极的财政政策, 稳健的货币政策, 适度宽松的货币政策, 积极财政政策): the
# national reports name the year's macro policy so, and the gold files mark all eleven such names, stance included.
# The employment policy is named beside them the same way (更加积极的就业政策; since 2019 就业优先政策, the third of
# the year's macro policies: 积极的财政政策要加力提效，稳健的货币政策要松紧适度，就业优先政策要全面强化).
POLICY_STANCE = re.compile(r"(?:更加积极|积极|稳健中性|稳健|适度宽松|适度从紧|从紧|宽松|中性)的?(?:财政|货币)政策"
                           r"|(?:更加积极|积极)的?就业政策|就业优先政策")


def _with_policy_stances(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A fiscal or monetary policy named with its stance is one PROGRAMME, the stance included: the tagger often
    keeps only 财政政策 of 积极财政政策, or misses 适度宽松的货币政策. A name that holds the whole phrase (适度从紧的财政
    政策和货币政策) stays; one that runs past it on either side, or overlaps it in part, is left to the tagger."""
    if "政策" not in text:
        return spans
    return _as_programmes(spans, (m.span() for m in POLICY_STANCE.finditer(text)))


def _as_programmes(spans: list[tuple[int, int, str]], ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Each range a PROGRAMME where no name holds it already (the range itself, or a longer name); names inside it
    give way to it; a name that overlaps it in part is left as it is, and the range with it."""
    out = list(spans)
    for start, end in ranges:
        overlapping = [s for s in out if s[0] < end and start < s[1]]
        if any(a <= start and end <= b for a, b, _ in overlapping):
            continue
        if all(start <= a and b <= end for a, b, _ in overlapping):
            out = [s for s in out if s not in overlapping] + [(start, end, "PROGRAMME")]
    return sorted(out)


# A policy document by its title (GUIDELINES, PROGRAMME: 《关于…的意见》, 《…协定》, with the 《》): a title that
# opens on 关于 or ends on a kind of policy document, a parenthesis after that kind allowed (（2021—2035年）, （试行）).
# Works of art, yearbooks, newspapers and laws are no programmes.
POLICY_DOCUMENT = re.compile(
    r"《(?:关于[^《》\n]{2,60}|[^《》\n]{2,60}(?:意见|措施|方案|规划|纲要|计划|协定|政策|战略|决定|办法|条例|通知|细则)"
    r"(?:[（(][^《》（()）\n]{1,16}[）)])?)》")


def _with_policy_documents(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The title of a policy document, with its 《》, is a PROGRAMME where no tagged name holds it; names the tagger
    found inside it (a place, a plan's first words) give way to it."""
    if "《" not in text:
        return spans
    return _as_programmes(spans, (m.span() for m in POLICY_DOCUMENT.finditer(text)))


# A named strategy (GUIDELINES, PROGRAMME: "衡企出海"战略; the gold files: 就业优先战略, 扩大内需战略, 科教兴国战略、人才
# 强国战略和知识产权战略) as the object of a verb that carries one out, or listed after one the tagger found.
STRATEGY_OPENERS = ("实施", "推进", "落实", "贯彻", "把握", "对接", "融入", "坚持", "执行", "深化", "服务")
STRATEGY_CLOSERS = frozenset("，。、；：和与及等）)\n")
# a strategy's kind, not its name, when made of these alone (国家发展战略, 区域发展战略); a count of strategies is a
# name (统筹推进三大战略: the gold files)
GENERIC_STRATEGY = re.compile(r"(?:重大|重要|国家|区域|省级|全球|总体|发展|长期|全局|这个|开放|经济)+")
MAX_STRATEGY_NAME = 8


def _after_last(window: str, verbs: Sequence[str]) -> int | None:
    """Where the last of ``verbs`` in ``window`` ends, None where none of them is there."""
    ends = [window.rfind(verb) + len(verb) for verb in verbs if verb in window]
    return max(ends) if ends else None


def _clause_opening(text: str, stops: re.Pattern[str], position: int, reach: int) -> int:
    """Where the last of ``stops`` within ``reach`` characters before ``position`` ends, or where the reach begins.

    >>> _clause_opening("推进交通，实施一批水利", CLAUSE_START, 11, 40), _clause_opening("推进交通，实施一批水利", CLAUSE_START, 11, 4)
    (5, 7)
    """
    reach_start = max(0, position - reach)
    return max((m.end() for m in stops.finditer(text, reach_start, position)), default=reach_start)


def _with_named_strategies(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A strategy named by two to eight characters right after a verb that carries it out (坚持实施|就业优先战略;
    牢牢把握|扩大内需战略), or listed with 、 or 和 after a tagged strategy (科教兴国战略、人才强国战略和|知识产权战略), is a
    PROGRAMME where the tagger found none: not a strategy's kind alone (国家战略, 区域发展战略; a count is a name: 三大战略; in the
    middle of a 、-list of named strategies, or before one, it is one: 区域重大战略), not one described with 的 or joining two
    (国家和区域发展战略), not 战略 as a modifier (战略性, 战略支点).

    >>> text = "深入实施区域协调发展战略、区域重大战略、主体功能区战略，实施国家战略"
    >>> [text[a:b] for a, b, _ in _with_named_strategies(text, [(4, 12, "PROGRAMME"), (20, 27, "PROGRAMME")])]
    ['区域协调发展战略', '区域重大战略', '主体功能区战略']
    """
    if "战略" not in text:
        return spans
    out = list(spans)
    for match in re.finditer("战略", text):
        end = match.end()
        if text[end:end + 1] not in STRATEGY_CLOSERS and end < len(text):
            continue
        if any(a < end and match.start() < b for a, b, _ in out):
            continue
        start = None
        window = text[max(0, match.start() - MAX_STRATEGY_NAME - 3):match.start()]
        joined = re.search(r"(?:、|和)([\u4e00-\u9fff]{2,8})$", window)
        if joined and any(b == match.start() - len(joined.group(1)) - 1 and label == "PROGRAMME"
                          and text.endswith("战略", a, b) for a, b, label in out):
            start = match.start() - len(joined.group(1))
        else:
            opened = _after_last(window, STRATEGY_OPENERS)
            if opened is not None:
                start = match.start() - len(window) + opened
        if start is None:
            continue
        name = text[start:match.start()]
        # a kind's words inside a list of named strategies are a name of its own (区域协调发展战略、|区域重大|战略、主体功能区战略,
        # 深入实施|区域重大|战略和区域协调发展战略: the national reports of 2021-2025, as two probes mark it)
        listed = (joined is not None and start == match.start() - len(joined.group(1)) and text[start - 1] == "、"
                  and text[end:end + 1] == "、") or (text[end:end + 1] in ("、", "和") and any(
                      a == end + 1 and label == "PROGRAMME" and text.endswith("战略", a, b) for a, b, label in out))
        if (not 2 <= len(name) <= MAX_STRATEGY_NAME or not CJK_NAME.fullmatch(name) or any(w in name for w in "的和与")
                or GENERIC_STRATEGY.fullmatch(name) and not (listed and len(name) >= 4)):  # not 国家|战略和…
            continue
        out.append((start, end, "PROGRAMME"))
    return sorted(out)


# A campaign year (GUIDELINES, PROGRAMME: “产业项目建设年”活动; cn-train: 开展|项目建设攻坚年, 深入开展|改革系统集成攻坚突破年):
# what the year is for, a verb of effort, 年, and the campaign's word after it if printed.
CAMPAIGN_YEAR = re.compile(r"(?:攻坚|提升|建设|突破|推进|落实|深化|提质|提速|倍增|优化|强化|效能|质效)年(?:专项行动|活动|行动)?")
CAMPAIGN_OPENERS = ("开展", "实施", "推进", "深化", "启动")
MAX_CAMPAIGN_NAME = 16


def _with_campaign_years(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An unquoted campaign year right after a verb that launches it (开展经营主体深化年活动, 实施招商引资突破年行动) is a
    PROGRAMME, from after that verb to 年 or the campaign's word after it, where no tagged name overlaps it or only
    ones inside it do, none of them ending where it ends; only where the name ends a clause or a list item (not
    建设年产值…)."""
    if "年" not in text:
        return spans
    out = list(spans)
    for match in CAMPAIGN_YEAR.finditer(text):
        end = match.end()
        if end < len(text) and text[end] not in STRATEGY_CLOSERS:
            continue
        window = text[max(0, match.start() - MAX_CAMPAIGN_NAME):match.start()]
        opened = _after_last(window, CAMPAIGN_OPENERS)
        if opened is None:
            continue
        start = match.start() - len(window) + opened
        if not 2 <= match.start() - start or not CJK_NAME.fullmatch(text, start, end) or "的" in text[start:end]:
            continue
        overlapping = [s for s in out if s[0] < end and start < s[1]]
        if any(b == end for _, b, _ in overlapping):
            continue  # the tagger found the name; where it starts is its call (扎实开展|全市…提升年行动)
        if all(start <= a and b <= end for a, b, _ in overlapping):
            out = [s for s in out if s not in overlapping] + [(start, end, "PROGRAMME")]
    return sorted(out)


# A whole clause after a verb that launches or carries out a programme, ending on one of these heads, is that programme
# (开展|绿色生活创建活动, 推动|要素市场化配置改革, 打好|项目招引建设擂台赛): of such clauses in the gold files 64 are
# named so and 3 not (体制机制改革). Not 机制 (完善|科技成果评价机制: 7 named, 19 not) nor 制度 and 清单, which name
# standing institutions as often (落实|带薪休假制度, 制定|权力下放清单).
CLAUSE_PROGRAMME_VERB = re.compile("落实|开展|推动|编制|实行|推行|深化|迭代|推出|实施|推进|启动|出台|制定|举办|创办|打好|打赢"
                                   "|申报|执行|探索|设立|争取")
CLAUSE_PROGRAMME = re.compile(
    r"(?:^|(?<=[，。；：\n]))[\u4e00-\u9fff]{0,4}?"
    rf"(?:{CLAUSE_PROGRAMME_VERB.pattern})(?!{CLAUSE_PROGRAMME_VERB.pattern})"  # 探索|设立…: the last verb launches it
    r"(?P<name>[\u4e00-\u9fffA-Za-z0-9+]{4,24}?(?:活动|计划|规划|试点|改革|行动|举措|攻坚战|保卫战|革命|擂台赛|旅游节))"
    r"(?=[，。；\n]|和)")
# What opens the clause's object without naming the programme (新一轮|国企改革, 首届|庐陵文化生态旅游节).
PROGRAMME_ROUND = re.compile(r"新一轮|首届|第[一二三四五六七八九十0-9]+届|新一届")
# Objects that are a kind of programme, not one (重点领域改革, 各项改革, 相关规划), or a count of them (百场促消费活动),
# or more of them (更多创新举措, 多种便民利民举措), or a clause of their own (完成|分区规划, 和|实施建设规划, 超额完成|计划).
NOT_CLAUSE_PROGRAMME = re.compile(r"重点领域|各项|各类|相关|有关|一批|一系列|[0-9一二两三四五六七八九十百千万]+[场个项次批]"
                                  r"|完成|超额|提前|其他|若干|更|多种|多项|提升|[和及与并好了]")
# Words inside the object that make it more than one name: a list (春节等…活动, 系列招商活动, 后勤建设和改革) or a
# clause (…开放纳入国家规划).
NOT_IN_CLAUSE_PROGRAMME = re.compile("等|系列|纳入|列入|和改革$")


def _with_clause_programmes(text: str, spans: list[tuple[int, int, str]], generic: Collection[str] = ()
                            ) -> list[tuple[int, int, str]]:
    """A clause that is a launching verb and then a name ending on a programme head (:data:`CLAUSE_PROGRAMME`), or
    the first of two joined by 和 (推进|农村厕所革命|和乡村微改造), makes that name a PROGRAMME where the tagger found no
    PROGRAMME, PROJECT or TARGET in it, the name is not a generic one (``generic``: 发展规划) and no 的 joins a
    description to its head (建立|租购并举的住房制度)."""
    out = list(spans)
    for match in CLAUSE_PROGRAMME.finditer(text):
        start, end = match.span("name")
        if (round_ := PROGRAMME_ROUND.match(text, start)) is not None:
            start = round_.end()
        name = text[start:end]
        if (len(name) < 4 or "的" in name or name in generic or NOT_CLAUSE_PROGRAMME.match(name)
                or NOT_IN_CLAUSE_PROGRAMME.search(name)):
            continue
        if any(a < end and start < b and label in ("PROGRAMME", "PROJECT", "TARGET") for a, b, label in out):
            continue
        out = [s for s in out if not (start <= s[0] and s[1] <= end and s[2] == "INDUSTRY")] + [(start, end, "PROGRAMME")]
    return sorted(out)


# A strong programme head, and the dictionary tags of a word after it that the tagger took into the name but that
# says what is done with it or when (“十五五”规划|编制, 城市更新提升行动|稳步, 第一个五年计划|以后): verbs, verb-nouns,
# adverbs, locative and time words, pronouns. The gold files' names run on after such a head only with a noun
# (试点, 纲要, 体系, 任务, 腹地).
STRONG_PROGRAMME_HEAD = re.compile("改革|战略|计划|规划|工程|行动")
VERBAL_TAIL_TAGS = frozenset({"v", "vn", "vd", "d", "ad", "f", "r", "t"})
MAX_PROGRAMME_TAIL = 2
KEPT_PROGRAMME_TAILS = ("举措", "决定")
MIN_PROGRAMME_BEFORE_TAIL = 4  # 工程|治理 stays: 工程 alone names nothing


def _programmes_without_verbal_tails(text: str, spans: list[tuple[int, int, str]], tokens: Tokens
                                     ) -> list[tuple[int, int, str]]:
    """A PROGRAMME that runs on one word past its last strong head (:data:`STRONG_PROGRAMME_HEAD`), a word the
    dictionary tags as a verb, an adverb or a word of place or time (:data:`VERBAL_TAIL_TAGS`), ends at the head.

    >>> text = "启动“十五五”规划编制工作"
    >>> tokens = Tokens([0, 2, 3, 6, 7, 9, 11], [2, 3, 6, 7, 9, 11, 13], ["v", "x", "m", "x", "n", "v", "vn"])
    >>> _programmes_without_verbal_tails(text, [(2, 11, "PROGRAMME")], tokens)
    [(2, 9, 'PROGRAMME')]
    """
    out = []
    starts = _token_starts(tokens)
    for start, end, label in spans:
        if label == "PROGRAMME":
            head = next(reversed(list(STRONG_PROGRAMME_HEAD.finditer(text, start, end))), None)
            if head is not None and 0 < end - head.end() <= MAX_PROGRAMME_TAIL \
                    and (index := _token_at(starts, head.end())) is not None \
                    and tokens[index][1] == end and tokens[index][2] in VERBAL_TAIL_TAGS \
                    and text[head.end():end] not in KEPT_PROGRAMME_TAILS and head.end() - start >= MIN_PROGRAMME_BEFORE_TAIL:
                end = head.end()
        out.append((start, end, label))
    return out


# The 新 of the period after a programme (西部大开发|新十年的政策措施, 西部大开发|新的指导意见), which the tagger took into
# the name; not the 新 of a word of its own (万众创新|的, 以旧换新|的).
NEXT_PERIOD = re.compile(r"十年|10年|一轮|阶段|的")
NEW_WORDS = ("创新", "更新", "换新", "革新", "翻新", "焕新", "出新", "刷新", "全新", "最新", "重新", "维新", "崭新", "清新")
MIN_PROGRAMME_BEFORE_NEW = 3


def _programmes_without_next_period(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROGRAMME that ends on a 新 that opens the period after it (NEXT_PERIOD) ends before the 新.

    >>> text = "落实西部大开发新十年的政策措施，推动大众创业、万众创新的发展"
    >>> [text[a:b] for a, b, _ in _programmes_without_next_period(text, [(2, 8, "PROGRAMME"), (23, 27, "PROGRAMME")])]
    ['西部大开发', '万众创新']
    """
    return [(start, end - 1 if label == "PROGRAMME" and text[end - 1] == "新" and NEXT_PERIOD.match(text, end)
             and not text.endswith(NEW_WORDS, start, end) and end - 1 - start >= MIN_PROGRAMME_BEFORE_NEW else end, label)
            for start, end, label in spans]


# What a sentence of the review says became of a name, which the tagger took into it: an adverb of progress and the
# word it qualifies, closing the name (“四事四权”工作法|全面推广, “五网”基础设施|日益完善, “万企兴万村”行动|成效显著,
# “邕字号”品牌|持续提升, 中国国际进口博览会|圆满举办), or a brand's worth. Not 可持续 (“深圳蓝”可持续行动) nor 有效 (有效衔接机制), which open a name's own words,
# nor a tail that holds the name's head (进一步改革).
OUTCOME_TAIL = re.compile(r"(?:还需|还要|已经|已)?(?:(?<!可)(?:日益|不断|持续|逐步|进一步|稳步|全面|更加)[\u4e00-\u9fff]{0,2}"
                          r"|(?:圆满|成功|广泛|顺利)[\u4e00-\u9fff]{1,2}|成效(?:显著|明显)"
                          # and what a brand is worth (“三亚芒果”品牌|优势, “长寿巴马”品牌|效应, “洞天福地·花海毕节”|知名度美誉度)
                          r"|(?:(?<=品牌)|(?<=”))(?:价值|优势|效应|影响力|知名度|美誉度|含金量)+)$")
MIN_NAME_BEFORE_OUTCOME = 4
DRIVES = "带动"  # what a PROJECT drives is not its name (a programme's may be: 项目带动战略)


# Works on a named river, canal or lake (长征渠|引水工程, 水阳江|防洪治理工程, 长江干流安徽段|治理工程): what is built, a
# PROJECT, not a campaign; the gold files hold every such name so (引水, 补水, 治理, 航道 … 工程: 8 projects, no
# programme). A kind of water without a name is a campaign (中小河流治理工程, 河道治理工程), so are 水患 and 积水点.
NAMED_WATER_WORKS = re.compile(r"[\u4e00-\u9fff]{1,5}[河江湖渠溪](?![流道湖泊网])(?:干流|[\u4e00-\u9fff]{0,4}段)?"
                               r"[\u4e00-\u9fff]{0,4}?(?:引水|调水|补水|供水|输水|水资源配置|防洪|治理|整治|航道|疏浚|堤防)工程")


def _named_water_works(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An unquoted PROGRAMME that is works on a named water (:data:`NAMED_WATER_WORKS`) is a PROJECT.

    >>> text = "做好长征渠引水工程，实施中小河流治理工程"
    >>> _named_water_works(text, [(2, 9, "PROGRAMME"), (12, 20, "PROGRAMME")])
    [(2, 9, 'PROJECT'), (12, 20, 'PROGRAMME')]
    """
    return [(start, end, "PROJECT" if label == "PROGRAMME" and NAMED_WATER_WORKS.fullmatch(text, start, end)
             else label) for start, end, label in spans]


# Words before a name that say which part or how many of it (部分|农产品批发、零售增值税政策, 各项|管理制度改革,
# 一系列|…) or when (二十年的|农村改革, 1957年的|国民经济计划草案, 新时代|人才强市): the gold files leave them out of the name.
SCOPE_OPENER = re.compile(r"(?:新时代|部分|有关|相关|各项|一系列|若干|(?:\d{1,4}|[一二三四五六七八九十〇零]{1,4})多?年的)")
MIN_NAME_AFTER_SCOPE = 4
# ... and, before a project too, whose country, province, city, district, county or prefecture it is, or that it is
# the first there (我国|装备, 全省|森林食品标准化生产基地, 全省首个|市域工业园区发展规划, 全疆|首家5G工业物联网产业园, as
# gold reads 全市|首座加氢站): no gold name opens on one (全国 does: 全国统一大市场; 全域 is no area: 全域旅游)
AREA_OPENER = re.compile(r"我国|我市|我省|全[市区县州盟疆]|全省(?:首[个家批])?|全国首[个家批]")
MIN_NAME_AFTER_AREA = 2


# 超 right before a name that opens on a word is the name's own first character, which the segmenter split off (超|长期
# 特别国债, 超|瞬态实验装置); before a figure it is "more than" (超|10亿元), and after 赶, 追 or 反 a verb's (赶超|“三大行动”).
# So is the 受 of 受污染 (受|污染耕地安全利用率达91%以上, a metric of local reports).
SUPER = "超"
SUPER_VERB_OPENERS = frozenset("赶追反")
NOT_A_WORD_OPENERS = "“《（("  # nor before a quotation or a bracket; a figure is a NUMERAL
AFFECTED = "受"
AFFECTED_BY = "污染"
# ... and a TARGET of new jobs keeps the 城镇 of its metric's name (城镇|新增就业3.4万人).
URBAN, NEW_JOBS = "城镇", "新增就业"


def _names_with_their_openings(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROGRAMME, PROJECT, TARGET or INDUSTRY right after a 超 that begins its word starts at the 超 (:data:`SUPER`),
    one that opens on 污染 right after 受, at the 受, and a TARGET of 新增就业 after 城镇, at the 城镇.

    >>> text = "拟发行超长期特别国债1.3万亿元，投资超10亿元，赶超“三大行动”，受污染耕地安全利用率达91%以上"
    >>> _names_with_their_openings(text, [(4, 17, "TARGET"), (20, 25, "TARGET"), (28, 34, "PROGRAMME"),
    ...                                   (35, 50, "TARGET")])
    [(3, 17, 'TARGET'), (20, 25, 'TARGET'), (28, 34, 'PROGRAMME'), (34, 50, 'TARGET')]
    """
    out = []
    for start, end, label in spans:
        if label in ("PROGRAMME", "PROJECT", "TARGET", "INDUSTRY") and start >= 1 and (
                (text[start - 1] == SUPER and (start < 2 or text[start - 2] not in SUPER_VERB_OPENERS)
                 and not NUMERAL.match(text, start) and text[start] not in NOT_A_WORD_OPENERS)
                or (text[start - 1] == AFFECTED and text.startswith(AFFECTED_BY, start))):
            start -= 1
        elif label == "TARGET" and text.startswith(NEW_JOBS, start) and text.endswith(URBAN, 0, start):
            start -= len(URBAN)  # 城镇|新增就业3.4万人: the metric's name is 城镇新增就业 (106 of 122 in the corpora)
        out.append((start, end, label))
    return out


def _names_without_scope_words(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROGRAMME or INDUSTRY that opens on a word of part, number or time (:data:`SCOPE_OPENER`) starts after it,
    where at least :data:`MIN_NAME_AFTER_SCOPE` characters are left; a PROGRAMME, INDUSTRY or PROJECT that opens on
    its area (:data:`AREA_OPENER`) after that, where :data:`MIN_NAME_AFTER_AREA` are left.

    >>> text = "取消部分农产品批发、零售增值税政策，深化二十年的农村改革，部分地区，带动我国装备走出去"
    >>> _names_without_scope_words(text, [(2, 17, "PROGRAMME"), (20, 28, "PROGRAMME"), (29, 33, "PLACE"),
    ...                                   (36, 40, "INDUSTRY")])
    [(4, 17, 'PROGRAMME'), (24, 28, 'PROGRAMME'), (29, 33, 'PLACE'), (38, 40, 'INDUSTRY')]
    """
    out = []
    for start, end, label in spans:
        if label in ("PROGRAMME", "INDUSTRY") and (opener := SCOPE_OPENER.match(text, start, end)) \
                and end - opener.end() >= MIN_NAME_AFTER_SCOPE:
            start = opener.end()
        if label in ("PROGRAMME", "INDUSTRY", "PROJECT") and (opener := AREA_OPENER.match(text, start, end)) \
                and end - opener.end() >= MIN_NAME_AFTER_AREA:
            start = opener.end()
        out.append((start, end, label))
    return out


# A percentage written out, or a year closing the name: the figures and dates of the older reports' reviews and of
# glossaries (百分之六十一上升到一九五四年的百分之七十五点一, 1952年到1956年, 千万工程：2003年), never a programme's name.
FIGURE_NOT_PROGRAMME = re.compile(r"百分之|百分点|(?:[0-9０-９]{4}|[〇○零一二三四五六七八九]{4})年$")
# ... but a name before a colon or a closing span of years is kept (千万工程|：2003年, 世界妇女大会|１９９５年).
CLOSING_YEARS = re.compile(r"[0-9０-９]{4}(?:[—－\-/／][0-9０-９]{4})?年$")
NOT_NAME_BEFORE_YEARS = re.compile(r"[的在到由同比即从达为]$|年|百分")
MIN_NAME_BEFORE_YEARS = 6


def _programmes_without_figures(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop a PROGRAMME that holds a figure or closes on a year (:data:`FIGURE_NOT_PROGRAMME`); keep the name before
    a colon in it, or before the years that close it where a name of :data:`MIN_NAME_BEFORE_YEARS` characters is left.

    >>> text = "千万工程：2003年；1952年到1956年；世界妇女大会1995年；增长百分之四十"
    >>> _programmes_without_figures(text, [(0, 10, "PROGRAMME"), (11, 22, "PROGRAMME"), (23, 34, "PROGRAMME"),
    ...                                    (35, 42, "PROGRAMME")])
    [(0, 4, 'PROGRAMME'), (23, 29, 'PROGRAMME')]
    """
    out = []
    for start, end, label in spans:
        if label == "PROGRAMME" and FIGURE_NOT_PROGRAMME.search(text, start, end):
            colon = text.find("：", start, end)
            years = CLOSING_YEARS.search(text, start, end)
            if colon - start >= 3 and not FIGURE_NOT_PROGRAMME.search(text, start, colon):
                end = colon
            elif years and years.start() - start >= MIN_NAME_BEFORE_YEARS \
                    and not NOT_NAME_BEFORE_YEARS.search(text, start, years.start()):
                end = years.start()
            else:
                continue
        out.append((start, end, label))
    return out


def _places_dropped(places: Sequence[tuple[int, int]], span: tuple[int, int], kept: tuple[int, int] | None = None
                    ) -> list[tuple[int, int, str]]:
    """The ``places`` inside ``span`` and outside the part of it that is ``kept`` (None: all of it is dropped), as
    PLACE spans: a place named in the words cut off a name stays a place."""
    kept_start, kept_end = kept if kept is not None else (span[0], span[0])
    return [(a, b, "PLACE") for a, b in places
            if span[0] <= a and b <= span[1] and (b <= kept_start or kept_end <= a)]


# A name is a noun phrase: it never holds a clause mark outside its quotes (希尔顿酒店开业运营，|万达广场; “天府峨眉计划”|：
# 四川实施的…), never opens on one (，|高等教育综合改革试点), never closes on an exclamation or a question (美国侵略者及其
# 一切走狗！, 吗？), never holds a date (——2024年1月13日在…人民代表大会…, a report's title page). No name of the gold files
# but the headings (GOAL, MEASURE) and one TARGET does; the tagger read them out of the older reports, glossaries and
# title pages of the corpora.
CLAUSE_MARKS, LEADING_MARKS, CLOSING_MARKS = "，；：", "，、；：—－-\n ", "！？!?"
QUOTED_PART = re.compile(r"“[^”]*”|《[^》]*》|「[^」]*」|『[^』]*』|（[^）]*）|\([^)]*\)")
DATE_IN_NAME = re.compile(r"\d{1,2}月\d{1,2}日")
CLAUSE_CHECK = re.compile(r"[，；：！？!?]|\d月")  # what makes a name worth a closer look (with a leading mark)
MIN_NAME_IN_CLAUSE = 2


def _names_within_a_clause(text: str, spans: list[tuple[int, int, str]], places: Sequence[tuple[int, int]] = ()
                           ) -> list[tuple[int, int, str]]:
    """Each name other than a TARGET without the clause marks around it (:data:`LEADING_MARKS`), cut to the part
    of it before a colon or after the last comma or semicolon outside its quotes, and dropped where it closes on
    :data:`CLOSING_MARKS` or holds a date. The gazetteer's ``places`` in what is cut off or dropped stay places.

    >>> text = "希尔顿酒店开业运营，万达广场；“天府峨眉计划”：四川的人才计划；美国侵略者及其一切走狗！"
    >>> _names_within_a_clause(text, [(0, 14, "PROJECT"), (15, 31, "PROGRAMME"), (32, 44, "PROGRAMME")], [(32, 34)])
    [(10, 14, 'PROJECT'), (15, 23, 'PROGRAMME'), (32, 34, 'PLACE')]
    """
    out, freed = [], []
    for start, end, label in spans:
        if label != "TARGET" and (text[start] in LEADING_MARKS or CLAUSE_CHECK.search(text, start, end)):
            span = (start, end)
            while start < end and text[start] in LEADING_MARKS:
                start += 1
            if start >= end or text[end - 1] in CLOSING_MARKS or DATE_IN_NAME.search(text, start, end):
                start = end = span[0]
            else:
                bare = QUOTED_PART.sub(lambda m: "Q" * len(m.group()), text[start:end])
                colon = bare.find("：")
                if colon >= 0:
                    end = start + colon
                elif (last := max(bare.rfind(mark) for mark in CLAUSE_MARKS)) >= 0:
                    start += last + 1
                while start < end and text[start] in LEADING_MARKS:
                    start += 1
                if (start, end) != span and end - start < MIN_NAME_IN_CLAUSE:
                    start = end = span[0]
            freed += _places_dropped(places, span, (start, end))
            if start == end:
                continue
        out.append((start, end, label))
    return sorted([*out, *freed]) if freed else out


# A name is a noun phrase: it never holds, outside its quotes, a verb that tells what its subject did or became
# (tagger_edges.txt, ``clause``: 屠呦呦|获得|诺贝尔生理学或医学奖, “万企兴万村”行动|得到|全国工商联肯定, 河池|作为|西部陆海新通道,
# 人民解放军和武警部队|圆满|完成国庆首都阅兵). No name of the gold files holds one; the tagger read 81 such clauses as
# names in the shared corpora, in reviews of the past year and in the older reports. Not inside a word (促|进行|动,
# 非|正式|会议, 获得|感, 完成|率).
CLAUSE_VERB_NOT_AFTER = "促推引先改非有善"
CLAUSE_VERB_NOT_BEFORE = "率感"
YEAR_END = re.compile(r"[\d〇零一二三四五六七八九十]年$")  # 一九五九年|已经有…: a year, not an event ending on 年
INSTITUTIONS = ("学院", "学校", "医院")  # an ORG's endings besides the companies' (嘉兴学院|成功更名)
OBJECT_HEADS = ("试点",)  # what a programme carried out ends on besides its heads (…开展了|增值税转型改革试点)


def _names_without_clause_verbs(text: str, spans: list[tuple[int, int, str]], verbs: Collection[str],
                                object_verbs: Collection[str], heads: Sequence[str], org_endings: Sequence[str],
                                places: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """A PROJECT, PROGRAMME or ORG that holds one of the ``verbs`` or ``object_verbs`` outside its quotes ends before
    it where what precedes it still ends on a name's head (``heads``; an ORG's ``org_endings``): 三峡水利枢纽工程|已经
    …批准, 老年病医院|正式挂牌, 久立集团|成功并购…. After one of the ``object_verbs`` (what is carried out), the
    name may be the verb's object: the words after it, where they are a name of six characters or more ending on a
    head (金沙江流域开工建设|叶巴滩混合抽蓄电站). A PROJECT or PROGRAMME whose words before the verb end as a company's
    or an institution's name is that ORG (蚌埠医学院|成功更名…). Otherwise the span is dropped; the gazetteer's ``places`` in the words
    cut off or dropped stay places. A name ending on a book title before the verb keeps it (《…规划》|正式获…批复); an
    anniversary's name holds what happened then (淠史杭工程开工建设65周年纪念大会) and stays whole.

    >>> text = "屠呦呦获得诺贝尔生理学或医学奖。老年病医院正式挂牌。金沙江流域开工建设叶巴滩混合抽蓄电站。农民增收促进行动"
    >>> _names_without_clause_verbs(text, [(0, 15, "PROJECT"), (16, 25, "PROJECT"), (26, 44, "PROJECT"),
    ...                                    (45, 53, "PROGRAMME")], {"获得", "正式"}, {"开工建设", "进行"},
    ...                             ("医院", "电站", "行动"), (), [(26, 29)])
    [(16, 21, 'PROJECT'), (26, 29, 'PLACE'), (35, 44, 'PROJECT'), (45, 53, 'PROGRAMME')]
    """
    if not verbs and not object_verbs:
        return spans
    out, freed = [], []
    for start, end, label in spans:
        if label in ("PROJECT", "PROGRAMME", "ORG") and end - start >= 4 and "周年" not in text[start:end]:
            bare = QUOTED_PART.sub(lambda m: "Q" * len(m.group()), text[start:end])
            verb = next(((i, word) for i in range(1, len(bare) - 1) for word in (bare[i:i + 2], bare[i:i + 3],
                                                                                   bare[i:i + 4])
                         if (word in verbs or word in object_verbs) and bare[i - 1] not in CLAUSE_VERB_NOT_AFTER
                         and bare[i + len(word):i + len(word) + 1] not in CLAUSE_VERB_NOT_BEFORE), None)
            if verb is not None:
                at, word = verb
                before, after = text[start:start + at], text[start + at + len(word):end]
                endings = (*org_endings, *INSTITUTIONS) if label == "ORG" else (*heads, *OBJECT_HEADS)
                kept = None
                if word in object_verbs:  # the subject that carries it out is not the name
                    if len(after) >= 6 and after.endswith(endings) and not after[0].isdigit():
                        kept = (end - len(after), end)
                elif before.endswith("》") or (not YEAR_END.search(before)
                                              and any(before.endswith(head) and len(before) > len(head) for head in endings)):
                    kept = (start, start + at)
                elif any(before.endswith(ending) and len(before) > len(ending) for ending in (*org_endings, *INSTITUTIONS)):
                    kept, label = (start, start + at), "ORG"  # 南方有色公司|完成茶山矿…: the company that did it
                freed += _places_dropped(places, (start, end), kept)
                if kept is None:
                    continue
                start, end = kept
        out.append((start, end, label))
    return sorted([*out, *freed]) if freed else out


# A campaign named by how many parts it has (七大工程, 十大攻坚行动, 六个攻坚, 四大行动): every such name of the gold files
# is a PROGRAMME (十大重点节能工程, “四大行动”, 五个攻坚行动, 碳达峰十大行动); the tagger misses those it has not seen.
# Not 战略性 (五大战略性产业集群), not a count of things built (二十八个水利工程: numbers above ten, 个 but before 攻坚).
# (The numeral first and what may not stand before it after it, (?<!X.): the regular expression engine then skips to
# the numerals instead of trying every position of a text.)
COUNTED_CAMPAIGN = re.compile(r"[二三四五六七八九十两](?<![\d一二三四五六七八九十百千万两第].)(?:大[\u4e00-\u9fff]{0,6}?"
                              r"(?:工程|攻坚行动|行动|攻坚战|攻坚|计划)|个攻坚(?:行动|战)?)"
                              r"(?![\u4e00-\u9fff]{0,2}(?:项目|建设|任务|性|中|的))")


# A mass campaign the government carries on (深入开展|爱国卫生运动, 广泛开展|全民健身运动: GUIDELINES, PROGRAMME: a named
# campaign; found by reviews of city-恩施-2024 and city-亳州-2024, and 47 local reports print the first): the words
# between 开展 (推进, 深化: reviews of city-郴州-2024, city-巴中-2024) and 运动; a sport (冰雪运动, 户外运动, 体育运动) is no
# campaign.
# The verbs these campaigns follow: the patterns look behind for them, and _after_words tries the patterns only
# where one of them ends.
CAMPAIGN_VERBS = re.compile("开展|推进|深化")
MASS_CAMPAIGN = re.compile(rf"(?<={CAMPAIGN_VERBS.pattern})(?!群众运动)[^\W\d_的了]{{2,6}}?(?:运动|運動)(?![会员场项])")
SPORT_WORDS = ("体育", "冰雪", "户外", "水上", "山地", "冬季", "夏季", "群众性体育")
# A struggle the government carries on, by its fixed name (开展|扫黑除恶专项斗争, 常态化推进|扫黑除恶斗争, 坚持不懈地开展|
# 反腐败斗争: a fixed campaign name, GUIDELINES; reviews of cn-gwr-2018, cn-gwr-2019 and city-广州-2024 found it missed; 98
# in the corpora): the words after the verb (and a manner, 常态化) to 斗争; not a kind of struggle (阶级, 军事, 各…).
FIGHT_CAMPAIGN = re.compile(rf"(?<={CAMPAIGN_VERBS.pattern})(?:常态化)?(?P<name>(?!阶级|军事|各|集中)[^\W\d_的了和、]{{2,8}}?(?:专项)?斗争)"
                            r"(?![性中])")


# Battles listed before the head they share, fought (打好|打赢) as one (蓝天、碧水、净土保卫战: 33 local reports print it,
# and the gold's 蓝天碧水净土保卫战 is one PROGRAMME; review of city-攀枝花-2024): one span, the list and its head
# (GUIDELINES, Shared heads), where the tagger found none or the last item alone.
# The verbs may also open or keep up the campaign (全面开展|蓝天、碧水、净土保卫战, cn-gwr-2019), and the list may close with 和
# (蓝天、碧水、净土和宁静保卫战, city-宜昌-2024).
LISTED_BATTLE_VERBS = re.compile("打好|打赢|打响|开展|推进")
LISTED_BATTLES = re.compile(rf"(?<={LISTED_BATTLE_VERBS.pattern})(?:[\u4e00-\u9fff]{{2,4}}、)+[\u4e00-\u9fff]{{2,4}}(?:和[\u4e00-\u9fff]{{2,4}})?"
                            r"(?:三大|四大|五大)?(?:保卫战|攻坚战)")
# One battle by its name where the text fights or keeps its gains (巩固|蓝天保卫战|成果, 巩固扩大|蓝天保卫战, 打响|城市综合治理
# 攻坚战: cn-gwr-2018, cn-gwr-2019, city-潜江-2024; the gold's 扩大需求攻坚战, 文旅高质量建设高水平运营攻坚战): a PROGRAMME where
# nothing was read there; not a battle named by what it is (这场攻坚战).
NAMED_BATTLE_VERBS = re.compile("打好|打赢|打响|巩固|扩大")
NAMED_BATTLE = re.compile(rf"(?<={NAMED_BATTLE_VERBS.pattern})(?!这场|该|此|扩大)[\u4e00-\u9fff]{{2,10}}?(?:保卫战|攻坚战)")


def _after_words(words: re.Pattern[str], pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that opens on a look-behind for one of ``words`` (words none of which
    can overlap another): tried only where one of them ends, not at every position of the text (the look-behind
    still decides). Each match starts at or after the end of the one before, as with finditer.

    >>> text = "开展爱国卫生运动，深入推进全民健身运动"
    >>> [m.group() for m in _after_words(CAMPAIGN_VERBS, MASS_CAMPAIGN, text)]
    ['爱国卫生运动', '全民健身运动']
    """
    end = 0
    for word in words.finditer(text):
        if word.end() >= end:
            match = pattern.match(text, word.end())
            if match:
                end = match.end()
                yield match


def _with_listed_battles(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A :data:`LISTED_BATTLES` is one PROGRAMME in place of the tagged names inside it, and a :data:`NAMED_BATTLE` one
    where nothing was read.

    >>> text = "深入打好蓝天、碧水、净土保卫战。"
    >>> [text[a:b] for a, b, _ in _with_listed_battles(text, [(10, 15, "PROGRAMME")])]
    ['蓝天、碧水、净土保卫战']
    """
    found = [(m.start(), m.end()) for m in _after_words(LISTED_BATTLE_VERBS, LISTED_BATTLES, text)
             if all(m.start() <= a and b <= m.end() for a, b, _ in spans if a < m.end() and m.start() < b)]
    named = [(m.start(), m.end()) for m in _after_words(NAMED_BATTLE_VERBS, NAMED_BATTLE, text)
             if not any(a < m.end() and m.start() < b for a, b, _ in spans)
             and not any(a < m.end() and m.start() < b for a, b in found)]
    if not found and not named:
        return spans
    kept = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in found)]
    return sorted([*kept, *((a, b, "PROGRAMME") for a, b in [*found, *named])])


# A system that makes an official chief of each river, lake, forest, field or chain (河湖长制, 林长制, 田长制, 链长制,
# 河（湖）长制): a named policy system, a PROGRAMME (GUIDELINES; gold: “菜篮子”市长负责制), as the tagger reads it where it
# is quoted (“田长制”, 11 times in the corpus) and misses it where it is not (153 mentions; reviews of city-黔南-2024,
# city-天门-2024, city-林芝-2024). Not a firm's 步长制药.
CHIEF_SYSTEM = re.compile(r"(?:河湖林田|河湖湾|河湖|河[（(]湖[）)]|[河湖林田路链街山湾])长制(?!药)")


# A figure the next words rank or call a record is one already reached (GUIDELINES: a TARGET is a planned quantity,
# never a figure already achieved): …增长29.5%，|排全区第1位; …8.8件，|居全省第2位; …突破1亿美元，|创历史新高;
# 城镇登记失业率4.02%，|为多年来最低 (reviews' sections of city-梧州, 绵阳-2024 and cn-gwr-2017). No gold target is
# followed by one.
RANKED_AFTER = re.compile(r"[，、]?(?:位居|居|排|位列|排名|位次)(?:全国|全省|全区|全市|西部|中部|东部|同类城市|副省级城市"
                          r"|省会城市|地级市)?[^，。；]{0,8}?第[一二三四五六七八九十\d]"
                          r"|，?(?:创|为|达)(?:多年来|历史|近年来|有史以来|近\d+年)(?:最|新)")


def _targets_not_ranked(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET right before :data:`RANKED_AFTER` is none.

    >>> text = "邮政业务总量增长29.5%，排全区第1位；外商直接投资突破1亿美元，创历史新高；城镇新增就业3万人，居民收入增长"
    >>> [text[a:b] for a, b, _ in _targets_not_ranked(text, [(0, 13, "TARGET"), (21, 33, "TARGET"), (40, 49, "TARGET")])]
    ['城镇新增就业3万人']
    """
    return [(a, b, label) for a, b, label in spans if label != "TARGET" or not RANKED_AFTER.match(text, b)]


def _targets_with_their_relative(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET whose metric opens on a relative clause 有…的 (有研发活动的规上工业企业占比达到48%以上) keeps its 有: the
    clause defines what is counted (the tagger reads 有 as a verb before the name and leaves it out). Not after a verb
    that holds it (拥有, 没有).

    >>> text = "力争有研发活动的规上工业企业占比达到48%以上，全市有规上企业"
    >>> [text[a:b] for a, b, _ in _targets_with_their_relative(text, [(3, 23, "TARGET")])]
    ['有研发活动的规上工业企业占比达到48%以上']
    """
    return [(a - 1, b, label) if label == "TARGET" and text[a - 1:a] == "有" and text[a - 2:a - 1] not in HAVING
            and "的" in text[a:min(b, a + MAX_RELATIVE)] else (a, b, label) for a, b, label in spans]


HAVING = "拥没具享占"  # 有 of these verbs is theirs, not a relative clause's
MAX_RELATIVE = 8  # characters from 有 to the 的 that closes its clause


QUOTE_ITEM = re.compile(r"“[^“”]{1,24}”")
BACK_TO_BACK_QUOTES = re.compile(rf"(?:{QUOTE_ITEM.pattern}){{2,}}")
# A storm's name: quoted right after 台风, or before the 台风 it is one of (防御“杜苏芮”等多轮台风)
STORM_BEFORE, STORM_AFTER = re.compile("台风$"), re.compile(r"^(?:“[^“”]{1,8}”|[、和])*(?:等)?[多两三几]?[轮次个场]?台风")


def _quotes_apart(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name that is nothing but quoted names back to back (“免申即享”“即申即享”) is one name per quote, as every gold
    name is where no head follows the last quote (“赣鄱英才”“赣鄱俊才”计划 is one); a TARGET stays whole. A storm's
    quoted name (台风“苏拉”“海葵”, “杜苏芮”等多轮台风) is no name at all.

    >>> text = "培育“本草拾趣园”“岐黄养生谷”等打卡地，防御台风“苏拉”“海葵”，推进“赣鄱英才”“赣鄱俊才”计划"
    >>> [(text[a:b], label) for a, b, label in _quotes_apart(text, [(2, 16, "PROJECT"), (25, 33, "PROGRAMME"),
    ...                                                             (36, 53, "PROGRAMME")])]
    [('“本草拾趣园”', 'PROJECT'), ('“岐黄养生谷”', 'PROJECT'), ('“赣鄱英才”“赣鄱俊才”计划', 'PROGRAMME')]
    """
    if "”“" not in text and "台风" not in text:
        return spans
    out = []
    for a, b, label in spans:
        if text[a:a + 1] == "“" and (STORM_BEFORE.search(text, max(0, a - 2), a) or STORM_AFTER.match(text[b:b + 16])):
            continue
        if label != "TARGET" and BACK_TO_BACK_QUOTES.fullmatch(text, a, b):
            out += [(m.start(), m.end(), label) for m in QUOTE_ITEM.finditer(text, a, b)]
        else:
            out.append((a, b, label))
    return out


COUNTED_ITEM = re.compile(r"[一二三四五六七八九十百千万两]+[大个项批家]")
CHINESE_QUANTITY = re.compile(r"[一二三四五六七八九十百千万亿零两]{2,}(?![届次])")  # not 十二届, 二次


def _listed_targets_without_figures(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET that lists several things (、) with no figure in digits, and not each a counted class (十大名菜、十大名点),
    is no target: a list of meetings, products or hospitals (六堡茶、人工宝石; 市第一医院、市中心医院) the tagger read as
    one. Every gold target without digits is one metric (百个重点项目, 信用评级达AA+). Quantities in Chinese numerals,
    one per item, are left as they are (钢产量一千八百万吨、煤产量三亿八千万吨).

    >>> text = "打造六堡茶、人工宝石等特色品牌，推出十大名菜、十大名点，新增企业100家、门店20家"
    >>> [text[a:b] for a, b, _ in _listed_targets_without_figures(text, [(2, 10, "TARGET"), (18, 27, "TARGET"),
    ...                                                                  (28, 42, "TARGET")])]
    ['十大名菜、十大名点', '新增企业100家、门店20家']
    """
    def listed_without_figures(a: int, b: int) -> bool:
        if "、" not in text[a:b] or DIGIT.search(text, a, b):
            return False
        items = re.split("[、和及]", text[a:b])
        return not all(COUNTED_ITEM.match(item) for item in items) \
            and not all(CHINESE_QUANTITY.search(item) for item in items)  # 钢产量一千八百万吨、煤产量三亿…

    return [(a, b, label) for a, b, label in spans if label != "TARGET" or not listed_without_figures(a, b)]


# A target's own words after a quote, not a verb before its count (GUIDELINES, TARGET verbs: “亲清在线”|新增政策…) nor a
# join to another item (“七进”|及…)
QUOTE_THEN_VERB = re.compile(rf"(?:{'|'.join(TARGET_VERBS)}|新|引进|达到|突破|增长|超过|[及和与或、])")


def _targets_with_leading_quotes(text: str, spans: list[tuple[int, int, str]],
                                 review: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """A TARGET that starts right after a quoted name takes it: the quote says what is counted (推进“揭榜挂帅”|攻关项目
    20个 → “揭榜挂帅”攻关项目20个, as the gold's “四促”攻坚项目130个以上, 新引进“玉商回归”项目20个以上 and “十有”标准园区5个),
    and the quoted name is then no name of its own (names inside a TARGET are not annotated). Not when the target
    opens on a verb of its own (“亲清在线·政策超市”|新增政策主动推送率95%以上), nor in the review part (``review``),
    where the figure is no target and the name stays (“新三样”|出口增长43%).

    >>> text = "推进“揭榜挂帅”攻关项目20个，建好“亲清在线”新增用户5万户"
    >>> [(text[a:b], label) for a, b, label in _targets_with_leading_quotes(
    ...     text, [(2, 8, "PROGRAMME"), (8, 15, "TARGET"), (18, 24, "PROGRAMME"), (24, 31, "TARGET")])]
    [('“揭榜挂帅”攻关项目20个', 'TARGET'), ('“亲清在线”', 'PROGRAMME'), ('新增用户5万户', 'TARGET')]
    """
    quotes = {b: (a, b, label) for a, b, label in spans
              if label != "TARGET" and QUOTE_ITEM.fullmatch(text, a, b)}
    taken: set[tuple[int, int, str]] = set()
    out = []
    for a, b, label in spans:
        quote = quotes.get(a) if label == "TARGET" and not in_review(review, label, a) else None
        if quote is not None and not QUOTE_THEN_VERB.match(text, a):
            taken.add(quote)
            a = quote[0]
        out.append((a, b, label))
    return [s for s in out if s not in taken]


# What a count-first TARGET is to do with its items, closing it (5个市级示范片区|创建任务, 6个产业强镇|创建): the GUIDELINES
# leave 创建 out of a target, and the task is no part of what is counted.
CREATION_AFTER_COUNT = re.compile(r"(?:创建|创建工作|创建任务)$")
COUNT_OPENING = re.compile(r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)[余多]?[万千百]?[个项家座条所处批场户片镇村]")


def _targets_without_creation(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET that opens on its count and closes on 创建 (任务) ends before it.

    >>> text = "完成5个市级示范片区创建任务，推进6个产业强镇创建"
    >>> [text[a:b] for a, b, _ in _targets_without_creation(text, [(2, 14, "TARGET"), (17, 25, "TARGET")])]
    ['5个市级示范片区', '6个产业强镇']
    """
    out = []
    for a, b, label in spans:
        count = COUNT_OPENING.match(text, a) if label == "TARGET" else None
        tail = CREATION_AFTER_COUNT.search(text, a, b) if count is not None else None
        if tail is not None and tail.start() - count.end() >= 2:
            b = tail.start()
        out.append((a, b, label))
    return out


# A manner and a verb before a target's metric, which only report doing (GUIDELINES, TARGET verbs): 高标准建设|智慧农业
# 示范基地100个 (review of city-潍坊-2024). Not 高标准 alone, which may name what is counted (高标准农田30万亩).
MANNER_AND_VERB = re.compile(r"(?:高标准|高水平|高质量|高起点)(?:建设|打造|推进|实施|建成|创建)")
MAX_CUT_COUNTED = 5  # 100个|乡村, 115个|产废企业物; not 77项|行政许可事项划转粤桂, a clause


def _targets_apart_from_what_they_do(text: str, spans: list[tuple[int, int, str]],
                                     review: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """A TARGET that opens on :data:`MANNER_AND_VERB` starts after it; one that opens on its count and is cut off
    right before a name (100个乡村|振兴示范片区: the segmenter's words split where the tagger's names meet) takes the
    name, which is what it counts, where at most MAX_CUT_COUNTED characters follow its count and not in the review
    part (``review``), where the figure is no target and the name stays (新设14个国家|自主创新示范区).

    >>> text = "高标准建设智慧农业示范基地100个，抓好100个乡村振兴示范片区建设"
    >>> [(text[a:b], label) for a, b, label in _targets_apart_from_what_they_do(
    ...     text, [(0, 17, "TARGET"), (20, 26, "TARGET"), (26, 32, "PROJECT")])]
    [('智慧农业示范基地100个', 'TARGET'), ('100个乡村振兴示范片区', 'TARGET')]
    """
    names = {a: (a, b, label) for a, b, label in spans if label in ("PROJECT", "PROGRAMME")}
    taken: set[tuple[int, int, str]] = set()
    out = []
    for a, b, label in spans:
        if label == "TARGET":
            manner = MANNER_AND_VERB.match(text, a, b)
            if manner is not None and b - manner.end() >= 4:
                a = manner.end()
            name = names.get(b)
            count = COUNT_OPENING.match(text, a)
            if (name is not None and count is not None and b - count.end() <= MAX_CUT_COUNTED
                    and "\u4e00" <= text[b - 1] <= "\u9fff" and "\u4e00" <= text[b] <= "\u9fff"
                    and not in_review(review, label, a)):
                taken.add(name)
                b = name[1]
        out.append((a, b, label))
    return [s for s in out if s not in taken]


# A list of business districts (泰华、谷德锦等商圈; 中街、太原街等9个核心商圈; 南京路、陆家嘴、徐家汇等世界级地标性商圈):
# each item names a part of the city, a PLACE, as the gold files mark every such item (人民广场, 高铁新区, 井冈山大学, 河东滨江;
# review of city-潍坊-2024). The districts' kind may have a few words before 商圈.
DISTRICT_LIST = re.compile(r"((?:[^\W\d_、，。；：]{2,8}、)+[^\W\d_、，。；：]{2,8})等(?:\d+个)?"
                           r"[^\W\d_、，。；：等]{0,6}?商圈")

# The ends of a street's or a road's name (内河街, 水晶巷, 红旗路, 临港大道), and of the sectors' names that end alike
# (铁路, 集成电路, 数字丝路); the kinds of road or street that name none (步行街, 旅游路; GUIDELINES: plain types are not
# entities), and 市场 after 马路 (马路市场: street stalls).
STREET_ENDINGS = ("路", "街", "巷", "大道")
SECTOR_ROAD_ENDINGS = ("铁路", "公路", "电路", "水路", "海路", "航路", "空路", "线路", "丝路", "网路", "思路", "出路", "道路",
                       "门路", "新路", "之路", "销路", "套路")
ROAD_KINDS = frozenset(("大道", "马路", "步行街", "康庄大道", "旅游路", "产业路", "资源路", "快速路", "断头路", "主干路",
                        "次干路", "支路", "特色街", "美食街", "商业街", "老街"))


def _streets_not_sectors(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A street or road the tagger read as an INDUSTRY is the works on it, a PROJECT (the gold files' 大学路, 临港大道,
    博爱路: roads built, mended or opened), or no name where it is only a kind of road (:data:`ROAD_KINDS`);
    :func:`_business_districts_as_places` then makes the streets of a list of business districts PLACEs
    (the gold's 中街, 太原街). Reviews of city-永州, 烟台, 北海, 随州-2024: 内河街, 水晶巷, 红旗路, 常德路, 文化二路.

    >>> text = "修缮正大街、内河街，改造城建路、水晶巷等传统街巷，抓好资源路、旅游路建设，整治马路市场，发展集成电路"
    >>> [(text[a:b], label) for a, b, label in _streets_not_sectors(text, [
    ...     (6, 9, "INDUSTRY"), (16, 19, "INDUSTRY"), (31, 34, "INDUSTRY"), (39, 41, "INDUSTRY"), (46, 50, "INDUSTRY")])]
    [('内河街', 'PROJECT'), ('水晶巷', 'PROJECT'), ('集成电路', 'INDUSTRY')]
    """
    out = []
    for a, b, label in spans:
        if label == "INDUSTRY" and text.endswith(STREET_ENDINGS, a, b) and not text.endswith(SECTOR_ROAD_ENDINGS, a, b):
            if text[a:b] in ROAD_KINDS or text.startswith("市场", b):
                continue
            label = "PROJECT"
        out.append((a, b, label))
    return out


def _business_districts_as_places(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The items of a :data:`DISTRICT_LIST` are PLACEs: a name tagged otherwise is relabelled, an item left untagged
    is added. The first item only where a tagged name ends at its 、 (its start is then known).

    >>> text = "推进泰华、谷德锦等商圈智慧化改造提升"
    >>> [(text[a:b], label) for a, b, label in _business_districts_as_places(text, [(5, 8, "INDUSTRY")])]
    [('谷德锦', 'PLACE')]
    """
    if "商圈" not in text:
        return spans
    by_span = {(a, b): label for a, b, label in spans}
    ends = {b: a for a, b, _ in spans}
    taken = _Overlaps(spans)
    changed = False
    for match in DISTRICT_LIST.finditer(text):
        items = _comma_pieces(text, *match.span(1))
        first_end = items[0][1]
        items[0] = (ends[first_end], first_end) if first_end in ends else (first_end, first_end)
        for a, b in items:
            if b - a < 2 or "商圈" in text[a:b] or "街区" in text[a:b]:
                continue
            if (a, b) in by_span:
                changed |= by_span[(a, b)] != "PLACE"
                by_span[(a, b)] = "PLACE"
            elif not taken(a, b):
                by_span[(a, b)], changed = "PLACE", True
    return sorted((a, b, label) for (a, b), label in by_span.items()) if changed else spans


def _zones_as_projects(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROGRAMME that ends on a zone category (:data:`ZONE_CATEGORIES`) and holds no line break is a PROJECT.

    >>> text = "深化QFLP全域试点、RCEP高水平开放合作示范区建设"
    >>> [(text[a:b], label) for a, b, label in _zones_as_projects(text, [(2, 10, "PROGRAMME"), (11, 25, "PROGRAMME")])]
    [('QFLP全域试点', 'PROGRAMME'), ('RCEP高水平开放合作示范区', 'PROJECT')]
    """
    return [(a, b, "PROJECT" if label == "PROGRAMME" and text.endswith(ZONE_CATEGORIES, a, b) and "\n" not in text[a:b]
             else label) for a, b, label in spans]


# A centre of science and technology that the state builds in a city or a region (武汉科技创新中心 of the local dev gold;
# 北京、上海、粤港澳大湾区国际科技创新中心 and 综合性国家科学中心 in the national reports of 2021-2025): a facility category
# named as a thing to build, so a PROJECT (GUIDELINES, PROJECT), named by the places before it, which share its head (GUIDELINES,
# Shared heads). Decided after the tagger, which reads the places and leaves the centre out or calls it a firm.
SCIENCE_CENTRE = re.compile(r"(?:国际|区域)?科技创新中心|(?:综合性)?国家科学中心")


def _science_centres_as_projects(text: str, spans: list[tuple[int, int, str]], is_place: Callable[[str], bool]
                                 ) -> list[tuple[int, int, str]]:
    """A :data:`SCIENCE_CENTRE` after the places that name it is one PROJECT from the first place (a list of places joined
    by 、 shares it); the spans it covers go (the nested places come back after the tagger). A span that already ends on
    the centre becomes a PROJECT where what it holds before the centre is a place's name. A centre named by no place
    (建设国际科技创新中心) is a type, no name, and stays as it is.

    >>> text = "加快北京、上海、粤港澳大湾区国际科技创新中心建设，支持武汉科技创新中心，建设区域科技创新中心"
    >>> spans = [(2, 4, "PLACE"), (5, 7, "PLACE"), (8, 14, "PLACE"), (27, 35, "ORG")]
    >>> [(text[a:b], label) for a, b, label in _science_centres_as_projects(text, spans, lambda n: n in ("武汉", "北京"))]
    [('北京、上海、粤港澳大湾区国际科技创新中心', 'PROJECT'), ('武汉科技创新中心', 'PROJECT')]
    """
    if "科技创新中心" not in text and "科学中心" not in text:
        return spans
    out = list(spans)
    for match in SCIENCE_CENTRE.finditer(text):
        covering = next((i for i, (a, b, _) in enumerate(out) if a < match.start() and b == match.end()), None)
        if covering is not None:
            a, b, _ = out[covering]
            if is_place(text[a:match.start()]):
                out[covering] = (a, b, "PROJECT")
            continue
        first = match.start()
        while (place := next(((a, b) for a, b, label in out if b == first and label == "PLACE"), None)) is not None:
            first = place[0]
            if first == 0 or text[first - 1] != "、":
                break
            first -= 1
        if text[first] == "、":
            first += 1
        if first == match.start():
            continue
        out = [span for span in out if span[1] <= first or span[0] >= match.end()]
        out.append((first, match.end(), "PROJECT"))
    return sorted(out)


# The state's key laboratories, a facility category (GUIDELINES, PROJECT: 国家实验室): both dev files annotate the
# category alone as a PROJECT (重组国家重点实验室体系 → 国家重点实验室, 推进全国重点实验室提质增效 → 全国重点实验室), and
# a field's laboratory with its field (工业控制技术全国重点实验室). Not a plain 重点实验室 (支持企业建设重点实验室: a type).
KEY_LABORATORY = re.compile(r"(?:国家|全国)重点实验室")
KEY_LABORATORY_FIELD_LABELS = ("INDUSTRY", "PROGRAMME", "ORG", "PROJECT")


def _key_laboratories_as_projects(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A :data:`KEY_LABORATORY` that no span holds is a PROJECT, with the field name the tagger found right before it
    (an INDUSTRY, PROGRAMME, ORG or PROJECT ending where it begins). A span that holds it whole stays (新增国家重点实验室3个:
    a TARGET), and a TARGET that opens inside it is its count and takes it whole (力争全国|重点实验室突破20家); another
    span that holds a part of it goes.

    >>> text = "重组国家重点实验室体系，推动工业控制技术全国重点实验室高水平建设，支持企业建设重点实验室，力争全国重点实验室突破20家"
    >>> spans = [(14, 20, "INDUSTRY"), (50, 60, "TARGET")]
    >>> [(text[a:b], label) for a, b, label in _key_laboratories_as_projects(text, spans)]
    [('国家重点实验室', 'PROJECT'), ('工业控制技术全国重点实验室', 'PROJECT'), ('全国重点实验室突破20家', 'TARGET')]
    """
    if "重点实验室" not in text:
        return spans
    out = list(spans)
    for match in KEY_LABORATORY.finditer(text):
        if any(a <= match.start() and match.end() <= b for a, b, _ in out):
            continue
        count = next((i for i, (a, b, label) in enumerate(out)
                      if label == "TARGET" and match.start() < a < match.end() < b), None)
        if count is not None:
            out[count] = (match.start(), out[count][1], "TARGET")
            continue
        first = next((a for a, b, label in out if b == match.start() and label in KEY_LABORATORY_FIELD_LABELS),
                     match.start())
        out = [span for span in out if span[1] <= first or span[0] >= match.end()]
        out.append((first, match.end(), "PROJECT"))
    return sorted(out)


INSTITUTION_ENDINGS = ("大学", "学院", "中学", "小学", "研究院")


def _institutions_not_places(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PLACE that ends on a school or an institute is an institution, an ORG (GUIDELINES, ORG: an institution named
    as an actor): the gazetteer's city or mountain the tagger ran on into 南通大学, 井冈山大学, 四川文理学院 (a review of
    city-南通-2024). A school being built is a PROJECT, which :func:`_schools_being_built` decides after this.

    >>> text = "与东南大学、南通大学签订战略合作协议"
    >>> [(text[a:b], label) for a, b, label in _institutions_not_places(text, [(1, 5, "ORG"), (6, 10, "PLACE")])]
    [('东南大学', 'ORG'), ('南通大学', 'ORG')]
    """
    return [(a, b, "ORG" if label == "PLACE" and text.endswith(INSTITUTION_ENDINGS, a, b) else label)
            for a, b, label in spans]


def _with_chief_systems(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A :data:`CHIEF_SYSTEM` that no name overlaps is a PROGRAMME, and one the tagger read as a project or a firm is
    one too.

    >>> _with_chief_systems("全面推行河长制湖长制林长制", [(4, 13, "PROGRAMME")])
    [(4, 7, 'PROGRAMME'), (7, 10, 'PROGRAMME'), (10, 13, 'PROGRAMME')]
    >>> text = "严格落实河湖长制、林长制，深入推进河（湖）长制，推动产业链链长制"
    >>> [(text[a:b], label) for a, b, label in _with_chief_systems(text, [(17, 23, "PROJECT"), (26, 32, "PROGRAMME")])]
    [('河湖长制', 'PROGRAMME'), ('林长制', 'PROGRAMME'), ('河（湖）长制', 'PROGRAMME'), ('产业链链长制', 'PROGRAMME')]
    """
    out = []
    for a, b, label in spans:
        systems = list(CHIEF_SYSTEM.finditer(text, a, b))
        if len(systems) >= 2 and systems[0].start() == a and systems[-1].end() == b \
                and all(x.end() == y.start() for x, y in itertools.pairwise(systems)):
            out += [(m.start(), m.end(), "PROGRAMME") for m in systems]  # 河长制|湖长制|林长制: each its own
        else:
            out.append((a, b, "PROGRAMME" if label in ("PROJECT", "ORG") and CHIEF_SYSTEM.fullmatch(text, a, b) else label))
    found = [(m.start(), m.end(), "PROGRAMME") for m in CHIEF_SYSTEM.finditer(text)
             if not any(m.start() < b and a < m.end() for a, b, _ in out)]
    return sorted([*out, *found]) if found else out


# Rules named by their count and who laid them down (严格落实|中央八项规定|及其实施细则精神, 党中央八项规定): a named policy
# (GUIDELINES, PROGRAMME); reviews of cn-gwr-2015, cn-gwr-2018 and cn-gwr-2019 found it missed, and the corpora print 175
# of them, none read. The body inside is no ORG of its own (names inside PROGRAMMEs are not annotated).
COUNTED_RULES = re.compile(r"(?:党中央|中央)?[一二三四五六七八九十]项规定")


# A quoted name of what the clause fights or forbids is no programme (坚决遏制|“两高一低”项目, 严肃查处假脱贫、|“被脱贫”,
# 决不能|“新官不理旧账”, 坚决打击|“诱导办卡”“存费跑路”, 不搞劳民伤财的|“形象工程”: GUIDELINES, a PROGRAMME is what the
# government launches; reviews of cn-gwr-2016, cn-gwr-2018, city-凉山-2024, city-毕节-2024). Only a bare quote, right
# after the verb or after other items of its list, that names no kind of programme and no count (“三大行动”, “十大提升
# 工程”, “九二共识” after 认同 stay).
FORBIDDING = re.compile("打击|惩治|严惩|严打|查处|取缔|整治|纠治|遏制|破除|抵制|反对|防止|杜绝|不搞|决不能|严禁|禁止|克服|力戒|纠正")
FORBIDDEN_GAP = re.compile(r"(?:坚决|依法|严肃|严厉|出现|搞|[^\W\d_，。；：！？]{0,8}?的|[\u4e00-\u9fff“”]{0,12}?[、和及与]|“[^”]{1,12}”)*")
NAMED_KIND = re.compile(r"行动|活动|计划|改革|战略|共识|机制|制度|试点|[一二两三四五六七八九十百千\d]+[大项条个]")
FORBIDDEN_REACH = 30


def _without_forbidden_quotes(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """See ``FORBIDDING``: the PROGRAMMEs that are such quotes go.

    >>> text = "坚决遏制“两高一低”项目盲目上马，决不能“新官不理旧账”，开展“三大行动”，反对“台独”、认同“九二共识”"
    >>> [text[a:b] for a, b, _ in _without_forbidden_quotes(text, [(4, 10, "PROGRAMME"), (20, 28, "PROGRAMME"),
    ...                                                             (31, 37, "PROGRAMME"), (47, 53, "PROGRAMME")])]
    ['“三大行动”', '“九二共识”']
    """
    out = []
    for start, end, label in spans:
        if label == "PROGRAMME" and text.startswith("“", start) and text.endswith("”", start, end) \
                and text.count("“", start, end) == 1 and not NAMED_KIND.search(text, start, end):
            clause = _clause_opening(text, SUPPRESSING_CLAUSE, start, FORBIDDEN_REACH)
            verbs = list(FORBIDDING.finditer(text, clause, start))
            if verbs and FORBIDDEN_GAP.fullmatch(text, verbs[-1].end(), start):
                continue
        out.append((start, end, label))
    return out


def _with_counted_rules(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Each ``COUNTED_RULES`` is a PROGRAMME where no name but an ORG inside it overlaps it.

    >>> text = "严格落实中央八项规定及其实施细则精神，坚决贯彻落实党中央八项规定"
    >>> [text[a:b] for a, b, _ in _with_counted_rules(text, [(25, 28, "ORG")])]
    ['中央八项规定', '党中央八项规定']
    """
    if "项规定" not in text:
        return spans
    out = list(spans)
    for match in COUNTED_RULES.finditer(text):
        start, end = match.span()
        overlapping = [s for s in out if s[0] < end and start < s[1]]
        if all(s[2] == "ORG" and start <= s[0] and s[1] <= end for s in overlapping):
            out = [s for s in out if s not in overlapping] + [(start, end, "PROGRAMME")]
    return sorted(out) if out != spans else spans


def _with_counted_campaigns(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A :data:`COUNTED_CAMPAIGN`, :data:`MASS_CAMPAIGN` or :data:`FIGHT_CAMPAIGN` that no name overlaps is a PROGRAMME.

    >>> text = "深入实施规划共绘、交通共联等七大工程，推进二十八个水利工程，开展六个攻坚。深入开展爱国卫生运动。"
    >>> _with_counted_campaigns(text, [])
    [(14, 18, 'PROGRAMME'), (32, 36, 'PROGRAMME'), (41, 47, 'PROGRAMME')]
    """
    found = [(m.start(), m.end(), "PROGRAMME")
             for m in (*COUNTED_CAMPAIGN.finditer(text), *_after_words(CAMPAIGN_VERBS, MASS_CAMPAIGN, text))
             if not any(m.start() < b and a < m.end() for a, b, _ in spans)
             and not any(word in m.group() for word in SPORT_WORDS)]
    if "斗争" in text:
        found += [(*m.span("name"), "PROGRAMME") for m in _after_words(CAMPAIGN_VERBS, FIGHT_CAMPAIGN, text)
                  if not any(m.start("name") < b and a < m.end("name") for a, b, _ in spans)]
    return sorted([*spans, *found]) if found else spans


# A list of companies closed by the kind of firm it names (上汽大众、广汽、陕汽等汽车制造企业, 万润新能、鑫资集团等企业):
# every item is an ORG where one of them is, as the gold files read such lists (蒂德精密、镐成永生等骨干企业); not a
# list of fields (文化旅游、国际贸易等领域的头部企业; 钣金件、铸造件等配套企业).
# A count of the firms may stand after 等 (宝龙药业等8家企业, 鸿星尔克、安踏安鑫等4个“五百万双级”龙头鞋纺企业); then, or
# where no item of the list is a sector, its items that the tagger read as projects are the firms too (review of
# city-资阳-2024: 联友、乾源等纺织企业; 徐工机械, 荣程钢铁, 开特股份 … in the corpus), but for a facility (红树林现代金融
# 产业城) and a cluster the firms belong to (京山智能轻工装备等5个集群入选国家级中小企业…).
COMPANY_LIST_CLOSE = re.compile(r"等(?P<count>(?:[0-9]+|[一二三四五六七八九十]+)[余多]?[家户个])?(?:一批)?"
                                r"[\u4e00-\u9fff“”0-9]{0,12}?(?:企业|公司|集团)(?![所家])")
NOT_COMPANY_LIST = re.compile(r"领域|行业|产业|配套|服务|类|集群|入选|项目")
ZONE_ENDINGS = ("园区", "园", "基地", "中心")  # a list of parks whose firms are meant (…产业园、绿色化工园区等上下游企业)


def _companies_listed(text: str, spans: list[tuple[int, int, str]], sectors: Collection[str] = (),
                      facilities: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """The PROJECT and INDUSTRY items of a 、-list closed by :data:`COMPANY_LIST_CLOSE` that holds a tagged ORG (and no
    more INDUSTRYs than ORGs: 规划设计、检验检测、印刷包装等企业 lists fields) are ORGs too, but for a sector the industry lexicon names (检验检测) and a project named by a facility's head
    (红树林现代金融产业城).

    >>> text = "支持上汽大众、广汽、陕汽等汽车制造企业；引进钣金件、铸造件等配套企业"
    >>> _companies_listed(text, [(2, 6, "INDUSTRY"), (7, 9, "ORG"), (10, 12, "PROJECT"), (25, 28, "INDUSTRY"),
    ...                          (29, 32, "INDUSTRY")])
    [(2, 6, 'ORG'), (7, 9, 'ORG'), (10, 12, 'ORG'), (25, 28, 'INDUSTRY'), (29, 32, 'INDUSTRY')]

    A list with no sector in it is of firms, also when no item was read as one (``COMPANY_LIST_CLOSE``):

    >>> text = "推动联友、乾源等纺织企业满产，苹果、徐工机械等8家世界500强企业，红树林产业城、化工园区等企业"
    >>> _companies_listed(text, [(5, 7, "PROJECT"), (15, 17, "ORG"), (18, 22, "PROJECT"), (34, 40, "PROJECT"),
    ...                          (41, 45, "PROJECT")], facilities=("产业城",))
    [(5, 7, 'ORG'), (15, 17, 'ORG'), (18, 22, 'ORG'), (34, 40, 'PROJECT'), (41, 45, 'PROJECT')]
    """
    out = list(spans)
    for index, (_, end, _) in enumerate(spans):
        close = COMPANY_LIST_CLOSE.match(text, end)
        if close is None or NOT_COMPANY_LIST.search(text, close.start(), close.end()):
            continue
        chain = [index]
        while chain[0] > 0 and text[spans[chain[0] - 1][1]:spans[chain[0]][0]] == "、":
            chain.insert(0, chain[0] - 1)
        labels = [spans[i][2] for i in chain]
        if (len(chain) >= 2 and "ORG" in labels and labels.count("ORG") >= labels.count("INDUSTRY")) \
                or ("INDUSTRY" not in labels and not any(text.endswith((*facilities, *ZONE_ENDINGS), spans[i][0],
                                                                       spans[i][1]) for i in chain)):
            for i in chain:
                a, b, item_label = spans[i]
                if item_label in ("PROJECT", "INDUSTRY") and text[a:b] not in sectors \
                        and not (item_label == "PROJECT" and text[a:b].endswith(facilities)):
                    out[i] = (a, b, "ORG")
    return out


LISTED_COMPANY_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,8}")
LEVEL_PREFIXES = ("省", "市")
LIST_MARKS = ("、", "，", "；", "：")


# A list of bodies closed by the class of mass organisations (支持工会、共青团、妇联等群团组织更好发挥作用, 发挥工会、共青团和
# 妇联等人民团体的作用): institutions named as actors, ORGs (GUIDELINES; the gold files mark such bodies: 党中央, 国务院,
# 全国人大; reviews of cn-gwr-2016, cn-gwr-2017). The first item is the word before the first join, the others what
# stands between the joins: 、 and, after the first 、, a 和 that is a word of its own (社科联和科协; not 重视和支持|工会、…).
MASS_BODY_CLASS = re.compile("等(?:群团组织|人民团体|群众团体)")
MASS_BODY_LIST = re.compile(r"((?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fff]{2,6})$")  # searched up to the class
MASS_BODY_REACH = 120  # how far before the class the list is looked for (scanning whole texts cost 50 ms a corpus)


def _with_mass_organisations(text: str, spans: list[tuple[int, int, str]], tokens: Tokens
                             ) -> list[tuple[int, int, str]]:
    """See ``MASS_BODY_CLASS`` and ``MASS_BODY_LIST``: each item no span overlaps is an ORG.

    >>> text = "支持工会、共青团、妇联等群团组织更好发挥作用"
    >>> tokens = Tokens([0, 2, 4, 5, 8, 9, 11], [2, 4, 5, 8, 9, 11, 12], ["v", "n", "x", "n", "x", "j", "u"])
    >>> [text[a:b] for a, b, _ in _with_mass_organisations(text, [], tokens)]
    ['工会', '共青团', '妇联']
    """
    if "群团组织" not in text and "人民团体" not in text and "群众团体" not in text:
        return spans
    taken = _Overlaps(spans)
    added = []

    def joins_from(match: re.Match) -> int:
        """Where a 和 of the list may be: after its first 、 (重视和支持|工会、…: before it, 和 joins verbs)."""
        return text.index("、", match.start(1))

    for close in MASS_BODY_CLASS.finditer(text):
        match = MASS_BODY_LIST.search(text, max(0, close.start() - MASS_BODY_REACH), close.start())
        if match is None:
            continue
        joins = [i for i in range(match.start(1), match.end(1)) if text[i] == "、"
                 or text[i] == "和" and i > joins_from(match) and _token_at(tokens.starts, i) is not None
                 and _token_at(tokens.ends, i + 1) is not None]
        first = _token_at(tokens.ends, joins[0])
        if first is None or tokens[first][0] < match.start(1):
            continue
        bounds = [tokens[first][0], *joins, match.end(1)]
        items = [(bounds[0], joins[0])] + [(a + 1, b) for a, b in itertools.pairwise(bounds[1:])]
        added += [(a, b, "ORG") for a, b in items if 2 <= b - a <= 6 and not taken(a, b)]
    return sorted([*spans, *added]) if added else spans


def _unread_companies_listed(text: str, spans: list[tuple[int, int, str]], tokens: Tokens,
                             sectors: Collection[str] = ()) -> list[tuple[int, int, str]]:
    """The items the tagger did not read before a tagged ORG that closes a list of companies (:data:`COMPANY_LIST_CLOSE`,
    as :func:`_companies_listed` reads it) are ORGs too: 支持|隆基、晶科等组件企业 → 隆基 (the gold's 万润新能、鑫资集团等企业:
    both). Each is the words before its 、 that the dictionary does not know or knows as names (:data:`PROPER_TAGS`: not
    支持, 推动, 充分发挥); a sector of the lexicon or an item read as something else ends the list.

    >>> text = "支持隆基、晶科等组件企业"
    >>> _unread_companies_listed(text, [(5, 7, "ORG")], Tokens([0, 2, 4, 5, 7, 8, 10], [2, 4, 5, 7, 8, 10, 12],
    ...                                                         ["v", None, None, None, "u", "n", "n"]))
    [(2, 4, 'ORG'), (5, 7, 'ORG')]
    """
    out = list(spans)
    starts, ends = _token_starts(tokens), _token_ends(tokens)
    for start, end, label in spans:
        close = COMPANY_LIST_CLOSE.match(text, end) if label == "ORG" else None
        if close is None or NOT_COMPANY_LIST.search(text, close.start(), close.end()):
            continue
        position = start
        while text[position - 1:position] == "、":
            item_end = index_end = position - 1
            index = bisect.bisect_left(ends, item_end)
            while (0 <= index < len(tokens) and ends[index] == index_end and tokens[index][2] in PROPER_TAGS
                   and LISTED_COMPANY_NAME.fullmatch(text, starts[index], item_end)):
                index_end, index = starts[index], index - 1
            if text[index_end - 1:index_end] in LEVEL_PREFIXES and text[index_end - 2:index_end - 1] in LIST_MARKS:
                index_end -= 1  # 省联投、省|交投、省文旅集团: the province's company
            name = text[index_end:item_end]
            overlapping = [(a, b, label) for a, b, label in out if a < item_end and index_end < b]
            if overlapping == [(index_end, item_end, "ORG")]:
                position = index_end  # 发挥魏桥、京博、滨化等链主企业: 京博 read, 魏桥 before it
                continue
            if not LISTED_COMPANY_NAME.fullmatch(name) or name in sectors or overlapping:
                break
            out.append((index_end, item_end, "ORG"))
            position = index_end
    return sorted(out)


def _names_without_outcomes(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROGRAMME or PROJECT that closes on what became of it (:data:`OUTCOME_TAIL`) ends before it, where at least
    :data:`MIN_NAME_BEFORE_OUTCOME` characters are left; so does a PROJECT at what it drives (:data:`DRIVES`).

    >>> text = "“四事四权”工作法全面推广，“万企兴万村”行动成效显著，“深圳蓝”可持续行动，“长寿巴马”品牌效应"
    >>> _names_without_outcomes(text, [(0, 13, "PROGRAMME"), (14, 27, "PROGRAMME"), (28, 38, "PROGRAMME"),
    ...                                (39, 49, "PROGRAMME")])
    [(0, 9, 'PROGRAMME'), (14, 23, 'PROGRAMME'), (28, 38, 'PROGRAMME'), (39, 47, 'PROGRAMME')]
    >>> text = "以推进土山机场搬迁带动南部片区空间整合，实施项目带动战略"
    >>> [text[a:b] for a, b, _ in _names_without_outcomes(text, [(3, 15, "PROJECT"), (22, 28, "PROGRAMME")])]
    ['土山机场搬迁', '项目带动战略']
    """
    out = []
    for start, end, label in spans:
        if label in ("PROGRAMME", "PROJECT") and (tail := OUTCOME_TAIL.search(text, start, end)) is not None \
                and tail.start() - start >= MIN_NAME_BEFORE_OUTCOME \
                and not STRONG_PROGRAMME_HEAD.search(tail.group()):  # 国务院机构进一步改革: the name's own head
            end = tail.start()
        if label == "PROJECT" and (driven := text.find(DRIVES, start, end)) - start >= MIN_NAME_BEFORE_OUTCOME:
            end = driven  # 土山机场搬迁|带动南部片区: what a project drives is not its name
        out.append((start, end, label))
    return out


def _with_counting_verbs(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET right after a verb that defines what it counts opens on that verb, with the 新 before it (开工建设|城市
    地下综合管廊2000公里以上, 新引进|玉商回归项目20个以上); a TARGET that opens on one already stays."""
    out = []
    taken = {b for _, b, _ in spans}
    for a, b, label in spans:
        if label == "TARGET" and not text.startswith(TARGET_VERBS, a) and not text.startswith("新", a) and a not in taken:
            verb = next((v for v in TARGET_VERBS if text.endswith(v, 0, a)), None)
            if verb is not None:
                a -= len(verb) + (text[a - len(verb) - 1:a - len(verb)] == "新")
        out.append((a, b, label))
    return out


# What runs on after the figure when it names the metric: name characters, no figure, to the clause's end.
METRIC_AFTER = re.compile(r"[\u4e00-\u9fff]{2,20}(?=[，。；！？\n])")
# Words after a figure that end a TARGET rather than name its metric (10个项目|建设, 62个重点项目|建设).
NOT_METRIC = ("建设", "工作", "等", "和", "及", "以上", "左右", "项目")


# A single facility the government builds, named without a proper name (开工建设新市民中心, 确保档案馆新馆建成投用,
# 完成儿童公园升级改造): GUIDELINES, PROJECT. The verb, the facility (its upgrade kept), what follows it.
BUILT_FACILITY = re.compile(
    r"(?:开工建设|规划建设|新建|完成|确保|推进|加快|启动)"
    r"(?P<name>[\u4e00-\u9fff]{1,8}?(?:中心|新馆|馆|公园|园博园|植物园|动物园|中学|小学|医院|剧院|体育场|广场)"
    r"(?:升级改造|改扩建|迁建|扩建)?)(?=建设|建成|改造|，|。|；|、|等)")
NOT_IN_FACILITY = re.compile("[和及与的等]|建设|一批|一座|一个|各类|一流|性|中小学|次中心|副中心|新中心")
# Openings of a class of facilities (区域医疗中心, 县域医疗次中心, 口袋公园, 体育公园), or of a verb.
CLASS_OF_FACILITIES = re.compile("区域|县域|市域|省域|乡镇|国际|城市|新时代|省级|国家级|市级|县级|口袋|体育公园|"
                                 "推进|推动|创建|打造|建设|加快|实施|提升")


def _with_built_facilities(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A single facility named right after the verb that builds it is a PROJECT where the tagger found no name
    there (新市民中心, 档案馆新馆, 白洋中学; a place inside it stays: 白洋); not a class of facilities (一批…园区,
    全国性…中心) nor two joined by 和."""
    added = []
    for match in BUILT_FACILITY.finditer(text):
        start, end = match.span("name")
        if NOT_IN_FACILITY.search(match["name"]) or CLASS_OF_FACILITIES.match(match["name"]):
            continue
        if any(a < end and start < b and not (label in ("PLACE", "ORG") and start <= a and b <= end)
               for a, b, label in spans):
            continue
        added.append((start, end, "PROJECT"))
    return sorted([*spans, *added]) if added else spans


# The works a project names after the facility (GUIDELINES, PROJECT: route segments and upgrades are part of the
# name, 沪渝高速宜昌段改扩建; gold: 动物园迁建, 九山环境综合整治, 衡柳铁路提质改造): an irrigation district's
# completion (兴隆灌区|续建配套与节水改造), a river's regulation (东荆河河道潜江段|综合整治), a move or an extension,
# where the clause or the list item ends after them (reviews of city-潜江-2024 and city-资阳-2024). Not the growth of a
# zone (莫干山高新区|扩容提质: gold leaves it out), nor works a pilot or a programme names (…沉陷区综合治理|试点).
PROJECT_WORKS = re.compile(r"(?:续建配套(?:与[\u4e00-\u9fff]{2,4}改造)?|综合整治|综合治理|改扩建|扩建|迁建)"
                           r"(?:工程|项目)?(?=[，。；、等和]|项目建设|建设)")


def _projects_with_works(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROJECT that the tagger closed before the works it names (``PROJECT_WORKS``) runs on over them.

    >>> text = "加快兴隆灌区续建配套与节水改造、东荆河河道潜江段综合整治，推动莫干山高新区扩容提质。"
    >>> [text[a:b] for a, b, _ in _projects_with_works(text, [(2, 6, "PROJECT"), (16, 24, "PROJECT"), (31, 37, "PROJECT")])]
    ['兴隆灌区续建配套与节水改造', '东荆河河道潜江段综合整治', '莫干山高新区']
    """
    out = []
    for index, (start, end, label) in enumerate(spans):
        works = PROJECT_WORKS.match(text, end) if label == "PROJECT" else None
        following = spans[index + 1][0] if index + 1 < len(spans) else len(text)
        if works and works.end() <= following:
            end = works.end()
        out.append((start, end, label))
    return out


# What a clause ends on after a verb that promotes it: 支持发展创业投资。 大力发展会展经济，
PROMOTED_SECTOR = re.compile(r"(?:支持|大力|积极|加快)发展(?P<name>[\u4e00-\u9fff]{2,6})(?=[。，；])")
# Endings of a sector's name (会展经济, 创业投资, 节水农业, 旅游业, 多式联运), not of a scope (县域经济, 开放型经济).
SECTOR_ENDINGS = ("经济", "投资", "农业", "工业", "服务业", "旅游业", "制造业", "物流", "联运", "能源")
NOT_SECTOR_ENDINGS = ("域经济", "型经济", "的经济")


# What a sector's word names when a word of kind follows it (生物|多样性: the variety of living things, which the
# segmenter splits off): a property of nature, no sector.
PROPERTY_AFTER_SECTOR = "多样性"


# A list of what flows through a place (人流、物流、资金流、信息流): its 物流 is goods moving, not the logistics sector;
# a list of logistics trades (冷链物流、快递物流、电商物流) holds no flow of people, money or data.
FLOW_LIST = re.compile(r"[\u4e00-\u9fff]{1,3}流(?:、[\u4e00-\u9fff]{1,3}流)+")
NON_SECTOR_FLOW = re.compile("人流|客流|资金流|信息流|数据流|商流|技术流|消费流")


def _without_flows(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An INDUSTRY inside a list of flows (:data:`FLOW_LIST` holding a :data:`NON_SECTOR_FLOW`) is no sector.

    >>> text = "促进人流、物流、资金流、信息流对接，发展冷链物流、快递物流、电商物流"
    >>> _without_flows(text, [(5, 7, "INDUSTRY"), (8, 11, "INDUSTRY"), (20, 24, "INDUSTRY")])
    [(20, 24, 'INDUSTRY')]
    """
    flows = [(m.start(), m.end()) for m in FLOW_LIST.finditer(text) if NON_SECTOR_FLOW.search(m.group())]
    if not flows:
        return spans
    return [(start, end, label) for start, end, label in spans
            if not (label == "INDUSTRY" and any(a <= start and end <= b for a, b in flows))]


# What a list of costs to cut closes on (降低企业交易、物流、财务、用能等成本; 用电、用气、用热、物流等生产成本: the gold's cn-train
# marks no sector there; GUIDELINES: a sector the sentence promotes): after it, a sector's word names a cost, not a sector.
LIST_REST = r"(?:、[\u4e00-\u9fff]{1,6})*(?:[和及][\u4e00-\u9fff]{1,6})?等?"  # the items after one, to the list's 等
COST_AFTER = re.compile(LIST_REST + r"[\u4e00-\u9fff]{0,4}?成本")
# … and what a list of trades whose capacity is cut closes on (重点抓好钢铁、煤炭等困难行业去产能, 纺织、冶金、煤炭等行业淘汰落后: the
# text cuts them, it does not promote them; reviews of cn-gwr-2016, cn-gwr-2018).
CUT_AFTER = re.compile(LIST_REST + r"[\u4e00-\u9fff]{0,4}?(?:行业|产业)[\u4e00-\u9fff]{0,5}?(?:去产能|化解过剩产能|淘汰落后)")
# … and what a list of trades or fields whose energy use or pollution is cut or cleaned up closes on (推进钢铁、化工、
# 造纸、水泥行业节能降碳, 完成烧结砖、废塑料加工等5个行业整治提升: reviews of city-衢州-2024, city-益阳-2024; the gold
# files leave such lists unmarked: 突出抓好工业、交通、建筑三大领域节能, 落实电机、锅炉…等方面的节能).
SAVED_AFTER = re.compile(LIST_REST + r"(?:[两三四五六七八九十]大|\d{1,2}个)?(?:重点|高耗能)?(?:行业|领域|方面的)?"
                         r"(?:节能降碳|节能减排|节能|降碳|减排|超低排放|整治提升|整治)"
                         r"(?![、和及与环保建筑产业技术装备服务材料量])")  # not a sector (节能环保) nor another item

# … and the risks or the regulation of what it lists (化解房地产、地方债务、金融等领域风险, 加强房地产市场调控, 防范金融风险:
# reviews of cn-gwr-2013, city-哈尔滨-2024; the gold files mark no sector before 风险 or 调控: 防范金融风险, 改善金融调控).
RISK_AFTER = re.compile(r"(?:市场)?(?:风险|调控|隐患|泡沫)(?!投资|管理|补偿|评估|分担|分散|保障|基金)"  # right after it
                        r"|(?:、[\u4e00-\u9fff]{1,6})*(?:[和及][\u4e00-\u9fff]{1,6})?等(?:重点)?(?:领域|行业)?(?:风险|隐患)")
# … and a list of what the text uses as a tool (利用5G、元宇宙、人工智能等新技术, 运用互联网等信息化手段, 推广运用数字人、虚拟
# 现实等技术: reviews of cn-gwr-2018, city-合肥-2024): the verb of using, the items, and a technique or a means.
TOOL_VERB = re.compile(r"(?:运用|利用|借助|采用|(?<![使利运应采作费信享])用)(?:[\u4e00-\u9fffA-Za-z0-9]{1,8}[、和])*$")
TOOL_AFTER = re.compile(LIST_REST + r"[\u4e00-\u9fff]{0,4}?(?:技术|手段|思维)(?![产企])")
TOOL_REACH = 30  # how far before the name the verb of using is looked for

def _sectors_neither_costs_nor_cut(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An INDUSTRY that a list of costs holds (:data:`COST_AFTER`), or a list of trades whose capacity is cut
    (:data:`CUT_AFTER`) or whose energy use or pollution is (:data:`SAVED_AFTER`), a list of what the text guards
    against or regulates (:data:`RISK_AFTER`), or a list of tools the text uses (:func:`_used_as_a_tool`), is no sector
    (reviews of cn-gwr-2013, cn-gwr-2016, cn-gwr-2018, city-衢州-2024, city-益阳-2024, city-合肥-2024, city-哈尔滨-2024).

    >>> text = "降低企业交易、物流、财务、用能等成本，发展现代物流；抓好钢铁、煤炭等困难行业去产能"
    >>> _sectors_neither_costs_nor_cut(text, [(7, 9, "INDUSTRY"), (21, 25, "INDUSTRY"), (28, 30, "INDUSTRY"), (31, 33, "INDUSTRY")])
    [(21, 25, 'INDUSTRY')]
    """
    return [(start, end, label) for start, end, label in spans
            if not (label == "INDUSTRY" and (any(after.match(text, end) for after in (COST_AFTER, CUT_AFTER, SAVED_AFTER, RISK_AFTER))
                                             or _used_as_a_tool(text, start, end)))]


def _used_as_a_tool(text: str, start: int, end: int) -> bool:
    """Is the name at ``start``–``end`` an item of a list that its clause uses as a tool (:data:`TOOL_VERB`,
    :data:`TOOL_AFTER`)?"""
    return TOOL_VERB.search(text, max(0, start - TOOL_REACH), start) is not None and TOOL_AFTER.match(text, end) is not None


def _sectors_not_properties(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An INDUSTRY right before :data:`PROPERTY_AFTER_SECTOR` is no sector.

    >>> _sectors_not_properties("加强生物多样性保护，发展生物医药", [(2, 4, "INDUSTRY"), (12, 16, "INDUSTRY")])
    [(12, 16, 'INDUSTRY')]
    """
    return [(start, end, label) for start, end, label in spans
            if not (label == "INDUSTRY" and text.startswith(PROPERTY_AFTER_SECTOR, end))]


def _with_promoted_sectors(text: str, spans: list[tuple[int, int, str]], generic: Collection[str] = ()
                           ) -> list[tuple[int, int, str]]:
    """The few words a clause ends on after 支持/大力/积极/加快发展 are an industry where the tagger found no name
    (支持发展创业投资; GUIDELINES: a sector the sentence promotes), when they end like a sector's name: 10 of
    the 11 such phrases on the gold files are marked so, and all that end so."""
    added = []
    for match in PROMOTED_SECTOR.finditer(text):
        start, end = match.span("name")
        name = match["name"]
        if (name in generic or not name.endswith(SECTOR_ENDINGS) or name.endswith(NOT_SECTOR_ENDINGS)
                or "的" in name or "了" in name or any(a < end and start < b for a, b, _ in spans)):
            continue
        added.append((start, end, "INDUSTRY"))
    return sorted([*spans, *added]) if added else spans


# A change in per cent with no metric of its own (增长10%以上).
BARE_GROWTH = re.compile(r"(?:增长|提高|下降|增加)[0-9０-９][0-9０-９.]*[%％](?:以上|左右)?")
# The growth a clause of its own gives an amount (科技投入1461亿元，增长25.6%): all three such in the gold files are
# one TARGET with the amount, national (cn-train, the first probe) and local (完成投资850亿元、增长10%以上).
GROWTH_CLAUSE = re.compile(rf"，({BARE_GROWTH.pattern})(?=[，。；\n]|$)")
AMOUNT_END = re.compile(r"[0-9０-９][万亿千百]?[元吨]$")


def _with_bare_growth(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A bare percentage right after a TARGET and 、 is that target's growth, one TARGET with it (GUIDELINES,
    Boundaries: 完成投资850亿元、增长10%以上 is one); so is a clause of growth alone after a TARGET ending on an amount
    (:data:`GROWTH_CLAUSE`), whether read as a TARGET or not.

    >>> text = "投资850亿元、增长10%以上，科技投入1461亿元，增长25.6%。收入18055元，增长12.8%，其中"
    >>> [text[a:b] for a, b, _ in _with_bare_growth(text, [(0, 7, "TARGET"), (8, 15, "TARGET"), (16, 26, "TARGET"),
    ...                                                   (35, 43, "TARGET")])]
    ['投资850亿元、增长10%以上', '科技投入1461亿元，增长25.6%', '收入18055元，增长12.8%']
    """
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if (label == "TARGET" and out and out[-1][2] == "TARGET" and text[out[-1][1]:start] in ("、", "，")
                and BARE_GROWTH.fullmatch(text, start, end)
                and (text[out[-1][1]] == "、" or AMOUNT_END.search(text, out[-1][0], out[-1][1]))):
            out[-1] = (out[-1][0], end, "TARGET")
            continue
        out.append((start, end, label))
    taken = _Overlaps(out)
    for index, (start, end, label) in enumerate(out):
        if label == "TARGET" and (growth := GROWTH_CLAUSE.match(text, end)) and AMOUNT_END.search(text, start, end) \
                and not taken(end, growth.end()):
            out[index] = (start, growth.end(), label)
    return out


# A change against the year before (比上年增加1.6万亿元, 较上年提高2.4个百分点): the gold files mark the planned
# figure before it (长期建设国债800亿元), never the comparison (比上年减少300亿元).
COMPARISON = re.compile(r"(?:比|较)(?:上年|去年|上一年)(?:末|同期|预算)?(?:实际)?(?:分别)?净?"
                        r"(?:增加|减少|增长|下降|提高|降低|增|多|少)了?")
_FIGURE_OPENING = re.compile(r"[0-9０-９一二两三四五六七八九十百千万]")


def _without_comparisons(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """TARGETs that are a change against the year before, not a target: one that opens on the comparison
    (比上年增加36个) or a figure right after it (比上年增加|1.6万亿元)."""
    out = []
    for start, end, label in spans:
        if label == "TARGET" and (COMPARISON.match(text, start, end) or (
                _FIGURE_OPENING.match(text, start, end)
                and any(m.end() == start for m in COMPARISON.finditer(text, max(0, start - 12), start)))):
            continue
        out.append((start, end, label))
    return out


# A name opening on a sum of money (1800亿元引导基金, 500亿元设立…基金): the gold files mark a TARGET.
SUM_FIRST = re.compile(r"[0-9０-９][0-9０-９.]*(?:万|亿)?元")
DIGIT = re.compile(r"[0-9０-９]")


# a name that opens on a count in figures: so many of a kind (the gold files mark 161 such TARGETs and no
# other name; a count in words may be a programme's own name: 四个现代化, 三个“一号工程”)
COUNT_FIRST = re.compile(r"\d+[余多]?[个项家座条所批处]")
COUNTABLE = frozenset({"PROJECT", "PROGRAMME", "INDUSTRY", "ORG", "PLACE"})


# A count or an amount in figures that ends a name (“共富驿站”620个, 山海协作产业合作项目258个, “桂惠贷”245.8亿元):
# not 条, the articles of a policy package (民营经济40条, 优化营商环境20条: a gold PROGRAMME).
COUNT_LAST = re.compile(r"[0-9０-９][0-9０-９.．]*[万亿千]?(?:个|人次|人|公里|批次|次|家|项|户|场|所|座|处|亩|万元|亿元|元|吨|套|名"
                        r"|件|米|平方米)(?:以上|左右)?$")


# A figure that a metric reaches or grows by, ending a name: 有效治理率达79.9%, 出口额增长11%, 年过货量突破2.2亿吨. Every gold
# mention that ends so is a TARGET (45 in the gold files); the tagger reads some as programmes or projects.
REPORTED_FIGURE = re.compile(
    r"(?:增长|增加|提高到|提高至|提升至|提升到|降至|降低到|下降|达到|达|突破|超过)约?"
    r"[0-9０-９一二三四五六七八九十两][0-9０-９一二三四五六七八九十百千点.．]*(?:万|亿)?"
    r"(?:[%％‰倍]|个百分点|[个人户家项元吨亩次件条])?(?:以上|左右)?$")


# A policy the tagger read as a TARGET for the figure in its name (144小时过境免签政策, …政策联动): no gold TARGET ends on
# 政策; the joint work on it (联动) is outside the name.
POLICY_END = re.compile("政策(?:联动)?$")


def _relabelled_by_figures(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A tagged programme that opens on a sum of money is a TARGET (用好1800亿元引导基金), and so is one that ends
    on a count or an amount (COUNT_LAST), a programme or project that ends on the figure its metric reaches or grows
    by (REPORTED_FIGURE: 出口额增长11%, 年过货量突破2.2亿吨; not 成达万, a railway) and any name that opens on a count in
    figures (23个乡村振兴示范片区); a tagged
    TARGET that ends on 政策 is a PROGRAMME (POLICY_END), not a count of policies (56项“免申即享”政策); a tagged
    TARGET whose only figures are inside a quoted numbered slogan followed by a noun is that PROGRAMME
    (解决好现有“三个1亿人”问题 → “三个1亿人”问题; 开工率、完成率“两个100%” stays a TARGET; a slogan's
    industries, “4+6+1”产业, are not the tagger's TARGET to relabel)."""
    out = []
    for start, end, label in spans:
        if label == "PROGRAMME" and (SUM_FIRST.match(text, start, end) or COUNT_LAST.search(text, start, end)):
            label = "TARGET"
        elif label in ("PROGRAMME", "PROJECT") and REPORTED_FIGURE.search(text, start, end):
            label = "TARGET"
        elif label in COUNTABLE and COUNT_FIRST.match(text, start, end):
            label = "TARGET"  # 23个乡村振兴示范片区, 36项重点工程: a count of them, not one name (GUIDELINES)
        elif label == "TARGET" and (policy := POLICY_END.search(text, start, end)) \
                and not COUNT_FIRST.match(text, start, end) and "：" not in text[start:end]:
            end, label = policy.start() + len("政策"), "PROGRAMME"  # 144小时过境免签政策: a policy named by its figure
        elif label == "TARGET" and (slogan := NUMBERED_SLOGAN.search(text, start, end)) and slogan.end() < end \
                and not text[slogan.end():end].endswith(INDUSTRY_CLASS_WORD) and not (
                DIGIT.search(text, start, slogan.start()) or DIGIT.search(text, slogan.end(), end)):
            start, label = slogan.start(), "PROGRAMME"
        out.append((start, end, label))
    return out


def _with_metric_after_figure(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A tagged TARGET that stops at its figure, where the metric follows the figure in the same clause,
    runs on to the end of that clause (national reports: 新增8000万吨标准煤的节能能力, 改造约1亿人居住的城镇
    棚户区和城中村, as the gold files mark them)."""
    out = []
    for index, (start, end, label) in enumerate(spans):
        if label == "TARGET" and (count := COUNTED_PROJECTS.match(text, start)) and count.end() in range(end - 3, end + 5):
            end = count.end()  # 140余个项目开工建设, 235个工业项目竣工|投产, 70余个项目|前期
        elif label == "TARGET" and FIGURE_LAST.match(text, start, end) and (after := METRIC_AFTER.match(text, end)):
            following = next((a for a, _, other in spans[index + 1:] if other != "PLACE"), len(text))
            if not after.group().startswith(NOT_METRIC) and after.end() <= following:
                end = after.end()
                verb = FIGURE_OPENING.match(text, start, end)
                if verb and verb.group(1) and not verb.group(1).startswith(COUNTING_VERBS):
                    start = verb.end(1)  # 引导|约1亿人在中西部地区就近城镇化: a verb that does not count
        out.append((start, end, label))
    return out


# A figure and the unit that closes it (3000亿元, 4.4万亿元, 2个百分点以上).
FIGURE = re.compile(r"[0-9０-９][0-9０-９.．]*(?:万亿|亿|万|千)?")
NOUN_TAGS = frozenset({"n", "nz", "vn", "nr", "ns", "nt", "an"})
CLAUSE_TAGS = frozenset({"v", "p"})
MONEY = "元"  # an amount of money is what a clause after it spends (100%|达标 names the metric)


@functools.cache
def _amount_end() -> re.Pattern[str]:
    from pipelines.lexicon import read_list, word_pattern

    return re.compile(f"(?:{word_pattern([u for u in read_list('target_units.txt') if u.endswith(MONEY)])})(?:以上|左右)?")


def _without_clause_after_amount(text: str, spans: list[tuple[int, int, str]],
                                 tokens: Sequence[tuple[int, int, str | None]]) -> list[tuple[int, int, str]]:
    """A TARGET that names its metric before an amount of money ends at its unit (GUIDELINES, TARGET), not
    with the clause that says what the amount is for: 超长期特别国债3000亿元|支持消费品以旧换新, 专项债券4.4万亿元|
    用于…. Only where a noun stands right before the figure, a verb or preposition right after the unit and no
    other figure follows (培养引进10名战略科学家 and 开工改造不少于50个老旧小区 name their metric after it)."""
    tag_at_start: dict[int, str | None] | None = None  # built when first needed: most documents never do
    tag_at_end: dict[int, str | None] = {}
    out = []
    for start, end, label in spans:
        if label == "TARGET" and (figure := FIGURE.search(text, start, end)) and figure.start() > start:
            unit = _amount_end().match(text, figure.end(), end)
            cut = unit.end() if unit else None
            if cut is None or cut >= end or FIGURE.search(text, cut, end):
                out.append((start, end, label))
                continue
            if tag_at_start is None:
                tag_at_start, tag_at_end = {a: tag for a, _, tag in tokens}, {b: tag for _, b, tag in tokens}
            if tag_at_end.get(figure.start()) in NOUN_TAGS and tag_at_start.get(cut) in CLAUSE_TAGS:
                end = cut
        out.append((start, end, label))
    return out


# What an amount is for, after it (8000亿元超长期特别国债资金|用于“两重”建设): never part of the TARGET.
PURPOSE = re.compile(r"用于|用来")
# What a sum of money does, after the sum and the noun it counts (安排1000亿元专项资金|支持就业; 区市两级资金
# 50.47亿元|全力支持工业): only after an amount of money, since 支持 may name what is counted after other figures.
MONEY_PURPOSE = re.compile(r"(?:全力|大力|重点|专项)?(?:支持|帮助|扶持)")


def _targets_without_purpose(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET ends before the words that say what its amount is for (用于, 用来; 支持, 帮助 after a sum of
    money) when a figure comes before them: the metric phrase ends at the unit and the noun it counts
    (GUIDELINES, TARGET)."""
    out = []
    for start, end, label in spans:
        if label == "TARGET" and (figure := FIGURE.search(text, start, end)):
            purpose = PURPOSE.search(text, figure.end(), end)
            if purpose is None and (money := _amount_end().match(text, figure.end(), end)):
                purpose = MONEY_PURPOSE.search(text, money.end(), end)
            if purpose is not None and purpose.start() - start >= 4:
                end = purpose.start()
        out.append((start, end, label))
    return out


# A list closed by 等 and a kind of facilities (交通、水利、能源、市政等基础设施; 便利店、步行街等生活服务设施).
FACILITY_LIST = re.compile(r"等[^，。；、：\n]{0,8}设施")


def _without_facility_kinds(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The items of a list of facility kinds are no industries (加快推进交通、水利、能源、市政等基础设施建设:
    no gold file marks one); named facilities in such a list stay what they are."""
    dropped = set()
    for match in FACILITY_LIST.finditer(text):
        clause = _clause_opening(text, LIST_STOP, match.start(), 80)
        dropped.update((a, b) for a, b, label in spans if label == "INDUSTRY" and clause <= a and b <= match.start())
    return [s for s in spans if (s[0], s[1]) not in dropped] if dropped else spans


# Endings of an activity, never of an industry on the gold files (…综合利用, …质押融资, …准备金提取).
ACTIVITY_ENDINGS = ("利用", "提取", "融资", "回收", "处理", "治理", "整治", "改造", "保护", "监管",
                    "诈骗", "犯罪", "传销")  # and crimes (电信网络诈骗, 涉众型经济犯罪)
# Kinds of consumption (数字消费, 绿色消费, 文旅消费) are demand a report stirs, not sectors: of the six gold documents
# that print such words (27 times), one marks them as INDUSTRY.
CONSUMPTION = "消费"


# A system the report will build (现代市场体系, 分级诊疗体系) is an aim, not a named programme: the gold files print 44
# such words outside quotes and mark none as a PROGRAMME; a quoted code names one (“1+N”政策体系).
SYSTEM = "体系"
NAMED_SYSTEM = re.compile(r"[“”\"《》0-9０-９]")


PROJECT_AND = re.compile("[和及与]")


# What a second sector adds to the first without being a sector apart from it: its parts, materials and processing
# (汽车|及|零部件, 新能源电池|及|材料, 钢铁|及|金属制品加工; the gold's 汽车及零部件, 新能源汽车及零部件),
# and the services that go with it (软件和信息技术服务业, the gold's 房地产和物业服务).
SECTOR_PARTS = ("零部件", "部件", "元器件", "材料", "加工", "配件", "终端产品", "设备", "装备", "服务", "服务业")


# Heads that close a project joined to another by 和 though no list of facility kinds holds them (a belt, a valley, a
# corridor, a wetland: 大运河文化带和长江国家文化公园常州段, 天目山未来谷和钱塘大湾区湿地公园; review of city-常州-2024),
# and the segment a project of a province's belt names (…国家文化公园|常州段).
JOINED_HEADS = ("文化带", "产业带", "经济带", "生态带", "风光带", "未来谷", "湿地", "廊")
SEGMENT_NAME_LENGTHS = (2, 3, 4)


# An item of a 、-list long enough to be a name of its own: the gold files' shared-head lists open on items of two or
# three characters (遂川、永新抽水蓄能电站, 龙宫、格凸河景区, 国家级、省级新区).
MIN_OWN_ITEM = 4
ITEM_NAME = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9]*")
# Characters that stand for a whole item before a shared rest (南水北调东、中线工程, 一、二期工程).
PARALLEL_CHARACTERS = frozenset("东西南北中上下前后一二三四五六七八九十")


def _named_in_full(item: str) -> bool:
    """A 、-item that can be a name of its own: :data:`MIN_OWN_ITEM` characters or more, name characters only."""
    return len(item) >= MIN_OWN_ITEM and ITEM_NAME.fullmatch(item) is not None


def _own_names(name: str, place_names: Collection[str]) -> bool:
    """Whether every 、-item of ``name`` is a name of its own: four characters or more, no place's name alone
    (荆沙铁路改造升级、襄荆高速扩容), where a shared head follows short items (遂川、永新抽水蓄能电站), and no item
    before the last ends on a place's name, which the head after the last is shared with (伟明盛青及泰顺、永嘉抽水蓄能
    电站, 榆济线阳谷、东阿段天然气管线)."""
    items = name.split("、")
    return (all(_named_in_full(item) and item not in place_names for item in items)
            and not any(item[-length:] in place_names for item in items[:-1] for length in range(2, 5))
            and not any(a[-1] in PARALLEL_CHARACTERS and b[0] in PARALLEL_CHARACTERS
                        for a, b in itertools.pairwise(items)))  # 南水北调东、中线工程: the line's 东 and 中


def _ends_on_head(piece: str, heads: tuple[str, ...]) -> bool:
    """Whether one side of a 和 closes on a project's head (``heads`` or :data:`JOINED_HEADS`), before the segment
    a name may end on (长江国家文化公园|常州段)."""
    ends = (*heads, *JOINED_HEADS)
    if piece.endswith(ends):
        return True
    return piece.endswith(SEGMENT) and any(CJK_NAME.fullmatch(piece, len(piece) - 1 - length, len(piece) - 1)
                                           and piece[:-1 - length].endswith(ends) for length in SEGMENT_NAME_LENGTHS)


def _listed_projects_apart(text: str, spans: list[tuple[int, int, str]], heads: tuple[str, ...],
                           place_names: Collection[str] = ()) -> list[tuple[int, int, str]]:
    """A PROJECT whose first 、-item ends on a facility's head (``heads``), or whose items are each four characters
    or more (:func:`_own_names`), is a list of projects that each carry
    their own head, not one name (GUIDELINES, Shared heads: items with their own head are separate spans):
    市博物馆新馆、科技馆 → 市博物馆新馆, 科技馆. A list closed by 等 or counted (武林、湖滨、吴山三大商圈) stays one.
    So are two projects joined by 和/及/与 when both end on a head (深海标本样品馆和深海大数据中心; no gold
    PROJECT joins two such, seven pairs stand apart: 沿江高铁宜荆段和宜涪段)."""
    out = []
    for start, end, label in spans:
        name = text[start:end]
        if label == "PROJECT" and "、" not in name and "等" not in name:
            pieces = PROJECT_AND.split(name)
            if len(pieces) == 2 and all(len(piece) >= 2 and _ends_on_head(piece, heads) for piece in pieces) \
                    and CJK_NAME.fullmatch(pieces[0]):
                middle = start + len(pieces[0])
                out += [(start, middle, label), (middle + 1, end, label)]
                continue
        first = name.split("、", 1)[0]
        if (label != "PROJECT" or "、" not in name or not (first.endswith(heads) or _own_names(name, place_names))
                or "等" in name or COUNTED_HEAD.search(name) or not CJK_NAME.fullmatch(first)):
            out.append((start, end, label))
            continue
        position = start
        for piece in name.split("、"):
            if len(piece) >= 2:
                out.append((position, position + len(piece), "PROJECT"))
            position += len(piece) + 1
    return sorted(out)


# A verb of pushing work on (加快, 加力推进, 重点推进, 加快建设, 推进, 打造) inside what the tagger read as one PROJECT: a
# subject and the verb that governs the project (青岛港|加快|内陆港, 明月山|加力推进|水口景区); not 推进中心, 推进会. And a verb
# of seeking a designation (龙子湖景区|创建|省级旅游度假区, 技术创新中心|申报|国家技术创新中心): gold names the subject alone
# (关岭国家地质公园 of 关岭国家地质公园申报世界自然遗产, 井冈山 of 井冈山争创…示范区) and the designation apart.
DESIGNATION_VERB = r"(?:成功)?(?:创建|争创|申报|申创|创成|晋升|创(?=国家|省级|全国|世界|[0-9０-９]A|\d{4}年))"
# What such a verb bids for that is a rating or a year's list, no name (米仓山大峡谷创|国家5A级旅游景区, 四姑娘山创|5A级
# 景区, …申报|2024年国省水利风景区, …人民医院晋升|国家三级甲等综合医院; found by a review of city-广元-2024): the subject
# stays, the rating goes. A designation
# of a kind of zone (东平湖、天平湖创建|国家级旅游度假区) is a project of its own.
RATING = re.compile(r"(?:国家|省级|全国)?(?:[0-9０-９]A级|[一二三]级(?:甲等|乙等)?(?:综合|专科|中医)?医院)|\d{4}年")
PROJECT_VERB = re.compile(r"(?:加力|加快|全力|积极|重点)(?:推进|推动|建设|融入|打造)|加快(?![0-9])|推进(?![中会办委])|打造"
                          f"|(?P<designation>{DESIGNATION_VERB})")
MIN_DESIGNATED = 3  # a subject of a designation verb this long stays a PROJECT where it is no place or organisation
MIN_VERB_OBJECT = 3


# Verbs that open what the tagger read as a PROJECT: the building or running of it (建成|投用|老牛湾通用机场, 新建|改造|
# 东直游园) or the work on it (加密|新成昆铁路运营班次, 申创|梵净山国家公园). No gold PROJECT opens on one.
LEADING_PROJECT_VERB = re.compile(
    "投用|投运|投产|新建|续建|改建|扩建|迁建|改造|筹建|筹划|加密|推进|利用|包装|申创|争创|创建|启动|建成|充分发挥|发挥|优化|围绕"
    "|抓实|做响|做大|积极参与"
    # and the batch it belongs to (全国首批|新型工业化示范区, 第二批|天府实验室): gold drops it (争创全国首批|红色旅游融合发展示范区)
    r"|(?:全国|全省)?(?:首批|第[一二三四五六七八九十\d]{1,2}批)")
# The verbs that open what the tagger read as a PROGRAMME: deepening a reform, rolling it out or preparing for a games
# (深化|零基预算改革, 全国推开|工程建设项目审批制度改革, 迎战|第十五届全国运动会). The gold files start 36 programmes right
# after 深化 and none on it.
LEADING_PROGRAMME_VERB = re.compile("深化|迎战|备战|(?:全国|全面)?推开")
MIN_PROGRAMME_AFTER_VERB = 4


def _projects_without_leading_verbs(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROJECT that opens on a verb of building, running or working on it starts after the verb (or verbs), where
    at least three characters are left. Not one that holds a figure (新建一级公路56公里, 投运南江50万吨): a count, where
    the verb defines what is counted (GUIDELINES, TARGET verbs), whatever the tagger called it.

    A PROGRAMME that opens on one of LEADING_PROGRAMME_VERB starts after it, where at least four characters are left.

    >>> _projects_without_leading_verbs("建成投用老牛湾通用机场，新建改造东直游园，深化零基预算改革，争创第二批天府实验室",
    ...                                 [(2, 11, "PROJECT"), (12, 20, "PROJECT"), (21, 29, "PROGRAMME"), (32, 40, "PROJECT")])
    [(4, 11, 'PROJECT'), (16, 20, 'PROJECT'), (23, 29, 'PROGRAMME'), (35, 40, 'PROJECT')]
    """
    out = []
    for start, end, label in spans:
        while label == "PROJECT" and (verb := LEADING_PROJECT_VERB.match(text, start, end)) \
                and not FIGURE.search(text, start, end) \
                and end - verb.end() >= MIN_VERB_OBJECT:
            start = verb.end()
        if label == "PROGRAMME" and (verb := LEADING_PROGRAMME_VERB.match(text, start, end)) \
                and end - verb.end() >= MIN_PROGRAMME_AFTER_VERB:
            start = verb.end()
        out.append((start, end, label))
    return out


# An adverb and the verb after it that the tagger took into a PROJECT or PROGRAMME (稳慎推进|宅基地制度改革试点, 率先启动|
# 零碳产业园, 深度谋划|红水河航道…, 试点开展|职务科技成果权属改革, 重点服务保障|广钢3号高炉), or the subject of a
# sentence and its verb of relying or leading (西昌依托|农村宅基地“两项试点”, 高新区牵头负责|东部新城, 天都实验室牵头
# 发起|国际月球科研站大科学工程) or a part of the city and its verb (东部推动|马鬃山度假区). The gold files open no
# PROJECT or PROGRAMME on either; 积极的财政政策 is a policy stance (no verb follows the adverb) and 全面深化改革 the
# name of one.
LEADING_ADVERB = ("深度|精心|大力|率先|稳妥地?|稳慎|超额|积极|全力|着力|扎实|有序|稳步|持续|全面|深入|试点|认真|切实|统筹|加快"
                  "|加力|重点|继续|进一步|不断|主动|努力|广泛|坚决|加紧|抓紧")
ADVERBIAL_VERB = ("谋划|开展|启动|推进|推动|实施|完成|加强|建设|打造|落实|发起|参与|推行|实行|组织|举办|筹办|建立|构建|培育"
                  "|引进|争取|申报|创建|争创|融入|对接|服务|保障|探索|深化|推广")
ADVERB_THEN_VERB = re.compile(f"(?:{LEADING_ADVERB})+(?:{ADVERBIAL_VERB})+")
NOT_ADVERB_THEN_VERB = ("全面深化改革",)
SUBJECT_THEN_VERB = re.compile(r"[\u4e00-\u9fff、]{2,6}?(?:依托|围绕|牵头(?:负责|发起)?)"
                               r"|(?:东|西|南|北|中)部(?:推动|推进|开工建设|加快|建设|打造|实施|完善|提升)")  # 东部推动|马鬃山度假区


def _names_without_leading_clauses(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROJECT or PROGRAMME that opens on an adverb and a verb (ADVERB_THEN_VERB), or on a short subject and its
    verb of relying or leading (SUBJECT_THEN_VERB), starts after the verb, where a name is left: at least
    MIN_VERB_OBJECT characters of a PROJECT, MIN_PROGRAMME_AFTER_VERB of a PROGRAMME.

    >>> text = "稳慎推进宅基地制度改革试点，高新区牵头负责东部新城，全面深化改革重大举措，中科曙光牵头"
    >>> [text[s:e] for s, e, _ in _names_without_leading_clauses(text, [(0, 13, "PROGRAMME"), (14, 25, "PROJECT"),
    ...                                                              (26, 36, "PROGRAMME"), (37, 43, "PROJECT")])]
    ['宅基地制度改革试点', '东部新城', '全面深化改革重大举措', '中科曙光牵头']
    """
    out = []
    for start, end, label in spans:
        if label in ("PROJECT", "PROGRAMME") and not text.startswith(NOT_ADVERB_THEN_VERB, start):
            least = MIN_VERB_OBJECT if label == "PROJECT" else MIN_PROGRAMME_AFTER_VERB
            clause = ADVERB_THEN_VERB.match(text, start, end) or SUBJECT_THEN_VERB.match(text, start, end)
            if clause and end - clause.end() >= least:
                start = clause.end()
        out.append((start, end, label))
    return out


# What a PROJECT's sentence says happened to it, which the tagger took into its name (港珠澳大桥|全线贯通, 京雄高速|全线
# 通车, 厦门国际博览中心|投入使用, 阜阳创新馆|试运营, 临沂航空口岸|正式…), with the time or adverb before it (乐西高速
# 昭觉至美姑段|10月全线通车), its opening (黄鹤营温泉度假村|开业, …码头|开港) or 全线 alone, the verb outside the name
# (宁淮城际铁路|全线|建设), and where its building stands (新生圩长江大桥|主桥合龙, 德阳第五代医院|主体封顶, 宣绩高铁|开始全线
# 铺轨, 漫葡小镇|破圈走红). No gold PROJECT holds one.
PROJECT_STATUS = re.compile(
    r"(?:[0-9０-９一二三四五六七八九十]{1,2}月(?:底|份)?|年底|年内|今年|已经|已|将|顺利|提前|全面|正式|盛大|开业|永久|施工进度|进入"
    r"|主桥|主体(?:结构)?|开始|成功|全部|破圈|新)*"
    r"(?:全线贯通|全线通车|建成通车|通车|贯通|正式|投入使用|建成投产|竣工|开业试运营|试运营|获批"
    r"|开业(?:运营|营运)?|挂牌(?:开业|运行)?|揭牌(?:亮相)?|全线|开园|开街|开市|通航|开港|打通|(?:不载客|蓄水|分段)?试运行"
    r"|合龙|封顶|(?:全线)?铺轨|开钻|试运转|亮灯|亮相|走红|签约|入驻)$")


# A verb after a project's name that says where it was put or ranked, or how long it took (合广长高速公路|纳入|重庆市高速
# 路网, 攀钢研究院|名列|…, 叙毕铁路|历时|7年): the name ends before it. A programme's 纳入 is the other way round: what
# is put into the programme comes before it (9.04万农村义务教育学生纳入|营养改善计划).
PROJECT_CLAUSE_VERB = re.compile("纳入|名列|历时")
PUT_INTO = re.compile("纳入")
MIN_PROGRAMME_AFTER_PUT = 4
# A project or programme that came to a place, which the tagger took into its name (全球自由贸易港论坛|落户|三亚,
# 东盟·湖南名优产品交易会|永久落户|永州, 首个高铁快运物流基地|落户|潍坊): the name ends before the verb.
SETTLED_IN = re.compile("(?:永久|正式|成功)?落户")
# A hospital's grade, which it is to reach or be certified at, after its name (市妇幼保健院|三级甲等, 织金中医院|三级医院,
# 北流市人民医院|晋升国家三级甲等综合医院): no part of the name.
HOSPITAL_GRADE = re.compile(r"(?<=院)(?:晋升|达到)?(?:国家)?[一二三]级(?:甲等|乙等)?(?:综合|专科|中医)?(?:医院)?$")


def _quoted_at(text: str, start: int, position: int) -> bool:
    """Whether ``position`` lies inside a “…” quotation opened at or after ``start`` (“五有一纳入”)."""
    return text.count("“", start, position) > text.count("”", start, position)


def _projects_without_status(text: str, spans: list[tuple[int, int, str]], place_names: Collection[str] = ()
                             ) -> list[tuple[int, int, str]]:
    """A PROJECT ends before what its sentence says happened to it (PROJECT_STATUS at its end, PROJECT_CLAUSE_VERB
    anywhere after its name), where at least three characters are left; a PROGRAMME starts after the 纳入 that puts
    something into it.

    >>> _projects_without_status("乐西高速昭觉至美姑段10月全线通车，黄鹤营温泉度假村开业", [(0, 17, "PROJECT"), (18, 28, "PROJECT")])
    [(0, 10, 'PROJECT'), (18, 26, 'PROJECT')]

    A PROJECT or PROGRAMME whose name runs on to the place it settled in (:data:`SETTLED_IN`, then one of
    ``place_names`` to the name's end) ends before the verb; a hospital before its grade (:data:`HOSPITAL_GRADE`).

    >>> _projects_without_status("全球自由贸易港论坛落户三亚，差别化落户政策", [(0, 13, "PROGRAMME"), (14, 21, "PROGRAMME")],
    ...                          {"三亚"})
    [(0, 9, 'PROGRAMME'), (11, 13, 'PLACE'), (14, 21, 'PROGRAMME')]
    """
    out = []
    for start, end, label in spans:
        if label in ("PROJECT", "PROGRAMME"):
            for settled in SETTLED_IN.finditer(text, start + MIN_VERB_OBJECT, end):
                if text[settled.end():end] in place_names:
                    out.append((settled.end(), end, "PLACE"))
                    end = settled.start()
                    break
            if (adverb := SETTLED_IN.match(text, end - 2)) and adverb.start() == end - 2 and adverb.end() > end:
                end -= 2  # …民族音乐周永久|落户凉山: the adverb goes with the verb
        grade = HOSPITAL_GRADE.search(text, start, end) if label == "PROJECT" else None
        if grade and grade.start() - start >= MIN_VERB_OBJECT:
            end = grade.start()
        status = PROJECT_STATUS.search(text, start, end) if label == "PROJECT" else None
        if status and status.start() - start >= MIN_VERB_OBJECT:
            end = status.start()
        clause = PROJECT_CLAUSE_VERB.search(text, start, end) if label == "PROJECT" else None
        if clause and clause.start() - start >= MIN_VERB_OBJECT:
            end = clause.start()
        taken_in = PUT_INTO.search(text, start, end) if label == "PROGRAMME" else None
        if taken_in and end - taken_in.end() >= MIN_PROGRAMME_AFTER_PUT and not _quoted_at(text, start, taken_in.start()):
            start = taken_in.end()  # 传染病纳入|国家免疫规划: what is put into the programme is no part of it
        out.append((start, end, label))
    return sorted(out)


# A verb by which places build or bid for what follows (沙洋、京山|建设|国家现代农业产业园, 大悟、孝昌|争创|省级全域旅游
# 示范区, 临清|申建|保税物流中心, 八步、平桂|申报…); not the 建设 of 中国建设银行.
PLACES_BUILDING = re.compile(f"建设(?!银行)|建立|申建|共建|{DESIGNATION_VERB}")
PLACE_LIST = re.compile("[、和与及]")


def _places_building(text: str, start: int, end: int, place_names: Collection[str]
                     ) -> tuple[list[tuple[int, int, str]], int] | None:
    """The places (each a PLACE) that open a PROJECT and the start of the project after the verb by which they
    build it, or None where the words before such a verb are not all place names."""
    verb = PLACES_BUILDING.search(text, start + 2, end)
    if verb is None or end - verb.end() < MIN_VERB_OBJECT or not place_names:
        return None
    places, position = [], start
    for separator in [*PLACE_LIST.finditer(text, start, verb.start()), None]:
        item_end = separator.start() if separator else verb.start()
        if item_end - position < 2 or text[position:item_end] not in place_names:
            return None
        places.append((position, item_end, "PLACE"))
        position = separator.end() if separator else item_end
    return places, verb.end()


def _projects_after_verbs(text: str, spans: list[tuple[int, int, str]], heads: tuple[str, ...],
                          place_names: Collection[str] = (), org_endings: tuple[str, ...] = ()
                          ) -> list[tuple[int, int, str]]:
    """A PROJECT holding a verb that pushes work on, after a subject of two characters or more, is the words after
    the verb. The subject stays a name of its own where it is one: a PROJECT where it ends on a facility's head
    (``heads``: 五峰民族工业园), a PLACE where it is a place's name (``place_names``: 义乌; not a part of the city
    named by its direction, 西部|推进…), an ORG where it ends like an organisation (``org_endings``:
    中国科学院大气物理研究所), and after a verb of seeking a designation (DESIGNATION_VERB) a PROJECT where it is none of
    these and MIN_DESIGNATED characters or more (滨海陶湾海洋牧场|创成|…示范区), else a PLACE (长岛|创建|国家公园). No gold
    name holds such a verb.

    >>> _projects_after_verbs("支持义乌加快建设双江湖新区", [(2, 13, "PROJECT")], ("园",), {"义乌"})
    [(2, 4, 'PLACE'), (8, 13, 'PROJECT')]
    >>> _projects_after_verbs("推动滨海陶湾海洋牧场创成国家级示范区", [(2, 18, "PROJECT")], ("景区",))
    [(2, 10, 'PROJECT'), (12, 18, 'PROJECT')]
    """
    out = []
    for start, end, label in spans:
        verb = PROJECT_VERB.search(text, start + 2, end) if label == "PROJECT" else None
        if verb is not None and (end - verb.end() < MIN_VERB_OBJECT or not (
                CJK_NAME.fullmatch(text, start, verb.start())
                or verb.group("designation") and CJK_LIST.fullmatch(text, start, verb.start()))):
            verb = None  # 东平湖、天平湖|创建|国家级旅游度假区: the items that bid, one subject
        if (verb is None or verb.group("designation")) and label == "PROJECT" \
                and (places := _places_building(text, start, end, place_names)):
            out += places[0]
            if not RATING.match(text, places[1], end):
                out.append((places[1], end, label))
            continue
        if verb is None:
            out.append((start, end, label))
            continue
        subject = text[start:verb.start()]
        kind = ("PROJECT" if subject.endswith(heads) else "PLACE" if subject in place_names and not subject.endswith("部")
                else "ORG" if org_endings and subject.endswith(org_endings)
                else None if verb.group("designation") is None
                else "PROJECT" if len(subject) >= MIN_DESIGNATED else "PLACE")
        if kind:
            out.append((start, verb.start(), kind))
        if not (verb.group("designation") and RATING.match(text, verb.end(), end)):
            out.append((verb.end(), end, label))
    return sorted(out) if out != spans else spans


# Scope words and modals that open a TARGET the tagger read: the guidelines leave them out (TARGET: 力争, 确保; scope
# words 全市, 年内), and no gold TARGET opens on one (47 stand right before one). 全省第4 is a rank, not a scope.
# each county or town a target is set for, and 至少, are scope too (每个县（市、区）至少|新建1所…, 各县区|…: GUIDELINES, and the
# seed drops 各县(市)区), and so is 其中, the part of a total a target counts (其中|工业投资超1000亿元: seven gold TARGETs
# stand right after it, none opens on it; review of city-济南-2024)
TARGET_SCOPE = re.compile(r"(?:全社会|全市|全省|全区|全县|全州(?!县)|全盟|全年|年内|今年|力争|确保|至少|其中"
                          r"|(?:各|每个)(?:县市区|县区|县市|县（市、?区）|县\(市、?区\)|县（市）区|县\(市\)区|县|乡镇|园区))+(?!第)")
MIN_SCOPED_TARGET = 4
# Verbs of building or raising that open a TARGET before what it counts (建设|完整社区18个, 打造|50个…便民生活圈,
# 建成|一级公路60公里, as the gold files read them): they only report doing (GUIDELINES, TARGET verbs), like 创建 and
# 培育, and no gold TARGET opens on one. So do 孵化 and 申创 (reviews of city-崇左-2024 and city-黔南-2024). Not the
# metric's own name (建设用地, 建设投资, 建设规模, 建成区面积), nor 建成投用 or 建成投产, which count a stage.
BUILDING_OPENER = re.compile(r"(?:建设(?![用投规项])|建成(?![投区])|打造|孵化|申创)")


# A verb of holding a level (粮食产量保持在|1.3万亿斤以上): gold TARGETs hold it with their metric before it
# (粮食产量要稳定在5.5亿吨以上, 再生水利用率稳定在50%).
HOLDING_VERB = re.compile(r"(?:必须|力争|确保|要|将|应)?(?:保持在|稳定在|控制在|维持在)$")
METRIC_BEFORE_HOLDING = re.compile(r"[\u4e00-\u9fff]{2,12}")
METRIC_CLAUSE_START = "，,。；;、：:\n"


# Two quantities joined by 和 (or 及), each a count with its own noun (6个精品示范村和36个中心村, 2000亩标准地和200万
# 平方米标准厂房): each ends on two characters or more after its unit, and the second opens on its figure.
# A grade or kind that shares the noun that follows (2个国家级和12个省级…集群, 11个分布式和10个集中式新能源项目: see
# SHARED_HEAD_MODIFIERS) and a list of figures that 分别 or 各 assigns
# (分别达到2000个和1100个) stay one TARGET, and so do 及以上 and 及其.
COUNT_WITH_NOUN = re.compile(r"(?:\d[\d.]*|[一二两三四五六七八九十百千]+)[万亿]?(?:平方米|千瓦|[个家户所座条项亩吨名人处台套支张])"
                             r"[^\d，。；、和及]*[\u4e00-\u9fff”]{2}$")
FIGURE_FIRST = re.compile(r"\d|[一二两三四五六七八九十]+[个家户所座条项名]")


def _targets_apart_at_and(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Several quantities that one verb governs are separate TARGETs (GUIDELINES, Clarifications: 新增高新技术企业100家、
    科技型中小企业150家), also where 和 joins the last two (found by a review of city-淮北-2024).

    >>> text = "建成6个精品示范村和36个中心村。"
    >>> [text[a:b] for a, b, _ in _targets_apart_at_and(text, [(2, 16, "TARGET")])]
    ['6个精品示范村', '36个中心村']
    """
    out = []
    for a, b, label in spans:
        if label == "TARGET" and not any(word in text[a:b] for word in ("分别", "各")):
            for k in range(a + 3, b - 2):
                if text[k] in "和及" and not text.startswith(("及以上", "及其"), k) \
                        and not text.endswith((*SHARED_HEAD_MODIFIERS, "式"), a, k) \
                        and COUNT_WITH_NOUN.search(text, a, k) and FIGURE_FIRST.match(text, k + 1) \
                        and COUNT_WITH_NOUN.search(text, k + 1, b):
                    out.append((a, k, label))
                    a = k + 1
        out.append((a, b, label))
    return out


def _targets_with_held_metric(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET that opens on its figure right after a verb of holding a level (HOLDING_VERB) starts at the metric
    before the verb: the words from the clause's start, where they are two to twelve characters of Chinese and no
    other name holds them.

    >>> text = "推动大面积提高粮食单产，粮食产量保持在1.3万亿斤以上。"
    >>> [text[a:b] for a, b, _ in _targets_with_held_metric(text, [(19, 27, "TARGET")])]
    ['粮食产量保持在1.3万亿斤以上']
    """
    out = []
    for start, end, label in spans:
        verb = HOLDING_VERB.search(text, max(0, start - 5), start) if label == "TARGET" else None
        if verb is not None:
            clause = max((text.rfind(mark, max(0, verb.start() - 13), verb.start()) for mark in METRIC_CLAUSE_START),
                         default=-1) + 1
            if clause > 0 and METRIC_BEFORE_HOLDING.fullmatch(text, clause, verb.start()) \
                    and not any(a < verb.start() and clause < b for a, b, _ in spans if (a, b) != (start, end)):
                start = clause
        out.append((start, end, label))
    return out


def _targets_without_scope(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET that opens on a scope word or a modal starts after it (全社会|研发经费投入强度达到2.5%), and after a
    verb of building that follows (``BUILDING_OPENER``), where at least four characters are left.

    >>> text = "全州森林覆盖率稳定在68%以上，建设完整社区18个，建设用地供应1000亩"
    >>> [text[a:b] for a, b, _ in _targets_without_scope(text, [(0, 15, "TARGET"), (16, 25, "TARGET"), (26, 37, "TARGET")])]
    ['森林覆盖率稳定在68%以上', '完整社区18个', '建设用地供应1000亩']
    """
    out = []
    for start, end, label in spans:
        if label == "TARGET" and (scope := TARGET_SCOPE.match(text, start, end)) \
                and end - scope.end() >= MIN_SCOPED_TARGET:
            start = scope.end()
        if label == "TARGET" and (verb := BUILDING_OPENER.match(text, start, end)) \
                and end - verb.end() >= MIN_SCOPED_TARGET:
            start = verb.end()
        out.append((start, end, label))
    return out


# Verbs that only report doing (GUIDELINES, TARGET verbs): a TARGET holding one after its subject starts after
# it (企业开展|10项以上重大关键技术攻关, 市本级财政安排|人才工作专项经费1.5亿元), and so does one opening on it before
# its metric (解决|产业链共性技术问题20项以上). Not one opening on it before its figure (解决6000万农村人口饮水
# 安全问题: the gold files keep those whole), nor one whose figure comes before the verb (30家企业开展5G工厂),
# nor the verb of a metric's own name (问题解决率, 实施类项目). 安排 opening a target goes before its figure too
# (今年拟安排|…, GUIDELINES), but after the metric and before the amount it stays (中央预算内投资安排5000亿元,
# 中央财政赤字拟安排2450亿元). Holding events is doing too (举办|招商活动千场以上, as gold reads it), and the 各类 after
# a doing verb is scope (开展各类|职业技能培训5万人次以上, gold). So is running one well: the gold files start all
# eight of their names after 办好 (办好|第五届国际友城大会), none on it (办好|10件民生实事; review of city-随州-2024).
DOING_VERB = re.compile(r"(?P<verb>开展|解决|实施|推动|举办|承办|办好)(?:各类)?(?![率类])|安排(?![率类为的])")
DOING_ADVERBS = frozenset({"基本", "基本上", "已", "已经", "广泛", "妥善", "切实", "有效", "全面", "深入", "持续",
                           "拟", "今年", "年内", "再"})
FIGURE_NEXT = re.compile(r"(?:超过|不少于|不低于|达到|[约近超逾达共])?[0-9０-９一二三四五六七八九十百千万两]")
MIN_UNDONE_TARGET = 4


def _targets_without_doing_verbs(text: str, spans: list[tuple[int, int, str]], tokens: Tokens
                                 ) -> list[tuple[int, int, str]]:
    """See ``DOING_VERB``; what stands before the verb is its subject unless it is only adverbs (已经解决481个,
    广泛开展…: the verb opens the target then)."""
    ends = tokens.ends

    def subject(start: int, verb: int) -> bool:
        index = bisect.bisect_left(ends, verb)
        while index >= 0 and index < len(ends) and ends[index] > verb:
            index -= 1
        while index >= 0 and ends[index] > start and ((tokens[index][2] or "").startswith(("d", "ad"))
                                                      or text[tokens[index][0]:ends[index]] in DOING_ADVERBS):
            index -= 1
        return index >= 0 and ends[index] > start

    def cut_at(match: re.Match, start: int) -> bool:
        opens = not subject(start, match.start())
        figure_next = FIGURE_NEXT.match(text, match.end())
        if match.group("verb"):  # after its subject; opening the target only before the metric
            return not opens or not figure_next
        return opens or not figure_next  # 安排 opening the target (今年拟安排|…), or before the metric

    out = []
    for start, end, label in spans:
        if label == "TARGET":
            found = [m.end() for m in DOING_VERB.finditer(text, start, end)
                     if end - m.end() >= MIN_UNDONE_TARGET and not NUMERAL.search(text, start, m.start())
                     and cut_at(m, start)]
            if found:
                start = found[-1]
        out.append((start, end, label))
    return out


# Modals and adverbs that open a TARGET before a verb of how much changes are left out (GUIDELINES, TARGET verbs:
# 要, 再, 力争, 确保; the gold files start 7 of 7 targets after 再 or 要): 可|降至16%, 大规模|扩招100万人, 进一步|停建、
# 缓建大中型项目238个, 可以|节约标准煤200万吨 (reviews of cn-gwr-2015, cn-gwr-2019). The segmenter glues some of them
# to the verb (可降, 可减轻), so they are read by characters, and only before those verbs: 可再生能源, 再就业补助资金,
# 应用场景, 继续教育 keep their words.
TARGET_MODALS = re.compile(r"(?:可以|可|还将|都将|将|要|再|也|还|都|均|仍然|仍|继续|进一步|大规模|大幅|努力|能够|应当|应|"
                           r"必须|须)+(?=降至|降到|降低|下降|减少|减轻|节约|节省|提高|提升|增加|增长|扩招|扩大|达到|拿出|代发|"
                           r"发行|停建|缓建|淘汰|新增|新建|开工|引进)")


def _targets_without_modals(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET opening on ``TARGET_MODALS`` starts at its verb, where ``MIN_UNDONE_TARGET`` characters or more are
    left.

    >>> text = "各地可降至16%，今年大规模扩招100万人，可再生能源占比提高0.5个百分点"
    >>> [text[a:b] for a, b, _ in _targets_without_modals(text, [(2, 8, "TARGET"), (11, 21, "TARGET"), (22, 39, "TARGET")])]
    ['降至16%', '扩招100万人', '可再生能源占比提高0.5个百分点']
    """
    out = []
    for start, end, label in spans:
        if label == "TARGET" and (modal := TARGET_MODALS.match(text, start, end)) is not None \
                and end - modal.end() >= MIN_UNDONE_TARGET:
            start = modal.end()
        out.append((start, end, label))
    return out


# 新增 and 引进 define what a TARGET counts (GUIDELINES, TARGET): a target whose count follows them opens on
# them, and what comes before is its scope or subject (各县（市）区|引进亿元产业项目5个以上, “亲清在线·政策超市”|新增政策
# 主动推送率95%以上); the gold files start 49 of 51 such targets there. Not 培养引进 (one verb), not the 引进 of
# 新引进; not after two characters or fewer (城镇新增就业 is the metric's own name, 占新增贷款比重), nor when a
# figure comes before the verb or right after it (持牌金融机构新增47家: the metric came first). What is cut
# must end like a place, an area, an institution or a programme (主城区, 保税仓库, 梧州学院, 每个县（市、区）,
# …精英计划, 人防工程): a sector or a fund before the verb is the metric's own (清洁能源新增装机, 养老保险新增扩面).
COUNT_VERB = re.compile(r"(?<![培养新])(?:新增|新引进|引进)")
TARGET_SUBJECT_ENDS = frozenset("区县市城镇乡村园库院校地）)划程")
NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿两]")
MIN_TARGET_SUBJECT = 3


def _targets_from_count_verbs(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET starts at the 新增/引进 it holds after its subject (see COUNT_VERB)."""
    out = []
    for start, end, label in spans:
        if label == "TARGET" and not COUNT_VERB.match(text, start, end) \
                and (verb := COUNT_VERB.search(text, start + MIN_TARGET_SUBJECT, end)) \
                and text[verb.start() - 1] in TARGET_SUBJECT_ENDS \
                and not NUMERAL.search(text, start, verb.start()) and not NUMERAL.match(text, verb.end()) \
                and NUMERAL.search(text, verb.end(), end):
            start = verb.start()
        out.append((start, end, label))
    return out


NATIONAL = "国家"


def _programmes_with_national(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """国家 right before a PROGRAMME belongs to it (纳入国家|“十五五”规划, 获批国家|知识产权强市建设试点城市): every
    gold file keeps it (国家新型城镇化规划, 国家智能建造试点; 8 of 8). Not before a name that is all quoted
    (维护国家“五大安全”: the state's, not a national programme's name), nor where 国家 ends another name."""
    out, previous_end = [], 0
    for start, end, label in spans:
        if label == "PROGRAMME" and start - len(NATIONAL) >= previous_end \
                and text.startswith(NATIONAL, start - len(NATIONAL)) and text[end - 1] not in CLOSING_QUOTES:
            start -= len(NATIONAL)
        out.append((start, end, label))
        previous_end = end
    return out


TITLE_LABELS = frozenset({"PROJECT", "PROGRAMME", "TARGET"})
# An honour a city is given by a ranking or an award, quoted or called a 称号 (“中国最具幸福感城市”, “中国天然氧吧”,
# “中国啤酒之都”称号, “世界硒都”): an honorary title, no entity (GUIDELINES); not a pilot or a designation the state gives a city to
# build something (国家碳达峰试点城市, 空港型国家物流枢纽承载城市: the gold's programmes)
HONOUR = re.compile(r"(?:[“\"](?:中国|全国|世界)[^”\"]{1,12}(?:城市|都|之乡|氧吧|名城|强市|先进市|示范市)[”\"]|[^，。]{2,20}[”\"](?:称号|荣誉))"
                    r"(?:称号|荣誉)?")
DESIGNATION_WORDS = ("试点", "承载", "支点", "枢纽")


# An image of clean water the report promises (确保一江清水永续东流, 常态实现一江清水出广元, 守护好一江碧水): no river's
# name and no project (found by a review of city-恩施-2024; five reports of the local corpus print one).
WATER_IMAGE = re.compile(r"一[江河湖泓库](?:清水|碧水|春水)")


def _without_water_images(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """No name opens on an image of clean water (WATER_IMAGE), unless a quotation holds it (“守护好一江碧水”生态文明
    实践基地: the quote names the project).

    >>> _without_water_images("确保一江清水永续东流", [(2, 10, "PROJECT")])
    []
    """
    return [(a, b, label) for a, b, label in spans
            if not (WATER_IMAGE.match(text, a) and _opening_quote_before(text, a) is None)]


def _without_honours(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Honorary titles are no names (GUIDELINES, Not entities): a quoted honour of a ranking or award, or one called a
    称号 or 荣誉, goes (found by a review of city-长治-2024: “中国气候宜居城市”, “中国天然氧吧”).

    >>> text = "获评“中国天然氧吧”，入选国家碳达峰试点城市"
    >>> [text[a:b] for a, b, _ in _without_honours(text, [(2, 10, "PROGRAMME"), (13, 22, "PROGRAMME")])]
    ['国家碳达峰试点城市']
    """
    return [(a, b, label) for a, b, label in spans
            if not (label in TITLE_LABELS and HONOUR.fullmatch(text, a, b)
                    and not any(word in text[a:b] for word in DESIGNATION_WORDS))]


def _without_titles(text: str, spans: list[tuple[int, int, str]], titles: tuple[str, ...],
                    places: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """No honorary title or epithet a city aspires to as a name (``titles``, the `title` endings of
    tagger_edges.txt: 全国文明城市, “博物馆之城”, 中国时尚产业之都), whichever rule proposed it, its closing quote
    aside; the gazetteer's ``places`` in a dropped name stay places (北流市、博白县再次上榜西部百强县)."""
    if not titles:
        return spans
    kept, freed = [], []
    for s in spans:
        if s[2] in TITLE_LABELS and text[s[0]:s[1]].rstrip(CLOSING_QUOTES).endswith(titles):
            freed += _places_dropped(places, (s[0], s[1]))
        else:
            kept.append(s)
    return sorted([*kept, *freed]) if freed else kept


def _without_consumption_or_systems(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """No kind of consumption as an INDUSTRY, no unnamed system as a PROGRAMME (see CONSUMPTION, SYSTEM)."""
    return [s for s in spans if not (s[2] == "INDUSTRY" and text.endswith(CONSUMPTION, s[0], s[1]))
            and not (s[2] == "PROGRAMME" and text.endswith(SYSTEM, s[0], s[1])
                     and not NAMED_SYSTEM.search(text, s[0], s[1]))]


# The marker of a sub-point (一是, 三是, 二要: GUIDELINES, Measures) and, after it, a verb that only reports doing
# (GUIDELINES, TARGET verbs: 建成, 完成, 实现 …), which the tagger takes into a name when the marker opens it.
POINT_MARKER = re.compile(r"[一二三四五六七八九十]{1,2}[是要](?![指否])"  # 三是, 二要
                          r"|[（(][0-9０-９一二三四五六七八九十]{1,2}[）)]|[①-⑳]|[0-9０-９]{1,2}[.．、](?![0-9０-９])")  # （3）, ③, 3.
REPORTED_DOING = re.compile(r"(?:建成|完成|实现|实施|开展|推动|用好)")
MIN_AFTER_MARKER = 3


def _without_point_markers(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name that opens on a sub-point's marker starts after it, and a TARGET also after a verb that only reports
    doing right behind the marker or its scope (三是建成|示范托育机构10家以上, 1.全市建成|幸福食堂100个, 七是|河池经开区,
    （4）|新开工老旧小区改造1.45万户 of a list of the year's ten practical things, 民生实事): the marker numbers the
    point of a list of the year's tasks, and no gold name holds one.

    >>> _without_point_markers("三是建成托育机构10家以上；七是河池经开区；（2）建成卫生院分院20个", [
    ...     (0, 13, "TARGET"), (14, 21, "PROJECT"), (22, 34, "TARGET")])
    [(4, 13, 'TARGET'), (16, 21, 'PROJECT'), (27, 34, 'TARGET')]
    """
    out = []
    for start, end, label in spans:
        marker = POINT_MARKER.match(text, start, end) if label in LEARNED_LABELS else None
        if marker and end - marker.end() >= MIN_AFTER_MARKER:
            start = marker.end()
            scope = TARGET_SCOPE.match(text, start, end) if label == "TARGET" else None
            doing = REPORTED_DOING.match(text, scope.end() if scope else start, end) if label == "TARGET" else None
            if doing and end - doing.end() >= MIN_AFTER_MARKER:
                start = doing.end()
        out.append((start, end, label))
    return out


# What a quantity is written with: figures, Chinese numerals, per cent and per mille, a rating (AA+), a class (Ⅳ类).
QUANTITY = re.compile(r"[0-9０-９零〇一二三四五六七八九十百千万亿两双半倍%％‰Ⅰ-Ⅻ]|[A-Z]{1,3}[+＋]")


def _targets_with_quantities(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET is a planned quantity (GUIDELINES): one written with no figure or numeral at all is none
    (低碳冶金技术攻关, 居民人均可支配收入增长与经济增长基本同步). Of every gold file's targets only 信用评级达AA+ has no
    numeral, and it has a rating.

    >>> _targets_with_quantities("低碳冶金技术攻关，新增企业三家，信用评级达AA+",
    ...                          [(0, 8, "TARGET"), (9, 15, "TARGET"), (16, 24, "TARGET")])
    [(9, 15, 'TARGET'), (16, 24, 'TARGET')]
    """
    return [s for s in spans if s[2] != "TARGET" or QUANTITY.search(text, s[0], s[1])]


# A work of art or a book named by its title (民族歌剧《听见索玛》, 纪录片《光照临川》): no programme.
ART_KINDS = ("剧", "纪录片", "电影", "影片", "动画片", "丛书", "图书", "教科书", "小说", "专著", "演艺", "作品", "歌曲", "舞蹈", "节目")
PLAN_BEFORE_TITLE = ("计划", "规划", "战略")


def _programmes_from_titles(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROGRAMME that holds a 《title》 after other words starts at the title: who issued it, the verb that
    issued it, a scope (国务院办公厅印发|《农村人居环境整治提升五年行动方案》, 省政府|《关于…的意见》; every gold name
    with 《 opens on it), not after a plan the title is part of (“十五”计划《纲要》); and one whose title names a
    work of art or a book is none (民族歌剧《听见索玛》).

    >>> _programmes_from_titles("省上制定印发《安宁河流域规划》，民族歌剧《听见索玛》",
    ...                         [(0, 15, "PROGRAMME"), (16, 26, "PROGRAMME")])
    [(6, 15, 'PROGRAMME')]
    """
    out = []
    for start, end, label in spans:
        title = text.find("《", start, end) if label == "PROGRAMME" else -1
        if title > start:
            before = text[start:title]
            if before.endswith(ART_KINDS):
                continue
            if not before.rstrip(CLOSING_QUOTES).endswith(PLAN_BEFORE_TITLE):
                start = title
        out.append((start, end, label))
    return out


def in_review(review: Sequence[tuple[int, int]], label: str, start: int) -> bool:
    """Whether a name of ``label`` starting at ``start`` is a TARGET inside the review part of a report (``review``:
    its spans): what was done, not what is planned, so no target (GUIDELINES)."""
    return label == "TARGET" and any(a <= start < b for a, b in review)


# A count that ends a TARGET (300个, 15条, 20家) and the quoted names right after it, which are what is counted,
# with a short head after them that ends the clause (“高效办成一件事”场景，), not a trailing 建设 or 工作.
COUNT_BEFORE_QUOTE = re.compile(r"(?:[0-9０-９][0-9０-９.．]*|[一二两三四五六七八九十百千]+)[余多]?[万千百]?[个家座条所处项批场户]$")
QUOTED_NAMES = re.compile(r"(?:“[^“”\n，。；]{1,15}”)+")
HEAD_AFTER_QUOTE = re.compile(r"[\u4e00-\u9fff]{1,4}(?=[，。；、：）\n]|$)")
NOT_HEAD_AFTER_QUOTE = ("建设", "工作", "等")


def _targets_with_counted_quotes(text: str, spans: list[tuple[int, int, str]],
                                 review: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """A TARGET that ends on a count right before quoted names takes them: what it counts (建设300个|“一老一小
    幸福院” → 300个“一老一小幸福院”, as the gold's 50个“一刻钟”便民生活圈 and 15条“断头路”“瓶颈路”), with a short head
    that ends the clause after them (175个“高效办成一件事”场景) or the rest of a name tagged from the quote on; the
    quoted names are then no names of their own. Not in the review part (``review``), where the figure is no
    target and the name stays.

    >>> _targets_with_counted_quotes("建设300个“一老一小幸福院”，推出12个“口袋公园”群和5个“一件事”场景建设",
    ...                              [(2, 6, "TARGET"), (6, 15, "PROGRAMME"), (18, 21, "TARGET"), (21, 28, "PROJECT"),
    ...                               (29, 31, "TARGET")])
    [(2, 15, 'TARGET'), (18, 28, 'TARGET'), (29, 36, 'TARGET')]
    """
    taken: set[tuple[int, int, str]] = set()
    out = []
    for span in spans:
        start, end, label = span
        quotes = QUOTED_NAMES.match(text, end) if (
            label == "TARGET" and COUNT_BEFORE_QUOTE.search(text, start, end)
            and not in_review(review, label, start)) else None
        if quotes:
            head = HEAD_AFTER_QUOTE.match(text, quotes.end())
            named = [s[1] for s in spans if s[0] == end and s[2] != "TARGET" and s[1] >= quotes.end()]
            end = max([head.end() if head and not head.group().endswith(NOT_HEAD_AFTER_QUOTE) else quotes.end(),
                       *named])
            taken.update(s for s in spans if s is not span and start <= s[0] and s[1] <= end)
        out.append((start, end, label))
    return [s for s in out if s not in taken]


# 等 that closes a list inside a tagged name (亭子口灌区一期|等|骨干水网工程, “打非治违”|等|专项行动): not the 等 of a
# grade, a rank or a word (二级甲等, 三等功, 特等奖, 高等教育, 平等, 等级, 等候, 天等县), nor of 振兴东北地区等老工业基地,
# the fixed name of a national strategy. Before a count of projects the count is a TARGET of its own (太原街|等|9个核心
# 商圈, as the gold's 中街、太原街等|9个核心商圈).
LIST_ETC = re.compile(r"(?<![甲乙一二三四五六七八九十特高中初平同对均何])等(?![级候待同于县])")
ETC_KEPT = ("老工业基地",)
ETC_LABELS = ("PROJECT", "PROGRAMME", "INDUSTRY", "ORG")
PAIRED_MARKS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"))
EVENT_ENDINGS = ("节", "年", "季", "月", "赛", "会")  # 金山消费节, 安全生产规范提升年: events by their own names


def _names_before_etc(text: str, spans: list[tuple[int, int, str]], programme_heads: Sequence[str] = (),
                      org_endings: Sequence[str] = ()) -> list[tuple[int, int, str]]:
    """A name ends before the 等 that closes a list: what follows names the kind of the listed things, not one of
    them (GUIDELINES: trailing generic words such as 等项目 are not part of a name). Every gold name of these labels
    that the text follows with 等 ends there (195 of them); none holds it but 东北地区等老工业基地. A programme keeps
    what is before the 等 only where that reads as a programme's name, quoted or ending on a programme head or an
    event's (“打非治违”等专项行动, 皖南购物节等活动); a topic before the kind (高处坠落等专项整治行动, 失业保险等社会保障
    制度的改革) is no name at all, though a slogan without a head goes with it (减税降费等政策). A project named by its
    company's name ending on an organisation's ending (省农垦集团等央企) is that ORG. Left alone: a 等 inside quotes or
    brackets (“坐堂等访”), and a list that runs on with 、 before the 等 (the rules of lists read it).

    >>> _names_before_etc("推进亭子口灌区一期等骨干水网工程，开展“打非治违”等专项行动，争创三等功，高处坠落等专项整治", [
    ...     (2, 16, "PROJECT"), (19, 31, "PROGRAMME"), (34, 37, "PROJECT"), (38, 48, "PROGRAMME")], ("行动",))
    [(2, 9, 'PROJECT'), (19, 25, 'PROGRAMME'), (34, 37, 'PROJECT')]
    >>> _names_before_etc("提升太原街等9个核心商圈", [(2, 12, "PROJECT")])
    [(2, 5, 'PROJECT'), (6, 12, 'TARGET')]
    """
    out = []
    for start, end, label in spans:
        etc = LIST_ETC.search(text, start, end) if label in ETC_LABELS else None
        if etc and etc.start() - start >= 2 and not text.startswith(ETC_KEPT, etc.end()) \
                and not re.search("[、，,]", text[start:etc.start()]) \
                and all(text.count(a, start, etc.start()) == text.count(b, start, etc.start()) for a, b in PAIRED_MARKS):
            if NUMERAL.match(text, etc.end()):
                if label == "PROJECT" and COUNT_FIRST.match(text, etc.end(), end):
                    out += [(start, etc.start(), label), (etc.end(), end, "TARGET")]  # 太原街|等|9个核心商圈
                else:
                    out.append((start, end, label))
                continue
            name = text[start:etc.start()]
            if label == "PROGRAMME" and not (name[0] in "“《" or name[-1] in "”》"
                                           or name.endswith((*programme_heads, *EVENT_ENDINGS))):
                continue
            if label == "PROJECT" and name.endswith(tuple(org_endings)):
                label = "ORG"
            end = etc.start()
        out.append((start, end, label))
    return out


# A TARGET that is a bare count or amount (80个, 2万亩, 200余场次): its metric was read as a name of its own.
BARE_COUNT = re.compile(r"(?:约|近|超)?[0-9０-９][0-9０-９.．]*[余多]?[万亿千百]?"
                        r"[个家项座条所处名户场台套人次公里亩吨元]{1,2}(?:以上|左右)?")
METRIC_LABELS = ("PROJECT", "PROGRAMME", "INDUSTRY")


def _targets_with_named_metrics(text: str, spans: list[tuple[int, int, str]],
                                review: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """A bare count right after a tagged name counts that name, which is the target's metric (创建省市县乡村振兴示范片区|
    80个 → 省市县乡村振兴示范片区80个, 发展林下经济|2万亩): one TARGET, as the gold's “十有”标准园区5个 and 新优质学校112所.
    Not in the review part (``review``), where the figure is no target and the name stays.

    >>> _targets_with_named_metrics("创建乡村振兴示范片区80个，发展林下经济2万亩", [
    ...     (2, 10, "PROJECT"), (10, 13, "TARGET"), (16, 20, "INDUSTRY"), (20, 23, "TARGET")])
    [(2, 13, 'TARGET'), (16, 23, 'TARGET')]
    """
    metric_at = {end: (start, end, label) for start, end, label in spans if label in METRIC_LABELS}
    joined = {(start, end, label): metric_at[start] for start, end, label in spans
              if label == "TARGET" and start in metric_at and BARE_COUNT.fullmatch(text, start, end)
              and not in_review(review, label, start)}
    if not joined:
        return spans
    metrics = set(joined.values())
    kept = [span for span in spans if span not in joined and span not in metrics]
    return sorted([*kept, *((metric[0], count[1], "TARGET") for count, metric in joined.items())])


# 和美 (harmonious and beautiful) of 宜居宜业和美乡村, a compound the segmenter reads as 和|美 (and | beautiful).
HEMEI_AFTER = re.compile("美(?:乡村|村|湘村|小区|社区|家园|城镇)")


def _with_hemei(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name that opens on the 美 of 和美乡村 holds the 和 too (实施和|美乡村提标行动 → 和美乡村提标行动): 和 joins no list
    there, it is half of the word 和美.

    >>> _with_hemei("实施和美乡村提标行动，中国和美国", [(3, 10, "PROGRAMME"), (14, 16, "PLACE")])
    [(2, 10, 'PROGRAMME'), (14, 16, 'PLACE')]
    """
    return [(start - 1, end, label) if start and text[start - 1] == "和" and HEMEI_AFTER.match(text, start, end)
            else (start, end, label) for start, end, label in spans]


# A list of programmes closed by the kind they are (营商改革破难攻坚、中介服务效能提升等专项行动, 登记要点审查、电子执照推广
# 应用等国家试点, 天然林保护、风沙源和石漠化治理等生态工程, …等品牌): the gold files name every item of such a list, where
# the tagger names one and leaves its siblings (review of city-宁波-2024). Lists closed by 机制, 制度, 改革 or 政策 are not
# among them: gold names some of their items and not others (竞争择优、揭榜挂帅等机制 → 揭榜挂帅 only); nor are the titles
# of a 创建活动 (国家卫生城市、儿童友好城市等创建活动: honours a city seeks, GUIDELINES, Not entities).
PROGRAMME_LIST_CLOSE = re.compile(r"等(?:[一二三四五六七八九十\d]+[个项大])?(?:国家|省级|全国|(?!创建|争创|评选)[\u4e00-\u9fff]{2})?"
                                  r"(?:专项行动|行动|试点|工程|品牌|活动)(?![\u4e00-\u9fff]?[园区库])")
LISTED_PROGRAMME = re.compile(r"[\u4e00-\u9fff“”]{4,16}")


def _listed_programme_siblings(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The items of a 、-list closed by :data:`PROGRAMME_LIST_CLOSE` that hold a tagged PROGRAMME are PROGRAMMEs too,
    where nothing was read there: each between 、 and 、 or 等, of four to sixteen name characters.

    >>> text = "开展营商改革破难攻坚、中介服务效能提升等专项行动"
    >>> [text[a:b] for a, b, _ in _listed_programme_siblings(text, [(2, 10, "PROGRAMME")])]
    ['营商改革破难攻坚', '中介服务效能提升']
    """
    if "等" not in text:
        return spans
    added = []
    for close in PROGRAMME_LIST_CLOSE.finditer(text):
        end, pieces = close.start(), []
        while True:
            start = text.rfind("、", 0, end) + 1
            if start == 0 or not LISTED_PROGRAMME.fullmatch(text, start, end):
                break
            pieces.append((start, end))
            end = start - 1
        if not pieces:
            continue
        first = end  # the first item's end: its start is where the tagger read it
        tagged = any(label == "PROGRAMME" and (b == first or (a, b) in pieces) for a, b, label in spans)
        if not tagged:
            continue
        added += [(a, b, "PROGRAMME") for a, b in pieces if not any(s < b and a < e for s, e, _ in spans)]
    return sorted([*spans, *added]) if added else spans


def programme_endings(heads: Sequence[str]) -> tuple[str, ...]:
    """The programme heads and the events' endings, longest first (what :func:`_listed_programmes_apart` reads)."""
    return tuple(sorted({*heads, *EVENT_ENDINGS}, key=len, reverse=True))


def _listed_programmes_apart(text: str, spans: list[tuple[int, int, str]], endings: Sequence[str]
                             ) -> list[tuple[int, int, str]]:
    """A PROGRAMME of 、-items that each end on the same programme or event head is a list of programmes, not one
    name (GUIDELINES, Shared heads: items with their own head are separate spans): 服务贸易协定、政府采购协定 →
    服务贸易协定, 政府采购协定; …山歌艺术节、…文化旅游节. Not a list whose head is shared (户籍制度、社会管理体制和
    相关制度改革: 改革 of both), closed by 等 or counted, or quoted. ``endings``: the heads, longest first
    (:func:`programme_endings`).

    >>> _listed_programmes_apart("加入服务贸易协定、政府采购协定，推进户籍制度、相关制度改革",
    ...                          [(2, 15, "PROGRAMME"), (19, 30, "PROGRAMME")], programme_endings(("协定", "制度", "改革")))
    [(2, 8, 'PROGRAMME'), (9, 15, 'PROGRAMME'), (19, 30, 'PROGRAMME')]
    """
    out = []
    for start, end, label in spans:
        name = text[start:end]
        pieces = name.split("、")
        head = next((h for h in endings if pieces[0].endswith(h)), None) if label == "PROGRAMME" else None
        headless = label == "PROGRAMME" and _headless_items(pieces, endings)
        if ((head is None and not headless) or len(pieces) < 2 or "等" in name or COUNTED_HEAD.search(name)
                or "“" in name or "《" in name
                or not (headless or all(len(piece) > len(head) and piece.endswith(head) for piece in pieces))):
            out.append((start, end, label))
            continue
        out += [(a, b, label) for a, b in _comma_pieces(text, start, end)]
    return out


# Words that end a programme and may be shared by the items before them, besides the programme heads: 部分农产品批发、
# 零售增值税政策; 老旧小区、城中村改造; 惠企政策免申即享、直达快享机制.
SHARED_PROGRAMME_HEADS = (*SYSTEM_NOUNS, "改造", "整治", "治理", "建设", "服务", "供给", "资金", "基金", "会议", "全会",
                          "讲话", "清单", "方案", "办法", "平台", "协定", "条例")
PROGRAMME_AND = re.compile("[和与及]")


def _headless_items(pieces: list[str], endings: Sequence[str]) -> bool:
    """Whether 、-items are programmes named in full with no head to share (省内对口产业协作、驻镇帮镇扶村, 城乡低保、
    专项救助): four characters or more each and none ends on a programme head, which the others would share
    (农产品批发、零售增值税政策)."""
    return len(pieces) > 1 and all(_named_in_full(piece) and not PROGRAMME_AND.search(piece)
                                   and not piece.endswith((*endings, *SHARED_PROGRAMME_HEADS)) for piece in pieces)


# The central organs of the state and the party, which the reports name as actors (党中央贯彻…, 国务院有关部门要…,
# 接受全国人大监督): a closed class, not a list of names the gold holds.
CENTRAL_ORGANS = re.compile(r"中共中央|党中央|国务院(?:办公厅)?|全国人大(?:常委会)?|全国政协|中央军委")


# A school or hospital that the clause builds, extends or starts (扩建鲁南技师学院、临沂科技职业学院, 开工临沂科技学院, 启动
# 临沂大学医学院建设): a facility to build, a PROJECT (GUIDELINES; the gold files: 开工建设白洋中学), not an actor. The
# verb stands right before it, or before the list it closes (each item a school too). Not 建设 alone: 建设…应用型大学
# is becoming a kind of university.
SCHOOL_ENDINGS = ("学院", "大学", "学校", "中学", "小学", "医院", "幼儿园")
BUILT_SCHOOL = re.compile(r"(?:扩建|新建|改扩建|迁建|续建|筹建|开工建设|开工|启动|建成)"
                          rf"(?:[\u4e00-\u9fff]{{2,16}}(?:{'|'.join(SCHOOL_ENDINGS)})、)*$")
MAX_SCHOOL_LIST = 60  # characters from the verb to the school
# ... and the school is the whole object: the clause or the list item ends after it (温州理工学院|建设理工类…大学 is a
# subject; 铜陵职业技术学院|培训大楼 a part of the project's name)
SCHOOL_OBJECT_END = re.compile(r"(?:建设|项目)?(?:[，。；、]|$)")


# A school's name cut before the kind of school it is (四川中医药高等|专科学校): the words of a school's rank or kind
# that never end a name, and the kinds after them.
SCHOOL_RANK_END = ("高等", "中等", "职业", "技工", "师范")
SCHOOL_KIND = re.compile(r"专科学校|职业学校|技术学校|学校|学院|专修学院")


def _schools_with_their_kind(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name ending on a school's rank (:data:`SCHOOL_RANK_END`) right before the kind of school (:data:`SCHOOL_KIND`)
    is the school, an ORG (GUIDELINES, ORG: an institution named as an actor), whatever the tagger labelled its
    first words; :func:`_schools_being_built` then makes one being built a PROJECT (five names of city-凉山, 绵阳 and
    遵义-2024 such as 西昌医学高等|专科学校秋季招生).

    >>> text = "推动四川中医药高等专科学校实现专升本"
    >>> [(text[a:b], label) for a, b, label in _schools_with_their_kind(text, [(2, 9, "PROJECT")])]
    [('四川中医药高等专科学校', 'ORG')]
    """
    grown = {}
    for a, b, label in spans:
        kind = SCHOOL_KIND.match(text, b) if text.endswith(SCHOOL_RANK_END, a, b) else None
        if kind is not None and label in ("PROJECT", "PROGRAMME", "ORG", "PLACE"):
            grown[(a, b, label)] = (a, kind.end(), "ORG")
    if not grown:
        return spans
    added = [(b, end) for (_, b, _), (_, end, _) in grown.items()]
    return [grown.get(span, span) for span in spans
            if span in grown or not any(b < span[1] and span[0] < end for b, end in added)]


def _schools_being_built(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An ORG ending like a school or hospital (SCHOOL_ENDINGS) right after a verb of building (BUILT_SCHOOL), or
    after a list of such that follows one, is a PROJECT.

    >>> text = "扩建鲁南技师学院、临沂科技职业学院，开工临沂城市职业学院，支持丽水学院加快建设，启动铜陵职业技术学院培训大楼建设"
    >>> [(text[a:b], label) for a, b, label in _schools_being_built(text, [
    ...     (2, 8, "ORG"), (9, 17, "ORG"), (20, 28, "ORG"), (31, 35, "ORG"), (42, 50, "ORG")])]
    [('鲁南技师学院', 'PROJECT'), ('临沂科技职业学院', 'PROJECT'), ('临沂城市职业学院', 'PROJECT'), ('丽水学院', 'ORG'), ('铜陵职业技术学院', 'ORG')]
    """
    return [(a, b, "PROJECT" if label == "ORG" and text.endswith(SCHOOL_ENDINGS, a, b) and SCHOOL_OBJECT_END.match(text, b)
             and BUILT_SCHOOL.search(text[max(0, a - MAX_SCHOOL_LIST):a]) else label) for a, b, label in spans]


def _with_central_organs(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The central organs (CENTRAL_ORGANS) are ORGs wherever no other name holds them (every one of the gold files'
    党中央, 国务院 and 全国人大 is an ORG); one inside a title or a programme's name stays part of it.

    >>> _with_central_organs("这是党中央的决策，国务院有关部门要抓紧，《国务院关于…的意见》", [(20, 31, "PROGRAMME")])
    [(2, 5, 'ORG'), (9, 12, 'ORG'), (20, 31, 'PROGRAMME')]
    """
    found = [(m.start(), m.end(), "ORG") for m in CENTRAL_ORGANS.finditer(text)
             if not any(a < m.end() and m.start() < b for a, b, _ in spans)]
    return sorted([*spans, *found]) if found else spans


# The works a count of projects is said to include (古城广场、大明文旅综合体、虹山湖夜游|等|10个项目): the head after the
# count that makes its listed items projects; the verbs of building or pushing on that open the list, and the
# generic words that end an item, are no part of one.
COUNTED_WORKS = re.compile(r"项目|工程")
ITEM_VERBS = re.compile(r"(?:新开工|开工建设|开工|竣工投产|竣工|建成投用|建成|投产|加快推进|加快|推进|推动|实施|完成|新建|续建"
                        r"|做好|抓好|盘活|促进|确保)+")
ITEM_TRAILERS = re.compile(r"(?:建设|工作)$")
# An item of a list that ends on a figure and its unit (规上企业100家, 标准厂房20万平方米): a figure of its own, not a
# project's capacity (董酒4万吨扩建, 恒信50万吨乙醇 go on after it), nor a road's number (G311).
@functools.cache
def _item_figure_end() -> re.Pattern[str]:
    from pipelines.lexicon import Lexicon

    units = "|".join(re.escape(unit) for unit in sorted(Lexicon.default().target_units, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9０-９])[0-9０-９][0-9０-９.．%％]*[万亿千百]*(?:{units})?(?:以上|左右)?$")


MAX_LISTED_TAIL = 60  # characters from a figureless TARGET's end to the 等 that closes its list


def _targets_after_listed_items(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET that counts projects or works (COUNTED_WORKS) and runs over a list closed by 等 right before its count
    starts at the count, and the listed items are PROJECTs of their own, as the gold files have every such list
    (推动古城广场、大明文旅综合体、虹山湖夜游等|10个项目建设 → 古城广场, 大明文旅综合体, 虹山湖夜游 and 10个项目). Not
    a count of something else, whose list names kinds (新建重点实验室、新型研发机构等50家以上, 引进大学生等各类人才
    9万名以上: the metric), nor a list whose items end on a figure (规上企业100家、…: figures of their own); a
    capacity inside a project's name is no such figure (董酒4万吨扩建). A TARGET of the same list's first items,
    without a figure, that the tagger ended before a PROJECT item (茅台技改、国台改建|、董酒4万吨扩建等395个重大产业
    项目) is those items, PROJECTs too.

    >>> _targets_after_listed_items("推动古城广场、虹山湖夜游等10个项目建设，引进大学生等各类人才9万名以上",
    ...                             [(0, 19, "TARGET"), (24, 40, "TARGET")])
    [(2, 6, 'PROJECT'), (7, 12, 'PROJECT'), (13, 19, 'TARGET'), (24, 40, 'TARGET')]
    >>> text = "加快茅台技改、国台改建、董酒4万吨扩建等395个重大产业项目建设"
    >>> [(text[a:b], label) for a, b, label in _targets_after_listed_items(text, [(2, 11, "TARGET"), (12, 19, "PROJECT"),
    ...                                                                         (20, 30, "TARGET")])]
    [('茅台技改', 'PROJECT'), ('国台改建', 'PROJECT'), ('董酒4万吨扩建', 'PROJECT'), ('395个重大产业项目', 'TARGET')]
    >>> [(text[a:b], label) for a, b, label in _targets_after_listed_items(text, [(2, 30, "TARGET")])]
    [('茅台技改', 'PROJECT'), ('国台改建', 'PROJECT'), ('董酒4万吨扩建', 'PROJECT'), ('395个重大产业项目', 'TARGET')]
    """
    out: list[tuple[int, int, str]] = []
    heads = {}  # a figureless TARGET ended before the items of a count's list → where that list's 等 stands
    for index, (start, end, label) in enumerate(spans):
        if label != "TARGET" or DIGIT.search(text, start, end) or "、" not in text[start:end] \
                or not text.startswith("、", end):
            continue
        for later, later_end, later_label in spans[index + 1:]:
            between = text[end:later]
            if re.search("[，。；：]", between) or later - end > MAX_LISTED_TAIL:
                break
            etc = LIST_ETC.search(text, later, later_end) if later_label == "TARGET" else None
            if later_label == "TARGET" and LIST_ETC.match(text, later - 1) and NUMERAL.match(text, later) \
                    and COUNTED_WORKS.search(text, later, later_end):
                heads[(start, end)] = later - 1
                break
            if etc is not None and NUMERAL.match(text, etc.end()) and COUNTED_WORKS.search(text, etc.end(), later_end):
                heads[(start, end)] = etc.start()
                break
    for start, end, label in spans:
        if (start, end) in heads and label == "TARGET":
            out += _listed_projects(text, start, end, spans, (start, end))
            continue
        etc = next((m for m in LIST_ETC.finditer(text, start, end) if NUMERAL.match(text, m.end())), None) \
            if label == "TARGET" else None
        if etc is None or etc.start() - start < 2 \
                or any(_item_figure_end().search(text, a, b) for a, b in _comma_pieces(text, start, etc.start())) \
                or COUNT_VERB.match(text, start) or re.search("[，。；]", text[start:etc.start()]) \
                or not COUNTED_WORKS.search(text, etc.end(), end):
            out.append((start, end, label))
            continue
        out += _listed_projects(text, start, etc.start(), spans, (start, end))
        out.append((etc.end(), end, label))
    return sorted(out)


def _listed_projects(text: str, start: int, end: int, spans: list[tuple[int, int, str]], own: tuple[int, int]
                     ) -> list[tuple[int, int, str]]:
    """The items of the list ``text[start:end]`` as PROJECTs, without the verbs before them (ITEM_VERBS) and 建设
    after the last (ITEM_TRAILERS); an item another span (not ``own``) overlaps is left to it."""
    found = []
    verbs = ITEM_VERBS.match(text, start, end)
    for a, b in _comma_pieces(text, verbs.end() if verbs else start, end):
        trailer = ITEM_TRAILERS.search(text, a, b)
        b = trailer.start() if trailer else b
        if b - a >= 2 and not any(x < b and a < y for x, y, _ in spans if (x, y) != own):
            found.append((a, b, "PROJECT"))
    return found


# What no sector is: a facility or a kind of one (新材料产业园, 公立医院, 精品酒店, 汽车小镇), a road's number (G344).
FACILITY_KIND_ENDINGS = ("园", "园区", "医院", "酒店", "小镇")
ROAD_NUMBER = re.compile(r"[GSXYZ]\d{2,4}")


# 业态 (a trade's forms) and 业主体 (经营主体, the actors) after a name the tagger ended on 业: 丰富旅游|业态 names the sector
# 旅游, as the gold files do (旅游业态 → 旅游, 文旅业态 → 文旅); 新型农业|经营主体 is a class of actors, no sector.
TRADE_FORMS = "态"
ACTORS_AFTER = re.compile("经营主体|主体")
MIN_SECTOR = 2


def _industries_before_forms(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An INDUSTRY ending on the 业 of 业态 ends before it; one ending on 业 before 经营主体 or 主体 goes.

    >>> text = "丰富旅游业态，培育新型农业经营主体，发展服务业"
    >>> [text[a:b] for a, b, _ in _industries_before_forms(text, [(2, 5, "INDUSTRY"), (9, 13, "INDUSTRY"), (20, 23, "INDUSTRY")])]
    ['旅游', '服务业']
    """
    out = []
    for start, end, label in spans:
        if label == "INDUSTRY" and text[end - 1:end] == "业":
            if text.startswith(TRADE_FORMS, end) and end - 1 - start >= MIN_SECTOR:
                end -= 1
            elif ACTORS_AFTER.match(text, end):
                continue
        out.append((start, end, label))
    return out


def _industries_as_sectors(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An INDUSTRY is a sector, trade form or technology field (GUIDELINES): not a facility or a road's number.
    No gold INDUSTRY is either.

    >>> _industries_as_sectors("发展农业，建设新材料产业园和G344", [(2, 4, "INDUSTRY"), (7, 13, "INDUSTRY"), (14, 18, "INDUSTRY")])
    [(2, 4, 'INDUSTRY')]
    """
    return [s for s in spans if s[2] != "INDUSTRY" or not (
        text.endswith(FACILITY_KIND_ENDINGS, s[0], s[1]) or ROAD_NUMBER.fullmatch(text, s[0], s[1]))]


# What 业 opens right after a sector's name, where it is not the sector's own ending (旅游|业态, 快递|业务).
NOT_TRADE_ENDING = "态务主内界绩余"


def _industries_with_trade_ending(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An INDUSTRY ends on the 业 that follows it, where 业 closes the sector's name (房地产|业 → 房地产业: the segmenter
    cuts it off; the gold's 建筑业, 生产性服务业; found by a review of city-眉山-2024), not where 业 opens another word.

    >>> _industries_with_trade_ending("促进房地产业平稳发展，培育旅游业态", [(2, 5, "INDUSTRY"), (13, 15, "INDUSTRY")])
    [(2, 6, 'INDUSTRY'), (13, 15, 'INDUSTRY')]
    """
    return [(a, b + 1, label) if label == "INDUSTRY" and text[b:b + 1] == "业" and text[b + 1:b + 2] not in NOT_TRADE_ENDING
            and not any(x == b for x, _, _ in spans) else (a, b, label) for a, b, label in spans]


# A trade named by its one-character good and 业 (糖业, 林业, 渔业, 茶业: the gold's 林业, 渔业, 椅业), right after a verb
# that promotes it (加快|糖业转型升级, 推动|糖业向高端化…发展, 发展特色|林业 stays the tagger's call), is an INDUSTRY
# (reviews of city-来宾-2024 and city-崇左-2024: five of 糖业 missed); not a right or a measure of the trade (矿业权,
# 林业碳汇, 渔业总产值), nor a firm's name (…药业, 纸业, 铝业: words of company names, left out).
# (The good first, the verb looked behind for after it: the engine skips to the goods.)
COMMODITY_TRADE = re.compile(r"[糖茶酒盐林渔牧矿果竹蚕椅](?<=加快.|推动.|推进.|发展.|做强.|做大.|做优.|壮大.|振兴.|延伸.|支持.|提升.)业"
                             r"(?![权碳产总增有企局厅站集公园基])")


def _with_commodity_trades(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A :data:`COMMODITY_TRADE` that no name overlaps is an INDUSTRY.

    >>> text = "加快糖业转型升级，推进矿业权出让，推动糖业向高端化发展"
    >>> _with_commodity_trades(text, [])
    [(2, 4, 'INDUSTRY'), (19, 21, 'INDUSTRY')]
    """
    found = [(m.start(), m.end(), "INDUSTRY") for m in COMMODITY_TRADE.finditer(text)
             if not any(m.start() < b and a < m.end() for a, b, _ in spans)]
    return sorted([*spans, *found]) if found else spans


def _with_paired_quotes(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name holds its quotation marks in pairs, as every gold name does: one that opens on a closing mark or ends
    on an opening one loses it, and one left with a mark without its pair takes the pair where it stands right
    outside the name (“八七扶贫攻坚计划|” → “八七扶贫攻坚计划”, “|一江碧水”生态文明实践基地) or else loses the mark
    (“农业 of “农业+” → 农业), or, for a closing mark inside the name, the opening one a little further back in the
    sentence, where the quote runs over a 、 or a ， (“八水统筹、|水润淄博”水资源保护利用 → “八水统筹、水润淄博”水资源保护
    利用: the quoted slogan and the head after it are one name; what the tagger read inside it is no name of its own).

    >>> _with_paired_quotes("发展“农业+”，“八七扶贫攻坚计划”，“一江碧水”生态文明实践基地",
    ...                     [(2, 5, "INDUSTRY"), (8, 17, "PROGRAMME"), (20, 33, "PROJECT")])
    [(3, 5, 'INDUSTRY'), (8, 18, 'PROGRAMME'), (19, 33, 'PROJECT')]
    >>> _with_paired_quotes("推进“八水统筹、水润淄博”水资源保护利用", [(3, 7, "PROGRAMME"), (8, 19, "PROJECT")])
    [(2, 19, 'PROJECT')]
    """
    out, widened = [], []
    for start, end, label in spans:
        if label in LEARNED_LABELS and ("“" in text[start:end] or "”" in text[start:end]):
            while start < end and text[start] == "”":
                start += 1
            while start < end and text[end - 1] == "“":
                end -= 1
            opening, closing = text.count("“", start, end), text.count("”", start, end)
            if opening == closing + 1:
                if text[end:end + 1] == "”":
                    end += 1
                elif text[start] == "“":
                    start += 1
            elif closing == opening + 1:
                if start and text[start - 1] == "“":
                    start -= 1
                elif text[end - 1] != "”" and (opened := _opening_quote_before(text, start)) is not None:
                    start = opened  # “八水统筹、|水润淄博”水资源保护利用: the quote's first items are the name's too
                    widened.append((start, end))
                elif text[end - 1] == "”":
                    end -= 1
            if end - start < 2:
                continue
        out.append((start, end, label))
    return [s for s in out if not any(a <= s[0] and s[1] <= b and (a, b) != s[:2] for a, b in widened)]


QUOTE_REACH = 16  # how far back a quotation that a name closes may open


def _opening_quote_before(text: str, start: int) -> int | None:
    """Where the quotation opens that a name starting at ``start`` closes, if it opens before the name in the same
    sentence (“八水统筹、|水润淄博”: the tagger read the quote's 、 as a list's)."""
    window = text[max(0, start - QUOTE_REACH):start]
    opened = window.rfind("“")
    if opened < 0 or "”" in window[opened:] or any(mark in window[opened:] for mark in "。；！？\n"):
        return None
    return start - len(window) + opened


# Verbs that reject the practice named right after them (坚决不搞|“形象工程”, 防范和纠治|“新形象工程”, 反对|“台独”分裂活动,
# 杜绝|“光喊口号、不见行动”), and 整治 of a bare quoted word (整治|“蝇贪蚁腐”), not of a campaign (专项整治|“三大行动”,
# 整治“四风”专项行动).
OPPOSING = re.compile(r"(?:反对|搞|杜绝|纠治|严禁|禁止|防止)$")  # 搞 alone: 不搞, 决不允许…搞; 搞好, 搞活 end otherwise
RECTIFYING = re.compile(r"整治$")
CAMPAIGN_ENDINGS = ("行动", "活动", "工程", "计划", "改革", "攻坚战", "战役")


def _without_opposed_programmes(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """No PROGRAMME for a practice the report rejects, nor for the quoted ones listed right after it (不搞“形象工程”
    “面子工程”): a programme is what the government runs (GUIDELINES), and the one gold file that has such a phrase
    leaves it out (不搞“一刀切”).

    >>> _without_opposed_programmes("坚决防范和纠治“新形象工程”，整治“蝇贪蚁腐”，开展“三大行动”",
    ...                             [(7, 14, "PROGRAMME"), (17, 23, "PROGRAMME"), (26, 32, "PROGRAMME")])
    [(26, 32, 'PROGRAMME')]
    >>> _without_opposed_programmes("不搞“形象工程”“面子工程”", [(2, 8, "PROGRAMME"), (8, 14, "PROGRAMME")])
    []
    """
    def opposed(start: int, end: int, after: int) -> bool:
        if text[start:start + 1] in OPENING_QUOTES and start - (text[start - 1:start] == "、") == after:
            return True  # the next of a list of rejected practices
        before = text[max(0, start - 3):start].rstrip(OPENING_QUOTES)
        if OPPOSING.search(before):
            return True
        bare = (text[start:start + 1] in OPENING_QUOTES or text[start - 1:start] in OPENING_QUOTES) and (
            text[end - 1:end] in CLOSING_QUOTES or text[end:end + 1] in CLOSING_QUOTES)
        return bare and RECTIFYING.search(before) is not None and not text[start:end].rstrip(
            CLOSING_QUOTES).endswith(CAMPAIGN_ENDINGS)
    out, after = [], -1  # after: the end of the last rejected practice
    for start, end, label in spans:
        if label == "PROGRAMME" and opposed(start, end, after):
            after = end
            continue
        out.append((start, end, label))
    return out


# Verbs that fight what their clause lists (打击电信网络诈骗, 防范房地产风险): what follows them is a crime or a risk,
# not a sector to develop (GUIDELINES, INDUSTRY); no gold file has an industry in such a clause.
SUPPRESSING = re.compile("打击|惩治|严惩|严打|查处|取缔|防范|整治|纠治|遏制|破除|抵制|反对")
SUPPRESSING_CLAUSE = re.compile(r"[，。；：！？,;:!?\n]")
# ... and a list closed by what it is the bad habits of (高价彩礼、大操大办等突出问题专项治理, …等陈规陋习).
SUPPRESSED_LIST = re.compile(r"[\u4e00-\u9fff、]{0,30}?等(?:陈规陋习|突出问题|不正之风|歪风|乱象)")


def _suppressed(text: str, start: int) -> bool:
    """Is the name at ``start`` among what its clause fights (惩治…盗窃、抢劫、电信网络诈骗; 开展高价彩礼、大操大办等突出问题
    专项治理)?"""
    clause = _clause_opening(text, SUPPRESSING_CLAUSE, start, 60)
    return SUPPRESSING.search(text, clause, start) is not None or SUPPRESSED_LIST.match(text, start) is not None


# An item between two tagged industries of one list: a few name characters, no punctuation.
INDUSTRY_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,6}")
# Verbs by which a clause promotes what it lists (GUIDELINES: a sector the sentence promotes, supports or
# opens); a list under 紧盯, 补齐 or 做好 names fields of inspection or of work, not industries.
PROMOTING = re.compile("发展|培育|壮大|做强|做大|做优|做精|支持|扶持|鼓励|打造|布局|拓展|引进|聚焦|振兴|提升|升级|巩固")
# What a list closed by 等 may be of, other than industries (企业 of a trade, 功能, 工作, 部门).
NOT_INDUSTRY_CLASSES = ("企业", "功能", "工作", "部门", "单位", "公司", "集团", "主体")
# What a list closed by 等 names when it is of sectors whatever the verb (提高银行、证券、保险等行业竞争力, 深化电信、金融、
# 医疗等领域开放)
SECTOR_CLASSES = ("行业", "产业", "领域")
# ... or one qualified, once or twice (智能制造、无人驾驶、智慧医疗等|垂直细分|行业; 冶金、建材、机电等|传统|产业; 时装、钟表等|传统优势|产业; not 重点: 紧盯煤矿、…、消防等
# 重点行业 are fields inspected)
SECTOR_CLASS_TAIL = re.compile("(?:传统|特色|新兴|优势|主导|支柱|垂直细分|细分){0,2}(?:行业|产业|领域)")
# ... but not where the fields are where risks are checked or put right (危化品、城镇燃气、道路交通等行业领域安全整治)
RISK_WORDS = re.compile("安全|隐患|风险|整治|排查|攻坚|监管|执法|事故")
CLAUSE_START = re.compile("[，。；：！？\n]")


def _with_listed_industries(text: str, spans: list[tuple[int, int, str]], generic: Collection[str] = (),
                            tokens: Sequence[tuple[int, int, str | None]] = ()) -> list[tuple[int, int, str]]:
    """The other items of a 、-list holding two tagged INDUSTRYs are industries too, when the clause promotes
    them, or when the list closes with 等 and a class of sectors (SECTOR_CLASSES): the items between them
    (大力发展金融、物流、信息、研发、工业设计等: 信息, 研发), the last one before 等
    and, given the tokens, a one-word first one (支持社会力量提供教育、文化、养老、医疗等服务: 教育, 医疗). On
    every gold file, no item of a list with two industries in it is left unannotated."""
    added: list[tuple[int, int, str]] = []
    industries = [(a, b) for a, b, label in spans if label == "INDUSTRY"]
    taken = [(a, b) for a, b, _ in spans]
    chains: list[list[tuple[int, int]]] = []
    for (first, end), (start, _) in itertools.pairwise(industries):
        pieces = _list_pieces(text, end, start)
        if pieces is None or any(a < y and x < b for a, b in pieces for x, y in taken):
            continue
        if chains and chains[-1][-1] == (first, end):
            chains[-1].append((start, _))
        else:
            chains.append([(first, end), (start, _)])
        added.extend((a, b, "INDUSTRY") for a, b in pieces if text[a:b] not in generic and text[a:b] not in SECTOR_CLASSES)
    kept = []
    for chain in chains:
        first, last = chain[0][0], chain[-1][1]
        clause = max((m.end() for m in CLAUSE_START.finditer(text, max(0, first - 40), first)), default=0)
        etc = text.find("等", last, last + 8)
        tail = LIST_STOP.split(text[etc + 1:etc + 12], maxsplit=1)[0] if etc >= 0 else ""
        if not PROMOTING.search(text, clause, first) and not (
                SECTOR_CLASS_TAIL.match(tail) and not RISK_WORDS.search(text, clause, etc + 12)):
            continue
        if any(word in tail for word in NOT_INDUSTRY_CLASSES):
            continue  # 上汽大众、广汽、陕汽等汽车制造企业; 教育、健康、养老、治理等功能: not a list of industries
        kept.extend(item for item in added if first < item[0] < last)
        if text.startswith("、", last):  # the last item, closed by 等
            stop = text.find("等", last + 1, last + 8)
            if stop > last + 1 and INDUSTRY_ITEM.fullmatch(text, last + 1, stop) and text[last + 1:stop] not in generic:
                kept.append((last + 1, stop, "INDUSTRY"))  # in place of a name the tagger labelled otherwise there
        if first > 0 and text[first - 1] == "、":  # the first item: the one word before the first 、
            word = next(((a, b, tag) for a, b, tag in tokens if b == first - 1), None)
            # ... after a verb, a preposition or a mark, not inside a longer name (构建大|数据, 专业|服务)
            # (jieba tags 深化 j and 布局 n: a word of PROMOTING opens too)
            before = next(((a, tag) for a, b, tag in tokens if word and b == word[0]), None)
            opened = not word or word[0] == clause or before is None or (before[1] or "x")[0] in "vpcxwj" \
                or bool(PROMOTING.fullmatch(text, before[0], word[0])) or not text[word[0] - 1].isalnum()
            if (word and opened and 2 <= word[1] - word[0] <= 4 and word[2] in ("n", "vn", "nz") and word[0] > clause
                    and text[word[0]:word[1]] not in generic and text[word[0]:word[1]] not in SECTOR_CLASSES
                    and not any(x < word[1] and word[0] < y for x, y in taken)):
                kept.append((word[0], word[1], "INDUSTRY"))
    if not kept:
        return spans
    relabelled = {(a, b) for a, b, _ in kept}
    return sorted([*(span for span in spans if span[:2] not in relabelled), *kept])


# A list closed by 等 and a class of industries (水产、花木、腊味等特色农业; 矿用装备、农机装备、应急装备等产业), or by their
# count (蔬菜、肉鸡两大国家级优势特色产业集群, review of city-潍坊-2024; 优质稻米、菜籽油、生猪、特色淡水产品4条农业全产业链,
# review of city-荆州-2024): every item is one, as the gold files mark 74 of the 75 items after a list's first in such lists.
INDUSTRY_CLASS_LIST = re.compile(
    r"((?:[\u4e00-\u9fffA-Za-z0-9]{1,8}、)+[\u4e00-\u9fffA-Za-z0-9]{1,6})(?:等|[两二三四五六七八九十]大|\d{1,2}条)"
    r"[^\W\d_和与及]{0,8}?(?:产业集群|全产业链|产业链|产业|特色农业)(?![园基区项平链])")

# Everything INDUSTRY_CLASS_LIST matches, and the character its look-ahead reads, is a word character or 、, so a
# match lies inside one run of them; it tried every position of a text (0.40 s over both corpora, 0.18 s run by run).
_WORD_RUN = re.compile(r"[\w、]+")


def _list_class_matches(text: str) -> Iterator[re.Match[str]]:
    """INDUSTRY_CLASS_LIST.finditer(text), searched only in the runs of word characters and 、 that hold a 、 and
    产业 or 特色农业 (every match holds both)."""
    for run in _WORD_RUN.finditer(text):
        words = run.group()
        if "、" in words and ("产业" in words or "特色农业" in words):
            yield from INDUSTRY_CLASS_LIST.finditer(text, *run.span())


def _with_industry_class_lists(text: str, spans: list[tuple[int, int, str]], generic: Collection[str] = ()
                               ) -> list[tuple[int, int, str]]:
    """The items of a 、-list closed by 等 and a class of industries (产业, 产业集群, 业态, 特色农业, 行业; not 产业园,
    产业基地) are INDUSTRYs where no tagged name overlaps them: the tagger tends to find all of such a list or none
    (发展壮大|水产、花木、腊味等特色农业). The first item starts after the verb that promotes the list (``PROMOTING``),
    and without one in its clause the list is left alone; items that are generic words (``generic``) or longer
    than six characters stay out."""
    if "等" not in text and "大" not in text:
        return spans
    added = []
    taken = _Overlaps(spans)
    for match in _list_class_matches(text):
        items = _comma_pieces(text, *match.span(1))
        first_start, first_end = items[0]
        promoted = [m.end() for m in PROMOTING.finditer(text, first_start, first_end)]
        if not promoted or first_end - promoted[-1] < 1:
            continue
        items[0] = (promoted[-1] + text.startswith("以", promoted[-1]), first_end)  # 以苗绣、蜡染…等为代表的
        for a, b in items:
            if 1 <= b - a <= 6 and text[a:b] not in generic and not taken(a, b):
                added.append((a, b, "INDUSTRY"))
    return sorted([*spans, *added]) if added else spans


SHARED_HEAD_JOINS = ("、", "和")
MAX_MODIFIER = 3


def _with_shared_head_industries(text: str, spans: list[tuple[int, int, str]], sectors: Collection[str],
                                 tokens: Sequence[tuple[int, int, str | None]] = ()) -> list[tuple[int, int, str]]:
    """Modifiers listed before an INDUSTRY that ends on a sector's own name share that name: one span
    (GUIDELINES, Shared heads: 民用和通用航空). Only items of one to three characters that are no sector of
    their own (``sectors``, the industry lexicon: 文化和旅游 stays apart) and make a known word with the shared
    name (民用航空, in the lexicon or the segmenter's dictionary: not 银行、互联网金融, not 炼油、石油化工).
    An item the tagger did not tag is the one token before the 、 or 和 (``tokens``)."""
    from pipelines.tokenizers import dictionary_tags

    by_end = {b: (a, b, label) for a, b, label in spans}
    token_ends: list[int] | None = None  # taken when first needed
    out = list(spans)
    for a, b, label in spans:
        if label != "INDUSTRY":
            continue
        head = next((text[h:b] for h in range(a + 1, b - 1) if text[h:b] in sectors), None)
        if head is None:
            continue
        first, position, items = a, a, []
        while position > 1 and text[position - 1] in SHARED_HEAD_JOINS:
            item = by_end.get(position - 1)
            if item is not None and item[2] != "INDUSTRY":
                break
            if item is None:
                token_ends = token_ends or _token_ends(tokens)
                index = _token_at(token_ends, position - 1)
                item_start = tokens[index][0] if index is not None else position - 1
            else:
                item_start = item[0]
            width = position - 1 - item_start
            word = text[item_start:position - 1]
            if (not 1 <= width <= MAX_MODIFIER or word in sectors or not CJK_NAME.fullmatch(word)
                    or not (word + head in sectors or word + head in dictionary_tags())):
                break
            items.append(item)
            first = position = item_start
        if first < a:
            out = [s for s in out if s not in items and s != (a, b, label)] + [(first, b, "INDUSTRY")]
    return sorted(out)


ITEM_NOUN_TAGS = frozenset({"n", "vn", "nz", "j"})
JOINS = frozenset({"和", "与", "及", "等"})  # leading words, but no verb that opens a list


def _with_shared_head_programmes(text: str, spans: list[tuple[int, int, str]],
                                 tokens: Sequence[tuple[int, int, str | None]], heads: tuple[str, ...],
                                 openers: Collection[str]) -> list[tuple[int, int, str]]:
    """Single words listed with 、 before a tagged PROGRAMME that the tagger left out share its head: one span
    (GUIDELINES, Shared heads: 电力、天然气输配价格改革; 邮政、铁路行业改革; 股票、债券市场改革), where the programme
    ends on a programme's head (``heads``) and is not quoted (“担保即提”、“智能快办” are two names). An item is one
    noun of two to four characters that no span covers and that is no programme of its own (``heads``: 医保支付方式改革、…
    stays apart); the list must open at a clause's start or right after a verb that launches it (``openers``, the
    leading words: 稳步推进|邮政、…), else the first item may be the end of a longer one (强村|富民、…, 禁|毒品、…)."""
    if not any(label == "PROGRAMME" and text[a - 1:a] == "、" for a, _, label in spans):
        return spans
    covered = [(a, b) for a, b, _ in spans]
    token_ends = None
    out = []
    for a, b, label in spans:
        first = a
        if label == "PROGRAMME" and text.endswith(heads, a, b) and text[a] not in OPENING_QUOTES + "《":
            position = a
            while text[position - 1:position] == "、":
                token_ends = token_ends or _token_ends(tokens)
                index = _token_at(token_ends, position - 1)
                if index is None:
                    break
                start, end, tag = tokens[index]
                word = text[start:end]
                if (tag not in ITEM_NOUN_TAGS or not 2 <= len(word) <= 4 or not CJK_NAME.fullmatch(word)
                        or word.endswith(heads) or any(x < end and start < y for x, y in covered)):
                    break
                before = tokens[index - 1] if index > 0 else None
                word_before = text[before[0]:before[1]] if before else ""
                opener = before is None or word_before == "、" or (word_before in openers and word_before not in JOINS) \
                    or text[before[1] - 1] in CLAUSE_ENDS
                if not opener:
                    break
                position = start
                if word_before != "、":  # the list's opener: the chain of items reached it
                    first = start
                    break
        out.append((first, b, label))
    return out


# A count that names how many items share a name's head (武林、湖滨、吴山|三大商圈, 随中、随南、随东|三大灌区).
COUNTED_HEAD = re.compile(r"(?<!第)[两二三四五六七八九十](?:大|个|项|类|条|座|片)")
MAX_COUNTED_ITEM = 8
LIST_BREAKS = "、，。；：！？\n"
DESIGNATIONS = ("试点", "试验区", "综试区", "示范区", "自贸区", "综保区", "开发区", "高新区", "经开区")
SUB_POINT = re.compile(r"(?:[一二三四五六七八九十]是)?")  # 五是|龙江河谷、红水河两大灌区工程


def _with_counted_items(text: str, spans: list[tuple[int, int, str]], openers: Collection[str],
                        tokens: Sequence[tuple[int, int, str | None]], heads: tuple[str, ...]
                        ) -> list[tuple[int, int, str]]:
    """A PROJECT or PROGRAMME that opens with the last item of a list and a count of its items (吴山三大商圈 after
    武林、湖滨、) is the whole list with its head: one span (GUIDELINES, Shared heads; the gold files: 武林、湖滨、吴山三大
    商圈). Only when exactly count − 1 items stand before it, each printed with 、, unquoted and at most eight
    characters and none a name of its own (longer than four characters and ending on one of ``heads``: not 华远东陆港、
    亿博物流园、…三大物流基地; 市场采购贸易试点、跨境电商综试区、综保区三大平台 are three names; but 金柯桥, 东部新城), the
    first right after a word that opens a name (``openers``, the leading words: 加快|鉴水、金柯桥、…五大科技城) or a
    verb (``tokens``: 加强|工业、燃煤、机动车三大污染源治理), and a head follows the count (not 清河制呢厂三个, 铁人三项赛;
    not 第二个)."""
    counted = [(a, b, label) for a, b, label in spans if label in ("PROJECT", "PROGRAMME") and text[a - 1:a] == "、"]
    if not counted:
        return sorted(spans)
    openers = tuple(openers)
    token_starts = _token_starts(tokens)

    def verb_end(at: int) -> int:
        """Where the verb that starts at ``at`` ends; ``at`` itself where no verb starts there."""
        index = _token_at(token_starts, at)
        return tokens[index][1] if index is not None and tokens[index][2] in ("v", "vn", "vd") else at

    out = list(spans)
    for a, b, label in counted:
        count = COUNTED_HEAD.search(text, a, min(b, a + MAX_COUNTED_ITEM + 1))
        if count is None or count.start() == a or b - count.end() < 2 or not CJK_NAME.fullmatch(text, a, count.start()):
            continue
        items, position = int(number_value(text[count.start()])) - 1, a
        for item in range(items):
            if text[position - 1:position] != "、":
                break
            end = position - 1
            start = max(text.rfind(mark, 0, end) for mark in LIST_BREAKS) + 1
            if item == items - 1:  # the first item: after the last word that opens the list, if one does
                start += len(SUB_POINT.match(text, start).group())
                opened = max((at for at in range(start + 1, end - 1) if text[start:at].endswith(openers)),
                             default=None)
                if opened is None:  # at the clause's start, or after a verb there (加强|工业、燃煤、机动车三大污染源治理)
                    opened = verb_end(start) if verb_end(start) - start >= 2 else start
                if verb_end(opened) - opened == 1 or opened >= end - 1:
                    break  # where the first item starts is not clear (全力|打|好汽车、钢铁…)
                start = opened
            if not 1 <= end - start <= MAX_COUNTED_ITEM or not CJK_NAME.fullmatch(text, start, end) \
                    or (end - start > 4 and text.endswith((*heads, *DESIGNATIONS), start, end)):
                break
            position = start
        else:
            if text[position - 1:position] != "、":
                out = [s for s in out if not (position <= s[0] and s[1] <= b)] + [(position, b, label)]
    return sorted(out)


# The segmenter's tags of common words: a name made only of them names a sector, not a firm's works.
COMMON_WORD_TAGS = frozenset({"n", "vn", "v", "a", "b", "an", "d", "f", "l"})
MAX_PLACE_NAME = 6
# Words the segmenter tags as places that name no place (城市轨道交通, 农村公路).
GENERIC_PLACE_WORDS = frozenset({"城市", "农村", "城乡", "乡村", "城镇"})
TRANSPORT_MODES = ("轨道交通", "铁路", "公路", "航空", "管网", "电网")
PARENTHESIS_END = re.compile(r"[（(][^（()）]*[）)]$")


# Where an item of a list of organisations ends: the next 、, or the words that close the list.
ORG_ITEM_END = re.compile(r"、|等|合作|和|共同")
CJK_NAME = re.compile(r"[\u4e00-\u9fff]+")
CJK_LIST = re.compile(r"[\u4e00-\u9fff]+(?:、[\u4e00-\u9fff]+)+")
PROPER_TAGS = frozenset({"nr", "nrfg", "nrt", "nz", "nt", "ns", "j", "x", None})


def _with_listed_orgs(text: str, spans: list[tuple[int, int, str]], tokens: Sequence[tuple[int, int, str | None]],
                      org_endings: Sequence[str], divisions: Collection[int] = ()) -> list[tuple[int, int, str]]:
    """The items listed with 、 right after a tagged ORG are organisations too when they read as names: an
    organisation's ending (稀土研究院) or a word the dictionary does not know or knows as a name (深化与中国稀土集团、
    中科院合作; 对接长江汽车、九州医药、华纺链等: the tagger read the last two as industries). A sector among them
    that the tagger read as one (合成生物) stays."""
    out = list(spans)
    token_starts = None
    for _, end, label in spans:
        if label != "ORG":
            continue
        position = end
        token_starts = token_starts or _token_starts(tokens)
        while text.startswith("、", position):
            item_end = ORG_ITEM_END.search(text, position + 1, position + 12)
            if item_end is None:
                break
            a, b = position + 1, item_end.start()
            first = bisect.bisect_left(token_starts, a)
            words = [(x, y, tag) for x, y, tag in tokens[first:bisect.bisect_left(token_starts, b)] if y <= b]
            named = text[a:b].endswith(tuple(org_endings)) or (
                bool(words) and words[0][2] in PROPER_TAGS and words[-1][2] in PROPER_TAGS - {"ns"}
                or len(words) == 2 and words[0][2] in PROPER_TAGS and words[-1][2] == "n" and b - a <= 4)
            if a in divisions or "的" in text[a:b]:
                break  # 与长兴、安吉: places; 中国航发的战略: no name
            overlapping = [i for i, (x, y, _) in enumerate(out) if x < b and a < y]
            if not (2 <= b - a <= 10) or not named or not CJK_NAME.fullmatch(text, a, b):
                break
            if not overlapping:
                out.append((a, b, "ORG"))
            elif len(overlapping) == 1 and out[overlapping[0]][:2] == (a, b) and out[overlapping[0]][2] == "INDUSTRY":
                out[overlapping[0]] = (a, b, "ORG")
            else:
                break
            position = b
    return sorted(out)


def _with_shared_head_places(text: str, spans: list[tuple[int, int, str]], divisions: dict[int, int],
                             opening: dict[int, int] | None = None) -> list[tuple[int, int, str]]:
    """Places listed with 、 right before a tagged project that opens with a place share its head: one span
    (GUIDELINES, Shared heads: 文成、泰顺天然气管道; 赣县、寻乌抽水蓄能电站). The tagged spans stay apart.
    ``opening``: divisions that open a project, which the rules' candidates (``divisions``) do not hold
    (:func:`_opening_divisions`); one that opens a project now shared is a PLACE inside it."""
    opening = opening or {}
    division_at_end = {end: start for start, end in divisions.items()}
    out, inside = [], set()
    for start, end, label in spans:
        if label == "PROJECT" and (start in divisions or start in opening):
            first = start
            while text[first - 1:first] == "、" and (first - 1) in division_at_end:
                first = division_at_end[first - 1]
            if first < start and not any(a < start and first < b and not (label2 == "PLACE" and first <= a)
                                         for a, b, label2 in spans):
                inside.update((a, b) for a, b, label2 in spans if label2 == "PLACE" and first <= a and b <= start)
                if start not in divisions:
                    out.append((start, opening[start], "PLACE"))  # 寻乌 of 赣县、寻乌抽水蓄能电站
                start = first
        out.append((start, end, label))
    # the places inside come back as the rules' places inside a tagged project (merge)
    return sorted(s for s in out if (s[0], s[1]) not in inside or s[2] != "PLACE")


# The heads a list of short names shares (南苍三、青剑阆高速; 江家口、青峪口水库; 旺苍嘉川、苍溪紫云省级化工园区), and the
# endings of an item that names a thing of its own before the next one (经开区、高新区; 希夷大道北段、人民路; 荣成市、临港区;
# 硚孝二期、武大、孝汉应高速: a phase closes a project's name).
SHARED_ROUTE_HEADS = ("高速", "高速公路", "高铁", "铁路", "水库", "电站", "景区", "度假区", "园区", "管道")
OWN_ENDINGS = tuple("区市县路道桥港站园馆场村段线厂楼城街渠库洞期")
MAX_HEADLESS_ITEM = 4


def _headless_items_sharing_head(text: str, spans: list[tuple[int, int, str]], divisions: Collection[str] = ()
                                 ) -> list[tuple[int, int, str]]:
    """A tagged name of four characters or fewer (a route's two ends: eight) with no ending of its own, listed with
    、 right before a tagged project that ends on a head such lists share (SHARED_ROUTE_HEADS), shares that head: one
    span (GUIDELINES, Shared heads: 南苍三、青剑阆高速, 十堰至南阳、安康高铁; found by a review of city-广元-2024). So does
    a place that is no division (白龙湖、亭子湖重点康养度假区); a division's name (与猇亭、鸦鹊岭工业园区融合发展: the
    district) is left to :func:`_with_shared_head_places`. The rules' places inside a project mark it again (merge).

    >>> text = "加快南苍三、青剑阆高速建设"
    >>> [text[a:b] for a, b, _ in _headless_items_sharing_head(text, [(2, 5, "PROJECT"), (6, 11, "PROJECT")])]
    ['南苍三、青剑阆高速']
    """
    out: list[tuple[int, int, str]] = []
    for a, b, label in spans:
        if label == "PROJECT" and text[a - 1:a] == "、" and ROUTE_ABBREVIATED.fullmatch(text, a, b) \
                and not (out and out[-1][1] == a - 1):
            a = _untagged_abbreviations_before(text, a, out[-1][1] if out else 0)
        if label == "PROJECT" and out and out[-1][1] == a - 1 and text[a - 1] == "、" \
                and text.endswith(SHARED_ROUTE_HEADS, a, b):
            pa, pb, previous = out[-1]
            limit = 2 * MAX_HEADLESS_ITEM if "至" in text[pa:pb] else MAX_HEADLESS_ITEM
            if pb - pa <= limit and not text.endswith(OWN_ENDINGS, pa, pb) and text[pa - 1:pa] != "、" and (
                    previous == "PROJECT" or (previous == "PLACE" and text[pa:pb] not in divisions)):
                out.pop()
                a = pa
        out.append((a, b, label))
    return out


# A route named by the abbreviation of its two ends (六安高速公路, 纳晴高速): the untagged abbreviations listed before
# it with 、 share its head (安盘、纳晴、六安高速公路; review of city-六盘水-2024), back to a join (和, ，) that opens the
# list; each item two or three characters, none with an ending of its own.
ROUTE_ABBREVIATED = re.compile(r"[\u4e00-\u9fff]{2,3}(?:高速公路|高速|高铁|铁路)")
ABBREVIATION_JOINS = "和及与，；：、"


def _untagged_abbreviations_before(text: str, start: int, limit: int) -> int:
    """Where the list of route abbreviations that ends at ``start`` (after its 、) begins, no earlier than ``limit``;
    ``start`` itself where no such list stands there."""
    first, position = start, start - 1  # position: the 、 before the item last taken
    while True:
        for length in (2, 3):
            item = position - length
            if item - 1 >= limit and CJK_NAME.fullmatch(text, item, position) \
                    and not text.endswith(OWN_ENDINGS, item, position) and text[item - 1] in ABBREVIATION_JOINS:
                first, position = item, item - 1
                break
        else:
            return first
        if text[position] != "、":
            return first


MAX_LISTED_PLACE = 4  # 武林, 格凸河, 户部山: the items of a list of places that share a project's head
# Towns' short forms that are also the common words opening a facility's name (银湖山、中心|公园, 城区|污水处理厂).
NOT_LISTED_PLACES = frozenset({"中心", "城区", "新区", "园区", "城关", "新城", "老城", "中部", "东部", "西部", "南部", "北部"})


def _places_listed_in_projects(text: str, projects: Sequence[tuple[int, int]], place_names: Collection[str],
                               geo_suffixes: Collection[str], generic: Collection[str]) -> list[tuple[int, int]]:
    """The places of a project's name that lists them with 、 before the head they share: every item a place's
    name (the gazetteer's, a town's short form too) or a word of 2 to 4 characters ending like one (湖, 山, 河 …),
    the last one before the head (武林、湖滨、吴山|三大商圈, 遂川、永新|抽水蓄能电站, 龙宫、格凸河|景区: every
    such list of the gold files names its places so). A list with any other item (空港、高铁枢纽经济区,
    国家级、省级新区) gives none.

    >>> names = {"武林", "湖滨", "吴山", "空港"}
    >>> text = "深化武林、湖滨、吴山三大商圈建设，建设空港、高铁枢纽经济区"
    >>> _places_listed_in_projects(text, [(2, 14), (19, 29)], names, {"山", "湖"}, ())
    [(2, 4), (5, 7), (8, 10)]
    """
    def place_like(word: str) -> bool:
        return (len(word) >= 2 and word not in generic and word not in NOT_LISTED_PLACES
                and NAME_ONLY.fullmatch(word) is not None
                and (word in place_names or word[-1] in geo_suffixes))

    found = []
    for start, end in projects:
        if "、" not in text[start:end] or QUOTED_PART.search(text, start, end):
            continue
        cuts = [start + i for i, char in enumerate(text[start:end]) if char == "、"]
        items = [(a + (a > start), b) for a, b in zip([start, *cuts], [*cuts, end], strict=True)]
        *listed, (last_start, last_end) = items
        if not listed or not all(b - a <= MAX_LISTED_PLACE and place_like(text[a:b]) for a, b in listed):
            continue
        head = next((n for n in range(min(MAX_LISTED_PLACE, last_end - last_start), 1, -1)
                     if place_like(text[last_start:last_start + n])), None)
        if head is None:
            continue
        found += [*listed, (last_start, last_start + head)]
    return found


# Where a county's short form may stand in a report on its city: opening a project's name or an item of a list in
# it (上高|清洁煤电, 樟树|东阳光精细化工), a route's end (靖安至|樟树高速), an item of a list of places (上高、|万载).
HOME_COUNTY_AFTER = "、至到"
LIST_ITEM_EDGES = "、，,；：（和及等"
NOT_HOME_COUNTIES = frozenset({"市中"})  # 市中区, but 市中心 and 市中医院 far more often


def _home_counties(text: str, spans: Sequence[tuple[int, int, str]], candidates, geo_suffixes: Collection[str] = ()
                   ) -> list[tuple[int, int]]:
    """The counties, by a short form that is also a common word (上高, 樟树, 水城, 永新: the rules' gazetteer matcher
    leaves such words alone), of a city the text names at least twice (as the gazetteer matcher asks of a town's city: CONTEXT_MENTIONS), where a
    place stands: opening a tagged PROJECT, after a 、, 至 or 到 in one, or as an item of a 、-list beside a tagged
    PLACE. Read after the tagger, so its features stay what it was trained on."""
    from pipelines import gazetteer
    from pipelines.gazetteer import generic_short

    cities: dict[str, int] = {}
    for c in candidates:
        if c.label == "PLACE" and c.attrs.get("level") == "city" and c.attrs.get("full_name"):
            cities[c.attrs["full_name"]] = cities.get(c.attrs["full_name"], 0) + 1
    named = {name for name, count in cities.items() if count >= CONTEXT_MENTIONS}
    if not named:
        return []
    places = gazetteer.default()
    taken = {(c.start, c.end) for c in candidates if c.label == "PLACE"}
    projects = [(a, b) for a, b, label in spans if label == "PROJECT"]
    positions: list[tuple[int, str]] = []  # (offset, "start" of a name inside a project, "after" or "before" a place)
    for start, end, label in spans:
        if label == "PROJECT":
            positions.append((start, "start"))
            positions += [(start + i + 1, "start") for i, char in enumerate(text[start:end]) if char in HOME_COUNTY_AFTER]
        elif label == "PLACE":
            if text[end:end + 1] == "、":
                positions.append((end + 1, "after"))
            if text[start - 1:start] == "、":
                positions.append((start - 1, "before"))  # an item that ends at the 、 before this place
    found = []
    for position, kind in positions:
        for length in (3, 2):
            a, b = (position - length, position) if kind == "before" else (position, position + length)
            if (a < 0 or not NAME_ONLY.fullmatch(text, a, b) or (a, b) in taken or generic_short(text[a:b])
                    or text[a:b] in NOT_HOME_COUNTIES or text[b:b + 1] in geo_suffixes):
                continue  # 嘉陵|江, 赤水|河: the river is the place, not the county named after it
            if kind == "before" and a > 0 and text[a - 1] not in LIST_ITEM_EDGES:
                continue  # the whole item, not the end of a longer word
            if kind == "after" and text[b:b + 1] not in LIST_ITEM_EDGES:
                continue
            if kind != "start" and any(x < b and a < y for x, y, _ in spans):
                continue  # a name the tagger read there (威远县县域内…改革试点) stays whole
            if kind == "start" and not any(x <= a and b <= y for x, y in projects):
                continue
            if any(p.level == "county" and p.name == text[a:b] and any(q.full_name in named for q in p.parents)
                   for p in places.candidates(text[a:b])):
                found.append((a, b))
                break
    return sorted(set(found))


def _opening_divisions(text: str, spans: list[tuple[int, int, str]], tokens: Sequence[tuple[int, int, str | None]],
                        heads: tuple[str, ...]) -> dict[int, int]:
    """The divisions (county and above) that open a tagged project named by a facility's ``heads`` right after a
    、, by the gazetteer: the rules' candidates leave out a place inside a project's name (寻乌 in 赣县、寻乌抽水蓄能电站),
    which :func:`_with_shared_head_places` needs to see."""
    starts = {a for a, b, label in spans if label == "PROJECT" and text[a - 1:a] == "、" and text[a:b].endswith(heads)}
    if not starts:
        return {}
    from pipelines import gazetteer

    places = gazetteer.default()
    token_starts = _token_starts(tokens)
    opening = {}
    for start in starts:
        index = _token_at(token_starts, start)
        if index is not None:
            a, b, _ = tokens[index]
            if b - a >= 2 and any(place.level in ("province", "city", "county") for place in places.candidates(text[a:b])):
                opening[a] = b
    return opening


def _without_juxtaposed_services(text: str, spans: list[tuple[int, int, str]], services: Collection[str],
                                 compounds: Collection[str]) -> list[tuple[int, int, str]]:
    """A tagged INDUSTRY made of service sectors printed side by side is one INDUSTRY each (GUIDELINES: every
    industry named; the gold files split all seven such runs they hold: 文化体育, 水电核电, 餐饮民宿, 养老家政,
    旅游休闲, 物流快递), except the pairs that name one industry (``compounds``: 文化旅游, 健康养老). Sector words
    are two characters each; a run with any other word in it (生态文化旅游) stays whole."""
    if not services:
        return spans
    out = []
    for a, b, label in spans:
        name = text[a:b]
        if label == "INDUSTRY" and 4 <= len(name) <= 8 and len(name) % 2 == 0:
            words = [name[i:i + 2] for i in range(0, len(name), 2)]
            if all(word in services for word in words) and not any(
                    first + second in compounds for first, second in itertools.pairwise(words)):
                out += [(a + 2 * i, a + 2 * i + 2, label) for i in range(len(words))]
                continue
        out.append((a, b, label))
    return out


# 等 and 建设 after a name are no part of it (GUIDELINES, Boundaries: 建设, 等项目), also where the segmenter glued
# them to the name's last word (科百|特等, 水资源配置|工程建设), which token trimming cannot see; grades stay (三级甲等).
GRADE_WORDS = ("高等", "甲等", "乙等", "中等", "初等", "平等", "同等", "上等", "优等", "一等", "二等", "三等")
WORKS_BUILT = "工程建设"


# A conjunction or list mark that a name of a thing cannot end on: what it joins was cut off (合肥国际港务区|及,
# 传感器|及, 进口贸易|与, …重点承接地|、). Not 和 (碳达峰碳中和), and not of places (埃及).
JOINING_ENDS = ("及", "与", "、")


def _without_glued_trailers(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name without the words glued to its end: 建设 after 工程 (…水资源配置工程|建设), 等 of a list (科百特|等重大项目),
    a conjunction or list mark (合肥国际港务区|及).

    >>> _without_glued_trailers("推进合肥国际港务区及", [(2, 10, "PROJECT")])
    [(2, 9, 'PROJECT')]
    """
    out = []
    for a, b, label in spans:
        if label in ("PROJECT", "PROGRAMME", "INDUSTRY") and text.endswith(JOINING_ENDS, a, b) and b - a > 3:
            b -= 1
        if label in ("PROJECT", "PROGRAMME", "ORG"):
            if text.endswith(WORKS_BUILT, a, b) and b - a > len(WORKS_BUILT) + 1:
                b -= 2  # 环北部湾广西水资源配置工程|建设
            elif text[b - 1:b] == "等" and b - a >= 3 and not text.endswith(GRADE_WORDS, a, b):
                b -= 1  # 科百特|等重大项目, 航特|等企业
            elif text.endswith(("”金", '"金'), a, b) and text.startswith("名片", b):
                b -= 1  # “书香杭州”|金名片: the quote, not the first character of the card it is
        out.append((a, b, label))
    return out


# A preposition the tagger took into the name that follows it: 以 of a frame 以…为 that runs over a list
# (以|华海共同药业、合成生物…等主体为依托, 以|远东商圈、缤纷环球城、西约街为重点) and 对 of 对…加强 (对|经开区、高新区…考核).
# Names that open with them stay: 以色列, 以气代柴工程 (no 为 follows), 对外…, 对虾 and four-character slogans (以电代煤).
CLAUSE_ENDS = "，。；：！？\n"


def _without_leading_prepositions(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The name without a preposition before it (see CLAUSE_ENDS) and without the particle 的 at either end,
    which no name opens or closes with (淮河|的|佛子岭, 使用|碳热场|的|锂电负极).

    >>> _without_leading_prepositions("淮河的佛子岭水库", [(2, 6, "PLACE")])
    [(3, 6, 'PLACE')]
    >>> text = "推进以老旧小区改造和整治为重点的城市更新，二级以上公立医院“一次挂号管三天”"
    >>> [text[a:b] for a, b, _ in _without_leading_prepositions(text, [(2, 9, "PROGRAMME"), (23, 38, "PROGRAMME")])]
    ['老旧小区改造', '公立医院“一次挂号管三天”']
    """
    out = []
    for a, b, label in spans:
        if label not in ("GOAL", "MEASURE") and b - a >= 3:
            a += text[a] == "的"
            b -= text[b - 1] == "的"
        if label in ("PROJECT", "ORG", "PLACE", "INDUSTRY", "PROGRAMME") and b - a >= 4:
            first = text[a]
            if text.startswith(("以上", "以下"), a) and a > 0 and text[a - 1] not in CLAUSE_ENDS and b - a >= 6:
                a += 2  # 二级|以上|公立医院“一次挂号管三天”, 国四及|以下|柴油货车: the grade before, cut through
            elif first == "以" and b - a >= 5:
                clause_end = min((i for i in (text.find(c, b) for c in CLAUSE_ENDS) if i >= 0), default=len(text))
                if "为" in text[b:clause_end]:
                    a += 1
            elif first == "对" and text[a + 1] not in "外内华" and label != "PROGRAMME":  # 对口支援 is one
                a += 1
        out.append((a, b, label))
    return out


# 好 as the complement of the verb before a name (实施好|产业基础再造工程, 落实好|防返贫监测帮扶机制, 运营好|锡澄S1线, 用好|
# 市文化艺术中心): the segmenter glues it to the name's first word (好防, 好锡澄, 好市) and the tagger takes it in. The
# issue names the case (实施好X read as 好X); no gold name opens on 好. Not after a word that 好 ends as an adjective
# or an adverb, where it is no verb's complement (向好, 良好, 友好, 美好, 更好, 最好, 多快好省, 加快|好电科技).
NOT_VERB_BEFORE_GOOD = frozenset("向良友美更最较快正恰刚很太只还也都")


def _without_verb_complement(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name that opens on 好 right after a verb starts after the 好, where three characters or more are left.

    >>> text = "实施好产业基础再造工程，运营好锡澄S1线，加快好电科技电池粘结剂"
    >>> [text[a:b] for a, b, _ in _without_verb_complement(text, [(2, 11, "PROGRAMME"), (14, 20, "PROJECT"),
    ...                                                          (23, 32, "PROJECT")])]
    ['产业基础再造工程', '锡澄S1线', '好电科技电池粘结剂']
    """
    out = []
    for a, b, label in spans:
        if (label not in ("GOAL", "MEASURE", "TARGET") and b - a >= 4 and text[a] == "好" and a > 0
                and "\u4e00" <= text[a - 1] <= "\u9fff" and text[a - 1] not in NOT_VERB_BEFORE_GOOD):
            a += 1
        out.append((a, b, label))
    return out


def _places_without_clauses(text: str, spans: list[tuple[int, int, str]], tokens: Sequence[tuple[int, int, str | None]],
                            is_place: Callable[[str], bool], place_names: Collection[str] = ()
                            ) -> list[tuple[int, int, str]]:
    """A tagged PLACE that runs over a verb is a clause, not a name (高规格办好粤港澳大湾区, 安徽签署长江流域,
    中心城市引领城市群): the place after its last verb where that holds a place's name (粤港澳大湾区), the whole
    span where what precedes its first verb does (湘南湘西承接产业转移示范区: a zone named after its places),
    else nothing. A verb is a token of two characters or more the dictionary tags ``v`` and no place's name
    (``place_names``: every name and short form of the gazetteer)."""
    if not any(label == "PLACE" for _, _, label in spans):
        return spans
    token_starts = _token_starts(tokens)
    out = []
    for start, end, label in spans:
        if label == "PLACE":
            inside = [(a, b) for a, b, tag in tokens[bisect.bisect_left(token_starts, start):
                                                     bisect.bisect_left(token_starts, end)]
                      if tag == "v" and b - a >= 2 and b <= end and text[a:b] not in place_names]  # 遵义 is tagged v
            if inside:
                tail = inside[-1][1]
                if tail < end and is_place(text[tail:end]):
                    out.append((tail, end, label))
                elif is_place(text[start:inside[0][0]]):
                    out.append((start, end, label))
                continue
        out.append((start, end, label))
    return out


# What a PLACE that names a region took in before its name: a verb of serving or joining with whatever stood before
# it (服务|长江经济带, 政务服务|武汉都市圈, 峨眉山市深化|成渝地区双城经济圈), the ordinal of an event or a batch held there
# (第二届|成渝地区双城经济圈…, 一批|广阳经济带…) or the province whose part it is (省|淮河流域, 省级|盐河, 省道|周矶).
# No gold PLACE opens on one; gold names the region alone.
PLACE_LEADING_WORDS = re.compile(r"[\u4e00-\u9fff]{0,5}?(?:服务|助推|借力|融入|对接|深化)|第[一二三四五六七八九十\d]{1,3}[届批]"
                                 r"|一批|省(?:级|道)?")
REGION_ENDINGS = ("经济圈", "经济带", "经济区", "都市圈", "城市群", "大湾区", "流域", "老区")


def _places_without_leading_words(text: str, spans: list[tuple[int, int, str]], is_place: Callable[[str], bool]
                                  ) -> list[tuple[int, int, str]]:
    """A PLACE that opens on PLACE_LEADING_WORDS starts after them where a region's name (REGION_ENDINGS) or a
    place's name (``is_place``) of two characters or more is left.

    >>> text = "主动融入和服务长江经济带，举办第二届成渝地区双城经济圈大会，省淮河流域，推动政务服务武汉都市圈"
    >>> [text[s:e] for s, e, _ in _places_without_leading_words(text, [(5, 12, "PLACE"), (15, 27, "PLACE"),
    ...                                                             (30, 35, "PLACE"), (38, 47, "PLACE")], lambda n: False)]
    ['长江经济带', '成渝地区双城经济圈', '淮河流域', '武汉都市圈']
    """
    out = []
    for start, end, label in spans:
        if label == "PLACE":
            lead = PLACE_LEADING_WORDS.match(text, start, end)
            if lead and end - lead.end() >= 2:
                rest = text[lead.end():end]
                if rest.endswith(REGION_ENDINGS) and len(rest) > 3 or is_place(rest):
                    start = lead.end()
        out.append((start, end, label))
    return out


# A region of several cities or counties that the tagger read as a project (北部湾经济区, 淮海经济区, 左右江革命老区; a plain
# or an area: 汾渭平原, 京津冀及周边地区, listed as regions where the air is cleaned up in the probes of national reports):
# gold names them PLACEs (川南经济区, 成都平原经济区, 沈阳都市圈), unlike a zone that is built or run (临空经济区,
# 渔港经济区, 枢纽经济区, 燃料电池汽车示范城市群, 川渝高竹新区经济区), which the words of BUILT_ZONE tell apart.
REGION_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}(?:经济区|革命老区|经济圈|都市圈|城市群|平原|(?:及周边)?地区)")
BUILT_ZONE = re.compile("港|空|枢纽|物流|示范|试点|新区|高新|园|夜|开发|保税|综合|合作|产业|国家|省级|全国")


# A river, lake or stream the tagger read as a project, listed for the works done on the waters (万福河、田关河等中小
# 河流治理, 易贡藏布、察隅曲、克劳龙河等流域水电开发, 鳌龙河、卡岔河等流域治理): gold names waters PLACEs (长江、黄河等
# 大江大河, 辽河干流等重大水利工程; reviews of city-潜江-2024 and city-林芝-2024). Not a canal, which is built
# (平陆运河), nor waters a named facility or a designation follows (曹娥江、浣江…等实验室, 柴埠溪创建国家5A级景区).
WATER_BODY = re.compile(r"[\u4e00-\u9fff]{1,5}(?<!运)(?:河|江|湖|溪|藏布)")
WATER_LIST_ITEM = re.compile(r"、[\u4e00-\u9fff]{2,6}?(?=[、等])")
WATER_WORKS = re.compile(r"等?(?:[0-9]+|[一二三四五六七八九十]+)?[条个处座]?(?:重点|重要|主要|中小|骨干|生态清洁)?"
                         r"(?:流域|河流|河道|河湖|湖泊|水环境|水体|水系|湿地|水生态|水污染|干流|支流)")
NOT_WATER_WORDS = re.compile("游|进|沿|跨|数据|美丽|发展")


def _water_bodies_as_places(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROJECT made of :data:`WATER_BODY` names (one, or several joined by 、, among which a Tibetan river's …曲) is
    those PLACEs, where the list it stands in closes on :data:`WATER_WORKS`.

    >>> text = "统筹推进万福河、田关河等中小河流治理；推进易贡藏布、察隅曲等流域水电开发；加快平陆运河等流域开发"
    >>> [(text[a:b], label) for a, b, label in _water_bodies_as_places(text, [(4, 7, "PROJECT"), (8, 11, "PROJECT"),
    ...                                                                       (21, 29, "PROJECT"), (39, 43, "PROJECT")])]
    [('万福河', 'PLACE'), ('田关河', 'PLACE'), ('易贡藏布', 'PLACE'), ('察隅曲', 'PLACE'), ('平陆运河', 'PROJECT')]
    """
    out = []
    for start, end, label in spans:
        items = text[start:end].split("、")
        if label == "PROJECT" and all(WATER_BODY.fullmatch(item) or len(item) >= 3 and item.endswith("曲")
                                      for item in items) and any(WATER_BODY.fullmatch(item) for item in items) \
                and not NOT_WATER_WORDS.search(text, start, end):
            after = end
            while (item := WATER_LIST_ITEM.match(text, after)) and not WATER_WORKS.match(text, after + 1):
                after = item.end()
            if WATER_WORKS.match(text, after):
                position = start
                for item in items:
                    out.append((position, position + len(item), "PLACE"))
                    position += len(item) + 1
                continue
        out.append((start, end, label))
    return out


# 中西部, 东中部: parts of the nation, never of a city (东部新城's 东部 is one, see OPENING_DIRECTION); the ORG rules read
# them as a ministry's name (…部): nested.NATION_PART, with 地区 too
DIRECTION_REGION = re.compile(f"(?:{NATION_PART.pattern})(?:地区)?")


def _regions_as_places(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROJECT or PROGRAMME that is a region's name (REGION_NAME, none of BUILT_ZONE's words) is a PLACE, and so is
    an ORG that is a part of the nation named by its directions (中西部: gold names it a PLACE).

    >>> text = "融入北部湾经济区，建设临空经济区，争创燃料电池汽车示范城市群，中西部"
    >>> [(text[s:e], label) for s, e, label in _regions_as_places(text, [(2, 8, "PROJECT"), (11, 16, "PROJECT"),
    ...                                                                  (19, 30, "PROGRAMME"), (31, 34, "ORG")])]
    [('北部湾经济区', 'PLACE'), ('临空经济区', 'PROJECT'), ('燃料电池汽车示范城市群', 'PROGRAMME'), ('中西部', 'PLACE')]
    """
    return [(start, end, "PLACE" if label in ("PROJECT", "PROGRAMME") and REGION_NAME.fullmatch(text, start, end)
             and not BUILT_ZONE.search(text, start, end) or label == "ORG" and DIRECTION_REGION.fullmatch(text, start, end)
             else label) for start, end, label in spans]


def _with_directions(spans: list[tuple[int, int, str]], directions: Collection[tuple[int, int]]
                     ) -> list[tuple[int, int, str]]:
    """The nation's macro-regions named by direction alone (东部率先发展: 东部) where no tagged name covers them:
    the rules decide them (they are not among the tagger's features); :func:`_without_parts_of_places` then
    leaves out those that are a part of another place or of a word."""
    added = [(a, b, "PLACE") for a, b in directions if not any(x < b and a < y for x, y, _ in spans)]
    return sorted([*spans, *added]) if added else spans


# What may stand right before the first item of a 、-list, and right after its last (besides 、 itself).
LIST_OPENERS, LIST_CLOSERS = "，。；：（(\n“", "等和及与，。；）)"


def _tokens_beside(text: str, mark: str, starts: Sequence[int], ends: Sequence[int]) -> list[tuple[int, int]]:
    """The tokens right before and right after each ``mark`` in ``text`` (found by the mark, not by walking
    every token)."""
    found = []
    at = text.find(mark)
    while at >= 0:
        index = bisect.bisect_left(ends, at)
        if index < len(ends) and ends[index] == at:
            found.append((starts[index], at))
        index = bisect.bisect_left(starts, at + 1)
        if index < len(starts) and starts[index] == at + 1:
            found.append((at + 1, ends[index]))
        at = text.find(mark, at + 1)
    return list(dict.fromkeys(found))


def _list_items(text: str, spans: Iterable[tuple[int, int]], starts: Sequence[int], ends: Sequence[int],
                tags: Sequence[str]) -> list[tuple[int, int]]:
    """The ``spans`` that are a whole item of a 、-list: 、 on one side, and on the other another 、, the list's
    end (等, 和, a count: 温春、五林2个万头牧场) or its start (punctuation, or a verb: 支持小榄、三乡); not the last
    words of a phrase before a 、 (…经济带建设、淮海…) nor the first of one after it (法治四川、平安|四川建设)."""
    def after_verb(a: int) -> bool:
        index = bisect.bisect_left(ends, a)
        return index < len(ends) and ends[index] == a and tags[index].startswith("v")

    found = []
    for a, b in spans:
        after, before = text[b:b + 1], text[a - 1:a] if a else ""
        if after == "、" and (not before or before in "、" + LIST_OPENERS or after_verb(a)):
            found.append((a, b))
        elif before == "、" and (not after or after in LIST_CLOSERS or after.isdigit()
                                 or after in "两三四五六七八九十" and text[b + 1:b + 2] in "个大"):
            found.append((a, b))
    return found


def _with_listed_places(text: str, spans: list[tuple[int, int, str]], divisions: Collection[tuple[int, int]]
                        ) -> list[tuple[int, int, str]]:
    """A division (see :meth:`LearnedTagger._listed_divisions`) standing as an item of a 、-list next to a
    place the tagger found is a place too, and so on along the list: 小榄 of 小榄、三乡、古镇等8个中心镇, 民众
    of 三乡、黄圃、坦洲、民众等镇街 (towns of 中山, whose report this is; alone, 民众 is a word)."""
    places = {(a, b) for a, b, label in spans if label == "PLACE"}
    starts, ends = {a for a, _ in places}, {b for _, b in places}
    taken = _Overlaps(spans)
    added: list[tuple[int, int, str]] = []
    found = True
    while found:
        found = False
        for a, b in divisions:
            if (a, b) in places or not (text.startswith("、", b) and b + 1 in starts
                                         or a and text[a - 1] == "、" and a - 1 in ends):
                continue
            if taken(a, b) or any(x < b and a < y for x, y, _ in added):
                continue
            added.append((a, b, "PLACE"))
            places.add((a, b))
            starts.add(a)
            ends.add(b)
            found = True
    return sorted([*spans, *added]) if added else spans


def _without_parts_of_places(spans: list[tuple[int, int, str]], directions: Collection[tuple[int, int]],
                              starts: Sequence[int], ends: Sequence[int]) -> list[tuple[int, int, str]]:
    """A macro-region named by direction alone (东部, 西部) is the nation's region only as a word of its own
    and not after another place: 内蒙古东部, 深圳|东部海域 is a part of that place, 高中部 another word."""
    place_ends = {b for _, b, label in spans if label == "PLACE"}
    return [(a, b, label) for a, b, label in spans
            if not (label == "PLACE" and (a, b) in directions
                    and (_token_at(starts, a) is None or _token_at(ends, b) is None or a in place_ends))]



def _headless_projects_among_industries(text: str, spans: list[tuple[int, int, str]], heads: Sequence[str],
                                        divisions: dict[int, int] | None = None,
                                        tokens: Sequence[tuple[int, int, str | None]] = ()) -> list[tuple[int, int, str]]:
    """A tagged PROJECT without a facility's head, standing in a 、-list between industries, is one of them
    (建设水电、特高压输电、智能电网、城市轨道交通等重大项目: sectors, not named works); one opening with a
    division's name is that place and its industry (嘉祥|特碳新材料)."""
    out = list(spans)
    token_starts = None
    for index, (start, end, label) in enumerate(spans):
        name = PARENTHESIS_END.sub("", text[start:end])
        if label != "PROJECT" or (name.endswith(tuple(heads)) and not name.endswith(TRANSPORT_MODES)):
            continue  # a named work; an unnamed mode of transport (城市轨道交通) is a sector
        before = spans[index - 1] if index else None
        following = spans[index + 1:index + 3]
        if len(following) == 2 and following[0][2] == "PLACE" and following[0][1] == following[1][0]:
            following = following[1:]  # 金乡|碳纤维: an industry after the place it is in
        after = following[0] if following else None
        left = before is not None and before[2] == "INDUSTRY" and text[before[1]:start] == "、"
        right = after is not None and after[2] == "INDUSTRY" and text[end] == "、" and after[0] <= end + 1 + MAX_PLACE_NAME
        place_end = (divisions or {}).get(start)
        token_starts = token_starts or _token_starts(tokens)
        low, high = bisect.bisect_left(token_starts, place_end or start), bisect.bisect_left(token_starts, end)
        words = [tag if text[a:b] not in GENERIC_PLACE_WORDS else "n" for a, b, tag in tokens[low:high] if b <= end]
        allowed = COMMON_WORD_TAGS | {None, "x"} if place_end is not None else COMMON_WORD_TAGS  # 嘉祥|特碳新材料
        if tokens and not all(tag in allowed for tag in words):
            continue  # 天顺储能, 山泰塔筒: a company's works, named by its name
        if left or right:
            if place_end is not None and end - place_end >= 2:
                out[index] = (place_end, end, "INDUSTRY")
                out.append((start, place_end, "PLACE"))
            else:
                out[index] = (start, end, "INDUSTRY")
    return sorted(out)


def _list_pieces(text: str, end: int, start: int) -> list[tuple[int, int]] | None:
    """The 、-separated items between two names of one list (none when they are adjacent: A、B), or None when
    the text between is no such list."""
    if text[end:start] == "、":
        return []
    if start - end < 3 or text[end] != "、" or text[start - 1] != "、":
        return None
    pieces = _comma_pieces(text, end + 1, start - 1)
    return pieces if all(INDUSTRY_ITEM.fullmatch(text, a, b) for a, b in pieces) else None


def _comma_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each piece of ``text[start:end]`` between 、 (empty pieces included)."""
    pieces, position = [], start
    for piece in text[start:end].split("、"):
        pieces.append((position, position + len(piece)))
        position += len(piece) + 1
    return pieces


def _with_basin_parts(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A tagged PLACE right before 流域, 上游, 中游 or 下游 runs on through it (长江中游 is the place)."""
    out = []
    for start, end, label in spans:
        if label == "PLACE" and text.startswith(BASIN_PARTS, end) and not any(a == end for a, _, _ in spans):
            end += 2
        out.append((start, end, label))
    return out


# A quoted slogan opening on a number (“三大战役”, “两主一特”, “五链融合”, “1+3+X”): a programme's name.
NUMBERED_SLOGAN = re.compile(r"“(?:[0-9]|[一二三四五六七八九十两双百千万](?![是要])|[0-9]+\+)[^“”\n，。；、]{3,9}”")


# The system or plan a numbered slogan names, right after it, to the clause's end or 和 (“61020”科技创新成果体系).
SLOGAN_SYSTEM = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:体系|机制|工程|计划|行动|战略|格局|模式|规划)(?=[，。；、和]|$)")
# What a quoted slogan before them classifies (“三类500强”企业, “三黄两茶”等品牌): then it is no name.
CLASS_NOUNS = ("企业", "品牌", "产品", "等")


# Verbs that launch a programme (实施, 深化 …): a quoted programme's name runs back to the nearest one in its clause.
LAUNCH_VERBS = CLAUSE_OPENERS | CLAUSE_VERBS | {"抓好", "打造", "启动", "打好"}
LAUNCH_VERB_END = re.compile("(?:" + "|".join(sorted(LAUNCH_VERBS, key=len, reverse=True)) + ")")
CLAUSE_BOUNDARY = re.compile(r"[，。；：！？、,;:!?（(\n]")
NAME_MODIFIER = re.compile(r"[\u4e00-\u9fff·+0-9A-Za-z]{1,10}")
# Verbs that make the words before a quote a clause of their own (县域构建|“…”格局, 成都建设国家级|“…”试点城市), and
# the words that join two names (惠民消费节等|“消费促进年”).
PREDICATES = ("构建", "创建", "建设", "加强", "形成", "做好", "完成", "实现", "争创", "创成", "确保", "力争", "争取", "推进",
              "加快", "推动", "深化", "落实", "开展", "实施", "唱响", "锚定", "细化", "布局", "和", "与", "及", "等", "的")
# a round, a scope or a manner, not a name
NOT_MODIFIERS = ("新一轮", "新一批", "一批", "全市", "全省", "全县", "全区", "全国", "高质量", "高水平", "高品质", "高标准",
                 "常态化")
# Words of these parts of speech (jieba) do not stand in a name's modifier: prepositions, conjunctions, particles,
# adverbs, pronouns, numerals, classifiers, adjectives and locatives (更多政策|“免申即享”, 市委关于|“服务业发展年”).
NOT_IN_MODIFIER = ("p", "c", "u", "d", "r", "m", "q", "a", "f")


# The kind a quoted programme's name goes on with (“产业项目建设年”活动, “揭榜挂帅”制度, “1+2”政策, “三保”底线, “3+1”
# 保障, “苗侗山珍”农产品区域公用品牌): part of the name (GUIDELINES: quotation marks belong to the span, "3311"工程计划);
# every gold file keeps it, the longest kind first (“十百千”专项行动, “三高四新”战略思想 …); and the campaigns of
# study a report launches as it launches an activity (“两学一做”学习教育, “不忘初心、牢记使命”主题教育: reviews of
# cn-gwr-2018, cn-gwr-2019).
QUOTED_PROGRAMME_KIND = re.compile("(?:专项)?行动计划|(?:专项)?行动|活动|(?:主题|学习|专题)教育|改革(?:试点)?|工程|规划|计划"
                                   "|(?:[\u4e00-\u9fff]{0,6}?(?:公用|服务|特色|消费|商品|热线|就业))?品牌|战略"
                                   "|制度|(?:工作|管理|攻关)?机制|试点|模式|政策|理念|导向|目标|格局|底线|升级版|功能定位"
                                   "|负责制|保障(?![房性])")


# The major projects of a quoted five-year period (“十五五”重大项目 in cn-train, “十三五”规划重大项目 in national dev): the
# period's programme, whole; not what other quoted names go on with (a project of a campaign is a project).
QUOTED_PERIOD = re.compile(r"[“\"]十[一二三四五六七八九]?五[”\"]")
PERIOD_PROJECTS = re.compile(r"(?:规划)?重大(?:项目|工程)")


def _quoted_programmes_with_kinds(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROGRAMME that ends on its closing quote takes the kind right after it, where no other name starts; a quoted
    period, its major projects (:data:`PERIOD_PROJECTS`).

    >>> text = "谋划推进“十五五”重大项目，实施“十四五”规划重大工程，“两重”重大项目"
    >>> [text[a:b] for a, b, _ in _quoted_programmes_with_kinds(text, [(4, 9, "PROGRAMME"), (16, 21, "PROGRAMME"),
    ...                                                                (28, 32, "PROGRAMME")])]
    ['“十五五”重大项目', '“十四五”规划重大工程', '“两重”']
    """
    out = []
    for index, (start, end, label) in enumerate(spans):
        if label == "PROGRAMME" and text[end - 1:end] in CLOSING_QUOTES and (
                kind := QUOTED_PERIOD.fullmatch(text, start, end) and PERIOD_PROJECTS.match(text, end)
                or QUOTED_PROGRAMME_KIND.match(text, end)) \
                and (index + 1 == len(spans) or spans[index + 1][0] >= kind.end()):
            end = kind.end()
        out.append((start, end, label))
    return out


# A quoted name of a model of work the text upholds or spreads (坚持和发展新时代“枫桥经验”, 深入践行“浦江经验”, 学习借鉴“晋江
# 经验”): a named initiative, often quoted (GUIDELINES, PROGRAMME). Reviews of cn-gwr-2018, cn-gwr-2019, city-遵义-2024
# and city-广州-2024 found it missed; the corpora print 215 such names, of which the tagger read 49.
# An honour awarded as one is not (…试点“合格城市”和“优秀创新经验”).
QUOTED_EXPERIENCE = re.compile(r"“(?![\u4e00-\u9fff]*(?:优秀|先进|典型|创新))[\u4e00-\u9fff]{2,6}经验”")


def _with_quoted_experiences(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Each ``QUOTED_EXPERIENCE`` that no name overlaps is a PROGRAMME.

    >>> text = "坚持和发展新时代“枫桥经验”“浦江经验”，总结推广好经验，获评“优秀创新经验”"
    >>> [text[a:b] for a, b, _ in _with_quoted_experiences(text, [])]
    ['“枫桥经验”', '“浦江经验”']
    """
    if "经验”" not in text:
        return spans
    taken = _Overlaps(spans)
    found = [(m.start(), m.end(), "PROGRAMME") for m in QUOTED_EXPERIENCE.finditer(text) if not taken(*m.span())]
    return sorted([*spans, *found]) if found else spans


def _with_quoted_programme_modifiers(text: str, spans: list[tuple[int, int, str]], starts: Sequence[int],
                                     tags: Sequence[str | None]) -> list[tuple[int, int, str]]:
    """A programme whose name the tagger started at its quotation marks keeps the words between the verb that
    launches it and the quote (实施中小微企业|“育苗壮干”计划, 深化信用修复|“一件事”改革, 落实省|“8+4”经济政策体系: the
    longest name a reader would use, GUIDELINES, Boundaries; the gold files mark such words in most quoted names).
    Only when such a verb opens the same clause (the clause's start alone pulls in verbs: 高质量做好|“五经普”), the
    words open on a noun (振兴实体经济|“3311”工程计划 opens on a verb: the seed's gold leaves it out), hold no
    preposition, conjunction, particle, adverb, pronoun, numeral or adjective (更多政策, 新一轮), and no tagged name
    but a place or organisation stands there (it then goes inside)."""
    out = list(spans)
    for start, end, label in spans:
        if label != "PROGRAMME":
            continue
        quote = start if text[start:start + 1] in "“「『" else start - 1 if text[start - 1:start] in "“「『" else None
        if quote is None or quote == 0:
            continue
        left = _clause_opening(text, CLAUSE_BOUNDARY, quote, 12)
        verbs = [m.end() for m in LAUNCH_VERB_END.finditer(text, left, quote)]
        listed = _after_listed_programme(text, out, quote)
        new_start = listed or (verbs[-1] if verbs else None)
        if (new_start is None or not NAME_MODIFIER.fullmatch(text, new_start, quote)
                or text.startswith(NOT_MODIFIERS, new_start)
                or any(verb in text[new_start:quote] for verb in PREDICATES)):
            continue
        first, last = bisect.bisect_left(starts, new_start), bisect.bisect_left(starts, quote)
        gap_tags = [tag or "" for tag in tags[first:last]]
        # after a listed programme the words need not open on a noun tag (小微 is no word of jieba's), only not on a verb
        if (first == len(starts) or starts[first] != new_start or not gap_tags
                or not (gap_tags[0].startswith("n") or listed and not gap_tags[0].startswith("v"))
                or any(tag.startswith(NOT_IN_MODIFIER) for tag in gap_tags)):
            continue
        inside = [(a, b, x) for a, b, x in out if new_start <= a and b <= start and (a, b, x) != (start, end, label)]
        if any(x not in ("PLACE", "ORG") for _, _, x in inside) or any(a < new_start < b for a, b, _ in out):
            continue
        out = [s for s in out if s not in inside]
        out[out.index((start, end, label))] = (new_start, end, label)
    return sorted(out) if out != spans else spans


# A quoted count of the items listed before it (垃圾、污水、厕所|“三大革命”, 动态监测和精准帮扶|“两个环节”)
COUNTED_QUOTE = re.compile(r"[“「『](?P<count>[一二三四五六七八九十两]+)[个大项条类种张][\u4e00-\u9fff]{1,4}[”」』]")
# What joins the items of a list, or two programmes of one (大企业培育倍增计划|和|中小微企业“育苗壮干”计划)
JOIN_MARKS = "、和及与"
LIST_JOIN = re.compile(f"[{JOIN_MARKS}]")
# Three at least: two items and a count of two are as often a name's own modifier (城乡低保、残疾人“两项补贴”)
MIN_COUNTED_ITEMS = 3


def _counted_quotes_without_list_items(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A programme named by a quoted count of the items listed before it starts at its quote: the words before
    the quote are the list's last item, not the name's modifier (链条跃升、技术攻关、数字转型、应用拓展|“四大行动”,
    汽车、钢铁、化工产业转型|“三大战役”: every such list of the gold files, 3 of 3). Only where the clause lists as
    many items before the quote (joined by 、, 和, 及 or 与) as the quote counts, three at least: 制造业“七个一”和
    服务业“六个一”工作推进体系, 国家…实验区、省德智体美劳“五大行动”实验区 and 深化政务服务“五个通办”改革 keep
    their words.

    >>> text = "持续推进农村污水、垃圾、厕所“三大革命”。"
    >>> [text[a:b] for a, b, _ in _counted_quotes_without_list_items(text, [(12, 20, "PROGRAMME")])]
    ['“三大革命”']
    >>> _counted_quotes_without_list_items("深化政务服务“五个通办”改革", [(2, 15, "PROGRAMME")])
    [(2, 15, 'PROGRAMME')]
    """
    out = []
    for start, end, label in spans:
        match = COUNTED_QUOTE.search(text, start, end) if label == "PROGRAMME" and start > 0 else None
        if match and match.start() > start and len(match["count"]) == 1:
            clause = _clause_opening(text, CLAUSE_START, start, 80)
            items = LIST_JOIN.split(text[clause:match.start()])
            if len(items) >= MIN_COUNTED_ITEMS and len(items) == number_value(match["count"]):
                start = match.start()
        out.append((start, end, label))
    return out


# The kinds the earlier of two programmes joined in a list ends on for the later one's words to be its modifier, not a
# list item (商贸品牌、餐饮名店|“五个一批”提质工程).
LISTED_PROGRAMME_KIND = re.compile(r"(?:工程|计划|行动|活动|改革|战略|试点)[”」』]?$")


def _after_listed_programme(text: str, spans: list[tuple[int, int, str]], quote: int) -> int | None:
    """Where the words before a quote start when they follow another programme of the same list, joined by 和,
    及, 与 or 、 (大学生留吉工程、|青年庐陵英才“雁归工程”, 培育倍增计划和|中小微企业“育苗壮干”计划): right after the join,
    which the launching verb's clause holds; the gold files take those words in (3 of 3 such lists), as after the
    verb. None where no such programme ends there.

    >>> text = "推进大学生留吉工程、青年庐陵英才“雁归工程”"
    >>> _after_listed_programme(text, [(2, 9, "PROGRAMME")], text.index("“")) == text.index("青")
    True
    >>> _after_listed_programme("打造商贸品牌、餐饮名店“五个一批”", [(2, 6, "PROGRAMME")], 11) is None
    True
    """
    for start, end, label in spans:
        if (label == "PROGRAMME" and end < quote and text[end:end + 1] in JOIN_MARKS and quote - end - 1 <= 10
                and LISTED_PROGRAMME_KIND.search(text, start, end)):
            return end + 1
    return None


# a verb with the particle of a completed action (增长了, 配备了): a figure already achieved, not 为了, 了解; and a level
# already reached (60岁以上人口已达2.5亿, 支出已经达到…, 已超过, 已占: review of cn-gwr-2019), not what was started (gold's
# 重大水利工程已开工的57个项目)
ACHIEVED = re.compile(r"(?<=[\u4e00-\u9fff])(?<![为除])了(?!解)|已(?:经)?(?:达|超|突破|占)")


def _achieved(name: str) -> bool:
    """A TARGET is a planned quantity, never a figure already achieved (GUIDELINES): one that tells what was
    done (工业总产值比上年增长了8.5％, 规模扩大了9.8倍) is no target.

    >>> [_achieved(name) for name in ("工业总产值比上年增长了8.5％", "为了稳就业新增岗位1万个", "新增企业100家",
    ...                               "60岁以上人口已达2.5亿", "重大水利工程已开工的57个项目")]
    [True, False, False, True, False]
    """
    return ACHIEVED.search(name) is not None


NAME_LETTER = re.compile(r"[\u4e00-\u9fffA-Za-zＡ-Ｚａ-ｚ]")
# An anniversary (成立60周年, 诞辰120周年): the number of years since, not a quantity planned (GUIDELINES, TARGET)
ANNIVERSARY = re.compile(r"[0-9０-９一二三四五六七八九十百]+周年")
ANY_FIGURE = re.compile(r"[0-9０-９]|[一二三四五六七八九十两百千万亿]+[个项家座条所批处名人次%％]")


def _without_anniversaries(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET whose only figure is an anniversary (内蒙古自治区成立|70周年庆祝活动, 梅兰芳诞辰130周年纪念活动) is no
    target: no gold TARGET holds 周年.

    >>> text = "组织好成立70周年庆祝活动，2个民族乡办好成立逢十周年庆祝活动"
    >>> [text[a:b] for a, b, _ in _without_anniversaries(text, [(5, 13, "TARGET"), (14, 31, "TARGET")])]
    ['2个民族乡办好成立逢十周年庆祝活动']
    """
    return [(a, b, label) for a, b, label in spans if not (
        label == "TARGET" and (anniversary := ANNIVERSARY.search(text, a, b))
        and not ANY_FIGURE.search(text[a:anniversary.start()] + text[anniversary.end():b]))]


# The size of the year's graduating cohort (今年高校毕业生将达727万人, 今年高校毕业生795万人，再创历史新高): a population
# the report forecasts and plans jobs for, neither planned nor achieved, so no TARGET (GUIDELINES, TARGET); the national
# reports state it every year since 2014.
COHORT_SIZE = re.compile(r"(?:应届)?高校毕业生(?:将|预计)?高?(?:达到?|为)?约?[0-9０-９][0-9０-９.．]*多?万人")


def _without_cohort_sizes(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET that is this year's number of graduates (COHORT_SIZE, right after 今年) goes.

    >>> text = "今年高校毕业生将达727万人，引进高校毕业生4万人以上"
    >>> [text[a:b] for a, b, _ in _without_cohort_sizes(text, [(2, 14, "TARGET"), (15, 27, "TARGET")])]
    ['引进高校毕业生4万人以上']
    """
    return [(a, b, label) for a, b, label in spans if not (
        label == "TARGET" and COHORT_SIZE.fullmatch(text, a, b) and text.endswith("今年", 0, a))]


def _without_bare_figures(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name of figures alone (16.2%, ９２．４９％) is no project, sector, place, organisation or target: a
    TARGET holds its metric (GUIDELINES). A programme may be a code of digits (“12345”, “3+1”), so it stays.

    >>> _without_bare_figures("增长16.2%，建成S410", [(2, 7, "PROJECT"), (10, 14, "PROJECT")])
    [(10, 14, 'PROJECT')]
    """
    return [(a, b, label) for a, b, label in spans if label == "PROGRAMME" or NAME_LETTER.search(text, a, b)]


# A figure with its unit of measure and nothing else (基本建成|544万套, 接待国内游客|5058.1万人次, “|220千伏|丽水变”, 实施|20周年):
# a quantity whose metric the clause holds, not a name; the tagger read 21 such in the shared corpora, in reviews of
# the past year. A code of a line or a road (19号线, 312国道) or a company's (360科技) is a name and stays.
FIGURE_AND_UNIT = re.compile(r"[0-9０-９][0-9０-９.．,，]*(?:万亿|亿|万|千|百)?"
                             r"(?:人次|平方米|平方公里|公里|千瓦时|千瓦|千伏|立方米|公顷|周年|[吨套户人亩辆台头株元])"
                             r"(?:[/／][年日天])?")
# A count read as a sector where a class word was cut after it (三次|产业, 一二三|产业: the sectors together, no sector).
COUNT_AS_SECTOR = re.compile(r"[一二三四五六七八九十两]+[次个类大]?")
# What a place has done for years running is no part of its name (泸州港|连续5年).
YEARS_RUNNING = re.compile(r"连续[0-9０-９一二三四五六七八九十]{1,2}年$")


def _without_quantities(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """No name (but a TARGET) is a figure with its unit alone (:data:`FIGURE_AND_UNIT`), no sector a count
    (:data:`COUNT_AS_SECTOR`), and a name ends before :data:`YEARS_RUNNING`.

    >>> text = "基本建成544万套，泸州港连续5年，建成19号线，三次产业"
    >>> _without_quantities(text, [(4, 9, "PROJECT"), (10, 17, "PROJECT"), (20, 24, "PROJECT"), (25, 27, "INDUSTRY")])
    [(10, 13, 'PROJECT'), (20, 24, 'PROJECT')]
    """
    out = []
    for start, end, label in spans:
        if label != "TARGET":
            if FIGURE_AND_UNIT.fullmatch(text, start, end) or label == "INDUSTRY" and COUNT_AS_SECTOR.fullmatch(text, start, end):
                continue
            if (running := YEARS_RUNNING.search(text, start, end)) is not None and running.start() - start >= 2:
                end = running.start()
        out.append((start, end, label))
    return out


# The marks a name holds in pairs (PAIRED_MARKS; GUIDELINES: quotation marks and 《》 belong to a quoted name, whole),
# by the closing mark.
OPENED_BY = {closing: opening for opening, closing in PAIRED_MARKS}
MIN_NAME_AFTER_MARK = 4  # …总体规划（专项规划）》|报批: what follows a closing mark is too short to be the name


def _names_with_paired_marks(text: str, spans: list[tuple[int, int, str]], places: Sequence[tuple[int, int]] = ()
                             ) -> list[tuple[int, int, str]]:
    """No name but a heading holds half of a pair of marks (:data:`OPENED_BY`): a name missing the opening 《 or
    “ right before it or the closing one right after it takes it in (…规定》 after 《); otherwise it ends before
    a mark opened and not closed in it (水果|（, 城产集团|（原城投集团) or starts after one closed and not
    opened in it (深圳、广州、佛山）|郴州技术转移中心), the other side where that leaves too little (“|抚河, 渔业|）,
    …规划（专项规划）|》报批: :data:`MIN_NAME_AFTER_MARK`). A TARGET left without a figure goes. The gazetteer's
    ``places`` in what is cut off stay places. No gold name holds half a pair; the tagger and the
    rules made 75 such names in the shared corpora, across a paragraph's brackets or a title's marks.

    >>> text = "《桂林市禁止乱挖滥采砂石土矿产资源规定》，水果（含坚果）、渔业），深圳、广州、佛山）郴州技术转移中心，“抚河"
    >>> [text[a:b] for a, b, _ in _names_with_paired_marks(text, [(1, 20, "PROGRAMME"), (21, 24, "INDUSTRY"),
    ...                                                          (29, 32, "INDUSTRY"), (33, 50, "PROJECT"), (51, 54, "PLACE")])]
    ['《桂林市禁止乱挖滥采砂石土矿产资源规定》', '水果', '渔业', '郴州技术转移中心', '抚河']
    """
    out, freed = [], []
    for start, end, label in spans:
        if label in ("GOAL", "MEASURE") or not any(mark in text[start:end] for mark in "《》“”（）()"):
            out.append((start, end, label))
            continue
        span = (start, end)
        for opening, close in (("《", "》"), ("“", "”")):
            name = text[start:end]
            if name.count(opening) < name.count(close) and text[start - 1:start] == opening:
                start -= 1
            elif name.count(opening) > name.count(close) and text[end:end + 1] == close:
                end += 1
        unclosed, unopened = _unpaired(text, start, end)
        if unopened is not None:
            start, end = (unopened + 1, end) if end - unopened - 1 >= MIN_NAME_AFTER_MARK else (start, unopened)
            unclosed, _ = _unpaired(text, start, end)
        if unclosed is not None:
            start, end = (start, unclosed) if unclosed - start >= 2 else (unclosed + 1, end)
        kept = (start, end) if end - start >= 2 and (label != "TARGET" or FIGURE.search(text, start, end)) else None
        if (start, end) != span:
            freed += _places_dropped(places, span, kept)
        if kept is None and (start, end) != span:
            continue
        out.append((start, end, label))
    return sorted([*out, *freed]) if freed else out


def _unpaired(text: str, start: int, end: int) -> tuple[int | None, int | None]:
    """The first mark of ``text[start:end]`` opened and not closed in it, and the last one closed and not opened."""
    stack: list[int] = []
    unopened = None
    for position in range(start, end):
        char = text[position]
        if char in OPENED_BY.values():
            stack.append(position)
        elif char in OPENED_BY:
            if stack and text[stack[-1]] == OPENED_BY[char]:
                stack.pop()
            else:
                unopened = position
    return (stack[0] if stack else None), unopened


# What a plan, a campaign or a reform is to achieve, after its name (“十四五”规划|目标任务, 国企改革深化提升行动|任务,
# 机构改革|任务): the goals or tasks of the programme, not its name (GUIDELINES: trailing generic words are left out;
# cn-train's 完成“十二五”规划|重点建设任务 marks “十二五”规划). A counted campaign of tasks is a name of its own and stays
# (十大标志性改革任务, a gold PROGRAMME). Not a named objective (“双500”目标, quoted).
PROGRAMME_TASKS = re.compile(r"(?<=改革|战略|计划|规划|工程|行动|纲要)(?:目标任务|目标|(?:重点建设|重点|重大|主要|各项|阶段性)?任务)$")
COUNTED_TASKS = re.compile(r"[一二三四五六七八九十两\d]+(?:大|个|项)")


def _programmes_without_their_tasks(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROGRAMME ends before :data:`PROGRAMME_TASKS` after its head, unless it counts its tasks (COUNTED_TASKS).

    >>> text = "完成“十四五”规划目标任务，推进国企改革深化提升行动任务，落实十大标志性改革任务"
    >>> [text[a:b] for a, b, _ in _programmes_without_their_tasks(text, [(2, 13, "PROGRAMME"), (16, 28, "PROGRAMME"),
    ...                                                                   (31, 40, "PROGRAMME")])]
    ['“十四五”规划', '国企改革深化提升行动', '十大标志性改革任务']
    """
    out = []
    for start, end, label in spans:
        if label == "PROGRAMME" and (tasks := PROGRAMME_TASKS.search(text, start, end)) is not None \
                and tasks.start() - start >= 4 and not COUNTED_TASKS.match(text, start, end):
            end = tasks.start()
        out.append((start, end, label))
    return out


def _with_numbered_slogans(text: str, spans: list[tuple[int, int, str]], headings: Sequence[tuple[int, int]] = ()
                           ) -> list[tuple[int, int, str]]:
    """Quoted slogans of four characters or more that open on a number, outside headings, where no tagged
    name lies, are PROGRAMMEs (GUIDELINES: names of programmes are often quoted or coded with digits;
    “三农”, “一把手” are too short to tell). The system it names runs on with it (“61020”科技创新成果体系)."""
    added = []
    overlaps = None
    for m in NUMBERED_SLOGAN.finditer(text):
        overlaps = overlaps or _Overlaps(spans)
        if (overlaps(m.start(), m.end()) or text.startswith(CLASS_NOUNS, m.end())
                or any(a <= m.start() and m.end() <= b for a, b in headings)):
            continue
        system = SLOGAN_SYSTEM.match(text, m.end())
        runs_on = system and not any(word in system.group() for word in "和与及的") and not overlaps(
            m.end(), system.end())
        end = system.end() if runs_on else m.end()
        added.append((m.start(), end, "PROGRAMME"))
    return sorted([*spans, *added]) if added else spans


# A fair or expo by its short name (进博会, 广交会, 服贸会, 数博会, 投洽会), standing on its own: after a list
# separator, a quotation mark or a verb that holds it (办好, 举办, 参加 …), before a separator, 等 or a quote.
FAIR_ENDING = re.compile("博会|交会|贸会|洽会")
FAIR_OPENERS = frozenset("、，,；：“（(\n")
FAIR_HOLDERS = ("办好", "举办", "承办", "参加", "参展", "用好", "依托", "借助", "利用", "筹办", "开好", "搭建")
FAIR_CLOSERS = frozenset("、，,；。：”）)等\n")


def _fairs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each fair's short name in ``text`` (the ending found first: a regular expression that
    tries every opening at every character cost 5 % of an extraction)."""
    found = []
    for match in FAIR_ENDING.finditer(text):
        end = match.end()
        if end < len(text) and text[end] not in FAIR_CLOSERS:
            continue
        for start in (match.start() - 1, match.start() - 2):
            if start < 0 or not CJK_NAME.fullmatch(text, start, match.start()):
                break
            if text[start - 1:start] in FAIR_OPENERS or text.endswith(FAIR_HOLDERS, 0, start):
                found.append((start, end))
                break
    return found


def _with_fairs(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Fairs and expos named by their short names are PROGRAMMEs (GUIDELINES: expos and fairs, 进博会, 广交会):
    one tagged with another label takes PROGRAMME (服贸会 is no industry), one the tagger left out is added
    (数贸会 in 办好进博会、广交会、服贸会、数贸会、消博会等重大展会); one inside a longer name stays in it."""
    found = set(_fairs(text))
    if not found:
        return spans
    kept = [(a, b, "PROGRAMME" if (a, b) in found else label) for a, b, label in spans]
    added = [(a, b, "PROGRAMME") for a, b in found if not any(s < b and a < e for s, e, _ in spans)]
    return sorted([*kept, *added]) if added else kept


# What a conjunct before 和/与 that is a name of its own ends on (对口支援和|东西部协作, 特大镇高质量发展和|扩权改革): two names
OWN_NAME_ENDINGS = ("发展", "建设", "改革", "合作", "支援", "协作", "政策", "战略", "计划", "工程", "行动", "制度", "机制",
                    "体系", "理论", "思想", "精神", "会议", "全会", "试点", "规划", "保护", "治理", "工作", "服务")
MAX_CONJUNCT = 6


def _programmes_with_conjuncts(text: str, spans: list[tuple[int, int, str]], starts: Sequence[int],
                               tags: Sequence[str | None], heads: Sequence[str] = ()) -> list[tuple[int, int, str]]:
    """A programme the tagger started right after 和 or 与 takes in the noun before it that shares its head (GUIDELINES,
    Shared heads): 财政事权和|支出责任划分改革, 经济区与|行政区适度分离改革, 居家和|社区基本养老服务提升行动, as the gold's
    耕地质量保护与提升行动, 政府和社会资本合作. Only a short conjunct (MAX_CONJUNCT characters) of nouns, opening the
    clause or after the verb that launches it, that is no name of its own (对口支援和|东西部协作, 质量强市和|标准化战略),
    and not for a quoted name (主体责任和|“一岗双责”) or an event (残奥会和|上海世博会).

    >>> text = "推进财政事权和支出责任划分改革，加强对口支援和东西部协作"
    >>> starts = [0, 2, 4, 6, 7, 9, 11, 13, 15, 16, 18, 20, 22, 23, 26]
    >>> tags = ["v", "n", "n", "c", "vn", "n", "v", "vn", "x", "v", "b", "v", "c", "n", "vn"]
    >>> [text[a:b] for a, b, _ in _programmes_with_conjuncts(text, [(9, 15, "PROGRAMME"), (23, 28, "PROGRAMME")], starts, tags)]
    ['财政事权和支出责任划分改革', '东西部协作']
    """
    out = list(spans)
    for start, end, label in spans:
        if (label != "PROGRAMME" or start < 3 or any(mark in text[start:end] for mark in OPENING_QUOTES)
                or EVENT_HEAD.search(text, start, end)):  # a quoted name or an event is a name of its own
            continue
        join = _join_before(text, start, starts, tags)
        if join is None:
            continue
        left = _clause_opening(text, CLAUSE_BOUNDARY, join, 20)
        verbs = [m.end() for m in LAUNCH_VERB_END.finditer(text, left, join)]
        new_start = verbs[-1] if verbs else left
        conjunct = text[new_start:join]
        if (not 2 <= len(conjunct) <= MAX_CONJUNCT or not CJK_NAME.fullmatch(conjunct)
                or conjunct.endswith((*OWN_NAME_ENDINGS, *heads))):
            continue
        first, last = bisect.bisect_left(starts, new_start), bisect.bisect_left(starts, join)
        if first >= len(starts) or starts[first] != new_start or not all(
                (tag or "") in ITEM_NOUN_TAGS for tag in tags[first:last]):
            continue
        if any(a < join and new_start < b and x not in ("PLACE", "ORG") for a, b, x in spans if (a, b, x) != (start, end, label)):
            continue
        out = [s for s in out if not (new_start <= s[0] and s[1] <= join)]
        out[out.index((start, end, label))] = (new_start, end, label)
    return sorted(out) if out != spans else spans


def _join_before(text: str, start: int, starts: Sequence[int], tags: Sequence[str | None]) -> int | None:
    """Where the 和 or 与 stands that a name starting at ``start`` follows, right before it or before one noun the
    tagger left out of it (财政事权和|支出|责任划分改革: 支出 is a verb's noun to it)."""
    if text[start - 1] in "和与":
        return start - 1
    index = bisect.bisect_left(starts, start) - 1
    if (index >= 1 and start - starts[index] == 2 and text[starts[index] - 1] in "和与"
            and ((tags[index] or "") in ITEM_NOUN_TAGS or tags[index] == "v")
            and text[starts[index]:start] not in LAUNCH_VERBS):  # not 社会保障和|深化|医药卫生体制改革
        return starts[index] - 1
    return None


# What closes a list of projects (…、天辰新材料等项目, …等一批重大先导项目, …等160余个项目); not a kind of projects
# (民生项目, 重大交通项目), whose items are sectors
PROJECT_LIST_END = re.compile(r"等(?:一批|[0-9０-９]+余?个)?(?:重大|重点|产业|工业|重大先导)?(?:项目|片区)")
LIST_JOINS_ONE = ("、", "和", "及")


def _listed_projects_alike(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """In a list closed by 等…项目 (or 等…片区) that names a PROJECT, an item tagged INDUSTRY is a project too: the gold files label
    every item of such lists alike (新型显示模组、光储一体新能源产业基地等重大项目; 乙烯、己内酰胺、天辰新材料等项目), and
    the items of a list whose items are all sectors stay sectors (水电、核电、特高压输电…等重大项目, national dev). A place
    among the items stays a place (河西南部、大校场、江心洲等重点片区: 大校场 is a project).

    >>> text = "加快推进光伏组件、全钒液流电池、制氢电源等项目建设"
    >>> [(text[a:b], label) for a, b, label in _listed_projects_alike(text, [
    ...     (4, 8, "INDUSTRY"), (9, 15, "PROJECT"), (16, 20, "INDUSTRY")])]
    [('光伏组件', 'PROJECT'), ('全钒液流电池', 'PROJECT'), ('制氢电源', 'PROJECT')]
    >>> sectors = [(2, 4, "INDUSTRY"), (5, 7, "INDUSTRY")]
    >>> _listed_projects_alike("加强水电、核电等重大项目", sectors) == sectors
    True
    """
    if "项目" not in text and "片区" not in text:
        return spans
    out = list(spans)
    starts = [start for start, _, _ in spans]
    for match in PROJECT_LIST_END.finditer(text):
        index = bisect.bisect_left(starts, match.start()) - 1
        items: list[int] = []
        while index >= 0 and spans[index][1] <= match.start():
            start, end, label = spans[index]
            following = spans[items[-1]][0] if items else match.start()
            if label not in ("PROJECT", "INDUSTRY", "PLACE") or text[end:following] not in (*LIST_JOINS_ONE, ""):
                break
            items.append(index)
            index -= 1
        labels = {spans[i][2] for i in items}
        if len(items) >= 2 and {"PROJECT", "INDUSTRY"} <= labels:
            for i in items:
                if spans[i][2] == "INDUSTRY":
                    out[i] = (spans[i][0], spans[i][1], "PROJECT")
    return out


# Games and expos named by their short names (冬奥会, 亚运会, 世博会), with the year, the round or the host city before
# them (2022年冬奥会, 第十一届亚运会, 北京冬奥会, 杭州亚运会): events, PROGRAMMEs (GUIDELINES: expos and fairs)
GAME_NAME = re.compile(r"冬残奥会|冬奥会|残奥会|奥运会|亚残运会|亚运会|世博会|大运会|全运会|学青会|世园会|园博会|青运会|民运会")
GAMES = re.compile(rf"(?:(?:19|20)\d\d年|第[一二三四五六七八九十\d]+届)?(?:{GAME_NAME.pattern})")
# How far before a game's name its year or round is looked for: GAMES scanned whole texts in 60 ms of the national
# corpus's 9 s, its names alone in 8 ms (an optional opening defeats the regular expression engine's skipping)
GAME_OPENING_REACH = 32


def _games(text: str) -> Iterator[re.Match]:
    """``GAMES.finditer(text)``, found from the games' names: the same matches where no year or round before a name
    is longer than ``GAME_OPENING_REACH`` - 5 characters.

    >>> text = "办好2022年冬奥会、冬残奥会和第十九届亚运会，上海世博会"
    >>> [match.group() for match in _games(text)]
    ['2022年冬奥会', '冬残奥会', '第十九届亚运会', '世博会']
    >>> [match.span() for match in _games(text)] == [match.span() for match in GAMES.finditer(text)]
    True
    """
    reached = 0
    for name in GAME_NAME.finditer(text):
        match = GAMES.search(text, max(reached, name.start() - GAME_OPENING_REACH), name.end())
        if match is not None:
            reached = match.end()
            yield match


def _with_games(text: str, spans: list[tuple[int, int, str]], place_names: Collection[str] = ()
                ) -> list[tuple[int, int, str]]:
    """Games and expos by their short names are PROGRAMMEs, with the host city a place before them takes in (北京|冬奥会
    → 北京冬奥会: found by a review of cn-gwr-2019, where the tagger read the city alone): a name the tagger made of
    the event, or of the city and the event, goes; a longer name that holds the event stays as it is.

    >>> text = "做好北京冬奥会、冬残奥会筹办工作"
    >>> [(text[a:b], label) for a, b, label in _with_games(text, [(2, 4, "PLACE")])]
    [('北京冬奥会', 'PROGRAMME'), ('冬残奥会', 'PROGRAMME')]
    """
    if "会" not in text:
        return spans
    out = list(spans)
    for match in _games(text):
        start, end = match.span()
        if any(a <= start and end <= b and (a, b) != (start, end) and label in ("PROGRAMME", "MEASURE", "GOAL")
               for a, b, label in out):
            continue  # inside a longer programme: 上海世界特殊奥运会
        if not match.group().startswith(("第", "1", "2")):
            host = next((a for a, b, label in out if label in ("PLACE", "PROJECT") and a < start
                         and (b == start or b == end)), None)  # 北京|冬奥会, or the city and the event as one name
            if host is None:
                host = next((start - size for size in (3, 2) if text[start - size:start] in place_names), None)
            start = host if host is not None else start
        out = [(a, b, label) for a, b, label in out if not (a < end and start < b)] + [(start, end, "PROGRAMME")]
    return sorted(out) if out != spans else spans


# The heads of an event's own name: festivals, fairs, games, meetings (诗经黄酒文化旅游节, 舟山群岛马拉松, 成都国际车展)
EVENT_HEAD = re.compile(r"(?:节|嘉年华|博览会|展览会|交易会|洽谈会|推介会|展销会|车展|书展|双年展|马拉松|公开赛|锦标赛"
                        r"|运动会|联赛|大赛|峰会|论坛|现场会|年会|大会|文化季|观鸟季|旅游季"
                        # a race or a match (徐家河铁人三项赛, 环千岛湖公路自行车赛, 中国羽毛球大师赛)
                        r"|[球车项野松集结拉力巡回友谊师杯]赛)$")
# ... and a pilot, a brand, an activity or a plan the tagger read as a project, which the guidelines and the gold files
# name PROGRAMMEs (“好房子”试点, “安顺心意”…品牌; reviews of city-崇左, 随州, 甘孜 2024)
PROGRAMME_ENDING = re.compile("(?:试点|品牌|活动|计划)$")
EVENT_RELABELLED = ("PROJECT", "INDUSTRY")


# The events a report will hold, listed after the verb that holds them (举办|秦巴山区年货节、首届川陕甘直播电商节, 办好|
# 国际购物节、美食节、时尚消费节): each named one, four characters or more to its head (EVENT_HEAD), is a PROGRAMME
# where the tagger read nothing there (GUIDELINES: expos and fairs; gold: 庐陵文化生态旅游节, 第五届国际友城大会;
# reviews of city-广元, 资阳, 河池 2024). A sector of events (体育赛事) has no head of one.
EVENT_HOLDER = re.compile(r"(?:成功)?(?:举办|办好|承办|筹办|开好|创办|主办|办)")
EVENT_ITEM = re.compile(r"(?!好|高水平|高质量|高规格|一批|一系列|系列|各类|多场)[^、，。；：和及与的“”《》\n]{4,16}?"
                        r"(?:(?<![环调季关细礼章音])节|嘉年华|博览会|展览会|交易会|洽谈会|展销会|车展|书展|马拉松"
                        r"|公开赛|锦标赛|运动会|大赛|峰会|论坛|文化季|旅游季)(?=[、，。；和及与等\n]|$)")
SHORT_EVENT = re.compile(r"[\u4e00-\u9fff]{1,3}节(?=[、和及与])")
EVENT_JOINS = "、和及与"
# What a held event's name may hold that goes with it: the place it is named by too (筹办|太湖湾音乐节: GUIDELINES,
# names inside PROGRAMMEs are not annotated separately; review of city-常州-2024)
HELD_EVENT_PARTS = (*EVENT_RELABELLED, "PLACE")


def _with_held_events(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """See ``EVENT_HOLDER`` and ``EVENT_ITEM``: the items of the list right after the verb, up to the first that is no
    event; a short one (美食节) is stepped over.

    >>> text = "办好国际购物节、美食节、时尚消费节，举办秦巴山区年货节和首届川陕甘直播电商节"
    >>> [text[a:b] for a, b, _ in _with_held_events(text, [])]
    ['国际购物节', '时尚消费节', '秦巴山区年货节', '首届川陕甘直播电商节']
    """
    if "节" not in text and "会" not in text and "论坛" not in text:
        return spans
    added, inside = [], set()
    for holder in EVENT_HOLDER.finditer(text):
        position = holder.end()
        while (item := EVENT_ITEM.match(text, position) or SHORT_EVENT.match(text, position)) is not None:
            overlapping = [(a, b, label) for a, b, label in spans if a < item.end() and item.start() < b]
            if item.re is EVENT_ITEM and all(item.start() <= a and b <= item.end() and label in HELD_EVENT_PARTS
                                             and (a, b) != item.span() for a, b, label in overlapping):
                added.append((item.start(), item.end(), "PROGRAMME"))  # 时尚消费|节: no sector of its own
                inside.update(overlapping)
            if text[item.end():item.end() + 1] not in EVENT_JOINS:
                break
            position = item.end() + 1
    return sorted([*(s for s in spans if s not in inside), *added]) if added else spans


def _events_as_programmes(text: str, spans: list[tuple[int, int, str]], place_names: Collection[str] = ()
                          ) -> list[tuple[int, int, str]]:
    """A project or sector named by an event's head is that event, a PROGRAMME (GUIDELINES: expos and fairs; the
    gold's 庐陵文化生态旅游节, 第五届国际友城大会, U23棒球世界杯): 温泉嘉年华, 舟山群岛马拉松, 冰雪美食节 (found by a review
    of city-贺州-2024). Not a name that ends on a place (购在毕节), nor a sector of events (体育赛事, 会展).

    >>> text = "办好温泉嘉年华、舟山群岛马拉松，购在毕节"
    >>> [(text[a:b], label) for a, b, label in _events_as_programmes(text, [
    ...     (2, 7, "PROJECT"), (8, 15, "PROJECT"), (16, 20, "PROJECT")], {"毕节"})]
    [('温泉嘉年华', 'PROGRAMME'), ('舟山群岛马拉松', 'PROGRAMME'), ('购在毕节', 'PROJECT')]
    """
    out = []
    for start, end, label in spans:
        if (label in EVENT_RELABELLED and (EVENT_HEAD.search(text, start, end)
                                           or label == "PROJECT" and PROGRAMME_ENDING.search(text, start, end))
                and end - start >= 3
                and not any(text[end - size:end] in place_names for size in (2, 3, 4))):
            label = "PROGRAMME"
        out.append((start, end, label))
    return out


# A government document by its number: the issuer's abbreviation, the year in 〔〕 and the number (国发〔2022〕2号,
# 黔府发〔2022〕7号文件, 国函〔2022〕65号).
DOCUMENT_NUMBER = re.compile(r"(?:[\u4e00-\u9fff]府办?|国办|[\u4e00-\u9fff])[发函]〔\d{4}〕\d+号(?:文件)?")


def _with_document_numbers(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A document named by its number is one PROGRAMME from the issuer to 号 (文件) (GUIDELINES: named policy
    documents such as 《关于…的意见》 are programmes): what the tagger made of it goes (PROJECT 〔2022〕2号文件,
    来发〔2023〕4号）文件精神), and so does a name that runs on past it (…65号文件政策“富矿”)."""
    found = [(m.start(), m.end()) for m in DOCUMENT_NUMBER.finditer(text)] if "〔" in text else []
    if not found:
        return spans
    kept = [(a, b, label) for a, b, label in spans if not any(a < end and start < b for start, end in found)]
    return sorted([*kept, *((start, end, "PROGRAMME") for start, end in found)])


# A policy package named by its count of articles, after the verb that carries it out (落实|促进民间投资12条措施, 出台|推动
# 经济率先整体好转55条, 用好|…): a named policy, a PROGRAMME (GUIDELINES: named lists; the seed's 优化营商环境20条; reviews
# of city-无锡-2024 and city-金华-2024: 69 such names over the local corpus that no rule or the tagger read whole).
# Not a count of works (背街小巷改造259条, 芳草路等26条) nor a name that holds 的 or a conjunction (…政策的26条措施).
POLICY_VERB = "落实|出台|制定|实施|用好|用足|兑现|推出|落细|执行|印发|修订|贯彻|细化"
POLICY_PACKAGE = re.compile(
    rf"(?:{POLICY_VERB})好?"
    r"(?P<name>[\u4e00-\u9fff“”]{3,20}?(?:\d{1,3}|[一二三四五六七八九十]{1,3})条(?:政策措施|硬措施|具体措施|措施|举措|政策|意见)?)"
    r"(?![\u4e00-\u9fff“”])")
NOT_POLICY_PACKAGE = re.compile(r"[的和及与等]|改造|治理|整治|措施(?=[\d一二三四五六七八九十])"
                                r"|(?:[路街巷道线河桥渠]|提升|新建|建成|打通|新增|完成|开通)(?=[\d一二三四五六七八九十]+条)")
POLICY_VERBS = re.compile(rf"(?:{POLICY_VERB})+")


def _with_policy_packages(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """See :data:`POLICY_PACKAGE`: one PROGRAMME in place of the names read inside it (房地产 of 促进房地产市场平稳健康
    发展18条措施: names inside programmes are not annotated apart), where none reaches out of it.

    >>> text = "落实促进民间投资12条措施，完成背街小巷改造259条，落实国务院安委会安全生产十五条硬措施"
    >>> [text[a:b] for a, b, _ in _with_policy_packages(text, [(2, 4, "INDUSTRY"), (29, 35, "ORG")])]
    ['促进民间投资12条措施', '国务院安委会', '安全生产十五条硬措施']
    """
    if "条" not in text:
        return spans
    out = spans
    for match in POLICY_PACKAGE.finditer(text):
        start, end = match.span("name")
        if NOT_POLICY_PACKAGE.search(text, start, end):
            continue
        if (verbs := POLICY_VERBS.match(text, start, end)) is not None:
            start = verbs.end()  # 制定实施|…: the second verb too
        issuer = next((b for a, b, label in out if a == start and label == "ORG" and b < end), None)
        start = issuer if issuer is not None else start  # 国务院安委会|安全生产十五条硬措施: who issued it stays apart
        inside = [(a, b, label) for a, b, label in out if a < end and start < b]
        if any(a < start or end < b for a, b, _ in inside):
            continue
        out = sorted([*(s for s in out if s not in inside), (start, end, "PROGRAMME")])
    return out


# Legislatures and the central authorities are organisations (GUIDELINES: a government body named as an actor),
# not programmes: 市人大及其常委会, 全国人大; 党中央国务院 is two of them.
LEGISLATURE = re.compile(r"(?:[省市州县区]|全国)?人大(?:及其)?(?:常委会)?")
CENTRAL_AUTHORITIES = "党中央国务院"
# ... and so are committees, governments and their offices tagged as projects or programmes (营商环境咨询委员会,
# 国家自然科学基金委员会, 企沙镇人民调解委员会, a report's signature line 衡阳市人民政府办公室 read as a PROJECT that served
# the last goal): 12 in the shared corpora; not a clause that names one (国务院已责成…委员会, …工作被国务院办公厅).
GOVERNMENT_BODY = re.compile(r"[^，。；：、\n]{2,20}?(?:委员会|管委会|办公室|办公厅|人民政府)")
NOT_IN_BODY = re.compile(r"[已被的年]|责成|工作")
# What deputies and members of the political consultative conference propose is no programme (人大代表建议和政协委员提案).
PROPOSALS = re.compile(r"(?:人大代表|政协委员|人大|政协)[^，。]*?(?:建议|提案|议案)$")


# Kinds of organisation, not names (GUIDELINES: generic mentions are not entities): 紧密型城市医疗集团, 县域医共体,
# and 家上市公司 of 5家上市公司.
GENERIC_ORG = re.compile(r"型?(?:城市|县域)[\u4e00-\u9fff]{0,4}(?:集团|医共体|共同体)")
COUNTED = re.compile(r"[\d一二三四五六七八九十百千万两几多余]")


def _with_government_bodies(text: str, spans: list[tuple[int, int, str]], org_endings: Collection[str] = ()
                            ) -> list[tuple[int, int, str]]:
    """Legislatures, committees, governments and their offices tagged as projects or programmes are ORGs
    (:data:`GOVERNMENT_BODY`), 党中央国务院 the two ORGs 党中央 and 国务院, and the proposals
    of deputies (人大代表建议, 人大代表建议和政协委员提案) are no names; nor are kinds of organisation tagged as ORGs:
    an organisation's ending alone (银行, 集团), 城市医疗集团, 县域医共体, a counted 家上市公司."""
    out = []
    for a, b, label in spans:
        name = text[a:b]
        if name == CENTRAL_AUTHORITIES and label != "TARGET":
            out += [(a, a + 3, "ORG"), (a + 3, b, "ORG")]
        elif label == "ORG" and (name in org_endings or GENERIC_ORG.fullmatch(name)
                                 or name.startswith("家") and COUNTED.match(text, a - 1)):
            continue
        elif label in ("ORG", "TARGET"):
            out.append((a, b, label))
        elif LEGISLATURE.fullmatch(name) or (GOVERNMENT_BODY.fullmatch(name) and not NOT_IN_BODY.search(name)):
            out.append((a, b, "ORG"))
        elif not PROPOSALS.search(name):
            out.append((a, b, label))
    return out


# A company the city or province owns, named after it by 市 or 省 alone (市城控集团, 市担保集团, 省农垦集团); not when
# 市/省 ends another word (城市医疗集团, 上市公司, 全市首家…公司) or the words between are no name (市属平台公司,
# 市级供销集团, 市场化方式推进平台公司).
STATE_COMPANY_ENDINGS = ("集团", "公司")
STATE_COMPANY_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}")
NOT_BEFORE_STATE = frozenset("城都上超门股全本我该各集夜菜早黑花灯街外跨节自内省市县区州")
NOT_IN_STATE_NAME = re.compile(r"[级属直首家场和与及的等个一二三四五六七八九十两每各本国有平台]")


def _state_companies(text: str) -> list[tuple[int, int]]:
    found = []
    for ending in STATE_COMPANY_ENDINGS:
        end = text.find(ending)
        while end >= 0:
            for start in range(end - 3, max(end - 8, 0) - 1, -1):
                if text[start] in "市省" and STATE_COMPANY_NAME.fullmatch(text, start + 1, end) \
                        and not NOT_IN_STATE_NAME.search(text, start + 1, end):
                    if start == 0 or text[start - 1] not in NOT_BEFORE_STATE and not _ends_division(text, start + 1):
                        found.append((start, end + len(ending)))
                    break
            end = text.find(ending, end + 1)
    return found


def _ends_division(text: str, end: int) -> bool:
    """Whether a division's name (林芝市, 沙市) ends at ``end``."""
    from pipelines import gazetteer

    places = gazetteer.default()
    return any(places.indexes(text[end - length:end]) for length in (2, 3, 4) if end - length >= 0)


MIN_TARGET_AFTER_COMPANY = 4  # characters of a company's own target after its name (资产超1200亿元)


def _with_state_companies(text: str, spans: list[tuple[int, int, str]], starts: Collection[int] = ()
                          ) -> list[tuple[int, int, str]]:
    """Companies the government owns, named by 市 or 省 and their business (市城控集团, 市创新投集团, 省农垦集团), are
    ORGs (GUIDELINES: an institution or company named as an actor): added where no name covers them, and an ORG
    the tagger ran back into the word the segmenter glued to 市 (做|强市|城控集团, 建优市|人才集团) starts at 市 (not
    国网|省电力公司: ``starts`` are the tokens' starts); a TARGET that opens on one is that ORG and the company's target
    after it (市城控集团|资产超1200亿元, as the gold has it).

    >>> _with_state_companies("力争市城控集团资产超1200亿元", [(2, 17, "TARGET")])
    [(2, 7, 'ORG'), (7, 17, 'TARGET')]
    """
    found = _state_companies(text)
    if not found:
        return spans
    out = list(spans)
    for start, end in found:
        overlapping = [i for i, (a, b, _) in enumerate(out) if a < end and start < b]
        if not overlapping:
            out.append((start, end, "ORG"))
        elif len(overlapping) == 1 and out[overlapping[0]][1:] == (end, "ORG") \
                and start - 2 <= out[overlapping[0]][0] < start and _token_at(starts, start) is None:
            out[overlapping[0]] = (start, end, "ORG")
        elif len(overlapping) == 1 and out[overlapping[0]][2] == "TARGET" \
                and (out[overlapping[0]][0] == start or TARGET_SCOPE.fullmatch(text, out[overlapping[0]][0], start)) \
                and out[overlapping[0]][1] - end >= MIN_TARGET_AFTER_COMPANY:
            target_end = out[overlapping[0]][1]  # 市城控集团|资产超1200亿元: the company, then its target
            out[overlapping[0]:overlapping[0] + 1] = [(start, end, "ORG"), (end, target_end, "TARGET")]
    return sorted(out)


# Two class words stacked before a sector (前沿新兴|氢能、新材料、创新药等产业): the class of the list the sector opens,
# not its name (a sector's own name holds one at most: 前沿材料, 新兴服务业).
STACKED_CLASSES = ("前沿新兴", "新兴前沿", "未来新兴", "新兴未来")


def _sectors_without_stacked_classes(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An INDUSTRY opening on :data:`STACKED_CLASSES` starts after them.

    >>> text = "加快前沿新兴氢能、新材料、创新药等产业发展，布局前沿材料"
    >>> [text[a:b] for a, b, _ in _sectors_without_stacked_classes(text, [(2, 8, "INDUSTRY"), (24, 28, "INDUSTRY")])]
    ['氢能', '前沿材料']
    """
    return [(a + 4 if label == "INDUSTRY" and text.startswith(STACKED_CLASSES, a) and b - a >= 6 else a, b, label)
            for a, b, label in spans]


# A join inside an item of a 、-list, not the list's last join (A、B和C等): the words it joins name one trade
# (房地产和物业服务、社区服务, national dev; 氢能与储能、生物技术, 人工智能手机和电脑、智能机器人: 5 of the 6 such
# pairs in the gold files and reviews are one span). Not where the list is of things brought together (推动电竞与旅游、
# 会展等产业融合, 普惠金融与科技金融、绿色金融深度融合: each is a trade of its own).
ITEM_JOINS = "和与及"
FUSION_WORDS = re.compile("融合|结合|协同|联动|互动")


def _joined_sectors_in_lists(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Two INDUSTRY names joined by one of :data:`ITEM_JOINS` and followed by 、 are one INDUSTRY (see above).

    >>> text = "发展房地产和物业服务、社区服务等产业，推动电竞与旅游、会展等产业融合，发展新材料和环保等产业"
    >>> spans = [(2, 5, "INDUSTRY"), (6, 10, "INDUSTRY"), (11, 15, "INDUSTRY"), (21, 23, "INDUSTRY"),
    ...          (24, 26, "INDUSTRY"), (27, 29, "INDUSTRY"), (37, 40, "INDUSTRY"), (41, 43, "INDUSTRY")]
    >>> [text[a:b] for a, b, _ in _joined_sectors_in_lists(text, spans)]
    ['房地产和物业服务', '社区服务', '电竞', '旅游', '会展', '新材料', '环保']
    """
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if out and label == "INDUSTRY" and out[-1][2] == "INDUSTRY" and start - out[-1][1] == 1 \
                and text[out[-1][1]] in ITEM_JOINS and text.startswith("、", end) \
                and not FUSION_WORDS.search(re.split("[，。；]", text[end:end + 40], maxsplit=1)[0]):
            out[-1] = (out[-1][0], end, label)
            continue
        out.append((start, end, label))
    return out


# The first character of a name that a clause opens on, which the segmenter left as a word of its own and the
# tagger left out: a name cannot start one character into a clause unless that character is a word that opens a
# clause (以, 在, 与, 让, 把, 对 …), and these never are: 中 (中韩多式联运, 中石油新材料, 中江燃气发电), 小 and 大
# (小梅山公园, 大数据电子信息), 新 (新赣江药业, 新市民安居工程改革试点), the directions (南淝河, 黔西北文化生态保护区),
# 环 (环洪泽湖公路) and 和 (和邦生物, 和襄高速): 34 names in both corpora. A place takes only a direction or 小 (a
# new city or the ring around a place is no place: 新|合肥西站, 环|北部湾 in the gold files, 大|济宁).
NAME_OPENERS = "中小大新南北东西黔环和"
PLACE_OPENERS = "南北东西小黔"
OPENING_BOUNDARY = "，。；：、！？\n“"


def _names_with_their_first_character(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name other than a TARGET that starts one character into a clause starts with the clause when that character
    is one of :data:`NAME_OPENERS` (:data:`PLACE_OPENERS` for a PLACE); see above.

    >>> text = "质量继续改善。新梅江公园南段建成，和邦生物加快建设。新合肥西站，环北部湾，以美国为例"
    >>> spans = [(8, 14, "PROJECT"), (18, 21, "ORG"), (27, 31, "PROJECT"), (33, 36, "PLACE"), (38, 40, "PLACE")]
    >>> [text[a:b] for a, b, _ in _names_with_their_first_character(text, spans)]
    ['新梅江公园南段', '和邦生物', '新合肥西站', '北部湾', '美国']
    """
    out = []
    previous_end = 0
    for start, end, label in spans:
        openers = PLACE_OPENERS if label == "PLACE" else NAME_OPENERS
        if label != "TARGET" and start >= 1 and start - 1 >= previous_end and text[start - 1] in openers \
                and (start == 1 or text[start - 2] in OPENING_BOUNDARY):
            start -= 1
        out.append((start, end, label))
        previous_end = max(previous_end, end)
    return out


# The particle that marks a deed as done (实现了, 推行了, 启动了) closes the verb before a name and never opens one; the
# tagger started 24 names in both corpora on it (推行|了公务员制度, 启动|了塔里木河, 终结|了66年的营业税征收历史).
ASPECT_PARTICLE = "了"


def _names_without_aspect_particles(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name opening on :data:`ASPECT_PARTICLE` starts after it.

    >>> text = "推行了公务员制度，启动了塔里木河治理，了解"
    >>> [text[a:b] for a, b, _ in _names_without_aspect_particles(text, [(2, 8, "PROGRAMME"), (11, 16, "PLACE"),
    ...                                                                   (19, 21, "PROGRAMME")])]
    ['公务员制度', '塔里木河', '了解']
    """
    return [(a + 1 if text.startswith(ASPECT_PARTICLE, a) and b - a >= 3 else a, b, label) for a, b, label in spans]


# A list closed by 等 and a kind of consumption or of business form (直播经济、首店经济等新型消费; 新能源汽车、电子产品等
# 大宗消费; 直播带货、即时零售等新业态): every item is a sector or trade form the clause promotes, as the gold files mark all
# 46 items of their 18 such lists, each under a verb of promoting, national and local. Not a list of credit (个人住房、
# 助学贷款等消费信贷) nor of vouchers, goods, markets or surroundings (…等消费券, …等消费品); and an item that is itself a
# kind of consumption stays none (数字消费、绿色消费等新型消费: see CONSUMPTION; one gold document of six marks those).
CONSUMPTION_ITEM = r"[\u4e00-\u9fffA-Za-z0-9“”]{1,8}"
CONSUMPTION_KIND = re.compile(r"等(?:新兴|新型|新|大宗|服务|特色)?(?:消费|业态)(?![券品市环水能需场信贷])")
# The list before the kind, read back from it (searched only in the LIST_WINDOW characters before each kind: a
# search from every position of a text cost 2 s over both corpora)
CONSUMPTION_LIST = re.compile(rf"{CONSUMPTION_ITEM}(?:、{CONSUMPTION_ITEM})*(?:和{CONSUMPTION_ITEM})?$")
LIST_WINDOW = 120
# The verbs promoting such a list: those of PROMOTING, and those of consumption (提振汽车、家电等大宗消费).
CONSUMPTION_VERBS = re.compile(f"{PROMOTING.pattern}|提振|促进|扩大|丰富|撬动|激活|释放")
LIST_JOINS = re.compile("[、和]")


def _with_consumption_lists(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The items of a :data:`CONSUMPTION_LIST` before a :data:`CONSUMPTION_KIND`, after the last of
    :data:`CONSUMPTION_VERBS` in its clause, are INDUSTRYs where no name overlaps them; without such a verb the list
    is left alone.

    >>> text = "大力发展直播经济、首店经济等新型消费，提振汽车和家电等大宗消费，发展个人住房、助学贷款等消费信贷，汽车、家电等消费"
    >>> [(text[a:b], label) for a, b, label in _with_consumption_lists(text, [(9, 13, "PROGRAMME")])]
    [('直播经济', 'INDUSTRY'), ('首店经济', 'PROGRAMME'), ('汽车', 'INDUSTRY'), ('家电', 'INDUSTRY')]
    """
    if "等" not in text:
        return spans
    taken = _Overlaps(spans)
    added = []
    for kind in CONSUMPTION_KIND.finditer(text):
        match = CONSUMPTION_LIST.search(text, max(0, kind.start() - LIST_WINDOW), kind.start())
        if match is None:
            continue
        list_start, list_end = match.span()
        clause = _clause_opening(text, CLAUSE_START, list_start, 60)
        verbs = [m.end() for m in CONSUMPTION_VERBS.finditer(text, clause, list_end)]
        if not verbs or verbs[-1] >= list_end:
            continue
        position = verbs[-1]
        for join in [*LIST_JOINS.finditer(text, position, list_end), None]:
            item_end = join.start() if join else list_end
            if 1 <= item_end - position <= 8 and not taken(position, item_end) \
                    and not text.endswith(CONSUMPTION, position, item_end):
                added.append((position, item_end, "INDUSTRY"))
            position = item_end + 1
    return sorted([*spans, *added]) if added else spans


# A list of sectors closed by 等 and the kind of works built in them (建设水电核电、特高压输电、…、城市轨道交通等重大项目
# and 继续加强轨道交通、民用和通用航空、电信基础设施等重大项目 in national dev; 中西部铁路和公路、内河航道等重大交通项目,
# 信息、电力、油气等重大网络项目, 水利、高标准农田等农业项目 in cn-train; 实施一批交通、能源、水利等重大工程项目 and
# 适度超前建设5G、算力等新型基础设施 in the probes): every item is an INDUSTRY, where one of them is a sector by the lexicon
# or by the tagger and none was read as another name (a list of named projects: 青藏铁路、三峡三期工程等一批重点工程).
# Not a list closed by mere infrastructure (交通、水利、能源、市政等基础设施: national dev marks none), nor fields of risk.
LISTED_WORKS = re.compile(r"等(?:一批)?(?:重大|重点)?(?:交通|网络|农业|民生|能源|水利)?(?:工程)?项目(?!部|办|单位|库|区)"
                          r"|等新型基础设施")
WORKS_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,6}")
WORKS_REACH = 40


def _sectors_listed_as_works(text: str, spans: list[tuple[int, int, str]], sectors: Collection[str],
                             verbs: Sequence[str] = ()) -> list[tuple[int, int, str]]:
    """The items of a 、-list closed by :data:`LISTED_WORKS` are INDUSTRYs (see above); the first item is what follows
    the last of ``verbs`` in its piece where that ends on a sector (继续加强|轨道交通), or else the sector that ends the
    piece (实施一批|交通), tagged or of the lexicon; an item the tagger read as an INDUSTRY may be longer than others.

    >>> text = ("实施一批交通、能源、水利等重大工程项目，确保青藏铁路、三峡三期工程等一批重点工程，推进交通、水利、能源等基础设施，"
    ...         "继续加强轨道交通、民用和通用航空等重大项目")
    >>> spans = [(10, 12, "INDUSTRY"), (22, 26, "PROJECT"), (27, 33, "PROJECT"), (66, 73, "INDUSTRY")]
    >>> [text[a:b] for a, b, _ in _sectors_listed_as_works(text, spans, {"交通", "能源"}, ("实施", "加强"))]
    ['交通', '能源', '水利', '青藏铁路', '三峡三期工程', '轨道交通', '民用和通用航空']
    """
    if "等" not in text:
        return spans
    added: list[tuple[int, int, str]] = []
    for match in LISTED_WORKS.finditer(text):
        etc = match.start()
        clause = _clause_opening(text, CLAUSE_START, etc, WORKS_REACH)
        if "、" not in text[clause:etc] or RISK_WORDS.search(text, clause, match.end()):
            continue
        pieces = _comma_pieces(text, clause, etc)
        (first_start, first_end), rest = pieces[0], pieces[1:]
        tagged = {(a, b): label for a, b, label in spans if clause <= a and b <= etc}
        verb = _after_last(text[first_start:first_end], verbs)
        after_verb = first_start + verb if verb is not None else None
        first = next(((a, first_end) for (a, b), label in tagged.items() if b == first_end and label == "INDUSTRY"),
                     None) or next(((first_end - size, first_end) for size in range(6, 0, -1)
                                    if first_end - size >= first_start and text[first_end - size:first_end] in sectors),
                                   None)
        if first is not None and after_verb is not None and after_verb < first[0] and first_end - after_verb <= 6 \
                and WORKS_ITEM.fullmatch(text, after_verb, first_end) and not text.startswith(("一批", "一些"), after_verb) \
                and not PROMOTING.search(text, after_verb, first[0]):  # 积极|布局人工智能: a verb the list left out
            first = (after_verb, first_end)
        if first is None or not all(WORKS_ITEM.fullmatch(text, a, b) or tagged.get((a, b)) == "INDUSTRY" for a, b in rest):
            continue
        items = [first, *rest]
        if any(label != "INDUSTRY" for label in tagged.values()) or not any(
                tagged.get(item) == "INDUSTRY" or text[item[0]:item[1]] in sectors for item in items):
            continue
        added.extend((a, b, "INDUSTRY") for a, b in items if (a, b) not in tagged
                     and not any(x < b and a < y for x, y in tagged))
    return sorted([*spans, *added]) if added else spans


# The long-term bonds the state issues for a purpose, named without an amount (适当减少|长期建设国债|发行规模, 继续发行
# 一定规模的|长期建设国债 in cn-train, both PROGRAMMEs; 发行|超长期特别国债 in the reports of 2024 and 2025): a named
# programme of finance. With its amount it is the TARGET the amount rules read (长期建设国债800亿元). Not one source of
# money among others that a city seeks (积极争取中省预算内项目资金、专项债券、超长期特别国债等支持: cn-train marks none).
BOND_PROGRAMME = re.compile(r"(?:超|中)?长期(?:特别|建设)?国债")


def _with_bond_programmes(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Each :data:`BOND_PROGRAMME` that no name overlaps is a PROGRAMME, unless listed with 、 or sought (争取 in
    its clause).

    >>> text = "适当减少长期建设国债发行规模，拟发行长期建设国债800亿元，用好超长期特别国债，争取专项债券、超长期特别国债支持"
    >>> [text[a:b] for a, b, label in _with_bond_programmes(text, [(18, 29, "TARGET")])]
    ['长期建设国债', '长期建设国债800亿元', '超长期特别国债']
    """
    if "国债" not in text:
        return spans
    taken = _Overlaps(spans)
    found = []
    for match in BOND_PROGRAMME.finditer(text):
        clause = _clause_opening(text, CLAUSE_START, match.start(), 30)
        if taken(*match.span()) or "、" in (text[match.start() - 1:match.start()], text[match.end():match.end() + 1]) \
                or "争取" in text[clause:match.start()]:
            continue
        found.append((match.start(), match.end(), "PROGRAMME"))
    return sorted([*spans, *found]) if found else spans


# An agreement named by its kind alone (推动落实|已生效自贸协定, 与更多国家和地区商签|高标准自贸协定和|投资协定: the probe of
# the 2024 national report marks none of them) is no name; one named by its parties or its own words is (中美、中欧投资协定,
# 区域全面经济伙伴关系协定). A verb that signs one is not part of its name (地区商签|高标准自贸协定).
AGREEMENT_KIND = re.compile(r"(?:已生效的?|已签署的?|高标准的?|高水平的?|更多|新的?|双边|多边|区域)*"
                            r"(?:自由贸易|自贸|投资|贸易|经贸)?(?:协定|协议)")


def _agreements_by_name(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROGRAMME ending on 协定 or 协议 outside quotation marks starts after an :data:`AGREEMENT_VERBS` verb it holds,
    and is none where what is left is an :data:`AGREEMENT_KIND`.

    >>> text = "推动落实已生效自贸协定，与更多国家和地区商签高标准自贸协定和投资协定，推进中美、中欧投资协定谈判"
    >>> spans = [(4, 11, "PROGRAMME"), (19, 29, "PROGRAMME"), (30, 34, "PROGRAMME"), (37, 46, "PROGRAMME")]
    >>> [text[a:b] for a, b, _ in _agreements_by_name(text, spans)]
    ['中美、中欧投资协定']
    """
    if "协定" not in text and "协议" not in text:
        return spans
    out = []
    for start, end, label in spans:
        if label == "PROGRAMME" and text.endswith(("协定", "协议"), start, end) and text[start] not in OPENING_QUOTES:
            signed = _after_last(text[start:end], AGREEMENT_VERBS)
            start = start + signed if signed is not None else start
            if AGREEMENT_KIND.fullmatch(text, start, end):
                continue
        out.append((start, end, label))
    return out


# A free trade area's version under negotiation (推进|中国—东盟自贸区3.0版|谈判, 推动签署|中国—东盟自贸区3.0版升级议定书: the
# national reports of 2023-2025, as the probes remember them) is a PROGRAMME with its version and protocol, not the
# zone as a PROJECT.
ZONE_VERSION = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?版(?:升级)?(?:议定书)?")


def _zone_versions_as_programmes(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROJECT or PROGRAMME ending on 自贸区 or 自由贸易区 (or on the figures of a version after it) that a
    :data:`ZONE_VERSION` follows or ends is a PROGRAMME to the version's end.

    >>> text = "推进中国—东盟自贸区3.0版谈判，推动签署中国—东盟自贸区3.0版升级议定书"
    >>> [(text[a:b], label) for a, b, label in _zone_versions_as_programmes(text, [(2, 10, "PROJECT"), (21, 32, "PROJECT")])]
    [('中国—东盟自贸区3.0版', 'PROGRAMME'), ('中国—东盟自贸区3.0版升级议定书', 'PROGRAMME')]
    """
    if "版" not in text:
        return spans
    out = []
    for start, end, label in spans:
        if label in ("PROJECT", "PROGRAMME"):
            zone = max(text.rfind("自贸区", start, end), text.rfind("自由贸易区", start, end))
            head_end = zone + (3 if text.startswith("自贸区", zone) else 5) if zone >= 0 else -1
            version = ZONE_VERSION.match(text, head_end) if head_end >= 0 and head_end >= end - 4 else None
            if version is not None and version.end() >= end:
                out.append((start, version.end(), "PROGRAMME"))
                continue
        out.append((start, end, label))
    return out


# A plan or catalogue whose title opens on what it does, after the verb that issues or widens it (出台|促进中部地区崛起新十年
# 规划 in national dev; 扩大|鼓励外商投资产业目录 in two probes of the 2024 and 2025 national reports): the title's verb is
# part of its name, which the tagger began after it.
TITLE_VERB = re.compile("(?:出台|制定|编制|印发|修订|扩大|实施)(促进|鼓励)$")
TITLED_HEAD = ("规划", "目录", "纲要")


def _titles_with_their_verb(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A PROGRAMME ending on a :data:`TITLED_HEAD` right after a :data:`TITLE_VERB` starts at 促进 or 鼓励.

    >>> text = "出台促进中部地区崛起新十年规划，扩大鼓励外商投资产业目录，推进促进消费规划"
    >>> [text[a:b] for a, b, _ in _titles_with_their_verb(text, [(4, 15, "PROGRAMME"), (20, 28, "PROGRAMME"),
    ...                                                          (33, 37, "PROGRAMME")])]
    ['促进中部地区崛起新十年规划', '鼓励外商投资产业目录', '消费规划']
    """
    out = []
    for start, end, label in spans:
        if label == "PROGRAMME" and text.endswith(TITLED_HEAD, start, end) \
                and (verb := TITLE_VERB.search(text, max(0, start - 4), start)) is not None:
            start = verb.start(1)
        out.append((start, end, label))
    return out


# Words that point at things without naming them (国内相关领域改革, 自贸试验区相关改革试点, 中央有关部门…): a name that holds
# one is none (no gold file marks such a span); a title in 《》 names a document whatever it holds, and a list's last
# item may be vague on its own (户籍制度、社会管理体制和相关制度改革).
VAGUE_REFERENCE = re.compile("相关|有关")


def _without_vague_references(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """No name but a GOAL, MEASURE, TARGET or title holds :data:`VAGUE_REFERENCE`, unless a list runs before it.

    >>> text = "深化国内相关领域改革，推进户籍制度和相关制度改革，落实《关于有关问题的通知》"
    >>> [text[a:b] for a, b, _ in _without_vague_references(text, [(2, 10, "PROGRAMME"), (13, 24, "PROGRAMME"),
    ...                                                            (27, 38, "PROGRAMME")])]
    ['户籍制度和相关制度改革', '《关于有关问题的通知》']
    """
    if "相关" not in text and "有关" not in text:
        return spans
    out = []
    for start, end, label in spans:
        vague = VAGUE_REFERENCE.search(text, start, end) if label not in ("GOAL", "MEASURE", "TARGET") else None
        if vague is not None and text[start] != "《" and not any(mark in text[start:vague.start()] for mark in "、和与及"):
            continue
        out.append((start, end, label))
    return out


# What a country, province or city makes or serves, named as its trade (选择|中国制造|、|中国服务| in national dev, 擦亮|“芜湖制造”|品牌
# in local dev, 打造更多有国际影响力的|“中国制造”|品牌 in the probes of the 2024 and 2025 national reports): an INDUSTRY, the quotation
# marks with it, without the brand it is printed as; the place is no name of its own. Not where a name goes on after
# it (“中国制造2025”, “中国制造+互联网”, “深圳制造”品牌提升行动, 中国制造业), nor a place served (为宜昌服务).
MAKER_LEVELS = ("province", "city", "county")
MADE_IN = re.compile(r"(?<!为)(“?)([\u4e00-\u9fff]{2,4}?)([制智]造|服务)(”?)(品牌)?(?=[，。；、：和与及向在的]|$)")


def _made_in_as_industries(text: str, spans: list[tuple[int, int, str]], place_level: Callable[[str], str | None]
                           ) -> list[tuple[int, int, str]]:
    """Each :data:`MADE_IN` whose maker is 中国 or a province, city or county (``place_level``; not a town: 先进) and
    whose quotation marks pair is an INDUSTRY, in place of the names over it (a brand PROGRAMME, the place).

    >>> text = "打造更多“中国制造”品牌，擦亮“芜湖制造”品牌，选择中国制造、中国服务，“深圳制造”品牌提升行动，提升制造业"
    >>> spans = [(4, 12, "PROGRAMME"), (16, 18, "PLACE"), (36, 48, "PROGRAMME")]
    >>> levels = {"芜湖": "city", "深圳": "city", "先进": "town"}
    >>> [(text[a:b], label) for a, b, label in _made_in_as_industries(text + "，先进制造", spans, levels.get)]
    [('“中国制造”', 'INDUSTRY'), ('“芜湖制造”', 'INDUSTRY'), ('中国制造', 'INDUSTRY'), ('中国服务', 'INDUSTRY'), ('“深圳制造”品牌提升行动', 'PROGRAMME')]
    """
    if "制造" not in text and "智造" not in text and "服务" not in text:
        return spans
    out = list(spans)
    for match in MADE_IN.finditer(text):
        opening, closing = match[1], match[4]
        # the shortest maker that is a place's name, back from 制造 (选择|中国)
        maker_start = next((match.start(3) - size for size in range(2, 5) if match.start(3) - size >= match.start(2)
                            and (text[match.start(3) - size:match.start(3)] == "中国"
                                 or place_level(text[match.start(3) - size:match.start(3)]) in MAKER_LEVELS)),
                           None)
        if maker_start is None or bool(opening) != bool(closing) or (opening and maker_start != match.start(2)):
            continue
        if match[3] == "服务" and not opening and text[maker_start:match.start(3)] != "中国":
            continue  # 扩|大社区服务: a service of a place unquoted is China's alone
        start = maker_start - len(opening)
        end = match.end(4)
        reach = match.end()
        if any(a < start < b or a < reach < b or (start <= a < reach and b > reach) for a, b, _ in out):
            continue  # a name that runs on past it, or began before it
        out = [span for span in out if not (start <= span[0] and span[1] <= reach)]
        out.append((start, end, "INDUSTRY"))
    return sorted(out) if out != spans else spans


# Two tasks joined by 和 or 与 under one programme's head are one PROGRAMME (GUIDELINES, Shared heads: a list whose
# items share one head noun is one span), where the tagger read only the second with the head: 深入实施|制造业重大技术
# 改造升级和大规模设备更新工程, 扩大|完全成本保险和收入保险试点 (the second probe), 持续深化|综合行政执法和事业单位改革,
# 支持|国防和军队改革: 28 names in both corpora. The first task runs back to the clause's start or to the verb that
# opens it (the leading and clause verbs) and has no head of its own: 千家企业节能行动和节能产品惠民工程 are two, and so
# are 推进|特大镇高质量发展和扩权改革 (local dev) and an honorary title before 和 (争创国家卫生城市和…试点). Not where a
# name was read in the first task, nor after a 、-list or a quotation (农村集体建设用地、宅基地和闲置农房改革: which items
# share the head is not told), nor a level alone (国家和省改革试点), nor before a quoted second name. Single words
# listed with 、 before the head are :func:`_with_shared_head_programmes`'s.
SHARED_PROGRAMME_HEAD = re.compile("(?:改革|工程|计划|试点|行动|规划|协定)$")
OWN_PROGRAMME_HEAD = re.compile("(?:战略|计划|工程|政策|制度|体系|行动|模式|改革|规划|试点|机制|方案|项目|协定|工作|建设|保护|发展|城市|县)$")
PROGRAMME_JOINS = "和与"
FIRST_TASK_REACH = 14  # characters before the join where the first task's opening is looked for
FIRST_TASK_LENGTHS = range(2, 13)
FIRST_TASK_STOPS = frozenset("，。；：！？\n《》（）()、”")
FIRST_TASK_NOT_AFTER = "、”"  # the tail of a list or of a quotation
NOT_FIRST_TASK_OPENING = frozenset({"v", "vd", "d", "p", "r", "c", "m"})  # the words a task's name never opens on
NOT_IN_TASK_TAGS = frozenset({"d", "vd", "r", "p", "m"})  # nor holds (承担更多|国家和省改革试点)
NOT_TASK_OPENERS = frozenset({"建设", "发展"})  # verbs that are nouns as often (农村集体建设用地和…)
NOT_IN_JOINED_TASKS = re.compile(r"[0-9０-９的等]")  # a figure, a clause or a list in either task
LEVELS_ALONE = frozenset({"国家", "省", "市", "中央", "地方"})
COMPLEMENT = "好"
# the verbs that open an agreement's name, before the task verbs (积极推动加入|全面与进步跨太平洋伙伴关系协定: 全面 opens
# tasks too)
AGREEMENT_VERBS = ("加入", "签署", "签订", "商签", "对标", "用好", "谈判")


def _programmes_with_joined_tasks(text: str, spans: list[tuple[int, int, str]], tokens: Tokens,
                                  verbs: Sequence[str]) -> list[tuple[int, int, str]]:
    """A PROGRAMME ending on a :data:`SHARED_PROGRAMME_HEAD` right after a :data:`PROGRAMME_JOINS` word takes the task
    before the join (see above): from the last of ``verbs`` or of :data:`FIRST_TASK_STOPS` within
    :data:`FIRST_TASK_REACH`, where no name was read.

    >>> text = "深入实施制造业技术改造和设备更新工程，实施千家企业节能行动和节能惠民工程"
    >>> tokens = Tokens([0, 2, 4, 7, 9, 11, 12, 14, 16, 18, 19, 21, 23, 25, 27, 29, 30, 32, 34],
    ...                 [2, 4, 7, 9, 11, 12, 14, 16, 18, 19, 21, 23, 25, 27, 29, 30, 32, 34, 36],
    ...                 ["ad", "v", "n", "n", "vn", "c", "n", "vn", "n", "x", "v", "m", "n", "vn", "vn", "c", "vn", "n", "n"])
    >>> spans = [(12, 18, "PROGRAMME"), (30, 36, "PROGRAMME")]
    >>> [text[a:b] for a, b, _ in _programmes_with_joined_tasks(text, spans, tokens, ("实施",))]
    ['制造业技术改造和设备更新工程', '节能惠民工程']
    >>> text = "推动加入全面与进步跨太平洋伙伴关系协定"
    >>> tokens = Tokens([0, 2, 4, 6, 7, 9, 12, 14, 16, 18], [2, 4, 6, 7, 9, 12, 14, 16, 18, 20],
    ...                 ["v", "v", "ad", "p", "vn", "ns", "n", "n", "n", "n"])
    >>> [text[a:b] for a, b, _ in _programmes_with_joined_tasks(text, [(7, 20, "PROGRAMME")], tokens, ("推动", "全面"))]
    ['全面与进步跨太平洋伙伴关系协定']
    """
    taken = _Overlaps(spans)  # a joined name only takes text no name held, so the spans' own overlaps suffice
    joined: dict[tuple[int, int, str], tuple[int, int, str]] = {}
    starts = _token_starts(tokens)
    for span in spans:
        start, end, label = span
        join = start - 1
        if label != "PROGRAMME" or join < 2 or text[join] not in PROGRAMME_JOINS or text[start] in OPENING_QUOTES \
                or not SHARED_PROGRAMME_HEAD.search(text, start, end) or NOT_IN_JOINED_TASKS.search(text, start, end) \
                or _token_at(starts, join) is None or _token_at(starts, start) is None:
            continue
        reach = max(0, join - FIRST_TASK_REACH)
        stop = max((at for at in range(reach, join) if text[at] in FIRST_TASK_STOPS), default=None)
        if stop is not None and text[stop] in FIRST_TASK_NOT_AFTER:
            continue
        opening = reach if stop is None else stop + 1
        window = text[opening:join]
        verb = _after_last(window, AGREEMENT_VERBS) if text.endswith("协定", start, end) else None
        verb = _after_last(window, verbs) if verb is None else verb
        if stop is None and verb is None:
            continue
        task_start = opening + verb if verb is not None else stop + 1
        if text.startswith(COMPLEMENT, task_start):  # 落实好|…
            task_start += len(COMPLEMENT)
        first = _token_at(starts, task_start)
        task = text[task_start:join]
        if first is None or tokens[first][2] in NOT_FIRST_TASK_OPENING or len(task) not in FIRST_TASK_LENGTHS \
                or task in LEVELS_ALONE or task != task.strip() or OWN_PROGRAMME_HEAD.search(task) \
                or NOT_IN_JOINED_TASKS.search(task) or (tokens[first][1] == join and tokens[first][2] == "vn") \
                or any(tokens[i][2] in NOT_IN_TASK_TAGS for i in range(first, _token_at(starts, join))) \
                or taken(task_start, join):
            continue
        joined[span] = (task_start, end, label)
    return sorted(joined.get(span, span) for span in spans) if joined else spans


# The central budget a national report spends is part of the TARGET counting it (中央财政扶持中小企业发展专项资金安排
# 106亿元, 中央预算内投资安排5076亿元 in national dev; 中央财政拟安排200亿元专项资金, 中央财政中小企业发展资金从39亿元增加
# 到96亿元 in cn-train; every such clause of the national gold files that holds a TARGET): where the tagger began the
# TARGET after it (中央财政拟安排|200亿元专项资金), it starts at 中央, as the clause does (after 今年, which stays out:
# 今年|中央预算内投资增加到4776亿元). Only the central budget: a local report's own (市本级财政安排|人才工作专项经费)
# stays out, as in the local gold.
CENTRAL_BUDGET = re.compile(r"(?:今年)?(中央(?:财政|本级|预算内)[\u4e00-\u9fff“”]{0,14}?)")
CENTRAL_CLAUSE_START = re.compile(r"[，。；：！？、\n]")
CENTRAL_REACH = 20


def _targets_with_central_budget(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET whose clause opens on :data:`CENTRAL_BUDGET` up to it starts at 中央 (see above).

    >>> text = "今年中央财政拟安排200亿元专项资金，市本级财政安排人才经费1亿元"
    >>> [text[a:b] for a, b, _ in _targets_with_central_budget(text, [(9, 18, "TARGET"), (26, 33, "TARGET")])]
    ['中央财政拟安排200亿元专项资金', '人才经费1亿元']
    """
    if "中央" not in text:
        return spans
    taken = _Overlaps(spans)
    out = []
    for start, end, label in spans:
        reach = max(0, start - CENTRAL_REACH)
        if label == "TARGET" and not text.startswith("中央", start) and "中央" in text[reach:start]:
            clause = max((m.end() for m in CENTRAL_CLAUSE_START.finditer(text, reach, start)), default=reach)
            budget = CENTRAL_BUDGET.fullmatch(text, clause, start)
            if budget and not taken(budget.start(1), start):
                start = budget.start(1)
        out.append((start, end, label))
    return out


# The family planning policy by the children it allows (全面两孩政策 of 2016-2019, 三孩生育政策 since 2021), with the
# others its list shares the head with (二孩、三孩生育政策: GUIDELINES, Shared heads).
CHILD_POLICY = re.compile(r"(?:全面|单独)?(?:[两二三]孩、)*(?:全面)?[两二三]孩(?:生育)?政策")


def _with_child_policies(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """:data:`CHILD_POLICY` names are PROGRAMMEs where no name holds them (the tagger read none of the corpora's 10:
    实施全面两孩政策, 落实三孩生育政策; a national policy as named as 西部大开发).

    >>> text = "实施全面两孩政策，落实好二孩、三孩生育政策，完善生育支持政策"
    >>> [text[a:b] for a, b, _ in _with_child_policies(text, [])]
    ['全面两孩政策', '二孩、三孩生育政策']
    """
    if "孩" not in text:
        return spans
    added = [(m.start(), m.end(), "PROGRAMME") for m in CHILD_POLICY.finditer(text)
             if not any(a < m.end() and m.start() < b for a, b, _ in spans)]
    return sorted([*spans, *added]) if added else spans


# A trade-in campaign (以旧换新, 2009's and 2024's national policies), with the goods it trades in when one word names
# them (消费品以旧换新, 家电以旧换新), and the equipment renewal it is paired with (大规模设备更新和消费品以旧换新: the two
# campaigns of 2024, each with its own head, so two names: GUIDELINES, Shared heads).
TRADE_IN = re.compile(r"(?:(?P<renewal>大规模设备更新)和)?(?P<name>(?:消费品|家电|汽车|家具|家装厨卫|电动自行车|手机)?以旧换新)")


def _with_trade_ins(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """:data:`TRADE_IN` campaigns are PROGRAMMEs where no name holds them, or where a name is only the two together
    (and a sector ending on one is the campaign: 汽车以旧换新):
    the tagger leaves most of them out (推动设备更新和消费品以旧换新: 20 of the 49 in the corpora), the recent national
    reports' headline policy of consumption.

    >>> text = "推动大规模设备更新和消费品以旧换新，落实家电以旧换新支持政策，开展汽车下乡、以旧换新等活动"
    >>> [(text[a:b], label) for a, b, label in _with_trade_ins(text, [(2, 17, "PROGRAMME"), (20, 30, "PROGRAMME")])]
    [('大规模设备更新', 'PROGRAMME'), ('消费品以旧换新', 'PROGRAMME'), ('家电以旧换新支持政策', 'PROGRAMME'), ('以旧换新', 'PROGRAMME')]
    """
    if "以旧换新" not in text:
        return spans
    spans = [(a, b, "PROGRAMME" if label == "INDUSTRY" and text.endswith("以旧换新", a, b) else label) for a, b, label in spans]
    added = []
    whole = set()
    for match in TRADE_IN.finditer(text):
        pieces = [match.span("name")] + ([match.span("renewal")] if match["renewal"] else [])
        for a, b in pieces:
            if any(x < b and a < y and (x, y) != match.span() for x, y, _ in spans):
                continue
            added.append((a, b, "PROGRAMME"))
        if match["renewal"]:
            whole.add(match.span())
    if not added:
        return spans
    replaced = whole | {(a, b) for a, b, _ in added}
    kept = [span for span in spans if span[:2] not in replaced]
    return sorted([*kept, *added])


# How a programme or project named for the sectors it joins goes on after them.
FUSION_OPENINGS = ("融合发展", "深度融合", "融合示范")


def _fused_sectors_in_names(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A programme or project named for joining sectors (…融合发展试点, …融合发展示范区) takes in the sectors it joins,
    one or two joined by 和, 与 or 及, read as INDUSTRYs right before it: 先进制造业与现代服务业|融合发展试点 is one
    PROGRAMME, as cn-train's 红色旅游融合发展示范区 is one PROJECT (GUIDELINES: industry words inside other names are not
    annotated). Both corpora: 3 names (city-贺州, 重庆-2024).

    >>> text = "扩大先进制造业与现代服务业融合发展试点，建设现代农业融合发展示范区"
    >>> [(text[a:b], label) for a, b, label in _fused_sectors_in_names(text, [
    ...     (2, 7, "INDUSTRY"), (8, 13, "INDUSTRY"), (13, 19, "PROGRAMME"), (22, 26, "INDUSTRY"), (26, 33, "PROJECT")])]
    [('先进制造业与现代服务业融合发展试点', 'PROGRAMME'), ('现代农业融合发展示范区', 'PROJECT')]
    """
    sectors = {b: a for a, b, label in spans if label == "INDUSTRY"}
    taken: set[tuple[int, int]] = set()
    out = []
    for a, b, label in spans:
        if label in ("PROJECT", "PROGRAMME") and text.startswith(FUSION_OPENINGS, a) and a in sectors:
            start = sectors[a]
            taken.add((start, a))
            if start > 1 and text[start - 1] in "和与及" and start - 1 in sectors:
                taken.add((sectors[start - 1], start - 1))
                start = sectors[start - 1]
            a = start
        out.append((a, b, label))
    return [span for span in out if span[:2] not in taken or span[2] != "INDUSTRY"] if taken else spans


# The opening of a quantity per unit (单位国内生产总值能耗, 单位地区生产总值二氧化碳排放, 单位GDP能耗).
PER_UNIT = re.compile(r"单位(?:国内|地区)?")


def _targets_per_unit(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A TARGET right after 单位 (and 国内 or 地区) is a quantity per unit of what follows, and its metric starts at
    单位 (GUIDELINES: a TARGET starts at the metric): 单位国内|生产总值能耗降低2.5%左右 after a quoted name, where the
    tagger let the words before the third go.

    >>> text = "推动“三改联动”。单位国内生产总值能耗降低2.5%左右。"
    >>> [text[a:b] for a, b, _ in _targets_per_unit(text, [(2, 8, "PROGRAMME"), (13, 27, "TARGET")])]
    ['“三改联动”', '单位国内生产总值能耗降低2.5%左右']
    """
    out = []
    for a, b, label in spans:
        if label == "TARGET":
            unit = PER_UNIT.search(text, max(0, a - 4), a)
            if unit is not None and unit.end() == a:
                a = unit.start()
        out.append((a, b, label))
    return out


class LearnedTagger:
    """The spaCy component: the tagger's names of the learned labels win over the rules'.

    It reads the resolved mentions and raw candidates the rules left on the Doc and leaves new
    candidates for a second pass of the resolver: the headings and goal mentions (not learned), the
    tagger's names (a rule's candidate with the same span and label is kept as it is, with its
    attributes), the rules' places and organisations that lie inside a tagged project name, and the
    rules' names that overlap no tagged name (the rules keep what the tagger did not see).
    """

    def __init__(self, weights: TaggerWeights, features: TaggerFeatures, keep_rule_names: bool = True,
                 edges: dict[str, frozenset[str]] | None = None, heads: Sequence[str] = (),
                 org_endings: Sequence[str] = (), generic: Collection[str] = (),
                 facility_heads: Sequence[str] = (), programme_heads: Sequence[str] = (),
                 sectors: Collection[str] = (), sector_modifiers: Sequence[str] = (),
                 is_place: Callable[[str], bool] = lambda name: False,
                 place_names: Collection[str] = (), openers: Collection[str] = (),
                 named_division: Callable[[str, Collection[str]], bool] = lambda name, named: False,
                 geo_suffixes: Collection[str] = (), place_level: Callable[[str], str | None] = lambda name: None
                 ) -> None:
        self.decoder = Decoder(weights, features)
        self.facility_heads, self.programme_heads = tuple(facility_heads), tuple(programme_heads)
        self.programme_endings = programme_endings(self.programme_heads)
        self.generic = frozenset(generic)
        self.sectors = frozenset(sectors)  # the industry lexicon: sectors by their own names
        self.sector_modifiers = tuple(sector_modifiers)  # what may stand before a sector's name (先进|光伏, 新型|储能)
        self.is_place = is_place  # whether a text holds a place's name (gazetteer, regions, geographic endings)
        self.place_names = place_names  # every place name and short form, with or without context
        self.place_level = place_level  # a place name's level (province … town), None for a word that is none
        self.geo_suffixes = frozenset(geo_suffixes)  # the endings of a geographic name (湖, 山, 河 …)
        self.named_division = named_division  # whether a word is a division of one of the divisions named
        self.heads = tuple(heads)
        self.name_heads = (*self.heads, *self.programme_heads, *SYSTEM_NOUNS)  # what a quoted name's tail ends on
        self.org_endings = tuple(org_endings)
        self.keep_rule_names = keep_rule_names
        self.leading, self.trailing = (edges or {}).get("lead", frozenset()), (edges or {}).get("trail", frozenset())
        self.not_target = tuple((edges or {}).get("not-target", ()))
        self.class_words = tuple((edges or {}).get("industry-class", ()))
        self.titles = tuple((edges or {}).get("title", ()))
        self.status = (edges or {}).get("status", frozenset())
        self.clause_verbs = (edges or {}).get("clause", frozenset())
        self.object_verbs = (edges or {}).get("clause-object", frozenset())
        self.services = (edges or {}).get("service", frozenset())
        self.service_compounds = (edges or {}).get("service-compound", frozenset())
        self.openers = frozenset(openers) | self.leading  # what may open a list of names (the lexicon's leading words)
        self.task_verbs = tuple(sorted((self.openers | self.clause_verbs | self.object_verbs) - NOT_TASK_OPENERS))

    def _trimmed(self, words: Sequence[str], first: int, end: int) -> tuple[int, int]:
        """Token range of a tagged name without the words no name begins or ends with (a listed word may
        span up to three tokens: 用好 can be 用 + 好)."""
        stripped = True
        while stripped and first < end:
            stripped = False
            if words[first].isspace():
                first, stripped = first + 1, True
                continue
            joined = ""
            for width in range(1, min(3, end - first - 1) + 1):
                joined += words[first + width - 1]
                if joined in self.leading and words[first + width] != "的":  # 积极的财政政策 is the name
                    first, stripped = first + width, True
                    break
        while end > first and (words[end - 1] in self.trailing or words[end - 1].isspace()):
            end -= 1
        return first, end

    def _quote_then_clause(self, words: Sequence[str], tags: Sequence[str], first: int, end: int) -> int:
        """A quoted name followed by a clause ends at its closing quote (“一链一策”|实施高质量发展计划, “五个组团”|
        集中发展城市布局); a noun or one or two words after the quote stay (“三网”融合, “54321”推进机制), and so does
        a verb phrase that ends on a name's head (“1+12”促进区域协调发展政策体系, “两山”实践创新基地)."""
        close = next((i for i in range(end - 2, first, -1) if words[i] in CLOSING_QUOTES), None)
        if close is None or close + 1 >= end:
            return end
        after = close + 1
        headed = "".join(words[after:end]).endswith(self.name_heads)
        if end - after >= 3 and (words[after] in CLAUSE_OPENERS or (tags[after] == "v" and not headed)):
            return close + 1
        return end

    def _joined_by_and(self, words: Sequence[str], first: int, end: int) -> list[tuple[int, int]]:
        """A tagged name that joins two clauses with 并 is two names (设立科创板并试点注册制 → 科创板, 注册制):
        no name outside quotation marks holds 并 on the gold files. Only when a verb that sets up a programme
        follows 并; the second name goes without it (试点)."""
        cut = next((i for i in range(first + 1, end - 1) if words[i] == AND_THEN), None)
        if (cut is None or words[cut + 1] not in CLAUSE_VERBS
                or any(q in "".join(words[first:end]) for q in OPENING_QUOTES)):
            return [(first, end)]  # 考察并出席…, 方案并公开征求意见: not a second name
        return [(first, cut), (cut + 2, end)]

    @staticmethod
    def _book_titles(words: Sequence[str], first: int, end: int) -> list[tuple[int, int]]:
        """A tagged name that runs over titles in 《》 printed one after the other is one name per title, each
        with its 《》 (《A规划纲要》《B规划》编制: 《A规划纲要》 and 《B规划》; GUIDELINES, PROGRAMME); what stands before
        the first or after the last title (编制) is not part of either, nor a bracketed abbreviation between two titles
        and the listing word after it (《全面与进步跨太平洋伙伴关系协定》（CPTPP）、《数字经济伙伴关系协定》, city-三亚-2024).

        >>> words = ["对标", "《", "A协定", "》", "（", "CPTPP", "）", "、", "《", "B协定", "》", "等"]
        >>> LearnedTagger._book_titles(words, 1, 11)
        [(1, 4), (8, 11)]
        >>> LearnedTagger._book_titles(words[:7] + ["的", "《", "B协定", "》"], 1, 11)
        [(1, 11)]
        """
        opens = [i for i in range(first, end) if words[i] == "《"]
        closes = [i for i in range(first, end) if words[i] == "》"]
        if len(opens) < 2 or len(opens) != len(closes):
            return [(first, end)]
        titles = list(zip(opens, (c + 1 for c in closes), strict=True))
        # each title closed before the next opens, right where it opens (words between titles: one name
        # that quotes them)
        if any(b <= a for a, b in titles) or not all(b <= next_a and TITLES_APART.fullmatch("".join(words[b:next_a]))
                                                      for (_, b), (next_a, _) in itertools.pairwise(titles)):
            return [(first, end)]
        return titles

    def _sectors_apart(self, words: Sequence[str], first: int, end: int) -> list[tuple[int, int]]:
        """A tagged INDUSTRY over two sectors joined by 和, 与 or 及, each a sector of the lexicon (:meth:`_is_sector`), is
        two (先进光伏|和|新型储能, 大数据|与|新一代信息技术: the gold files hold 20 such pairs apart, 先进制造业|和|现代服务业,
        against 3 whole); not where the second is a part of the first (汽车及零部件: SECTOR_PARTS) or the two share the
        second's head (智能网联与新能源汽车, as 智能网联汽车 is a sector)."""
        join = next((i for i in range(first + 1, end - 1) if PROJECT_AND.fullmatch(words[i])), None)
        if join is None:
            return [(first, end)]
        left, right = "".join(words[first:join]), "".join(words[join + 1:end])
        right = right[:len(right) - self._class_word_cut(right)]  # 新型储能|产业: the class word goes later
        if (not self._is_sector(left) or not self._is_sector(right) or right.endswith(SECTOR_PARTS)
                or any(left + right[-size:] in self.sectors for size in (2, 3) if len(right) > size)):
            return [(first, end)]
        return [(first, join), (join + 1, end)]

    def _is_sector(self, name: str) -> bool:
        """A sector of the industry lexicon by its own name, or after one of the words that qualify sectors (先进|光伏)."""
        return name in self.sectors or any(name.startswith(word) and name[len(word):] in self.sectors
                                           for word in self.sector_modifiers)

    def _named_items(self, words: Sequence[str], first: int, end: int) -> list[tuple[int, int]]:
        """A tagged project or programme that lists several names, each with its own head or each ending on
        the same word, cut into one name each (青藏铁路、三峡三期工程; A行动和B工程); items sharing one head stay one span
        (赣县、寻乌抽水蓄能电站: 赣县 has no head of its own)."""
        cuts = [i for i in range(first + 1, end - 1) if words[i] in ITEM_SEPARATORS]
        if not cuts or not self.heads:
            return [(first, end)]
        items = list(zip([first, *(c + 1 for c in cuts)], [*cuts, end], strict=True))
        if all(self._has_head("".join(words[a:b])) for a, b in items):
            return items
        last = words[end - 1]
        if len(last) >= 2 and all(b - a >= 2 and words[b - 1] == last for a, b in items):
            return items  # 城中村改造和城镇老旧小区改造, 工资制度、学徒制度: each item ends on the same word
        return [(first, end)]

    def _trailing_cut(self, name: str) -> int:
        """Characters of a trailing word glued into a programme's last token (改革试点|工作 as 试点工作)."""
        for word in self.trailing:
            if len(word) >= 2 and name.endswith(word) and len(name) >= len(word) + 4:
                return len(word)
        return 0

    @staticmethod
    def _glued_trailer(text: str, start: int, end: int) -> bool:
        """Does the name at ``start``–``end`` end with a function word glued to its last word (周等, 城为)?"""
        from pipelines.tokenizers import dictionary_tags

        return (end - start > 2 and text[end - 1] in GLUED_TRAILERS and text[end - 2] not in GLUED_TRAILERS
                and text[end - 2:end] not in dictionary_tags())

    def _class_word_cut(self, name: str) -> int:
        """Characters to cut from the end of a tagged INDUSTRY: a sector followed by the class word 产业 is
        the sector alone (新能源汽车产业 → 新能源汽车); 产业 stays when what precedes it only classifies
        (战略性新兴产业, 高技术产业, 第三产业) or is one character (纸产业, 水产业); a longer word that ends on 产
        keeps it (房地产业 → 房地产)."""
        from pipelines.tokenizers import dictionary_tags

        for word in SECTOR_PLACES:
            if name.endswith(word) and len(name) - len(word) >= 2 and not name.endswith(FINANCIAL_MARKETS):
                return len(word)  # 二手车市场, 工业互联网平台, 先进制造业集群: the sector is 二手车 …
        for word in SECTOR_TRAILERS:  # … but an adjective before it is no sector (精通业务)
            if name.endswith(word) and len(name) - len(word) >= 2 and dictionary_tags().get(name[:-len(word)]) != "a":
                return len(word)
        if not name.endswith(INDUSTRY_CLASS_WORD):
            return 0

        before = name[:-len(INDUSTRY_CLASS_WORD)]
        if len(before) < 2 or before.endswith(self.class_words):
            return 0
        if name[:-1] in dictionary_tags():
            return 1  # 房地产业 is 房地产 + 业, not 房地 + 产业
        return len(INDUSTRY_CLASS_WORD)

    def _subsidy_rule(self, words: Sequence[str]) -> bool:
        """A tagged TARGET that holds a not-target word (按LPR的35%给予最高2000万元) is a subsidy or reward
        rule, not a planned quantity."""
        name = "".join(words)
        return any(word in name for word in self.not_target)

    def _has_head(self, name: str) -> bool:
        return len(name) >= 3 and any(name.endswith(head) and len(name) > len(head) for head in self.heads)

    @staticmethod
    def _target_items(words: Sequence[str], first: int, end: int) -> list[tuple[int, int]]:
        """A TARGET of several items sharing one verb, cut into one TARGET per item (GUIDELINES, TARGET: several
        items sharing one verb are separate targets): at 、 when every item names its metric before its figure
        (新增A100家、B150家) or after it (27个A、380余个B), then each item at 和 or 及 when both sides do (50个A和150个B).
        增长12%、13%以上 and 分别… stay whole, and so do items that share the next one's head (新增2家国家级、
        20家自治区级创新创业平台; 34个省重点、300个市重点项目) and 10亿元及以上项目."""
        items = LearnedTagger._quantity_items(words, first, end, ("、",))
        return [piece for a, b in items for piece in (
            [(a, b)] if "分别" in "".join(words[a:b]) else LearnedTagger._quantity_items(words, a, b, ("和", "及")))]

    @staticmethod
    def _quantity_items(words: Sequence[str], first: int, end: int, separators: tuple[str, ...]
                        ) -> list[tuple[int, int]]:
        cuts = [i for i in range(first + 1, end - 1) if words[i] in separators and words[i + 1] not in ("以上", "以下")]
        if not cuts:
            return [(first, end)]
        items = list(zip([first, *(c + 1 for c in cuts)], [*cuts, end], strict=True))
        for a, b in items:
            text = "".join(words[a:b])
            figure_first = FIGURE_THEN_METRIC.fullmatch(text)
            metric_first = METRIC_THEN_FIGURE.search(text)
            if separators != ("、",):  # joined by 和 or 及: a metric before the figure must end on the unit
                metric_first = metric_first and text[-1] in TARGET_UNIT_ENDINGS
            if not (figure_first or metric_first) or (b < end and text.endswith(SHARED_HEAD_MODIFIERS)):
                return [(first, end)]
        return items

    def tag(self, text: str, starts: list[int], ends: list[int], tags: Sequence[str], mentions, candidates,
            review: Sequence[tuple[int, int]] = (), *, nodes: np.ndarray | None = None) -> list[tuple[int, int, str]]:
        """Character spans (start, end, label) of the names the tagger finds; ``review``: the spans of the report's
        review part, where a figure is no target; ``nodes``: see :meth:`Decoder.emissions`."""
        words = [text[a:b] for a, b in zip(starts, ends, strict=True)]
        context = self.decoder.features.context(text, starts, ends, mentions, candidates)
        emissions = self.decoder.emissions(words, tags, context, nodes)
        labels = self.decoder.weights.labels
        best = self.decoder.decode(emissions, sentence_ranges(text, starts, ends))
        outside = labels.index("O")
        tagged = [index for index, label in enumerate(best) if label != outside]
        spans = []
        freed: list[tuple[int, int, str]] = []  # places in the words cut off a name (see the status words)
        divisions = {c.start: c.end for c in candidates if c.label == "PLACE" and c.source == "gazetteer"
                     and c.attrs.get("level") in ("province", "city", "county")}
        for first, end, label in _apart_at(words, _runs(tagged, [labels[best[i]] for i in tagged]), AND_ALSO):
            first, end = self._trimmed(words, first, end)
            if "".join(words[first:end]) in self.generic:
                continue  # 发展规划纲要, 实体经济: generic mentions are never names (GUIDELINES)
            if label == "TARGET":
                if self._subsidy_rule(words[first:end]) or _achieved("".join(words[first:end])):
                    continue
                pieces = self._target_items(words, first, end)
            elif label in ("PROJECT", "PROGRAMME"):
                cut = next((i for i in range(first + 1, end) if words[i] in self.status), None)
                if cut is not None:  # 玄武湖|入选国家水利风景区: what became of it is not its name
                    dropped_end, (first, end) = ends[end - 1], self._trimmed(words, first, cut)
                    name = "".join(words[first:end])
                    whole = len(name) >= 4 and name not in self.place_names
                    # the divisions named in what is dropped stay places (兰陵县|获评…, …荣获|中国…)
                    freed += [(a, b, "PLACE") for a, b in sorted(divisions.items())
                              if (starts[first] if not whole else ends[end - 1]) <= a and b <= dropped_end]
                    if not whole:
                        continue
                name = "".join(words[first:end])
                if name.endswith(self.facility_heads) and not name.endswith(self.programme_heads):
                    label = "PROJECT"  # “全域美”生态园, 空铁一体化现代综合交通枢纽: a place that is built
                end = self._quote_then_clause(words, tags, first, end)
                pieces = [item for part in self._joined_by_and(words, first, end)
                          for whole in self._book_titles(words, *part)
                          for item in self._named_items(words, *whole)]
            elif label == "INDUSTRY" and "".join(words[first:end]).endswith(ACTIVITY_ENDINGS):
                continue  # 矿产资源综合利用, 知识产权质押融资: an activity the text asks for, not a sector
            elif label == "INDUSTRY" and "".join(words[first:end]).endswith(self.org_endings):
                label, pieces = "ORG", [(first, end)]  # 先进碳材料研究院: an institute, not a sector
            elif label == "INDUSTRY" and _suppressed(text, starts[first]):
                continue  # 打击电信网络诈骗: a crime the clause fights, not a sector
            elif label == "INDUSTRY":
                pieces = self._sectors_apart(words, first, end)
            else:
                pieces = [(first, end)]
            for a, b in pieces:
                if a < b:
                    cut = self._class_word_cut("".join(words[a:b])) if label == "INDUSTRY" else 0
                    if label == "PROGRAMME":
                        cut = self._trailing_cut("".join(words[a:b]))
                    start = starts[a]
                    place_end = divisions.get(start) if label == "INDUSTRY" else None
                    if place_end is not None and ends[b - 1] - cut - place_end >= 2:
                        spans.append((start, place_end, "PLACE"))  # 金乡碳纤维: 金乡's industry 碳纤维
                        start = place_end
                    end_char = ends[b - 1] - cut
                    if label != "TARGET" and self._glued_trailer(text, start, end_char):
                        end_char -= 1
                    if text.startswith(FRAME_OPENER, start) and text.startswith(FRAME_CLOSER, end_char) \
                            and end_char - start > 3:
                        start += len(FRAME_OPENER)  # 以|国际地信城|为重点: the frame around the name
                    if end_char - start >= 3 and _after_doing(text, start):
                        start += 1  # 做大做|强|市大数据中心: the verb's second character
                    spans.append((start, end_char, label))
        if freed:
            taken = [(a, b) for a, b, _ in spans]
            spans = sorted([*spans, *(f for f in freed if not any(f[0] < b and a < f[1] for a, b in taken))])
        places = [(c.start, c.end) for c in candidates if c.label == "PLACE" and c.source == "gazetteer"]
        titled = [(c.start, c.end) for c in candidates if c.label == "PLACE" and c.source == "gazetteer"
                  and c.attrs.get("level") in LEVELS]  # the divisions a title names (泸县、合江县|…西部百强县)
        headings = [(m.start, m.end) for m in mentions if m.label in ("GOAL", "MEASURE")]
        spans = _with_listed_targets(text, _with_period_plans(text, _with_basin_parts(text, spans)))
        tokens = Tokens(starts, ends, tags)
        directions = {(c.start, c.end) for c in candidates if c.attrs.get("level") == OPENING_DIRECTION}
        spans = _with_directions(_places_without_clauses(text, spans, tokens, self.is_place, self.place_names), directions)
        opening = _opening_divisions(text, spans, tokens, (*self.facility_heads, *LISTED_FACILITIES))
        spans = _headless_items_sharing_head(text, spans, self.place_names)
        spans = _without_parts_of_places(_with_shared_head_places(text, spans, divisions, opening),
                                         directions, starts, ends)
        spans = _with_listed_places(text, spans, self._listed_divisions(text, candidates, starts, ends, tags))
        spans = _with_listed_orgs(text, spans, tokens, self.org_endings, divisions)
        spans = _headless_projects_among_industries(
            text, spans, (*self.facility_heads, *LISTED_FACILITIES, *self.programme_heads), divisions, tokens)
        spans = _with_listed_industries(text, _without_facility_kinds(text, spans), self.generic, tokens)
        spans = _with_industry_class_lists(text, spans, self.generic)
        spans = _with_shared_head_industries(text, spans, self.sectors, tokens)
        spans = _without_juxtaposed_services(text, spans, self.services, self.service_compounds)
        spans = _with_shared_figures(text, spans)
        spans = _with_policy_documents(text, _with_policy_stances(text, _with_counting_verbs(text, spans)))
        spans = _names_without_outcomes(text, _programmes_without_verbal_tails(text, spans, tokens))
        spans = _programmes_without_next_period(text, spans)
        spans = _names_with_their_openings(text, _names_without_scope_words(text, _named_water_works(text, spans)))
        spans = _with_clause_programmes(text, _with_campaign_years(text, _with_named_strategies(text, spans)), self.generic)
        spans = _relabelled_by_figures(text, _with_metric_after_figure(text, spans))
        spans = _targets_without_purpose(text, _without_clause_after_amount(text, spans, tokens))
        spans = _without_comparisons(text, _with_bare_growth(text, spans))
        spans = _projects_with_works(text, _with_built_facilities(text, spans))
        spans = _without_flows(text, _sectors_not_properties(text, _with_promoted_sectors(text, spans, self.generic)))
        spans = _sectors_neither_costs_nor_cut(text, spans)
        spans = _with_shared_head_programmes(text, spans, tokens, self.programme_heads, self.openers)
        spans = _with_counted_items(text, spans, self.openers, tokens,
                                    (*self.facility_heads, *LISTED_FACILITIES, *self.programme_heads))
        spans = _with_quoted_programme_modifiers(text, _with_quoted_experiences(text, spans), starts, tags)
        spans = _counted_quotes_without_list_items(text, spans)
        spans = _programmes_with_conjuncts(text, spans, starts, tags, self.programme_heads)
        spans = _without_bare_figures(text, _with_numbered_slogans(text, spans, headings))
        spans = _without_cohort_sizes(text, _without_anniversaries(text, spans))
        spans = _without_verb_complement(text, _without_leading_prepositions(text, _without_glued_trailers(text, spans)))
        spans = _events_as_programmes(text, _with_fairs(text, _listed_projects_alike(text, spans)), self.place_names)
        spans = _with_held_events(text, spans)
        spans = _without_honours(text, _without_water_images(text, _with_games(text, spans, self.place_names)))
        spans = _with_government_bodies(text, _with_policy_packages(text, _with_document_numbers(text, spans)),
                                        self.org_endings)
        spans = _schools_being_built(text, _schools_with_their_kind(text, _institutions_not_places(
            text, _with_central_organs(text, spans))))
        spans = _without_consumption_or_systems(text, _with_state_companies(text, spans, starts))
        facilities = (*self.facility_heads, *LISTED_FACILITIES)
        spans = _listed_programmes_apart(text, _targets_after_listed_items(text, spans), self.programme_endings)
        spans = _listed_programme_siblings(text, spans)
        spans = _projects_after_verbs(text, _listed_projects_apart(text, spans, facilities, self.place_names), facilities,
                                      self.place_names, self.org_endings)
        spans = _projects_without_status(text, _projects_without_leading_verbs(text, spans), self.place_names)
        spans = _water_bodies_as_places(text, _regions_as_places(text, _names_without_leading_clauses(text, spans)))
        spans = _places_without_leading_words(text, spans, self.is_place)
        spans = _targets_with_held_metric(text, _targets_apart_at_and(text, _without_point_markers(text, spans)))
        spans = _targets_without_scope(text, spans)
        spans = _targets_without_modals(text, _targets_without_doing_verbs(text, spans, tokens))
        spans = _programmes_with_national(text, _quoted_programmes_with_kinds(text, _targets_from_count_verbs(text, spans)))
        spans = _without_opposed_programmes(text, _without_titles(text, _programmes_from_titles(text, spans), self.titles, titled))
        spans = _targets_with_quantities(text, _names_before_etc(text, spans, self.programme_heads, self.org_endings))
        spans = _targets_with_counted_quotes(text, _targets_with_named_metrics(text, spans, review), review)
        spans = _with_paired_quotes(text, _with_hemei(text, _industries_as_sectors(text, _industries_before_forms(text, spans))))
        spans = _with_commodity_trades(text, _industries_with_trade_ending(text, spans))
        # a generic mention is never a name (GUIDELINES), also where a rule above cut it out of one (新一轮发展规划|和…);
        # nor is a figure or a date that a rule or the tagger read as a programme (see FIGURE_NOT_PROGRAMME)
        spans = _with_listed_battles(text, _with_counted_campaigns(text, _with_chief_systems(text, spans)))
        spans = _without_forbidden_quotes(text, _with_counted_rules(text, spans))
        spans = _quotes_apart(text, _targets_with_their_relative(text, _zones_as_projects(text, _targets_not_ranked(text, spans))))
        spans = _key_laboratories_as_projects(text, _science_centres_as_projects(text, spans, self.is_place))
        spans = _targets_with_leading_quotes(text, _listed_targets_without_figures(text, spans), review)
        spans = _targets_apart_from_what_they_do(text, _targets_without_creation(text, spans), review)
        spans = _business_districts_as_places(text, _streets_not_sectors(text, spans))
        spans = _names_within_a_clause(text, _programmes_without_figures(text, spans), places)
        spans = _names_without_clause_verbs(text, spans, self.clause_verbs, self.object_verbs,
                                            (*self.heads, *self.facility_heads, *LISTED_FACILITIES, *EVENT_ENDINGS),
                                            self.org_endings, places)
        spans = _companies_listed(text, spans, self.sectors, (*self.facility_heads, *LISTED_FACILITIES))
        spans = _unread_companies_listed(text, spans, tokens, self.sectors)
        spans = _without_quantities(text, _with_mass_organisations(text, spans, tokens))
        spans = _programmes_without_their_tasks(text, _names_with_paired_marks(text, spans, places))
        spans = _with_trade_ins(text, _fused_sectors_in_names(text, _targets_per_unit(text, spans)))
        spans = _joined_sectors_in_lists(text, _sectors_without_stacked_classes(text, _with_child_policies(text, spans)))
        spans = _with_consumption_lists(text, _names_with_their_first_character(
            text, _names_without_aspect_particles(text, spans)))
        spans = _targets_with_central_budget(text, _programmes_with_joined_tasks(text, spans, tokens, self.task_verbs))
        spans = _sectors_listed_as_works(text, _made_in_as_industries(text, spans, self.place_level), self.sectors,
                                         self.task_verbs)
        spans = _agreements_by_name(text, _without_vague_references(text, _with_bond_programmes(text, spans)))
        spans = _titles_with_their_verb(text, _zone_versions_as_programmes(text, spans))
        return [span for span in spans if text[span[0]:span[1]] not in self.generic]

    def _listed_divisions(self, text: str, candidates, starts: Sequence[int], ends: Sequence[int],
                          tags: Sequence[str]) -> list[tuple[int, int]]:
        """The divisions that stand as a whole item of a 、-list (:func:`_list_items`): the gazetteer's places
        the rules found, and the words beside a 、 that name a division (a town's short form too) of a city or
        county the rules found in the text."""
        listed = [(c.start, c.end) for c in candidates
                  if c.label == "PLACE" and c.source == "gazetteer" and c.attrs.get("level") in LEVELS]
        named = {c.attrs.get("full_name") for c in candidates
                 if c.label == "PLACE" and c.attrs.get("level") in ("city", "county")}
        if named:
            listed += [(a, b) for a, b in _tokens_beside(text, "、", starts, ends)
                       if 2 <= b - a <= 4 and text[a:b] in self.place_names and self.named_division(text[a:b], named)]
        return _list_items(text, listed, starts, ends, tags)

    def merge(self, spans: list[tuple[int, int, str]], candidates, mentions, text: str = "") -> list:
        """Candidates for the final resolver: ``spans`` (ordered, not overlapping) are the tagger's."""
        from pipelines.components.candidates import Candidate

        by_span = {(c.start, c.end, c.label): c for c in candidates}
        kept = [c for c in candidates if c.label not in LEARNED_LABELS]
        projects = []
        facility = (*self.facility_heads, *LISTED_FACILITIES)
        # the items of 加快A、B、C等项目建设 that end like one facility are projects where the tagger read the
        # same words as something else (会展中心 as an INDUSTRY), read a character less (西路 for 站西路)
        # or read nothing; the items as the first resolver cleaned them (重点实施泽口临港物流园 is not one)
        # ... but an unnamed mode of transport the tagger read as a sector among sectors stays one (城市轨道交通)
        sectors = {(a, b) for a, b, label in spans if label == "INDUSTRY" and text[a:b].endswith(TRANSPORT_MODES)}
        relabel = {(c.start, c.end): c.label for c in candidates if c.source in LISTED_SOURCES
                   and text[c.start:c.end].endswith(facility) and (c.start, c.end) not in sectors}
        spans = [(a, b, relabel.get((a, b), label)) for a, b, label in spans]
        listed = [c for c in mentions if c.source in LISTED_SOURCES and text[c.start:c.end].endswith(facility)
                  and (c.start, c.end) not in sectors]
        if listed:
            same = [c for c in listed if not any(c.start < s[1] and s[0] < c.end for s in spans)
                    or any(s[1] == c.end and c.start <= s[0] <= c.start + 1 for s in spans)]
            spans = [s for s in spans if not any(c.start <= s[0] <= c.start + 1 and s[1] == c.end for c in same)]
            spans = sorted([*spans, *((c.start, c.end, c.label) for c in same)])
        for start, end, label in spans:
            division = by_span.get((start, end, "PLACE"))
            if label != "PLACE" and division is not None and division.attrs.get("level") in LEVELS:
                label = "PLACE"  # a division's name alone is the place (顾家店, 红花套), whatever the context
            kept.append(by_span.get((start, end, label)) or Candidate(start, end, label, "model"))
            if label == "PROJECT":
                projects.append((start, end))
        ordered = sorted(projects)
        project_starts = [a for a, _ in ordered]
        widest = list(itertools.accumulate((b for _, b in ordered), max))  # no project can hold what ends later
        for candidate in candidates:
            if candidate.attrs.get("level") == OPENING_DIRECTION:
                continue  # 东部新城, 西部时尚城: which part of the city, not the nation's region 东部
            before = bisect.bisect_right(project_starts, candidate.start)
            if candidate.label in ("PLACE", "ORG") and before and widest[before - 1] >= candidate.end and any(
                    a <= candidate.start and candidate.end <= b and (a, b) != (candidate.start, candidate.end)
                    for a, b in projects):
                kept.append(candidate)
        inner = [(c.start, c.end) for c in kept if c.label == "PLACE"]
        for start, end in _places_listed_in_projects(text, projects, self.place_names, self.geo_suffixes, self.generic):
            if not any(a < end and start < b for a, b in inner):
                kept.append(Candidate(start, end, "PLACE", "nested"))
                inner.append((start, end))
        for start, end in _home_counties(text, spans, candidates, self.geo_suffixes):
            if not any(a < end and start < b for a, b in inner):
                kept.append(Candidate(start, end, "PLACE", "gazetteer", {"level": "county"}))
        starts = [a for a, _, _ in spans]
        for mention in mentions if self.keep_rule_names else ():  # the rules' names where the tagger found none
            if mention.label in LEARNED_LABELS:
                index = bisect.bisect_left(starts, mention.end) - 1
                if index < 0 or spans[index][1] <= mention.start:
                    kept.append(mention)
        return kept
