"""The answers of the graph's GET routes, kept per graph version (:class:`ReadCache`).

Under load the time of a read is not the store's query but building the records and serialising them
(a page of goals with their measures, a neighbourhood of 500 nodes): the same answer, made again for
every client. An answer depends only on the request and on the graph, so it is kept — the bytes sent —
under (graph version, path, query string with its filters, Accept header: /goals/members answers
JSON or CSV) and sent again until the graph changes. The version is the
store's ``graph_version()``: on the embedded store a count of the writes to the loaded graph, read on every
request; on Neo4j a counter every kg write transaction bumps plus the count store's entity and
relationship totals, a query that each server process runs at most once every ``KG_API_CACHE_TTL``
seconds (default 1; 0 asks on every request), so an answer may be that much older than a write to
Neo4j. A store without ``graph_version`` is never cached.

Each server process has its own cache (``kg serve --workers N``), bounded by ``KG_API_CACHE_MB``
(default 128; 0 turns caching off); the least recently used answers go first. Only 200 answers are kept;
``x-kg-cache: hit`` or ``miss`` says which one a client got. Requests for the same uncached answer that
arrive together are answered by one computation.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response
from kg.errors import StoreError, StoreUnavailable

__all__ = ["ReadCache", "CACHED_PATHS", "DEFAULT_CACHE_MB", "DEFAULT_VERSION_TTL"]

# GET routes whose answer is a function of the graph and the request alone (not /health: it is the probe
# that the store answers now; not /cypher: a POST, run under its own limits).
CACHED_PATHS = ("/goals", "/entities", "/search", "/graph/", "/paths", "/documents", "/stats", "/places/",
                "/compare")
DEFAULT_CACHE_MB = 128
DEFAULT_VERSION_TTL = 1.0  # seconds a store's graph_version is trusted when asking costs a query
_CACHE_HEADER = b"x-kg-cache"


class ReadCache:
    """ASGI middleware keeping the 200 answers of :data:`CACHED_PATHS` per graph version."""

    def __init__(self, app: ASGIApp, max_bytes: int | None = None, version_ttl: float | None = None) -> None:
        self.app = app
        if max_bytes is None:
            max_bytes = int(float(os.environ.get("KG_API_CACHE_MB", "").strip() or DEFAULT_CACHE_MB) * 1_000_000)
        if version_ttl is None:
            version_ttl = float(os.environ.get("KG_API_CACHE_TTL", "").strip() or DEFAULT_VERSION_TTL)
        self.max_bytes, self.version_ttl = max_bytes, version_ttl
        self._version: Hashable = None
        self._last_read: Hashable = None
        self._checked_at = -float("inf")
        self._checking: asyncio.Future | None = None
        self._answers: OrderedDict[tuple[str, bytes, bytes], tuple[Message, bytes]] = OrderedDict()
        self._bytes = 0
        self._pending: dict[tuple[str, bytes, bytes], asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (self.max_bytes <= 0 or scope["type"] != "http" or scope["method"] != "GET"
                or not scope["path"].startswith(CACHED_PATHS)):
            await self.app(scope, receive, send)
            return
        store = getattr(scope["app"].state, "store", None)
        read_version = getattr(store, "graph_version", None)
        if read_version is None:
            await self.app(scope, receive, send)
            return
        try:
            # In memory it is a counter: read it here rather than pay a thread hop (and the GIL hand-over
            # that comes with it) on every request; Neo4j's is a query (_version_of).
            in_memory = getattr(store, "reads_in_memory", False)
            version = read_version() if in_memory else await self._version_of(read_version)
        except StoreUnavailable as exc:  # answer now, as the route would, rather than wait for it to fail too
            await error_response(503, "store_unavailable", str(exc))(scope, receive, send)
            return
        except StoreError:
            await self.app(scope, receive, send)
            return
        if version != self._version:
            self._answers.clear()
            self._pending.clear()
            self._bytes, self._version = 0, version
        # the filters (place=, year=, ...) are in the query string; Accept chooses JSON or CSV (/goals/members)
        key = (scope["path"], scope.get("query_string", b""), _header(scope, b"accept"))
        while key not in self._answers and key in self._pending:  # someone is computing it: wait for theirs
            await self._pending[key].wait()
        if key in self._answers:
            self._answers.move_to_end(key)
            start, body = self._answers[key]
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        done = self._pending[key] = asyncio.Event()
        try:
            await self._compute(scope, receive, send, key, version)
        finally:
            done.set()
            if self._pending.get(key) is done:
                del self._pending[key]

    async def _version_of(self, read_version) -> Hashable:  # type: ignore[no-untyped-def]
        """The store's version, asked at most once every ``version_ttl`` seconds, one query at a time: the
        requests that arrive while it runs wait for its answer."""
        if time.monotonic() - self._checked_at < self.version_ttl:
            return self._last_read
        if self._checking is None:
            self._checking = asyncio.ensure_future(run_in_threadpool(read_version))
        checking = self._checking
        try:
            version = await asyncio.shield(checking)  # a client that leaves does not cancel it for the others
        finally:
            if self._checking is checking and checking.done():
                self._checking = None
        self._last_read, self._checked_at = version, time.monotonic()
        return version

    async def _compute(self, scope: Scope, receive: Receive, send: Send, key: tuple[str, bytes, bytes],
                       version: Hashable) -> None:
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message, headers=[*message.get("headers", []), (_CACHE_HEADER, b"miss")])
                message = start
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and start.get("status") == 200:
                    self._keep(key, version, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keep)

    def _keep(self, key: tuple[str, bytes, bytes], version: Hashable, start: Message, body: bytes) -> None:
        if version != self._version or len(body) > self.max_bytes // 4:  # stale already, or too large to keep
            return
        headers = [(name, b"hit" if name == _CACHE_HEADER else value) for name, value in start["headers"]]
        if key in self._answers:
            self._bytes -= len(self._answers.pop(key)[1])
        self._answers[key] = (start | {"headers": headers}, body)
        self._bytes += len(body)
        while self._bytes > self.max_bytes:
            _, (_, dropped) = self._answers.popitem(last=False)
            self._bytes -= len(dropped)


def _header(scope: Scope, name: bytes) -> bytes:
    """The value of the request header ``name`` (lower case), b"" when absent."""
    return next((value for key, value in scope.get("headers", []) if key == name), b"")
