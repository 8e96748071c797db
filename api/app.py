"""The FastAPI application: a thin HTTP layer over a :class:`~kg.stores.base.GraphStore`.

Run with ``uvicorn api.app:create_app --factory``. Handlers only translate parameters and records; every
graph question is answered by the store. Every error is a JSON body ``{"error": ..., "detail": ...}``
(:mod:`api.errors`): NotFound → 404, StoreUnavailable → 503, any other StoreError → 500, a parameter out
of bounds → 422, a body that is not JSON → 400, one too large → 413.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from api.cache import ReadCache
from api.errors import ERROR_RESPONSES, RequestLimits, register_error_handlers
from api.routes import cypher, documents, entities, goals, graph, health, research
from api.settings import Settings
from kg.stores.base import GraphStore
from kg.stores.settings import open_store

__all__ = ["create_app"]

DESCRIPTION = """\
A knowledge graph of Chinese policy documents (政府工作报告 and their interpretations): goals, the measures
under them, and the projects, programmes and targets that serve them, with places, organisations and
industries. Every relation carries its evidence: the document, the sentence and character offsets.

Entity ids are stable digests of (label, normalised name, and the issuing place for what a local government
plans); goals can also be addressed by name. Documents know their place, level, year and kind, and filter
the research routes (`place=`, `level=`, `year=`, `doc_id=`).
Errors are JSON `{"error", "detail"}`: 400 `invalid_body` (not a JSON body), 404 `not_found`, 409 `ambiguous`
(a goal name several places use), 413 `too_large`,
422 `invalid_request` (a parameter out of bounds; `detail` lists the problems), 503 `store_unavailable`.
"""


def _version() -> str:
    # From the installed metadata rather than kg.__version__: a stale editable install can leave ``kg``
    # resolving as a namespace package outside the source tree.
    try:
        return version("kg")
    except PackageNotFoundError:
        return "0+unknown"


def create_app(store: GraphStore | None = None, settings: Settings | None = None) -> FastAPI:
    """Build the app around ``store``; without one, open the store named by ``settings`` (default: the
    environment) at startup and close it at shutdown. A store passed in belongs to the caller."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Neo4j is not verified here: the API starts while it is down, answers 503, and recovers by
        # itself once it is back (the driver reconnects on the next request).
        opened = open_store(settings) if app.state.store is None else None
        if opened is not None:
            app.state.store = opened
        prepare = getattr(app.state.store, "prepare_reads", None)
        if prepare is not None:  # the embedded store's indexes, before the first request rather than during it
            prepare()
        # The loaded graph lives as long as the server: move it out of the collector's reach, so that a
        # full collection during a request does not walk every node and evidence dict
        # (measured: p99 of /goals 55 ms → 10 ms).
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            if opened is not None:
                opened.close()
                app.state.store = None

    app = FastAPIOffline(title="kg — policy knowledge graph", description=DESCRIPTION, version=_version(),
                  lifespan=lifespan)
    app.state.store = store
    app.state.settings = settings
    for module in (health, research, goals, entities, graph, documents, cypher):
        app.include_router(module.router, responses=ERROR_RESPONSES)
    register_error_handlers(app, {cypher.CypherNotSupported: (501, "not_supported")})
    app.add_middleware(ReadCache)  # inside RequestLimits: an oversized URL is refused before anything else
    app.add_middleware(RequestLimits)
    return app
