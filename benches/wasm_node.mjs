// The wasm module (pkg/, `make wasm`, --target web) in Node on the benchmark inputs: MB/s and the
// cost of crossing the JS boundary. Run by scripts/bench.sh (not by `cargo bench`: cargo only
// builds benches/*.rs). Prints one JSON object. Each input is timed in a fresh process (fresh wasm
// instance): the module's regex caches remember earlier inputs (see `history`).
//
//   node benches/wasm_node.mjs suite target/bench/inputs     every input, `all` and default types
//   node benches/wasm_node.mjs time FILE [all|default] [REPS]  one input in a fresh process, with
//                                                            CPU time and peak memory (side by side)
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PKG = process.env.IOCLENS_PKG || join(ROOT, 'pkg');
const wasm = await import(join(PKG, 'ioclens.js'));
wasm.initSync({ module: readFileSync(join(PKG, 'ioclens_bg.wasm')) });

const now = () => performance.now() / 1000;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const extractor = (types) => new wasm.IocExtractor(types === 'default' ? {} : { types: 'all' });

/**
 * Median CPU seconds of `fn` (user + system of this process: on a shared, loaded machine waiting for
 * a core is not counted) and the median wall seconds alongside. At least 3 runs after a warm-up
 * call, more while under ~1 s in total; a call over 2 s is timed once (its warm-up call is the sample).
 */
function timeIt(fn, minReps = 3, maxReps = 15, budget = 1.0) {
  const once = () => { const t = now(); const c = cpu(); const r = fn(); return [cpu() - c, now() - t, r]; };
  const [c1, w1, first] = once();
  if (w1 > 2) return { median_s: c1, wall_median_s: w1, reps: 1, result: first };
  const cpus = []; const walls = [];
  const t0 = now();
  while (cpus.length < minReps || (cpus.length < maxReps && now() - t0 < budget)) {
    const [c, w] = once();
    cpus.push(c); walls.push(w);
  }
  return { median_s: median(cpus), wall_median_s: median(walls), reps: cpus.length, result: first };
}

/** One input, `all` then default types, in this (fresh) process: `node wasm_node.mjs one FILE`. */
function one(file) {
  const text = readFileSync(file, 'utf8');
  const row = {};
  for (const t of ['all', 'default']) {
    const ex = extractor(t);
    const r = timeIt(() => ex.extract(text));
    row[t] = { median_s: r.median_s, wall_median_s: r.wall_median_s, reps: r.reps, matches: r.result.length };
  }
  return row;
}

/** 1 MB of prose timed in a fresh instance, then again after 1 MB of hex went through it. */
function history(dir) {
  const ex = extractor('all');
  const prose = readFileSync(join(dir, 'prose_999999.txt'), 'utf8');
  const before = timeIt(() => ex.extract(prose)).median_s;
  ex.extract(readFileSync(join(dir, 'hex_1mb.txt'), 'utf8'));
  const after = timeIt(() => ex.extract(prose)).median_s;
  return { input: 'prose_999999', then: 'hex_1mb', before_s: before, after_s: after };
}

function suite(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const ex = { all: extractor('all') };
  // Each input in its own process, so a fresh wasm instance: the regex caches inside the module
  // remember earlier inputs, and one input must not change the next one's figure (see `history`).
  const rows = [];
  for (const e of manifest) {
    if (e.kind === 'corpus') continue; // timed on its own (`time`)
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), 'one', join(dir, e.file)],
      { encoding: 'utf8', maxBuffer: 1 << 20 });
    rows.push({ name: e.name, bytes: e.bytes, ...JSON.parse(out) });
  }
  // The boundary: a call with nothing to do, the UTF-8 copy a string needs to get in, and the
  // cost per match object coming back (dense input: everything / matches, an upper bound).
  const empty = (() => {
    const n = 20000;
    for (let i = 0; i < 1000; i++) ex.all.extract('');
    const t = now();
    for (let i = 0; i < n; i++) ex.all.extract('');
    return (now() - t) / n;
  })();
  const prose = readFileSync(join(dir, 'prose_1000000.txt'), 'utf8');
  const copy = timeIt(() => Buffer.from(prose, 'utf8')).median_s;
  const dense = readFileSync(join(dir, 'dense_1mb.txt'), 'utf8');
  const denseRun = timeIt(() => ex.all.extract(dense));
  const jsonRun = timeIt(() => JSON.stringify(denseRun.result)).median_s;
  // The way back in: the same match objects deserialised by wasm (exportMatches → a JSONL string).
  const backRun = timeIt(() => wasm.exportMatches(denseRun.result, 'jsonl', {})).median_s;
  // History, in a fresh instance of its own: does an input leave state behind that slows later calls?
  const history = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), 'history', dir],
    { encoding: 'utf8' }));
  return {
    node: process.version, wasm_version: wasm.version(), rows, history,
    boundary: {
      empty_call_s: empty,
      utf8_copy_1mb_s: copy,
      dense_bytes: Buffer.byteLength(dense), dense_matches: denseRun.result.length,
      dense_s: denseRun.median_s,
      // For scale: serialising the same match array to JSON in JS.
      dense_json_stringify_s: jsonRun,
      dense_export_jsonl_s: backRun,
    },
  };
}

function timeOne(file, types, reps) {
  const text = readFileSync(file, 'utf8');
  const ex = extractor(types);
  for (let i = 0; i < 2; i++) ex.extract(text.slice(0, 200000)); // tier-up, as in the suite
  const base = process.resourceUsage().maxRSS;
  let matches = 0;
  const secs = [];
  const c0 = cpu();
  for (let i = 0; i < reps; i++) {
    const t = now();
    matches = ex.extract(text).length;
    secs.push(now() - t);
  }
  const cpuPer = (cpu() - c0) / reps;
  return {
    bytes: Buffer.byteLength(text), reps, median_s: median(secs), best_s: Math.min(...secs), cpu_s: cpuPer,
    matches, base_rss_kb: base, peak_rss_kb: process.resourceUsage().maxRSS, node: process.version,
  };
}

/** Each built-in type alone on one input: which scanner costs what in wasm. */
function perType(file, reps) {
  const text = readFileSync(file, 'utf8');
  const base = timeIt(() => new wasm.IocExtractor({ types: [] }).extract(text), reps, reps);
  const rows = wasm.typeNames().map(({ name }) => {
    const ex = new wasm.IocExtractor({ types: [name] });
    const r = timeIt(() => ex.extract(text), reps, reps);
    return { type: name, median_s: r.median_s, matches: r.result.length };
  });
  return { bytes: Buffer.byteLength(text), none: base.median_s, rows };
}

const [mode, a, b, c] = process.argv.slice(2);
if (mode === 'one') console.log(JSON.stringify(one(a)));
else if (mode === 'history') console.log(JSON.stringify(history(a)));
else if (mode === 'suite') console.log(JSON.stringify(suite(a || 'target/bench/inputs')));
else if (mode === 'time') console.log(JSON.stringify(timeOne(a, b || 'all', Number(c || 3))));
else if (mode === 'per-type') console.log(JSON.stringify(perType(a, Number(b || 3))));
else { console.error('usage: wasm_node.mjs suite DIR | time FILE [all|default] [REPS] | per-type FILE [REPS]'); process.exit(2); }
