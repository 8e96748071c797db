"""Driver errors as kg's errors, for every module that talks to Neo4j."""

from __future__ import annotations

from kg.errors import StoreError, StoreUnavailable

__all__ = ["translate_errors"]


class translate_errors:  # noqa: N801  (used as a context manager, named like one)
    """Turn driver errors into kg's: unreachable or refused → StoreUnavailable (the API answers 503),
    anything else from Neo4j → StoreError."""

    def __init__(self, doing: str) -> None:
        self.doing = doing

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> bool:
        if error is None:
            return False
        from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

        if isinstance(error, AuthError) or "AuthenticationRateLimit" in (getattr(error, "code", None) or ""):
            raise StoreUnavailable(f"{self.doing}: Neo4j refused the credentials ({error.message}); "
                                   "check NEO4J_USER and NEO4J_PASSWORD") from error
        if isinstance(error, ServiceUnavailable | SessionExpired):
            raise StoreUnavailable(f"{self.doing}: Neo4j is not reachable ({error}); "
                                   "start it with `kg neo4j start` or check NEO4J_URI") from error
        if isinstance(error, Neo4jError | DriverError):
            raise StoreError(f"{self.doing}: {error}") from error
        return False
