"""docker-compose.yml and the Dockerfile: valid for the real Compose tool, and in step with kg's code.

No Docker engine is needed: ``docker compose config`` (or the standalone ``docker-compose``) validates and
normalises the file offline. The settings checks read the normalised file as JSON (Compose v2's
``config --format json``) or, without a v2 tool, the file itself with PyYAML when that is installed.
Without any of them the tests skip and say so.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import missing

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
DUMMY_PASSWORD = "compose-test-password"
INSTALL_HINT = ("install Docker Compose v2 (the `docker compose` plugin or the standalone `docker-compose`) "
                "or Debian's docker-compose package")


def compose_commands() -> list[list[str]]:
    """Every Compose CLI on this machine, v2 plugin first."""
    found = []
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True,
                                                 timeout=60).returncode == 0:
        found.append(["docker", "compose"])
    if shutil.which("docker-compose"):
        found.append(["docker-compose"])
    return found


def run_compose(command: list[str], *args: str, password: str | None = DUMMY_PASSWORD):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "COMPOSE_", "DOCKER_"))}
    if password is not None:
        env["NEO4J_PASSWORD"] = password
    return subprocess.run([*command, "--project-directory", str(ROOT), "-f", str(COMPOSE), *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def compose() -> list[str]:
    commands = compose_commands()
    if not commands:
        missing(f"no Compose tool to validate docker-compose.yml with: {INSTALL_HINT}")
    return commands[0]


@pytest.fixture(scope="module")
def config() -> dict:
    """The Compose file as the tool normalises it (NEO4J_PASSWORD set to a dummy), as a dict."""
    for command in compose_commands():
        done = run_compose(command, "config", "--format", "json")
        if done.returncode == 0 and done.stdout.lstrip().startswith("{"):
            return json.loads(done.stdout)
    try:
        import yaml
    except ImportError:
        missing("reading docker-compose.yml needs Compose v2 (`config --format json`) or PyYAML; "
                    f"neither is installed: {INSTALL_HINT}")
    text = COMPOSE.read_text(encoding="utf-8").replace("${NEO4J_PASSWORD:?set NEO4J_PASSWORD}", DUMMY_PASSWORD)
    return yaml.safe_load(text)


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def published(service: dict) -> dict[int, str]:
    """container port -> host address ("" for every interface), from long or short port syntax."""
    ports = {}
    for port in service.get("ports") or []:
        if isinstance(port, dict):
            ports[int(port["target"])] = port.get("host_ip", "")
        else:
            parts = str(port).split("/")[0].split(":")
            ports[int(parts[-1])] = parts[0] if len(parts) == 3 else ""
    return ports


# -- (a) the real tool accepts the file ---------------------------------------------------------------

def test_compose_validates_the_file(compose) -> None:
    done = run_compose(compose, "config", "-q")
    assert done.returncode == 0, done.stderr


def test_compose_refuses_to_run_without_a_password(compose) -> None:
    done = run_compose(compose, "config", "-q", password=None)
    assert done.returncode != 0
    assert "NEO4J_PASSWORD" in done.stderr


# -- (b) the file says what the code expects ----------------------------------------------------------

def test_the_services(config) -> None:
    assert set(config["services"]) == {"neo4j", "api"}


def test_neo4j_image_matches_the_version_kg_installs(config) -> None:
    image = config["services"]["neo4j"]["image"]
    match = re.fullmatch(r"neo4j:(\d+)\.(\d+)(?:\.\d+)?-community", image)
    assert match, f"expected neo4j:<major>.<minor>-community, found {image}"
    from kg_cli import neo4j_server

    pom = getattr(neo4j_server, "POM", ROOT / "neo4j" / "server" / "pom.xml")
    if not Path(pom).is_file():
        pytest.skip(f"{pom} (the version kg installs locally) is not there")
    version = re.search(r"<neo4j\.version>(\d+)\.(\d+)\.", Path(pom).read_text(encoding="utf-8"))
    assert version, f"no <neo4j.version> in {pom}"
    assert match.groups() == version.groups(), f"{image} but kg installs Neo4j {'.'.join(version.groups())}.x"


def test_neo4j_has_the_limits_of_kgs_local_server(config) -> None:
    """Every limit neo4j/server/neo4j.conf sets (file URLs, transaction time and memory) is set alike,
    in the image's NEO4J_<setting> form (dots become _, underscores __)."""
    from kg_cli import neo4j_server

    conf = (ROOT / "neo4j" / "server" / "neo4j.conf").read_text(encoding="utf-8").format(
        bolt_port=7687, http_port=7474, assets_port=7476, **neo4j_server.server_settings())
    settings = dict(line.split("=", 1) for line in conf.splitlines() if line and not line.startswith("#"))
    env = environment(config["services"]["neo4j"])
    limits = [name for name in settings if name.startswith(("db.transaction", "db.memory", "dbms.memory.transaction"))]
    for name in ["dbms.security.allow_csv_import_from_file_urls", *limits]:
        key = "NEO4J_" + name.replace("_", "__").replace(".", "_")
        assert str(env.get(key)).lower() == settings[name].lower(), (key, env.get(key), settings[name])


def test_neo4j_keeps_its_data_in_a_named_volume_and_is_guarded_by_a_healthcheck(config) -> None:
    neo4j = config["services"]["neo4j"]
    volumes = neo4j["volumes"]
    data = [v for v in volumes if (v["target"] if isinstance(v, dict) else v.split(":")[1]) == "/data"]
    assert data, volumes
    source = data[0]["source"] if isinstance(data[0], dict) else data[0].split(":")[0]
    assert source in config["volumes"], f"/data is not on a named volume: {source}"
    assert environment(neo4j)["NEO4J_AUTH"] == f"neo4j/{DUMMY_PASSWORD}"
    test = neo4j["healthcheck"]["test"]
    assert "7474" in " ".join(test) or "cypher-shell" in " ".join(test), test
    depends = config["services"]["api"]["depends_on"]
    assert depends["neo4j"]["condition"] == "service_healthy"


def test_ports_match_kgs_defaults(config, monkeypatch) -> None:
    from kg.stores.settings import connection_settings
    from kg_cli import neo4j_server

    for name in ("NEO4J_BOLT_PORT", "NEO4J_HTTP_PORT", "NEO4J_URI"):
        monkeypatch.delenv(name, raising=False)
    # The ports `kg neo4j start` uses when NEO4J_BOLT_PORT and NEO4J_HTTP_PORT are unset.
    bolt = int(connection_settings()["uri"].rsplit(":", 1)[1])
    http = int(re.search(r":(\d+)/browser/$", neo4j_server.browser_url()).group(1))
    assert set(published(config["services"]["neo4j"])) == {bolt, http}
    from kg_cli.cli import serve

    api_port = inspect.signature(serve).parameters["port"].default
    api_port = getattr(api_port, "default", api_port)
    assert set(published(config["services"]["api"])) == {api_port}
    assert f"EXPOSE {api_port}" in DOCKERFILE.read_text(encoding="utf-8")
    assert f'"--port", "{api_port}"' in DOCKERFILE.read_text(encoding="utf-8")


def test_ports_are_published_on_localhost_only(config) -> None:
    for name, service in config["services"].items():
        for port, host in published(service).items():
            assert host == "127.0.0.1", f"{name}: port {port} is published on {host or 'every interface'}"


def kg_environment_variables() -> set[str]:
    """Every KG_* and NEO4J_* variable name the API and the Neo4j connection code mention."""
    names: set[str] = set()
    for path in (ROOT / "api" / "settings.py", ROOT / "kg" / "stores" / "settings.py", ROOT / "kg_cli" / "neo4j_server.py"):
        if path.is_file():
            names |= set(re.findall(r"[\"'`]((?:KG|NEO4J)_[A-Z_]+)[\"'`]", path.read_text(encoding="utf-8")))
    return names


def test_api_sets_only_variables_kg_reads(config) -> None:
    env = environment(config["services"]["api"])
    unknown = set(env) - kg_environment_variables()
    assert not unknown, f"the api service sets variables kg never reads: {sorted(unknown)}"


def test_api_environment_opens_the_neo4j_store_on_the_neo4j_service(config, monkeypatch) -> None:
    from api.settings import Settings
    from kg.stores.settings import connection_settings

    env = environment(config["services"]["api"])
    assert Settings.from_env(env).store == "neo4j"
    for name in [n for n in os.environ if n.startswith(("NEO4J_", "KG_"))]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert connection_settings() == {"uri": "bolt://neo4j:7687", "user": "neo4j",
                                     "password": DUMMY_PASSWORD, "database": "neo4j"}
    neo4j_ports = published(config["services"]["neo4j"])
    assert int(env["NEO4J_URI"].rsplit(":", 1)[1]) in neo4j_ports


def test_api_is_built_from_the_dockerfile(config) -> None:
    build = config["services"]["api"]["build"]
    context = Path(build["context"] if isinstance(build, dict) else build)
    context = context if context.is_absolute() else ROOT / context
    assert context.resolve() == ROOT
    assert (build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile") == "Dockerfile"


# -- the Dockerfile and its build context -------------------------------------------------------------

def test_dockerfile_installs_kg_on_python_311_and_serves_the_app_from_the_environment() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim\b", text, re.MULTILINE)
    assert re.search(r"^RUN pip install \.", text, re.MULTILINE)
    cmd = re.search(r"^CMD (\[.*\])$", text, re.MULTILINE)
    assert cmd, "CMD in exec form"
    argv = json.loads(cmd.group(1))
    assert argv[:3] == ["uvicorn", "api.app:create_app", "--factory"]
    from api.app import create_app

    # The factory called with no arguments reads Settings.from_env(): KG_STORE and the NEO4J_* variables.
    assert all(p.default is None for p in inspect.signature(create_app).parameters.values())
    assert argv[argv.index("--host") + 1] == "0.0.0.0"


def test_the_build_context_holds_what_the_dockerfile_copies() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    sources = [s for line in re.findall(r"^COPY (.+)$", text, re.MULTILINE) for s in line.split()[:-1]
               if not s.startswith("--")]
    ignore = [line.strip() for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    assert ignore[0] == "*", ".dockerignore lists what to send (everything else is left out)"
    allowed = {line[1:].rstrip("/") for line in ignore if line.startswith("!")}
    for source in sources:
        assert (ROOT / source).exists(), source
        assert source.rstrip("/") in allowed, f"{source} is left out of the build context by .dockerignore"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    packages = re.search(r"include = \[([^\]]*)\]", pyproject).group(1)
    for package in re.findall(r'"(\w+)\*?"', packages):
        assert package in allowed, f"the package {package} is not copied into the image"
