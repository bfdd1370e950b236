// Hostile pages: DOM clobbering, main-world prototype poisoning, forged messages, values that look
// like HTML or hide characters, a page rewriting itself while it is highlighted, 10 MB of text, and
// nesting deeper than a recursive walker would survive.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, fixtureServer, scanByClick, openPopup, highlighted, setSettings, worker, evalInRealPopup } from './harness.mjs';
import { bigPage, deepPage } from './extension-bigpage.mjs';

let b; let server; let gen; let dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ioclens-big-'));
  writeFileSync(join(dir, 'big10.html'), bigPage(10).html);
  writeFileSync(join(dir, 'deep.html'), deepPage(5000));
  server = await fixtureServer();
  gen = await fixtureServer(dir);
  b = await launchWithExtension();
});
after(async () => { await b?.close(); await server?.close(); await gen?.close(); rmSync(dir, { recursive: true, force: true }); });
afterEach(async () => {
  for (const p of b.ctx.pages().slice(1)) await p.close().catch(() => {});
  await setSettings(b.ctx, null);
});

const HTMLISH = 'HTML[<img src=x onerror="window.pwned=3">]';

test('a hostile page cannot break, fool or reach into the extension', async () => {
  await setSettings(b.ctx, { custom: [
    { name: 'htmlish', pattern: 'HTML\\[[^\\]]*\\]', priority: 1 },
    { name: 'evilbidi', pattern: 'EVIL-\\S+', priority: 1 },
  ] });
  const page = await b.ctx.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.base}/hostile.html`);
  const stableBefore = await page.$eval('#stable', (e) => e.innerHTML);
  const { tabId, record } = await scanByClick(b, page);

  // The scan finished despite clobbered globals, poisoned prototypes and the page fighting back.
  assert.ok(record.stats.marks > 1000, `marks drawn: ${record.stats.marks}`);
  assert.ok(await page.evaluate(() => window.chaos) > 100, 'the page really did mutate during highlighting');
  const stable = await page.$$eval('#stable mark', (ms) => [...new Set(ms.map((m) => `${m.dataset.ioclensType} ${m.dataset.ioclensValue}`))].sort());
  assert.deepEqual(stable, [
    'cve CVE-2021-44228',
    'domain attacker-one.net', 'domain evil-script.com', 'domain secret-partner.net', 'domain xevil.com',
    'email soc@hostile-example.com',
    `evilbidi EVIL-abc\u200Fdef`, `evilbidi EVIL-\u202Eexe.txt`,
    `htmlish ${HTMLISH}`,
    'ipv4 45.0.0.9',
    'url http://evil-payload.net/x?q=',
  ].sort());
  // Values that look like HTML stay text: no element was created from them, nothing ran.
  assert.equal(await page.evaluate(() => window.pwned ?? null), null);
  assert.equal(await page.evaluate(() => document.images.length), 0);
  assert.equal(await page.evaluate(() => document.querySelectorAll('script').length), 1);
  // Forged messages went nowhere: pages have no chrome.runtime, and nothing listens to postMessage.
  assert.match((await page.evaluate(() => window.forge)).join(), /^runtime: TypeError$/);
  // Hidden characters are escaped in the highlight's tooltip.
  assert.equal(await page.$eval('mark[data-ioclens-type="evilbidi"]', (m) => m.title), 'IOC Lens: evilbidi EVIL-\\u{202E}exe.txt');

  // The popup shows the same values as text, with invisible characters visible.
  const popup = await openPopup(b, tabId);
  assert.equal(await popup.evaluate(() => document.querySelectorAll('main img, main script').length), 0);
  assert.equal(await popup.evaluate(() => window.pwned ?? null), null);
  assert.equal(await popup.locator('li.item[data-type="htmlish"] .value').textContent(), HTMLISH);
  const bidi = popup.locator('li.item[data-type="evilbidi"]').first();
  assert.equal(await bidi.locator('.value').textContent(), 'EVIL-\\u{202E}exe.txt');
  assert.equal(await bidi.locator('.value .esc').textContent(), '\\u{202E}');
  assert.match(await bidi.locator('.meta').textContent(), /hidden chars/);
  const zw = popup.locator('li.item[data-value="xevil.com"]');
  assert.equal(await zw.locator('.raw code').textContent(), 'x\\u{200B}evil[.]com');
  assert.match(await zw.locator('.meta').textContent(), /hidden chars/);

  // Un-highlighting still works after all that: the untouched part is restored exactly, no mark is left.
  await popup.click('#unhighlight');
  await popup.waitForFunction(() => /Highlights removed/.test(document.getElementById('status').textContent));
  assert.equal(await page.$eval('#stable', (e) => e.innerHTML), stableBefore);
  assert.equal(await page.evaluate(() => document.querySelectorAll('mark').length), 0);
  // The page's own errors are its poisoned prototypes' doing, never an exception from the extension.
  assert.deepEqual(pageErrors.filter((m) => /ioclens/i.test(m)), []);
});

test('10 MB of page text: the tab stays responsive, the result is marked partial and says so', async () => {
  const page = await b.ctx.newPage();
  await page.goto(`${gen.base}/big10.html`, { timeout: 60000 });
  await page.evaluate(() => { window.maxGap = 0; });
  const { tabId, record, clickedAt } = await scanByClick(b, page);
  const gap = await page.evaluate(() => window.maxGap);
  console.log(`10 MB page: click → done ${record.doneAt - clickedAt} ms (read ${record.stats.chars} chars in ${record.stats.collectMs} ms, `
    + `extract ${record.stats.extractMs} ms, highlight ${record.stats.highlightMs} ms, ${record.stats.marks} marks); `
    + `longest pause of the page's own 10 ms timer: ${Math.round(gap)} ms`);
  assert.ok(record.partial.text || record.partial.highlight, JSON.stringify(record.partial));
  // The page answers right away after the scan (its event loop is not stuck).
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  // The real toolbar popup shows a visible "partial" notice, and the badge a "+".
  const notices = await evalInRealPopup(b.ctx, b.extId, 'document.getElementById("notices").textContent');
  assert.match(notices, /Partial/);
  const badge = await (await worker(b.ctx)).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  assert.match(badge, /\+$/);
});

test('a page nested 5,000 elements deep is read to the bottom', async () => {
  const page = await b.ctx.newPage();
  await page.goto(`${gen.base}/deep.html`);
  await page.waitForFunction(() => window.built);
  await scanByClick(b, page);
  assert.deepEqual(await highlighted(page), ['domain bottom-of-pit.net', 'domain top-of-pit.net']);
});
