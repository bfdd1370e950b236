#!/usr/bin/env bash
# Idempotent fresh-machine setup for IOC Lens (Debian + rustup + Node/npm).
# Every step checks first and skips what is already there, so a warm run takes seconds.
# Versions are pinned where a mismatch breaks the build (see ../shared/TOOLCHAIN.md):
#   wasm-bindgen-cli must equal the crate's wasm-bindgen (=0.2.130).
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1
NEED_BROWSER=${NEED_BROWSER:-1}

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[setup] error:\033[0m %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs) and re-run"
command -v rustup >/dev/null || die "rustup not found: the wasm target is added with rustup; install Rust with rustup"
command -v node >/dev/null || die "node not found: install Node.js >= 18 (apt-get install nodejs npm) and re-run"
command -v npm >/dev/null || die "npm not found: install npm (apt-get install npm) and re-run"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown || die "rustup target add wasm32-unknown-unknown failed"
fi
for comp in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$comp"; then
    say "adding rustup component $comp"
    rustup component add "$comp" || die "rustup component add $comp failed"
  fi
done

if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (~4 min cold)"
  # No --locked: the pinned lockfile clashes on webpki-roots (TOOLCHAIN.md).
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force \
    || die "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION failed"
fi

if ! command -v wasm-pack >/dev/null || [ "$(wasm-pack --version | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  say "installing wasm-pack $WASM_PACK_VERSION (~3.5 min cold; npm's wasm-pack cannot download here)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --force || die "cargo install wasm-pack failed"
fi

if [ "$NEED_BROWSER" = 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  command -v apt-get >/dev/null || die "/usr/bin/chromium missing and no apt-get: install Chromium and ChromeDriver"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  say "installing Debian chromium + chromium-driver"
  $SUDO apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null \
    || die "apt-get install chromium chromium-driver failed"
fi
# Stock Firefox ESR for tests/e2e/firefox*.mjs (driven over WebDriver BiDi; no patched build needed).
if [ "$NEED_BROWSER" = 1 ] && [ ! -x /usr/bin/firefox-esr ]; then
  command -v apt-get >/dev/null || die "/usr/bin/firefox-esr missing and no apt-get: install Firefox ESR (>= 142)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  say "installing Debian firefox-esr"
  $SUDO apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq firefox-esr >/dev/null \
    || die "apt-get install firefox-esr failed"
fi

# zip/unzip: `make dist` packs the store zips with them (tests/e2e/dist-zips.test.mjs runs it).
if ! command -v zip >/dev/null || ! command -v unzip >/dev/null; then
  command -v apt-get >/dev/null || die "zip/unzip missing and no apt-get: install zip and unzip"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  say "installing Debian zip + unzip"
  $SUDO apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq zip unzip >/dev/null || die "apt-get install zip unzip failed"
fi

# npm devDependencies (playwright-core, binaryen for wasm-opt, web-ext, ws for the Firefox BiDi tests). Re-run only when the lockfile changed.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.installed ]; then
  say "installing npm devDependencies"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi \
    || die "npm install failed"
  touch node_modules/.installed
fi
# Python consumers of the STIX/MISP exports (stix2, pymisp) for `make test-py`, in a local .venv.
# Re-run only when tests/py/requirements.txt changed.
if [ ! -x .venv/bin/python ] || [ tests/py/requirements.txt -nt .venv/.installed ]; then
  command -v python3 >/dev/null || die "python3 not found: install Python 3 (apt-get install python3 python3-venv) and re-run"
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    command -v apt-get >/dev/null || die "python3 has no venv/ensurepip: install python3-venv"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    say "installing Debian python3-venv"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null || die "apt-get install python3-venv failed"
  fi
  say "creating .venv with the export consumers (stix2, pymisp)"
  python3 -m venv .venv || die "python3 -m venv .venv failed"
  .venv/bin/pip install --quiet --disable-pip-version-check -r tests/py/requirements.txt \
    || die "pip install -r tests/py/requirements.txt failed"
  touch .venv/.installed
fi
say "setup complete"
