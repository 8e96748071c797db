"""Every error of every route is ``{"error", "detail"}``, as the README and the OpenAPI document say.

The routes are enumerated from the app (``app.routes``), not listed by hand, so a new route is covered
as soon as it exists: each is asked with a wrong method, with a URL over the limit, with each of its
parameters out of bounds (every parameter must have a bound to break), with an unknown id where it takes
one, and with a bad body where it takes one. Each answer must have the status and shape that route
documents in OpenAPI.
"""

from __future__ import annotations

import typing
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from api.app import create_app
from api.limits import MAX_URL_BYTES
from api.schemas import ErrorBody, ValidationErrorBody
from kg.stores.networkx_store import NetworkXStore
from tests.fixtures import api_routes, eid

PARK = eid("PROJECT", "比亚迪智能制造产业园")
# A valid value for each required parameter, so that a request breaks one bound at a time.
VALID = {"q": "坪山", "source": PARK, "target": PARK, "entity_id": PARK, "goal": "产业强市", "place": "深圳"}
UNKNOWN = "project-0000000000000000"


def route_id(route: APIRoute) -> str:
    return f"{'|'.join(sorted(route.methods))} {route.path}"


ROUTES = pytest.mark.parametrize("route", api_routes(create_app(store=NetworkXStore())), ids=route_id)


def url(route: APIRoute, **path_values: str) -> str:
    path = route.path
    for param in route.dependant.path_params:
        path = path.replace("{" + param.name + "}", quote(path_values.get(param.name, VALID[param.name]), safe=""))
    return path


def required_query(route: APIRoute) -> dict[str, str]:
    return {p.name: VALID[p.name] for p in route.dependant.query_params if p.field_info.is_required()}


def out_of_bounds(param) -> str:
    """A value the parameter refuses: past its length bound, not an integer, not among its choices."""
    annotation = param.field_info.annotation
    choices = [arg for arg in typing.get_args(annotation) if typing.get_origin(arg) is typing.Literal]
    if typing.get_origin(annotation) is typing.Literal or choices:
        return "NOT_A_CHOICE"
    if annotation is int or int in typing.get_args(annotation):
        return "not-a-number"
    if annotation is bool:
        return "not-a-boolean"
    max_length = next((m.max_length for m in param.field_info.metadata if hasattr(m, "max_length")), None)
    assert max_length is not None, f"parameter {param.name} has no bound"
    return "产" * (max_length + 1)


def request(client: TestClient, route: APIRoute, path: str, params: dict | None = None, **kwargs):
    method = sorted(route.methods)[0]
    if method == "POST" and "json" not in kwargs and "content" not in kwargs:
        kwargs["json"] = {"query": "RETURN 1"}
    return client.request(method, path, params=params, **kwargs)


def documented(client: TestClient, route: APIRoute, status: int) -> dict:
    """The schema a route's OpenAPI operation gives for ``status``."""
    operation = client.get("/openapi.json").json()["paths"][route.path][sorted(route.methods)[0].lower()]
    assert str(status) in operation["responses"], f"{route_id(route)} does not document {status}"
    return operation["responses"][str(status)]["content"]["application/json"]["schema"]


def assert_error(response, status: int, error: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "detail"} and body["detail"], body
    if error is not None:
        assert body["error"] == error, body
    if status == 422:
        ValidationErrorBody.model_validate(body)
    else:
        ErrorBody.model_validate(body)
    return body


@ROUTES
def test_a_wrong_method_is_405_in_the_error_shape(client: TestClient, route: APIRoute) -> None:
    wrong = "DELETE" if "DELETE" not in route.methods else "PATCH"
    assert_error(client.request(wrong, url(route)), 405, "method_not_allowed")


@ROUTES
def test_a_url_over_the_limit_is_422_in_the_documented_shape(client: TestClient, route: APIRoute) -> None:
    body = assert_error(request(client, route, url(route), {"pad": "x" * MAX_URL_BYTES}), 422, "invalid_request")
    assert body["detail"][0]["loc"] == ["query"]
    assert documented(client, route, 422) == {"$ref": "#/components/schemas/ValidationErrorBody"}


@ROUTES
def test_every_parameter_out_of_bounds_is_422_in_the_documented_shape(client: TestClient, route: APIRoute) -> None:
    for param in route.dependant.path_params:
        body = assert_error(request(client, route, url(route, **{param.name: out_of_bounds(param)}),
                                    required_query(route)), 422, "invalid_request")
        assert ["path", param.name] in [problem["loc"] for problem in body["detail"]], body
    for param in route.dependant.query_params:
        params = required_query(route) | {param.name: out_of_bounds(param)}
        body = assert_error(request(client, route, url(route), params), 422, "invalid_request")
        assert ["query", param.name] in [problem["loc"] for problem in body["detail"]], body
        if param.field_info.is_required():
            params.pop(param.name)
            missing = assert_error(request(client, route, url(route), params), 422, "invalid_request")
            assert missing["detail"][0]["type"] == "missing"


@ROUTES
def test_an_unknown_id_is_404_in_the_documented_shape(client: TestClient, route: APIRoute) -> None:
    ids = [p.name for p in route.dependant.path_params] + [
        p.name for p in route.dependant.query_params if p.name in ("source", "target")]
    for name in ids:
        if route.dependant.path_params and name == route.dependant.path_params[0].name:
            response = request(client, route, url(route, **{name: UNKNOWN}), required_query(route))
        else:
            response = request(client, route, url(route), required_query(route) | {name: UNKNOWN})
        assert_error(response, 404, "not_found")
        assert documented(client, route, 404) == {"$ref": "#/components/schemas/ErrorBody"}


@ROUTES
def test_a_bad_body_is_400_or_422_in_the_documented_shape(client: TestClient, route: APIRoute) -> None:
    if route.body_field is None:
        assert "POST" not in route.methods
        return
    assert_error(request(client, route, url(route), content=b"\xff not json",
                         headers={"content-type": "application/json"}), 400, "invalid_body")
    body = assert_error(request(client, route, url(route), json={"unexpected": 1}), 422, "invalid_request")
    assert body["detail"][0]["loc"][0] == "body"


def test_an_unknown_path_is_404_in_the_error_shape(client: TestClient) -> None:
    assert_error(client.get("/no/such/route"), 404, "not_found")


def test_every_route_was_asked() -> None:
    assert len(api_routes(create_app(store=NetworkXStore()))) == 15
