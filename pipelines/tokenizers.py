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

import logging

from spacy.tokens import Doc
from spacy.util import registry

__all__ = ["JiebaTokenizer", "create_jieba_tokenizer", "dictionary_tags"]


class JiebaTokenizer:
    def __init__(self, vocab, hmm: bool = True) -> None:
        from pipelines.segmenter import import_jieba, lcut

        import_jieba().setLogLevel(logging.WARNING)
        self.vocab = vocab
        self.hmm = hmm
        self._cut = lcut  # jieba.lcut's words from jieba's dictionary, compiled (pipelines/segmenter.py)

    def __call__(self, text: str) -> Doc:
        return self.from_words(text, self._cut(text, HMM=self.hmm))

    def from_words(self, text: str, words: list[str]) -> Doc:
        """The Doc of ``text`` cut into ``words`` (``lcut(text, HMM=self.hmm)``, made elsewhere)."""
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


def dictionary_tags():
    """jieba's word → part-of-speech table (``jieba.posseg.dt.word_tag_tab``): ``.get(word, default)``,
    ``table[word]`` and ``word in table`` as the dict's (it is not iterated), and ``.tags(text, starts, ends,
    missing)`` for every token of a text at once.

    The tags are kept in the segmenter's arrays of jieba's dictionary (one per trie node, see
    :class:`pipelines.segmenter.Dictionary`), loaded once for both: a dict of the 350,000 words was 0.2 s
    of every start-up (unmarshalled from a cache; ``jieba.posseg`` parses the dictionary in 0.15 s).
    """
    from pipelines.segmenter import dictionary

    return dictionary()


@registry.tokenizers("kg.JiebaTokenizer.v1")
def create_jieba_tokenizer(hmm: bool = True):
    def make_tokenizer(nlp):
        return JiebaTokenizer(nlp.vocab, hmm=hmm)

    return make_tokenizer
