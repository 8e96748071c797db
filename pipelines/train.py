"""Reproduce the learned parts of the pipeline from files anyone has (``kg train clusters|tagger``).

Two steps, each writing a file the pipeline ships:

1. ``build_clusters``: word2vec over the jieba tokens of unannotated reports (the shared corpora), then
   k-means at three granularities → ``pipelines/models/word_clusters.tsv``. Needs the ``train`` extra
   (gensim, scikit-learn).
2. ``train_tagger``: the rules run over the gold training documents; a linear-chain CRF (CRFsuite,
   from the ``train`` extra's python-crfsuite) learns BIO tags of the learned labels from the rules'
   output and the token features (:mod:`pipelines.components.tagger`); its weights are exported to
   ``pipelines/models/tagger.npz``, which needs only numpy to decode.

Train on the training gold only (``../shared/eval/cn-train.gold.jsonl``): the dev files and the seed
are what the figures in the README are measured on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from kg.errors import KgError
from pipelines.components.tagger import (
    LEARNED_LABELS,
    TaggerFeatures,
    TaggerWeights,
    bio_tags,
    sentence_ranges,
    word_clusters,
)

__all__ = ["build_clusters", "mine_industries", "train_tagger", "training_digest", "rule_doc", "outermost_spans",
           "CLUSTER_SIZES"]

CLUSTER_SIZES = (64, 256, 1024)
SENTENCE_BREAK = re.compile(r"[。！？；\n]")
DEFAULT_C1, DEFAULT_C2, DEFAULT_ITERATIONS = 0.01, 0.1, 200


def _require(module: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise KgError(f"training needs {module}: pip install -e '.[train]'") from error


def build_clusters(corpora: list[Path], out: Path, *, seed: int = 1, workers: int = 2,
                   report: Callable[[str], None] = print) -> int:
    """Cluster the words of ``corpora`` (JSONL with a ``text`` field) by their word2vec vectors.

    Deterministic for a given corpus, seed and single worker; with several workers word2vec's
    threads make the vectors (and so the clusters) vary slightly between runs.
    """
    import jieba

    gensim_models = _require("gensim.models")
    cluster = _require("sklearn.cluster")
    jieba.setLogLevel(logging.WARNING)
    started = time.monotonic()
    sentences = [jieba.lcut(part) for text in _corpus_texts(corpora).values() for part in SENTENCE_BREAK.split(text)
                 if part.strip()]
    report(f"{len(sentences)} sentences segmented in {time.monotonic() - started:.1f} s")
    model = gensim_models.Word2Vec(sentences, vector_size=100, window=5, min_count=3, workers=workers,
                                   epochs=10, seed=seed)
    words = model.wv.index_to_key
    vectors = model.wv.vectors / np.linalg.norm(model.wv.vectors, axis=1, keepdims=True)
    ids = [cluster.KMeans(size, n_init=1, random_state=seed).fit(vectors).labels_ for size in CLUSTER_SIZES]
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(f"# word2vec (100 dims, window 5, min count 3) k-means clusters {CLUSTER_SIZES} of "
                     f"{len(words)} words from {', '.join(p.name for p in corpora)}; made by `kg train clusters`\n")
        for index, word in enumerate(words):
            if "\t" in word or "\n" in word:
                continue
            handle.write(word + "".join(f"\t{column[index]}" for column in ids) + "\n")
    report(f"{len(words)} words clustered in {time.monotonic() - started:.1f} s → {out}")
    return len(words)


INDUSTRY_LIST = re.compile(r"([^，。；：！？\n（）()]{2,80}?)等[^，。；、\n]{0,8}产业")
LIST_SEPARATOR = re.compile(r"[、和及与]")
NAME_LIKE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,8}")
CLASS_WORDS = frozenset("新兴 主导 优势 特色 传统 支柱 重点 相关 未来 先导 基础 战略性 战略性新兴 现代 重要 各类 一批 配套 "
                        "关联 上下游 首位 接续 朝阳 县域 本地 地方 区域 经济 智能 材料 装备 科技 网络".split())
LIST_OPENERS = ("前瞻布局", "布局", "壮大", "前瞻")  # verbs opening a list that jieba tags as nouns


def mine_industries(corpora: list[Path], out: Path, *, min_count: int = 2,
                    report: Callable[[str], None] = print) -> int:
    """Industries the reports themselves list: the items of ``A、B、C等(…)产业`` in ``corpora``, cut of the
    verbs that open a list (发展, 培育 …), named at least ``min_count`` times, never a place or a class word
    (新兴, 主导 …). Written to ``out`` (``pipelines/data/industry_terms_mined.txt``)."""
    import jieba.posseg

    from pipelines.lexicon import Lexicon

    lexicon = Lexicon.default()
    places = lexicon.places
    openers = sorted({*lexicon.leading_words, *LIST_OPENERS}, key=len, reverse=True)
    counts: dict[str, int] = {}
    for text in _corpus_texts(corpora).values():
        for match in INDUSTRY_LIST.finditer(text):
            for item in LIST_SEPARATOR.split(match.group(1)):
                item = item.strip("“”\"《》 \u3000")
                words = list(jieba.posseg.cut(item))
                while words and words[0].flag.startswith(("v", "d", "p", "c", "u")):
                    words.pop(0)
                item = "".join(w.word for w in words)
                opener = next((o for o in openers if item.startswith(o) and len(item) > len(o) + 1), None)
                while opener:
                    item = item[len(opener):]
                    opener = next((o for o in openers if item.startswith(o) and len(item) > len(o) + 1), None)
                if (NAME_LIKE.fullmatch(item) and item not in CLASS_WORDS and item not in places
                        and item[-1] not in "区省市县"):
                    counts[item] = counts.get(item, 0) + 1
    terms = sorted((t for t, n in counts.items() if n >= min_count), key=lambda t: (-counts[t], t))
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(f"# Industries listed as `A、B、C等…产业` at least {min_count} times in "
                     f"{', '.join(p.name for p in corpora)}; made by `kg train industries`, read with "
                     "industry_terms.txt\n")
        handle.writelines(f"{term}\n" for term in terms)
    report(f"{len(terms)} industries named in lists at least {min_count} times → {out}")
    return len(terms)


def rule_doc(nlp, text: str):
    """The Doc as the rules leave it for the tagger (every component before ``kg_tagger``, which
    ``nlp`` may lack)."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "kg_tagger":
            break
        doc = component(doc)
    return doc


def outermost_spans(entities: Iterable[dict]) -> list[tuple[int, int, str]]:
    """Gold spans of the learned labels, nested ones dropped (a place inside a project name)."""
    spans = sorted(((e["start"], e["end"], e["label"]) for e in entities if e["label"] in LEARNED_LABELS),
                   key=lambda s: (s[0], -s[1]))
    outer, reach = [], -1
    for span in spans:
        if span[0] >= reach:
            outer.append(span)
            reach = span[1]
    return outer


def training_sequences(nlp, gold_docs: Iterable[dict], features: TaggerFeatures):
    """(features, BIO tags) per sentence of each gold document, the rules' output among the features."""
    from pipelines.components.factories import TokenTags, doc_text, token_offsets

    for gold in gold_docs:
        doc = rule_doc(nlp, gold["text"])
        text = doc_text(doc)
        starts, ends = token_offsets(doc)
        tags = TokenTags(doc, text, starts, ends).all("x")
        context = features.context(text, starts, ends, doc._.kg_mentions, doc._.kg_candidates)
        items = features.sequence([text[a:b] for a, b in zip(starts, ends, strict=True)], tags, context)
        labels = bio_tags(starts, ends, outermost_spans(gold["entities"]))
        for first, end in sentence_ranges(text, starts, ends):
            yield items[first:end], labels[first:end]


def train_tagger(gold_paths: list[Path], out: Path, *, corpora: list[Path] | None = None, c1: float = DEFAULT_C1,
                 c2: float = DEFAULT_C2, iterations: int = DEFAULT_ITERATIONS, rule_features: bool = True,
                 report: Callable[[str], None] = print) -> dict:
    """Train the CRF on ``gold_paths`` and export its weights to ``out`` (``.npz``); ``corpora`` hold the
    texts of annotations that only point into them."""
    import tempfile

    crfsuite = _require("pycrfsuite")
    started = time.monotonic()
    trainer = crfsuite.Trainer(verbose=False)
    gold_docs, training = _training_data(gold_paths, corpora, rule_features)
    sequences, digest = 0, hashlib.sha1()
    for items, labels in training:
        trainer.append(items, labels)
        _add_to_digest(digest, items, labels)
        sequences += 1
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as work:
        model = Path(work) / "tagger.crfsuite"
        trainer.train(str(model))
        weights = export_weights(model)
    weights.rule_features = rule_features
    weights.training_digest = digest.hexdigest()
    weights.save(out)
    summary = {"documents": len(gold_docs), "sequences": sequences, "attributes": len(weights.attributes),
               "seconds": round(time.monotonic() - started, 1)}
    report(f"trained on {summary['documents']} documents ({sequences} sentences), "
           f"{summary['attributes']} attributes, in {summary['seconds']} s → {out}")
    return summary


def training_digest(gold_paths: list[Path], *, corpora: list[Path] | None = None, rule_features: bool = True) -> str:
    """The SHA-1 of what :func:`train_tagger` would train on (every sentence's features and tags), as it
    stores it in the weights it writes: a shipped tagger whose digest differs was trained on features the
    pipeline no longer computes (a rule changed what it proposes) and must be trained again."""
    digest = hashlib.sha1()
    for items, labels in _training_data(gold_paths, corpora, rule_features)[1]:
        _add_to_digest(digest, items, labels)
    return digest.hexdigest()


def _training_data(gold_paths: list[Path], corpora: list[Path] | None, rule_features: bool):
    """The gold documents and, lazily, the (features, tags) of each of their sentences, the rules run first."""
    from pipelines.extract import build_nlp

    features = TaggerFeatures(word_clusters(), rule_features=rule_features)
    gold_docs = [doc for path in gold_paths for doc in _read_gold(path, corpora)]
    return gold_docs, training_sequences(build_nlp("jieba", variant="rules"), gold_docs, features)


def _add_to_digest(digest, items: list[list[str]], labels: list[str]) -> None:
    for token_features, label in zip(items, labels, strict=True):
        digest.update(("\x1f".join(token_features) + "\x1e" + label + "\n").encode("utf-8"))
    digest.update(b"\x1d")


def _read_gold(path: Path, corpora: list[Path] | None = None) -> list[dict]:
    """Annotated documents of a gold-format file. A line without ``text`` names where its text is:
    ``source_doc``, ``char_offset`` and ``length`` in one of ``corpora`` (annotations kept in this
    repository carry no copy of the reports; ``sha1`` checks that the text is the one annotated)."""
    with open(path, encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle if line.strip()]
    sources = None
    for doc in docs:
        if "text" not in doc and "source_doc" in doc:
            if sources is None:
                sources = _corpus_texts(corpora or [])
            doc["text"] = _section_text(path, doc, sources)
        if "text" not in doc or "entities" not in doc:
            raise KgError(f"{path}: every line needs 'text' (or 'source_doc', 'char_offset', 'length') and "
                          "'entities' (a gold file)")
    return docs


def _corpus_texts(corpora: list[Path]) -> dict[str, str]:
    """doc_id → original text of every document of ``corpora``, read as ``kg build`` reads them."""
    from pipelines.ingest import read_documents

    return {document.doc_id: document.text for document in read_documents(corpora)}


def _section_text(path: Path, doc: dict, sources: dict[str, str]) -> str:
    import hashlib

    source = sources.get(doc["source_doc"])
    if source is None:
        raise KgError(f"{path}: {doc.get('doc_id')}: source document {doc['source_doc']!r} is in none of the "
                      "corpora (the shared corpora, ../shared/corpus)")
    text = source[doc["char_offset"]:doc["char_offset"] + doc["length"]]
    if "sha1" in doc and hashlib.sha1(text.encode("utf-8")).hexdigest() != doc["sha1"]:
        raise KgError(f"{path}: {doc.get('doc_id')}: the text at {doc['source_doc']} "
                      f"[{doc['char_offset']}:+{doc['length']}] is not the one annotated")
    return text


def export_weights(model_path: Path) -> TaggerWeights:
    """A CRFsuite model's state and transition weights as dense arrays (attributes that carry weight)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    info = tagger.info()
    labels = tuple(sorted(info.labels, key=info.labels.get))
    label_index = {label: i for i, label in enumerate(labels)}
    attributes: dict[str, int] = {}
    for attribute, _ in info.state_features:
        attributes.setdefault(attribute, len(attributes))
    state = np.zeros((len(attributes), len(labels)), dtype=np.float32)
    for (attribute, label), weight in info.state_features.items():
        state[attributes[attribute], label_index[label]] = weight
    transitions = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (source, target), weight in info.transitions.items():
        transitions[label_index[source], label_index[target]] = weight
    tagger.close()
    return TaggerWeights(labels, attributes, state, transitions)
