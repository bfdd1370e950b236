// Extension benchmark: time from a real toolbar click to the last highlight on a generated page of
// N MB of report text (default 1), in headless Chromium with dist/chrome loaded. Prints each run
// and the median, with the phases the background records (popup open + wake, read, extract,
// highlight). Usage: node scripts/bench-extension.mjs [MB] [RUNS]   (after `make extension`)
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, fixtureServer, scanByClick } from '../tests/e2e/harness.mjs';
import { bigPage } from '../tests/e2e/extension-bigpage.mjs';

const mb = Number(process.argv[2] || 1);
const runs = Number(process.argv[3] || 5);
const dir = mkdtempSync(join(tmpdir(), 'ioclens-bench-'));
const page0 = bigPage(mb);
writeFileSync(join(dir, 'big.html'), page0.html);
const server = await fixtureServer(dir);
const b = await launchWithExtension();
const totals = [];
try {
  for (let i = 0; i < runs; i++) {
    const page = await b.ctx.newPage();
    await page.goto(`${server.base}/big.html`, { timeout: 120000 });
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await page.evaluate(() => { window.maxGap = 0; });
    const { record, clickedAt } = await scanByClick(b, page);
    const s = record.stats;
    const total = record.doneAt - clickedAt;
    totals.push(total);
    const gap = Math.round(await page.evaluate(() => window.maxGap));
    console.log(`run ${i + 1}: click → highlights done ${total} ms  (popup+wake ${record.startedAt - clickedAt}, read ${s.collectMs}, `
      + `extract ${s.extractMs}, highlight ${s.highlightMs}; ${s.chars} chars, ${s.matches} IOCs, ${s.marks} marks; `
      + `longest page pause ${gap} ms${record.partial.text || record.partial.highlight ? `; PARTIAL ${JSON.stringify(record.partial)}` : ''})`);
    await page.close();
  }
  totals.sort((x, y) => x - y);
  console.log(`extension, ${mb} MB page (${page0.iocs} IOCs): median click → highlights done ${totals[Math.floor(totals.length / 2)]} ms over ${runs} runs`);
} finally {
  await b.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
