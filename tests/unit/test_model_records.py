"""Mention and Evidence as plain dicts: the stores write these, so they must hold every field."""

from __future__ import annotations

from dataclasses import asdict

from kg.model import Evidence, Mention


def test_mention_and_evidence_dicts_are_their_dataclass_fields() -> None:
    mention = Mention("d1", 3, 7, "光明科学城", "建设光明科学城。", 0, 8)
    evidence = Evidence("d1", "建设光明科学城。", 0, 8, 2, 7, 0, 2, measure="创新")
    assert mention.to_dict() == asdict(mention)
    assert evidence.to_dict() == asdict(evidence)
    assert list(mention.to_dict()) == list(asdict(mention))  # same order: rows and graph.json stay as they were
    assert Evidence("d1", "s", 0, 1, 0, 1, 0, 1).to_dict()["measure"] is None
