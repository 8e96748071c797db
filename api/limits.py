"""How much one request may ask for: the length of every string parameter and the size of a body.

Each bound is far above any real use (entity ids are about 25 characters, goal names at most 80) and
keeps the work of one request small: a longer ``q`` or id answers 422 before any store is touched (a
longer URL before it is even decoded), a larger body 413.
"""

from __future__ import annotations

__all__ = ["MAX_QUERY_CHARS", "MAX_REFERENCE_CHARS", "MAX_URL_BYTES", "MAX_BODY_BYTES"]

MAX_QUERY_CHARS = 200  # q of /search and /entities: part of a name
MAX_REFERENCE_CHARS = 200  # entity ids, and goals by id or name
# The path or the query string of a URL, percent-encoded: room for every parameter at its limit (a
# 200-character q is at most 2,400 bytes encoded), checked before anything decodes it.
MAX_URL_BYTES = 8192
MAX_BODY_BYTES = 1_000_000  # a POST body (POST /cypher: the query and its parameters)
