"""The compiled loops of :mod:`pipelines.kernels`, loaded without importing numba.

numba's import (about 0.2 s) and the loading of a function from its cache (about 0.3 s for the first one)
were a fifth of the pipeline's start-up, on the way to the first document of every run. ``kernels()``
returns the same functions compiled ahead of time by ``numba.pycc`` into an extension module, which needs
only numpy: built once per version of ``kernels.py`` (a few seconds, in a child process, so nothing it
prints reaches stdout) and kept in ``pipelines/__pycache__`` beside numba's own cache, or in
``~/.cache/kg/kernels`` where that is read-only. The functions are the same code and give the same results
(``tests/unit/test_native.py``).

Where no extension can be built (no C compiler), a marker file remembers it and ``kernels()`` returns
:mod:`pipelines.kernels` itself, compiled by numba as before; ``KG_KERNELS=jit`` asks for that.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import numpy as np

from pipelines.cache import cache_dir

__all__ = ["kernels", "extension_path", "KERNELS_VARIABLE"]

KERNELS_VARIABLE = "KG_KERNELS"  # "jit": numba's functions, not the extension
_SOURCE = Path(__file__).with_name("kernels.py")
BUILD_TIMEOUT_SECONDS = 300
# Runs kernels.py by its path and calls its build(out_dir, module_name).
_BUILD_SCRIPT = """\
import importlib.util, sys
spec = importlib.util.spec_from_file_location("kg_kernels_source", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
module.build(sys.argv[2], sys.argv[3])
"""


@functools.cache
def kernels() -> ModuleType:
    """A module with ``fill``, ``child``, ``segment`` and ``viterbi`` (see :mod:`pipelines.kernels`)."""
    if os.environ.get(KERNELS_VARIABLE, "").strip().lower() != "jit":
        path = extension_path()
        if path is not None:
            try:
                return _load(path)
            except ImportError:
                pass  # a damaged file: numba's functions
    return importlib.import_module("pipelines.kernels")


def extension_path() -> Path | None:
    """The extension module for this ``kernels.py``, built now if it is not there yet; None if it cannot be."""
    name = _module_name()
    directories = [Path(__file__).with_name("__pycache__"), _user_cache()]
    for directory in directories:
        path = directory / (name + importlib.machinery.EXTENSION_SUFFIXES[0])
        if path.is_file():
            return path
        if (directory / f"{name}.failed").exists():
            return None
    for directory in directories:
        try:
            return _build(directory, name)
        except OSError:
            continue  # not writable: the next place
    return None


def _module_name() -> str:
    # The source and numpy's version (the extension is compiled against its C API) name the build.
    digest = hashlib.sha256(_SOURCE.read_bytes() + np.__version__.encode()).hexdigest()[:20]
    return f"kg_kernels_{digest}"


def _user_cache() -> Path:
    return cache_dir("kernels")


def _build(directory: Path, name: str) -> Path | None:
    """Build the extension into ``directory`` (OSError if it cannot be written); None if the build fails,
    remembered by a marker file so that later runs do not try again."""
    directory.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=directory))
    try:
        # Isolated (-I), in the scratch directory: only numba and numpy are imported, never a module of the
        # caller's path or of pipelines/ (pipelines/coverage.py would shadow the coverage that numba imports);
        # numba's cache of the functions compiled on the way goes there too (it names a module that runs do
        # not have, and would spoil numba's own cache of pipelines.kernels).
        completed = subprocess.run([sys.executable, "-I", "-c", _BUILD_SCRIPT, str(_SOURCE), str(scratch), name],
                                   cwd=scratch, env={**os.environ, "NUMBA_CACHE_DIR": str(scratch)},
                                   capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS, check=False)
        built = list(scratch.glob(name + ".*"))
        if completed.returncode != 0 or len(built) != 1:
            (directory / f"{name}.failed").write_text(completed.stderr[-4000:])
            return None
        path = directory / (name + importlib.machinery.EXTENSION_SUFFIXES[0])
        os.replace(built[0], path)  # atomic: a concurrent build leaves one whole file
        return path
    except subprocess.TimeoutExpired:
        return None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.name.split(".")[0], path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
