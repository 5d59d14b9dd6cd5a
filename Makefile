# The two commands a newcomer needs are `make site` and `make test`; both set up .venv
# from the pinned requirements on first use, and `make test` installs Chromium for the
# browser tests when the machine has none (tests/browser/install-chromium.sh).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-requirements
TEST_STAMP := $(VENV)/.test-requirements

# Material prints an end-of-life banner on every build; it says nothing new to us.
export NO_MKDOCS_2_WARNING := 1
# Reproducible output: the sitemap's dates come from the last commit, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: site serve test test-quick chromium check lint mutations bench bench-preview lock clean

site: $(SITE_STAMP)
	$(BIN)/python -m build_hooks check
	$(BIN)/python -m build_hooks build

serve: $(SITE_STAMP)
	$(BIN)/python -m build_hooks serve

check: $(SITE_STAMP)
	$(BIN)/python -m build_hooks check

# Every test, with the coverage report (its floor is in pyproject.toml).
test: $(TEST_STAMP) chromium
	@status=0; $(BIN)/python -m pytest --cov --cov-report=term:skip-covered $(PYTEST_ARGS) \
	  || status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: nothing was verified." >&2; fi; \
	exit $$status

# Everyday work: everything but the browser tests and the real site builds (a minute or two).
test-quick: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=quick $(BIN)/python -m pytest -m "not slow and not browser" -q -n auto $(PYTEST_ARGS)

chromium:
	@BRIEFS_CHROMIUM="$$(tests/browser/install-chromium.sh)" && echo "Browser tests use $$BRIEFS_CHROMIUM"

# How the check and the build grow with the number of briefs; writes docs/benchmarks.md
# (about 50 minutes: three or four corpus sizes, each built with the hooks and without,
# in pairs: three pairs, five at 10,000 briefs). It types a first search into each site in
# headless Chromium, so it needs the test requirements (Playwright) and Chromium too.
bench: $(TEST_STAMP) chromium
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# How long a saved edit takes to show in the preview at 1,000, 5,000 and 10,000 briefs,
# beside a whole build; writes benchmarks/preview-results.md (BENCH_PREVIEW_ARGS, e.g.
# --sizes 1000).
bench-preview: $(SITE_STAMP)
	$(BIN)/python benchmarks/preview.py $(BENCH_PREVIEW_ARGS)

# Remove each protection in turn and check that some test fails (slow: minutes).
mutations: $(TEST_STAMP)
	$(BIN)/python tests/mutation_check.py

lint: $(TEST_STAMP)
	$(BIN)/ruff check build_hooks tests benchmarks
	$(BIN)/ruff format --check build_hooks tests benchmarks
	$(BIN)/mypy

$(SITE_STAMP): requirements/site.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/site.txt
	@# Put the project folder on the venv's path (what an editable install does, without a
	@# build step), so `mkdocs` finds build_hooks whatever the working directory.
	$(BIN)/python -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "ai_chip_policy_briefs.pth").write_text(str(pathlib.Path.cwd()) + "\n")'
	@touch $@

$(TEST_STAMP): $(SITE_STAMP) requirements/test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/test.txt
	@touch $@

# Re-pin the whole dependency tree from the direct pins in pyproject.toml.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check .
	.venv-lock/bin/python -m pip freeze --exclude ai-chip-policy-briefs > requirements/site.txt
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check '.[test]'
	( echo "-r site.txt"; .venv-lock/bin/python -m pip freeze --exclude ai-chip-policy-briefs \
	  | grep -vxFf requirements/site.txt ) > requirements/test.txt
	rm -rf .venv-lock build

clean:
	rm -rf $(VENV) site .site-* .pytest_cache .hypothesis build *.egg-info test-artifacts
