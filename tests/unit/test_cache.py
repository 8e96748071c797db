"""pipelines.cache.write_atomically: the whole file under its name, or nothing at all."""

from __future__ import annotations

from pathlib import Path

from pipelines.cache import write_atomically


def test_the_file_appears_whole_in_a_directory_made_for_it(tmp_path: Path) -> None:
    path = tmp_path / "made" / "rows.npz"
    names = []
    assert write_atomically(path, lambda partial: (names.append(partial.name), partial.write_bytes(b"rows")))
    assert path.read_bytes() == b"rows" and names[0].endswith(".tmp.npz") and ".tmp." in names[0]
    assert [p.name for p in path.parent.iterdir()] == ["rows.npz"]


def test_a_write_that_fails_leaves_nothing_and_the_old_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "rows.npz"
    path.write_bytes(b"old")

    def half_then_fail(partial: Path) -> None:
        partial.write_bytes(b"ha")
        raise OSError("disk full")

    assert not write_atomically(path, half_then_fail)
    assert [p.name for p in tmp_path.iterdir()] == ["rows.npz"] and path.read_bytes() == b"old"


def test_a_directory_that_cannot_be_made_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    assert not write_atomically(blocker / "cache" / "rows.npz", lambda partial: partial.write_bytes(b"x"))
