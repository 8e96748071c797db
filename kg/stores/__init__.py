"""Graph stores: the :class:`GraphStore` protocol and its implementations."""

from kg.stores.base import GraphStore
from kg.stores.networkx_store import NetworkXStore

__all__ = ["GraphStore", "NetworkXStore"]
