"""The example notebooks are valid notebook JSON whose code compiles, and they run against a real API."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.stores.networkx_store import NetworkXStore
from tests.fixtures import extractions

# The notebook that asks a running API; the research notebooks run in tests/integration/test_notebooks.py
NOTEBOOKS = [Path(__file__).resolve().parents[2] / "notebooks" / "explore_api.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_valid_and_runs_on_the_embedded_store(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    code = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    for source in code:
        ast.parse(source)
    store = NetworkXStore()
    store.upsert_many(extractions())
    with TestClient(create_app(store=store)) as client:
        namespace = {"httpx": httpx}
        for source in code:  # the notebook's own client, pointed at the app in process
            source = source.replace('httpx.Client(base_url="http://127.0.0.1:8000", timeout=10)', "client")
            exec(compile(source, path.name, "exec"), namespace | {"client": client}, namespace)
