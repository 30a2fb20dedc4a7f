# Jincun: the single entry point. A newcomer needs only `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export JINCUN_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test test-sqlite test-postgres install install-dev browsers fonts lint format bench lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Runtime install from the lock file, plus the front-end libraries from package-lock.json.
$(STAMP): $(BIN)/python requirements/base.txt pyproject.toml package-lock.json
	$(BIN)/pip install -q -r requirements/base.txt
	$(BIN)/pip install -q --no-deps -e .
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(STAMP) fonts

# The Chinese TrueType font every PDF embeds (jincun.core.pdf): Debian's fonts-wqy-microhei, installed the way
# the browser is, so `make run` and CI both have it.
fonts:
	@if [ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] && [ -z "$$JINCUN_PDF_FONT" ]; then \
	  echo "installing the Chinese font the PDFs embed: fonts-wqy-microhei"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-wqy-microhei >/dev/null; \
	fi

$(VENV)/.installed-dev: $(STAMP) requirements/dev.txt
	$(BIN)/pip install -q -r requirements/dev.txt
	touch $@

install-dev: $(VENV)/.installed-dev fonts

# Debian packages the tests need: chromium (browser tests, driven by Playwright through executable_path) and
# poppler-utils (pdftoppm/pdftotext, to look inside the PDFs we print).
browsers:
	@missing=""; command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages for the tests:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

run: install
	$(BIN)/jincun init
	$(BIN)/jincun demo --if-new
	$(BIN)/jincun serve

test: install-dev browsers
	$(BIN)/python scripts/run_tests.py

lint: install-dev
	$(BIN)/ruff check src bench scripts
	$(BIN)/ruff format --check src bench scripts
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports --no-cache

format: install-dev
	$(BIN)/ruff check --fix src bench scripts
	$(BIN)/ruff format src bench scripts

bench: install-dev
	$(BIN)/python bench/run.py

lock: $(BIN)/python
	$(BIN)/pip install -q pip-tools
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links -o requirements/base.txt requirements/base.in
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links -o requirements/dev.txt requirements/dev.in

clean:
	rm -rf $(VENV) node_modules
