# Two commands set everything up on a fresh machine with Python 3.11:
#   make demo   install, load the seed meetings, serve on http://127.0.0.1:8000, print the logins
#   make test   install (chromium, redis-server and nginx included), run the whole test suite, browser tests included
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := $(PYTHON) -m uv
export UV_PYTHON := $(shell $(PYTHON) -c 'import sys; print(sys.executable)')

.PHONY: demo test install system-packages test-only

.venv/.installed: pyproject.toml uv.lock
	$(PYTHON) -m uv --version 2>/dev/null | grep -q "$(UV_VERSION)" || $(PYTHON) -m pip install --quiet "uv==$(UV_VERSION)"
	$(UV) sync --frozen
	touch $@

install: .venv/.installed

system-packages:
	@test -x /usr/bin/chromium || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium)
	@test -x /usr/bin/redis-server || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server)
	@# Production mode's front server: the stack tests (tests/stack/) run it on loopback with the shipped site.
	@test -x /usr/sbin/nginx || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx)
	@# Confidential DOCX and XLSX papers are drawn as pages through LibreOffice (with fonts metric-compatible with
	@# Times New Roman and Arial); the tests read the burnt-in watermark back with tesseract's Vietnamese data.
	@test -x /usr/bin/soffice || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2 fonts-dejavu-core)
	@# The translations test runs Django's makemessages, which calls gettext's tools.
	@test -x /usr/bin/msgattrib || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q gettext)
	@test -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q tesseract-ocr tesseract-ocr-vie)

demo: install
	.venv/bin/hoinghi demo

test: install system-packages test-only

test-only:
	.venv/bin/lint-imports
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/pytest
