"""The one way every kg command line reports an error it can explain: a :class:`~kg.errors.KgError` becomes
``error: <message>`` on stderr and exit status 1, never a traceback.

Typer apps use it as their group (``typer.Typer(cls=ReportingGroup)``); the entry points that are not Typer
apps (``python -m kg_cli.evaluate``, the scripts in ``benchmarks/``) run their work inside :func:`reported`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from typer.core import TyperGroup

from kg.errors import KgError

__all__ = ["EXIT_ERROR", "reported", "ReportingGroup"]

EXIT_ERROR = 1


@contextmanager
def reported() -> Iterator[None]:
    """Report a :class:`KgError` raised inside as ``error: <message>`` on stderr and exit with status 1."""
    try:
        yield
    except KgError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR) from None


class ReportingGroup(TyperGroup):
    """A Typer group whose commands report errors through :func:`reported`."""

    def invoke(self, ctx: Any) -> Any:
        with reported():
            return super().invoke(ctx)
