"""The store contract: write and read semantics every :class:`~kg.stores.base.GraphStore` keeps.

Each test runs once per store kind (``empty_store`` in conftest.py: NetworkX, and the test Neo4j), on the
documents of tests/fixtures.py: per-document replacement, idempotent re-ingest, answers that do not
depend on ingest order, pruning, paging and search, traversal, and errors for unknown ids. What only
one store has (NetworkX's file, Neo4j's batching and transactions) is tested beside that store.
"""

from __future__ import annotations

import pytest

from kg.errors import NotFound
from kg.model import ENTITY_LABELS, RELATION_TYPES, Document, Extraction
from kg.stores.base import GraphStore
from kg.stores.records import select_documents
from kg.stores.research import compare, place_profile
from tests.fixtures import (
    D1_TEXT,
    eid,
    extraction_d1,
    extraction_d2,
    extractions,
    research_extractions,
    revised_d1,
    sentences_of,
    span_at,
)

PARK = eid("PROJECT", "比亚迪智能制造产业园")
HOSPITAL = eid("PROJECT", "坪山区人民医院")
PINGSHAN = eid("PLACE", "坪山区")
PROGRAMME = eid("PROGRAMME", "20+8产业集群计划")
BYD = eid("ORG", "比亚迪股份有限公司")
GOAL_INDUSTRY = eid("GOAL", "产业强市")
GOAL_LIVELIHOOD = eid("GOAL", "民生幸福")
TARGET = eid("TARGET", "规上工业增加值增长6%")


def single(doc_id: str, text: str, surface: str, label: str = "PROJECT", attrs: dict | None = None) -> Extraction:
    return Extraction(Document(doc_id, text), [span_at(text, "s", surface, label, attrs=attrs)], [],
                      sentences_of(text))


def snapshot(store: GraphStore) -> dict:
    """Everything the store answers, through its reading methods only."""
    _, entities = store.find_entities(limit=1_000_000)
    goals = store.goals()
    return {"documents": store.documents(), "stats": store.stats(), "goals": goals,
            "entities": {e.id: store.get_entity(e.id) for e in entities},
            "relations": {e.id: store.relations_of(e.id) for e in entities},
            "members": {g.id: store.goal_members(g.id) for g in goals},
            "neighbourhoods": {e.id: store.neighbourhood(e.id, 2) for e in entities}}


@pytest.fixture
def store(empty_store: GraphStore) -> GraphStore:
    empty_store.upsert_many(extractions())
    return empty_store


def test_satisfies_the_protocol(empty_store: GraphStore) -> None:
    assert isinstance(empty_store, GraphStore)


def test_an_empty_store_answers_with_empty_records(empty_store: GraphStore) -> None:
    assert empty_store.documents() == [] and empty_store.goals() == []
    assert empty_store.find_entities() == (0, [])
    assert empty_store.stats().model_dump() == {"documents": 0, "entities": 0, "relations": 0, "mentions": 0, "evidence": 0,
                                   "entities_by_label": dict.fromkeys(ENTITY_LABELS, 0),
                                   "relations_by_type": dict.fromkeys(RELATION_TYPES, 0)}
    assert empty_store.get_entity(PARK) is None
    assert empty_store.remove_document("d1") is False


def test_upsert_builds_entities_relations_and_documents(store: GraphStore) -> None:
    stats = store.stats()
    assert (stats.documents, stats.entities, stats.relations, stats.mentions, stats.evidence) == (
        2, 12, 12, 15, 12)
    park = store.get_entity(PARK)
    assert park.documents == ["d1", "d2"] and park.mention_count == 2
    first = park.mentions[0]
    assert D1_TEXT[first.start:first.end] == "比亚迪智能制造产业园"
    assert D1_TEXT[first.sentence_start:first.sentence_end] == first.sentence
    assert [(d.doc_id, d.entity_count, d.relation_count) for d in store.documents()] == [
        ("d1", 8, 8), ("d2", 6, 4)]
    assert store.get_entity("nope") is None


def test_re_upsert_is_idempotent(store: GraphStore) -> None:
    before = snapshot(store)
    store.upsert(extraction_d1())
    store.upsert_many(extractions())
    assert snapshot(store) == before


def test_answers_do_not_depend_on_ingest_order(empty_store: GraphStore) -> None:
    empty_store.upsert_many([extraction_d1(), extraction_d2()])
    forward = snapshot(empty_store)
    empty_store.clear()
    empty_store.upsert(extraction_d2())
    empty_store.upsert(extraction_d1())
    assert snapshot(empty_store) == forward


def test_one_entity_named_several_ways_is_one_entity_whatever_the_order(empty_store: GraphStore) -> None:
    quoted = single("a", "实施“3311”工程计划。", "“3311”工程计划")
    spaced = single("b", "推进3311 工程计划。", "3311 工程计划")
    empty_store.upsert_many([quoted, spaced])
    (_, [entity]) = empty_store.find_entities()
    assert entity.name == "3311工程计划" and entity.mention_count == 2
    forward = snapshot(empty_store)
    empty_store.clear()
    empty_store.upsert_many([spaced, quoted])
    assert snapshot(empty_store) == forward


def test_attributes_merge_in_doc_id_order_whatever_the_ingest_order(empty_store: GraphStore) -> None:
    early = single("a", "力争增长6%。", "增长6%", "TARGET", attrs={"value": 6, "unit": "%", "hedge": "力争"})
    late = single("b", "实现增长6%。", "增长6%", "TARGET", attrs={"value": 6.0, "unit": "%"})
    for order in ([early, late], [late, early]):
        empty_store.clear()
        empty_store.upsert_many(order)
        (_, [target]) = empty_store.find_entities()
        assert target.attrs == {"value": 6.0, "unit": "%", "hedge": "力争"}, order


def test_a_projects_mentions_keep_their_own_attrs_per_document(empty_store: GraphStore) -> None:
    """A PROJECT's stage and amounts belong to the mention (one per document), not to the entity."""
    planned = single("a", "谋划衡阳综合物流园，总投资12.5亿元。", "衡阳综合物流园", attrs={
        "stage": "谋划", "stage_cue": "谋划",
        "investment": {"amount": 12.5, "unit": "亿元", "value_yuan": 1.25e9, "text": "总投资12.5亿元"}})
    built = single("b", "力争衡阳综合物流园建成投用。", "衡阳综合物流园",
                   attrs={"stage": "建成", "stage_cue": "建成投用", "hedge": "力争"})
    bare = single("c", "衡阳综合物流园。", "衡阳综合物流园")
    for order in ([planned, built, bare], [bare, built, planned]):
        empty_store.clear()
        empty_store.upsert_many(order)
        (_, [park]) = empty_store.find_entities()
        assert park.attrs == {}, order  # nothing folded into the entity
        mentions = empty_store.get_entity(park.id).mentions
        assert [(m.doc_id, m.attrs) for m in mentions] == [
            ("a", planned.spans[0].attrs), ("b", built.spans[0].attrs), ("c", {})], order
        assert isinstance(mentions[0].attrs["investment"]["amount"], float)
    empty_store.upsert(single("b", "衡阳综合物流园投产。", "衡阳综合物流园", attrs={"stage": "投产", "stage_cue": "投产"}))
    assert [m.attrs.get("stage") for m in empty_store.get_entity(park.id).mentions] == ["谋划", "投产", None]


def test_replacing_a_document_drops_only_what_it_alone_supported(store: GraphStore) -> None:
    store.upsert(revised_d1())
    assert store.get_entity(PROGRAMME) is None  # only d1 named it
    assert store.get_entity(TARGET) is None
    assert store.get_entity(eid("PROJECT", "光明科学城")).documents == ["d1"]
    # 坪山区 survives through d2, but the park's LOCATED_IN (only in the old d1) is gone.
    assert store.get_entity(PINGSHAN).documents == ["d2"]
    assert {(r.type, r.head.name) for r in store.relations_of(PINGSHAN)} == {("LOCATED_IN", "坪山区人民医院")}
    park_relations = {(r.type, r.tail.name) for r in store.relations_of(PARK)}
    assert park_relations == {("SERVES", "产业强市"), ("SERVES", "民生幸福"), ("INVOLVES", "比亚迪股份有限公司")}
    serves = next(r for r in store.relations_of(PARK) if r.tail.name == "产业强市")
    assert [e.sentence for e in serves.evidence] == ["加快比亚迪智能制造产业园建设，由比亚迪股份有限公司承建。"]
    assert store.get_entity(eid("INDUSTRY", "新能源汽车")) is None
    assert store.documents()[0].title == "修订版"
    assert [g.serving_count for g in store.goals()] == [2, 2]


def test_replacing_back_restores_the_original(store: GraphStore) -> None:
    original = snapshot(store)
    store.upsert(revised_d1())
    assert snapshot(store) != original
    store.upsert(extraction_d1())
    assert snapshot(store) == original


def test_reingesting_one_document_leaves_the_others_alone(store: GraphStore) -> None:
    first, second = extractions()
    before = snapshot(store)
    other = store.documents()[1]
    store.upsert(second)  # the same document again: nothing changes
    assert snapshot(store) == before
    assert store.remove_document(first.document.doc_id)
    assert store.documents() == [other] and store.stats().documents == 1
    store.upsert(first)
    assert snapshot(store) == before


def test_remove_document(store: GraphStore) -> None:
    assert store.remove_document("d1") is True
    assert store.remove_document("d1") is False
    assert store.get_entity(BYD) is None
    assert store.get_entity(PARK).documents == ["d2"]
    assert [d.doc_id for d in store.documents()] == ["d2"]
    store.remove_document("d2")
    assert store.stats().entities == store.stats().relations == store.stats().mentions == 0


def test_clear(store: GraphStore) -> None:
    store.clear()
    assert store.documents() == [] and store.stats().entities == 0 and store.find_entities() == (0, [])


def test_upsert_many_rolls_back_on_failure(store: GraphStore) -> None:
    before = snapshot(store)
    with pytest.raises(AttributeError):
        store.upsert_many([revised_d1(), None])  # type: ignore[list-item]
    assert snapshot(store) == before


def test_find_entities_filters_and_pages(store: GraphStore) -> None:
    total, page = store.find_entities(limit=3, offset=1)
    _, everything = store.find_entities(limit=100)
    assert total == 12 and page == everything[1:4]
    keys = [(e.label, e.name, e.id) for e in everything]
    assert keys == sorted(keys)
    assert store.find_entities(label="ORG")[0] == 2
    assert [e.name for e in store.find_entities(query="“坪山 区”")[1]] == ["坪山区", "坪山区人民医院"]
    hospital = next(e for e in everything if e.id == HOSPITAL)
    assert store.find_entities(query="坪山", limit=1, offset=1) == (2, [hospital])
    with pytest.raises(ValueError):
        store.find_entities(limit=-1)


def test_find_entities_ignores_latin_case_and_width(empty_store: GraphStore) -> None:
    empty_store.upsert(single("r", "建设RAM芯片产业园。", "RAM芯片产业园"))
    for query in ("ram芯片", "RAM", "ＲＡＭ"):
        assert empty_store.find_entities(query=query)[0] == 1, query


def test_renamed_and_removed_entities_are_found_by_their_current_name(store: GraphStore) -> None:
    assert store.find_entities(query="人民医院")[0] == 1
    store.remove_document("d2")
    assert store.find_entities(query="人民医院")[0] == 0
    store.upsert(extraction_d2())
    assert store.find_entities(query="人民医院")[0] == 1


def test_goals_and_what_serves_them(store: GraphStore) -> None:
    goals = store.goals()
    assert [(g.name, [m.name for m in g.measures], g.serving_count) for g in goals] == [
        ("产业强市", ["聚焦聚力先进制造业"], 3), ("民生幸福", ["提升公共服务水平"], 2)]
    members = store.goal_members(GOAL_INDUSTRY)
    assert [(m.entity.label, m.entity.name) for m in members] == [
        ("PROGRAMME", "20+8产业集群计划"), ("PROJECT", "比亚迪智能制造产业园"), ("TARGET", "规上工业增加值增长6%")]
    assert all(m.measures == ["聚焦聚力先进制造业"] for m in members)
    livelihood = {m.entity.id: m for m in store.goal_members(GOAL_LIVELIHOOD)}
    assert livelihood[PARK].measures == [] and livelihood[PARK].evidence[0].measure is None


def test_relations_carry_their_evidence(store: GraphStore) -> None:
    relations = store.relations_of(PARK)
    assert [r.type for r in relations] == sorted(r.type for r in relations)
    assert all(r.head.id == PARK for r in relations)
    serves = [r for r in relations if r.type == "SERVES"]
    assert [r.tail.name for r in serves] == ["产业强市", "民生幸福"]
    evidence = serves[0].evidence[0]
    assert D1_TEXT[evidence.head_start:evidence.head_end] == "比亚迪智能制造产业园"
    assert D1_TEXT[evidence.tail_start:evidence.tail_end] == "产业强市"
    assert evidence.measure == "聚焦聚力先进制造业" and evidence.doc_id == "d1"
    # the goal is named in its heading: the evidence says its offsets point outside the sentence
    assert evidence.head_in_sentence and not evidence.tail_in_sentence


def test_unknown_ids_raise_not_found(store: GraphStore) -> None:
    for call in (lambda: store.relations_of("nope"), lambda: store.neighbourhood("nope"),
                 lambda: store.goal_members("nope"), lambda: store.goal_members(PARK),
                 lambda: store.shortest_path("nope", PARK), lambda: store.shortest_path(PARK, "nope")):
        with pytest.raises(NotFound):
            call()


def test_neighbourhood(store: GraphStore) -> None:
    for depth in (0, 4):
        with pytest.raises(ValueError):
            store.neighbourhood(PARK, depth)
    one = store.neighbourhood(PARK, 1)
    assert one.center == PARK and len(one.nodes) == 6
    assert {(e.type, e.evidence_count) for e in one.edges} == {
        ("SERVES", 1), ("LOCATED_IN", 1), ("INVOLVES", 1), ("IN_INDUSTRY", 1)}
    assert len(one.edges) == 5
    hospital = store.neighbourhood(HOSPITAL, 3)
    assert BYD in {n.id for n in hospital.nodes}


def test_shortest_path(store: GraphStore) -> None:
    path = store.shortest_path(BYD, PINGSHAN)
    assert [n.name for n in path.nodes] == ["比亚迪股份有限公司", "比亚迪智能制造产业园", "坪山区"]
    assert [(e.type, e.head, e.tail) for e in path.edges] == [
        ("INVOLVES", PARK, BYD), ("LOCATED_IN", PARK, PINGSHAN)]
    itself = store.shortest_path(PARK, PARK)
    assert itself.nodes == [path.nodes[1]] and itself.edges == []
    assert store.shortest_path(BYD, eid("ORG", "深圳市卫生健康委员会")) is None


def test_neighbourhood_keeps_the_nearest_up_to_a_limit(store: GraphStore) -> None:
    whole = store.neighbourhood(PARK, 2)
    assert (whole.limit, whole.truncated, len(whole.nodes)) == (500, False, 11)
    assert store.neighbourhood(PARK, 2, limit=11) == whole.model_copy(update={"limit": 11})
    cut = store.neighbourhood(PARK, 2, limit=6)  # the park and its 5 neighbours, none of the 5 two hops away
    assert cut.truncated and {n.id for n in cut.nodes} == {n.id for n in store.neighbourhood(PARK, 1).nodes}
    with pytest.raises(ValueError):
        store.neighbourhood(PARK, 1, limit=0)


def test_goals_by_page(store: GraphStore) -> None:
    every = store.goals()
    assert store.goals(limit=1) == every[:1] and store.goals(limit=5, offset=1) == every[1:]
    assert store.goals(offset=2) == [] and store.goals(limit=0) == []
# -- documents of several places and years (tests.fixtures.research_extractions) --------------------------

@pytest.fixture
def research(empty_store: GraphStore) -> GraphStore:
    empty_store.upsert_many(research_extractions())
    return empty_store


def named(store: GraphStore, label: str, name: str, **filters) -> list:
    return [e for e in store.find_entities(label=label, limit=100, **filters)[1] if e.name == name]


def test_documents_know_their_place_level_and_year(research: GraphStore) -> None:
    documents = {d.doc_id: d for d in research.documents()}
    yichang = documents["city-宜昌-2024"]
    assert (yichang.place, yichang.places, yichang.level, yichang.year, yichang.kind) == (
        "宜昌市", ["宜昌市", "湖北省"], "city", 2024, "report")
    assert yichang.place_ids[0] == yichang.place_id
    assert (documents["cn-gwr-2000"].place, documents["cn-gwr-2000"].level) == ("中国", "national")


def test_local_projects_and_goals_are_one_per_place_national_things_one(research: GraphStore) -> None:
    centres = named(research, "PROJECT", "会展中心")
    assert sorted(e.documents for e in centres) == [["city-宜昌-2024"], ["city-衡阳-2024"]]
    assert len(named(research, "GOAL", "产业强市")) == 2
    [airport] = named(research, "PROJECT", "宜昌三峡机场")  # its name carries its place: not scoped
    assert airport.id == eid("PROJECT", "宜昌三峡机场")
    [programme] = named(research, "PROGRAMME", "西部大开发")  # 西部大开发战略 too
    assert programme.id == eid("PROGRAMME", "西部大开发")
    assert programme.documents == ["city-宜昌-2024", "cn-gwr-2000", "cn-gwr-2001"]
    [place] = named(research, "PLACE", "宜昌市")  # 宜昌, read through the gazetteer
    assert place.id == {d.doc_id: d for d in research.documents()}["city-宜昌-2024"].place_id


def test_rebuilding_gives_the_same_ids(research: GraphStore) -> None:
    before = snapshot(research)
    research.upsert_many(research_extractions())
    assert snapshot(research) == before


def test_reads_filtered_by_documents(research: GraphStore) -> None:
    docs = research.documents()
    yichang = select_documents(docs, place="宜昌")
    assert yichang == {"city-宜昌-2024"} == select_documents(docs, place="湖北省")
    assert select_documents(docs, level="national") == {"cn-gwr-2000", "cn-gwr-2001"}
    assert select_documents(docs, year=2024, place="衡阳市") == {"city-衡阳-2024"}
    [goal] = research.goals(doc_ids=yichang)
    assert goal.documents == ["city-宜昌-2024"] and goal.serving_count == 1
    assert research.goals(doc_ids=set()) == [] and len(research.goals()) == 2
    cities = {"city-宜昌-2024", "city-衡阳-2024"}  # pages of the goals of some documents
    both = research.goals(doc_ids=cities)
    assert len(both) == 2 and research.goals(limit=1, offset=1, doc_ids=cities) == both[1:]
    assert research.goals(offset=1, doc_ids=yichang) == []
    assert [m.entity.name for m in research.goal_members(goal.id, yichang)] == ["会展中心"]
    assert research.goal_members(goal.id, {"city-衡阳-2024"}) == []
    total, industries = research.find_entities(label="INDUSTRY", doc_ids={"city-宜昌-2024"})
    assert total == 1 and industries[0].name == "新能源汽车"


def test_goal_member_table(research: GraphStore) -> None:
    rows = research.goal_member_table()
    assert [(r.goal, r.member, r.label, r.doc_ids, r.evidence_count) for r in rows] == [
        ("产业强市", "会展中心", "PROJECT", [doc], 1) for doc in sorted(
            ["city-宜昌-2024", "city-衡阳-2024"], key=lambda d: next(r.goal_id for r in rows if d in r.doc_ids))]
    assert [r.doc_ids for r in research.goal_member_table({"city-衡阳-2024"})] == [["city-衡阳-2024"]]


def test_timeline_by_year_with_evidence_and_attributes(research: GraphStore) -> None:
    timeline = research.timeline(eid("PROGRAMME", "西部大开发"))
    assert [(e.year, e.doc_id, e.level) for e in timeline.entries] == [
        (2000, "cn-gwr-2000", "national"), (2001, "cn-gwr-2001", "national"), (2024, "city-宜昌-2024", "city")]
    assert timeline.entries[0].mentions[0].sentence == "实施西部大开发战略。"
    [centre] = [e for e in named(research, "PROJECT", "会展中心") if e.documents == ["city-宜昌-2024"]]
    [entry] = research.timeline(centre.id).entries
    assert entry.attrs == {"amount": 50, "unit": "亿元"} == entry.mentions[0].attrs
    [serves] = entry.relations
    assert (serves.type, serves.direction, serves.other.name) == ("SERVES", "out", "产业强市")
    assert [e.sentence for e in serves.evidence] == ["加快会展中心建设，力争投资50亿元。"]
    assert timeline.entries[0].relations == []
    with pytest.raises(NotFound):
        research.timeline("nope")


def test_a_document_loaded_again_with_other_mention_attrs_has_them(research: GraphStore) -> None:
    import dataclasses

    [yichang] = [ex for ex in research_extractions() if ex.document.doc_id == "city-宜昌-2024"]
    spans = [dataclasses.replace(span, attrs={"amount": 60, "unit": "亿元"}) if span.attrs else span
             for span in yichang.spans]
    research.upsert(Extraction(yichang.document, spans, yichang.links, yichang.sentences))
    [centre] = [e for e in named(research, "PROJECT", "会展中心") if e.documents == ["city-宜昌-2024"]]
    [entry] = research.timeline(centre.id).entries
    assert entry.mentions[0].attrs == {"amount": 60, "unit": "亿元"} == entry.attrs


def test_place_profile_and_compare(research: GraphStore) -> None:
    profile = place_profile(research, "宜昌")
    assert profile.place.name == "宜昌市" and profile.place.parents == ["湖北省"]
    assert place_profile(research, profile.place.id) == profile
    assert [d.doc_id for d in profile.documents] == ["city-宜昌-2024"]
    assert [(g.goal.name, [m.name for m in g.members]) for g in profile.goals] == [("产业强市", ["会展中心"])]
    assert [p.name for p in profile.projects] == ["会展中心", "宜昌三峡机场"]
    assert [i.name for i in profile.industries] == ["新能源汽车"]
    assert profile.within == []
    hubei = place_profile(research, "湖北")  # no report of its own, one within it
    assert (hubei.place.name, hubei.place.parents, hubei.documents, hubei.goals) == ("湖北省", [], [], [])
    assert [(p.name, p.id) for p in hubei.within] == [("宜昌市", profile.place.id)]
    with pytest.raises(NotFound):
        place_profile(research, "北京")
    rows = compare(research, "INDUSTRY", "place")
    assert [(r.entity.name, r.count, r.values) for r in rows] == [
        ("新能源汽车", 2, ["宜昌市", "衡阳市"]), ("数字经济", 1, ["衡阳市"])]
    assert [(r.entity.name, r.values) for r in compare(research, "PROGRAMME", "year")] == [
        ("西部大开发", ["2000", "2001", "2024"])]


def test_the_place_hierarchy_is_in_the_graph_while_a_document_of_the_place_is(research: GraphStore) -> None:
    # each document's chain of places (宜昌市 → 湖北省, 衡阳市 → 湖南省; 中国 alone) gives one WITHIN per step,
    # with no evidence; 湖北省, which no text names, is a PLACE of 宜昌's document with no mention there
    [yichang] = named(research, "PLACE", "宜昌市")
    [hubei] = named(research, "PLACE", "湖北省")
    assert (hubei.mention_count, hubei.documents) == (0, ["city-宜昌-2024"])
    assert hubei.id == {d.doc_id: d for d in research.documents()}["city-宜昌-2024"].place_ids[1]
    [within] = [r for r in research.relations_of(yichang.id) if r.type == "WITHIN"]
    assert (within.head.id, within.tail.id, within.evidence) == (yichang.id, hubei.id, [])
    assert research.relations_of(hubei.id) == [within]
    assert research.stats().relations_by_type["WITHIN"] == 2
    assert hubei.id in {node.id for node in research.neighbourhood(yichang.id, 1).nodes}
    before = snapshot(research)
    research.upsert_many(research_extractions())  # idempotent
    assert snapshot(research) == before
    research.remove_document("city-宜昌-2024")  # what only it supported goes, the other city's step stays
    assert named(research, "PLACE", "湖北省") == [] and research.stats().relations_by_type["WITHIN"] == 1
    [hunan] = named(research, "PLACE", "湖南省")
    assert [(r.head.name, r.tail.name) for r in research.relations_of(hunan.id)] == [("衡阳市", "湖南省")]
