# make run  – set up everything and serve the site on http://127.0.0.1:8000/
# make test – set up everything and run every check CI runs
#
# Works on a fresh clone with Python 3.11 and apt; run as root (or with sudo) when Debian
# packages are missing.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

# Debian packages as "command:package": the package is installed only when the command is
# missing. Tests read PDFs with poppler's pdftotext/pdftoppm and drive Debian's Chromium with
# Playwright.
RUN_APT_PACKAGES := msgfmt:gettext
TEST_APT_PACKAGES := $(RUN_APT_PACKAGES) pdftotext:poppler-utils chromium:chromium

# Development only: `make run` must start without a deployment's secrets.
RUN_ENV := DEBUG=1 SECRET_KEY=development-only-not-secret
# The test settings set their own SECRET_KEY and ALLOWED_HOSTS and keep DEBUG off.
TEST_ENV := DJANGO_SETTINGS_MODULE=haertefall.settings_test

# Directories mypy checks; all of them must exist.
TYPED := haertefall eligibility documents tests benchmarks

.PHONY: run test checks setup run-packages test-packages messages makemessages \
	lint format-check typecheck django-checks pytest migrate demo format

run: setup run-packages messages migrate demo
	$(RUN_ENV) $(MANAGE) runserver 127.0.0.1:8000

# -k: one failing check does not hide the others; make still exits non-zero.
test: setup test-packages
	$(MAKE) -k checks

checks: lint format-check typecheck django-checks pytest

setup: $(VENV)/.installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstalled whenever pyproject.toml changes, so a pin bump reaches every checkout.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

run-packages:
	@$(call apt_install,$(RUN_APT_PACKAGES))

test-packages:
	@$(call apt_install,$(TEST_APT_PACKAGES))

# CI runs without a terminal: never prompt, and only touch apt when something is missing.
define apt_install
	missing=""; \
	for pair in $(1); do \
		command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
		echo "Installing Debian packages:$$missing"; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

messages: setup run-packages
	$(TEST_ENV) $(MANAGE) compilemessages --ignore=$(VENV) --ignore=var

# After changing interface texts: update the .po files, translate, commit them.
makemessages: setup
	$(TEST_ENV) $(MANAGE) makemessages -l de -l en --ignore=$(VENV) --ignore=var \
		--ignore=tests --ignore=benchmarks --no-obsolete --add-location file

migrate: setup
	$(RUN_ENV) $(MANAGE) migrate --no-input

demo: migrate
	$(RUN_ENV) $(MANAGE) load_demo

lint: setup
	$(BIN)/ruff check .

format-check: setup
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: setup
	$(BIN)/mypy $(TYPED)

django-checks: setup messages
	$(TEST_ENV) $(MANAGE) check
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run

pytest: setup messages
	$(BIN)/pytest
