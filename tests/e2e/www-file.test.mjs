// The single-file page, dist/ioclens.html, opened from file:// with the network off: the same
// results as the CLI, filters, exports, files — and not one request beyond the file itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchPlain, ROOT } from './harness.mjs';
import {
  SAMPLE, cliMatches, distinct, recordRequests, open, allTypes, paste, rows,
  checkExports, checkHtmlDrop, checkBinaryRefused, outside,
} from './www-helpers.mjs';

const FILE = join(ROOT, 'dist/ioclens.html');
const url = pathToFileURL(FILE).href;
const report = readFileSync(SAMPLE, 'utf8');
const expected = cliMatches();
let browser;

before(async () => {
  if (!existsSync(FILE)) throw new Error('dist/ioclens.html missing: run make web');
  browser = await launchPlain();
});
after(async () => { await browser?.close(); });

async function fresh(t) {
  const ctx = await browser.newContext({ viewport: { width: 1300, height: 900 }, acceptDownloads: true, offline: true });
  const requests = recordRequests(ctx);
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Console errors count too, except the page CSP refusing the inline styles and handlers of a
  // dropped HTML file while DOMParser reads it (inert anyway: that file's code never runs).
  const fileRefused = /^(Applying inline style|Executing inline event handler) violates the following Content Security Policy/;
  page.on('console', (m) => { if (m.type() === 'error' && !fileRefused.test(m.text())) errors.push(m.text()); });
  t.after(async () => {
    assert.deepEqual(errors, [], 'no page errors (CSP violations included)');
    assert.deepEqual(outside(requests, (u) => u === url), [], 'no request but the file itself');
    await ctx.close();
  });
  await open(page, url);
  return page;
}

test('the single file is self-contained under a tight CSP', () => {
  const html = readFileSync(FILE, 'utf8');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)[1];
  assert.match(csp, /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'; worker-src blob:; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:; base-uri 'none'; form-action 'none'$/);
  assert.doesNotMatch(html, /\s(src|href)="(?!#|data:)/, 'no reference to another file');
});

test('offline from file://: the sample report gives exactly the CLI\'s IOCs', async (t) => {
  const page = await fresh(t);
  await allTypes(page);
  await paste(page, report);
  assert.deepEqual(await rows(page), distinct(expected));
  const marks = await page.$$eval('#view mark', (ms) => ms.map((m) => m.textContent));
  assert.deepEqual(marks, expected.map((m) => m.raw));
  await page.click('#chips .chip[data-type="ipv4"]');
  assert.deepEqual(await rows(page), distinct(expected.filter((m) => m.type === 'ipv4')));
  await page.click('#chips .chip[data-type=""]');
  await page.fill('#filter', 'freight');
  assert.deepEqual(await rows(page), distinct(expected.filter((m) => `${m.value} ${m.raw}`.includes('freight'))));
});

test('offline from file://: exports download and parse', async (t) => {
  const page = await fresh(t);
  await allTypes(page);
  await paste(page, report);
  const seen = new Set();
  await checkExports(page, expected.filter((m) => !seen.has(`${m.type} ${m.value}`) && seen.add(`${m.type} ${m.value}`)));
});

test('offline from file://: an HTML file becomes visible text; a binary file is refused', async (t) => {
  const page = await fresh(t);
  await checkHtmlDrop(page);
  await checkBinaryRefused(page);
});
