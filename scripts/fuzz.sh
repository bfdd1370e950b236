#!/usr/bin/env bash
# `make fuzz`: run each cargo-fuzz target (fuzz/fuzz_targets/) for FUZZ_SECONDS (default 60) with
# inputs up to 4 KB, seeded from tests/fixtures and a dictionary of defang tokens (fuzz/defang.dict).
# Not part of `make test`. Installs cargo-fuzz if missing; needs the nightly toolchain.
# Knobs: FUZZ_SECONDS, FUZZ_TARGETS ("extract fang_roundtrip export_formats"), FUZZ_JOBS (parallel
# workers per target, default 1), FUZZ_SANITIZER (address|none, default address).
# Crashes land in fuzz/artifacts/<target>/; reproduce with `cargo +nightly fuzz run <target> <file>`.
# At the end, the executions per target (libFuzzer's final stats) and their total are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
SECONDS_PER=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-"extract fang_roundtrip export_formats"}
JOBS=${FUZZ_JOBS:-1}
SAN=${FUZZ_SANITIZER:-address}
say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*" >&2; }

rustup toolchain list | grep -q '^nightly' || { say "installing the nightly toolchain"; rustup toolchain install nightly --profile minimal; }
command -v cargo-fuzz >/dev/null || { say "installing cargo-fuzz"; cargo install cargo-fuzz; }

# Seeds: the fixture texts cut into ≤4 KB pieces. The extraction and export targets read options
# from the first 4 bytes (fuzz/src/lib.rs), so their seeds get a prefix: every type, decoding,
# both allowlists, the custom type and every export option. Idempotent (names are content-based).
seed() {
  local target=$1 prefix=$2 dir=fuzz/corpus/$1
  mkdir -p "$dir"
  local f
  for f in tests/fixtures/sample-report.txt tests/fixtures/pages/*.html tests/fixtures/safe-ioc-vectors/vectors.json tests/adversarial/*.txt; do
    [ -f "$f" ] || continue
    python3 - "$f" "$dir" "$prefix" <<'PY'
import hashlib, sys
# Small seeds (runs of lines up to ~512 bytes, at most 48 per file) keep executions fast;
# the fuzzer grows inputs up to -max_len itself.
path, out, prefix = sys.argv[1], sys.argv[2], bytes.fromhex(sys.argv[3])
pieces, cur = [], b""
for line in open(path, "rb").read().splitlines(keepends=True):
    while len(line) > 512:
        pieces.append(line[:512]); line = line[512:]
    if len(cur) + len(line) > 512:
        pieces.append(cur); cur = b""
    cur += line
pieces.append(cur)
for piece in [p for p in pieces if p.strip()][:48]:
    piece = prefix + piece
    open(f"{out}/seed-{hashlib.sha1(piece).hexdigest()}", "wb").write(piece)
PY
  done
}

declare -A EXECS
total=0
start=$(date +%s)
for t in $TARGETS; do
  case $t in
    fang_roundtrip) seed "$t" "" ;;
    *) seed "$t" "ffffffff" ;;
  esac
  mkdir -p fuzz/artifacts/"$t"
  log=fuzz/artifacts/$t.log
  say "$t: ${SECONDS_PER}s, $JOBS job(s), sanitizer $SAN (log: $log)"
  set +e
  # -jobs (even -jobs=1) moves libFuzzer's output to fuzz-N.log files: only ask for it when parallel.
  par=()
  if [ "$JOBS" -gt 1 ]; then par=(-jobs="$JOBS" -workers="$JOBS"); fi
  cargo +nightly fuzz run -s "$SAN" "$t" -- \
     -max_total_time="$SECONDS_PER" -max_len=4096 -dict="$PWD/fuzz/defang.dict" \
     -print_final_stats=1 "${par[@]}" \
     -artifact_prefix="$PWD/fuzz/artifacts/$t/" >"$log" 2>&1
  rc=$?
  set -e
  # With -jobs, each worker writes fuzz-N.log in the current folder (the repo root); gather them.
  if [ "$JOBS" -gt 1 ]; then cat fuzz-*.log >>"$log" 2>/dev/null || true; rm -f fuzz-*.log; fi
  n=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{s += $2} END {print s + 0}')
  EXECS[$t]=$n
  total=$((total + n))
  if [ $rc -ne 0 ]; then
    say "$t FAILED (exit $rc) after $n executions; see $log and fuzz/artifacts/$t/"
    tail -40 "$log" >&2
    exit $rc
  fi
  say "$t: $n executions, no crash"
done
for t in $TARGETS; do printf '%-16s %12s executions\n' "$t" "${EXECS[$t]}"; done
printf '%-16s %12s executions in %ss\n' total "$total" "$(( $(date +%s) - start ))"
