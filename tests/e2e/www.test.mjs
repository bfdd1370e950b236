// The paste-box page served on 127.0.0.1 (dist/www): results equal the CLI's, filters, sort,
// jump-to-text, exports, files, big input in the worker, options, keyboard use, themes, and no
// request beyond the page's own files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchPlain, ROOT } from './harness.mjs';
import { serve } from '../../scripts/serve.mjs';
import {
  SAMPLE, cliMatches, distinct, recordRequests, settled, open, allTypes, paste, rows, download,
  checkExports, checkHtmlDrop, checkBinaryRefused, outside,
} from './www-helpers.mjs';

let browser; let server; let base;
const report = readFileSync(SAMPLE, 'utf8');
const expected = cliMatches();

before(async () => {
  server = await serve(join(ROOT, 'dist/www'), 0);
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await launchPlain();
});
after(async () => { await browser?.close(); await new Promise((ok) => server?.close(ok)); });

/** A fresh context (own localStorage) with the page open and request recording on. */
async function fresh(t, opts = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1300, height: 900 }, acceptDownloads: true, ...opts });
  const requests = recordRequests(ctx);
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  t.after(async () => {
    assert.deepEqual(errors, [], 'no uncaught page errors');
    assert.deepEqual(outside(requests, (u) => u.startsWith(base)), [], 'no request leaves the page');
    await ctx.close();
  });
  await open(page, base);
  return page;
}

test('the sample report gives exactly the CLI\'s IOCs, every occurrence highlighted', async (t) => {
  const page = await fresh(t);
  await allTypes(page);
  await paste(page, report);
  const want = distinct(expected);
  assert.deepEqual(await rows(page), want);
  assert.match(await page.textContent('#status'), new RegExp(`^${want.length} IOCs in [\\d.]+ ms`));
  // The highlighted text marks each occurrence, at the CLI's spans (its raw text).
  const marks = await page.$$eval('#view mark', (ms) => ms.map((m) => `${m.dataset.ioclensType} ${m.textContent}`));
  assert.deepEqual(marks, expected.map((m) => `${m.type} ${m.raw}`));
  assert.equal(await page.$eval('#view', (v) => v.textContent), report, 'the view shows the input unchanged');
  if (process.env.IOCLENS_SCREENSHOTS) {
    await page.click('#results tbody tr[data-ioclens-value="185.220.101.47"]');
    mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
    await page.evaluate(() => { document.querySelector('#options').open = false; document.getElementById('input').scrollTop = 0; window.scrollTo(0, 0); });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/www.png') });
  }
});

test('type chips and the text filter narrow the table; column buttons sort it', async (t) => {
  const page = await fresh(t);
  await allTypes(page);
  await paste(page, report);
  const want = distinct(expected);
  const ipv4 = want.filter((r) => r.startsWith('ipv4 '));
  assert.ok(ipv4.length >= 2, 'the fixture has several IPv4s');
  const chip = page.locator('#chips .chip[data-type="ipv4"]');
  assert.equal(await chip.textContent(), `ipv4 (${ipv4.length})`);
  await chip.click();
  assert.equal(await chip.getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await rows(page), ipv4);
  await page.click('#chips .chip[data-type="cve"]');
  assert.deepEqual(await rows(page), want.filter((r) => /^(ipv4|cve) /.test(r)));
  await page.click('#chips .chip[data-type=""]');
  assert.deepEqual(await rows(page), want);

  await page.fill('#filter', 'LANTERN');
  const lantern = expected.filter((m) => `${m.value} ${m.raw}`.toLowerCase().includes('lantern'));
  assert.deepEqual(await rows(page), distinct(lantern));
  assert.equal(await page.textContent('#shown-count'), String(distinct(lantern).length));
  await page.press('#filter', 'Escape');
  assert.deepEqual(await rows(page), want);

  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  const byValue = [...want].sort((a, b) => collator.compare(a.slice(a.indexOf(' ') + 1), b.slice(b.indexOf(' ') + 1)));
  await page.click('th button[data-sort="value"]');
  assert.deepEqual((await rows(page)).map((r) => r.slice(r.indexOf(' ') + 1)), byValue.map((r) => r.slice(r.indexOf(' ') + 1)));
  assert.equal(await page.getAttribute('th:has(button[data-sort="value"])', 'aria-sort'), 'ascending');
  await page.click('th button[data-sort="value"]');
  assert.equal(await page.getAttribute('th:has(button[data-sort="value"])', 'aria-sort'), 'descending');
  assert.deepEqual((await rows(page)).map((r) => r.slice(r.indexOf(' ') + 1)), byValue.map((r) => r.slice(r.indexOf(' ') + 1)).reverse());
});

test('a row click, or Enter on a row, shows that IOC in the text; again goes to the next occurrence', async (t) => {
  const page = await fresh(t);
  await paste(page, `${report}\nSeen again later: 185.220.101.47 (undefanged).\n`);
  const row = page.locator('#results tbody tr[data-ioclens-value="185.220.101.47"]');
  await row.click();
  assert.equal(await page.textContent('#view mark.current'), '185.220.101[.]47');
  assert.deepEqual(await page.$$eval('#results tbody tr.current', (r) => r.map((x) => x.dataset.ioclensValue)), ['185.220.101.47']);
  const inView = () => page.$eval('#view mark.current', (m) => {
    const v = m.closest('#view').getBoundingClientRect();
    const r = m.getBoundingClientRect();
    return r.top >= v.top && r.bottom <= v.bottom;
  });
  assert.ok(await inView(), 'the mark is scrolled into the view');
  await row.press('Enter');
  assert.equal(await page.textContent('#view mark.current'), '185.220.101.47', 'the second occurrence');
  assert.ok(await inView());
  await row.press('Enter');
  assert.equal(await page.textContent('#view mark.current'), '185.220.101[.]47', 'wraps to the first');

  // Arrow keys move between rows (one Tab stop for the whole table).
  await page.focus('#results tbody tr[tabindex="0"]');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const third = await page.$eval('#results tbody', (tb) => tb.rows[2].dataset.ioclensValue);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.ioclensValue), third);
  assert.equal(await page.$$eval('#results tbody tr[tabindex="0"]', (r) => r.length), 1);
  await page.keyboard.press('Enter');
  const firstRaw = expected.find((m) => m.value === third).raw;
  assert.equal(await page.textContent('#view mark.current'), firstRaw);

  // And the other way: a click on a highlight selects its row.
  await page.click('#view mark[data-ioclens-value="45.155.205.233"]');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.ioclensValue), '45.155.205.233');
  assert.equal(await page.textContent('#view mark.current'), '45.155.205[.]233');
});

test('exports download in every format and parse back to the IOCs shown', async (t) => {
  const page = await fresh(t);
  await allTypes(page);
  await paste(page, report);
  const seen = new Set();
  const want = expected.filter((m) => !seen.has(`${m.type} ${m.value}`) && seen.add(`${m.type} ${m.value}`));
  await checkExports(page, want);
  // Exports follow the filter: only the IPv4 rows.
  await page.click('#chips .chip[data-type="ipv4"]');
  const { text } = await download(page, 'txt');
  assert.deepEqual(new Set(text.split(/\r?\n/).filter(Boolean)), new Set(want.filter((m) => m.type === 'ipv4').map((m) => m.value)));
});

test('Copy puts the export on the clipboard', async (t) => {
  const page = await fresh(t, { permissions: ['clipboard-read', 'clipboard-write'] });
  await paste(page, 'C2 at 203.0.113[.]5 and hxxp://bad[.]example/x');
  await page.selectOption('#format', 'txt');
  await page.click('#copy');
  await page.waitForFunction(() => /^Copied/.test(document.getElementById('status').textContent));
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.deepEqual(clip.split(/\r?\n/).filter(Boolean), ['203.0.113.5', 'http://bad.example/x']);
});

test('a dropped HTML file is reduced to its visible text, running and fetching nothing', async (t) => {
  const page = await fresh(t);
  await checkHtmlDrop(page);
});

test('an .eml file gives its headers and decoded body text', async (t) => {
  const page = await fresh(t);
  const eml = [
    'From: Billing <billing@invoice-desk[.]com>',
    'Subject: =?utf-8?B?UGF5bWVudCDigJM=?= overdue',
    'Content-Type: multipart/alternative; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('Pay now at hxxps://pay.invoice-desk[.]com/p?id=7 — thanks\n').toString('base64'),
    '--b',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '<p>Pay now at <a href=3D"x">hxxps://pay.invoice-desk[.]com/p?id=3D7</a></p>',
    '--b--',
  ].join('\r\n');
  await page.setInputFiles('#file', { name: 'overdue.eml', mimeType: 'message/rfc822', buffer: Buffer.from(eml) });
  await page.waitForFunction(() => document.getElementById('input').value.includes('Pay now'));
  await settled(page);
  assert.equal(await page.inputValue('#input'),
    'From: Billing <billing@invoice-desk[.]com>\nSubject: Payment – overdue\n\nPay now at hxxps://pay.invoice-desk[.]com/p?id=7 — thanks');
  const got = await rows(page);
  assert.ok(got.includes('email billing@invoice-desk.com'), got.join(', '));
  assert.ok(got.includes('url https://pay.invoice-desk.com/p?id=7'), got.join(', '));
});

test('a binary file gets a message and the current text is kept', async (t) => {
  const page = await fresh(t);
  await checkBinaryRefused(page);
  // Through the file chooser too, with a PDF named like a text file.
  await page.setInputFiles('#file', { name: 'report.txt', mimeType: 'text/plain', buffer: Buffer.from('%PDF-1.7\n\x00\x01binary') });
  await page.waitForFunction(() => /report\.txt/.test(document.getElementById('message').textContent));
  assert.match(await page.textContent('#message'), /It is a PDF: select the text in your PDF viewer/);
  assert.equal(await page.inputValue('#input'), 'keep me: 192.0.2[.]10');
});

test('a very large paste is extracted in the worker, in pieces, with progress', async (t) => {
  const page = await fresh(t);
  const line = 'beacon to hxxps[://]cdn-update[.]lantern-sync[.]com/api/v2/check then 185.220.101[.]47 on 8443\n';
  const lines = Math.ceil(600_000 / line.length);
  // Watch the progress bar from the page itself: each change it shows is a moment the main
  // thread was free to render while extraction went on.
  await page.evaluate(() => {
    window.__progress = new Set();
    new MutationObserver(() => window.__progress.add(document.getElementById('progress').value))
      .observe(document.getElementById('progress'), { attributes: true });
  });
  await page.evaluate(({ line, lines }) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', line.repeat(lines));
    document.getElementById('input').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, { line, lines });
  await settled(page);
  assert.ok(await page.evaluate(() => window.__progress.size) >= 2, 'progress was shown while extracting');
  assert.ok(await page.isHidden('#input'), 'the huge text is not put in the textarea');
  assert.match(await page.textContent('#big-text'), /pasted text: 0\.6 million characters/);
  assert.deepEqual(await rows(page), ['url https://cdn-update.lantern-sync.com/api/v2/check', 'ipv4 185.220.101.47']);
  assert.match(await page.textContent('#status'), new RegExp(`^2 IOCs in [\\d.]+ ms \\(${2 * lines} occurrences\\)$`));
  assert.match(await page.textContent('#view-note'), /showing characters 0–/);
  assert.ok(await page.$$eval('#view mark', (m) => m.length) < 2 * lines, 'only a window of the text is rendered');
  await page.click('#big-clear');
  assert.ok(await page.isVisible('#input'));
  await settled(page);
  assert.deepEqual(await rows(page), []);
});

test('options change extraction and display, and survive a reload', async (t) => {
  const page = await fresh(t);
  await paste(page, report);
  await page.click('#options summary');
  await page.fill('#allowlist', '45.155.205.233');
  await settled(page);
  assert.ok(await page.locator('tr[data-ioclens-value="45.155.205.233"].allowlisted').count() === 1);
  await page.check('#hide-allowlisted');
  assert.equal(await page.locator('tr[data-ioclens-value="45.155.205.233"]').count(), 0);
  await page.fill('#custom', 'persistence = (Lantern[A-Z][a-z]+)\nnot a pattern');
  await settled(page);
  assert.ok((await rows(page)).includes('persistence LanternUpdate'));
  assert.match(await page.textContent('#custom-error'), /line 2: write it as name = regex/);
  await page.uncheck('#types input[value="cve"]');
  await settled(page);
  assert.ok(!(await rows(page)).some((r) => r.startsWith('cve ')));
  await page.check('input[name="display"][value="defanged"]');
  const url = 'https://cdn-update.lantern-sync.com/api/v2/check';
  const cell = await page.textContent(`tr[data-ioclens-value="${url}"] td.value`);
  assert.notEqual(cell, url);
  assert.equal(cell.replace(/[[\]]/g, ''), url, `${cell} is ${url} defanged with brackets`);

  await page.reload();
  await settled(page);
  assert.equal(await page.inputValue('#allowlist'), '45.155.205.233');
  assert.ok(await page.isChecked('#hide-allowlisted'));
  assert.ok(await page.isChecked('input[name="display"][value="defanged"]'));
  assert.ok(!(await page.isChecked('#types input[value="cve"]')));
  await paste(page, report);
  const after = await rows(page);
  assert.ok(after.includes('persistence LanternUpdate'));
  assert.ok(!after.includes('ipv4 45.155.205.233'));
  assert.ok(!after.some((r) => r.startsWith('cve ')));
});

test('keyboard only: every control is named, reachable with Tab and visibly focused', async (t) => {
  const page = await fresh(t);
  await paste(page, report);
  await page.click('#options summary');
  const unnamed = await page.$$eval('button, input, select, textarea, summary, [tabindex="0"]', (els) => els
    .filter((e) => !e.closest('[hidden]'))
    .filter((e) => !((e.labels && e.labels.length) || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.textContent.trim()))
    .map((e) => e.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
  await page.click('#options summary'); // closed again: fewer stops
  await page.evaluate(() => document.activeElement.blur());
  const stops = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const s = await page.evaluate(() => {
      const e = document.activeElement;
      const st = getComputedStyle(e);
      const fileLabel = e.id === 'file' ? getComputedStyle(e.nextElementSibling) : null;
      const outline = (fileLabel || st).outlineStyle;
      return { id: e.id || e.dataset.sort || e.dataset.type || e.tagName.toLowerCase(), outline };
    });
    stops.push(s);
  }
  const ids = stops.map((s) => s.id);
  for (const want of ['input', 'file', 'clear', 'summary', 'filter', 'format', 'copy', 'download', 'value', 'tr', 'view']) {
    assert.ok(ids.includes(want), `Tab reaches ${want}: ${ids.join(' ')}`);
  }
  assert.ok(ids.includes('ipv4'), 'Tab reaches the chips');
  for (const s of stops.filter((x) => x.id !== 'body')) assert.notEqual(s.outline, 'none', `focus visible on ${s.id}`);
});

test('invisible and direction-changing characters are shown escaped, never rendered', async (t) => {
  const page = await fresh(t);
  await paste(page, 'See evil\u200B.com and file photo\u202Egpj.exe here');
  const raw = await page.textContent('tr[data-ioclens-value="evil.com"] td.raw');
  assert.equal(raw, 'evil\\u{200B}.com');
  const esc = await page.$$eval('#view .esc', (e) => e.map((x) => x.textContent));
  assert.deepEqual(esc, ['\\u{200B}', '\\u{202E}']);
  const cells = await page.$$eval('#results td, #view', (els) => els.map((e) => e.textContent));
  assert.ok(cells.every((c) => !/[\u200B\u202E]/.test(c)), 'no raw invisible character on screen');
});

test('light and dark themes follow the system setting', async (t) => {
  const page = await fresh(t);
  const luminance = () => page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
  await page.emulateMedia({ colorScheme: 'light' });
  assert.ok(await luminance() > 0.8);
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.ok(await luminance() < 0.2);
});

test('a hash inside a URL is its own row; picking it shows the URL it sits in', async (t) => {
  const page = await fresh(t);
  const md5 = '842497c20072fc9b92f2b18e1d690103';
  const url = `hxxp://cdn.cloudfronter[.]com/upgrade/${md5}.exe`;
  await paste(page, `The dropper came from ${url} last week.`);
  assert.deepEqual(await rows(page), [`url http://cdn.cloudfronter.com/upgrade/${md5}.exe`, `md5 ${md5}`]);
  await page.click(`#results tbody tr[data-ioclens-value="${md5}"]`);
  assert.equal(await page.textContent('#view mark.current'), url);
});
