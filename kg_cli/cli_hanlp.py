"""``kg hanlp``: set up the HanLP 1.x backend (the jar it runs in a JVM).

``kg hanlp install`` (or ``python -m kg_cli.cli_hanlp install``) fetches the pinned portable HanLP jar from
Maven Central into the cache (``$KG_CACHE_DIR/hanlp``, default ``~/.cache/kg/hanlp``), checks its SHA-256,
then starts a JVM and segments one sentence to show that Java and the jar work. Nothing is imported from
``pipelines/`` until the command runs.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from kg_cli.cli_errors import ReportingGroup

__all__ = ["kg_hanlp"]


kg_hanlp = typer.Typer(
    name="hanlp",
    cls=ReportingGroup,
    help="Set up the HanLP 1.x backend (`--backend hanlp`): fetch and check the HanLP jar.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


@kg_hanlp.callback()
def _group() -> None:
    """Set up the HanLP 1.x backend (`--backend hanlp`): fetch and check the HanLP jar."""


@kg_hanlp.command()
def install(
    force: Annotated[bool, typer.Option(
        "--force", help="Fetch the jar again even if the cache holds it (e.g. after a checksum error).")] = False,
    check: Annotated[bool, typer.Option(
        "--check/--no-check", help="Start a JVM with the jar and segment one sentence to show it works.")] = True,
) -> None:
    """Fetch the pinned HanLP jar from Maven Central into the cache (needs `mvn`) and verify its SHA-256.

    Does nothing but verify when the jar is already cached. Set KG_CACHE_DIR to move the cache, or
    KG_HANLP_JAR to use a jar you downloaded yourself (it is checked against the same checksum).
    """
    from pipelines import hanlp_jar

    if force and not os.environ.get("KG_HANLP_JAR"):
        hanlp_jar.cache_dir().joinpath(hanlp_jar.JAR_NAME).unlink(missing_ok=True)
    cached = hanlp_jar.jar_path().is_file()
    jar = hanlp_jar.ensure_jar()
    typer.echo(f"{'verified' if cached else 'fetched and verified'} {hanlp_jar.ARTIFACT}: {jar} "
               f"({jar.stat().st_size:,} bytes, sha256 {hanlp_jar.JAR_SHA256})")
    if check:
        from pipelines import hanlp_backend

        terms = hanlp_backend.segment("推进衡阳港区建设")
        typer.echo(f"JVM started in {hanlp_backend.jvm_startup_seconds():.2f} s; HanLP segments 推进衡阳港区建设 as "
                   + " ".join(f"{word}/{nature}" for word, nature in terms))


if __name__ == "__main__":
    kg_hanlp()
