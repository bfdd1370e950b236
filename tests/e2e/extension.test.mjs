// The extension in a real Chromium: toolbar click → page highlighted, also under a strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, fixtureServer, clickToolbar, highlighted, worker } from './harness.mjs';
import { REPORT } from './expected.mjs';

let browser; let server;
before(async () => { server = await fixtureServer(); browser = await launchWithExtension(); });
after(async () => { await browser?.close(); await server?.close(); });

const EXPECTED = REPORT; // tests/e2e/expected.mjs, written by hand from the fixture

for (const [name, query] of [['normal page', ''], ['strict-CSP page', '?strict']]) {
  test(`toolbar click highlights every IOC on a ${name}`, async () => {
    const page = await browser.ctx.newPage();
    await page.goto(`${server.base}/report.html${query}`);
    await page.bringToFront();
    await clickToolbar(browser.ctx, browser.extId, page);
    await page.waitForSelector('mark[data-ioclens-type]', { timeout: 15000 }).catch(async (e) => {
      // Say what the click's scan ended with (e.g. "no access"), not only that nothing appeared.
      const last = await (await worker(browser.ctx)).evaluate(() => globalThis.ioclens.lastClick()).catch((x) => String(x));
      throw new Error(`${e.message}\nlast click: ${JSON.stringify(last)}`);
    });
    await page.waitForFunction((n) => new Set([...document.querySelectorAll('mark[data-ioclens-type]')]
      .map((m) => m.dataset.ioclensValue)).size >= n, EXPECTED.length, { timeout: 15000 });
    assert.deepEqual(await highlighted(page), EXPECTED);
    assert.equal(await page.evaluate(() => window.pageScriptRan ?? null), query ? null : true);
    await page.close();
  });
}
