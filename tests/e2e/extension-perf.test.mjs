// A 1 MB-text page: every IOC highlighted, chunked so the page keeps running. Prints the time from
// the toolbar click to the last highlight (a figure, not an assertion: timing is measured, not
// tested; `node scripts/bench-extension.mjs` repeats it and prints a median).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, fixtureServer, scanByClick, worker } from './harness.mjs';
import { bigPage } from './extension-bigpage.mjs';

let b; let server; let dir; let big;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ioclens-big-'));
  big = bigPage(1);
  writeFileSync(join(dir, 'big1.html'), big.html);
  server = await fixtureServer(dir);
  b = await launchWithExtension();
});
after(async () => { await b?.close(); await server?.close(); rmSync(dir, { recursive: true, force: true }); });

test('1 MB page: every IOC is highlighted, in chunks; prints click → highlights done', async () => {
  const page = await b.ctx.newPage();
  await page.goto(`${server.base}/big1.html`);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await page.evaluate(() => { window.maxGap = 0; });
  const { record, clickedAt } = await scanByClick(b, page);
  const s = record.stats;
  const gap = await page.evaluate(() => window.maxGap);
  const st = s.steps || {};
  console.log(`1 MB page (${s.chars} chars, ${s.matches} IOCs): click → highlights done ${record.doneAt - clickedAt} ms `
    + `[click → scan started ${record.startedAt - clickedAt}; then injected +${st.inject}, text read +${st.read} (collect ${s.collectMs}), `
    + `extracted +${st.extract} (extract ${s.extractMs}; pieces extracted while the page is read), highlighted +${st.highlight} (highlight ${s.highlightMs}), painted +${st.painted}]; `
    + `longest pause of the page's own 10 ms timer: ${Math.round(gap)} ms`);
  assert.deepEqual(record.partial, { text: null, highlight: null });
  assert.equal(s.matches, big.iocs);
  assert.equal(s.marks >= s.matches, true);
  assert.equal(await page.$$eval('mark[data-ioclens-type]', (ms) => new Set(ms.map((m) => m.dataset.ioclensValue)).size), s.unique);
});

test('1 MB page: the streamed scan finds exactly what one extraction of the whole text finds', async () => {
  const page = await b.ctx.newPage();
  await page.goto(`${server.base}/big1.html`);
  const { tabId } = await scanByClick(b, page);
  const sw = await worker(b.ctx);
  const r = await sw.evaluate(async (id) => {
    const key = (m) => `${m.type}|${m.value}|${m.start16}|${m.end16}|${m.start}|${m.end}|${m.raw}`;
    const streamed = await globalThis.ioclens.scan(id); // the pipeline: text in pieces, extracted as it comes
    const marks = (await chrome.scripting.executeScript({ target: { tabId: id },
      func: () => [...document.querySelectorAll('mark[data-ioclens-type]')].map((m) => `${m.dataset.ioclensType} ${m.dataset.ioclensValue}`) }))[0].result;
    // The same page text read in one go (this clears the highlights), extracted in one call.
    const { text } = (await chrome.scripting.executeScript({ target: { tabId: id }, func: () => globalThis.__ioclens.collect({}) }))[0].result;
    const whole = (await globalThis.ioclens.engine()).ex.extract(text);
    const a = streamed.matches.map(key);
    const w = whole.map(key);
    const as = new Set(a); const ws = new Set(w);
    return { n: a.length, same: a.join('\n') === w.join('\n'), onlyStreamed: a.filter((k) => !ws.has(k)).slice(0, 3),
      onlyWhole: w.filter((k) => !as.has(k)).slice(0, 3), chars: text.length, statsChars: streamed.stats.chars,
      marks: [...new Set(marks)].sort(), values: [...new Set(whole.map((m) => `${m.type} ${m.value}`))].sort() };
  }, tabId);
  assert.equal(r.chars, r.statsChars);
  assert.equal(r.n, big.iocs);
  assert.deepEqual({ onlyStreamed: r.onlyStreamed, onlyWhole: r.onlyWhole }, { onlyStreamed: [], onlyWhole: [] });
  assert.equal(r.same, true, 'same matches in the same order');
  assert.deepEqual(r.marks, r.values, 'every value found is highlighted, and nothing else');
});

test('a page scrolled down gets the highlights on screen first, then the rest', async () => {
  const page = await b.ctx.newPage();
  await page.goto(`${server.base}/big1.html`);
  const visible = await page.evaluate(() => {
    const sections = [...document.querySelectorAll('section')];
    sections[300].scrollIntoView();
    const index = new Map(sections.map((s, i) => [s, i]));
    // The page's own observer records which section each of the first highlights lands in.
    window.firstMarks = [];
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) if (n.nodeName === 'MARK' && window.firstMarks.length < 50) window.firstMarks.push(index.get(n.closest('section')));
      }
    }).observe(document.body, { subtree: true, childList: true });
    return sections.map((s, i) => [i, s.getBoundingClientRect()]).filter(([, r]) => r.bottom > 0 && r.top < innerHeight).map(([i]) => i);
  });
  assert.ok(visible.includes(300) && !visible.includes(0), `on screen: ${visible}`);
  const { record } = await scanByClick(b, page);
  const first = await page.evaluate(() => window.firstMarks);
  assert.equal(first.length, 50);
  // The first highlights are on screen, or a few sections around it (a margin of text nodes).
  const lo = Math.min(...visible) - 5;
  const hi = Math.max(...visible) + 5;
  assert.ok(first.every((i) => i >= lo && i <= hi), `sections of the first highlights: ${first} (on screen: ${visible})`);
  // And then everything else.
  assert.equal(record.stats.marks, big.iocs);
  assert.equal(await page.$$eval('mark[data-ioclens-type]', (ms) => ms.length), big.iocs);
});

test('a background that gives up mid-scan (port closed) leaves the page as it was, not half highlighted', async () => {
  const page = await b.ctx.newPage();
  await page.goto(`${server.base}/big1.html`);
  const before = await page.evaluate(() => document.body.innerHTML);
  const { tabId } = await scanByClick(b, page); // injects the content script and grants the tab
  const sw = await worker(b.ctx);
  // Drive the content script's port by hand: start a scan, send one batch of matches while the
  // page is still reading (it is drawn once the reading ends), then close the port.
  const got = await sw.evaluate((id) => new Promise((ok) => {
    const port = chrome.tabs.connect(id, { name: 'ioclens-scan', frameId: 0 });
    const seen = [];
    port.onMessage.addListener((m) => {
      seen.push(m.type);
      if (m.type === 'text' && m.seq === 0) {
        const end = m.text.indexOf(' ') > 0 ? m.text.indexOf(' ') : 5;
        port.postMessage({ type: 'batch', job: 'gives-up', seq: 0, upTo: m.text.length, last: true, types: ['domain'], data: JSON.stringify([[0, end, 0, 'x.example']]) });
        port.disconnect();
        setTimeout(() => ok(seen), 1500);
      }
    });
    port.postMessage({ type: 'start', job: 'gives-up', draw: true, watch: false, limits: {} });
  }), tabId);
  assert.equal(got[0], 'text');
  assert.equal(await page.$$eval('mark', (ms) => ms.length), 0);
  assert.equal(await page.evaluate(() => document.body.innerHTML), before);
});
