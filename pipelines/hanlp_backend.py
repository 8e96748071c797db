"""The HanLP 1.x backend: HanLP's segmenter and part-of-speech tags (through JPype), and its places and
organisations as candidates.

- **One JVM per process**, started on first use (:func:`start_jvm`) with the pinned portable jar on its
  class path (:func:`pipelines.hanlp_jar.ensure_jar`); :func:`jvm_startup_seconds` says what it cost.
  JPype can start a JVM only once per process: whatever else in the process needs Java must go
  through :func:`start_jvm` too.
- **kg.HanLPTokenizer.v1** segments with HanLP's Viterbi segmenter (``HanLP.newSegment()``; its place and
  organisation recognisers are options, ``place`` / ``organization``, off in hanlp.cfg because they cost
  F1 on the seed: they glue phrases into one word, 重点发展东阳渡综合物流产业园/nt, 的东盟/ns) and sets each
  token's ``tag_`` to HanLP's part of speech. With ``tagset = "jieba"`` (the default)
  HanLP's fine tags are folded into the jieba/ICTCLAS tags that kg's token checks were written for
  (nsf → ns, ntc → nt, nrf → nr, vshi → v, cc → c, pba → p, ry → r, w → x …); ``"hanlp"`` keeps them
  as HanLP gives them. Tokens cover the text exactly: HanLP keeps every character; if it ever did not,
  the words are aligned back to the text and whatever is left becomes untagged tokens.
- **kg_hanlp_entities_v1** turns ns / nt tokens into PLACE / ORG candidates (sources ``hanlp-place``
  and ``hanlp-org``) for the resolver, after kg's own recognisers; single characters, generic words,
  words that open on a verb, particle or count (的省, 两国) and words jieba's dictionary knows as common
  words (现代/ntc, 开发区/ns) are dropped; a place and a geographic ending left apart (东阳 + 渡) are one.

Each HanLP call from Python costs a JNI round trip, so the terms are not read one by one (that costs
more than the segmentation): the term list is turned into one string in Java (``word/nature, …``) and
parsed here, and the parse is checked against the text and the term count.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable
from typing import Any

import numpy
from spacy.attrs import TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from kg.errors import KgError
from pipelines.components.candidates import Candidate
from pipelines.lexicon import Lexicon

__all__ = [
    "start_jvm",
    "jvm_started",
    "jvm_startup_seconds",
    "segment",
    "HanLPTokenizer",
    "HanLPEntities",
    "create_hanlp_tokenizer",
    "make_hanlp_entities",
    "to_jieba_tag",
    "TAGSETS",
]

TAGSETS = ("jieba", "hanlp")
PLACE_SOURCE, ORG_SOURCE = "hanlp-place", "hanlp-org"

_lock = threading.Lock()
_startup_seconds: float | None = None
_segments: dict[tuple[bool, bool], Any] = {}
_segment_seconds: dict[tuple[bool, bool], float] = {}

# word/nature items of HanLP's List<Term>.toString(): "[衡阳/ns, 港区/nz]". A word may hold "/" or ", ",
# a nature never does; the lazy word takes the shortest reading, which the checks in segment() confirm.
_TERM = re.compile(r"(.+?)/([A-Za-z][A-Za-z0-9_]*)(?:, |\]\Z)", re.S)


# -- the JVM -------------------------------------------------------------------------------------------

def start_jvm() -> None:
    """Start the process's JVM with the HanLP jar, once; later calls return at once.

    The jar is fetched into the cache first if it is missing (see :mod:`pipelines.hanlp_jar`).
    """
    global _startup_seconds
    import jpype

    with _lock:
        if jpype.isJVMStarted():
            if _startup_seconds is None:  # started by someone else: usable only if it can see HanLP
                try:
                    jpype.JClass("com.hankcs.hanlp.HanLP")
                except Exception:
                    raise KgError("a JVM was already started in this process without the HanLP jar; "
                                  "start it through pipelines.hanlp_backend.start_jvm()") from None
                _startup_seconds = 0.0
            return
        from pipelines.hanlp_jar import ensure_jar

        jar = ensure_jar()
        started = time.perf_counter()
        try:
            jpype.startJVM(classpath=[str(jar)], convertStrings=False)
        except (jpype.JVMNotFoundException, jpype.JVMNotSupportedException, OSError) as exc:
            raise KgError(f"cannot start Java for HanLP ({exc}); install a Java runtime (8 or later) "
                          "or point JAVA_HOME at one") from None
        _startup_seconds = time.perf_counter() - started


def jvm_started() -> bool:
    """Has this process a running JVM (started here or elsewhere)? Imports jpype only if it is loaded."""
    import sys

    jpype = sys.modules.get("jpype")
    return bool(jpype and jpype.isJVMStarted())


def jvm_startup_seconds() -> float | None:
    """Seconds :func:`start_jvm` took to start the JVM (None before it ran; 0.0 if another started it)."""
    return _startup_seconds


def hanlp_load_seconds() -> dict[str, float]:
    """Seconds each segmenter took to build, its dictionaries loading included, by configuration."""
    return {f"place={p},organization={o}": s for (p, o), s in _segment_seconds.items()}


def _segment(place: bool, organization: bool):
    key = (place, organization)
    segment_ = _segments.get(key)
    if segment_ is None:
        start_jvm()
        import jpype

        with _lock:
            segment_ = _segments.get(key)
            if segment_ is None:
                started = time.perf_counter()
                hanlp = jpype.JClass("com.hankcs.hanlp.HanLP")
                segment_ = hanlp.newSegment().enablePlaceRecognize(place).enableOrganizationRecognize(organization)
                segment_.seg(jpype.JString("加载词典。"))  # load the dictionaries now, not in the first document
                _segment_seconds[key] = time.perf_counter() - started
                _segments[key] = segment_
    return segment_


def segment(text: str, *, place: bool = True, organization: bool = True) -> list[tuple[str, str]]:
    """HanLP's (word, nature) terms of ``text``, as HanLP gives them (starts the JVM on first use):
    ``segment("推进衡阳港区建设")`` is ``[('推进', 'vi'), ('衡阳', 'ns'), ('港区', 'nz'), ('建设', 'vn')]``."""
    if not text:
        return []
    import jpype

    terms = _segment(place, organization).seg(jpype.JString(text))
    rendered = str(terms.toString())
    pairs = _TERM.findall(rendered, 1)
    # the items must be the whole rendering, one per term: "[" + ", ".join(word/nature) + "]"
    consumed = sum(len(word) + len(nature) for word, nature in pairs) + 3 * len(pairs) - 1
    if len(pairs) != terms.size() or consumed != len(rendered) - 1:
        return [(str(term.word), str(term.nature)) for term in terms]  # an ambiguous rendering: read each term
    return pairs


# -- tags ------------------------------------------------------------------------------------------------

# HanLP natures that jieba's tag set does not have, folded into the jieba tag they belong to.
_JIEBA_TAG = {
    "nr1": "nr", "nr2": "nr", "nrj": "nr", "nrf": "nr", "nsf": "ns",
    "nx": "eng", "nl": "l", "vl": "l", "al": "a", "bl": "b", "dl": "d",
    "vshi": "v", "vyou": "v", "vf": "v", "vx": "v", "cc": "c", "pba": "p", "pbei": "p",
    "qt": "q", "qv": "q", "qg": "q", "Mg": "mg", "Rg": "rg", "xx": "x", "xu": "x",
    "begin": "x", "end": "x",
}


def to_jieba_tag(nature: str) -> str:
    """HanLP's nature in jieba's tag set: the same tag where jieba has it, else its family.

    >>> [to_jieba_tag(n) for n in ("ns", "nsf", "ntc", "nis", "vshi", "ude1", "rzv", "wkz", "gm")]
    ['ns', 'ns', 'nt', 'n', 'v', 'uj', 'rz', 'x', 'n']
    """
    if nature in _JIEBA_TAG:
        return _JIEBA_TAG[nature]
    head = nature[:1]
    if head == "w":
        return "x"
    if nature.startswith("nt"):
        return "nt"
    if nature.startswith("ude") or nature in ("uzhi", "uls"):
        return "uj"  # 的 之: jieba's uj
    if nature in ("ule", "uguo", "uzhe"):
        return {"ule": "ul", "uguo": "ug", "uzhe": "uz"}[nature]
    if nature.startswith(("ni", "nn", "nh", "nm", "nb", "nf")) or head == "g":
        return "n"  # institution suffixes, job titles, terms of a field: common nouns
    if nature.startswith(("rz", "rr")):
        return nature[:2]
    if nature.startswith("ry"):
        return "r"
    return nature


# -- the tokenizer -------------------------------------------------------------------------------------

class HanLPTokenizer:
    """Text → Doc with HanLP's words; each token's ``tag_`` is HanLP's part of speech."""

    def __init__(self, vocab, place: bool = True, organization: bool = True, tagset: str = "jieba") -> None:
        if tagset not in TAGSETS:
            raise KgError(f"unknown HanLP tagset {tagset!r}; choose one of: {', '.join(TAGSETS)}")
        self.vocab = vocab
        self.place, self.organization = place, organization
        self.fold = to_jieba_tag if tagset == "jieba" else (lambda nature: nature)
        self._hashes: dict[str, int] = {}
        _segment(place, organization)  # start the JVM and load HanLP when the pipeline is built

    def _tag_hash(self, nature: str) -> int:
        tag_hash = self._hashes.get(nature)
        if tag_hash is None:
            tag_hash = self._hashes[nature] = self.vocab.strings.add(self.fold(nature))
        return tag_hash

    def __call__(self, text: str) -> Doc:
        pairs = segment(text, place=self.place, organization=self.organization)
        words = [word for word, _ in pairs]
        natures: list[str | None] = [nature for _, nature in pairs]
        if "".join(words) != text:  # never seen: HanLP keeps every character; offsets must be exact anyway
            words, natures = align(text, pairs)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        if words:
            hashes = numpy.array([[self._tag_hash(n) if n else 0] for n in natures], dtype=numpy.uint64)
            doc.from_array([TAG], hashes)
        if Doc.has_extension("kg_text"):
            doc._.kg_text = text
        return doc

    def pipe(self, texts: Iterable[str]):
        for text in texts:
            yield self(text)


def align(text: str, pairs: list[tuple[str, str]], window: int = 64) -> tuple[list[str], list[str | None]]:
    """Words that concatenate to ``text`` exactly, from HanLP terms that may have dropped or changed characters.

    A term found at the current position (or within ``window`` characters, the skipped text becoming an
    untagged token) keeps its tag; a term of the same length that differs (a normalised character) takes
    the text's characters; a term not found is dropped; text left at the end becomes an untagged token.

    >>> align("ＡＢ 衡阳", [("AB", "nx"), ("衡阳", "ns")])
    (['ＡＢ', ' ', '衡阳'], ['nx', None, 'ns'])
    """
    words: list[str] = []
    natures: list[str | None] = []
    position = 0
    for word, nature in pairs:
        if not word:
            continue
        if text.startswith(word, position):
            found = position
        else:
            found = text.find(word, position, position + window + len(word))
            if found < 0:
                if len(word) <= len(text) - position and _similar(text[position:position + len(word)], word):
                    words.append(text[position:position + len(word)])
                    natures.append(nature)
                    position += len(word)
                continue
            words.append(text[position:found])
            natures.append(None)
        words.append(word)
        natures.append(nature)
        position = found + len(word)
    if position < len(text):
        words.append(text[position:])
        natures.append(None)
    return words, natures


def _similar(original: str, word: str) -> bool:
    import unicodedata

    return unicodedata.normalize("NFKC", original).lower() == unicodedata.normalize("NFKC", word).lower()


@registry.tokenizers("kg.HanLPTokenizer.v1")
def create_hanlp_tokenizer(place: bool = True, organization: bool = True, tagset: str = "jieba"):
    def make_tokenizer(nlp):
        return HanLPTokenizer(nlp.vocab, place=place, organization=organization, tagset=tagset)

    return make_tokenizer


# -- places and organisations ----------------------------------------------------------------------------

NAME_CHARS = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbfA-Za-z·]+")
# HanLP's place recogniser glues a preceding particle, preposition or count onto a place (的兰州, 同中东,
# 于苏联, 两国, 七省, 各城市): a name never opens on these.
NOT_NAME_OPENING = re.compile(r"[的之和与同及或于在向对从比如象过把被将为以由给跟就都也又各每该本这那此其"
                              r"一二三四五六七八九十百千万两几多数]")
# jieba's dictionary tags of common words: a word HanLP calls a place or organisation that jieba knows as a
# common noun, time word, adjective or verb (现代 ntc, 大众 ntc, 开发区 ns, 陆家) is not taken as a name.
COMMON_TAGS = ("n", "ng", "nrt", "t", "tg", "a", "ad", "an", "ag", "v", "vn", "vd", "vg", "vi", "d", "b", "f",
               "r", "m", "q", "l", "i", "c", "p", "u", "uj", "ul", "y", "e", "z")


class HanLPEntities:
    """PLACE and ORG candidates from the tokens HanLP tagged ns* and nt*; run after the rule families (kg_headings … kg_lexical)."""

    def __init__(self, lexicon: Lexicon, places: bool = True, organizations: bool = True) -> None:
        from pipelines.tokenizers import dictionary_tags

        self.lexicon = lexicon
        self.places, self.organizations = places, organizations
        self.common = dictionary_tags()
        self.stop = (lexicon.generic_terms | frozenset(lexicon.leading_words) | frozenset(lexicon.descriptor_words)
                     | frozenset(lexicon.industry_terms) | frozenset(lexicon.org_suffixes)
                     | frozenset(lexicon.project_suffixes) | frozenset(lexicon.programme_heads))

    def _keep(self, word: str) -> bool:
        if word in self.lexicon.places:
            return True
        return (len(word) >= 2 and NAME_CHARS.fullmatch(word) is not None and word not in self.stop
                and not NOT_NAME_OPENING.match(word) and self.lexicon.strip_leading(word) == 0
                and self.common.get(word) not in COMMON_TAGS)

    def __call__(self, doc: Doc) -> Doc:
        from pipelines.components.factories import doc_text, token_offsets

        candidates = list(doc._.kg_candidates or [])
        if len(doc):
            tags = doc.to_array(TAG)
            kinds = {}  # tag hash → (label, source), read once per distinct tag
            for tag_hash in numpy.unique(tags).tolist():
                tag = doc.vocab.strings[tag_hash] if tag_hash else ""
                if tag.startswith("ns") and self.places:
                    kinds[tag_hash] = ("PLACE", PLACE_SOURCE)
                elif tag.startswith("nt") and self.organizations:
                    kinds[tag_hash] = ("ORG", ORG_SOURCE)
            if kinds:
                text = doc_text(doc)
                starts, ends = token_offsets(doc)
                tag_list = tags.tolist()
                last = len(tag_list) - 1
                for index in numpy.flatnonzero(numpy.isin(tags, list(kinds))).tolist():
                    label, source = kinds[tag_list[index]]
                    end = ends[index]
                    # a place word and a geographic ending HanLP left apart (东阳 + 渡) make one name
                    if (label == "PLACE" and index < last and ends[index + 1] - end == 1
                            and text[end] in self.lexicon.geo_suffixes):
                        end += 1
                    word = text[starts[index]:end]
                    if self._keep(word):
                        attrs = {"level": self.lexicon.places.get(word)} if label == "PLACE" else {}
                        candidates.append(Candidate(starts[index], end, label, source, attrs))
        doc._.kg_candidates = candidates
        return doc


@Language.factory("kg_hanlp_entities_v1", default_config={"places": True, "organizations": True})
def make_hanlp_entities(nlp: Language, name: str, places: bool, organizations: bool) -> HanLPEntities:
    return HanLPEntities(Lexicon.default(), places=places, organizations=organizations)
