"""Every `kg` command line in the README's bash blocks is one that kg parses: the command exists, and its
options and their values are ones it takes (the README once showed `kg eval … --variant both`, which kg
refuses). Lines are parsed as the CLI parses them, without running anything."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer.main

from kg_cli.cli import app

README = Path(__file__).resolve().parents[2] / "README.md"
KG = ".venv/bin/kg "


def readme_command_lines() -> list[str]:
    """The kg command lines (without ``.venv/bin/kg``) of the README's bash blocks."""
    blocks = re.findall(r"^```bash\n(.*?)^```$", README.read_text(encoding="utf-8"), flags=re.M | re.S)
    lines = []
    for block in blocks:
        for line in block.replace("\\\n", " ").splitlines():
            if KG in line:
                lines.append(re.split(r"\||&&|;", line[line.index(KG) + len(KG):], maxsplit=1)[0].strip())
    return lines


def parse(line: str) -> None:
    """Parse ``line`` as kg would (click's make_context); ValueError if kg would refuse it. The README's
    ellipses and brackets around optional parts are left out."""
    words = shlex.split(line.replace("…", " ").replace("[", " ").replace("]", " "), comments=True)
    command = typer.main.get_command(app)
    while hasattr(command, "commands") and words and not words[0].startswith("-"):  # a group: its subcommand
        if words[0] not in command.commands:
            raise ValueError(f"kg {line}: no command {words[0]!r}")
        command, words = command.commands[words[0]], words[1:]
    try:
        command.make_context(command.name, words)
    except Exception as error:  # click's usage errors (no such option, a bad value), as kg would print them
        raise ValueError(f"kg {line}: {error}") from error


def test_the_readme_shows_kg_command_lines() -> None:
    assert len(readme_command_lines()) >= 30


def test_a_line_kg_would_refuse_is_found() -> None:
    parse("eval GOLD --variant union --errors  # a comment")
    for wrong in ("eval GOLD --variant both", "eval GOLD --nope", "nothing-such", "extract --jobs 0 report.txt"):
        with pytest.raises(ValueError, match="kg "):
            parse(wrong)


@pytest.mark.parametrize("line", readme_command_lines())
def test_every_readme_kg_command_line_is_one_kg_parses(line: str) -> None:
    parse(line)
