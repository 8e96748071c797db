"""The Typer group every kg command line uses: a :class:`~kg.errors.KgError` becomes ``error: <message>``
on stderr and exit status 1, never a traceback."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from kg.errors import KgError

__all__ = ["ReportingGroup"]


class ReportingGroup(TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
