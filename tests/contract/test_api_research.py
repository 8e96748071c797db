"""The research routes (filters, the goal × member table, timelines, place profiles, comparisons), run
against every store kind holding tests.fixtures.research_extractions: the same answers on each."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

from fastapi.testclient import TestClient

from tests.fixtures import eid

PROGRAMME = eid("PROGRAMME", "西部大开发")


def test_documents_show_place_level_year_and_kind(research_client: TestClient) -> None:
    documents = {d["doc_id"]: d for d in research_client.get("/documents").json()}
    assert {k: documents["city-衡阳-2024"][k] for k in ("place", "places", "level", "year", "kind")} == {
        "place": "衡阳市", "places": ["衡阳市", "湖南省"], "level": "city", "year": 2024, "kind": "report"}


def test_filters_on_goals_members_and_entities(research_client: TestClient) -> None:
    def goals(**params):  # the items of the one page
        page = research_client.get("/goals", params=params).json()
        assert page["total"] == len(page["items"]) and not page["truncated"]
        return page["items"]

    assert len(goals()) == 2
    [goal] = goals(place="宜昌")
    assert goal["documents"] == ["city-宜昌-2024"] and goal["serving_count"] == 1
    assert goals(level="national") == []
    assert goals(place="湖北", year=2024) == [goal]
    assert goals(doc_id="city-衡阳-2024")[0]["id"] != goal["id"]
    page = research_client.get("/goals", params={"year": 2024, "limit": 1, "offset": 1}).json()
    assert (page["total"], page["truncated"], len(page["items"])) == (2, False, 1)
    # the name alone is two goals; a filter or the id picks one
    ambiguous = research_client.get(f"/goals/{quote('产业强市')}/projects")
    assert ambiguous.status_code == 409 and ambiguous.json()["error"] == "ambiguous"
    members = research_client.get(f"/goals/{quote('产业强市')}/projects", params={"place": "宜昌"}).json()
    assert members["goal"]["id"] == goal["id"]
    assert [m["entity"]["name"] for m in members["members"]] == ["会展中心"]
    assert research_client.get(f"/goals/{goal['id']}/projects", params={"place": "衡阳"}).status_code == 404
    page = research_client.get("/entities", params={"label": "INDUSTRY", "place": "宜昌"}).json()
    assert [e["name"] for e in page["items"]] == ["新能源汽车"] and page["total"] == 1
    assert research_client.get("/entities", params={"level": "county"}).json()["total"] == 0
    assert research_client.get("/entities", params={"level": "town"}).status_code == 422


def test_goal_member_table_as_json_and_csv(research_client: TestClient) -> None:
    table = research_client.get("/goals/members").json()
    assert table["total"] == 2 and {r["member"] for r in table["rows"]} == {"会展中心"}
    assert research_client.get("/goals/members", params={"place": "衡阳"}).json()["rows"][0]["doc_ids"] == [
        "city-衡阳-2024"]
    response = research_client.get("/goals/members", headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["goal"], r["member"], r["doc_ids"]) for r in rows] == [
        (r["goal"], r["member"], ";".join(r["doc_ids"])) for r in table["rows"]]


def test_timeline(research_client: TestClient) -> None:
    timeline = research_client.get(f"/entities/{PROGRAMME}/timeline").json()
    assert timeline["entity"]["name"] == "西部大开发"
    assert [(e["year"], e["doc_id"]) for e in timeline["entries"]] == [
        (2000, "cn-gwr-2000"), (2001, "cn-gwr-2001"), (2024, "city-宜昌-2024")]
    assert timeline["entries"][1]["mentions"][0]["sentence"] == "继续推进西部大开发。"
    assert research_client.get("/entities/nope/timeline").status_code == 404


def test_place_profile(research_client: TestClient) -> None:
    profile = research_client.get(f"/places/{quote('宜昌')}/profile").json()
    assert profile["place"]["name"] == "宜昌市" and profile["place"]["parents"] == ["湖北省"]
    assert research_client.get(f"/places/{profile['place']['id']}/profile").json() == profile
    assert [(g["goal"]["name"], [m["name"] for m in g["members"]]) for g in profile["goals"]] == [
        ("产业强市", ["会展中心"])]
    assert [p["name"] for p in profile["projects"]] == ["会展中心", "宜昌三峡机场"]
    assert research_client.get(f"/places/{quote('宜昌')}/profile", params={"year": 2025}).json()["goals"] == []
    assert research_client.get(f"/places/{quote('北京')}/profile").status_code == 404


def test_compare(research_client: TestClient) -> None:
    rows = research_client.get("/compare", params={"label": "INDUSTRY", "by": "place"}).json()
    assert [(r["entity"]["name"], r["count"], r["values"]) for r in rows] == [
        ("新能源汽车", 2, ["宜昌市", "衡阳市"]), ("数字经济", 1, ["衡阳市"])]
    by_level = research_client.get("/compare", params={"label": "PROGRAMME", "by": "level"}).json()
    assert by_level[0]["values"] == ["city", "national"]
    assert research_client.get("/compare", params={"label": "INDUSTRY", "level": "national"}).json() == []
    assert research_client.get("/compare", params={"by": "town"}).status_code == 422
