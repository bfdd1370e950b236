#!/usr/bin/env bash
# Store packages from dist/chrome and dist/firefox (built by `make extension`):
#   dist/ioclens-<version>-chrome.zip   upload to the Chrome Web Store
#   dist/ioclens-<version>-firefox.zip  upload to addons.mozilla.org
#   dist/ioclens-<version>-source.zip   the source AMO reviewers ask for (the .wasm is compiled
#                                       from Rust; README "Browser extension" says how to rebuild it)
# Zips are reproducible: fixed timestamps, sorted entries, no extra file attributes.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { printf '\033[31m[dist] error:\033[0m %s\n' "$*" >&2; exit 1; }
command -v zip >/dev/null || die "zip not found (apt-get install zip)"
for b in chrome firefox; do
  [ -f "dist/$b/manifest.json" ] || die "dist/$b missing: run 'make extension' first"
  [ -f "dist/$b/pkg/ioclens_bg.wasm" ] || die "dist/$b/pkg/ioclens_bg.wasm missing: run 'make extension'"
done
version=$(node -p "require('./dist/chrome/manifest.json').version")
[ "$version" = "$(node -p "require('./dist/firefox/manifest.json').version")" ] || die "chrome and firefox builds differ in version"
root=$PWD
for b in chrome firefox; do
  out="$root/dist/ioclens-$version-$b.zip"
  rm -f "$out"
  stage=$(mktemp -d)
  cp -r "dist/$b/." "$stage/"
  find "$stage" -exec touch -h -d '2000-01-01 00:00:00 UTC' {} +
  (cd "$stage" && find . -type f | LC_ALL=C sort | sed 's|^\./||' | TZ=UTC zip -X -q -9 "$out" -@)
  rm -rf "$stage"
  unzip -l "$out" manifest.json >/dev/null || die "$out has no manifest.json at its root"
  printf '[dist] %s (%d KB, %d files)\n' "${out#"$root"/}" $(( $(stat -c %s "$out") / 1024 )) "$(unzip -Z1 "$out" | wc -l)"
done
if git rev-parse --git-dir >/dev/null 2>&1; then
  src="dist/ioclens-$version-source.zip"
  git archive --format=zip --prefix="ioclens-$version-source/" -o "$src" HEAD
  [ -z "$(git status --porcelain -- src extension scripts Cargo.toml Cargo.lock Makefile package.json package-lock.json)" ] \
    || printf '\033[33m[dist] warning:\033[0m uncommitted changes are not in %s (it is made from HEAD)\n' "$src" >&2
  printf '[dist] %s (%d KB)\n' "$src" $(( $(stat -c %s "$src") / 1024 ))
fi
