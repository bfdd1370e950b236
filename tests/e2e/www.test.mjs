// The paste-box page served on 127.0.0.1: paste a report, the table rows are its IOCs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchPlain, ROOT } from './harness.mjs';
import { serve } from '../../scripts/serve.mjs';

let browser; let server; let base;
before(async () => {
  server = await serve(join(ROOT, 'dist/www'), 0);
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launchPlain();
});
after(async () => { await browser?.close(); await new Promise((ok) => server?.close(ok)); });

test('pasting the sample report lists its IOCs as table rows, with no outside requests', async () => {
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('IOCs'));
  await page.fill('#input', readFileSync(join(ROOT, 'tests/fixtures/sample-report.txt'), 'utf8'));
  await page.waitForFunction(() => document.querySelectorAll('tr[data-ioclens-type]').length > 10);
  const rows = await page.$$eval('tr[data-ioclens-type]', (trs) => trs.map((t) => `${t.dataset.ioclensType} ${t.dataset.ioclensValue}`));
  for (const want of ['url https://cdn-update.lantern-sync.com/api/v2/check', 'ipv4 45.155.205.233',
    'email invoices@freight-portal.org', 'cve CVE-2023-23397', 'url tcp://91.92.109.14:4444']) {
    assert.ok(rows.includes(want), `missing ${want} in ${rows.join(', ')}`);
  }
  assert.deepEqual(requests.filter((u) => !u.startsWith(base)), []);
  await page.close();
});
