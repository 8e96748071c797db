"""API settings read from the environment (pydantic-settings is not a dependency, so a small dataclass).

``KG_STORE``    which graph store to open: "networkx" (default) or "neo4j".
``KG_DATA_DIR`` the data directory; the NetworkX store lives in ``<KG_DATA_DIR>/graph/`` (default "data").
``KG_CYPHER_TIMEOUT`` seconds a ``POST /cypher`` query may run (default 10); the API answers within it
plus a second whatever Neo4j does.
``KG_CYPHER_MAX_BYTES`` the largest ``POST /cypher`` answer, in bytes of JSON rows (default 8,000,000): 413 past it.
Neo4j is reached with ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` (kg.neo4j_server).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Settings"]


@dataclass(frozen=True)
class Settings:
    store: str = "networkx"
    data_dir: Path = Path("data")
    cypher_timeout: float = 10.0
    cypher_max_bytes: int = 8_000_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``environ`` (default ``os.environ``); unset or blank variables keep their defaults."""
        env = os.environ if environ is None else environ
        store = env.get("KG_STORE", "").strip().lower() or cls.store
        data_dir = env.get("KG_DATA_DIR", "").strip() or str(cls.data_dir)
        timeout = env.get("KG_CYPHER_TIMEOUT", "").strip()
        max_bytes = env.get("KG_CYPHER_MAX_BYTES", "").strip()
        return cls(store=store, data_dir=Path(data_dir), cypher_timeout=float(timeout) if timeout else cls.cypher_timeout,
                   cypher_max_bytes=int(max_bytes) if max_bytes else cls.cypher_max_bytes)

    @property
    def graph_dir(self) -> Path:
        """Where the NetworkX store keeps its graph file."""
        return self.data_dir / "graph"
