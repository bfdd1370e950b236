#!/usr/bin/env bash
# Assembles the paste-box page into dist/www (served by any static server) and, when the inliner
# exists, the single self-contained dist/ioclens.html.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { printf '\033[31m[web] error:\033[0m %s\n' "$*" >&2; exit 1; }
[ -f pkg/ioclens_bg.wasm ] || die "pkg/ioclens_bg.wasm missing: run 'make wasm' first"
mkdir -p dist
stage=$(mktemp -d dist/.stage-www.XXXX)
cp -r www/. "$stage/"
mkdir -p "$stage/pkg"
cp pkg/ioclens.js pkg/ioclens_bg.wasm "$stage/pkg/"
rm -rf dist/www
mv "$stage" dist/www
if [ -f scripts/inline-html.mjs ]; then
  node scripts/inline-html.mjs dist/www dist/ioclens.html.tmp || die "inlining dist/ioclens.html failed"
  mv dist/ioclens.html.tmp dist/ioclens.html
fi
echo "[web] dist/www ready$( [ -f dist/ioclens.html ] && echo ', dist/ioclens.html ready')"
