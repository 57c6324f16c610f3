# Pressroom: `make run` serves the site, `make test` runs the whole suite.
# Both set everything up first (virtualenv, requirements, database, migrations).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

# The newest interpreter that actually runs and is 3.10+ (a pyenv shim can exist and still fail).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3.10 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys, venv; sys.exit(sys.version_info < (3, 10))' >/dev/null 2>&1; \
	then echo $$p; break; fi; done)

.PHONY: help run serve worker dev test lint format setup setup-dev db-start db-stop prepare bench bench-workers audit clean browser-deps

help:
	@echo "make run    set everything up and serve the site at http://127.0.0.1:$(PORT)/ (with its worker)"
	@echo "make test   set everything up and run the whole test suite"
	@echo "make dev    runserver with auto-reload and DEBUG on"
	@echo "make lint   ruff check and format check"
	@echo "make bench  throughput and latency at 1,000 and 100,000 releases (pages and the JSON API)"
	@echo "make bench-export  the archive download at 1,000 and 100,000 releases: time, peak memory, size, round trip"
	@echo "make audit  Lighthouse scores for home, archive, a release and search"
	@echo "make eval-import  the release parser, field by field, against structured releases"
	@echo "make db-stop  stop the embedded PostgreSQL"
	@echo "make cluster-deps  install what the cluster tests need (Varnish, HAProxy, PgBouncer, Redis, wrk)"
	@echo "make cluster  the multi-host topology on this machine (Varnish, HAProxy, 2 hosts, replica, …)"
	@echo "make bench-cluster  Varnish, HAProxy, purge latency and failover figures"

$(VENV)/.runtime: requirements.txt
	@test -n "$(PYTHON)" || { echo "Pressroom needs Python 3.10 or newer (python3.10 to python3.13 with venv); none was found that runs."; exit 1; }
	@echo "Creating virtualenv with $(PYTHON) ($$($(PYTHON) -V))"
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { rm -rf $(VENV); $(PYTHON) -m venv --without-pip $(VENV) && $(VENV)/bin/python scripts/bootstrap_pip.py; }
	@$(VENV)/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
	@$(VENV)/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	@$(VENV)/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.runtime
setup-dev: $(VENV)/.dev

# migrate, collect static files, create the demo content and (embedded only) an admin account.
prepare: setup
	@$(PY) manage.py prepare

# gunicorn and the background worker together (Procfile, run by honcho); Ctrl-C stops both.
run: prepare
	@echo "Serving Pressroom at http://127.0.0.1:$(PORT)/ with its worker (Ctrl-C to stop)"
	@PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/honcho start --port $(PORT)

serve: setup
	@echo "Serving Pressroom at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop; no worker: see make worker)"
	@$(VENV)/bin/gunicorn -c pressroom/gunicorn_conf.py

# The background worker alone (tasks, alerts, digests), as a production host runs it beside gunicorn.
worker: setup
	@$(PY) manage.py run_worker

dev: prepare
	@DEBUG=true $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup-dev
	@$(PY) manage.py collectstatic --noinput -v0
	@$(PY) -m pytest

lint: setup-dev
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

format: setup-dev
	@$(VENV)/bin/ruff check --fix .
	@$(VENV)/bin/ruff format .

db-start: setup
	@$(PY) -m pressroom.embedded_db start >/dev/null && echo "embedded PostgreSQL running (data in var/pgdata)"

db-stop: setup
	@$(PY) -m pressroom.embedded_db stop && echo "embedded PostgreSQL stopped"

.PHONY: backup restore

# One file with a consistent database dump and the uploaded media, in var/backups/ (or BACKUP_DIR).
backup: setup
	@$(PY) manage.py backup

# Into an empty database only: make restore FILE=var/backups/pressroom-….tar.gz
restore: setup
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/pressroom-YYYYMMDDTHHMMSSZ.tar.gz"; exit 2; }
	@$(PY) manage.py restore "$(FILE)"

# Page throughput and latency against a static file at 1,000 and 100,000 releases (needs wrk).
bench: setup-dev
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" -eq 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "make bench needs wrk: apt-get install wrk"; exit 1; }
	@$(PY) bench/run_bench.py

# gunicorn worker counts and kinds compared on the release page (bench/workers_bench.py).
bench-workers: setup-dev
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" -eq 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "make bench-workers needs wrk: apt-get install wrk"; exit 1; }
	@$(PY) bench/workers_bench.py

# The archive download at 1,000 and 100,000 releases: time, peak memory, size; a round trip (bench/export_bench.py).
.PHONY: bench-export bench-api-throttle
bench-export: setup-dev
	@$(PY) bench/export_bench.py

# One API rate-limit check: in local memory, in Redis, in PostgreSQL (bench/api_throttle.py).
bench-api-throttle: setup-dev
	@$(PY) bench/api_throttle.py

# Search page server time at 1,000 and 100,000 releases, and the plans (bench/search_bench.py).
.PHONY: bench-search
bench-search: setup-dev
	@$(PY) bench/search_bench.py

# One release emailed to 1,000 and 100,000 subscribers through a local SMTP server (bench/alerts_bench.py):
# the publish request's time, queueing, messages per second and the worker's peak memory.
.PHONY: bench-alerts
bench-alerts: setup-dev
	@$(PY) bench/alerts_bench.py

# Peak memory of reading and importing generated WordPress exports up to 200 MB (bench/wordpress_memory.py).
.PHONY: bench-presskit
bench-presskit: setup-dev
	@$(PY) bench/presskit_bench.py

.PHONY: bench-wordpress
bench-wordpress: setup-dev
	@$(PY) bench/wordpress_memory.py

# The release parser measured field by field against releases a careful reader structured
# (bench/eval_import.py): the repository's copy by default, or EVAL_PATHS="folder-or-file …".
.PHONY: eval-import
eval-import: setup
	@$(PY) bench/eval_import.py $(EVAL_PATHS)

# Lighthouse scores for home, archive, a release and search on gunicorn (bench/audit.py).
audit: setup-dev
	@test -x node_modules/.bin/lighthouse || bash scripts/install_browser_deps.sh
	@$(PY) bench/audit.py

# Chromium, Java and the Node packages the browser tests and the audit need (Debian/Ubuntu).
browser-deps:
	@bash scripts/install_browser_deps.sh

# Varnish (+ xkey), HAProxy, PgBouncer, redis-server and wrk for the cluster tests (Debian/Ubuntu).
.PHONY: cluster-deps cluster cluster-start cluster-stop bench-cluster
cluster-deps:
	@bash scripts/install_cluster_deps.sh

CLUSTER_CHECK = $(PY) -m cluster check

# The whole multi-host topology on this machine (cluster/topology.py): Varnish → HAProxy →
# two gunicorn hosts → PgBouncer → PostgreSQL primary + replica, Redis, S3. Ctrl-C stops it.
cluster: setup-dev
	@$(CLUSTER_CHECK)
	@$(PY) -m cluster run

cluster-start: setup-dev
	@$(CLUSTER_CHECK)
	@$(PY) -m cluster start

cluster-stop: setup-dev
	@$(PY) -m cluster stop

# Varnish and HAProxy measured on the cluster: page vs static file, two hosts vs one,
# purge latency, failover (bench/cluster_bench.py).
bench-cluster: setup-dev
	@$(CLUSTER_CHECK)
	@$(PY) bench/cluster_bench.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
