#!/usr/bin/env bash
# Builds the wasm module (wasm-pack, --target web) into pkg/ and prints its shipped size.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { printf '\033[31m[wasm] error:\033[0m %s\n' "$*" >&2; exit 1; }
command -v wasm-pack >/dev/null || die "wasm-pack not found: run scripts/setup.sh (cargo install wasm-pack --version 0.15.1)"
command -v wasm-opt >/dev/null || die "wasm-opt not found: run 'npm ci' (npm package binaryen provides it)"
case "$(command -v wasm-opt)" in
  */node_modules/.bin/wasm-opt) ;;
  *) die "wasm-opt on PATH is $(command -v wasm-opt), not npm's binaryen; Debian's binaryen 108 builds a broken module. Put node_modules/.bin first on PATH." ;;
esac
# opt-level z for the shipped module only; the native CLI keeps opt-level 3.
CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_LTO=true CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 wasm-pack build --release --target web --out-dir pkg --out-name ioclens --no-pack \
  >/tmp/ioclens-wasm-build.log 2>&1 || { cat /tmp/ioclens-wasm-build.log >&2; die "wasm-pack build failed (log above)"; }
raw=$(stat -c %s pkg/ioclens_bg.wasm)
gz=$(gzip -9c pkg/ioclens_bg.wasm | wc -c)
printf '[wasm] pkg/ioclens_bg.wasm: %d KB raw, %d KB gzipped\n' $((raw / 1024)) $((gz / 1024))
