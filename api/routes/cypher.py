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
             responses={400: {"model": ErrorBody}, 403: {"model": ErrorBody}, 501: {"model": ErrorBody},
                        503: {"model": ErrorBody}})
def cypher(body: CypherRequest, store: Store, request: Request) -> dict:
    """Runs the query in a READ transaction with a timeout and a row limit. Queries that write, change the
    schema, administer the DBMS or read server files are refused with 403; invalid Cypher gives 400.
    Needs the Neo4j store (`KG_STORE=neo4j`); the embedded store answers 501."""
    run = getattr(store, "run_read_only", None)
    if run is None:
        raise CypherNotSupported("POST /cypher needs the Neo4j store: start Neo4j (`kg neo4j start`), "
                                 "load the graph (`kg build --store neo4j`) and serve with KG_STORE=neo4j")
    return run(body.query, body.parameters, timeout=request.app.state.settings.cypher_timeout,
               row_limit=body.limit)
