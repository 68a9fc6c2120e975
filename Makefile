# auxforce: two commands on a fresh machine — `make demo` and `make test`.
# Every path is a variable; see dagster_project/settings.py for the environment they feed.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV := $(PYTHON) -m uv
VENV := .venv
BIN := $(VENV)/bin
export UV_COMPILE_BYTECODE := 1
export UV_FROZEN := 1

export AUXFORCE_DATA_DIR ?= $(CURDIR)/data
export DAGSTER_HOME ?= $(AUXFORCE_DATA_DIR)/dagster_home
# The Makefile runs the demo: its accounts (dashboards/assets/users.yaml) sign in and the
# dashboards' cookie key is generated per process. A deployment starts streamlit itself
# without it, with AUXFORCE_COOKIE_KEY and accounts from `python -m dashboards.admin`.
export AUXFORCE_DEMO ?= 1
LANDING ?= $(AUXFORCE_DATA_DIR)/landing
WAREHOUSE ?= $(AUXFORCE_DATA_DIR)/warehouse
SCALE ?= 1.0
PORT ?= 8501
STREAMLIT_FLAGS := --server.headless true --server.address 127.0.0.1 --server.port $(PORT) \
	--browser.gatherUsageStats false

.PHONY: help install demo generate pipeline dashboards documents dagster test test-demo test-perf \
	test-spark test-national lint browser-deps office-deps postgres-deps spark-deps bench contract clean

help:
	@echo "make demo       install, generate the demo province, run the pipeline, serve dashboards"
	@echo "make test       install and run the tests (unit, ingestion, dashboards, browser, small pipelines)"
	@echo "make test-demo  the tests on the demo province, the small load test, crash safety, the long pipeline tests"
	@echo "make test-spark the dbt project on Apache Spark, every mart compared with DuckDB's build"
	@echo "make test-national three provinces ingested at once, built on Spark, compared with DuckDB"
	@echo "make pipeline LANDING=<dir> WAREHOUSE=<dir>   run the whole pipeline on your own files"
	@echo "make dagster    Dagster UI on http://127.0.0.1:3000 (run history of every pipeline run)"
	@echo "make dashboards serve the dashboards on http://127.0.0.1:$(PORT)"
	@echo "make documents  the approval documents (报批材料) of the province and each prefecture, DOCUMENTS=<dir>"
	@echo "make bench      province-scale benchmark, results in docs/performance.md"
	@echo "make contract   regenerate the dbt sources and docs/data-contract.md from contract.py"
	@echo "make clean      remove generated data, warehouses and the environment"

# uv itself comes from PyPI through pip; the environment from uv.lock, with bytecode compiled.
$(BIN)/.synced: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen
	@touch $@

install: $(BIN)/.synced

$(DAGSTER_HOME)/dagster.yaml: dagster_project/dagster.yaml
	@mkdir -p $(DAGSTER_HOME)
	cp $< $@

generate: install
	$(BIN)/python -m dagster_project.synthetic --out $(LANDING) --scale $(SCALE)

# Every run goes through Dagster, so `make dagster` shows its history.
pipeline: install $(DAGSTER_HOME)/dagster.yaml
	export AUXFORCE_LANDING_DIR=$(abspath $(LANDING)) AUXFORCE_WAREHOUSE_DIR=$(abspath $(WAREHOUSE)); \
		$(BIN)/dagster job execute -m dagster_project.definitions -j full_pipeline \
		--tags "$$($(BIN)/python -m dagster_project.defs.partitions)"
	@echo "Published snapshot: $(abspath $(WAREHOUSE))/published/auxforce_published.duckdb"

dashboards: install
	@echo ""
	@echo "仪表盘 Dashboards: http://127.0.0.1:$(PORT)"
	@echo "演示账号 Demo logins (user / password; see dashboards/README.md):"
	@echo "  province / Province#2026     省厅 province-wide"
	@echo "  kunming  / Kunming#2026      昆明市 prefecture 530100"
	@echo "  wuhua    / Wuhua#2026        五华区 county 530102"
	@echo "  finance  / Finance#2026      财政 finance"
	@echo "  auditor  / Auditor#2026      督察审计 auditor (sees names)"
	@echo ""
	AUXFORCE_WAREHOUSE_DIR=$(abspath $(WAREHOUSE)) $(BIN)/streamlit run dashboards/app.py $(STREAMLIT_FLAGS)

# The four approval documents (报批材料: 用人额度申报表, 招聘计划表, 经费预算表, 薪酬调整测算表) of the
# province and of each prefecture, from the published snapshot through the dashboards' reader.
DOCUMENTS ?= $(AUXFORCE_DATA_DIR)/documents
documents: install
	AUXFORCE_WAREHOUSE_DIR=$(abspath $(WAREHOUSE)) $(BIN)/python -m dashboards.documents \
		--out $(abspath $(DOCUMENTS))

demo: install
	$(MAKE) generate
	$(MAKE) pipeline
	$(MAKE) dashboards

dagster: install $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/dagster dev -m dagster_project.definitions -h 127.0.0.1 -p 3000

# Debian's Chromium and CJK fonts for the browser tests (root on these machines).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }
	@fc-list 2>/dev/null | grep -qi "noto sans cjk" || \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null

# Debian's LibreOffice Calc and poppler: the return workbooks (回执) must open and print as an
# office does (tests/dashboards/test_quality.py converts one to PDF and renders its pages).
office-deps:
	@command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		libreoffice-calc-nogui poppler-utils >/dev/null; }

# Debian's PostgreSQL server binaries: the case-store tests (tests/dashboards/
# test_cases_repository.py) initdb and start a throwaway cluster on 127.0.0.1 with them.
postgres-deps:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

# Debian's Java 17 for the Spark target (pyspark 4 runs on it; docs/scaling.md).
spark-deps:
	@dpkg -s openjdk-17-jre-headless >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install browser-deps office-deps postgres-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# The tests that build the demo province (truth manifest, render timings, rerun, privacy,
# what-if on a real build), the small load test (50 sessions through a build and publish),
# crash safety and the pipeline tests that build a small province several times over (clerk
# files beside tidy ones, incremental = full refresh, a case over three builds): CI's second
# step, after `make test`, so that `make test` stays under 15 minutes.
test-demo: install browser-deps office-deps postgres-deps
	$(BIN)/python -m pytest -m "demo or long"

# The load test on the demo province: 50 sessions through a build and publish (~11 min). The
# same test on a small province runs in test-demo (docs/performance.md).
test-perf: install browser-deps
	$(BIN)/python -m pytest -m perf tests/load

# The dbt project on Apache Spark (issue 15, tests/spark/): the `spark` dependency group
# (dbt-spark, pyspark), then a small province built on DuckDB and on Spark, every mart compared
# row for row, and the incremental steps on Spark. CI's own step (times in docs/scaling.md).
test-spark: install spark-deps
	$(UV) sync --frozen --group spark
	$(BIN)/python -m pytest -m spark tests/spark

# The national simulation (issue 15, tests/spark/test_national.py): 云南, 宁夏 and 青海 generated
# small, ingested at once into one lake, built on Spark with every test, compared with DuckDB.
test-national: install spark-deps
	$(UV) sync --frozen --group spark
	$(BIN)/python -m pytest -m national tests/spark

# Province-scale benchmark (issue 6): generates data/bench/ once (cached), writes
# docs/performance.md. BENCH_ARGS e.g. "--only queries", "--repeat 5", "--skip-postgres",
# "--spark-sizes 0.02,0.05".
# Chromium: its step `resilience` reruns the load test at province scale; the spark group and
# Java 17: its step `spark` builds on Spark at three small sizes ("--skip-spark" leaves it out).
BENCH_ARGS ?=
bench: install browser-deps spark-deps
	$(UV) sync --frozen --group spark
	$(BIN)/python -m scripts.bench.run $(BENCH_ARGS)

# The files generated from dagster_project/contract.py (dbt sources of the raw tables, the
# tables of docs/data-contract.md); tests/unit/test_contract_generated.py fails while one is stale.
contract: install
	$(BIN)/python -m dagster_project.contract_docs

clean:
	rm -rf $(AUXFORCE_DATA_DIR)/landing $(AUXFORCE_DATA_DIR)/warehouse $(AUXFORCE_DATA_DIR)/spark $(AUXFORCE_DATA_DIR)/lake \
		$(DAGSTER_HOME) $(DOCUMENTS) \
		$(AUXFORCE_DATA_DIR)/secrets dbt/target dbt/logs test-artifacts $(VENV)
