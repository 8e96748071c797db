"""The HTTP contract, run against every store kind in ``conftest.STORE_KINDS`` holding tests/fixtures.py."""

from __future__ import annotations

import asyncio
import json
import time
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.limits import MAX_BODY_BYTES, MAX_QUERY_CHARS
from kg.errors import StoreUnavailable
from kg.stores.base import GraphStore
from tests.fixtures import D1_TEXT, eid

GOAL_INDUSTRY = eid("GOAL", "产业强市")
GOAL_LIVELIHOOD = eid("GOAL", "民生幸福")
PARK = eid("PROJECT", "比亚迪智能制造产业园")
HOSPITAL = eid("PROJECT", "坪山区人民医院")
PINGSHAN = eid("PLACE", "坪山区")
BYD = eid("ORG", "比亚迪股份有限公司")
HEALTH_COMMISSION = eid("ORG", "深圳市卫生健康委员会")
PARK_SENTENCE = "加快比亚迪智能制造产业园建设，项目位于坪山区，由比亚迪股份有限公司承建，发展新能源汽车产业。"


def names(records: list[dict]) -> list[str]:
    return [record["name"] for record in records]


def assert_not_found(response) -> None:
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "not_found" and body["detail"]


def test_health(client: TestClient, store) -> None:
    assert client.get("/health").json() == {"status": "ok", "store": store.kind, "documents": 2}


def test_stats(client: TestClient) -> None:
    stats = client.get("/stats").json()
    assert (stats["documents"], stats["entities"], stats["relations"]) == (2, 12, 12)
    assert stats["mentions"] == 15 and stats["evidence"] == 12
    assert stats["entities_by_label"]["PROJECT"] == 2 and stats["entities_by_label"]["PLACE"] == 1
    assert stats["relations_by_type"] == {"HAS_MEASURE": 2, "SERVES": 5, "LOCATED_IN": 2, "INVOLVES": 1,
                                          "IN_INDUSTRY": 2, "WITHIN": 0}


def test_documents(client: TestClient) -> None:
    documents = client.get("/documents").json()
    assert [d["doc_id"] for d in documents] == ["d1", "d2"]
    assert documents[0] == {"doc_id": "d1", "title": "2023年政府工作报告", "year": 2023,
                            "source": "tests/fixtures.py", "length": len(D1_TEXT),
                            "entity_count": 8, "relation_count": 8, "place": "", "place_id": "", "places": [],
                            "place_ids": [], "level": "", "kind": ""}


def test_goals_with_measures_and_serving_count(client: TestClient) -> None:
    page = client.get("/goals").json()
    assert (page["total"], page["limit"], page["offset"], page["truncated"]) == (2, 100, 0, False)
    goals = page["items"]
    assert names(goals) == ["产业强市", "民生幸福"]
    assert names(goals[0]["measures"]) == ["聚焦聚力先进制造业"]
    assert [g["serving_count"] for g in goals] == [3, 2]


def test_goals_are_paged_and_say_when_more_follow(client: TestClient) -> None:
    first = client.get("/goals", params={"limit": 1}).json()
    assert (first["total"], first["truncated"], names(first["items"])) == (2, True, ["产业强市"])
    second = client.get("/goals", params={"limit": 1, "offset": 1}).json()
    assert (second["truncated"], names(second["items"])) == (False, ["民生幸福"])
    assert client.get("/goals", params={"offset": 5}).json() | {"items": None} == {
        "total": 2, "limit": 100, "offset": 5, "truncated": False, "items": None}
    for params in ({"limit": 0}, {"limit": 1001}, {"offset": -1}):
        assert client.get("/goals", params=params).status_code == 422, params


@pytest.mark.parametrize("reference", [GOAL_INDUSTRY, "产业强市", "“产业强市”", " 产业强市 "])
def test_goal_projects_by_id_or_name(client: TestClient, reference: str) -> None:
    body = client.get(f"/goals/{quote(reference)}/projects").json()
    assert body["goal"]["id"] == GOAL_INDUSTRY
    members = {m["entity"]["name"]: m for m in body["members"]}
    assert list(members) == ["20+8产业集群计划", "比亚迪智能制造产业园", "规上工业增加值增长6%"]  # (label, name)
    park = members["比亚迪智能制造产业园"]
    assert park["measures"] == ["聚焦聚力先进制造业"]
    assert [e["sentence"] for e in park["evidence"]] == [PARK_SENTENCE]
    evidence = park["evidence"][0]
    assert D1_TEXT[evidence["head_start"]:evidence["head_end"]] == "比亚迪智能制造产业园"
    assert D1_TEXT[evidence["tail_start"]:evidence["tail_end"]] == "产业强市"
    assert members["规上工业增加值增长6%"]["entity"]["attrs"] == {"value": 6, "unit": "%"}


def test_goal_projects_label_filter(client: TestClient) -> None:
    body = client.get("/goals/产业强市/projects", params={"label": "PROJECT"}).json()
    assert [m["entity"]["name"] for m in body["members"]] == ["比亚迪智能制造产业园"]
    livelihood = client.get("/goals/民生幸福/projects", params={"label": "PROJECT"}).json()
    park = next(m for m in livelihood["members"] if m["entity"]["id"] == PARK)
    assert park["measures"] == [] and park["evidence"][0]["measure"] is None


@pytest.mark.parametrize("label", ["PLACE", "FOO", "project"])
def test_goal_projects_bad_label(client: TestClient, label: str) -> None:
    response = client.get("/goals/产业强市/projects", params={"label": label})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "label"]


@pytest.mark.parametrize("reference", ["不存在的目标", PARK, "goal-0000000000000000"])
def test_goal_projects_unknown_goal(client: TestClient, reference: str) -> None:
    assert_not_found(client.get(f"/goals/{quote(reference)}/projects"))


def test_entities_pagination(client: TestClient) -> None:
    everything = client.get("/entities", params={"limit": 500}).json()
    assert everything["total"] == 12 and len(everything["items"]) == 12
    keys = [(e["label"], e["name"], e["id"]) for e in everything["items"]]
    assert keys == sorted(keys)
    page = client.get("/entities", params={"limit": 5, "offset": 10}).json()
    assert (page["total"], page["limit"], page["offset"]) == (12, 5, 10)
    assert page["items"] == everything["items"][10:]
    assert client.get("/entities").json()["limit"] == 50


def test_entities_filters(client: TestClient) -> None:
    projects = client.get("/entities", params={"label": "PROJECT"}).json()
    assert projects["total"] == 2 and {e["label"] for e in projects["items"]} == {"PROJECT"}
    pingshan = client.get("/entities", params={"q": "坪山"}).json()
    assert names(pingshan["items"]) == ["坪山区", "坪山区人民医院"]  # PLACE sorts before PROJECT
    assert client.get("/entities", params={"label": "ORG", "q": "比亚迪"}).json()["total"] == 1


@pytest.mark.parametrize("params", [{"label": "FOO"}, {"limit": 0}, {"limit": 501}, {"offset": -1},
                                    {"limit": "many"}])
def test_entities_bad_parameters(client: TestClient, params: dict) -> None:
    response = client.get("/entities", params=params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", next(iter(params))]


def test_entity_detail(client: TestClient) -> None:
    park = client.get(f"/entities/{PARK}").json()
    assert park["name"] == "比亚迪智能制造产业园" and park["documents"] == ["d1", "d2"]
    assert [(m["doc_id"], m["text"]) for m in park["mentions"]] == [("d1", park["name"]), ("d2", park["name"])]
    relations = {(r["type"], r["other"]["name"]): r for r in park["relations"]}
    assert set(relations) == {("SERVES", "产业强市"), ("SERVES", "民生幸福"), ("LOCATED_IN", "坪山区"),
                              ("INVOLVES", "比亚迪股份有限公司"), ("IN_INDUSTRY", "新能源汽车")}
    assert all(r["direction"] == "out" and r["head"]["id"] == PARK for r in park["relations"])
    assert relations[("SERVES", "产业强市")]["evidence"][0]["sentence"] == PARK_SENTENCE
    place = client.get(f"/entities/{PINGSHAN}").json()
    assert {(r["direction"], r["other"]["name"]) for r in place["relations"]} == {
        ("in", "比亚迪智能制造产业园"), ("in", "坪山区人民医院")}


def test_entity_unknown(client: TestClient) -> None:
    assert_not_found(client.get("/entities/project-0000000000000000"))


def test_search_best_first(client: TestClient) -> None:
    body = client.get("/search", params={"q": "坪山区"}).json()
    assert body["total"] == 2 and names(body["items"]) == ["坪山区", "坪山区人民医院"]
    assert names(client.get("/search", params={"q": "比亚迪"}).json()["items"]) == [
        "比亚迪股份有限公司", "比亚迪智能制造产业园"]
    limited = client.get("/search", params={"q": "产业", "limit": 2}).json()
    assert limited["total"] == 3 and names(limited["items"]) == ["产业强市", "20+8产业集群计划"]


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "  "}, {"q": "“”"}, {"q": "x", "limit": 0}])
def test_search_bad_parameters(client: TestClient, params: dict) -> None:
    response = client.get("/search", params=params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "query"


def test_neighbourhood(client: TestClient) -> None:
    one = client.get(f"/graph/neighbourhood/{HOSPITAL}").json()
    assert one["center"] == HOSPITAL and one["depth"] == 1
    assert set(names(one["nodes"])) == {"坪山区人民医院", "民生幸福", "坪山区"}
    assert {(e["type"], e["head"], e["tail"], e["evidence_count"]) for e in one["edges"]} == {
        ("SERVES", HOSPITAL, GOAL_LIVELIHOOD, 1), ("LOCATED_IN", HOSPITAL, PINGSHAN, 1)}
    two = client.get(f"/graph/neighbourhood/{HOSPITAL}", params={"depth": 2}).json()
    assert {"比亚迪智能制造产业园", "提升公共服务水平"} <= set(names(two["nodes"]))
    assert "比亚迪股份有限公司" not in names(two["nodes"])
    three = client.get(f"/graph/neighbourhood/{HOSPITAL}", params={"depth": 3}).json()
    assert "比亚迪股份有限公司" in names(three["nodes"])
    assert (one["limit"], one["truncated"], three["truncated"]) == (500, False, False)


def test_neighbourhood_bounded_by_a_node_limit(client: TestClient) -> None:
    """Past ``limit`` nodes the nearest are kept — fewer hops first, then (label, name, id) — and the answer
    says it was cut; edges only among the nodes kept."""
    whole = client.get(f"/graph/neighbourhood/{PARK}", params={"depth": 2}).json()
    assert len(whole["nodes"]) == 11 and not whole["truncated"]
    exact = client.get(f"/graph/neighbourhood/{PARK}", params={"depth": 2, "limit": 11}).json()
    assert exact == whole | {"limit": 11}
    cut = client.get(f"/graph/neighbourhood/{PARK}", params={"depth": 2, "limit": 4}).json()
    assert cut["truncated"] is True and cut["limit"] == 4
    # The park and, of its six neighbours, the first three by (label, name): GOAL 产业强市, GOAL 民生幸福, INDUSTRY.
    assert [(n["label"], n["name"]) for n in cut["nodes"]] == [
        ("GOAL", "产业强市"), ("GOAL", "民生幸福"), ("INDUSTRY", "新能源汽车"), ("PROJECT", "比亚迪智能制造产业园")]
    kept = {n["id"] for n in cut["nodes"]}
    assert cut["edges"] and all(e["head"] in kept and e["tail"] in kept for e in cut["edges"])
    alone = client.get(f"/graph/neighbourhood/{PARK}", params={"limit": 1}).json()
    assert (names(alone["nodes"]), alone["edges"], alone["truncated"]) == (["比亚迪智能制造产业园"], [], True)
    for limit in (0, 5001):
        response = client.get(f"/graph/neighbourhood/{PARK}", params={"limit": limit})
        assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "limit"]


@pytest.mark.parametrize("depth", [0, 4, -1])
def test_neighbourhood_bad_depth(client: TestClient, depth: int) -> None:
    response = client.get(f"/graph/neighbourhood/{HOSPITAL}", params={"depth": depth})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "depth"]


def test_neighbourhood_unknown(client: TestClient) -> None:
    assert_not_found(client.get("/graph/neighbourhood/nope"))


def test_path_found(client: TestClient) -> None:
    body = client.get("/paths", params={"source": BYD, "target": HOSPITAL}).json()
    assert body["found"] is True
    nodes = [n["id"] for n in body["nodes"]]
    assert nodes[0] == BYD and nodes[-1] == HOSPITAL and len(nodes) == 4
    for (a, b), edge in zip(zip(nodes, nodes[1:], strict=False), body["edges"], strict=True):
        assert {edge["head"], edge["tail"]} == {a, b}


def test_path_to_itself(client: TestClient) -> None:
    body = client.get("/paths", params={"source": PARK, "target": PARK}).json()
    assert body["found"] is True and [n["id"] for n in body["nodes"]] == [PARK] and body["edges"] == []


def test_path_not_found(client: TestClient) -> None:
    body = client.get("/paths", params={"source": BYD, "target": HEALTH_COMMISSION}).json()
    assert body == {"found": False, "nodes": [], "edges": []}


@pytest.mark.parametrize("params", [{"source": "nope", "target": PARK}, {"source": PARK, "target": "nope"}])
def test_path_unknown_end(client: TestClient, params: dict) -> None:
    assert_not_found(client.get("/paths", params=params))


def test_path_missing_parameter(client: TestClient) -> None:
    assert client.get("/paths", params={"source": PARK}).status_code == 422


def test_store_unavailable_is_503(client: TestClient, store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def down(*_args, **_kwargs):
        raise StoreUnavailable("neo4j is not answering")

    monkeypatch.setattr(store, "stats", down)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json() == {"error": "store_unavailable", "detail": "neo4j is not answering"}


def assert_error(response, status: int, error: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "detail"} and body["error"] == error and body["detail"], body


LONG = "产" * (MAX_QUERY_CHARS + 1)


@pytest.mark.parametrize(("path", "params"), [
    ("/search", {"q": LONG}), ("/entities", {"q": LONG}), (f"/entities/{quote(LONG)}", {}),
    (f"/goals/{quote(LONG)}/projects", {}), (f"/graph/neighbourhood/{quote(LONG)}", {}),
    ("/paths", {"source": LONG, "target": PARK}), ("/paths", {"source": PARK, "target": LONG}),
])
def test_every_string_parameter_has_a_length_limit(client: TestClient, path: str, params: dict) -> None:
    response = client.get(path, params=params)
    assert_error(response, 422, "invalid_request")
    assert response.json()["detail"][0]["type"] == "string_too_long"
    assert len(response.text) < 2000  # the input is not echoed back whole


def test_a_query_at_the_limit_is_answered(client: TestClient) -> None:
    assert client.get("/search", params={"q": "坪" * MAX_QUERY_CHARS}).json()["total"] == 0


@pytest.mark.parametrize("path", ["/search", "/entities"])
def test_a_100_kb_q_is_refused_at_once(client: TestClient, path: str) -> None:
    for query in ("a" * 100_000, "产业" * 50_000):  # 100 kB of ASCII; 100,000 characters of Chinese
        query_string = "q=" + quote(query)  # encoding it is the client's work, not timed
        started = time.perf_counter()
        status, body = asgi_get(client.app, path, query_string)
        elapsed = time.perf_counter() - started
        assert status == 422 and json.loads(body)["error"] == "invalid_request"
        assert elapsed < 0.05, f"{elapsed * 1000:.1f} ms"


def asgi_get(app, path: str, query_string: str) -> tuple[int, bytes]:
    """GET straight through ASGI: HTTP clients refuse query strings this long before sending them."""
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query_string.encode(),
             "headers": [], "server": ("testserver", 80), "client": ("testclient", 50000), "root_path": ""}
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


@pytest.mark.parametrize(("content_type", "body"), [
    ("text/plain", b"\xff\xfe\x00\x80 not UTF-8"), ("application/json", b"\xff\xfe\x00\x80"),
    ("application/json", b'{"query": "RETURN \xff"}'), (None, b"\x80\x81"), ("text/plain", b'{"query": "RETURN 1"}'),
    ("application/json", b'{"query": "RETURN 1"'), ("application/x-www-form-urlencoded", b"query=RETURN+1"),
])
def test_a_body_that_is_not_json_is_400_in_the_error_shape(client: TestClient, content_type: str | None,
                                                           body: bytes) -> None:
    headers = {"content-type": content_type} if content_type else {}
    assert_error(client.post("/cypher", content=body, headers=headers), 400, "invalid_body")


def test_a_body_over_the_limit_is_413(client: TestClient) -> None:
    big = json.dumps({"query": "RETURN $x", "parameters": {"x": "a" * MAX_BODY_BYTES}})
    assert_error(client.post("/cypher", content=big, headers={"content-type": "application/json"}), 413,
                 "too_large")

    def chunks():  # no Content-Length: counted as it arrives
        yield b'{"query": "RETURN $x", "parameters": {"x": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 1):
            yield b"a" * 65536
        yield b'"}}'

    assert_error(client.post("/cypher", content=chunks(), headers={"content-type": "application/json"}), 413,
                 "too_large")


@pytest.mark.parametrize("body", [{"query": ""}, {"query": "RETURN 1", "limit": 0}, {"query": "x" * 20_001},
                                  {"query": "RETURN 1", "parameters": []}])
def test_a_json_body_with_bad_fields_is_422(client: TestClient, body: dict) -> None:
    response = client.post("/cypher", json=body)
    assert response.status_code == 422 and response.json()["error"] == "invalid_request"
    assert response.json()["detail"][0]["loc"][0] == "body"


def test_entity_relations_are_compact_unless_full_is_asked(client: TestClient) -> None:
    compact = client.get(f"/entities/{PARK}").json()
    full = client.get(f"/entities/{PARK}", params={"full": "true"}).json()
    assert [r["id"] for r in compact["relations"]] == [r["id"] for r in full["relations"]]
    for small, whole in zip(compact["relations"], full["relations"], strict=True):
        for end in ("head", "tail", "other"):
            assert small[end] == {k: whole[end][k] for k in ("id", "label", "name")}
            assert set(whole[end]) > set(small[end])
        assert small["evidence"] == whole["evidence"] and small["direction"] == whole["direction"]
    assert {k: v for k, v in compact.items() if k != "relations"} == {k: v for k, v in full.items() if k != "relations"}
