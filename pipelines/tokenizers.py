"""Tokenizers registered with spaCy: jieba segmentation turned into a Doc without re-aligning words.

jieba returns every character of the text, whitespace included, in order, so the words concatenate back
to the text exactly and no token needs a trailing space; spaCy's own Chinese tokenizer re-aligns the
words with the text one by one, which costs a third of the segmentation time on long reports.

>>> import spacy
>>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.JiebaTokenizer.v1"}}})
>>> [t.text for t in nlp("推进衡阳港区建设")]
['推进', '衡阳', '港区', '建设']
"""

from __future__ import annotations

import functools
import logging
import marshal
import os
import sys
import tempfile
from pathlib import Path

from spacy.tokens import Doc
from spacy.util import registry

__all__ = ["JiebaTokenizer", "create_jieba_tokenizer", "dictionary_tags"]

TAG_CACHE_VERSION = 2  # 2: one object per distinct tag


class JiebaTokenizer:
    def __init__(self, vocab, hmm: bool = True) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        from pipelines.segmenter import lcut

        self.vocab = vocab
        self.hmm = hmm
        self._cut = lcut  # jieba.lcut's words from jieba's dictionary, compiled (pipelines/segmenter.py)

    def __call__(self, text: str) -> Doc:
        words = self._cut(text, HMM=self.hmm)
        if "".join(words) != text:  # never seen, but offsets must be exact: fall back to aligning
            from spacy.util import get_words_and_spaces

            words, spaces = get_words_and_spaces(words, text)
            return Doc(self.vocab, words=words, spaces=spaces)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        if Doc.has_extension("kg_text"):
            doc._.kg_text = text  # the exact text, so components need not rebuild it from tokens
        return doc

    def pipe(self, texts):
        for text in texts:
            yield self(text)


@functools.cache
def dictionary_tags() -> dict[str, str]:
    """jieba's word → part-of-speech table, cached beside jieba's own cache.

    ``jieba.posseg`` parses its 350,000-line dictionary on import (~0.15 s); the table is the same each
    time, so it is kept in marshal form keyed by the dictionary file's size and mtime.
    """
    import jieba

    with jieba.get_dict_file() as opened:
        dictionary = Path(opened.name)
    stat = dictionary.stat()
    cache = Path(tempfile.gettempdir()) / f"kg-jieba-tags-{TAG_CACHE_VERSION}-{stat.st_size}-{int(stat.st_mtime)}.marshal"
    try:
        return marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    import jieba.posseg

    # One str object per distinct tag (about 60), not one per word: 17 MB less, and marshal keeps them shared.
    # A lookup then writes only to those few objects' reference counts, so the table's pages stay shared
    # between the extraction workers forked from one loaded pipeline.
    table = {word: sys.intern(tag) for word, tag in jieba.posseg.dt.word_tag_tab.items()}
    try:
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(table))
        os.replace(partial, cache)  # atomic: a concurrent reader sees the old file or the whole new one
    except OSError:
        pass  # a read-only temp directory only costs the parse next time
    return table


@registry.tokenizers("kg.JiebaTokenizer.v1")
def create_jieba_tokenizer(hmm: bool = True):
    def make_tokenizer(nlp):
        return JiebaTokenizer(nlp.vocab, hmm=hmm)

    return make_tokenizer
