# The two commands a newcomer needs: `make site` and `make test`.
# Every target sets up what it needs (the virtualenv from requirements.lock; for the
# tests also Debian's chromium and the pinned npm packages) — nothing by hand.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: language-deps bench-language setup site check serve test test-fast lint typecheck print-deps browser-deps java-deps node-deps beheer bench bench-search bench-lighthouse bench-print clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

check: setup language-deps
	$(BIN)/wijkengids check

# The build checks the guide itself (once) and reports like `wijkengids check`.
site: setup print-deps node-deps language-deps
	$(BIN)/wijkengids build

serve: setup
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

# Install the Debian packages named in $(1), as root or through sudo.
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(1) >/dev/null

# What WeasyPrint needs from the system for the PDFs: pango, and the DejaVu fonts it embeds.
print-deps:
	@missing=""; \
	ldconfig -p | grep -q 'libpangoft2-1.0.so' || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	fc-list 2>/dev/null | grep -qi 'DejaVu Serif' || missing="$$missing fontconfig fonts-dejavu-core fonts-dejavu-extra"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages for the PDFs:$$missing"; \
	  $(call APT_INSTALL,$$missing); \
	fi

# Debian packages the tests use: chromium (browser tests; no browser download) and
# poppler-utils (pdffonts, pdftoppm for the print tests). npm packages are pinned in package-lock.json.
browser-deps: print-deps java-deps node-deps
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdffonts >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v zbarimg >/dev/null 2>&1 || missing="$$missing zbar-tools"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages for the tests:$$missing"; \
	  $(call APT_INSTALL,$$missing); \
	fi

# The npm packages pinned in package-lock.json: the web editor (decap-cms, self-hosted in /beheer/;
# decap-server for its local mode) and axe-core for the browser tests. Reinstalled when the lock changes.
node_modules/.installed: package-lock.json | java-deps
	npm ci --silent --no-audit --no-fund
	touch $@

node-deps: node_modules/.installed

# Java for the Nu Html Checker (npm vnu-jar; tests/browser/test_valid_html.py). Installed before
# the npm packages, so that vnu-jar finds Debian's Java and downloads none of its own.
java-deps:
	@command -v java >/dev/null 2>&1 || { echo "installing Debian packages for the tests: default-jre-headless"; \
	  $(call APT_INSTALL,default-jre-headless); }

# The web editor on this machine: http://127.0.0.1:8080/beheer/, saving writes into lessons/, examples/, guide/.
beheer: setup node-deps
	$(BIN)/wijkengids beheer serve

# The Dutch dictionary for the spelling warnings of `wijkengids check`: Debian's hunspell-nl (OpenTaal).
language-deps:
	@if [ ! -f /usr/share/hunspell/nl.dic ]; then \
	  echo "installing Debian packages for the spelling check: hunspell-nl"; \
	  $(call APT_INSTALL,hunspell-nl); \
	fi

lint: setup
	$(BIN)/ruff check build_tools tests benchmarks
	$(BIN)/ruff format --check build_tools tests benchmarks

typecheck: setup
	$(BIN)/mypy

test: setup browser-deps language-deps lint typecheck
	$(BIN)/pytest

# The quick loop: everything but the tests marked slow (PDFs, Pagefind, browser, site builds, subprocesses).
# Property tests on fewer examples, tests/browser/ not even collected (all of it is marked browser);
# Python's bytecode caches written even where PYTHONDONTWRITEBYTECODE is set (they are git-ignored),
# so the next run skips recompiling and assertion rewriting (~1 s).
test-fast: setup language-deps
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -q -m "not slow and not browser" --hypothesis-profile=quick --ignore=tests/browser

bench: setup
	$(BIN)/python benchmarks/run.py

# Search quality (recall@5, MRR) and first-query download size, ours against Material's lunr search.
bench-print: setup
	$(BIN)/python benchmarks/bench_export.py

bench-language: setup language-deps
	$(BIN)/python benchmarks/bench_language.py

bench-search: setup
	$(BIN)/python benchmarks/search/run.py

# Lighthouse (npm, run with Node and Debian's chromium) on five kinds of page of the built site.
bench-lighthouse: setup browser-deps
	$(BIN)/python benchmarks/lighthouse/run.py

clean:
	rm -rf site .site-* test-artifacts .pytest_cache .mypy_cache .ruff_cache
