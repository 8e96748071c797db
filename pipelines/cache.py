"""kg's own cache directory, for data derived from its inputs that a process reads instead of computing again
(the segmenter's dictionary arrays, the gazetteer, the tagger's rows, the compiled kernels).

``$KG_CACHE_DIR``, by default ``~/.cache/kg``: the user's, not the temporary directory, where another user
of the machine could leave a file under the name kg looks for (a gazetteer or a dictionary of their making,
read as if kg had made it). Each cache is named by a digest of what it was made from, is written under a
temporary name and renamed (a reader sees no file or the whole one), and is made again when it cannot be
read; a directory that cannot be written only costs the computation next time.

>>> import os
>>> os.environ["KG_CACHE_DIR"] = "/srv/kg-cache"
>>> str(cache_dir("segmenter"))
'/srv/kg-cache/segmenter'
>>> del os.environ["KG_CACHE_DIR"]
>>> cache_dir("segmenter").parts[-3:]
('.cache', 'kg', 'segmenter')
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

__all__ = ["cache_dir", "write_atomically"]


def cache_dir(name: str) -> Path:
    """``$KG_CACHE_DIR/<name>``, by default ``~/.cache/kg/<name>`` (not made here: its writer makes it)."""
    root = os.environ.get("KG_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "kg")
    return Path(root) / name


def write_atomically(path: Path, write: Callable[[Path], object]) -> bool:
    """``write(partial)`` a file under a temporary name beside ``path`` (``<stem>.<pid>.tmp<suffix>``), then
    rename it to ``path``: a reader sees no file or the whole one. False, with nothing left behind, where the
    directory cannot be made or written (the cache then costs its computation next time)."""
    partial = path.with_name(f"{path.stem}.{os.getpid()}.tmp{path.suffix}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(partial)
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return False
    return True
