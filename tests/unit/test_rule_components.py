"""One spaCy component per rule family, each reading the word lists its config names (issue 7, item 4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from spacy.language import Language

from kg.errors import KgError
from kg.model import Document
from pipelines.components.candidates import Candidate
from pipelines.components.factories import RULE_FAMILIES, RuleFamily
from pipelines.extract import Extractor, build_nlp
from pipelines.lexicon import FILES, Lexicon, data_text

SECTION = ("（一）坚持产业强市。加快建设衡阳智算舱，推进比亚迪智能制造产业园建设，实施“3311”工程计划，"
           "新增规模以上工业企业150家，发展新能源汽车、电子信息等产业。")
SUFFIX_SETTING = "components.kg_projects.project_suffixes"


def names(extractor: Extractor, text: str = SECTION) -> set[tuple[str, str]]:
    return {(span.label, span.text) for span in extractor.extract(Document(doc_id="d", text=text)).spans}


@pytest.fixture(scope="module")
def rules_nlp():
    return build_nlp(variant="rules")


def test_each_rule_family_is_a_component_whose_settings_name_its_word_lists(rules_nlp) -> None:
    families = [f"kg_{family}" for family in RULE_FAMILIES]
    pipe_names = rules_nlp.pipe_names
    assert pipe_names[pipe_names.index("kg_headings") + 1:pipe_names.index("kg_resolver")] == families
    settings = rules_nlp.config["components"]["kg_projects"]
    assert settings["factory"] == "kg_projects_rules_v1"
    assert settings["project_suffixes"] == ["project_suffixes.txt"]
    for family in families:
        for field, files in rules_nlp.config["components"][family].items():
            if field != "factory":
                assert tuple(files) == FILES[field]
                assert all(data_text(name).strip() for name in files)  # every file named is shipped
        assert rules_nlp.get_pipe(family).lexicon is Lexicon.default()  # the shipped lists: one lexicon


def test_a_family_reads_a_word_list_of_ones_own_and_the_others_do_not(tmp_path: Path) -> None:
    mine = tmp_path / "suffixes.txt"
    mine.write_text("# facilities of a kind the shipped list lacks\n智算舱\n", encoding="utf-8")
    assert ("PROJECT", "衡阳智算舱") not in names(Extractor(variant="rules"))
    extractor = Extractor(variant="rules", overrides={SUFFIX_SETTING: ["project_suffixes.txt", str(mine)]})
    found = names(extractor)
    assert {("PROJECT", "衡阳智算舱"), ("PROJECT", "比亚迪智能制造产业园"), ("PROGRAMME", "“3311”工程计划")} <= found
    projects = extractor.nlp.get_pipe("kg_projects").lexicon
    assert "智算舱" in projects.project_suffixes and "产业园" in projects.project_suffixes
    assert extractor.nlp.get_pipe("kg_programmes").lexicon is Lexicon.default()


def test_a_new_rule_is_one_component_added_before_the_resolver(rules_nlp) -> None:
    name = "test_compute_rules_v1"

    def find(text, boundaries, lexicon):  # a rule family of one's own: the names of compute facilities
        return [Candidate(m.start(), m.end(), "PROJECT", "compute") for m in re.finditer(r"衡阳智算舱", text)]

    if name not in Language.factories:
        Language.factory(name, func=lambda nlp, name: RuleFamily(find, Lexicon.default()))
    nlp = build_nlp(variant="rules")
    nlp.add_pipe(name, before="kg_resolver")
    doc = nlp(SECTION)
    assert ("PROJECT", "衡阳智算舱") in {(m.label, SECTION[m.start:m.end]) for m in doc._.kg_mentions}
    assert ("PROJECT", "衡阳智算舱") not in {(m.label, SECTION[m.start:m.end]) for m in rules_nlp(SECTION)._.kg_mentions}


def test_the_combined_component_proposes_what_the_families_do(rules_nlp) -> None:
    """kg_recognisers_v1, which configs used before the families had their own components, still works."""
    text = Path(__file__).resolve().parents[2].joinpath("corpus", "hengyang-2021-goals.txt").read_text(encoding="utf-8")
    combined = build_nlp(variant="rules")
    for family in ("kg_headings", *(f"kg_{family}" for family in RULE_FAMILIES)):
        combined.remove_pipe(family)
    combined.add_pipe("kg_recognisers_v1", name="kg_recognisers", after="kg_structure")
    expected = rules_nlp(text)._.kg_candidates
    assert len(expected) > 100
    assert combined(text)._.kg_candidates == expected


def test_settings_that_do_not_exist_are_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no lexicon field projet_suffixes"):
        Lexicon.from_files(projet_suffixes="project_suffixes.txt")
    with pytest.raises(KgError, match="unexpected argument: 'suffixes'"):
        Extractor(overrides={"components.kg_projects.suffixes": ["project_suffixes.txt"]})
    with pytest.raises(KgError, match="no setting to override"):
        Extractor(overrides={"components.kg_nothing.project_suffixes": ["project_suffixes.txt"]})
    with pytest.raises(FileNotFoundError, match="missing.txt"):
        Extractor(overrides={SUFFIX_SETTING: [str(tmp_path / "missing.txt")]})
