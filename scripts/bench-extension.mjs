// Extension benchmark: time from a real toolbar click to the last highlight on a generated page of
// N MB of report text (default 1), in headless Chromium with dist/chrome loaded (IOCLENS_EXT=dir
// to time another build). Prints each run with its phases and the medians.
//   click → popup opened → popup asked → scan started, then (ms after the scan started) the
//   content script injected, the text read and back, extraction done (highlighting starts on its
//   first piece and runs alongside), highlights done (every <mark> in the page: the headline
//   figure), painted (the browser has rendered the frame after the last highlight); "page pause"
//   is the longest gap of the page's own 10 ms timer (how long the page was unresponsive).
// IOCLENS_TRACE=1 also records a Chrome trace of each run and prints the CPU time (thread time,
// so other processes on a busy machine do not inflate it) of the page's main thread by kind of
// work between the click and the paint, and of the other busiest threads.
// Usage: node scripts/bench-extension.mjs [MB] [RUNS]   (after `make extension`)
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, fixtureServer, scanByClick, EXT } from '../tests/e2e/harness.mjs';
import { bigPage } from '../tests/e2e/extension-bigpage.mjs';

const TRACE = process.env.IOCLENS_TRACE === '1';

/** Starts a browser-wide trace; `stop()` resolves with its events. */
async function startTrace(b) {
  const bs = await b.ctx.browser().newBrowserCDPSession();
  const events = [];
  bs.on('Tracing.dataCollected', (e) => { for (const x of e.value) events.push(x); });
  const complete = new Promise((ok) => bs.on('Tracing.tracingComplete', ok));
  await bs.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel'] }, transferMode: 'ReportEvents' });
  return { stop: async () => { await bs.send('Tracing.end'); await complete; await bs.detach(); return events; } };
}

const KIND = { UpdateLayoutTree: 'style', Layout: 'layout', PrePaint: 'prepaint', Paint: 'paint', Layerize: 'paint', Commit: 'paint',
  MinorGC: 'gc', MajorGC: 'gc', 'v8.callFunction': 'js', 'v8.run': 'js', EvaluateScript: 'js', FunctionCall: 'js', RunMicrotasks: 'js' };

/**
 * Thread CPU time (ms) between the scan's start and its paint: the page renderer's main thread by
 * kind of work (an event's own time goes to its kind, or to its parent's), and the other threads.
 */
function cpuSummary(events, record) {
  const name = new Map();
  for (const e of events) if (e.ph === 'M' && (e.name === 'thread_name' || e.name === 'process_name')) name.set(`${e.name === 'thread_name' ? e.tid : 'p'}:${e.pid}`, e.args.name);
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || e.tdur === undefined) continue;
    const k = `${e.pid}:${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  // The page's main thread: the renderer main thread that did the most layout.
  let pageKey = null; let most = -1;
  for (const [k, list] of byThread) {
    const layout = list.reduce((n, e) => n + (e.name === 'Layout' ? e.tdur : 0), 0);
    if (layout > most) { most = layout; pageKey = k; }
  }
  const span = (record.stats.steps.painted ?? record.stats.steps.highlight) * 1000;
  const t0 = Math.min(...byThread.get(pageKey).filter((e) => e.name === 'EvaluateScript').map((e) => e.ts)) - 50_000;
  const own = (list) => { // exclusive thread time per event, by kind, from t0 to the paint
    list = list.filter((e) => e.ts >= t0 && e.ts <= t0 + span + 50_000).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const left = new Map(list.map((e) => [e, e.tdur]));
    const kindOf = new Map();
    const stack = [];
    let frames = 0;
    for (const e of list) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      const parent = stack.at(-1);
      if (parent) left.set(parent, left.get(parent) - e.tdur);
      kindOf.set(e, KIND[e.name] || (parent && kindOf.get(parent)) || 'other');
      stack.push(e);
      if (e.name === 'PrePaint') frames++;
    }
    const kinds = {};
    for (const e of list) kinds[kindOf.get(e)] = (kinds[kindOf.get(e)] || 0) + left.get(e) / 1000;
    return { kinds, frames, total: Object.values(kinds).reduce((x, y) => x + y, 0) };
  };
  const page = own(byThread.get(pageKey));
  const others = [...byThread].filter(([k]) => k !== pageKey).map(([k, list]) => {
    const [pid, tid] = k.split(':');
    return [`${name.get(`p:${pid}`) || pid}/${name.get(`${tid}:${pid}`) || tid}`, own(list).total];
  }).sort((a, b) => b[1] - a[1]).slice(0, 6);
  const r = (x) => Math.round(x);
  return `page main thread ${r(page.total)} ms (${Object.entries(page.kinds).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${r(v)}`).join(', ')}; ${page.frames} frames)`
    + ` | ${others.map(([k, v]) => `${k} ${r(v)}`).join(', ')}`;
}

const mb = Number(process.argv[2] || 1);
const runs = Number(process.argv[3] || 5);
const dir = mkdtempSync(join(tmpdir(), 'ioclens-bench-'));
const page0 = bigPage(mb);
writeFileSync(join(dir, 'big.html'), page0.html);
const server = await fixtureServer(dir);
const b = await launchWithExtension();
const rows = [];
const median = (xs) => { const s = xs.filter(Number.isFinite).sort((x, y) => x - y); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
try {
  for (let i = 0; i < runs; i++) {
    const page = await b.ctx.newPage();
    await page.goto(`${server.base}/big.html`, { timeout: 120000 });
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await page.evaluate(() => { window.maxGap = 0; });
    const tracing = TRACE ? await startTrace(b) : null;
    const { record, clickedAt } = await scanByClick(b, page);
    const cpu = tracing ? cpuSummary(await tracing.stop(), record) : null;
    const s = record.stats;
    const st = s.steps || {};
    const a = record.asked || {};
    const row = {
      total: record.doneAt - clickedAt,
      opened: a.opened - clickedAt, asked: a.asked - clickedAt, started: record.startedAt - clickedAt,
      inject: st.inject, read: st.read, collect: s.collectMs, extracted: st.extract, extract: s.extractMs,
      highlighted: st.highlight, highlight: s.highlightMs, painted: st.painted,
      pause: Math.round(await page.evaluate(() => window.maxGap)),
    };
    rows.push(row);
    // Chrome: the background starts the scan on the click (the popup opens alongside); a popup that
    // asks for the scan itself (Firefox, older builds) also reports when it opened and asked.
    const popup = Number.isFinite(row.asked) ? `popup opened +${row.opened}, asked +${row.asked}, ` : '';
    console.log(`run ${i + 1}: click → highlights done ${row.total} ms | ${popup}scan started +${row.started} | `
      + `after start: injected ${row.inject}, text read ${row.read} (collect ${row.collect}), extracted ${row.extracted} (extract ${row.extract}), `
      + `highlighted ${row.highlighted} (highlight ${row.highlight}), painted ${row.painted} | ${s.chars} chars, ${s.matches} IOCs, ${s.marks} marks, page pause ${row.pause} ms`
      + `${record.partial.text || record.partial.highlight ? ` PARTIAL ${JSON.stringify(record.partial)}` : ''}`);
    if (cpu) console.log(`  cpu: ${cpu}`);
    await page.close();
  }
  const m = Object.fromEntries(Object.keys(rows[0]).map((k) => [k, median(rows.map((r) => r[k]))]));
  const spread = (k) => { const xs = rows.map((r) => r[k]).filter(Number.isFinite); return xs.length ? `${Math.min(...xs)}–${Math.max(...xs)}` : 'n/a'; };
  console.log(`extension (${EXT}), ${mb} MB page (${page0.iocs} IOCs), medians over ${runs} runs: click → highlights done ${m.total} ms (runs ${spread('total')}) `
    + `[${Number.isFinite(m.asked) ? `popup opened +${m.opened}, asked +${m.asked}, ` : ''}scan started +${m.started}; `
    + `after start: injected ${m.inject}, read ${m.read}, `
    + `extracted ${m.extracted}, highlighted ${m.highlighted}, painted ${m.painted}; collect ${m.collect}, extract ${m.extract}, highlight ${m.highlight}; page pause ${m.pause} (runs ${spread('pause')})]`);
} finally {
  await b.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
