"""FastAPI dependencies: the store lives on ``app.state`` and handlers receive it through ``Depends``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from kg.errors import StoreUnavailable
from kg.stores.base import GraphStore

__all__ = ["get_store", "Store"]


def get_store(request: Request) -> GraphStore:
    """The store the app was created with or opened at startup."""
    store = getattr(request.app.state, "store", None)
    if store is None:
        # Only reachable when the lifespan did not run (or failed); answer 503 rather than crash.
        raise StoreUnavailable("the graph store is not open")
    return store


Store = Annotated[GraphStore, Depends(get_store)]
