"""Every error the API answers with is JSON ``{"error": <kind>, "detail": <what happened>}``.

* kg's own errors map to a status each (:data:`KG_ERRORS`): not_found 404, invalid_query 400,
  forbidden 403, too_large 413, not_supported 501, store_unavailable 503, store_error 500;
* a parameter out of bounds is 422 ``invalid_request``, with FastAPI's list of problems as ``detail``
  (each problem's input cut short, bytes never echoed);
* a body that is not JSON at all (another content type, bytes that are not UTF-8, broken JSON) is 400
  ``invalid_body``, a body over :data:`api.limits.MAX_BODY_BYTES` is 413 ``too_large``, and a URL
  path or query string over :data:`api.limits.MAX_URL_BYTES` is 422 (:class:`RequestLimits`);
* Starlette's own errors (an unknown path, a wrong method) keep their status.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from api.limits import MAX_BODY_BYTES, MAX_URL_BYTES
from api.schemas import ErrorBody, ValidationErrorBody
from kg.errors import (
    Ambiguous,
    CypherInvalid,
    CypherRefused,
    CypherTooLarge,
    NotFound,
    StoreError,
    StoreUnavailable,
)

__all__ = ["register_error_handlers", "RequestLimits", "KG_ERRORS", "ERROR_RESPONSES"]

# Starlette picks the handler of the most specific class, so StoreUnavailable wins over StoreError.
KG_ERRORS: dict[type[Exception], tuple[int, str]] = {
    NotFound: (404, "not_found"),
    Ambiguous: (409, "ambiguous"),
    CypherInvalid: (400, "invalid_query"),
    CypherRefused: (403, "forbidden"),
    CypherTooLarge: (413, "too_large"),
    StoreUnavailable: (503, "store_unavailable"),
    StoreError: (500, "store_error"),
}
# Documented on every route (OpenAPI): any request can break a bound (a URL too long, a parameter out of
# range), and any read can find the store unreachable. In place of FastAPI's default 422 schema, which
# describes a body without the ``error`` key.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    422: {"model": ValidationErrorBody, "description": "A parameter, the URL or the body breaks a bound"},
    503: {"model": ErrorBody, "description": "The store cannot be reached (store_unavailable)"},
}
HTTP_KINDS = {400: "invalid_body", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}
NOT_JSON = ("the body must be a JSON object, UTF-8 encoded, sent with Content-Type: application/json")
# Validation problems that mean the body was never JSON, rather than JSON with a wrong field.
NOT_JSON_TYPES = {"json_invalid", "model_attributes_type", "dict_type", "missing"}
SHOWN_INPUT_CHARS = 80


def error_response(status: int, error: str, detail: Any) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": error, "detail": detail})


def register_error_handlers(app: FastAPI, extra: dict[type[Exception], tuple[int, str]] | None = None) -> None:
    """Install the handlers of :data:`KG_ERRORS` (plus ``extra``), validation and HTTP errors on ``app``."""
    for kind, (status, error) in (KG_ERRORS | (extra or {})).items():
        app.add_exception_handler(kind, _kg_handler(status, error))
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)


def _kg_handler(status: int, error: str):
    async def handle(_: Request, exc: Exception) -> JSONResponse:
        return error_response(status, error, str(exc))
    return handle


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    problems = exc.errors() if isinstance(exc, RequestValidationError) else []
    if any(_is_not_json(problem) for problem in problems):
        return error_response(400, "invalid_body", NOT_JSON)
    return error_response(422, "invalid_request", [_problem(p) for p in problems])


def _is_not_json(problem: dict[str, Any]) -> bool:
    location = tuple(problem.get("loc", ()))
    if not location or location[0] != "body":
        return False
    if problem.get("type") == "json_invalid":
        return True
    # The whole body (not one field) is a string or bytes: it was not parsed as JSON.
    return len(location) == 1 and problem.get("type") in NOT_JSON_TYPES and isinstance(
        problem.get("input"), str | bytes | bytearray)


def _problem(problem: dict[str, Any]) -> dict[str, Any]:
    """One validation problem as plain JSON: its input shortened, bytes and objects never echoed."""
    shown = {"type": problem.get("type"), "loc": list(problem.get("loc", ())), "msg": problem.get("msg")}
    value = problem.get("input")
    if isinstance(value, str):
        shown["input"] = value if len(value) <= SHOWN_INPUT_CHARS else value[:SHOWN_INPUT_CHARS] + "…"
    elif value is None or isinstance(value, bool | int | float):
        shown["input"] = value
    if isinstance(problem.get("ctx"), dict):
        shown["ctx"] = {str(k): v if isinstance(v, bool | int | float) else str(v)[:SHOWN_INPUT_CHARS]
                        for k, v in problem["ctx"].items()}
    return shown


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
    detail = exc.detail if isinstance(exc, StarletteHTTPException) else str(exc)
    if status == 400 and detail == "There was an error parsing the body":  # FastAPI's words for bad bytes
        detail = NOT_JSON
    return error_response(status, HTTP_KINDS.get(status, "http_error"), detail)


class RequestLimits:
    """ASGI middleware bounding what a request hands the app before anything parses it.

    A URL whose path or query string is over ``max_url_bytes`` answers 422 ``invalid_request`` at once
    (decoding a 100 KB query string alone would take longer than answering a normal request); a body
    over ``max_body_bytes`` answers 413 ``too_large`` — at once when Content-Length says so, else as
    soon as the bytes received pass the limit.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int = MAX_BODY_BYTES,
                 max_url_bytes: int = MAX_URL_BYTES) -> None:
        self.app, self.max_body_bytes, self.max_url_bytes = app, max_body_bytes, max_url_bytes

    def _too_large(self) -> str:
        return f"the request body is larger than the limit of {self.max_body_bytes:,} bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for part, value in (("path", scope.get("raw_path") or scope["path"].encode()),
                            ("query", scope.get("query_string") or b"")):
            if len(value) > self.max_url_bytes:
                problem = {"type": "string_too_long", "loc": [part], "msg": f"the {part} of the URL is "
                           f"longer than the limit of {self.max_url_bytes:,} bytes"}
                await error_response(422, "invalid_request", [problem])(scope, receive, send)
                return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.strip().isdigit() and int(length) > self.max_body_bytes:
            await error_response(413, "too_large", self._too_large())(scope, receive, send)
            return
        received = 0

        async def limited() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:  # FastAPI passes an HTTPException raised here through
                    raise HTTPException(413, self._too_large())
            return message

        await self.app(scope, limited, send)
