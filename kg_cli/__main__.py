"""The ``kg`` command (``python -m kg_cli`` is the same).

For ``kg extract`` and ``kg build`` with extraction workers, the workers' fork server is started here,
before the command line interface is imported (typer, rich and kg's commands: about 0.15 s), so that it
builds the pipeline (about 1.5 s, after which the workers start) that much sooner. The server also
imports this module, not the interface, as the main module. Anything this module does not read for
sure (another backend, ``--engine dask``, ``--help``, an option it cannot parse) leaves the start to the
command itself, as before: the result is the same either way.
"""

from __future__ import annotations

import sys

__all__ = ["main", "early_workers"]

EXTRACTING = ("extract", "build")  # the commands that extract
VALUE_OPTIONS = ("--jobs", "--backend", "--engine")


def early_workers(args: list[str]) -> str | None:
    """The backend when ``args`` (without the program's name) certainly run an extraction in worker
    processes with the jieba backend, else None (tests/unit/test_cli.py)."""
    if not args or args[0] not in EXTRACTING:
        return None
    options: dict[str, str] = {}
    rest = iter(args[1:])
    for arg in rest:
        if arg in ("--help", "-h"):
            return None
        name, equals, value = arg.partition("=")
        if name in VALUE_OPTIONS:
            options[name] = value if equals else next(rest, "")
    if options.get("--engine", "local") != "local" or options.get("--backend", "jieba") != "jieba":
        return None
    from pipelines.extract import default_jobs

    try:
        jobs = int(options["--jobs"]) if "--jobs" in options else default_jobs()
    except ValueError:
        return None
    return "jieba" if jobs > 1 else None


def main() -> None:
    backend = early_workers(sys.argv[1:])
    if backend is not None:
        from pipelines.extract import start_workers

        # the command starts them again (a no-op for the server) and says whether to cut ahead
        start_workers(backend, cut_ahead=False)
    from kg_cli.cli import app

    app()


if __name__ == "__main__":
    main()
