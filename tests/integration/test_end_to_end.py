"""The whole path on the seed document: file → extractor → NetworkX store on disk → API."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.stores.networkx_store import NetworkXStore
from pipelines.extract import Extractor
from pipelines.ingest import read_documents

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "corpus" / "hengyang-2021-goals.txt"

pytestmark = [pytest.mark.pipeline, pytest.mark.integration]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    directory = tmp_path_factory.mktemp("graph")
    documents = list(read_documents([DOCUMENT]))
    store = NetworkXStore.open(directory)
    store.upsert_many([Extractor().extract(d) for d in documents])
    store.save()
    with TestClient(create_app(store=NetworkXStore.open(directory))) as test_client:
        yield test_client


def test_byd_park_serves_the_industrial_city_goal_with_its_evidence(client: TestClient) -> None:
    response = client.get("/goals/产业强市/projects")
    assert response.status_code == 200
    members = {m["entity"]["name"]: m for m in response.json()["members"]}
    byd = members["比亚迪智能制造产业园"]
    assert byd["entity"]["label"] == "PROJECT"
    assert "聚焦聚力先进制造业" in byd["measures"]
    sentences = [e["sentence"] for e in byd["evidence"]]
    assert any("比亚迪智能制造产业园" in s for s in sentences)
    text = DOCUMENT.read_text(encoding="utf-8")
    for evidence in byd["evidence"]:  # offsets point into the original document
        assert text[evidence["head_start"]:evidence["head_end"]] == "比亚迪智能制造产业园"
        assert text[evidence["tail_start"]:evidence["tail_end"]] == "产业强市"


def test_the_three_goals_and_their_measures(client: TestClient) -> None:
    goals = {g["name"]: g for g in client.get("/goals").json()["items"]}
    assert set(goals) == {"产业强市", "区域中心", "开放高地"}
    assert len(goals["产业强市"]["measures"]) == 4
    assert len(goals["区域中心"]["measures"]) == 3


def test_a_sidebar_target_serves_no_goal_twice(client: TestClient) -> None:
    """审批再提速50%以上 stands in the 开放高地 section and again in a sidebar under 产业强市."""
    serving = {
        goal: {m["entity"]["name"] for m in client.get(f"/goals/{goal}/projects").json()["members"]}
        for goal in ("产业强市", "开放高地")
    }
    assert "审批再提速50%以上" in serving["开放高地"]
    assert "审批再提速50%以上" not in serving["产业强市"]
