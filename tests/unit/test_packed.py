"""The embedded store's compact provenance (kg.stores.packed) and its texts on disk (kg.stores.texts)."""

from __future__ import annotations

import os

import pytest

from kg.stores.networkx_store import NetworkXStore
from kg.stores.packed import DocumentFacts, FactsBuilder
from kg.stores.texts import DocumentTexts
from tests.contract.test_store import single

TEXTS = {"a": "  建设产业园。\n第二句𠀀（扩展B）😀。", "b": "", "c": "x\ud800y"}  # astral characters, a lone surrogate


def test_a_slice_read_from_disk_is_the_slice_of_the_text() -> None:
    texts = DocumentTexts()
    for doc_id, text in TEXTS.items():
        texts.add(doc_id, text)
    for doc_id, text in TEXTS.items():
        assert texts.text(doc_id) == text
        for start in range(-1, len(text) + 2):
            for end in range(-1, len(text) + 2):
                if start >= 0 and end >= 0:
                    assert texts.read(doc_id, start, end) == text[start:end], (doc_id, start, end)


def test_texts_are_not_in_memory_and_a_rollback_finds_the_old_one() -> None:
    texts = DocumentTexts()
    texts.add("a", "旧的文本。" * 1000)
    where = texts.location("a")
    texts.add("a", "新的。")  # a document replaced in a batch
    assert texts.text("a") == "新的。"
    texts.put("a", where)  # the batch failed: the old text is still in the file
    assert texts.text("a") == "旧的文本。" * 1000 and len(texts) == 1
    texts.pop("a")
    assert "a" not in texts and len(texts) == 0


def test_compacting_drops_the_texts_of_replaced_documents_only() -> None:
    texts = DocumentTexts()
    texts.add("kept", "保留。" * 1000)
    for _ in range(5):
        texts.add("replaced", "替换" * 300_000)
    size = os.fstat(texts._file.fileno()).st_size
    texts.compact()
    assert os.fstat(texts._file.fileno()).st_size < size / 4
    assert texts.text("kept") == "保留。" * 1000 and texts.text("replaced") == "替换" * 300_000


def test_rows_come_out_sorted_by_id_whatever_order_they_went_in() -> None:
    rows = [("e3", [7, 8, 0, 9], None, None), ("e1", [1, 2, 0, 9, 3, 4, 0, 9], {"level": "city"}, None),
            ("e2", [], None, None)]
    forward, backward = DocumentFacts.build(rows, []), DocumentFacts.build(rows[::-1], [])
    for facts in (forward, backward):
        assert facts.entities == ("e1", "e2", "e3") and facts.mention_total == 3
        assert list(facts.mentions_of("e1")) == [1, 2, 0, 9, 3, 4, 0, 9] and facts.mention_count("e2") == 0
        assert list(facts.mentions_of("e9")) == [] and facts.attrs_of("e1") == {"level": "city"}
    with pytest.raises(ValueError, match="twice"):
        DocumentFacts.build(rows + rows[:1], [])


def test_offsets_past_two_to_the_31_widen_the_arrays() -> None:
    builder = FactsBuilder()
    builder.add_relation("r1", [1, 2, 3, 4, 5, 6], ["措施", None])
    builder.add_relation("r0", [2**31, 2**31 + 5, 0, 1, 2, 3], None)
    facts = builder.build()
    assert facts.relations == ("r0", "r1") and list(facts.evidence_of("r0"))[:2] == [2**31, 2**31 + 5]
    assert list(facts.evidence_of("r1")) == [1, 2, 3, 4, 5, 6] and facts.measures_of("r1") == ("措施", None)


def test_a_document_replaced_again_and_again_keeps_the_texts_file_small(tmp_path) -> None:
    store = NetworkXStore.open(tmp_path)
    for round_ in range(12):  # 2.4M characters written in all
        store.upsert(single("d", "推进衡阳综合物流园建设。" + "。" * 200_000 + str(round_), "衡阳综合物流园"))
        store.save()
    # compacted at a save once the texts no longer held pass the larger of 2**20 characters and those held
    assert os.fstat(store._texts._file.fileno()).st_size <= 4 * ((1 << 20) + 2 * 200_012)
    (_, [park]) = store.find_entities()
    assert [m.sentence for m in store.get_entity(park.id).mentions] == ["推进衡阳综合物流园建设。"]
    assert NetworkXStore.open(tmp_path)._texts.text("d").endswith("11")
