"""Graph stores: the :class:`GraphStore` protocol and its implementations."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.stores.base import GraphStore
    from kg.stores.networkx_store import NetworkXStore

__all__ = ["GraphStore", "NetworkXStore"]

_MODULES = {"GraphStore": "kg.stores.base", "NetworkXStore": "kg.stores.networkx_store"}


def __getattr__(name: str) -> Any:
    # Loaded on first use: importing kg.stores.settings (every kg command does) then loads neither pydantic's
    # records nor networkx, which `kg extract` and the extraction workers never need.
    if name in _MODULES:
        return getattr(importlib.import_module(_MODULES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
