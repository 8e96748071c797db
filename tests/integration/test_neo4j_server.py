"""The local Neo4j server of ``kg neo4j``, for real: start, Bolt, Browser over HTTP, status, stop.

Needs ``kg neo4j install`` (Java 17+, Maven, Maven Central). Without it these tests skip, except in CI
(``CI=true``) where they fail. A server that ran before the tests is running again after them.
"""

from __future__ import annotations

import os
import stat
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.errors import StoreUnavailable
from kg.stores.settings import cache_dir, connection_settings, password_path
from kg_cli import browser_assets, neo4j_server
from kg_cli.cli_neo4j import neo4j_app

pytestmark = [pytest.mark.neo4j, pytest.mark.integration]
LOOPBACK = {"0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"}


@pytest.fixture(scope="module")
def server() -> Iterator[neo4j_server.Started]:
    if not neo4j_server.installed_version():
        reason = "the local Neo4j server is not installed: run `kg neo4j install` (needs Java 17+ and Maven)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    was_running = neo4j_server.status().running
    yield neo4j_server.start(timeout=180)
    if was_running:  # the tests stop it; leave it as it was found
        neo4j_server.start(timeout=180)
    else:
        neo4j_server.stop()


def _listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets listening on ``port`` (hex, as in /proc/net/tcp*)."""
    found = set()
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        for line in table.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_start_is_idempotent(server: neo4j_server.Started) -> None:
    again = neo4j_server.start()
    assert again.already_running
    assert again.pid == server.pid
    assert again.generated_password is None
    result = CliRunner().invoke(neo4j_app, ["start"])
    assert result.exit_code == 0, result.output
    assert "already running" in result.output


def test_bolt_answers_a_query(server: neo4j_server.Started) -> None:
    from neo4j import GraphDatabase

    settings = connection_settings()
    with GraphDatabase.driver(settings["uri"], auth=(settings["user"], settings["password"])) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one", database_=settings["database"])
    assert records[0]["one"] == 1
    assert neo4j_server.check_connection().startswith("Neo4j/5.")


def test_wrong_password_is_a_clear_error(server: neo4j_server.Started) -> None:
    settings = {**connection_settings(), "password": "not-the-password"}
    with pytest.raises(StoreUnavailable, match="refused the credentials of user 'neo4j'.*NEO4J_PASSWORD"):
        neo4j_server.check_connection(settings)


def test_password_is_stored_privately(server: neo4j_server.Started) -> None:
    path = password_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(path.read_text(encoding="utf-8").strip()) >= 8


def test_the_server_reads_no_file_and_bounds_every_transaction(server: neo4j_server.Started) -> None:
    """Defence in depth behind POST /cypher: LOAD CSV confined to an empty directory of kg's, never
    file:// URLs, the password outside it, and limits the server enforces on every transaction."""
    from neo4j import GraphDatabase

    settings = connection_settings()
    with GraphDatabase.driver(settings["uri"], auth=(settings["user"], settings["password"])) as driver:
        records, _, _ = driver.execute_query("SHOW SETTINGS YIELD name, value RETURN name, value")
    values = {record["name"]: record["value"] for record in records}
    imports = Path(values["server.directories.import"])
    assert imports == neo4j_server.import_dir() and imports.is_dir() and not any(imports.iterdir())
    assert not password_path().resolve().is_relative_to(imports.resolve())
    assert values["dbms.security.allow_csv_import_from_file_urls"] == "false"
    assert values["dbms.security.procedures.unrestricted"] == ""
    assert values["db.transaction.timeout"] == "1m"
    assert values["db.memory.transaction.max"] == "256.00MiB"
    assert values["dbms.memory.transaction.total.max"] == "600.00MiB"


def test_browser_is_served_over_http(server: neo4j_server.Started) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    with opener.open(neo4j_server.browser_url(), timeout=10) as response:
        assert response.status == 200
        body = response.read().decode("utf-8", errors="replace")
    assert "<title>Neo4j Browser</title>" in body


def test_the_browser_is_told_to_apply_kgs_style_and_open_kgs_guide(server: neo4j_server.Started) -> None:
    """The settings Neo4j Browser reads on connect name kg's asset server, which serves the style and guide."""
    from neo4j import GraphDatabase

    settings = connection_settings()
    with GraphDatabase.driver(settings["uri"], auth=(settings["user"], settings["password"])) as driver:
        records, _, _ = driver.execute_query("SHOW SETTINGS YIELD name, value WHERE name STARTS WITH 'browser.' "
                                             "RETURN name, value")
    values = {record["name"]: record["value"] for record in records}
    guide = neo4j_server.guide_url()
    assert guide is not None
    base = guide.removesuffix("/guide.html")
    assert values["browser.post_connect_cmd"] == f"style {base}/style.grass; play {guide}"
    assert "127.0.0.1" in values["browser.remote_content_hostname_whitelist"].split(",")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    origin = neo4j_server.browser_url().removesuffix("/browser/")
    request = urllib.request.Request(guide, headers={"Origin": origin})
    with opener.open(request, timeout=10) as response:
        assert response.headers["Access-Control-Allow-Origin"] == origin
        assert "kg: Chinese policy documents as a graph" in response.read().decode("utf-8")


def test_listens_on_loopback_only(server: neo4j_server.Started) -> None:
    status = neo4j_server.status()
    guide = neo4j_server.guide_url()
    assert guide is not None
    for url in (status.bolt_uri, status.http_url, guide):
        port = int(url.split(":")[2].split("/")[0])
        addresses = _listening_addresses(port)
        assert addresses, f"nothing listens on {port}"
        assert addresses <= LOOPBACK, f"port {port} listens on {addresses}"


def test_status_while_running(server: neo4j_server.Started) -> None:
    status = neo4j_server.status()
    assert status.running and status.bolt_reachable
    assert status.pid == server.pid
    assert status.version and status.version.startswith("5.26")
    assert status.log_path.is_file()
    result = CliRunner().invoke(neo4j_app, ["status"])
    assert result.exit_code == 0, result.output
    assert f"yes (pid {server.pid})" in result.output
    assert "answers" in result.output


def test_stop_is_idempotent_and_status_says_stopped(server: neo4j_server.Started) -> None:
    assets = browser_assets.running(cache_dir())
    assert assets is not None
    assert neo4j_server.stop() == server.pid
    assert browser_assets.running(cache_dir()) is None and neo4j_server.guide_url() is None  # stopped with it
    assert not Path(f"/proc/{assets[0]}/cmdline").exists() or b"browser_assets" not in Path(
        f"/proc/{assets[0]}/cmdline").read_bytes()
    assert neo4j_server.stop() is None
    assert not (cache_dir() / "neo4j.pid").exists()
    status = neo4j_server.status()
    assert not status.running and not status.bolt_reachable
    result = CliRunner().invoke(neo4j_app, ["status"])
    assert result.exit_code == 3, result.output
    assert "running  no" in result.output
    result = CliRunner().invoke(neo4j_app, ["stop"])
    assert result.exit_code == 0 and "not running" in result.output
    with pytest.raises(StoreUnavailable, match="not reachable"):
        neo4j_server.check_connection(timeout=2.0)
