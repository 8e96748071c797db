"""The optional HanLP 2.x backend (``--backend hanlp2``): a HanLP 2.x model segments, kg's components do the rest.

HanLP 2.x models are neural networks downloaded from HanLP's servers, which kg never does on its own:
the model named in ``pipelines/configs/hanlp2.cfg`` (``[nlp.tokenizer] model = "..."``) must already be
on disk, under ``$HANLP_HOME`` (HanLP's own default is ``~/.hanlp``). Building the pipeline checks,
before anything is loaded, that

- a model is named in the config: a HanLP name (``COARSE_ELECTRA_SMALL_ZH``), its URL, or a directory
  (absolute, or relative to ``$HANLP_HOME``);
- the ``hanlp`` package is installed (``pip install 'kg[hanlp2]'``);
- the model is present locally;

and stops with one :class:`~kg.errors.KgError` listing what is missing and how to provide it. Only
``KG_HANLP2_ALLOW_DOWNLOAD=1`` (or ``allow_download = true`` in the config) lets HanLP download the model;
otherwise Hugging Face is also told to stay offline (``HF_HUB_OFFLINE``), so a missing transformer fails
instead of being fetched.

Tokens cover the text exactly: the model's words are aligned back to the text (a model may drop
whitespace) and the gaps become tokens of their own. A multi-task model's PKU part-of-speech tags
(``pos/pku``, the tag set jieba's resembles) become the tokens' ``tag_``; without them kg's token checks
fall back to jieba's dictionary.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from spacy.tokens import Doc
from spacy.util import registry

from kg.errors import KgError

__all__ = ["HanLP2Tokenizer", "create_hanlp2_tokenizer", "hanlp_home", "local_model_path", "check_setup",
           "ALLOW_DOWNLOAD_ENV"]

ALLOW_DOWNLOAD_ENV = "KG_HANLP2_ALLOW_DOWNLOAD"
HANLP_URL = "https://file.hankcs.com/hanlp/"  # hanlp_common.constant.HANLP_URL, overridable like HanLP does
CONFIG = "pipelines/configs/hanlp2.cfg"
COMPRESSED = (".zip", ".tgz", ".tar.gz", ".gz", ".bz2", ".xz")
SENTENCES_PER_BATCH = 64


def hanlp_home() -> Path:
    """``$HANLP_HOME``, else HanLP's default ``~/.hanlp``."""
    return Path(os.environ.get("HANLP_HOME") or Path.home() / ".hanlp").expanduser()


def _download_allowed(allow_download: bool) -> bool:
    return allow_download or os.environ.get(ALLOW_DOWNLOAD_ENV, "").strip().lower() in {"1", "true", "yes"}


def _package_installed() -> bool:
    return importlib.util.find_spec("hanlp") is not None


def _strip_compressed(path: str) -> str:
    for ext in COMPRESSED:
        if path.endswith(ext):
            return path[: -len(ext)]
    return path


def local_model_path(model: str, home: Path | None = None) -> Path | None:
    """Where ``model`` lives (or would live) on disk, the way HanLP maps it, without importing HanLP.

    A directory path is taken as it is (relative ones under ``$HANLP_HOME``); a URL maps to
    ``$HANLP_HOME/<its path after HanLP's URL>`` (``thirdparty/<host>/…`` for other hosts), without the
    archive ending; a HanLP name (``COARSE_ELECTRA_SMALL_ZH``) needs the package to look up, so it gives
    None when the package is missing.

    ``home`` defaults to :func:`hanlp_home`.

    >>> home = Path("/h")
    >>> str(local_model_path("https://file.hankcs.com/hanlp/tok/coarse_electra_small_20220616_012050.zip", home))
    '/h/tok/coarse_electra_small_20220616_012050'
    >>> str(local_model_path("https://example.org/models/tok.zip", home))
    '/h/thirdparty/example.org/models/tok'
    >>> str(local_model_path("tok/my-model", home)), str(local_model_path("/models/tok", home))
    ('/h/tok/my-model', '/models/tok')
    """
    home = hanlp_home() if home is None else home
    url = model
    if not model.startswith(("http://", "https://")) and ("/" in model or os.sep in model or model.startswith(".")):
        path = Path(model).expanduser()
        return path if path.is_absolute() else home / path
    if not url.startswith(("http://", "https://")):
        if not _package_installed():
            return None
        import hanlp.pretrained

        url = hanlp.pretrained.ALL.get(model, model)
        if not url.startswith(("http://", "https://")):
            path = Path(url).expanduser()
            return path if path.is_absolute() else home / path
    url = url.split("#", 1)[0]
    prefix = os.environ.get("HANLP_URL", HANLP_URL)
    parsed = urlparse(url)
    if url.startswith(prefix):
        relative = url[len(prefix):].strip("/")
        base = home
    else:
        relative = parsed.path.strip("/")
        base = home / "thirdparty" / parsed.netloc
    return base / _strip_compressed(relative)


def _present(path: Path) -> bool:
    if path.is_dir() and any(path.iterdir()):
        return True
    return any(Path(str(path) + ext).is_file() for ext in COMPRESSED)


def check_setup(model: str, allow_download: bool = False) -> None:
    """Raise one :class:`KgError` naming everything the hanlp2 backend lacks, or return if it can start."""
    problems = []
    if not model.strip():
        problems.append(f"no model is named: set [nlp.tokenizer] model in {CONFIG} to a HanLP 2.x model "
                        "(a name such as COARSE_ELECTRA_SMALL_ZH, its URL, or a directory under $HANLP_HOME)")
    installed = _package_installed()
    if not installed:
        problems.append("the HanLP 2.x package is not installed: pip install 'kg[hanlp2]' (or pip install hanlp)")
    if model.strip() and not _download_allowed(allow_download):
        path = local_model_path(model)
        if path is None:  # a HanLP name, which only the package can map to a folder
            problems.append(f"the model {model!r} must then be on disk under HANLP_HOME={hanlp_home()} "
                            f"(kg does not download it unless {ALLOW_DOWNLOAD_ENV}=1)")
        elif not _present(path):
            problems.append(f"the model {model!r} is not on disk at {path}: put the unpacked model there "
                            f"(HANLP_HOME={hanlp_home()}; set HANLP_HOME to use another folder), or name a model "
                            f"you have in {CONFIG}, or set {ALLOW_DOWNLOAD_ENV}=1 to let HanLP download it once")
    if problems:
        raise KgError("the hanlp2 backend cannot start: " + "; ".join(problems) + ". "
                      "The default backend (jieba) needs none of this.")


class HanLP2Tokenizer:
    """Text → Doc with a HanLP 2.x model's words (and PKU tags when the model gives them)."""

    def __init__(self, vocab, model: str, allow_download: bool = False) -> None:
        check_setup(model, allow_download)
        if not _download_allowed(allow_download):
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the transformer under the model must be local too
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import hanlp

        self.vocab = vocab
        self.model_name = model
        try:
            self.model = hanlp.load(model)
        except Exception as exc:  # HanLP raises whatever its loaders raise; say which model and why
            raise KgError(f"the hanlp2 backend could not load the model {model!r} from {hanlp_home()}: "
                          f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}") from None

    def _analyse(self, sentences: list[str]) -> tuple[list[list[str]], list[list[str]] | None]:
        output: Any = self.model(sentences)
        if isinstance(output, dict):  # a multi-task model's Document: tok/fine, tok/coarse, pos/pku …
            tok_key = next((k for k in ("tok/fine", "tok/coarse", "tok") if k in output),
                           next((k for k in output if k.startswith("tok")), None))
            if tok_key is None:
                raise KgError(f"the HanLP 2.x model {self.model_name!r} gives no tokens (keys: {sorted(output)})")
            return output[tok_key], output.get("pos/pku")
        return output, None

    def __call__(self, text: str) -> Doc:
        from pipelines.hanlp_backend import align
        from pipelines.layout import split_sentences

        aligned: list[str] = []
        natures: list[str | None] = []
        spans = split_sentences(text)
        position = 0
        for first in range(0, len(spans), SENTENCES_PER_BATCH):
            batch_spans = spans[first:first + SENTENCES_PER_BATCH]
            words, tags = self._analyse([text[start:end] for start, end in batch_spans])
            for index, ((start, end), sentence_words) in enumerate(zip(batch_spans, words, strict=True)):
                if start > position:  # what lies between sentences (whitespace) is a token of its own
                    aligned.append(text[position:start])
                    natures.append(None)
                sentence_tags = tags[index] if tags else [""] * len(sentence_words)
                # aligned within its sentence, so a word the model changed cannot pull the rest of the text away
                sentence_aligned, sentence_natures = align(text[start:end], list(zip(sentence_words, sentence_tags,
                                                                                      strict=True)))
                aligned += sentence_aligned
                natures += sentence_natures
                position = end
        if position < len(text):
            aligned.append(text[position:])
            natures.append(None)
        doc = Doc(self.vocab, words=aligned, spaces=[False] * len(aligned),
                  tags=[nature or "" for nature in natures] if any(natures) else None)
        if Doc.has_extension("kg_text"):
            doc._.kg_text = text
        return doc

    def pipe(self, texts):
        for text in texts:
            yield self(text)


@registry.tokenizers("kg.HanLP2Tokenizer.v1")
def create_hanlp2_tokenizer(model: str = "", allow_download: bool = False):
    def make_tokenizer(nlp):
        return HanLP2Tokenizer(nlp.vocab, model=model, allow_download=allow_download)

    return make_tokenizer
