// Screenshots for the README: the fixture threat report highlighted after a real toolbar click,
// the real toolbar popup, and the options page. Usage (after `make extension`):
//   node scripts/screenshots-extension.mjs [outdir]   (default docs/screenshots)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchWithExtension, fixtureServer, scanByClick, realPopupCommand, evalInRealPopup, waitForRealPopup } from '../tests/e2e/harness.mjs';

const out = process.argv[2] || 'docs/screenshots';
mkdirSync(out, { recursive: true });
const server = await fixtureServer();
const b = await launchWithExtension();
try {
  const page = await b.ctx.newPage();
  await page.setViewportSize({ width: 980, height: 1000 });
  await page.goto(`${server.base}/threat-report.html`);
  await scanByClick(b, page);
  await page.screenshot({ path: join(out, 'extension-page.png'), fullPage: true });
  console.log(`[screenshots] ${out}/extension-page.png`);

  // The real popup, sized to its content like the browser shows it.
  await waitForRealPopup(b);
  await evalInRealPopup(b.ctx, b.extId, 'document.fonts.ready.then(() => true)');
  const { contentSize } = await realPopupCommand(b.ctx, b.extId, 'Page.getLayoutMetrics');
  const shot = await realPopupCommand(b.ctx, b.extId, 'Page.captureScreenshot', {
    format: 'png', captureBeyondViewport: true,
    clip: { x: 0, y: 0, width: Math.ceil(contentSize.width), height: Math.min(900, Math.ceil(contentSize.height)), scale: 1 },
  });
  writeFileSync(join(out, 'extension-popup.png'), Buffer.from(shot.data, 'base64'));
  console.log(`[screenshots] ${out}/extension-popup.png`);

  const options = await b.ctx.newPage();
  await options.setViewportSize({ width: 900, height: 900 });
  await options.goto(`chrome-extension://${b.extId}/options.html`);
  await options.waitForSelector('body[data-ready]');
  await options.fill('#allowlist', '# our own infrastructure\n*.corp.example\n10.0.0.0/8\n8.8.8.8');
  await options.screenshot({ path: join(out, 'extension-options.png'), fullPage: true });
  console.log(`[screenshots] ${out}/extension-options.png`);
} finally {
  await b.close();
  await server.close();
}
