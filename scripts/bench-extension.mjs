// Extension benchmark: time from a real toolbar click to the last highlight on a generated page of
// N MB of report text (default 1), in headless Chromium with dist/chrome loaded (IOCLENS_EXT=dir
// to time another build). Prints each run with its phases and the medians.
//   click → popup opened → popup asked → scan started, then (ms after the scan started) the
//   content script injected, the text read and back, extraction done (highlighting starts on its
//   first piece and runs alongside), highlights done; "page pause" is the longest gap of the
//   page's own 10 ms timer (how long the page was unresponsive).
// Usage: node scripts/bench-extension.mjs [MB] [RUNS]   (after `make extension`)
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, fixtureServer, scanByClick, EXT } from '../tests/e2e/harness.mjs';
import { bigPage } from '../tests/e2e/extension-bigpage.mjs';

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
    const { record, clickedAt } = await scanByClick(b, page);
    const s = record.stats;
    const st = s.steps || {};
    const a = record.asked || {};
    const row = {
      total: record.doneAt - clickedAt,
      opened: a.opened - clickedAt, asked: a.asked - clickedAt, started: record.startedAt - clickedAt,
      inject: st.inject, read: st.read, collect: s.collectMs, extracted: st.extract, extract: s.extractMs,
      highlighted: st.highlight, highlight: s.highlightMs,
      pause: Math.round(await page.evaluate(() => window.maxGap)),
    };
    rows.push(row);
    // Chrome: the background starts the scan on the click (the popup opens alongside); a popup that
    // asks for the scan itself (Firefox, older builds) also reports when it opened and asked.
    const popup = Number.isFinite(row.asked) ? `popup opened +${row.opened}, asked +${row.asked}, ` : '';
    console.log(`run ${i + 1}: click → highlights done ${row.total} ms | ${popup}scan started +${row.started} | `
      + `after start: injected ${row.inject}, text read ${row.read} (collect ${row.collect}), extracted ${row.extracted} (extract ${row.extract}), `
      + `highlighted ${row.highlighted} (highlight ${row.highlight}) | ${s.chars} chars, ${s.matches} IOCs, ${s.marks} marks, page pause ${row.pause} ms`
      + `${record.partial.text || record.partial.highlight ? ` PARTIAL ${JSON.stringify(record.partial)}` : ''}`);
    await page.close();
  }
  const m = Object.fromEntries(Object.keys(rows[0]).map((k) => [k, median(rows.map((r) => r[k]))]));
  console.log(`extension (${EXT}), ${mb} MB page (${page0.iocs} IOCs), medians over ${runs} runs: click → highlights done ${m.total} ms `
    + `[${Number.isFinite(m.asked) ? `popup opened +${m.opened}, asked +${m.asked}, ` : ''}scan started +${m.started}; `
    + `after start: injected ${m.inject}, read ${m.read}, `
    + `extracted ${m.extracted}, highlighted ${m.highlighted}; collect ${m.collect}, extract ${m.extract}, highlight ${m.highlight}; page pause ${m.pause}]`);
} finally {
  await b.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
