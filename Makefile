# CivNet: `make run` serves the demo, `make test` runs every test. Both install what they need into .venv.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test test-postgres bench lint format messages install install-dev chromium belenios-tool clean

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed (set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The demo runs over plain HTTP on a laptop, with two-factor relaxed so personas can sign in at once.
run: export HTTPS = 0
# Links in the demo's emails point at the port it is served on (`make run PORT=8080`).
run: export CIVNET_BASE_URL ?= http://127.0.0.1:$(PORT)
run: export CIVNET_REQUIRE_2FA ?= 0
run: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py load_demo
	$(PY) manage.py send_newsletters
	@echo "CivNet is served at http://127.0.0.1:$(PORT)/ with its background worker (Ctrl-C stops both); emails link to $(CIVNET_BASE_URL)."
	@$(PY) manage.py db_worker --interval 2 & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(VENV)/bin/gunicorn civnet.wsgi --config gunicorn.conf.py --bind 127.0.0.1:$(PORT)

# Browser tests need Debian's Chromium; install it when missing and we may (root, apt).
chromium:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "Chromium is not installed and cannot be installed here: browser tests will be skipped."; }

# Online ballots are checked against Inria's belenios-tool 2.0 (Debian package); install it when we may.
belenios-tool:
	@command -v belenios-tool >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq belenios-tool >/dev/null; } \
	  || echo "belenios-tool is not installed and cannot be installed here: Belenios interop tests will be skipped."; }

test: install-dev chromium belenios-tool
	$(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install-dev chromium belenios-tool
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/civnet $(PY) -m pytest $(PYTEST_ARGS)

bench: install-dev
	$(PY) bench/directory.py
	$(PY) bench/projects.py
	$(PY) bench/campaigns.py
	$(PY) bench/appeals.py
	$(PY) bench/trainings.py
	$(PY) bench/governance.py
	$(PY) bench/newsletters.py
	$(PY) bench/first_visit.py
	$(PY) bench/ballots.py
	$(PY) bench/offline.py

# ruff (style, and no import hidden inside a function) and the one-way imports between apps (import-linter).
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Refresh the catalogues after changing strings (needs GNU gettext), then compile them.
messages: install-dev
	$(PY) manage.py makemessages -l ar -l ku -l syr --no-obsolete --add-location file
	$(PY) manage.py compilemessages

clean:
	rm -rf $(VENV) var test-artifacts
