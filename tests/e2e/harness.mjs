// Shared e2e harness: Debian chromium + playwright-core with the built extension loaded,
// fixture pages served on 127.0.0.1, and the real toolbar click (CDP Extensions.triggerAction).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The unpacked extension to load (`IOCLENS_EXT` overrides, e.g. to compare builds). */
export const EXT = process.env.IOCLENS_EXT || join(ROOT, 'dist/chrome');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'";
/** Stricter still: no inline styles either, nothing but same-origin scripts and styles. */
export const STRICTEST_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; frame-src 'self'";

/**
 * Serves tests/fixtures/pages (or `dir`); `?strict` adds a strict CSP header (no
 * wasm-unsafe-eval), `?strict=max` the strictest one.
 */
export async function fixtureServer(dir = join(ROOT, 'tests/fixtures/pages')) {
  const server = await serve(dir, 0, (url) => {
    if (!url.searchParams.has('strict')) return {};
    return { 'content-security-policy': url.searchParams.get('strict') === 'max' ? STRICTEST_CSP : STRICT_CSP };
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launchWithExtension() {
  if (!existsSync(join(EXT, 'manifest.json'))) throw new Error('dist/chrome missing: run make build');
  const profile = mkdtempSync(join(tmpdir(), 'ioclens-e2e-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, ...BASE_ARGS],
  });
  const sw = ctx.serviceWorkers()[0] || (await ctx.waitForEvent('serviceworker'));
  const extId = new URL(sw.url()).host;
  // Start every test from a settled extension: the worker has run its script and compiled the
  // wasm. Two full runs under load saw the first click after launch end with no scan at all.
  await sw.evaluate(async () => { await globalThis.ioclens.engine(); });
  const close = async () => { await ctx.close(); rmSync(profile, { recursive: true, force: true }); };
  return { ctx, sw, extId, close };
}

export async function launchPlain() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: BASE_ARGS });
  return browser;
}

/** Clicks the toolbar button on the tab showing `page` (grants activeTab, opens the popup). */
export async function clickToolbar(ctx, extId, page) {
  const bs = await ctx.browser().newBrowserCDPSession();
  const { targetInfos } = await bs.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const url = page.url();
  const tab = targetInfos.find((t) => t.url === url);
  if (!tab) throw new Error(`no tab target for ${url}`);
  await bs.send('Extensions.triggerAction', { id: extId, targetId: tab.targetId });
  await bs.detach();
}

/** The highlighted set: [type, value] pairs of every <mark>, merged per match. */
export async function highlighted(page) {
  return page.evaluate(() => [...new Set([...document.querySelectorAll('mark[data-ioclens-type]')]
    .map((m) => `${m.dataset.ioclensType} ${m.dataset.ioclensValue}`))].sort());
}

/** The service worker (fresh each time: the browser may have restarted it). */
export async function worker(ctx) {
  return ctx.serviceWorkers()[0] || (await ctx.waitForEvent('serviceworker'));
}

/** The extension's tab id of `page` (its URL is visible to the extension once activeTab is granted). */
export async function tabIdOf(ctx, page) {
  const sw = await worker(ctx);
  // Several tabs may show the same URL: the one just clicked is the active one.
  const id = await sw.evaluate(async (url) => {
    const tabs = (await chrome.tabs.query({})).filter((t) => t.url === url);
    return (tabs.find((t) => t.active) || tabs.at(-1))?.id;
  }, page.url());
  if (!Number.isInteger(id)) throw new Error(`no tab id for ${page.url()} (toolbar not clicked?)`);
  return id;
}

/** Waits until the background has finished a scan of `tabId` that started at or after `since`. */
export async function waitForScan(ctx, tabId, since, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    const sw = await worker(ctx);
    const rec = await sw.evaluate(async (k) => (await chrome.storage.session.get(k))[k] ?? null, `scan:${tabId}`);
    if (rec && rec.doneAt >= since) return rec;
    if (Date.now() > end) {
      const last = await sw.evaluate(() => globalThis.ioclens?.lastClick?.() ?? null).catch(() => null);
      throw new Error(`no finished scan of tab ${tabId} within ${timeout} ms (last click: ${JSON.stringify(last)})`);
    }
    await new Promise((ok) => setTimeout(ok, 25));
  }
}

/** Clicks the toolbar on `page` and waits for that scan to finish; returns {tabId, record, clickedAt}. */
export async function scanByClick(b, page) {
  await page.bringToFront();
  const clickedAt = Date.now();
  await clickToolbar(b.ctx, b.extId, page);
  const tabId = await tabIdOf(b.ctx, page);
  const record = await waitForScan(b.ctx, tabId, clickedAt);
  return { tabId, record, clickedAt };
}

/** Waits for a page (tab or window) of the context whose URL matches `re`. */
export async function waitForPage(ctx, re, timeout = 15000) {
  const end = Date.now() + timeout;
  for (;;) {
    const p = ctx.pages().find((x) => re.test(x.url()));
    if (p) return p;
    if (Date.now() > end) throw new Error(`no page matching ${re} within ${timeout} ms`);
    await new Promise((ok) => setTimeout(ok, 25));
  }
}

/** Opens the popup as a tab for `tabId` and waits until it has scanned and rendered. */
export async function openPopup(b, tabId, query = `tabId=${tabId}`) {
  const popup = await b.ctx.newPage();
  await popup.goto(`chrome-extension://${b.extId}/popup.html?${query}`);
  await popup.waitForFunction(() => !/Scanning/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  return popup;
}

/** The popup's list: "type value" per item, sorted. */
export async function popupItems(popup) {
  return popup.$$eval('li.item', (lis) => lis.map((li) => `${li.dataset.type} ${li.dataset.value}`).sort());
}

/** Replaces the extension's settings (unspecified fields take their defaults). */
export async function setSettings(ctx, settings) {
  const sw = await worker(ctx);
  await sw.evaluate((s) => (s ? chrome.storage.local.set({ settings: s }) : chrome.storage.local.remove('settings')), settings ?? null);
}

/**
 * Sends one CDP command to the real toolbar popup (not a Playwright page: it is reached through
 * the browser's target list) and returns the result; throws if no popup is open.
 */
export async function realPopupCommand(ctx, extId, method, params = {}) {
  const bs = await ctx.browser().newBrowserCDPSession();
  try {
    const { targetInfos } = await bs.send('Target.getTargets');
    // The real popup: popup.html, or popup.html?clicked=N when the background opened it after a click.
    const t = targetInfos.find((x) => x.type === 'page' && /^popup\.html(\?clicked=\d+)?$/.test(x.url.replace(`chrome-extension://${extId}/`, '')));
    if (!t) throw new Error('no toolbar popup open');
    const { sessionId } = await bs.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
    const answer = new Promise((ok) => bs.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message);
      if (m.id === 1) ok(m);
    }));
    await bs.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method, params }) });
    const m = await answer;
    if (m.error) throw new Error(`${method} in the popup failed: ${JSON.stringify(m.error)}`);
    return m.result;
  } finally {
    await bs.detach().catch(() => {});
  }
}

/** Evaluates `expression` in the real toolbar popup and returns its value. */
export async function evalInRealPopup(ctx, extId, expression) {
  const r = await realPopupCommand(ctx, extId, 'Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
  if (r.exceptionDetails) throw new Error(`popup evaluate failed: ${JSON.stringify(r.exceptionDetails)}`);
  return r.result.value;
}

/**
 * Waits until the real toolbar popup is open and has a result (in Chrome the background opens it
 * just after the click, alongside the scan); returns `{status, items}` ("type value", sorted).
 */
export async function waitForRealPopup(b, timeout = 15000) {
  const end = Date.now() + timeout;
  const expr = `({ status: document.getElementById('status').textContent,
    items: [...document.querySelectorAll('li.item')].map((li) => li.dataset.type + ' ' + li.dataset.value).sort() })`;
  for (;;) {
    try {
      const r = await evalInRealPopup(b.ctx, b.extId, expr);
      if (!/Scanning/.test(r.status)) return r;
    } catch (e) {
      if (Date.now() > end) throw e;
    }
    if (Date.now() > end) throw new Error('the real popup never showed a result');
    await new Promise((ok) => setTimeout(ok, 50));
  }
}
