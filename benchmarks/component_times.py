"""CPU time of each pipeline component over a corpus, in one process: what a component costs.

    .venv/bin/python benchmarks/component_times.py ../shared/corpus/cn-gwr-1954-2019.jsonl [--rules 15] [--steps]

``kg bench`` compares whole processes with bare jieba and moves by ±30 % on a busy machine; the CPU time a
component spends inside one extraction run (``time.process_time``) does not depend much on what else runs.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pipelines.extract import Extractor
from pipelines.ingest import read_documents


def component_times(paths: list[Path], backend: str = "jieba") -> tuple[float, dict[str, float]]:
    """Total CPU seconds of extracting every document of ``paths``, and the part each step took: building
    the pipeline (start-up, not in the total), layout repair, the tokenizer (segmentation and spaCy's Doc),
    each component."""
    import pipelines.layout

    started = time.process_time()
    extractor = Extractor(backend)
    spent: dict[str, float] = {"start-up (not in total)": time.process_time() - started}
    prepare, tokenizer = pipelines.layout.prepare, extractor.nlp.tokenizer

    def timed(name, function):
        def call(argument):
            started = time.process_time()
            try:
                return function(argument)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - started
        return call

    pipelines.layout.prepare = timed("layout.prepare", prepare)  # Extractor.extract imports it when called
    extractor.nlp.tokenizer = timed("tokenizer", tokenizer)
    components = extractor.nlp._components  # spaCy's (name, callable) list: wrap each callable with a timer
    for index, (name, component) in enumerate(components):
        def timed(doc, component=component, name=name):
            started = time.process_time()
            try:
                return component(doc)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - started
        components[index] = (name, timed)
    documents = list(read_documents(paths))
    started = time.process_time()
    for document in documents:
        extractor.extract(document)
    return time.process_time() - started, spent


def time_tagger_rules(spent: dict[str, float]) -> None:
    """Time each rule that ``LearnedTagger.tag`` calls on the tagger's names (the module's functions it names),
    adding their CPU seconds to ``spent`` under ``rule NAME``; before the pipeline is built, as tag() looks them up
    in the module when it runs. A rule that calls another is counted with it."""
    import inspect
    import re

    import pipelines.components.tagger as tagger

    for name in sorted(set(re.findall(r"\b(_[a-z_]+)\(", inspect.getsource(tagger.LearnedTagger.tag)))):
        function = getattr(tagger, name, None)
        if inspect.isfunction(function):
            setattr(tagger, name, _timed(function, f"rule {name}", spent))


def _timed(function, key: str, spent: dict[str, float]):
    """``function``, adding the CPU seconds of each call to ``spent[key]``."""
    def timed(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] = spent.get(key, 0.0) + time.process_time() - started
    return timed


def time_tagger_model(spent: dict[str, float]) -> None:
    """Time the tagger's own steps (the features of where tokens stand, the emission scores, Viterbi), adding
    their CPU seconds to ``spent`` under ``step NAME``."""
    from pipelines.components.tagger import Decoder, TaggerFeatures

    for owner, name in ((TaggerFeatures, "context"), (Decoder, "emissions"), (Decoder, "decode")):
        setattr(owner, name, _timed(getattr(owner, name), f"step {owner.__name__}.{name}", spent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--backend", default="jieba")
    parser.add_argument("--rules", type=int, default=0, metavar="N",
                        help="also the N tagger rules (kg_tagger's post-processing) that took the most CPU")
    parser.add_argument("--steps", action="store_true",
                        help="also the tagger's own steps: context features, emission scores, Viterbi")
    args = parser.parse_args()
    rules: dict[str, float] = {}
    steps: dict[str, float] = {}
    if args.rules:
        time_tagger_rules(rules)
    if args.steps:
        time_tagger_model(steps)
    total, spent = component_times(args.paths, args.backend)
    print(f"{'extraction (CPU)':<22} {total:8.3f} s  100.00 %")
    for name, seconds in spent.items():
        print(f"{name:<22} {seconds:8.3f} s  {100 * seconds / total:6.2f} %")
    for name, seconds in steps.items():
        print(f"  {name:<44} {seconds:6.3f} s")
    if args.rules:
        print(f"{'tagger rules, summed':<22} {sum(rules.values()):8.3f} s  {100 * sum(rules.values()) / total:6.2f} %")
    for name, seconds in sorted(rules.items(), key=lambda item: -item[1])[:args.rules]:
        print(f"  {name:<44} {seconds:6.3f} s")


if __name__ == "__main__":
    main()
