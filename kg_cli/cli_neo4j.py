"""``kg neo4j install|start|stop|status``: the local Neo4j Community server (see :mod:`kg_cli.neo4j_server`).

Mounted into ``kg`` as ``app.add_typer(neo4j_app, name="neo4j")``; also runs alone with
``python -m kg_cli.cli_neo4j``.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from kg.stores.settings import connection_settings, password_path
from kg_cli.cli_errors import ReportingGroup

__all__ = ["neo4j_app"]

neo4j_app = typer.Typer(
    name="neo4j",
    cls=ReportingGroup,
    help="Run a local Neo4j Community server (from Maven Central, cached in ~/.cache/kg/neo4j or "
         "$KG_CACHE_DIR/neo4j) on 127.0.0.1: Bolt $NEO4J_BOLT_PORT (7687), Browser on "
         "http://127.0.0.1:$NEO4J_HTTP_PORT/browser/ (7474).",
    no_args_is_help=True,
    add_completion=False,
)

TimeoutOption = Annotated[float, typer.Option("--timeout", min=1, help="Seconds to wait before giving up.")]


@neo4j_app.command()
def install(
    force: Annotated[bool, typer.Option("--force", help="Fetch and copy the jars again.")] = False,
) -> None:
    """Fetch the Neo4j server and Browser jars from Maven Central (checksums verified) into the cache.

    Idempotent: a second run does nothing. Needs Java 17+ and Maven on PATH.
    """
    from kg_cli import neo4j_server  # not on import: `kg` loads this module for every command

    if force or neo4j_server.needs_install():
        typer.echo(f"fetching Neo4j from Maven Central into {neo4j_server.home_dir()} ...")
    home = neo4j_server.install(force=force)
    typer.echo(f"Neo4j {neo4j_server.installed_version()} is installed in {home}")


@neo4j_app.command()
def start(timeout: TimeoutOption = 180.0) -> None:
    """Start the server in the background (installing it first if needed) and wait until Bolt answers.

    Idempotent: says so and exits 0 when it already runs. On the first start the `neo4j` user gets
    $NEO4J_PASSWORD, or a generated password that is printed once and kept in the cache (mode 0600).
    Beside it runs a small server of kg's Browser style and guide on 127.0.0.1 ($NEO4J_BROWSER_ASSETS_PORT,
    by default any free port), which the Browser applies and opens when you log in.
    """
    from kg_cli import neo4j_server  # not on import: `kg` loads this module for every command

    if neo4j_server.installed_version() is None:
        typer.echo(f"fetching Neo4j from Maven Central into {neo4j_server.home_dir()} first ...")
    started = neo4j_server.start(timeout=timeout)
    settings = connection_settings()
    state = "already running" if started.already_running else "started"
    typer.echo(f"Neo4j {state} (pid {started.pid}): {settings['uri']}, "
               f"Browser {neo4j_server.browser_url()} (kg's style and guide: {neo4j_server.guide_url()})")
    if started.generated_password:
        typer.echo(f"generated password for user 'neo4j': {started.generated_password} "
                   f"(kept in {password_path()})")
    elif not started.already_running:
        typer.echo(f"password for user 'neo4j' is in {password_path()}")
    stored = password_path()
    if os.environ.get("NEO4J_PASSWORD") and stored.is_file() and \
            stored.read_text(encoding="utf-8").strip() != os.environ["NEO4J_PASSWORD"]:
        typer.echo(f"warning: NEO4J_PASSWORD differs from the server's password in {stored}; it is only "
                   "applied on a first start (delete the cache's home/data to start afresh)", err=True)


@neo4j_app.command()
def stop(timeout: TimeoutOption = 60.0) -> None:
    """Stop the server (SIGTERM, then SIGKILL after --timeout seconds) and its Browser style and guide server. Idempotent."""
    from kg_cli import neo4j_server  # not on import: `kg` loads this module for every command

    pid = neo4j_server.stop(timeout=timeout)
    typer.echo(f"Neo4j stopped (pid {pid})" if pid else "Neo4j is not running")


@neo4j_app.command()
def status() -> None:
    """Show what runs where: pid, ports, whether Bolt answers, version, cache and log. Exit 0 if running, else 3."""
    from kg_cli import neo4j_server  # not on import: `kg` loads this module for every command

    s = neo4j_server.status()
    rows = [
        ("running", f"yes (pid {s.pid})" if s.running else "no"),
        ("bolt", f"{s.bolt_uri} ({'answers' if s.bolt_reachable else 'not reachable'})"
         if s.running else s.bolt_uri),
        ("browser", s.http_url),
        ("guide", neo4j_server.guide_url() or "not served"),
        ("version", s.version or "not installed (run `kg neo4j install`)"),
        ("cache", str(s.cache_dir)),
        ("log", str(s.log_path)),
    ]
    if s.detail:
        rows.append(("problem", s.detail))
    for name, value in rows:
        typer.echo(f"{name:<8} {value}")
    if not s.running:
        raise typer.Exit(3)


if __name__ == "__main__":
    neo4j_app()
