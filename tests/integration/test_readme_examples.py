"""Every curl example of the README, run as printed against ``kg serve`` holding the graph of corpus/.

The README's bash blocks that call the API are run whole by bash (so the ids one command takes from an
answer feed the next), with only the address changed to the port the test serves on. ``curl`` is wrapped
to fail on any status outside 2xx and to log each call, so every example must answer 2xx and every one
must have run. On the embedded store the API examples run; on Neo4j the API examples and POST /cypher.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.served import KG, ROOT, serve

pytestmark = [pytest.mark.pipeline, pytest.mark.integration]

README = ROOT / "README.md"
DOCUMENTED = "127.0.0.1:8000"
# Runs before each README block: fail on the first error, and make every curl fail on a non-2xx answer
# (printing the body) and log its arguments once it succeeded.
PRELUDE = """set -euo pipefail
curl() { command curl --fail-with-body --show-error "$@"; printf '%s\\n' "${*//$'\\n'/ }" >> "$CURL_LOG"; }
"""


def curl_blocks() -> list[str]:
    """The README's ```bash blocks that call the API at its documented address."""
    blocks = re.findall(r"^```bash\n(.*?)^```$", README.read_text(encoding="utf-8"), flags=re.M | re.S)
    return [block for block in blocks if f"curl -s {DOCUMENTED}" in block or f"curl -sG {DOCUMENTED}" in block]


def curl_calls(block: str) -> int:
    """How many curl commands ``block`` runs: at the start of a line or inside ``$(…)``, comments aside."""
    return sum(len(re.findall(r"(?:^|\$\()\s*curl\s", line)) for line in block.splitlines()
               if not line.lstrip().startswith("#"))


def run_block(block: str, address: str, tmp_path: Path) -> None:
    log = tmp_path / f"curl-{abs(hash(block))}.log"
    script = PRELUDE + block.replace(DOCUMENTED, address)
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env={**os.environ, "CURL_LOG": str(log)},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{result.stderr}\n{result.stdout[-2000:]}\n--- block:\n{block}"
    ran = log.read_text(encoding="utf-8").splitlines()
    assert len(ran) == curl_calls(block), ran


def test_the_readme_has_the_api_examples() -> None:
    blocks = curl_blocks()
    assert len(blocks) == 2, "expected the API block and the POST /cypher block"
    assert curl_calls(blocks[0]) >= 12 and "/cypher" in blocks[1]
    for block in blocks:  # ids come from earlier answers, never an elided placeholder
        assert "…" not in "".join(line for line in block.splitlines() if not line.lstrip().startswith("#"))


@pytest.fixture(scope="module")
def corpus_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("readme-data")
    subprocess.run([KG, "build", "corpus/", "--data-dir", str(data)], cwd=ROOT, check=True, capture_output=True)
    return data


def test_every_api_example_answers_2xx_on_the_embedded_store(corpus_data: Path, tmp_path: Path) -> None:
    api_block = curl_blocks()[0]
    env = {**os.environ, "KG_STORE": "networkx"}
    with serve(["--data-dir", str(corpus_data)], env, tmp_path / "serve.log") as address:
        run_block(api_block, address, tmp_path)


@pytest.mark.neo4j
def test_every_example_answers_2xx_on_neo4j(neo4j_connection: dict, tmp_path: Path) -> None:
    from kg.stores.neo4j_store import Neo4jStore

    store = Neo4jStore.connect(neo4j_connection["uri"], neo4j_connection["user"], neo4j_connection["password"],
                               neo4j_connection["database"])
    try:
        store.clear()
    finally:
        store.close()
    env = {**os.environ, "KG_STORE": "neo4j"}
    subprocess.run([KG, "build", "corpus/", "--store", "neo4j", "--data-dir", str(tmp_path / "data")], cwd=ROOT,
                   env=env, check=True, capture_output=True)
    with serve(["--store", "neo4j"], env, tmp_path / "serve.log") as address:
        for block in curl_blocks():
            run_block(block, address, tmp_path)
