#!/usr/bin/env bash
# Accuracy on the labelled corpus (../shared/corpus when present): precision/recall/F1 per type.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus}
BIN=${BIN:-target/release/ioclens}
if [ ! -f "$CORPUS/score.py" ]; then
  echo "[eval] $CORPUS/score.py not found: the labelled corpus is absent, nothing to score (skipped)"
  exit 0
fi
[ -x "$BIN" ] || { echo "[eval] $BIN missing: run 'make cli'" >&2; exit 1; }
mkdir -p target/eval
python3 "$CORPUS/score.py" --cmd "$BIN --format json --types all" --jobs 2 \
  --errors target/eval/errors.jsonl --json target/eval/summary.json "$@"
echo "[eval] per-case misses: target/eval/errors.jsonl"
