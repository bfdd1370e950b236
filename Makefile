# IOC Lens — the two commands: `make run` (build everything, show the product) and `make test`.
# Every target runs scripts/setup.sh first, which installs what is missing (idempotent).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)


PORT ?= 8080

.PHONY: all setup build wasm cli extension web run test test-rust test-wasm test-js test-e2e lint-ext dist eval bench fuzz clean test-py

all: build

setup:
	@scripts/setup.sh

## build: wasm module, extension (dist/chrome, dist/firefox), web page (dist/www, dist/ioclens.html), CLI
build: setup wasm cli extension web

wasm:
	@scripts/build-wasm.sh

cli:
	cargo build --release --bin ioclens

extension: wasm
	@scripts/build-extension.sh

web: wasm
	@scripts/build-web.sh

## run: build, print the sample report's IOCs through the CLI, serve the web page
run: build
	@echo; echo "== IOCs of the bundled sample report (target/release/ioclens --sample) =="
	@target/release/ioclens --sample --types all --format txt-grouped || true
	@echo
	@echo "== Browser extension: open chrome://extensions, enable Developer mode, 'Load unpacked' -> $(CURDIR)/dist/chrome"
	@echo "   (Firefox: about:debugging -> This Firefox -> Load Temporary Add-on -> dist/firefox/manifest.json)"
	@echo "== Web page: http://127.0.0.1:$(PORT)/  (single file: dist/ioclens.html). Ctrl-C stops."
	@exec node scripts/serve.mjs dist/www $(PORT)

## test: everything CI checks
test: build test-rust test-wasm test-py test-js test-e2e lint-ext
	@echo "make test: all layers passed"

test-rust:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo test --all-targets
	cargo test --doc

test-wasm:
	wasm-pack test --node

## test-py: the STIX/MISP/CSV export goldens loaded by real consumers (stix2, pymisp; .venv from setup)
test-py: setup
	.venv/bin/python tests/py/check_exports.py

test-js:
	node --test tests/js/

test-e2e:
	node --test --test-concurrency=1 --test-timeout=600000 tests/e2e/

lint-ext:
	@scripts/lint-extension.sh

## dist: store zips for both browsers
dist: build
	@scripts/package-extension.sh

eval: setup cli
	@scripts/eval.sh

bench: setup
	@scripts/bench.sh

fuzz:
	@scripts/fuzz.sh

clean:
	rm -rf dist pkg target/wasm32-unknown-unknown
