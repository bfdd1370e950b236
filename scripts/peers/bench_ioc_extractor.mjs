#!/usr/bin/env node
// Times ioc-extractor (npm) in-process on the side-by-side corpus, exactly as scripts/peers/bench_py.py
// times the Python peers (see there): chunked run within a budget, whole-string scaling check, peak
// memory (process.resourceUsage().maxRSS, KiB). Usage: bench_ioc_extractor.mjs CORPUS [BUDGET_S] [CHUNK]
import { readFileSync } from 'node:fs';
import { loadIocExtractor, iocExtractorVersion } from './ioc_extractor_load.mjs';

const [corpusPath, budgetArg, chunkArg] = process.argv.slice(2);
const budget = Number(budgetArg || 90);
const chunk = Number(chunkArg || 65536);
const { extractIOC } = await loadIocExtractor();
const text = readFileSync(corpusPath, 'utf8');
const bytes = (s) => Buffer.byteLength(s);
const count = (out) => Object.values(out).reduce((n, v) => n + v.length, 0);
const now = () => performance.now() / 1000;
// CPU seconds of the process (user + system), the steadier figure on a loaded machine.
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const rss = () => process.resourceUsage().maxRSS;
/** The first n characters, cut after the last line break. */
const prefix = (s, n) => {
  if (n >= s.length) return s;
  const cut = s.lastIndexOf('\n', n - 1);
  return cut > 0 ? s.slice(0, cut + 1) : s.slice(0, n);
};

extractIOC('warm-up: evil[.]com 1.2.3[.]4 hxxp://a[.]b/c');
const base = rss();
const res = {
  tool: 'ioc-extractor', version: await iocExtractorVersion(), runtime: `Node ${process.version}`,
  corpus_bytes: bytes(text), chunk, budget_s: budget,
};
let done = 0; let found = 0; let i = 0;
const t0 = now(); const c0 = cpu();
while (i < text.length) {
  const piece = i + chunk < text.length ? prefix(text.slice(i, i + chunk + 1), chunk) : text.slice(i);
  found += count(extractIOC(piece));
  done += bytes(piece);
  i += piece.length;
  if (now() - t0 > budget) break;
}
const secs = now() - t0;
res.chunked = { bytes: done, secs, cpu_s: cpu() - c0, mb_s: done / 1e6 / secs, matches: found, complete: done >= res.corpus_bytes };
const whole = [];
for (const n of [32000, 128000]) {
  const s = prefix(text, n);
  const t = now(); const c = cpu();
  const m = count(extractIOC(s));
  whole.push({ bytes: bytes(s), secs: now() - t, cpu_s: cpu() - c, matches: m });
}
const k = Math.max(1, Math.log(whole[1].cpu_s / Math.max(whole[0].cpu_s, 1e-9)) / Math.log(whole[1].bytes / whole[0].bytes));
res.scaling_exponent = k;
res.whole_projected_s = whole[1].cpu_s * (res.corpus_bytes / whole[1].bytes) ** k;
if (res.whole_projected_s <= budget) {
  const t = now(); const c = cpu();
  const m = count(extractIOC(text));
  whole.push({ bytes: res.corpus_bytes, secs: now() - t, cpu_s: cpu() - c, matches: m });
}
res.whole = whole;
res.base_rss_kb = base;
res.peak_rss_kb = rss();
console.log(JSON.stringify(res));
