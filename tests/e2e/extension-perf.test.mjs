// A 1 MB-text page: every IOC highlighted, chunked so the page keeps running. Prints the time from
// the toolbar click to the last highlight (a figure, not an assertion: timing is measured, not
// tested; `node scripts/bench-extension.mjs` repeats it and prints a median).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, fixtureServer, scanByClick } from './harness.mjs';
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
    + `extracted +${st.extract} (extract ${s.extractMs}; highlighting runs alongside), highlighted +${st.highlight} (highlight ${s.highlightMs})]; `
    + `longest pause of the page's own 10 ms timer: ${Math.round(gap)} ms`);
  assert.deepEqual(record.partial, { text: null, highlight: null });
  assert.equal(s.matches, big.iocs);
  assert.equal(s.marks >= s.matches, true);
  assert.equal(await page.$$eval('mark[data-ioclens-type]', (ms) => new Set(ms.map((m) => m.dataset.ioclensValue)).size), s.unique);
});
