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
# opt-level z for the shipped module only; the native CLI keeps opt-level 3. Measured in Node
# (2026-11-23, simd128 on): "s" extracts report_4mb ~1.3x faster for +17 KB gzipped (218 vs 201 KB),
# "3" is no faster than "s" and +51 KB. IOCLENS_WASM_OPT_LEVEL=s make wasm builds the faster one.
opt=${IOCLENS_WASM_OPT_LEVEL:-z}
case "$opt" in z|s|1|2|3) ;; *) die "IOCLENS_WASM_OPT_LEVEL must be z, s, 1, 2 or 3 (got $opt)" ;; esac
# simd128 comes from .cargo/config.toml; RUSTFLAGS in the environment would silently replace it.
[ -z "${RUSTFLAGS:-}" ] || printf '\033[33m[wasm] warning:\033[0m RUSTFLAGS is set and replaces the simd128 flag of .cargo/config.toml (slower module)\n' >&2
CARGO_PROFILE_RELEASE_OPT_LEVEL=$opt CARGO_PROFILE_RELEASE_LTO=true CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 wasm-pack build --release --target web --out-dir pkg --out-name ioclens --no-pack \
  >/tmp/ioclens-wasm-build.log 2>&1 || { cat /tmp/ioclens-wasm-build.log >&2; die "wasm-pack build failed (log above)"; }
raw=$(stat -c %s pkg/ioclens_bg.wasm)
gz=$(gzip -9c pkg/ioclens_bg.wasm | wc -c)
printf '[wasm] pkg/ioclens_bg.wasm (opt-level %s): %d KB raw, %d KB gzipped\n' "$opt" $((raw / 1024)) $((gz / 1024))
