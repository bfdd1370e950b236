// Service worker (Chrome) / background script (Firefox): the only place the wasm core runs.
// Content scripts cannot compile WebAssembly on pages whose CSP lacks 'wasm-unsafe-eval', so the
// content script only reads text and draws highlights; extraction happens here.
import init, { IocExtractor } from './pkg/ioclens.js';

// Start compiling at load, without top-level await (a service worker must register its listeners
// synchronously).
const ready = init({ module_or_path: new URL('./pkg/ioclens_bg.wasm', import.meta.url) });

async function extractor() {
  await ready;
  return new IocExtractor({ types: 'all' });
}

async function scanTab(tabId) {
  await chrome.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
  const [{ result: text }] = await chrome.scripting.executeScript({
    target: { tabId },
    func: () => globalThis.__ioclens.collect(),
  });
  const matches = (await extractor()).extract(text);
  await chrome.scripting.executeScript({
    target: { tabId },
    func: (ms) => globalThis.__ioclens.highlight(ms),
    args: [matches],
  });
  await chrome.action.setBadgeText({ tabId, text: matches.length ? String(matches.length) : '' });
  return matches;
}

chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  // Only the extension's own pages may ask (content scripts have sender.tab; pages cannot reach us).
  if (sender.id !== chrome.runtime.id || sender.tab) return false;
  if (msg?.type === 'scan' && Number.isInteger(msg.tabId)) {
    scanTab(msg.tabId).then(
      (matches) => reply({ ok: true, matches }),
      (err) => reply({ ok: false, error: String(err?.message || err) }),
    );
    return true;
  }
  return false;
});
