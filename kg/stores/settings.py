"""Which graph store to open and how to reach it, from the environment; :func:`open_store` opens it.

``KG_STORE``       "networkx" (default) or "neo4j".
``KG_DATA_DIR``    the data directory; the NetworkX store lives in ``<KG_DATA_DIR>/graph/`` (default "data").
``NEO4J_URI``      default ``bolt://127.0.0.1:$NEO4J_BOLT_PORT`` (7687), the local server ``kg neo4j start`` runs.
``NEO4J_USER``     default ``neo4j``.
``NEO4J_PASSWORD`` default the password the local server keeps in its cache (``$KG_CACHE_DIR/neo4j/password``).
``NEO4J_DATABASE`` default ``neo4j``.

The command line and the API both open their store here, so they read the same variables the same way.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import StoreError

if TYPE_CHECKING:  # the stores (pydantic records, networkx) load when a store is opened, not for its settings
    from kg.stores.base import GraphStore

__all__ = ["STORE_KINDS", "StoreSettings", "open_store", "connection_settings", "cache_dir", "password_path",
           "stored_password", "bolt_port", "http_port"]

STORE_KINDS = ("networkx", "neo4j")


@dataclass(frozen=True)
class StoreSettings:
    """The store to open: ``store`` is one of :data:`STORE_KINDS`; the NetworkX graph is in ``graph_dir``."""

    store: str = "networkx"
    data_dir: Path = Path("data")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> StoreSettings:
        """``KG_STORE`` and ``KG_DATA_DIR`` from ``environ`` (default ``os.environ``); blank keeps the default."""
        env = os.environ if environ is None else environ
        return cls(store=env.get("KG_STORE", "").strip().lower() or cls.store,
                   data_dir=Path(env.get("KG_DATA_DIR", "").strip() or str(cls.data_dir)))

    @property
    def graph_dir(self) -> Path:
        """Where the NetworkX store keeps its graph file."""
        return self.data_dir / "graph"


def open_store(settings: StoreSettings, *, verify: bool = False) -> GraphStore:
    """Open the store named by ``settings.store``: the NetworkX graph under ``settings.graph_dir`` (read
    now, so a corrupt file fails here), or Neo4j as :func:`connection_settings` says. With ``verify``, an
    unreachable Neo4j fails now (:class:`~kg.errors.StoreUnavailable`) and its schema is created;
    without, the driver connects on first use, so a server started later is found then."""
    if settings.store == "networkx":
        from kg.stores.networkx_store import NetworkXStore

        return NetworkXStore.open(settings.graph_dir)
    if settings.store == "neo4j":
        from kg.stores.neo4j_store import Neo4jStore

        connection = connection_settings()
        return Neo4jStore.connect(connection["uri"], connection["user"], connection["password"],
                                  connection["database"], verify=verify)
    raise StoreError(f"unknown KG_STORE {settings.store!r}; choose {' or '.join(STORE_KINDS)}")


def connection_settings() -> dict[str, str | None]:
    """``uri``, ``user``, ``password``, ``database`` of Neo4j: env vars win, else the local server's.

    ``NEO4J_URI`` (``bolt://127.0.0.1:$NEO4J_BOLT_PORT``), ``NEO4J_USER`` (``neo4j``), ``NEO4J_PASSWORD``
    (else the password stored by ``kg neo4j start``; None if neither), ``NEO4J_DATABASE`` (``neo4j``).
    """
    return {"uri": os.environ.get("NEO4J_URI") or f"bolt://127.0.0.1:{bolt_port()}",
            "user": os.environ.get("NEO4J_USER") or "neo4j",
            "password": os.environ.get("NEO4J_PASSWORD") or stored_password(),
            "database": os.environ.get("NEO4J_DATABASE") or "neo4j"}


def cache_dir() -> Path:
    """``$KG_CACHE_DIR/neo4j``, by default ``~/.cache/kg/neo4j``: where the local server lives."""
    root = os.environ.get("KG_CACHE_DIR") or Path.home() / ".cache" / "kg"
    return Path(root).expanduser().resolve() / "neo4j"


def password_path() -> Path:
    """Where the password of the local server's ``neo4j`` user is kept (mode 0600)."""
    return cache_dir() / "password"


def stored_password() -> str | None:
    """The local server's password, or None before its first start."""
    path = password_path()
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


def bolt_port() -> int:
    """The local server's Bolt port: ``NEO4J_BOLT_PORT``, default 7687."""
    return _port("NEO4J_BOLT_PORT", 7687)


def http_port() -> int:
    """The local server's HTTP port (Neo4j Browser): ``NEO4J_HTTP_PORT``, default 7474."""
    return _port("NEO4J_HTTP_PORT", 7474)


def _port(name: str, default: int) -> int:
    value = os.environ.get(name, str(default))
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise StoreError(f"{name}={value!r} is not a TCP port")
    return int(value)
