# yusuan — two commands on a fresh Debian machine: `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libcairo2-dev libpango1.0-dev zlib1g-dev libpoppler-glib-dev libpoppler-private-dev fonts-noto-cjk pkg-config libsqlite3-dev poppler-utils librsvg2-bin pandoc patchelf
BIN := .build/debug/yusuan

.PHONY: deps build demo test fuzz bench release clean

# Installs the system packages that are missing (root or sudo; apt-get update once first).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# The executable and, beside it, libYusuanPDFScan.so: poppler, loaded at the first PDF.
build: deps
	$(SWIFT) build --product yusuan
	$(SWIFT) build --product YusuanPDFScan

# The main job on Samples/: the briefing (brief.md, brief.html) and its charts in charts/, plus the
# facts as CSV and a few more charts of the gallery (SVG and PDF too).
demo: build
	rm -f .build/demo.sqlite*
	$(BIN) brief Samples --out charts --format html --db .build/demo.sqlite
	$(BIN) export --db .build/demo.sqlite --format csv -o charts/facts.csv
	$(BIN) chart treemap --db .build/demo.sqlite --entity 临空 --year 2024 --table general_budget_by_function --color change -o charts/gallery-treemap-change.png
	$(BIN) chart sangong --db .build/demo.sqlite -o charts/gallery-sangong-totals.svg
	$(BIN) chart change --db .build/demo.sqlite --entity 临空 --years 2023,2024 --level 项 -o charts/gallery-change.pdf
	@echo "wrote charts/ (open charts/brief.html)"

test: deps
	$(SWIFT) build --build-tests
	@# The failures again at the end, where a CI log's tail shows them.
	$(SWIFT) test --skip-build 2>&1 | tee .build/test.log; status=$${PIPESTATUS[0]}; \
	if [ $$status != 0 ]; then echo "== failures =="; grep -E ": error: " .build/test.log | cut -c1-300 | head -12; fi; \
	exit $$status

# The libFuzzer target over the reader, built with -sanitize=fuzzer,address and run for a fixed
# budget (Fuzz/run; YUSUAN_FUZZ_SECONDS, default 60). CI runs it after the tests.
fuzz: deps
	bash Fuzz/run

# The Swift runtime and Foundation linked in statically: a chart from the command line starts in a
# few milliseconds instead of resolving a dozen more shared libraries (docs/PERFORMANCE.md).
# SwiftPM links every library it builds with the Swift runtime (libswiftCore.so); the PDF library
# holds no Swift, so it is linked again from the same objects without it: the static yusuan and
# the library beside it need no Swift installed. Cairo and Pango are then taken off the libraries
# yusuan loads at start (scripts/unlink-graphics.sh): the commands that draw load them themselves.
# Linked by lld with the relative relocations packed (RELR) where glibc applies them (2.36 and
# later): the loader read 2.1 MB of relocations (90,000, one per pointer in the executable's data)
# at every start; packed they are 17 KB.
# Both need lld (Swift's Linux toolchains ship it); without it, or with an older glibc, the usual link.
# Expanded where used (`=`): other targets do not ask.
RELR = $(if $(shell command -v ld.lld 2>/dev/null),$(shell ldd --version 2>/dev/null | awk 'NR == 1 { split($$NF, v, "."); print (v[1] > 2 || v[2] >= 36) ? "yes" : "no" }'))
RELEASE_FLAGS = -c release --static-swift-stdlib $(if $(filter yes,$(RELR)),-Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs)
release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product yusuan
	bash scripts/unlink-graphics.sh .build/release/yusuan
	$(SWIFT) build $(RELEASE_FLAGS) --product YusuanPDFScan
	cd .build/release && $(CXX) -shared -o libYusuanPDFScan.so CPDFAPI.build/*.o CPDFScan.build/*.o \
	  $$(pkg-config --libs poppler-glib poppler cairo) -ldl

bench: deps
	$(SWIFT) run -c release yusuan-bench

clean:
	rm -rf .build
