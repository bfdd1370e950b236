#!/usr/bin/env bash
# `make eval`: accuracy on the labelled corpus (../shared/corpus when present): precision/recall/F1
# per type and micro-averaged, on the corpus and the project's own labelled cases, for ioclens (the CLI, `--format json --types all`) and, side by side,
# the peers (iocextract, ioc-finder in-process; ioc-extractor as a command; installed into target/
# by scripts/peers/install.sh). Writes the table into BENCHMARKS.md (benches/report.py --eval).
# EVAL_PEERS=0 scores ioclens only. Extra arguments go to every score.py call (e.g. --subset edge-dev).
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus}
BIN=${BIN:-target/release/ioclens}
if [ ! -f "$CORPUS/score.py" ]; then
  echo "[eval] $CORPUS/score.py not found: the labelled corpus is absent, nothing to score (skipped)"
  exit 0
fi
[ -x "$BIN" ] || { echo "[eval] $BIN missing: run 'make cli'" >&2; exit 1; }
OUT=target/eval
mkdir -p "$OUT"
rm -f "$OUT"/*.json
# The scorer reads every data/<subset>/cases.jsonl next to it: a copy of the corpus made of links,
# plus the project's own hand-labelled cases (tests/fixtures/labelled) as the subset ioclens-own.
EC=target/eval-corpus
rm -rf "$EC" && mkdir -p "$EC/data"
ln -s "$(realpath "$CORPUS/score.py")" "$EC/score.py"
for d in "$CORPUS"/data/*/; do ln -s "$(realpath "$d")" "$EC/data/$(basename "$d")"; done
ln -s "$(realpath tests/fixtures/labelled)" "$EC/data/ioclens-own"
CORPUS=$EC

echo "== ioclens ($BIN --format json --types all)"
# The CLI exits 1 when a document has no IOC (grep-like); the scorer would count that as a crash.
python3 "$CORPUS/score.py" --cmd "$BIN --format json --types all; [ \$? -le 1 ]" --jobs 2 --name ioclens \
  --errors "$OUT/errors.jsonl" --json "$OUT/ioclens.json" "$@"
echo "[eval] per-case misses: $OUT/errors.jsonl"

if [ "${EVAL_PEERS:-1}" = 1 ]; then
  scripts/peers/install.sh
  PY=target/bench-venv/bin/python
  for peer in iocextract:iocextract_adapter ioc-finder:iocfinder_adapter; do
    name=${peer%%:*} adapter=${peer#*:}
    echo "== $name (in-process: scripts/peers/$adapter.py)"
    "$PY" "$CORPUS/score.py" --py "scripts/peers/$adapter.py:extract" --name "$name" \
      --errors "$OUT/errors-$name.jsonl" --json "$OUT/$name.json" "$@"
  done
  echo "== ioc-extractor (command: node scripts/peers/ioc_extractor_cmd.mjs)"
  python3 "$CORPUS/score.py" --cmd "node scripts/peers/ioc_extractor_cmd.mjs" --jobs 2 --name ioc-extractor \
    --errors "$OUT/errors-ioc-extractor.jsonl" --json "$OUT/ioc-extractor.json" "$@"
fi
python3 benches/report.py --eval "$OUT" --out BENCHMARKS.md
