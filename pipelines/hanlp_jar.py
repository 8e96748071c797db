"""The HanLP 1.x jar: fetched once from Maven Central into a cache outside the project, checksum pinned.

The portable build (``com.hankcs:hanlp:portable-1.8.6``) carries its dictionaries inside the jar, so
nothing else is downloaded: no model, no data package. :func:`ensure_jar` returns the cached jar,
fetching it with Maven (``mvn dependency:copy``) when it is missing, and refuses a jar whose SHA-256 is
not the pinned one.

The cache is ``$KG_CACHE_DIR/hanlp/`` (default ``~/.cache/kg/hanlp/``); ``KG_HANLP_JAR`` may name a jar
elsewhere (it is checked against the same checksum).

>>> JAR_NAME
'hanlp-portable-1.8.6.jar'
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from kg.errors import KgError

__all__ = ["ARTIFACT", "JAR_NAME", "JAR_SHA256", "cache_dir", "jar_path", "sha256_of", "ensure_jar",
           "fetch_command"]

ARTIFACT = "com.hankcs:hanlp:portable-1.8.6"
JAR_NAME = "hanlp-portable-1.8.6.jar"
# sha256 of hanlp-portable-1.8.6.jar as served by Maven Central (its .sha1 there: e16b9a1d343f66035c508a5105db89ab5382f9f7)
JAR_SHA256 = "26dd03f12215eaa4d24bab4af36efdbd7826e8e309287ae2b1487c069a01186b"
FETCH_TIMEOUT_SECONDS = 600


def cache_dir() -> Path:
    """Where the jar is kept: ``$KG_CACHE_DIR/hanlp`` or ``~/.cache/kg/hanlp``."""
    root = os.environ.get("KG_CACHE_DIR")
    return (Path(root).expanduser() if root else Path.home() / ".cache" / "kg") / "hanlp"


def jar_path() -> Path:
    """The jar to use: ``$KG_HANLP_JAR`` when set, else the cached copy (which may not exist yet)."""
    explicit = os.environ.get("KG_HANLP_JAR")
    return Path(explicit).expanduser() if explicit else cache_dir() / JAR_NAME


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_command(output_directory: Path) -> list[str]:
    return ["mvn", "-q", "-B", "dependency:copy", f"-Dartifact={ARTIFACT}", f"-DoutputDirectory={output_directory}"]


def _verify(path: Path, *, what: str) -> Path:
    actual = sha256_of(path)
    if actual != JAR_SHA256:
        raise KgError(f"{what} {path} has SHA-256 {actual}, expected {JAR_SHA256} ({ARTIFACT}); "
                      "it is not the pinned HanLP jar: delete it, or run `kg hanlp install --force` to fetch it again")
    return path


def ensure_jar(*, fetch: bool = True) -> Path:
    """The verified HanLP jar, fetched into the cache first when it is missing (and ``fetch`` is true).

    Raises :class:`KgError` when the jar is missing and cannot be fetched (no ``mvn``, no network to
    Maven Central) or when its checksum is not the pinned one.
    """
    explicit = os.environ.get("KG_HANLP_JAR")
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise KgError(f"KG_HANLP_JAR names {path}, which is not a file")
        return _verify(path, what="the HanLP jar named by KG_HANLP_JAR,")
    path = cache_dir() / JAR_NAME
    if path.is_file():
        return _verify(path, what="the cached HanLP jar")
    if not fetch:
        raise KgError(f"the HanLP jar is not in {path.parent}; run `kg hanlp install` to fetch {ARTIFACT}")
    return _fetch(path)


def _fetch(path: Path) -> Path:
    if shutil.which("mvn") is None:
        raise KgError(f"the HanLP jar is not in {path.parent} and Maven (mvn) is not installed to fetch it: "
                      f"install Maven and run `kg hanlp install`, or download {ARTIFACT} from Maven Central "
                      f"and point KG_HANLP_JAR at it")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".fetch-") as scratch:
        command = fetch_command(Path(scratch))
        try:
            completed = subprocess.run(command, capture_output=True, text=True, timeout=FETCH_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise KgError(f"fetching {ARTIFACT} with Maven took over {FETCH_TIMEOUT_SECONDS} s; "
                          "is Maven Central reachable?") from None
        fetched = Path(scratch) / JAR_NAME
        if completed.returncode != 0 or not fetched.is_file():
            output = (completed.stdout + completed.stderr).strip().splitlines()
            tail = "\n".join(output[-8:]) or f"exit status {completed.returncode}"
            raise KgError(f"could not fetch {ARTIFACT} with `{' '.join(command)}`:\n{tail}")
        _verify(fetched, what="the jar Maven fetched,")
        os.replace(fetched, path)  # atomic: another process sees no jar or the whole verified one
    return path
