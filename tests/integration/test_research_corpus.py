"""Across documents, places and years on real reports of ../shared/corpus: Yichang's profile, two cities'
高铁新城 as two projects, 西部大开发 through the national reports, and the same answers from both stores."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.ids import entity_id
from kg.stores.networkx_store import NetworkXStore
from pipelines.extract import Extractor
from pipelines.ingest import read_documents

ROOT = Path(__file__).resolve().parents[2]
CORPORA = [ROOT.parent / "shared" / "corpus" / name for name in ("cn-gwr-1954-2019.jsonl", "cn-local-2024-2025.jsonl")]
DOC_IDS = {"city-宜昌-2024", "city-常州-2024", *(f"cn-gwr-{year}" for year in range(2000, 2006))}
PROGRAMME = entity_id("PROGRAMME", "西部大开发")
# What a researcher asks, the same on every store.
QUESTIONS = [f"/places/{quote('宜昌')}/profile", f"/entities/{PROGRAMME}/timeline", "/compare?label=INDUSTRY&by=place",
             "/goals/members?place=%E5%AE%9C%E6%98%8C", "/goals?year=2024", "/entities?label=PROJECT&level=city&limit=500",
             "/documents"]

pytestmark = [pytest.mark.integration, pytest.mark.pipeline, pytest.mark.corpus,
              pytest.mark.skipif(not all(path.exists() for path in CORPORA),
                                 reason="../shared/corpus is not beside the project")]


@pytest.fixture(scope="module")
def extractions():
    extractor = Extractor()
    return [extractor.extract(d) for d in read_documents(CORPORA) if d.doc_id in DOC_IDS]


@pytest.fixture(scope="module")
def client(extractions, tmp_path_factory: pytest.TempPathFactory):
    store = NetworkXStore.open(tmp_path_factory.mktemp("graph"))
    store.upsert_many(extractions)
    with TestClient(create_app(store=store)) as test_client:
        yield test_client


def test_yichang_profile_lists_its_2024_goals_with_the_projects_serving_them(client: TestClient) -> None:
    profile = client.get(f"/places/{quote('宜昌')}/profile").json()
    assert profile["place"]["name"] == "宜昌市" and profile["place"]["parents"] == ["湖北省"]
    assert [(d["doc_id"], d["year"], d["level"]) for d in profile["documents"]] == [("city-宜昌-2024", 2024, "city")]
    assert len(profile["goals"]) >= 5
    assert all(g["goal"]["documents"] == ["city-宜昌-2024"] for g in profile["goals"])
    projects = {p["id"] for p in profile["projects"]}
    served = [g for g in profile["goals"] if any(m["label"] == "PROJECT" for m in g["members"])]
    assert len(served) >= 3
    assert all(m["id"] in projects for g in served for m in g["members"] if m["label"] == "PROJECT")
    assert client.get(f"/places/{profile['place']['id']}/profile").json() == profile


def test_projects_of_one_name_in_two_cities_are_two_nodes(client: TestClient) -> None:
    page = client.get("/entities", params={"label": "PROJECT", "q": "高铁新城"}).json()
    new_towns = [e for e in page["items"] if e["name"] == "高铁新城"]
    assert sorted(e["documents"] for e in new_towns) == [["city-宜昌-2024"], ["city-常州-2024"]]
    for place, town in (("宜昌", "city-宜昌-2024"), ("常州", "city-常州-2024")):
        items = client.get("/entities", params={"label": "PROJECT", "q": "高铁新城", "place": place}).json()["items"]
        assert [e["documents"] for e in items if e["name"] == "高铁新城"] == [[town]]


def test_western_development_timeline_lists_the_national_reports_by_year(client: TestClient) -> None:
    timeline = client.get(f"/entities/{PROGRAMME}/timeline").json()
    entries = timeline["entries"]
    years = [e["year"] for e in entries]
    assert years == sorted(years) and {2001, 2002, 2003, 2004, 2005} <= set(years)
    assert all(e["level"] == "national" and e["place"] == "中国" and e["title"].endswith("政府工作报告") for e in entries)
    for entry in entries:
        assert entry["mentions"] and all("西部" in m["sentence"] and m["doc_id"] == entry["doc_id"]
                                         for m in entry["mentions"])


def test_compare_ranks_industries_by_places(client: TestClient) -> None:
    rows = client.get("/compare", params={"label": "INDUSTRY", "by": "place"}).json()
    counts = [r["count"] for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] == 3  # 宜昌, 常州 and 中国
    assert all(r["count"] == len(r["values"]) for r in rows)


@pytest.mark.neo4j
def test_both_stores_give_equal_answers(extractions, client: TestClient, neo4j_connection: dict) -> None:
    from kg.stores.neo4j_store import Neo4jStore

    store = Neo4jStore.connect(neo4j_connection["uri"], neo4j_connection["user"], neo4j_connection["password"],
                               neo4j_connection["database"])
    try:
        store.clear()
        store.upsert_many(extractions)
        store.upsert_many(extractions)  # again: nothing changes
        with TestClient(create_app(store=store)) as neo4j_client:
            for question in QUESTIONS:
                answer = neo4j_client.get(question)
                assert answer.status_code == 200, question
                assert answer.json() == client.get(question).json(), question
            csv = {"Accept": "text/csv"}
            assert neo4j_client.get("/goals/members", headers=csv).text == client.get("/goals/members", headers=csv).text
    finally:
        store.close()
