"""NetworkXStore: per-document replacement, deterministic saved form, atomic persistence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.errors import NotFound, StoreError
from kg.model import Document, Extraction, Link
from kg.stores import networkx_store
from kg.stores.base import GraphStore
from kg.stores.networkx_store import GRAPH_FILE, NetworkXStore
from tests.fixtures import D1_TEXT, eid, extraction_d1, extraction_d2, extractions, sentences_of, span_at

PARK = eid("PROJECT", "比亚迪智能制造产业园")
PINGSHAN = eid("PLACE", "坪山区")
PROGRAMME = eid("PROGRAMME", "20+8产业集群计划")
BYD = eid("ORG", "比亚迪股份有限公司")


def saved_bytes(store: NetworkXStore) -> bytes:
    store.save()
    return store.path.read_bytes()


def revised_d1() -> Extraction:
    """d1 rewritten: the programme, the target and the park's place are gone; a new project appears."""
    text = "关键词 产业强市。措施一：聚焦聚力先进制造业。加快比亚迪智能制造产业园建设，由比亚迪股份有限公司承建。推进光明科学城建设。"
    spans = [span_at(text, "g", "产业强市", "GOAL"), span_at(text, "m", "聚焦聚力先进制造业", "MEASURE"),
             span_at(text, "p", "比亚迪智能制造产业园", "PROJECT"), span_at(text, "o", "比亚迪股份有限公司", "ORG"),
             span_at(text, "n", "光明科学城", "PROJECT")]
    links = [Link("g", "m", "HAS_MEASURE"), Link("p", "g", "SERVES", measure="m"), Link("p", "o", "INVOLVES"),
             Link("n", "g", "SERVES", measure="m")]
    return Extraction(Document("d1", text, title="修订版"), spans, links, sentences_of(text))


def single(doc_id: str, text: str, surface: str, label: str = "PROJECT") -> Extraction:
    return Extraction(Document(doc_id, text), [span_at(text, "s", surface, label)], [], sentences_of(text))


@pytest.fixture
def store(tmp_path: Path) -> NetworkXStore:
    built = NetworkXStore.open(tmp_path / "graph")
    built.upsert_many(extractions())
    return built


def test_satisfies_the_protocol() -> None:
    assert isinstance(NetworkXStore(), GraphStore)


def test_upsert_builds_entities_relations_and_documents(store: NetworkXStore) -> None:
    stats = store.stats()
    assert (stats["documents"], stats["entities"], stats["relations"], stats["mentions"]) == (2, 12, 12, 15)
    park = store.get_entity(PARK)
    assert park["documents"] == ["d1", "d2"] and park["mention_count"] == 2
    first = park["mentions"][0]
    assert D1_TEXT[first["start"]:first["end"]] == "比亚迪智能制造产业园"
    assert D1_TEXT[first["sentence_start"]:first["sentence_end"]] == first["sentence"]
    assert [d["entity_count"] for d in store.documents()] == [8, 6]
    assert store.get_entity("nope") is None


def test_re_upsert_is_idempotent(store: NetworkXStore) -> None:
    before = saved_bytes(store)
    store.upsert(extraction_d1())
    store.upsert_many(extractions())
    assert saved_bytes(store) == before


def test_saved_form_does_not_depend_on_ingest_order(tmp_path: Path) -> None:
    forward, backward = NetworkXStore.open(tmp_path / "a"), NetworkXStore.open(tmp_path / "b")
    forward.upsert_many([extraction_d1(), extraction_d2()])
    backward.upsert_many([extraction_d2(), extraction_d1()])
    assert saved_bytes(forward) == saved_bytes(backward)


def test_name_does_not_depend_on_order(tmp_path: Path) -> None:
    quoted = single("a", "实施“3311”工程计划。", "“3311”工程计划")
    spaced = single("b", "推进3311 工程计划。", "3311 工程计划")
    one, two = NetworkXStore.open(tmp_path / "1"), NetworkXStore.open(tmp_path / "2")
    one.upsert_many([quoted, spaced])
    two.upsert_many([spaced, quoted])
    (_, [entity]) = one.find_entities()
    assert entity["name"] == "3311工程计划" and entity["mention_count"] == 2
    assert saved_bytes(one) == saved_bytes(two)


def test_replacing_a_document_drops_only_what_it_alone_supported(store: NetworkXStore) -> None:
    store.upsert(revised_d1())
    assert store.get_entity(PROGRAMME) is None  # only d1 named it
    assert store.get_entity(eid("TARGET", "规上工业增加值增长6%")) is None
    assert store.get_entity(eid("PROJECT", "光明科学城"))["documents"] == ["d1"]
    # 坪山区 survives through d2, but the park's LOCATED_IN (only in the old d1) is gone.
    assert store.get_entity(PINGSHAN)["documents"] == ["d2"]
    assert {(r["type"], r["head"]["name"]) for r in store.relations_of(PINGSHAN)} == {("LOCATED_IN", "坪山区人民医院")}
    park_relations = {(r["type"], r["tail"]["name"]) for r in store.relations_of(PARK)}
    assert park_relations == {("SERVES", "产业强市"), ("SERVES", "民生幸福"), ("INVOLVES", "比亚迪股份有限公司")}
    serves = next(r for r in store.relations_of(PARK) if r["tail"]["name"] == "产业强市")
    assert [e["sentence"] for e in serves["evidence"]] == ["加快比亚迪智能制造产业园建设，由比亚迪股份有限公司承建。"]
    assert store.get_entity(eid("INDUSTRY", "新能源汽车")) is None
    assert store.documents()[0]["title"] == "修订版"


def test_replacing_back_restores_the_original(store: NetworkXStore) -> None:
    original = saved_bytes(store)
    store.upsert(revised_d1())
    store.upsert(extraction_d1())
    assert saved_bytes(store) == original


def test_remove_document(store: NetworkXStore) -> None:
    assert store.remove_document("d1") is True
    assert store.remove_document("d1") is False
    assert store.get_entity(BYD) is None
    assert store.get_entity(PARK)["documents"] == ["d2"]
    assert [d["doc_id"] for d in store.documents()] == ["d2"]
    store.remove_document("d2")
    assert store.stats()["entities"] == store.stats()["relations"] == 0


def test_clear(store: NetworkXStore) -> None:
    store.clear()
    assert store.documents() == [] and store.stats()["entities"] == 0


def test_upsert_many_rolls_back_on_failure(store: NetworkXStore) -> None:
    before = saved_bytes(store)
    with pytest.raises(AttributeError):
        store.upsert_many([revised_d1(), None])  # type: ignore[list-item]
    assert saved_bytes(store) == before


def test_find_entities_filters_and_pages(store: NetworkXStore) -> None:
    total, page = store.find_entities(limit=3, offset=1)
    _, everything = store.find_entities(limit=100)
    assert total == 12 and page == everything[1:4]
    assert store.find_entities(label="ORG")[0] == 2
    assert [e["name"] for e in store.find_entities(query="“坪山 区”")[1]] == ["坪山区", "坪山区人民医院"]


def test_find_entities_ignores_latin_case(tmp_path: Path) -> None:
    latin = NetworkXStore()
    latin.upsert(single("r", "建设RAM芯片产业园。", "RAM芯片产业园"))
    for query in ("ram芯片", "RAM", "ＲＡＭ"):
        assert latin.find_entities(query=query)[0] == 1, query


def test_unknown_ids_raise_not_found(store: NetworkXStore) -> None:
    for call in (lambda: store.relations_of("nope"), lambda: store.neighbourhood("nope"),
                 lambda: store.goal_members("nope"), lambda: store.goal_members(PARK),
                 lambda: store.shortest_path("nope", PARK), lambda: store.shortest_path(PARK, "nope")):
        with pytest.raises(NotFound):
            call()


def test_neighbourhood_depth_bounds(store: NetworkXStore) -> None:
    for depth in (0, 4):
        with pytest.raises(ValueError):
            store.neighbourhood(PARK, depth)
    assert len(store.neighbourhood(PARK, 1)["nodes"]) == 6


def test_shortest_path(store: NetworkXStore) -> None:
    path = store.shortest_path(BYD, PINGSHAN)
    assert [n["name"] for n in path["nodes"]] == ["比亚迪股份有限公司", "比亚迪智能制造产业园", "坪山区"]
    assert [(e["type"], e["head"], e["tail"]) for e in path["edges"]] == [
        ("INVOLVES", PARK, BYD), ("LOCATED_IN", PARK, PINGSHAN)]
    assert store.shortest_path(BYD, eid("ORG", "深圳市卫生健康委员会")) is None


def test_open_missing_file_is_empty(tmp_path: Path) -> None:
    assert NetworkXStore.open(tmp_path / "absent").stats()["entities"] == 0


def test_save_and_reopen_round_trip(store: NetworkXStore) -> None:
    saved = saved_bytes(store)
    reopened = NetworkXStore.open(store.directory)
    assert saved_bytes(reopened) == saved
    assert reopened.documents() == store.documents() and reopened.goals() == store.goals()
    reopened.upsert(revised_d1())  # the per-document index is rebuilt on load
    assert reopened.get_entity(PROGRAMME) is None


def test_in_memory_store_cannot_save() -> None:
    with pytest.raises(StoreError, match="in memory"):
        NetworkXStore().save()


@pytest.mark.parametrize("content", ["{not json", "[]", json.dumps({"format": "other", "version": 1}),
                                     json.dumps({"format": "kg-networkx-graph", "version": 1, "graph": {}}),
                                     "\udcff"])
def test_corrupt_file_raises_store_error(tmp_path: Path, content: str) -> None:
    (tmp_path / GRAPH_FILE).write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(StoreError, match="graph file"):
        NetworkXStore.open(tmp_path)


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_failed_save_leaves_previous_file_intact(store: NetworkXStore, monkeypatch: pytest.MonkeyPatch,
                                                 failing: str) -> None:
    previous = saved_bytes(store)
    store.upsert(revised_d1())

    def crash(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(networkx_store.os, failing, crash)
    with pytest.raises(StoreError, match="disk full"):
        store.save()
    monkeypatch.undo()
    assert store.path.read_bytes() == previous
    assert [p.name for p in store.directory.iterdir()] == [GRAPH_FILE]  # no temp file left behind


def test_writes_do_not_save_without_autosave(tmp_path: Path) -> None:
    manual = NetworkXStore.open(tmp_path)
    manual.upsert_many(extractions())
    manual.close()
    assert not (tmp_path / GRAPH_FILE).exists()


def test_autosave_saves_once_per_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    auto = NetworkXStore.open(tmp_path, autosave=True)
    saves = []
    real_save = auto.save
    monkeypatch.setattr(auto, "save", lambda: (saves.append(1), real_save()))
    auto.upsert_many(extractions())
    assert len(saves) == 1 and NetworkXStore.open(tmp_path).stats()["documents"] == 2
    auto.upsert(revised_d1())
    auto.remove_document("d2")
    auto.remove_document("absent")  # nothing changed, nothing written
    assert len(saves) == 3
    assert [d["doc_id"] for d in NetworkXStore.open(tmp_path).documents()] == ["d1"]


def test_a_save_removes_temp_files_of_interrupted_writes(store: NetworkXStore) -> None:
    store.save()
    directory = store.directory
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()  # a pid that no longer runs
    stale = [directory / f".{GRAPH_FILE}.{dead}.abc123.tmp", directory / f".{GRAPH_FILE}.k2j4x9z.tmp"]
    live = directory / f".{GRAPH_FILE}.{os.getpid()}.def456.tmp"  # a writer still at work
    for temp in (*stale, live):
        temp.write_text("{half a graph")
    store.upsert(revised_d1())
    store.save()
    assert sorted(p.name for p in directory.iterdir()) == sorted([GRAPH_FILE, live.name])
    assert NetworkXStore.open(directory).get_entity(PROGRAMME) is None


def test_search_cost_does_not_grow_with_the_query(tmp_path: Path) -> None:
    big = NetworkXStore()
    text = "".join(f"建设第{i}号产业园。" for i in range(3000))
    big.upsert(Extraction(Document("big", text), [span_at(text, f"s{i}", f"第{i}号产业园", "PROJECT", after=f"第{i}号")
                                                 for i in range(3000)], [], sentences_of(text)))
    assert big.find_entities(query="第17号")[0] == 1
    started = time.perf_counter()
    assert big.find_entities(query="产业园" * 30_000)[0] == 0  # 90,000 characters against 3,000 names
    assert time.perf_counter() - started < 0.5


def test_renamed_and_removed_entities_are_found_by_their_current_name(store: NetworkXStore) -> None:
    assert store.find_entities(query="人民医院")[0] == 1
    store.remove_document("d2")
    assert store.find_entities(query="人民医院")[0] == 0
    store.upsert(extraction_d2())
    assert store.find_entities(query="人民医院")[0] == 1
