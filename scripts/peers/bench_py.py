#!/usr/bin/env python3
"""Times a Python IOC extractor in-process on the side-by-side corpus (scripts/bench.sh).

    bench_py.py ADAPTER.py:FUNC DIST_NAME CORPUS [--budget S] [--chunk BYTES]

The interpreter start-up and the import (grammar/regex compilation) are excluded: the clock starts
after a warm-up call. Two measurements, printed as one JSON object:
  chunked  the corpus fed in line-aligned chunks of --chunk bytes (about one report's size), in
           order, until the corpus ends or --budget seconds pass: bytes done, seconds, MB/s.
           Chunking only helps a tool whose time grows faster than the input.
  whole    one call on the first 32 KB and 128 KB as single strings (the scaling check: exponent
           k in time ~ size^k), then on the whole corpus if that is projected to fit the budget.
Times are wall-clock and CPU (time.process_time): on a shared, loaded machine the CPU time is the
steadier figure, and the ratios in BENCHMARKS.md use it.
Peak memory is the process's ru_maxrss (KiB) after everything, with the baseline after warm-up.
"""
import argparse
import importlib.metadata
import importlib.util
import json
import math
import os
import resource
import sys
import time


def load(spec):
    path, _, func = spec.rpartition(":")
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    sp = importlib.util.spec_from_file_location("peer_adapter", path)
    mod = importlib.util.module_from_spec(sp)
    sp.loader.exec_module(mod)
    return getattr(mod, func)


def count(out):
    n = 0
    for v in out.values():
        if isinstance(v, dict):
            n += sum(len(x) for x in v.values())
        else:
            n += len(v)
    return n


def prefix(text, n):
    """The first n characters, cut after the last line break (no indicator is split)."""
    if n >= len(text):
        return text
    cut = text.rfind("\n", 0, n)
    return text[: cut + 1] if cut > 0 else text[:n]


def chunks(text, size):
    i = 0
    while i < len(text):
        piece = prefix(text[i:i + size + 1], size) if i + size < len(text) else text[i:]
        yield piece
        i += len(piece)


def rss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("adapter")
    ap.add_argument("dist")
    ap.add_argument("corpus")
    ap.add_argument("--budget", type=float, default=90.0)
    ap.add_argument("--chunk", type=int, default=65536)
    a = ap.parse_args()
    fn = load(a.adapter)
    with open(a.corpus, encoding="utf-8") as fh:
        text = fh.read()  # the corpus is ASCII-dominated: chars ~ bytes, sizes below are UTF-8 bytes
    fn("warm-up: evil[.]com 1.2.3[.]4 hxxp://a[.]b/c")
    base = rss_kb()
    res = {"tool": a.dist, "version": importlib.metadata.version(a.dist), "runtime": f"CPython {sys.version.split()[0]}",
           "corpus_bytes": len(text.encode()), "chunk": a.chunk, "budget_s": a.budget}
    done, found, t0, c0 = 0, 0, time.perf_counter(), time.process_time()
    for piece in chunks(text, a.chunk):
        found += count(fn(piece))
        done += len(piece.encode())
        if time.perf_counter() - t0 > a.budget:
            break
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    res["chunked"] = {"bytes": done, "secs": secs, "cpu_s": cpu, "mb_s": done / 1e6 / secs, "matches": found,
                      "complete": done >= res["corpus_bytes"]}
    whole = []
    for n in (32_000, 128_000):
        s = prefix(text, n)
        t, c = time.perf_counter(), time.process_time()
        m = count(fn(s))
        whole.append({"bytes": len(s.encode()), "secs": time.perf_counter() - t, "cpu_s": time.process_time() - c,
                      "matches": m})
    k = max(1.0, math.log(whole[1]["cpu_s"] / max(whole[0]["cpu_s"], 1e-9)) / math.log(whole[1]["bytes"] / whole[0]["bytes"]))
    projected = whole[1]["cpu_s"] * (res["corpus_bytes"] / whole[1]["bytes"]) ** k
    res["scaling_exponent"] = k
    res["whole_projected_s"] = projected
    if projected <= a.budget:
        t, c = time.perf_counter(), time.process_time()
        m = count(fn(text))
        whole.append({"bytes": res["corpus_bytes"], "secs": time.perf_counter() - t, "cpu_s": time.process_time() - c,
                      "matches": m})
    res["whole"] = whole
    res["base_rss_kb"], res["peak_rss_kb"] = base, rss_kb()
    print(json.dumps(res))


if __name__ == "__main__":
    main()
