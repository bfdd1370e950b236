#!/usr/bin/env bash
# Installs the peer extractors that `make bench` and `make eval` compare against, into throwaway
# folders under target/ (never into the project's own .venv or node_modules):
#   target/bench-venv  python iocextract + ioc-finder (PyPI)
#   target/bench-npm   ioc-extractor (npm, `npm install --prefix`)
# Pinned to the versions ../shared/corpus/README.md measured, so our table and that one agree.
# Idempotent: a stamp file per folder records what was installed. Prints nothing on a warm run.
set -euo pipefail
cd "$(dirname "$0")/../.."
# iocextract imports requests at load time without declaring it.
PY_PEERS="iocextract==1.16.1 ioc-finder==9.4.1 requests"
NPM_PEERS="ioc-extractor@8.2.0"
say() { printf '\033[1m[peers]\033[0m %s\n' "$*" >&2; }

venv=target/bench-venv
if [ "$(cat "$venv/.installed" 2>/dev/null)" != "$PY_PEERS" ]; then
  say "creating $venv with $PY_PEERS"
  rm -rf "$venv"
  python3 -m venv "$venv"
  # shellcheck disable=SC2086 # word splitting of the pinned list is intended
  "$venv/bin/pip" install --quiet --disable-pip-version-check $PY_PEERS
  echo "$PY_PEERS" >"$venv/.installed"
fi

npmdir=target/bench-npm
if [ "$(cat "$npmdir/.installed" 2>/dev/null)" != "$NPM_PEERS" ]; then
  say "installing $NPM_PEERS into $npmdir"
  rm -rf "$npmdir"
  mkdir -p "$npmdir"
  # shellcheck disable=SC2086
  npm install --prefix "$npmdir" --no-audit --no-fund --silent $NPM_PEERS
  echo "$NPM_PEERS" >"$npmdir/.installed"
fi
