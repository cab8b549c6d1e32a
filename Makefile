# yusuan — two commands on a fresh Debian machine: `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libcairo2-dev libpango1.0-dev fonts-noto-cjk pkg-config libsqlite3-dev poppler-utils librsvg2-bin
BIN := .build/debug/yusuan

.PHONY: deps build demo test bench release clean

# Installs the system packages that are missing (root or sudo; apt-get update once first).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build --product yusuan

# The main job on Samples/: ingest, check, export, and the briefing with its charts in charts/.
demo: build
	rm -f charts/demo.sqlite*
	$(BIN) ingest --db charts/demo.sqlite Samples
	-$(BIN) check --db charts/demo.sqlite > charts/check.txt
	$(BIN) export --db charts/demo.sqlite --format csv -o charts/facts.csv
	@if $(BIN) brief --help >/dev/null 2>&1; then $(BIN) brief Samples --out charts --db charts/demo.sqlite; fi
	rm -f charts/demo.sqlite*
	@echo "wrote charts/"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build 2>&1 | tee .build/test.log; exit $${PIPESTATUS[0]}

release: deps
	$(SWIFT) build -c release --product yusuan

bench: deps
	$(SWIFT) run -c release yusuan-bench

clean:
	rm -rf .build
