#!/usr/bin/env bash
# web-ext lint on the Firefox build: must report 0 errors.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(web-ext lint --source-dir dist/firefox --output json --no-config-discovery 2>/dev/null || true)
node -e '
const r = JSON.parse(process.argv[1]);
const c = r.count ?? r.summary;
for (const e of r.errors) console.error(`web-ext error: ${e.code}: ${e.message} (${e.file || ""})`);
for (const w of r.warnings) console.error(`web-ext warning: ${w.code}: ${w.message} (${w.file || ""})`);
console.log(`[lint] web-ext lint: ${r.errors.length} errors, ${r.warnings.length} warnings, ${r.notices.length} notices`);
process.exit(r.errors.length ? 1 : 0);
' "$out"
