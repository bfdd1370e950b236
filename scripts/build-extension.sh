#!/usr/bin/env bash
# Assembles dist/chrome and dist/firefox from extension/ and pkg/. Builds into a staging folder
# and swaps it in at the end, so a failed build never leaves a half-built dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { printf '\033[31m[extension] error:\033[0m %s\n' "$*" >&2; exit 1; }
[ -f pkg/ioclens_bg.wasm ] || die "pkg/ioclens_bg.wasm missing: run 'make wasm' first"
mkdir -p dist
for browser in chrome firefox; do
  stage=$(mktemp -d dist/.stage-$browser.XXXX)
  cp -r extension/. "$stage/"
  mkdir -p "$stage/pkg"
  cp pkg/ioclens.js pkg/ioclens_bg.wasm "$stage/pkg/"
  node scripts/manifest.mjs "$browser" extension/manifest.json > "$stage/manifest.json" || die "manifest for $browser"
  rm -rf "dist/$browser"
  mv "$stage" "dist/$browser"
done
echo "[extension] dist/chrome and dist/firefox ready"
