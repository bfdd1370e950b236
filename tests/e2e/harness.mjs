// Shared e2e harness: Debian chromium + playwright-core with the built extension loaded,
// fixture pages served on 127.0.0.1, and the real toolbar click (CDP Extensions.triggerAction).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXT = join(ROOT, 'dist/chrome');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** Serves tests/fixtures/pages; `/strict/...` adds a strict CSP header (no wasm-unsafe-eval). */
export async function fixtureServer() {
  const server = await serve(join(ROOT, 'tests/fixtures/pages'), 0, (url) =>
    url.searchParams.has('strict') ? { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'" } : {});
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
