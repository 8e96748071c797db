"""The research notebooks run top to bottom in a Jupyter kernel against the embedded graph of both shared
corpora, and what they assert about the answers holds: 宜昌's 2024 goals and the projects serving them, the
industries of the 137 local reports (a chart), 西部大开发 through the national reports (a chart).

The graph is built once into data/notebooks (``scripts/notebook_graph.py``: again only when the corpora or
kg's code changed). Each chart is saved as a PNG into KG_FIGURES_DIR (``make figures``: docs/figures, the
README's), else into a temporary directory.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat  # the notebooks extra, which make install puts in
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
CORPORA = [ROOT.parent / "shared" / "corpus" / name for name in ("cn-gwr-1954-2019.jsonl", "cn-local-2024-2025.jsonl")]
DATA_DIR = ROOT / "data" / "notebooks"
# explore_api.ipynb asks a running server and runs in tests/unit/test_notebooks.py
CHARTS = {"yichang_goals_projects.ipynb": [],
          "industries_by_place.ipynb": ["industries-by-place.png"],
          "western_development_timeline.ipynb": ["western-development-timeline.png"]}

pytestmark = [pytest.mark.integration, pytest.mark.pipeline, pytest.mark.corpus,
              pytest.mark.skipif(not all(path.exists() for path in CORPORA),
                                 reason="../shared/corpus is not beside the project")]


@pytest.fixture(scope="module")
def notebook_graph() -> Path:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "notebook_graph.py"), "--data-dir", str(DATA_DIR)],
                   cwd=ROOT, check=True)
    return DATA_DIR


def test_every_research_notebook_is_run_here() -> None:
    assert sorted(CHARTS) == sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb") if p.name != "explore_api.ipynb")


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_notebook_runs_on_the_graph_of_both_corpora(name: str, notebook_graph: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    figures = Path(os.environ.get("KG_FIGURES_DIR") or tmp_path).resolve()
    for chart in CHARTS[name]:
        (figures / chart).unlink(missing_ok=True)
    # the kernel inherits this environment: kg from this checkout, the graph built above, no server
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("KG_NOTEBOOK_DATA", str(notebook_graph))
    monkeypatch.setenv("KG_FIGURES_DIR", str(figures))
    monkeypatch.delenv("KG_API_URL", raising=False)
    notebook = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    assert not any(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), \
        f"{name} is committed with outputs: clear them"
    # a failing cell (one of the notebook's asserts) raises CellExecutionError with its traceback
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    for chart in CHARTS[name]:
        assert (figures / chart).stat().st_size > 10_000, f"{name} did not save {chart}"
