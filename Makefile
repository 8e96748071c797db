# Two entry points, as the README says: `make serve` (the main job) and `make test` (`make test-fast` while editing).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install serve build test test-fast lint notebook-graph notebooks figures bench bench-memory eval heldout neo4j-start neo4j-stop neo4j-serve neo4j-bench neo4j-build-bench clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,notebooks]'
	@touch $@

install: $(BIN)/kg  ## create .venv and install kg with its dev tools and the notebooks' packages
	@# kg's own modules as bytecode, as pip leaves an installed wheel (not an editable install): where
	@# PYTHONDONTWRITEBYTECODE is set, Python would otherwise compile them from source at every start, in kg and
	@# again in its extraction workers' fork server (about 0.25 s of CPU). Up-to-date files are skipped.
	$(BIN)/python -m compileall -q kg pipelines api kg_cli

build: install  ## extract corpus/ into the embedded graph under data/
	$(BIN)/kg build corpus/

serve: build  ## install, build the graph from corpus/, serve the API on http://$(HOST):$(PORT)
	$(BIN)/kg serve --host $(HOST) --port $(PORT)

lint: install  ## ruff, and lint-imports: the layers kg ← pipelines ← api ← kg_cli (pyproject [tool.importlinter])
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: install lint  ## ruff and lint-imports, then every test (unit, contract on both stores, integration, doctests)
	@test -x /usr/bin/chromium || [ "$(KG_TEST_SKIP_BROWSER)" = 1 ] || { echo "make test: /usr/bin/chromium \
	is missing, and the Browser tests (Neo4j Browser, /docs offline) need it: apt-get install -y chromium, \
	or KG_TEST_SKIP_BROWSER=1 make test to run without them (they are then reported as skipped)" >&2; exit 1; }
	BIN=$(BIN) scripts/run-tests

test-fast: install  ## the edit-test loop (< 45 s): unit and contract tests on the NetworkX store, doctests, the shipped taggers against today's rules; no Neo4j, JVM or browser
	$(BIN)/python -m pytest -q -m "not integration and not corpus" tests/unit tests/contract kg kg_cli pipelines api
	@# a rule change that alters the tagger's training features fails here, not only in CI (about 10 s)
	$(BIN)/python -m pytest -q tests/integration/test_tagger_training.py

notebook-graph: install  ## build both shared corpora into data/notebooks for the notebooks (again only when an input changed)
	$(BIN)/python scripts/notebook_graph.py

notebooks: notebook-graph  ## run the research notebooks (notebooks/*.ipynb) in a Jupyter kernel; make test runs them too
	$(BIN)/python -m pytest -q tests/integration/test_notebooks.py

figures: notebook-graph  ## run the notebooks and save their charts into docs/figures (the README's)
	KG_FIGURES_DIR=docs/figures $(BIN)/python -m pytest -q tests/integration/test_notebooks.py

eval: install  ## score the extractor on the seed and the two dev gold files (per file and pooled)
	$(BIN)/kg eval ../shared/eval/hengyang-2021-goals.gold.jsonl ../shared/eval/cn-gwr-dev.gold.jsonl \
		../shared/eval/cn-local-dev.gold.jsonl

heldout: install  ## entity and SERVES F1 on training sections the tagger never saw (4-fold; needs the train extra, ~6 min)
	$(BIN)/python benchmarks/heldout.py

bench: install  ## extraction throughput against bare jieba.lcut; the API at 32 clients against 1, on both stores
	$(BIN)/kg bench --repeat 3
	$(BIN)/python benchmarks/api_load.py --store networkx
	$(BIN)/python benchmarks/api_load.py --store neo4j

bench-memory: install  ## peak memory, time and graph file of kg build on both shared corpora at 1x, 3x and 10x (long: it extracts both corpora 14 times over)
	$(BIN)/python benchmarks/build_memory.py --times 1 3 10

neo4j-start: install  ## run a local Neo4j (from Maven Central) on 127.0.0.1:7687, Browser on :7474
	$(BIN)/kg neo4j start

neo4j-stop: install
	$(BIN)/kg neo4j stop

neo4j-serve: neo4j-start  ## load corpus/ into Neo4j and serve the API from it
	$(BIN)/kg build corpus/ --store neo4j
	KG_STORE=neo4j $(BIN)/kg serve --host $(HOST) --port $(PORT)

neo4j-bench: neo4j-start  ## batched against one-query-per-row loading of the national corpus (empties Neo4j)
	$(BIN)/python benchmarks/neo4j_load.py --clear-database

neo4j-build-bench: neo4j-start  ## kg build of both shared corpora: embedded, Neo4j empty, Neo4j loaded (empties Neo4j)
	$(BIN)/python benchmarks/neo4j_build.py --clear-database

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache *.egg-info
