# CASA: `make run` serves the demo on http://127.0.0.1:8000 (PORT overrides), `make test`
# runs the whole suite. Both set up the virtual environment from the lock files first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Laptop profile; production sets DEBUG=0 and the variables in docs/deployment.md.
export DEBUG ?= 1

.PHONY: run test lint setup messages lock frontend frontend-build bench clean spid-test

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "CASA needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 1; }
	@$(PYTHON) -m venv $(VENV) || \
		{ echo "Could not create a virtual environment: on Debian/Ubuntu run 'apt-get install python3-venv'."; exit 1; }

$(VENV)/.installed: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --only-binary lxml,xmlsec -r requirements/base.txt
	@touch $@

$(VENV)/.installed-dev: requirements/dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
	@touch $@

setup: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable

run: setup
	$(BIN)/python manage.py seed_demo --if-empty --no-logins
	@# Issue 13: the test identity provider, so that "Entra con SPID" logs demo tenants in
	@# (DEBUG only: the command refuses without CASA_SPID_TEST_IDP).
	$(BIN)/python manage.py spid_registry --test-providers
	@# The server, the worker that sends messages and the periodic jobs (run_periodic) run
	@# together; Ctrl-C stops all three. The demo logins come last, once the server answers.
	@trap 'kill $$server $$worker $$scheduler 2>/dev/null; wait' EXIT INT TERM; \
		$(BIN)/python manage.py db_worker --verbosity 0 & worker=$$!; \
		$(BIN)/python manage.py run_periodic --loop & scheduler=$$!; \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT) & server=$$!; \
		$(BIN)/python -c 'import socket, time; any(socket.socket().connect_ex(("127.0.0.1", $(PORT))) == 0 or time.sleep(0.25) for _ in range(120))'; \
		$(BIN)/python manage.py seed_demo --logins; \
		echo "Open http://127.0.0.1:$(PORT)/ . The demo's e-mails are not sent: they are in var/mail,"; \
		echo "and the administrator reads them at http://127.0.0.1:$(PORT)/demo-mailbox/ . Ctrl-C stops CASA."; \
		echo; \
		wait $$server

test: $(VENV)/.installed-dev
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

# AgID's spid-sp-test against a CASA server (metadata, authentication request, response cases),
# in a virtual environment of its own; needs Debian's xmlsec1 (apt-get install xmlsec1).
spid-test: $(VENV)/.installed
	scripts/spid_conformance.sh

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

# Regenerate the catalogues after changing user-facing strings (needs GNU gettext); then
# translate what tests/test_translations.py lists (docs/translations.md).
LOCALES := it ar es fr zh_Hans ro
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages $(LOCALES:%=-l %) --no-obsolete --ignore=.venv --ignore=.venv-spid-sp-test --ignore=var --ignore=bench
	$(BIN)/python manage.py compilemessages $(LOCALES:%=-l %) --ignore=.venv --ignore=.venv-spid-sp-test

# Re-resolve the lock files from requirements/*.in (needs `pip install uv`).
lock:
	cd requirements && UV_PYTHON_DOWNLOADS=never uv pip compile --python-version 3.11 --generate-hashes -q base.in -o base.txt
	cd requirements && UV_PYTHON_DOWNLOADS=never uv pip compile --python-version 3.11 --generate-hashes -q dev.in -o dev.txt

# Update vendored Bootstrap Italia (and its right-to-left build), htmx, axe-core and the PDFs' Noto
# fonts from the npm registry (needs npm).
frontend:
	scripts/update-frontend.sh

# Cut the served CSS, icons and fonts to what the templates use (after adding a Bootstrap
# Italia class or icon to a template; Python only, no npm).
frontend-build: $(VENV)/.installed
	$(BIN)/python scripts/build_frontend.py

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/registry_import.py
	$(BIN)/python bench/payment_run.py
	$(BIN)/python bench/review_queue.py
	$(BIN)/python bench/report_queue.py
	$(BIN)/python bench/casework_scale.py
	$(BIN)/python bench/page_weight.py
	$(BIN)/python bench/server_time.py

clean:
	rm -rf $(VENV) var
