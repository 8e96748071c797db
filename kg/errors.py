"""One small hierarchy for every error kg reports to a user.

Each carries a message meant to be printed as it is; the CLI turns them into a non-zero exit without a
traceback and the API into a JSON error.
"""

__all__ = [
    "KgError",
    "InputError",
    "ExtractionError",
    "StoreError",
    "StoreUnavailable",
    "NotFound",
    "Ambiguous",
    "ExportError",
    "CypherRefused",
    "CypherInvalid",
    "CypherTooLarge",
]


class KgError(Exception):
    """Base class: a problem the user can act on."""


class InputError(KgError):
    """A document cannot be read: missing, empty, binary, undecodable, too large, malformed JSONL."""


class ExtractionError(KgError):
    """The pipeline produced something inconsistent (offsets that do not match the text, unknown labels)."""


class StoreError(KgError):
    """The graph store failed to read or write."""


class StoreUnavailable(StoreError):
    """The graph store cannot be reached (Neo4j down, wrong password)."""


class Ambiguous(KgError):
    """A name that several entities go by (two cities' goals of one name), where one was asked for."""


class NotFound(KgError):
    """An entity, goal or document id that the store does not hold."""


class ExportError(KgError):
    """An export cannot be written: the output exists (without ``force``), or the file system refused."""


class CypherRefused(KgError):
    """A user's Cypher would do more than read the graph: write, administer, read files, call a
    procedure that is not allowed (HTTP 403)."""


class CypherInvalid(KgError):
    """A user's Cypher is not valid, or failed while running: too slow, too much memory (HTTP 400)."""


class CypherTooLarge(KgError):
    """The answer to a user's Cypher is larger than the byte limit (HTTP 413)."""
