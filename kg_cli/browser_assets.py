"""kg's style and guide for Neo4j Browser, served over HTTP on 127.0.0.1 by a small process of its own.

Neo4j Browser applies a stylesheet and opens a guide on connect when the server's ``browser.post_connect_cmd``
says ``style <url>; play <url>`` and the url's host is in ``browser.remote_content_hostname_whitelist``;
it fetches both with ``fetch()`` from the Browser's own origin. Neo4j's HTTP server serves only the Browser
itself, so ``kg neo4j start`` starts this server beside it (``kg neo4j stop`` stops both) and writes those
settings into the server's neo4j.conf. It serves three things and nothing else, to the Browser's origin only
(CORS):

- ``/style.grass``: ``neo4j/browser/style.grass``
- ``/guide.html``: the kg guide, a ``:play`` guide built from ``neo4j/browser/guide.html`` and the example
  queries of ``neo4j/browser/queries.cypher`` (each one clickable)
- ``/queries.cypher``: the example queries as they are

Run by ``kg neo4j start`` as ``python -m kg_cli.browser_assets --fd N --origin URL``: the listening socket is
opened by the parent (so a taken port is its error, and port 0 picks a free one) and handed over.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import os
import re
import signal
import socket
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

__all__ = ["BROWSER_DIR", "assets_port_setting", "guide_html", "query_sections", "running", "serve", "start", "stop"]

BROWSER_DIR = Path(__file__).resolve().parents[1] / "neo4j" / "browser"  # style.grass, queries.cypher, guide.html
# The headers Neo4j Browser sends with a guide request (pragma, cache-control): they make it a CORS preflight.
ALLOWED_HEADERS = "pragma, cache-control, content-type, x-ajax-browser-auth, x-stream"
_NUMBERED = re.compile(r"^(\d+[a-z]?)\.\s*")


def query_sections(text: str) -> list[tuple[str, str]]:
    """(comment, statement) of each numbered example of queries.cypher, in file order.

    >>> query_sections("// intro\\n\\n// 1. All goals.\\nMATCH (g:GOAL)\\nRETURN g;\\n")
    [('1. All goals.', 'MATCH (g:GOAL)\\nRETURN g;')]
    """
    sections, comment, lines = [], [], []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("//"):
            if lines:
                comment, lines = [], []
            comment.append(stripped[2:].strip())
        elif stripped:
            lines.append(line.rstrip())
            if stripped.endswith(";"):
                if comment and _NUMBERED.match(comment[0]):
                    sections.append((" ".join(comment), "\n".join(lines)))
                comment, lines = [], []
        elif not lines:
            comment = comment if comment and _NUMBERED.match(comment[0]) else []
    return sections


def guide_html(browser_dir: Path = BROWSER_DIR) -> str:
    """The guide: the slides of guide.html, then one slide of example queries per group of queries.cypher
    (1, 1b … share a slide), each statement a ``<pre class="runnable">`` the Browser makes clickable."""
    intro = (browser_dir / "guide.html").read_text(encoding="utf-8")
    groups: dict[str, list[tuple[str, str]]] = {}
    for comment, statement in query_sections((browser_dir / "queries.cypher").read_text(encoding="utf-8")):
        number = _NUMBERED.match(comment).group(1).rstrip("abcdefgh")
        groups.setdefault(number, []).append((comment, statement))
    slides = []
    for number, items in groups.items():
        body = "\n".join(f'<p>{html.escape(comment)}</p>\n<pre class="runnable">{html.escape(statement)}</pre>'
                         for comment, statement in items)
        slides.append(f'<slide class="row-fluid">\n<div class="col-sm-12">\n<h3>Example query {number}</h3>\n'
                      f"{body}\n</div>\n</slide>")
    return intro.replace("<!-- example queries -->", "\n".join(slides))


def _handler(origins: frozenset[str], browser_dir: Path):
    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-browser-assets"

        def _cors(self) -> None:
            origin = self.headers.get("Origin")
            if origin in origins:
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Vary", "Origin")

        def do_OPTIONS(self) -> None:  # noqa: N802 (http.server's naming)
            self.send_response(204)
            self._cors()
            self.send_header("Access-Control-Allow-Methods", "GET")
            self.send_header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
            self.send_header("Access-Control-Max-Age", "600")
            self.end_headers()

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.split("?", 1)[0]
            if path == "/style.grass":
                body, kind = (browser_dir / "style.grass").read_bytes(), "text/plain; charset=utf-8"
            elif path == "/queries.cypher":
                body, kind = (browser_dir / "queries.cypher").read_bytes(), "text/plain; charset=utf-8"
            elif path == "/guide.html":
                body, kind = guide_html(browser_dir).encode("utf-8"), "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self._cors()
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args) -> None:  # noqa: A002
            pass  # no access log: nothing a user needs

    return Handler


def serve(listening: socket.socket, origins: list[str], browser_dir: Path = BROWSER_DIR) -> None:
    """Serve the assets on an already bound, listening socket until the process is stopped."""
    server = ThreadingHTTPServer(listening.getsockname(), _handler(frozenset(origins), browser_dir),
                                 bind_and_activate=False)
    server.socket.close()
    server.socket = listening
    server.daemon_threads = True
    server.serve_forever()


# -- the process, as kg neo4j start and stop run it ------------------------------------------------------

def assets_port_setting() -> int:
    """``NEO4J_BROWSER_ASSETS_PORT``; 0 (the default) lets the system pick a free port at start."""
    return int(os.environ.get("NEO4J_BROWSER_ASSETS_PORT", "0"))


def _ours(pid: int) -> bool:
    try:
        return b"kg_cli.browser_assets" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False


def running(cache: Path) -> tuple[int, int] | None:
    """(pid, port) of the asset server started for the Neo4j in ``cache``, if it runs."""
    try:
        pid, port = (int(value) for value in (cache / "browser-assets.pid").read_text().split())
    except (OSError, ValueError):
        return None
    return (pid, port) if _ours(pid) else None


def start(cache: Path, http_port: int, port: int) -> int:
    """Start the asset server for a Neo4j whose Browser is on ``http_port`` unless it runs; its port.

    ``port`` 0 picks a free one. Raises OSError when ``port`` is taken."""
    if (found := running(cache)) is not None and port in (0, found[1]):
        return found[1]
    listening = socket.socket()
    try:
        listening.bind(("127.0.0.1", port))
        listening.listen(16)
        port = listening.getsockname()[1]
        origins = [f"--origin=http://{host}:{http_port}" for host in ("127.0.0.1", "localhost")]
        with open(cache / "browser-assets.log", "ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "kg_cli.browser_assets", f"--fd={listening.fileno()}", *origins],
                pass_fds=(listening.fileno(),), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
    finally:
        listening.close()  # the child holds its own copy
    (cache / "browser-assets.pid").write_text(f"{process.pid} {port}\n")
    return port


def stop(cache: Path, timeout: float = 10.0) -> int | None:
    """Stop the asset server of the Neo4j in ``cache``; its pid, or None if none ran."""
    found = running(cache)
    if found is not None:
        pid = found[0]
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _ours(pid) and time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):  # reap it if this process started it
                os.waitpid(pid, os.WNOHANG)
            time.sleep(0.1)
    (cache / "browser-assets.pid").unlink(missing_ok=True)
    return found[0] if found else None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--fd", type=int, required=True, help="file descriptor of the listening socket")
    parser.add_argument("--origin", action="append", required=True, help="an origin allowed to read (CORS)")
    args = parser.parse_args(argv)
    serve(socket.socket(fileno=args.fd), args.origin)


if __name__ == "__main__":
    main()
