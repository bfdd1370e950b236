// Page shapes and settings: split IOCs, a page with its own scripts, same-origin frames, the
// options page driving extraction, automatic re-scans, and the context-menu selection view.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchWithExtension, fixtureServer, scanByClick, openPopup, popupItems, highlighted, setSettings, worker, waitForScan, waitForPage, ROOT } from './harness.mjs';

let b; let server;
before(async () => { server = await fixtureServer(); b = await launchWithExtension(); });
after(async () => { await b?.close(); await server?.close(); });
afterEach(async () => {
  for (const p of b.ctx.pages().slice(1)) await p.close().catch(() => {});
  await setSettings(b.ctx, null);
});

async function open(path) {
  const page = await b.ctx.newPage();
  await page.goto(`${server.base}/${path}`);
  return page;
}

test('IOCs split across elements are found and highlighted; blocks, cells and <br> never merge', async () => {
  const page = await open('split.html');
  await scanByClick(b, page);
  assert.deepEqual(await highlighted(page), [
    'domain alpha-c2.org', 'domain beta-c2.org', 'domain cell-one.com', 'domain cell-two.net', 'domain delta-c2.org',
    'domain evil.example.net', 'domain gamma-c2.org', 'domain omega-c2.org', 'domain open-body.org', 'domain sigma-c2.org',
    'domain summary-c2.org', // (not the closed <details> body, not visibility:hidden text)
    'email ops@kettle-cdn.xyz',
    'ipv4 172.105.44.12', 'ipv4 194.5.98.12',
    'sha1 3f786850e387550fdab836ed7e6dc881de23001b',
    'url https://login.bank-secure.info/verify',
  ]);
  // One match over three text nodes: three marks with the same value, covering exactly its text.
  const parts = await page.$$eval('mark[data-ioclens-value="evil.example.net"]', (ms) => ms.map((m) => m.textContent));
  assert.deepEqual(parts, ['evil', '[.]', 'example', '[.]', 'net']);
});

test('a text node longer than the first extracted piece is highlighted whole (batches wait for it)', async () => {
  // A <pre> of 3,000 lines with blank lines between: the background cuts its first piece at a
  // blank line inside this one text node, so the node's matches must wait for the next batch.
  const page = await open('pieces.html');
  const { record } = await scanByClick(b, page);
  assert.ok(record.stats.chars > 32 * 1024, `text read: ${record.stats.chars} (more than the first piece)`);
  assert.equal(record.stats.stale, 0);
  const got = await highlighted(page);
  assert.equal(got.length, 3002);
  assert.deepEqual(got.filter((g) => !/^domain host-\d+-c2\.org$/.test(g)), ['domain after-pre.net', 'domain before-pre.net']);
  for (const i of [0, 1, 1499, 2999]) assert.ok(got.includes(`domain host-${i}-c2.org`), `host-${i}`);
  // The <pre> was split once: its marks and text read back as the original text.
  assert.equal(await page.$eval('pre', (p) => p.textContent), await page.evaluate(() => window.preText));
});

test('highlight batches arriving out of order are drawn in order', async () => {
  const page = await open('split.html');
  const { tabId } = await scanByClick(b, page);
  const sw = await worker(b.ctx);
  const result = await sw.evaluate(async (id) => {
    const run = async (func, args = []) => (await chrome.scripting.executeScript({ target: { tabId: id }, func, args }))[0].result;
    const { text } = await run(() => globalThis.__ioclens.collect({}));
    const at = (s, value) => { const i = text.indexOf(s); return [i, i + s.length, 0, value]; };
    const batch = (seq, rows, upTo, last) => ({ job: 'test-job', seq, upTo, last, types: ['domain'], data: JSON.stringify(rows) });
    const b0 = batch(0, [at('alpha-c2[.]org', 'alpha-c2.org')], text.indexOf('beta-c2'), false);
    const b1 = batch(1, [at('beta-c2[.]org', 'beta-c2.org')], text.length, true);
    const early = await run((x) => globalThis.__ioclens.feed(x), [b1]); // the last batch first
    const first = await run((x) => globalThis.__ioclens.feed(x), [b0]);
    const done = await run(() => globalThis.__ioclens.finish('test-job'));
    return { early, first, done };
  }, tabId);
  assert.deepEqual([result.early.queued, result.first.queued], [false, true]);
  assert.equal(result.done.marks, 2);
  assert.deepEqual(await highlighted(page), ['domain alpha-c2.org', 'domain beta-c2.org']);
});

test('the page\'s own scripts keep working while highlighted, and keep their text nodes afterwards', async () => {
  const page = await open('scripts.html');
  await page.waitForFunction(() => window.pageScriptsReady);
  const before = await page.evaluate(() => ({ html: document.getElementById('para').outerHTML, cell: window.readCell() }));
  const { tabId } = await scanByClick(b, page);
  assert.deepEqual(await highlighted(page), ['domain c2-panel.net', 'domain first-render.net', 'ipv4 185.220.101.47', 'url http://drop-zone.org/a.bin']);
  await page.click('#btn');
  await page.click('#btn');
  assert.equal(await page.textContent('#counter'), '2');
  await page.click('mark[data-ioclens-value="c2-panel.net"]'); // a highlight inside a link
  assert.equal(await page.evaluate(() => location.hash), '#target');
  assert.deepEqual(await page.evaluate(() => window.delegated.slice(-1)), ['link']);
  assert.equal(await page.evaluate(() => window.readCell()), before.cell);
  const t1 = await page.title();
  await page.waitForFunction((t) => document.title !== t, t1); // its timer still runs
  await page.click('#rerender'); // the page replaces highlighted content itself
  assert.equal(await page.textContent('#app'), 'Re-rendered: second-render.net');
  const popup = await openPopup(b, tabId, `tabId=${tabId}`);
  await popup.click('#unhighlight');
  await popup.waitForFunction(() => /Highlights removed/.test(document.getElementById('status').textContent));
  const after = await page.evaluate(() => ({
    html: document.getElementById('para').outerHTML.replace(/>\d+</, '>0<'),
    saved: window.savedNode.isConnected && window.savedNode.data === window.savedData,
    marks: document.querySelectorAll('mark').length,
  }));
  assert.equal(after.html, before.html.replace(/>\d+</, '>0<'));
  assert.equal(after.saved, true, 'the page\'s saved text node is back in the document with its text');
  assert.equal(after.marks, 0);
});

test('same-origin frames (src and srcdoc) are read and highlighted', async () => {
  const page = await open('frames.html');
  await page.waitForFunction(() => [...document.querySelectorAll('iframe')].every((f) => f.contentDocument?.readyState === 'complete'));
  const { tabId } = await scanByClick(b, page);
  assert.deepEqual(await highlighted(page), ['domain after-frames.net', 'domain top-frame.net']);
  const inFrames = [];
  for (const f of page.frames().slice(1)) inFrames.push(...await highlighted(f));
  assert.deepEqual(inFrames.sort(), ['domain inner-frame.net', 'domain srcdoc-frame.net', 'ipv4 77.83.196.20']);
  const popup = await openPopup(b, tabId);
  assert.deepEqual(await popupItems(popup), ['domain after-frames.net', 'domain inner-frame.net', 'domain srcdoc-frame.net',
    'domain top-frame.net', 'ipv4 77.83.196.20']);
});

test('options page: settings are validated by the core, stored, and used by the next scan', async () => {
  const options = await b.ctx.newPage();
  await options.goto(`chrome-extension://${b.extId}/options.html`);
  await options.waitForSelector('body[data-ready]');
  // A bad regex is refused with the core's message and nothing is stored.
  await options.click('#custom-add');
  await options.fill('#custom tbody tr:last-child .name', 'ticket');
  await options.fill('#custom tbody tr:last-child .pattern', 'TICKET-([0-9]+');
  await options.click('#save');
  await options.waitForFunction(() => document.getElementById('errors').textContent.startsWith('Not saved'));
  const sw = await worker(b.ctx);
  assert.equal(await sw.evaluate(async () => (await chrome.storage.local.get('settings')).settings ?? null), null);
  // Now a good configuration: three types and the custom one; an allowlist and a MISP warninglist.
  await options.fill('#custom tbody tr:last-child .pattern', 'row [0-9]+');
  for (const box of await options.$$('#types input:checked')) await box.uncheck();
  await options.check('#types input[value="domain"]');
  await options.check('#types input[value="ipv4"]');
  await options.check('#types input[value="url"]');
  await options.fill('#allowlist', '# infrastructure we own\nattacker-one.net\n45.0.0.0/24');
  await options.setInputFiles('#warninglist-file', join(ROOT, 'tests/fixtures/pages/misp-warninglist.json'));
  await options.waitForFunction(() => document.getElementById('warninglists').textContent.includes('partner infrastructure'));
  await options.selectOption('#allowlisted', 'hide');
  await options.selectOption('#exportFormat', 'csv');
  await options.click('#save');
  await options.waitForFunction(() => document.getElementById('saved').textContent === 'Saved.');
  const stored = await sw.evaluate(async () => (await chrome.storage.local.get('settings')).settings);
  assert.deepEqual(stored.types.sort(), ['domain', 'ipv4', 'url']);
  assert.deepEqual(stored.custom, [{ name: 'ticket', pattern: 'row [0-9]+', priority: 1 }]);
  assert.equal(stored.warninglists.length, 1);
  // The options page shows the stored settings when opened again.
  await options.reload();
  await options.waitForSelector('body[data-ready]');
  assert.equal(await options.inputValue('#allowlisted'), 'hide');
  assert.equal(await options.$$eval('#types input:checked', (bs) => bs.map((x) => x.value).sort().join()), 'domain,ipv4,url');

  const page = await open('hostile.html');
  const { tabId } = await scanByClick(b, page);
  const popup = await openPopup(b, tabId);
  // Long groups render their first 200 items until "Show all" is pressed.
  // (The page deletes some of its rows while highlighted, so a re-scan finds fewer than 3000.)
  const rows = Number(/\((\d+)\)/.exec(await popup.textContent('section[data-type="ticket"] h2'))[1]);
  assert.ok(rows > 1000, `custom type found ${rows} times`);
  assert.equal(await popup.locator('section[data-type="ticket"] li').count(), 200);
  await popup.click('section[data-type="ticket"] button.more');
  assert.equal(await popup.locator('section[data-type="ticket"] li').count(), rows);
  const items = await popupItems(popup);
  assert.deepEqual(items.filter((i) => !/^(domain|ipv4|url|ticket) /.test(i)), [], 'disabled types (email, cve) absent');
  // Allowlisted by the text list (a value, a CIDR) and by the warninglist: hidden, counted, shown on request.
  for (const v of ['attacker-one.net', 'secret-partner.net', '45.0.0.9']) assert.ok(!items.some((i) => i.endsWith(` ${v}`)), v);
  assert.ok(Number(await popup.textContent('#hidden-count')) >= 3);
  await popup.check('#show-hidden');
  const shown = await popup.$$eval('li.item.hidden-item', (lis) => lis.map((li) => li.dataset.value));
  for (const v of ['attacker-one.net', 'secret-partner.net', '45.0.0.9']) assert.ok(shown.includes(v), v);
  assert.equal(await popup.inputValue('#export-format'), 'csv');
  // On the page, allowlisted values are highlighted exactly like the rest: the page cannot learn the allowlist.
  const look = await page.evaluate(() => {
    const attrs = (v) => { const m = document.querySelector(`mark[data-ioclens-value="${v}"]`); return m && [...m.attributes].map((a) => a.name).sort().join() + m.style.cssText; };
    return { allowed: attrs('secret-partner.net'), other: attrs('evil-script.com') };
  });
  assert.ok(look.allowed && look.allowed === look.other, JSON.stringify(look));
  assert.doesNotMatch(await page.evaluate(() => document.documentElement.outerHTML), /allowlist|partner infrastructure/i);
});

test('highlighting can be turned off: the list still fills, the page is untouched', async () => {
  await setSettings(b.ctx, { highlight: false });
  const page = await open('split.html');
  const before = await page.evaluate(() => document.body.innerHTML);
  const { tabId } = await scanByClick(b, page);
  assert.equal(await page.evaluate(() => document.body.innerHTML), before);
  const popup = await openPopup(b, tabId);
  assert.equal((await popupItems(popup)).length, 16); // the 16 IOCs of split.html (see the first test)
});

test('automatic re-scan picks up content the page adds later (debounced), and updates an open popup', async () => {
  await setSettings(b.ctx, { autoRescan: true });
  const page = await open('scripts.html');
  await page.waitForFunction(() => window.pageScriptsReady);
  const { tabId } = await scanByClick(b, page);
  const popup = await openPopup(b, tabId);
  assert.ok(!(await popupItems(popup)).includes('domain second-render.net'));
  await page.bringToFront();
  const changedAt = Date.now();
  await page.click('#rerender');
  const rec = await waitForScan(b.ctx, tabId, changedAt);
  assert.equal(rec.auto, true);
  await page.waitForSelector('mark[data-ioclens-value="second-render.net"]');
  await popup.waitForFunction(() => document.querySelector('li.item[data-value="second-render.net"]'));
  // The title timer keeps changing <title> (outside <body>): no re-scan loop from that, or from our own marks.
  await new Promise((ok) => setTimeout(ok, 2500));
  const again = await worker(b.ctx).then((sw) => sw.evaluate(async (k) => (await chrome.storage.session.get(k))[k], `scan:${tabId}`));
  assert.equal(again.doneAt, rec.doneAt, 'no further automatic scans without page changes');
});

test('context menu "Extract IOCs from selection": results page lists the selection\'s IOCs', async () => {
  const page = await open('split.html');
  const { tabId } = await scanByClick(b, page);
  // Select the table and the two divs after it, as a user would with the mouse.
  await page.evaluate(() => {
    const r = document.createRange();
    r.setStartBefore(document.querySelector('table'));
    r.setEndAfter(document.querySelectorAll('div')[1]);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
  });
  const sw = await worker(b.ctx);
  // (Not the next 'page' event: the popup the toolbar click opened may be the next one.)
  const [resultsPage] = await Promise.all([
    waitForPage(b.ctx, /popup\.html\?selection=/),
    sw.evaluate(async (id) => {
      const tab = await chrome.tabs.get(id);
      // What contextMenus.onClicked delivers. selectionText loses line breaks, so the background
      // reads the frame's own selection: the decoy here proves which one was used.
      await globalThis.ioclens.onMenu({ menuItemId: 'ioclens-selection', frameId: 0, selectionText: 'decoy[.]com', pageUrl: tab.url }, tab);
    }, tabId),
  ]);
  await resultsPage.waitForFunction(() => document.querySelectorAll('li.item').length > 0);
  assert.match(resultsPage.url(), /popup\.html\?selection=selection%3A/);
  assert.deepEqual(await popupItems(resultsPage), ['domain cell-one.com', 'domain cell-two.net', 'ipv4 172.105.44.12']);
  assert.match(await resultsPage.textContent('#status'), /3 IOCs in the selection/);
  assert.equal(await resultsPage.$eval('#page-actions', (e) => e.hidden), true);
  assert.equal(await resultsPage.$eval('li.item .value', (e) => e.disabled), true);
});

test('keyboard shortcuts are registered (headless Chromium does not deliver browser accelerators, so only registration is checked)', async () => {
  const sw = await worker(b.ctx);
  const cmds = Object.fromEntries((await sw.evaluate(() => chrome.commands.getAll())).map((c) => [c.name, c.shortcut]));
  assert.deepEqual(cmds, { _execute_action: 'Alt+Shift+I', 'scan-page': 'Alt+Shift+K' });
});

test('a hash inside a URL is listed as its own item; picking it flashes the URL that holds it', async () => {
  const page = await open('nested.html');
  await page.setViewportSize({ width: 1000, height: 500 });
  const { tabId } = await scanByClick(b, page);
  const md5 = '842497c20072fc9b92f2b18e1d690103';
  // One mark (the URL); the nested hash has none of its own.
  assert.deepEqual(await highlighted(page), [`ipv4 45.155.205.233`, `url http://cdn.cloudfronter.com/upgrade/${md5}.exe`]);
  const popup = await openPopup(b, tabId);
  assert.ok((await popupItems(popup)).includes(`md5 ${md5}`));
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await popup.click(`li.item[data-value="${md5}"] .value`);
  await popup.waitForFunction(() => /Showing 1 of 1/.test(document.getElementById('status').textContent));
  const url = await page.$eval('mark[data-ioclens-type="url"]', (m) => ({ flashing: m.hasAttribute('data-ioclens-flash'), top: m.getBoundingClientRect().top }));
  assert.ok(url.flashing, 'the URL mark flashes');
  assert.ok(url.top >= 0 && url.top < 500, `scrolled into view: ${url.top}`);
});
