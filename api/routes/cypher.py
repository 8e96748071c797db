"""Read-only Cypher for tools (notebooks, R, web apps) on the Neo4j store."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import Store
from api.schemas import CypherRequest, CypherResult, ErrorBody
from kg.errors import KgError

__all__ = ["router", "CypherNotSupported"]

router = APIRouter(tags=["cypher"])


class CypherNotSupported(KgError):
    """The store has no Cypher (the embedded NetworkX store): HTTP 501."""


@router.post("/cypher", summary="Run a read-only Cypher query", response_model=CypherResult,
             responses={400: {"model": ErrorBody}, 403: {"model": ErrorBody}, 413: {"model": ErrorBody},
                        501: {"model": ErrorBody}, 503: {"model": ErrorBody}})
def cypher(body: CypherRequest, store: Store, request: Request) -> dict:
    """Plans the query with EXPLAIN and runs it only when Neo4j's plan is a plain read (allowlisted operators
    and procedures, no unbounded expression), in a READ transaction with a timeout (`KG_CYPHER_TIMEOUT`), a
    row limit and a size limit (`KG_CYPHER_MAX_BYTES`). Anything else — writes, schema or administration
    commands, LOAD CSV, other procedures — is refused with 403; invalid Cypher, a timeout or a memory error
    gives 400, an answer over the size limit 413. Needs the Neo4j store (`KG_STORE=neo4j`); the embedded
    store answers 501."""
    run = getattr(store, "run_read_only", None)
    if run is None:
        raise CypherNotSupported("POST /cypher needs the Neo4j store: start Neo4j (`kg neo4j start`), "
                                 "load the graph (`kg build --store neo4j`) and serve with KG_STORE=neo4j")
    settings = request.app.state.settings
    return run(body.query, body.parameters, timeout=settings.cypher_timeout, row_limit=body.limit,
               max_bytes=settings.cypher_max_bytes)
