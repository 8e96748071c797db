"""``kg serve`` in a child process on a free port, for tests that need the API over real HTTP."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["KG", "ROOT", "free_port", "serve"]

ROOT = Path(__file__).resolve().parents[1]
KG = shutil.which("kg", path=str(Path(sys.executable).parent)) or "kg"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(arguments: list[str], env: dict[str, str], log: Path, *, timeout: float = 60) -> Iterator[str]:
    """``kg serve ARGUMENTS`` on a free port for the ``with`` block, once /health answers 200 (within
    ``timeout`` seconds); gives its ``host:port``. The server's output goes to ``log``."""
    port = free_port()
    with log.open("wb") as output:
        server = subprocess.Popen([KG, "serve", "--port", str(port), *arguments], cwd=ROOT, env=env,
                                  stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                    break
            except OSError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.2)
        yield f"127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=max(30, timeout))
