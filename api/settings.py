"""API settings read from the environment (pydantic-settings is not a dependency, so a small dataclass).

The store's own settings, ``KG_STORE`` and ``KG_DATA_DIR``, and the Neo4j connection (``NEO4J_URI``,
``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) are read by :mod:`kg.stores.settings`, as the
command line reads them. The API adds:

``KG_CYPHER_TIMEOUT`` seconds a ``POST /cypher`` query may run (default 10); the API answers within it
plus a second whatever Neo4j does.
``KG_CYPHER_MAX_BYTES`` the largest ``POST /cypher`` answer, in bytes of JSON rows (default 8,000,000): 413 past it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from kg.stores.settings import StoreSettings

__all__ = ["Settings"]


@dataclass(frozen=True)
class Settings(StoreSettings):
    cypher_timeout: float = 10.0
    cypher_max_bytes: int = 8_000_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``environ`` (default ``os.environ``); unset or blank variables keep their defaults."""
        env = os.environ if environ is None else environ
        store = StoreSettings.from_env(env)
        timeout = env.get("KG_CYPHER_TIMEOUT", "").strip()
        max_bytes = env.get("KG_CYPHER_MAX_BYTES", "").strip()
        return cls(store=store.store, data_dir=store.data_dir,
                   cypher_timeout=float(timeout) if timeout else cls.cypher_timeout,
                   cypher_max_bytes=int(max_bytes) if max_bytes else cls.cypher_max_bytes)
