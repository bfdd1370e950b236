// A realistic threat report: toolbar click → every IOC highlighted (also under strict CSPs), the
// popup lists the same set grouped by type, items flash on the page, copy and exports work, and
// removing the highlights restores the page's DOM exactly.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchWithExtension, fixtureServer, scanByClick, openPopup, popupItems, highlighted, setSettings, clickToolbar, worker, waitForRealPopup } from './harness.mjs';
import { THREAT_REPORT } from './expected.mjs';

let b; let server;
before(async () => { server = await fixtureServer(); b = await launchWithExtension(); });
after(async () => { await b?.close(); await server?.close(); });
// Pages a test opened are closed even when it fails, so the next test starts clean.
afterEach(async () => { for (const p of b.ctx.pages().slice(1)) await p.close().catch(() => {}); });

// Written by hand from the fixture (tests/e2e/expected.mjs), not computed.
const EXPECTED = THREAT_REPORT;

async function openReport(query = '') {
  const page = await b.ctx.newPage();
  await page.goto(`${server.base}/threat-report.html${query}`);
  return page;
}

for (const [name, query] of [['a normal page', ''], ['a strict-CSP page', '?strict'], ['a page whose CSP forbids inline styles', '?strict=max']]) {
  test(`${name}: highlighted set and popup list both equal the expected set`, async () => {
    await setSettings(b.ctx, null);
    const page = await openReport(query);
    const { tabId, record } = await scanByClick(b, page);
    assert.deepEqual(await highlighted(page), EXPECTED);
    // The real toolbar popup, opened by the click, lists the result of the scan the click started.
    const real = await waitForRealPopup(b);
    assert.deepEqual(real.items, EXPECTED);
    assert.match(real.status, /^21 IOCs \(22 occurrences\)/);
    const rec = await (await worker(b.ctx)).evaluate(async (k) => (await chrome.storage.session.get(k))[k], `scan:${tabId}`);
    assert.equal(rec.startedAt, record.startedAt, 'the popup did not start a second scan');
    assert.equal(await (await worker(b.ctx)).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), '21', 'badge: the IOC count');
    // Hidden, script, noscript, template and textarea text is not read.
    assert.equal(await page.$$eval('mark[data-ioclens-value*="only"]', (ms) => ms.length), 0);
    // The highlight style applies even where the CSP forbids inline styles (CSSOM is not subject to it).
    const bg = await page.$eval('mark[data-ioclens-type="cve"]', (m) => getComputedStyle(m).backgroundColor);
    assert.equal(bg, 'rgb(239, 154, 154)');
    const popup = await openPopup(b, tabId);
    assert.deepEqual(await popupItems(popup), EXPECTED);
    assert.match(await popup.textContent('#status'), /^21 IOCs \(22 occurrences\)/);
    await popup.close();
    await page.close();
  });
}

test('popup: groups with counts, raw forms of defanged values, filter box', async () => {
  await setSettings(b.ctx, null);
  const page = await openReport();
  const { tabId } = await scanByClick(b, page);
  const popup = await openPopup(b, tabId);
  const heads = await popup.$$eval('section[data-type] h2', (hs) => hs.map((h) => h.textContent));
  assert.deepEqual(heads, ['ipv4(4)', 'ipv6(1)', 'domain(3)', 'url(3)', 'email(2)', 'md5(1)', 'sha1(1)', 'sha256(1)', 'cve(2)', 'attack(3)']);
  const item = popup.locator('li.item[data-value="185.220.101.47"]');
  assert.match(await item.locator('.meta').textContent(), /×2/);
  assert.equal(await item.locator('.raw').textContent(), 'as written: 185.220.101[.]47');
  assert.equal(await popup.locator('li.item[data-value="https://cdn-update.lantern-sync.com/api/v2/check"] .raw code').textContent(),
    'hxxps[://]cdn-update[.]lantern-sync[.]com/api/v2/check');
  assert.equal(await popup.locator('li.item[data-type="sha1"] .raw').count(), 0, 'not defanged: no raw line');
  await popup.fill('#filter', 'kettle');
  assert.deepEqual(await popupItems(popup), ['domain api.kettle-cdn.xyz', 'domain kettle-update.top', 'email abuse@kettle-cdn.xyz',
    'url https://paste.kettle-cdn.xyz/raw/8fK2']);
  await popup.fill('#filter', 'type:cve');
  assert.deepEqual(await popupItems(popup), ['cve CVE-2023-23397', 'cve CVE-2024-21412']);
  await popup.fill('#filter', '(.)');
  assert.deepEqual(await popupItems(popup), ['domain update-check.lantern-sync.net']);
  await popup.fill('#filter', 'no such thing');
  assert.equal(await popup.textContent('#results'), 'Nothing matches the filter.');
  await popup.close();
  await page.close();
});

test('clicking an item scrolls the page to its highlight and flashes it, cycling through occurrences', async () => {
  await setSettings(b.ctx, null);
  const page = await openReport();
  await page.setViewportSize({ width: 1000, height: 500 });
  const { tabId } = await scanByClick(b, page);
  assert.equal(await page.evaluate(() => scrollY), 0);
  const popup = await openPopup(b, tabId);
  const where = () => page.evaluate(() => [...document.querySelectorAll('mark[data-ioclens-value="185.220.101.47"]')]
    .map((m) => ({ top: m.getBoundingClientRect().top, flashing: m.hasAttribute('data-ioclens-flash') })));
  await popup.click('li.item[data-value="185.220.101.47"] .value');
  await popup.waitForFunction(() => /Showing 1 of 2/.test(document.getElementById('status').textContent));
  let marks = await where();
  assert.ok(marks[0].flashing && !marks[1].flashing);
  assert.ok(marks[0].top >= 0 && marks[0].top < 500, `first occurrence in view: ${marks[0].top}`);
  await popup.click('li.item[data-value="185.220.101.47"] .value');
  await popup.waitForFunction(() => /Showing 2 of 2/.test(document.getElementById('status').textContent));
  marks = await where();
  assert.ok(marks[1].flashing);
  assert.ok(marks[1].top >= 0 && marks[1].top < 500, `second occurrence in view: ${marks[1].top}`);
  assert.ok(await page.evaluate(() => scrollY) > 0);
  await popup.close();
  await page.close();
});

test('copy one and copy all, refanged and defanged', async () => {
  await setSettings(b.ctx, null);
  const page = await openReport();
  const { tabId } = await scanByClick(b, page);
  const popup = await openPopup(b, tabId);
  // Record what reaches the clipboard API (the headless browser has no system clipboard).
  await popup.evaluate(() => { window.copied = []; navigator.clipboard.writeText = async (t) => { window.copied.push(t); }; });
  await popup.fill('#filter', 'type:domain');
  await popup.click('#copy-all');
  await popup.click('li.item[data-value="api.kettle-cdn.xyz"] .copy');
  await popup.selectOption('#copy-mode', 'defanged');
  await popup.click('#copy-all');
  await popup.fill('#filter', 'type:url');
  await popup.click('li.item[data-value="http://198.51.100.23/gate.php"] .copy');
  await popup.waitForFunction(() => window.copied.length === 4);
  const copied = await popup.evaluate(() => window.copied);
  assert.equal(copied[0], 'update-check.lantern-sync.net\napi.kettle-cdn.xyz\nkettle-update.top');
  assert.equal(copied[1], 'api.kettle-cdn.xyz');
  assert.equal(copied[2], 'update-check[.]lantern-sync[.]net\napi[.]kettle-cdn[.]xyz\nkettle-update[.]top');
  // (The exact defanged style is the core's; what matters is that it is defanged and complete.)
  assert.match(copied[3], /198\[\.\]51\[\.\]100\[\.\]23\/gate\.php$/);
  assert.doesNotMatch(copied[3], /http:\/\//);
  assert.match(await popup.textContent('#status'), /Copied 1 value \(defanged\)/);
  await popup.close();
  await page.close();
});

async function exportAs(popup, format) {
  await popup.selectOption('#export-format', format);
  const [download] = await Promise.all([popup.waitForEvent('download'), popup.click('#export')]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

test('exports (JSON, CSV, text, STIX 2.1, MISP) are produced by the core and parse', async () => {
  await setSettings(b.ctx, null);
  const page = await openReport();
  const { tabId } = await scanByClick(b, page);
  const popup = await openPopup(b, tabId);
  const values = EXPECTED.map((e) => e.slice(e.indexOf(' ') + 1));

  const json = await exportAs(popup, 'json');
  assert.match(json.name, /^ioclens-127\.0\.0\.1-\d{8}-\d{6}\.json$/);
  const records = JSON.parse(json.text);
  assert.deepEqual(records.map((r) => `${r.type} ${r.value}`).sort(), EXPECTED); // deduplicated
  assert.equal(records.find((r) => r.value === '185.220.101.47').raw, '185.220.101[.]47');

  const csv = await exportAs(popup, 'csv');
  const rows = csv.text.trim().split(/\r?\n/).map((l) => l.split(','));
  assert.deepEqual(rows[0].slice(0, 3), ['type', 'value', 'raw']);
  assert.deepEqual(rows.slice(1).map((r) => `${r[0]} ${r[1]}`).sort(), EXPECTED);

  const txt = await exportAs(popup, 'txt');
  assert.match(txt.name, /\.txt$/);
  assert.deepEqual(txt.text.trim().split('\n').sort(), [...values].sort());

  const stixFile = await exportAs(popup, 'stix');
  assert.match(stixFile.name, /^ioclens-127\.0\.0\.1-\d{8}-\d{6}-stix\.json$/); // the core's extension, tagged with the format
  const stix = JSON.parse(stixFile.text);
  assert.equal(stix.type, 'bundle');
  assert.match(stix.id, /^bundle--[0-9a-f-]{36}$/);
  const types = new Set(stix.objects.map((o) => o.type));
  for (const t of ['indicator', 'vulnerability', 'attack-pattern']) assert.ok(types.has(t), `STIX ${t}`);
  for (const o of stix.objects) assert.equal(o.spec_version, '2.1');
  const patterns = stix.objects.filter((o) => o.type === 'indicator').map((o) => o.pattern).join('\n');
  assert.ok(patterns.includes("[ipv4-addr:value = '185.220.101.47']"), patterns);
  assert.ok(stix.objects.some((o) => o.type === 'vulnerability' && o.name === 'CVE-2023-23397'));

  const misp = JSON.parse((await exportAs(popup, 'misp')).text);
  assert.ok(Array.isArray(misp.Event.Attribute));
  const attrs = misp.Event.Attribute.map((a) => `${a.type} ${a.value}`);
  for (const want of ['ip-dst 185.220.101.47', 'domain api.kettle-cdn.xyz', 'md5 d41d8cd98f00b204e9800998ecf8427e',
    'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'vulnerability CVE-2023-23397']) {
    assert.ok(attrs.includes(want), `MISP ${want} in ${attrs.join(', ')}`);
  }
  // What the filter shows is what gets exported.
  await popup.fill('#filter', 'type:md5');
  assert.deepEqual(JSON.parse((await exportAs(popup, 'json')).text).map((r) => r.value), ['d41d8cd98f00b204e9800998ecf8427e']);
  await popup.close();
  await page.close();
});

test('"Remove highlights" restores document.body.innerHTML exactly; re-scan highlights again', async () => {
  await setSettings(b.ctx, null);
  const page = await openReport();
  const before = await page.evaluate(() => document.body.innerHTML);
  const { tabId } = await scanByClick(b, page);
  assert.notEqual(await page.evaluate(() => document.body.innerHTML), before);
  const popup = await openPopup(b, tabId);
  await popup.click('#unhighlight');
  await popup.waitForFunction(() => /Highlights removed/.test(document.getElementById('status').textContent));
  assert.equal(await page.evaluate(() => document.body.innerHTML), before);
  assert.equal(await page.evaluate(() => document.body.childNodes.length), await page.evaluate(() => {
    const d = new DOMParser().parseFromString(`<body>${document.body.innerHTML}</body>`, 'text/html');
    return d.body.childNodes.length;
  }));
  await popup.click('#rescan');
  await page.waitForFunction((n) => new Set([...document.querySelectorAll('mark')].map((m) => m.dataset.ioclensValue)).size === n, EXPECTED.length);
  assert.deepEqual(await highlighted(page), EXPECTED);
  await popup.close();
  await page.close();
});

test('pages the extension cannot read say so instead of staying silent', async () => {
  const sw = await worker(b.ctx);
  // (file:// pages are readable here: Chromium grants file access to extensions loaded from the
  // command line. The no-access message for them is covered by tests/js/ext-pages.test.mjs.)
  const cases = [['chrome://version/', /browser page/], ['chrome://settings/', /browser page/]];
  for (const [url, message] of cases) {
    const page = await b.ctx.newPage();
    await page.goto(url);
    await page.bringToFront();
    await clickToolbar(b.ctx, b.extId, page);
    const tabId = await sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0].id);
    const popup = await openPopup(b, tabId);
    assert.equal(await popup.textContent('#status'), 'Cannot read this page');
    assert.match(await popup.textContent('.notice.error'), message);
    assert.equal(await popup.$eval('#export', (e) => e.disabled), true);
    await popup.close();
    await page.close();
  }
});
