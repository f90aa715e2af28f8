# Kalanshahr: `make run` serves the demo, `make test` runs the whole suite. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
VENDOR := static/vendor
HOST_PORT ?= 127.0.0.1:8000

.PHONY: run serve test test-sqlite test-postgres system-run system-test system-bench assets messages clean bench bench-national

run: export DEBUG = 1
run: system-run $(VENV)/.base-installed assets
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@# Iran's 1,554 cities from the installed django-iranian-cities package (docs/divisions.md); a rerun writes nothing.
	$(PY) manage.py load_iran_municipalities
	@# The index's words change with the stemmer and the normalizer: a rebuild keeps an older demo database current.
	$(PY) manage.py rebuild_search_index >/dev/null
	@echo "Serving on http://$(HOST_PORT)/ (Ctrl-C stops it)"
	$(PY) manage.py runserver $(HOST_PORT)

# The production configuration: gunicorn, WhiteNoise, DEBUG off, settings from .env (written for loopback when
# there is none), the background task worker beside it, the demo loaded like `make run` does.
serve: system-run $(VENV)/.base-installed assets
	@scripts/make-env
	$(PY) manage.py check --deploy --fail-level ERROR
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput >/dev/null
	$(PY) manage.py load_demo
	@# Iran's 1,554 cities from the installed django-iranian-cities package (docs/divisions.md); a rerun writes nothing.
	$(PY) manage.py load_iran_municipalities
	$(PY) manage.py rebuild_search_index --background
	@echo "Serving the production configuration (gunicorn and the task worker) on http://$$(sed -n 's/^BIND=//p' .env | tail -1)/ (Ctrl-C stops both)"
	@scripts/serve $(PY)

test: system-test $(VENV)/.dev-installed assets
	@echo "== Layers (import-linter, contracts in pyproject.toml)"
	$(VENV)/bin/lint-imports --no-cache
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

# Two workers (pytest-xdist), one test file each at a time: the suite spends most of its time in Python.
PYTEST := $(PY) -m pytest -n 2 --dist loadfile

test-sqlite:
	@echo "== Test suite on SQLite"
	$(PYTEST)

test-postgres:
	@echo "== Test suite on PostgreSQL"
	scripts/with-postgres $(PYTEST)

system-run:
	@scripts/ensure-packages run

system-test:
	@scripts/ensure-packages test

system-bench:
	@scripts/ensure-packages run
	@scripts/ensure-packages bench

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.base-installed: requirements/base.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/base.txt
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt requirements/base.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	touch $@ $(VENV)/.base-installed

node_modules/.package-lock.json: package-lock.json package.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Copies exactly what the pages serve out of node_modules; static/vendor/ is git-ignored.
assets: node_modules/.package-lock.json
	@mkdir -p $(VENDOR)/vazirmatn $(VENDOR)/htmx $(VENDOR)/chartjs
	@cp node_modules/vazirmatn/fonts/webfonts/Vazirmatn\[wght\].woff2 $(VENDOR)/vazirmatn/Vazirmatn-Variable.woff2
	@cp node_modules/vazirmatn/OFL.txt $(VENDOR)/vazirmatn/OFL.txt
	@cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/htmx.min.js
	@cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map $(VENDOR)/chartjs/

# Regenerates the Persian catalogue after strings change; the compiled .mo is committed.
messages: $(VENV)/.base-installed
	cd kalanshahr && DEBUG=1 ../$(PY) ../manage.py makemessages -l fa --no-obsolete --no-location
	cd kalanshahr && DEBUG=1 ../$(PY) ../manage.py compilemessages -l fa

clean:
	rm -rf $(VENV) node_modules $(VENDOR) .pytest_cache test-artifacts

$(VENV)/.bench-installed: requirements/bench.txt requirements/dev.txt requirements/base.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/bench.txt
	touch $@

# Benchmarks are run by hand, never by `make test`; record their output in docs/performance.md.
bench: system-bench $(VENV)/.bench-installed
	$(PY) bench/import_measurements.py
	scripts/with-postgres $(PY) bench/import_measurements.py --postgres --rounds 3
	scripts/with-postgres $(PY) bench/import_measurements.py --postgres --rows 1000000 --rounds 3 --iie-rows 2000
	scripts/with-postgres --cluster $(PY) bench/topology.py
	$(PY) bench/demo_copy.py
	scripts/with-postgres $(PY) bench/demo_copy.py --postgres
	taskset -c 0 $(PY) bench/moderation.py
	$(PY) bench/pages.py
	scripts/with-postgres $(PY) bench/pages.py
	$(PY) bench/load.py
	scripts/with-postgres $(PY) bench/load.py

# The national scale (Iran's 1,554 municipalities × 250 indicators × 60 months) on both databases: the pages cached
# and with the cache off, and the mixed read/write load, at network then national scale in one run per database,
# the national set generated once in each. It takes as long as it needs (generating the set is most of it: about
# an hour on each database here).
bench-national: system-bench $(VENV)/.bench-installed
	$(PY) bench/pages.py --national iran,250,60 --load --append
	scripts/with-postgres $(PY) bench/pages.py --national iran,250,60 --load --append
