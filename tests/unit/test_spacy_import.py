"""``import_spacy``: spaCy without its command line interface, which a pipeline does not need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# In a process of its own: the test session has imported spaCy (and its interface) already.
SCRIPT = """
import sys
from pipelines.extract import import_spacy

spacy = import_spacy()
print("spacy.cli" in sys.modules, "spacy.cli.info" in sys.modules, "weasel" in sys.modules)
print(sorted(spacy.info())[:2])  # imports the real interface when called
from spacy.cli.info import info
print(info.__module__)
"""


def test_spacy_is_imported_without_its_interface_which_comes_when_asked_for() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["False False False", "['location', 'pipelines']", "spacy.cli.info"]


def test_where_spacy_is_imported_already_it_is_that_module() -> None:
    import spacy

    from pipelines.extract import import_spacy

    assert import_spacy() is spacy
