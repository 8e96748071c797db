"""A local Neo4j Community server for kg, assembled from Maven Central and run from a cache directory.

Neo4j does not publish its distribution archive to Maven Central (``org.neo4j.assembly:neo4j-community-
standalone`` has only a ``.pom`` there), but it does publish every module the archive is made of. So
:func:`install` has Maven copy the runtime class path of ``neo4j/server/pom.xml`` (``org.neo4j.app:neo4j-
server`` + ``org.neo4j.client:neo4j-browser``) into ``<cache>/home/lib`` with ``-C`` (strict checksums:
any jar whose SHA-1 does not match Central's fails the install), and :func:`start` runs the same entry
point as the tarball, ``org.neo4j.server.CommunityEntryPoint``, in its own process group: Bolt and HTTP
(with Neo4j Browser at ``/browser/``) on 127.0.0.1 only, authentication on.

The cache is ``$KG_CACHE_DIR/neo4j`` (default ``~/.cache/kg/neo4j``): ``home/`` (NEO4J_HOME: lib, conf,
data, logs), ``password`` (0600), ``neo4j.pid``. ``neo4j/server/neo4j.conf`` and ``jvm.options`` hold the
configuration. Ports come from ``NEO4J_BOLT_PORT`` (7687) and ``NEO4J_HTTP_PORT`` (7474), the heap from
``NEO4J_HEAP`` (1g), the page cache from ``NEO4J_PAGECACHE`` (256m); ``KG_MAVEN_ARGS`` adds arguments to
the Maven call (e.g. ``-Dmaven.repo.local=/tmp/m2``). Where kg connects to it (``NEO4J_URI`` … and the stored
password) is :mod:`kg.stores.settings`, which the API reads as well.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError, StoreUnavailable
from kg.stores.settings import (
    bolt_port,
    cache_dir,
    connection_settings,
    http_port,
    password_path,
    stored_password,
)
from kg_cli import browser_assets

__all__ = [
    "Neo4jServerError", "ServerStatus", "Started", "SERVER_DIR", "home_dir", "log_path", "import_dir",
    "server_settings", "browser_url", "guide_url", "installed_version", "needs_install", "install", "start", "stop", "status",
    "check_connection",
]

SERVER_DIR = Path(__file__).resolve().parents[1] / "neo4j" / "server"  # pom.xml, neo4j.conf, jvm.options
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
# What the server holds every transaction to, whoever runs it (kg's writes, POST /cypher, the Browser):
# kg's own write transactions take a few seconds and a few tens of MB.
TRANSACTION_TIMEOUT = "60s"
TRANSACTION_MEMORY = "256m"
TRANSACTION_TOTAL_MEMORY = "600m"  # of the 1 GB heap (NEO4J_HEAP)
_MARKER = ".kg-installed"


class Neo4jServerError(KgError):
    """The local Neo4j server cannot be installed, started or stopped (the message says why and what to do)."""


@dataclass(frozen=True)
class ServerStatus:
    """What :func:`status` found: ``running`` is true when our server process is alive."""

    running: bool
    pid: int | None
    bolt_uri: str
    http_url: str
    bolt_reachable: bool
    version: str | None
    cache_dir: Path
    log_path: Path
    detail: str = ""


@dataclass(frozen=True)
class Started:
    """What :func:`start` did: ``generated_password`` is set only when it made one up (first start)."""

    pid: int
    already_running: bool
    generated_password: str | None = None


def home_dir() -> Path:
    """NEO4J_HOME of the local server: ``lib``, ``conf``, ``data``, ``logs``."""
    return cache_dir() / "home"


def log_path() -> Path:
    """The server's own log (``home/logs/neo4j.log``); its stdout/stderr go to ``console.log`` beside it."""
    return home_dir() / "logs" / "neo4j.log"


def browser_url() -> str:
    """Neo4j Browser of the local server: ``http://127.0.0.1:$NEO4J_HTTP_PORT/browser/``."""
    return f"http://127.0.0.1:{http_port()}/browser/"


def _stamp() -> str:
    """``<neo4j.version> <sha256 of pom.xml>``: what an up-to-date install has in its marker file."""
    pom = SERVER_DIR / "pom.xml"
    if not pom.is_file():
        raise Neo4jServerError(f"{pom} is missing: kg must run from its source checkout to install Neo4j")
    match = re.search(r"<neo4j\.version>([^<]+)<", pom.read_text(encoding="utf-8"))
    return f"{match.group(1) if match else 'unknown'} {hashlib.sha256(pom.read_bytes()).hexdigest()}"


def _marker() -> str | None:
    path = home_dir() / "lib" / _MARKER
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


def installed_version() -> str | None:
    """The Neo4j version installed in the cache, or None when :func:`install` has not completed."""
    return marker.split()[0] if (marker := _marker()) else None


def needs_install() -> bool:
    """True when the cache holds no server, or one fetched for another ``neo4j/server/pom.xml``."""
    return _marker() != _stamp()


def _tool(name: str, hint: str) -> str:
    found = shutil.which(name)
    if not found:
        raise Neo4jServerError(f"`{name}` is not on PATH; the local Neo4j server needs it: {hint}")
    return found


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home and (Path(java_home) / "bin" / "java").exists() \
        else _tool("java", "install a JDK/JRE 17 or 21, e.g. `apt-get install openjdk-17-jre-headless`")
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    match = re.search(r'version "(\d+)', out)
    if not match or int(match.group(1)) < 17:
        raise Neo4jServerError(f"Neo4j 5.26 needs Java 17 or 21; {java} is: {out.strip().splitlines()[:1]}")
    return java


def install(*, force: bool = False) -> Path:
    """Fetch the server jars from Maven Central into the cache (idempotent) and return NEO4J_HOME."""
    home, stamp = home_dir(), _stamp()
    if not force and _marker() == stamp:
        return home
    _java()
    mvn = _tool("mvn", "install Maven 3.8+, e.g. `apt-get install maven`")
    if _find_pid() is not None:
        raise Neo4jServerError("the local Neo4j server is running: `kg neo4j stop` before reinstalling it")
    staging = home / "lib.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    command = [mvn, "-B", "-q", "-C", "-f", str(SERVER_DIR / "pom.xml"),  # -C: fail on a bad checksum
               *shlex.split(os.environ.get("KG_MAVEN_ARGS", "")),
               "dependency:copy-dependencies", f"-DoutputDirectory={staging}"]
    done = subprocess.run(command, capture_output=True, text=True)
    jars = {p.name for p in staging.glob("*.jar")}
    if done.returncode != 0 or not any(j.startswith("neo4j-server-") for j in jars):
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise Neo4jServerError(f"Maven could not fetch Neo4j ({shlex.join(command)}):\n{tail}")
    shutil.rmtree(home / "lib", ignore_errors=True)
    staging.rename(home / "lib")
    for sub in ("conf", "data", "logs", "run", "plugins", "import"):
        (home / sub).mkdir(exist_ok=True)
    (home / "lib" / _MARKER).write_text(stamp + "\n", encoding="utf-8")
    return home


def import_dir() -> Path:
    """The only directory LOAD CSV may read (``home/import``): kg creates it empty and puts nothing in it."""
    return home_dir() / "import"


def server_settings() -> dict[str, str]:
    """The values kg fills into ``neo4j/server/neo4j.conf`` besides the ports: the page cache
    (``NEO4J_PAGECACHE``), the import directory, and the limits every transaction is held to."""
    return {"pagecache": os.environ.get("NEO4J_PAGECACHE", "256m"), "import_dir": str(import_dir()),
            "transaction_timeout": TRANSACTION_TIMEOUT, "transaction_memory": TRANSACTION_MEMORY,
            "transaction_total_memory": TRANSACTION_TOTAL_MEMORY}


def _write_config(home: Path, bolt: int, http: int, assets: int) -> None:
    import_dir().mkdir(mode=0o700, exist_ok=True)
    template = (SERVER_DIR / "neo4j.conf").read_text(encoding="utf-8")
    (home / "conf" / "neo4j.conf").write_text(
        template.format(bolt_port=bolt, http_port=http, assets_port=assets, **server_settings()), encoding="utf-8")


def _start_assets(http: int, port: int) -> int:
    """The port of kg's style and guide for the Browser (kg_cli/browser_assets.py), started if need be."""
    try:
        return browser_assets.start(cache_dir(), http, port)
    except OSError as error:
        raise Neo4jServerError(f"cannot serve kg's Browser style and guide on 127.0.0.1:{port} ({error}); "
                               "set NEO4J_BROWSER_ASSETS_PORT to a free port, or 0 for any") from None


def guide_url() -> str | None:
    """The kg guide the Browser opens on connect, while the local server's asset server runs."""
    found = browser_assets.running(cache_dir())
    return f"http://127.0.0.1:{found[1]}/guide.html" if found else None


def _jvm_options() -> list[str]:
    lines = (SERVER_DIR / "jvm.options").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _ours(pid: int) -> bool:
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return MAIN_CLASS.encode() in args and f"--home-dir={home_dir()}".encode() in args


def _find_pid() -> int | None:
    pid_file = cache_dir() / "neo4j.pid"
    if pid_file.is_file() and pid_file.read_text().strip().isdigit():
        pid = int(pid_file.read_text().strip())
        if _ours(pid):
            return pid
        pid_file.unlink(missing_ok=True)  # stale
    for entry in Path("/proc").iterdir():  # started by hand or pid file lost
        if entry.name.isdigit() and _ours(int(entry.name)):
            return int(entry.name)
    return None


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _store_password(password: str) -> None:
    fd = os.open(password_path(), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        os.fchmod(file.fileno(), 0o600)
        file.write(password + "\n")


def _tail(path: Path, lines: int = 12) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.is_file() else ""


def start(*, timeout: float = 180.0) -> Started:
    """Start the server unless it runs (installing it first if needed) and wait until Bolt answers."""
    if (pid := _find_pid()) is not None:
        # the Browser's settings name the asset server's port: bring it back on that port if it stopped
        conf_path = home_dir() / "conf" / "neo4j.conf"
        conf = conf_path.read_text(encoding="utf-8") if conf_path.is_file() else ""
        if (port := re.search(r"^browser\.post_connect_cmd=style http://127\.0\.0\.1:(\d+)/", conf, re.M)):
            _start_assets(http_port(), int(port.group(1)))
        return Started(pid, already_running=True)
    home, java = install(), _java()
    bolt, http = bolt_port(), http_port()
    for name, port in (("NEO4J_BOLT_PORT", bolt), ("NEO4J_HTTP_PORT", http)):
        if _port_open(port):
            raise Neo4jServerError(f"127.0.0.1:{port} is taken by another program; set {name} to a free port")
    browser_assets.stop(cache_dir())  # one left from a server that died: it may serve another port
    _write_config(home, bolt, http, _start_assets(http, browser_assets.assets_port_setting()))
    try:
        return _start_server(home, java, bolt, timeout)
    except BaseException:
        if _find_pid() is None:  # no server to serve the Browser of
            browser_assets.stop(cache_dir())
        raise


def _start_server(home: Path, java: str, bolt: int, timeout: float) -> Started:
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    classpath = str(home / "lib" / "*")
    generated = None
    if not (home / "data" / "databases" / "system").exists():  # first start: set the initial password
        password = os.environ.get("NEO4J_PASSWORD")
        if not password:  # reported by the first start that succeeds, even if an earlier attempt made it
            password = generated = stored_password() or secrets.token_urlsafe(18)
        if len(password) < 8:
            raise Neo4jServerError("NEO4J_PASSWORD must have at least 8 characters (Neo4j's minimum)")
        done = subprocess.run([java, "-cp", classpath, "org.neo4j.cli.AdminTool", "dbms",
                               "set-initial-password", password], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise Neo4jServerError(f"neo4j-admin dbms set-initial-password failed:\n{done.stdout}{done.stderr}")
        _store_password(password)
    heap = os.environ.get("NEO4J_HEAP", "1g")
    console = home / "logs" / "console.log"
    with open(console, "ab") as out:
        process = subprocess.Popen(
            [java, f"-Xms{heap}", f"-Xmx{heap}", *_jvm_options(), "-cp", classpath, MAIN_CLASS,
             f"--home-dir={home}", f"--config-dir={home / 'conf'}"],
            cwd=home, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)
    (cache_dir() / "neo4j.pid").write_text(f"{process.pid}\n")
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            (cache_dir() / "neo4j.pid").unlink(missing_ok=True)
            raise Neo4jServerError(f"Neo4j exited with status {process.returncode} while starting; "
                                   f"see {log_path()} and {console}:\n{_tail(console) or _tail(log_path())}")
        try:
            check_connection(_local_settings(), timeout=2.0)
            return Started(process.pid, already_running=False, generated_password=generated)
        except StoreUnavailable as error:
            if "refused the credentials" in str(error):
                raise Neo4jServerError(f"Neo4j started (pid {process.pid}) but {error}") from None
        if time.monotonic() > deadline:
            raise Neo4jServerError(f"Neo4j (pid {process.pid}) did not answer on Bolt 127.0.0.1:{bolt} "
                                   f"within {timeout:.0f} s (it still runs: `kg neo4j stop`); see {log_path()} and {console}")
        time.sleep(1.0)


def stop(*, timeout: float = 60.0) -> int | None:
    """Stop the server (SIGTERM, then SIGKILL after ``timeout`` s); return its pid, or None if none ran."""
    pid = _find_pid()
    for signum, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 30.0)) if pid is not None else ():
        with contextlib.suppress(ProcessLookupError):  # the group start() made, else the process alone
            os.killpg(pid, signum) if os.getpgid(pid) == pid else os.kill(pid, signum)
        deadline = time.monotonic() + wait
        while _ours(pid) and time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):  # reap it if this process started it: no zombie
                os.waitpid(pid, os.WNOHANG)
            time.sleep(0.2)
        if not _ours(pid):
            break
    (cache_dir() / "neo4j.pid").unlink(missing_ok=True)
    browser_assets.stop(cache_dir())
    return pid


def status() -> ServerStatus:
    """Whether our server runs, where, and whether Bolt answers with the configured credentials."""
    bolt = bolt_port()
    pid, version, detail, reachable = _find_pid(), installed_version(), "", False
    if pid is not None:
        try:
            local = {**connection_settings(), "uri": f"bolt://127.0.0.1:{bolt}"}  # this server, not NEO4J_URI
            agent = check_connection(local, timeout=3.0)
            reachable, version = True, agent.split("/", 1)[-1]
        except StoreUnavailable as error:
            detail = str(error)
    return ServerStatus(running=pid is not None, pid=pid, bolt_uri=f"bolt://127.0.0.1:{bolt}",
                        http_url=browser_url(), bolt_reachable=reachable, version=version,
                        cache_dir=cache_dir(), log_path=log_path(), detail=detail)


def _local_settings() -> dict[str, str | None]:
    return {"uri": f"bolt://127.0.0.1:{bolt_port()}", "user": "neo4j",
            "password": stored_password() or os.environ.get("NEO4J_PASSWORD"), "database": "neo4j"}


def check_connection(settings: dict[str, str | None] | None = None, *, timeout: float = 5.0) -> str:
    """Connect over Bolt and return the server agent (``Neo4j/5.26.30``); raise :class:`StoreUnavailable`
    with a message saying what to do when the server is unreachable or refuses the credentials."""
    from neo4j import GraphDatabase, exceptions  # one statement: ruff sees the repo's neo4j/ directory

    s = settings or connection_settings()
    if not s.get("password"):
        raise StoreUnavailable(f"no Neo4j password: set NEO4J_PASSWORD, or start the local server with "
                               f"`kg neo4j start` (it stores one in {password_path()})")
    try:
        with GraphDatabase.driver(s["uri"], auth=(s["user"], s["password"]), connection_timeout=timeout,
                                  connection_acquisition_timeout=timeout) as driver:
            driver.verify_connectivity()
            return driver.get_server_info().agent
    except exceptions.AuthError:
        raise StoreUnavailable(
            f"Neo4j at {s['uri']} refused the credentials of user {s['user']!r}: check NEO4J_USER and "
            f"NEO4J_PASSWORD (the local server's password is in {password_path()})") from None
    except (exceptions.ServiceUnavailable, OSError) as error:
        raise StoreUnavailable(f"Neo4j is not reachable at {s['uri']} ({error}); start it with "
                               "`kg neo4j start` or check NEO4J_URI") from None
    except (exceptions.DriverError, exceptions.Neo4jError) as error:
        raise StoreUnavailable(f"Neo4j at {s['uri']} failed: {error}") from None
