// Hostile pages: DOM clobbering, main-world prototype poisoning, forged messages, values that look
// like HTML or hide characters, a page rewriting itself while it is highlighted, 10 MB of text, and
// nesting deeper than a recursive walker would survive; forged messages after a scan, and two tabs
// (a tab cannot reach another tab's results).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, fixtureServer, scanByClick, openPopup, popupItems, highlighted, setSettings, worker, evalInRealPopup, waitForScan } from './harness.mjs';
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
  // The popup opens once the scan is done (or after 1 s), a moment after the record is written.
  let notices = null;
  for (const end = Date.now() + 15000; notices === null;) {
    notices = await evalInRealPopup(b.ctx, b.extId, 'document.getElementById("notices").textContent').catch((e) => {
      if (Date.now() > end) throw e;
      return new Promise((ok) => setTimeout(() => ok(null), 100));
    });
  }
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

// ---- forged messages after a scan, and other tabs' data ------------------------------------------
// hostile-forge-a.html and hostile-forge-b.html hold disjoint IOC sets; their forgeAll() (in
// hostile-forge.js) tries every channel a page has, with every message shape the extension uses.
const SET_A = ['cve CVE-2023-23397', 'domain alpha-c2.net', 'ipv4 45.77.12.34', 'md5 44d88612fea8a8f36de82e1278abb02f'];
const SET_B = ['cve CVE-2022-30190', 'domain bravo-relay.org', 'ipv4 91.200.3.7', 'sha1 3395856ce81f2b7382dee72602f798b642f14140'];
const FORGED = 'forged-by-page.example';
// Long enough for anything a forged message could have started (a scan of these pages takes
// well under this) to show; this waits for the absence of an effect, it measures nothing.
const SETTLE_MS = 1500;
const settle = () => new Promise((ok) => setTimeout(ok, SETTLE_MS));

/** What a forged message could change: the page's highlighted report, the scan record, the badge, session keys. */
async function snapshot(page, tabId) {
  const sw = await worker(b.ctx);
  return {
    report: await page.$eval('#report', (e) => e.innerHTML),
    record: await sw.evaluate(async (k) => (await chrome.storage.session.get(k))[k] ?? null, `scan:${tabId}`),
    badge: await sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId),
    settings: await sw.evaluate(async () => (await chrome.storage.local.get(null))),
  };
}

const popupText = (popup) => popup.evaluate(() => document.body.textContent);

test('after a scan, messages, events, attributes and calls forged by the page change nothing', async () => {
  const page = await b.ctx.newPage();
  await page.goto(`${server.base}/hostile-forge-a.html`);
  const { tabId } = await scanByClick(b, page);
  const popup = await openPopup(b, tabId);
  assert.deepEqual(await popupItems(popup), SET_A);
  assert.deepEqual(await highlighted(page), SET_A);
  const before = await snapshot(page, tabId);
  const statusBefore = await popup.textContent('#status');
  assert.ok(before.record && before.report.includes('<mark'), 'scanned and highlighted before the forgery');

  // The page's own script, in its main world, aims everything at this tab and at its neighbours.
  const report = await page.evaluate((a) => window.forgeAll(a), { extId: b.extId, tabIds: [tabId, tabId + 1, tabId - 1, 0], value: FORGED });
  await settle();

  // Nothing of the extension is reachable from the page's world...
  for (const [name, type] of Object.entries(report.globals)) assert.equal(type, 'undefined', `${name} is visible to the page`);
  assert.deepEqual(new Set(report.calls), new Set(['collect: TypeError', 'feed: TypeError', 'finish: TypeError',
    'highlight: TypeError', 'clear: TypeError', 'flash: TypeError', 'watch: TypeError']));
  // ...no message could even be sent, nothing answered on any channel...
  assert.equal(report.runtime.length, report.sent * 2 + 1);
  assert.deepEqual([...new Set(report.runtime)], ['TypeError'], 'chrome.runtime messaging reached from the page');
  assert.deepEqual(report.received, []);
  // ...and nothing changed: the highlighted report (marks, attributes, text), the scan record,
  // the badge, the stored settings (a forged validate-settings carried an allowlist).
  const after = await snapshot(page, tabId);
  assert.deepEqual(after, before);
  assert.deepEqual(await popupItems(popup), SET_A);
  assert.equal(await popup.textContent('#status'), statusBefore);
  assert.ok(!(await popupText(popup)).includes(FORGED), 'a page-supplied value appeared in the popup');
  // The content script's own state is intact too (a forged batch would have replaced its matches):
  // the popup still finds the value's mark on the page.
  await popup.click('li.item[data-value="alpha-c2.net"] .value');
  await popup.waitForFunction(() => /on the page/.test(document.getElementById('status').textContent));
  assert.equal(await popup.textContent('#status'), 'Showing 1 of 1 on the page');
  // The only mark with the forged value is the page's own fake one, which the extension does not
  // take for its own: a re-scan neither lists it nor removes it.
  assert.deepEqual(await page.$$eval(`mark[data-ioclens-value="${FORGED}"]`, (ms) => ms.map((m) => m.parentElement.id)), ['forge-area']);
  const since = Date.now();
  await popup.click('#rescan');
  await waitForScan(b.ctx, tabId, since);
  await popup.waitForFunction(() => !/Scanning/.test(document.getElementById('status').textContent));
  assert.deepEqual(await popupItems(popup), SET_A);
  assert.ok(!(await popupText(popup)).includes(FORGED));
  assert.deepEqual(await highlighted(page), [...SET_A, `domain ${FORGED}`].sort());
  assert.equal(await page.$eval('#forge-area', (e) => e.textContent), 'nothing to see');
});

test("two tabs: each popup lists its own tab only, and tab B cannot reach tab A's results", async () => {
  // Allowlist entries that are on neither page, and automatic re-scans on (so that a content
  // script's one permitted message has an effect to observe).
  const ALLOW = ['never-on-this-page.corp', '10.99.0.0/16'];
  await setSettings(b.ctx, { autoRescan: true, allowlist: ALLOW.join('\n') });
  const pageA = await b.ctx.newPage();
  await pageA.goto(`${server.base}/hostile-forge-a.html`);
  const { tabId: a } = await scanByClick(b, pageA);
  const pageB = await b.ctx.newPage();
  await pageB.goto(`${server.base}/hostile-forge-b.html`);
  const { tabId: tb } = await scanByClick(b, pageB);
  assert.notEqual(a, tb);
  const popupA = await openPopup(b, a);
  const popupB = await openPopup(b, tb);
  assert.deepEqual(await popupItems(popupA), SET_A);
  assert.deepEqual(await popupItems(popupB), SET_B);
  assert.deepEqual(await highlighted(pageA), SET_A);
  assert.deepEqual(await highlighted(pageB), SET_B);
  const beforeA = await snapshot(pageA, a);

  // Worse than a page: code in tab B's content-script world (what a page would need to break into
  // first) sends every extension message naming tab A. The background must refuse all but
  // "dom-changed", and apply that one to the sender's tab, whatever tabId it names.
  const since = Date.now();
  const sw = await worker(b.ctx);
  const fromB = await sw.evaluate(async ({ tb, a }) => {
    const [r] = await chrome.scripting.executeScript({ target: { tabId: tb }, args: [a], func: async (a) => {
      const send = async (m) => {
        try { return `answered: ${JSON.stringify(await chrome.runtime.sendMessage(m))}`; } catch (e) { return `error: ${e.message}`; }
      };
      const forged = { ok: true, tabId: a, matches: [{ type: 'domain', value: 'forged-by-b.example', raw: 'x', start: 0, end: 1, start16: 0, end16: 1, flags: [], defanged: false }] };
      const out = {};
      for (const m of [{ type: 'scan', tabId: a }, { type: 'scan', tabId: a, clicked: true }, { type: 'clear', tabId: a },
        { type: 'state', tabId: a }, { type: 'flash', tabId: a, itemType: 'domain', value: 'alpha-c2.net' },
        { type: 'validate-settings', settings: {} }, { type: 'type-names' }, { type: 'scan-result', tabId: a, result: forged }]) {
        out[m.type + (m.clicked ? ' (clicked)' : '')] = await send(m);
      }
      out['dom-changed'] = await send({ type: 'dom-changed', tabId: a });
      // Session storage (scan records) is for trusted contexts only.
      try { out.session = JSON.stringify(await chrome.storage.session.get(null)); } catch (e) { out.session = `error: ${e.message}`; }
      // Tab B's own content script knows nothing of tab A's matches.
      out.flashOwn = JSON.stringify(globalThis.__ioclens.flash('domain', 'alpha-c2.net'));
      return out;
    } });
    return r.result;
  }, { tb, a });
  for (const [type, answer] of Object.entries(fromB)) {
    if (type === 'dom-changed') assert.equal(answer, 'answered: {"ok":true}');
    else if (type === 'flashOwn') assert.equal(answer, '{"found":0,"index":-1}');
    else if (type === 'session') assert.match(answer, /^error: /);
    // Refused: no answer at all (or an explicit refusal), never a result.
    else assert.match(answer, /^answered: (undefined|\{"ok":false[,}])/, `${type} from tab B's content script was answered: ${answer}`);
  }
  // "dom-changed" re-scanned B (the sender), never A.
  const recB = await waitForScan(b.ctx, tb, since);
  assert.equal(recB.auto, true);
  await settle();
  assert.deepEqual(await snapshot(pageA, a), beforeA);

  // Then tab B's page itself aims everything at tab A.
  const report = await pageB.evaluate((x) => window.forgeAll(x), { extId: b.extId, tabIds: [a], value: FORGED });
  assert.deepEqual(report.received, []);
  await settle();
  assert.deepEqual(await snapshot(pageA, a), beforeA);

  // Each popup still lists its own tab only (B's re-scans were broadcast; A's popup ignored them),
  // and the forged scan-result never reached a popup.
  assert.deepEqual(await popupItems(popupA), SET_A);
  assert.deepEqual(await popupItems(popupB), SET_B);
  for (const p of [popupA, popupB]) assert.ok(!(await popupText(p)).includes('forged-by-b'));
  // Tab B's page holds nothing of A's results; neither page holds the allowlist (see also
  // extension-pages.test.mjs, where allowlisted values are highlighted exactly like the others).
  const htmlB = await pageB.evaluate(() => document.documentElement.outerHTML);
  for (const v of ['alpha-c2', '45.77.12', 'CVE-2023-23397', '44d88612']) assert.ok(!htmlB.includes(v), `${v} (tab A) leaked into tab B`);
  for (const p of [pageA, pageB]) {
    const html = await p.evaluate(() => document.documentElement.outerHTML);
    for (const v of [...ALLOW, 'never-on-this-page', '10.99.']) assert.ok(!html.includes(v), `allowlist entry ${v} visible to the page`);
    const attrs = await p.$$eval('mark', (ms) => [...new Set(ms.flatMap((m) => [...m.attributes].map((x) => x.name)))].sort());
    assert.deepEqual(attrs, ['data-ioclens-type', 'data-ioclens-value', 'style', 'title']);
  }
});
