// The manifest keeps least privilege and the CSP the wasm needs, for both browsers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

const manifest = (browser) => JSON.parse(execFileSync('node', ['scripts/manifest.mjs', browser, 'extension/manifest.json'], { encoding: 'utf8' }));

test('permissions are exactly the least-privilege set, with no host permissions', () => {
  for (const b of ['chrome', 'firefox']) {
    const m = manifest(b);
    assert.deepEqual([...m.permissions].sort(), ['activeTab', 'contextMenus', 'scripting', 'storage']);
    assert.equal(m.host_permissions, undefined);
    assert.equal(m.content_scripts, undefined, 'content script is injected on demand, not on every page');
  }
});

test('extension pages allow wasm compilation and nothing remote', () => {
  const csp = manifest('chrome').content_security_policy.extension_pages;
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /https?:/);
});

test('each browser gets its own background form', () => {
  assert.equal(manifest('chrome').background.service_worker, 'background.js');
  assert.equal(manifest('chrome').background.scripts, undefined);
  assert.deepEqual(manifest('firefox').background.scripts, ['background.js']);
  assert.ok(manifest('firefox').browser_specific_settings.gecko.id);
});

test('Chrome: the toolbar click reaches the background (no default popup); Firefox keeps the popup', () => {
  assert.equal(manifest('chrome').action.default_popup, undefined);
  assert.equal(manifest('firefox').action.default_popup, 'popup.html');
});
