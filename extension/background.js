// Service worker (Chrome) / event page (Firefox): the only place extraction runs. Content scripts
// cannot compile WebAssembly on pages whose CSP lacks 'wasm-unsafe-eval', so the content script
// only reads text and draws highlights; the wasm core runs here.
import init, * as core from './pkg/ioclens.js';
import { SETTINGS_KEY, normalizeSettings, extractorOptions } from './lib/settings.js';
import { restrictedReason, explainError, MESSAGES } from './lib/pages.js';
import { senderKind, acceptable } from './lib/messages.js';
import { groupMatches, counts } from './lib/group.js';
import { PieceExtractor } from './lib/pieces.js';

// Start compiling at load, without top-level await (listeners must register synchronously).
const ready = init({ module_or_path: new URL('./pkg/ioclens_bg.wasm', import.meta.url) });
const EXT_BASE = chrome.runtime.getURL('');
const CONTENT_FILES = ['lib/display.js', 'lib/ranges.js', 'content.js'];
const MENU_ID = 'ioclens-selection';
const MAX_SELECTION = 4_000_000;
const EXTRACT_BUDGET_MS = 10_000; // then stop and report a partial result
const AUTO_RESCAN_GAP_MS = 5000;

// ---- the extractor, rebuilt whenever the settings change ----------------------------------------

let engineP = null;
/** `{ex, settings, error}`; a stored setting the core rejects falls back to defaults, with `error`. */
function engine() {
  engineP ??= (async () => {
    await ready;
    const settings = normalizeSettings((await chrome.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
    try {
      return { ex: new core.IocExtractor(extractorOptions(settings)), settings, error: null };
    } catch (e) {
      return { ex: new core.IocExtractor({}), settings, error: `Your settings could not be used (${e.message}); scanned with the defaults.` };
    }
  })();
  return engineP;
}
chrome.storage.onChanged.addListener((changes, area) => {
  // Drop the old extractor (wasm-bindgen frees it once unreachable; a scan in flight keeps its own).
  if (area === 'local' && changes[SETTINGS_KEY]) engineP = null;
});

// ---- scanning a tab -----------------------------------------------------------------------------

/**
 * One batch for the content script's `feed`: rows `[start16, end16, typeIndex, value]` as one
 * JSON string (a string crosses the process boundary far faster than thousands of objects).
 * Only what drawing needs: flags stay here, so the page cannot tell allowlisted values apart.
 */
function batchOf(found, job, seq, upTo, last) {
  const types = [];
  const index = new Map();
  const rows = found.map((m) => {
    let t = index.get(m.type);
    if (t === undefined) { t = types.length; types.push(m.type); index.set(m.type, t); }
    return [m.start16, m.end16, t, m.value];
  });
  return { job, seq, upTo, last, types, data: JSON.stringify(rows) };
}

// One job at a time per tab: two scans interleaving their clear/highlight steps would garble the page.
const queues = new Map();
function serial(tabId, job) {
  const next = (queues.get(tabId) || Promise.resolve()).then(job, job);
  queues.set(tabId, next);
  const done = () => { if (queues.get(tabId) === next) queues.delete(tabId); };
  next.then(done, done);
  return next;
}

async function run(tabId, func, args = []) {
  const [res] = await chrome.scripting.executeScript({ target: { tabId }, func, args });
  if (res?.error) throw new Error(String(res.error.message || res.error));
  return res?.result;
}

function setBadge(tabId, text) {
  chrome.action.setBadgeBackgroundColor?.({ tabId, color: '#37474f' }).catch(() => {});
  return chrome.action.setBadgeText({ tabId, text }).catch(() => {});
}

const badgeText = (n, partial) => (n === 0 && !partial ? '' : n > 999 ? '999+' : `${n}${partial ? '+' : ''}`);

const INJECT_RETRY_MS = 3000;

/**
 * Injects the content script. Right after a toolbar click the page's renderer may not have heard
 * of the activeTab grant yet (it travels on another channel than the injection), so a click's scan
 * retries a refused injection for a moment before calling it "no access".
 */
async function inject(tabId, url, click) {
  // Bounded by time, not by a count of tries: on a loaded machine the grant took longer than the
  // ~0.9 s that 8 tries gave (an e2e run under load saw a click end in "no access").
  const until = Date.now() + INJECT_RETRY_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await chrome.scripting.executeScript({ target: { tabId }, files: CONTENT_FILES });
      return;
    } catch (e) {
      if (!click || Date.now() >= until || explainError(e, url).code !== 'noaccess') throw e;
      await new Promise((ok) => setTimeout(ok, Math.min(25 * (attempt + 1), 200)));
    }
  }
}

/**
 * Reads the tab's visible text, extracts, highlights. Returns `{ok: true, matches, ...}` or
 * `{ok: false, code, message}` for pages that cannot be read. `auto` marks automatic re-scans.
 */
async function scan(tabId, { auto = false, asked = null, click = false } = {}) {
  const startedAt = Date.now();
  // The wasm may still be compiling (a woken service worker): let it finish while the page is read.
  const engP = engine();
  const settingsP = chrome.storage.local.get(SETTINGS_KEY).then((r) => normalizeSettings(r[SETTINGS_KEY]));
  const steps = {}; // ms since startedAt at the end of each step, for the benchmark
  const mark = (k) => { steps[k] = Date.now() - startedAt; };
  let url;
  try { url = (await chrome.tabs.get(tabId)).url; } catch (e) { return { ok: false, ...explainError(e) }; }
  const restricted = restrictedReason(url);
  if (restricted) return { ok: false, ...restricted, url };
  try {
    await inject(tabId, url, click);
  } catch (e) {
    return { ok: false, ...explainError(e, url), url };
  }
  mark('inject');
  const settings = await settingsP;
  let out;
  try {
    out = await stream(tabId, engP, settings, mark);
  } catch (e) {
    return { ok: false, ...explainError(e, url), url };
  }
  const { col, eng, matches, cut, hl, extractMs, doneAt } = out;
  if (col.pdf) return { ok: false, code: 'pdf', message: MESSAGES.pdf, url };
  if (col.aborted) return { ok: false, code: 'other', message: 'The scan was interrupted by another one.', url };
  const partial = { text: col.partial || cut, highlight: hl?.partial || null };
  const { unique } = counts(groupMatches(matches, eng.settings));
  await setBadge(tabId, badgeText(unique, Boolean(partial.text || partial.highlight)));
  const stats = {
    chars: col.chars, collectMs: Math.round(col.ms), extractMs, highlightMs: hl ? Math.round(hl.ms) : 0,
    marks: hl?.marks ?? 0, stale: hl?.stale ?? 0, matches: matches.length, unique, totalMs: doneAt - startedAt, steps,
  };
  await chrome.storage.session.set({ [`scan:${tabId}`]: { startedAt, doneAt, auto, stats, partial, asked } });
  return { ok: true, tabId, url: col.url, title: col.title, matches, partial, stats, settingsError: eng.error };
}

/**
 * The pipeline of one scan, over a port to the content script of the tab's top frame: the page
 * posts its text in pieces while reading it, each piece is extracted as it comes (once the
 * extractor is ready), and the matches go back in batches that the page draws once it has read
 * everything. Resolves `{col, eng, matches, cut, hl, extractMs, doneAt}` once the page has drawn
 * the last batch and rendered the frame after it (or read the text, when highlighting is off);
 * `doneAt` is when the last highlight was in the page.
 */
function stream(tabId, engP, settings, mark) {
  const job = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const draw = settings.highlight;
  const port = chrome.tabs.connect(tabId, { name: 'ioclens-scan', frameId: 0 });
  return new Promise((resolve, reject) => {
    let col = null;
    let hl = null;
    let painted = false;
    let doneAt = 0; // when the last highlight was in the page (the result waits for its frame too)
    let eng = null;
    let px = null;
    let seq = 0;
    let over = false;
    const fail = (e) => { if (!over) { over = true; port.disconnect(); reject(e); } };
    const settle = () => {
      if (over || !col || !px?.ended || (draw && !col.aborted && !col.pdf && !(hl && (painted || hl.aborted)))) return;
      over = true;
      port.disconnect();
      resolve({ col, eng, matches: px.matches, cut: px.partial, hl, extractMs: px.ms, doneAt: doneAt || Date.now() });
    };
    // Text arriving before the extractor is ready waits here, in order.
    let queue = engP.then((e) => {
      eng = e;
      px = new PieceExtractor(e.ex, EXTRACT_BUDGET_MS, (found, upTo, last) => {
        if (last) mark('extract');
        if (draw) port.postMessage({ type: 'batch', ...batchOf(found, job, seq++, upTo, last) });
      });
    });
    const then = (f) => { queue = queue.then(f).then(settle).catch(fail); };
    port.onMessage.addListener((msg) => {
      if (msg?.job !== job) return;
      if (msg.type === 'text' && typeof msg.text === 'string') then(() => px.push(msg.text, false));
      else if (msg.type === 'read') {
        mark('read');
        then(() => {
          col = msg;
          if (col.aborted || col.pdf) px.ended = true;
          else px.push('', true);
        });
      } else if (msg.type === 'done') { doneAt = Date.now(); mark('highlight'); hl = msg.result || { aborted: true }; then(() => {}); }
      else if (msg.type === 'painted') { mark('painted'); painted = true; then(() => {}); }
      else if (msg.type === 'error') fail(new Error(String(msg.message)));
    });
    port.onDisconnect.addListener(() => {
      // The tab navigated or closed, or the content script is gone: an error, unless only the
      // frame after the last highlight was still awaited.
      const err = chrome.runtime.lastError;
      if (hl && !painted) { painted = true; then(() => {}); return; }
      fail(new Error(err?.message || 'The page went away during the scan.'));
    });
    port.postMessage({ type: 'start', job, draw, watch: settings.autoRescan });
  });
}

async function clearTab(tabId) {
  await chrome.storage.session.remove(`scan:${tabId}`);
  await setBadge(tabId, '');
  try {
    return await run(tabId, () => {
      const api = Object.hasOwn(globalThis, '__ioclens') ? globalThis.__ioclens : null;
      if (!api) return { restored: 0 };
      api.watch(false);
      return api.clear();
    });
  } catch (e) {
    return { restored: 0, error: explainError(e).message };
  }
}

// Tells open popups about results they did not ask for (automatic re-scans, the shortcut).
function broadcast(result) {
  chrome.runtime.sendMessage({ type: 'scan-result', tabId: result.tabId, result }).catch(() => { /* no popup open */ });
}

const lastAuto = new Map();
async function autoRescan(tabId) {
  const eng = await engine();
  if (!eng.settings.autoRescan) return;
  // Only documents the user scanned (the flag is dropped on navigation), and not too often: a page
  // that keeps changing must not keep the extension busy.
  if (!(await chrome.storage.session.get(`scan:${tabId}`))[`scan:${tabId}`]) return;
  if (Date.now() - (lastAuto.get(tabId) || 0) < AUTO_RESCAN_GAP_MS) return;
  lastAuto.set(tabId, Date.now());
  const result = await serial(tabId, () => scan(tabId, { auto: true }));
  if (result.ok) broadcast(result);
}

chrome.tabs.onUpdated.addListener((tabId, info) => {
  if (info.status === 'loading') {
    chrome.storage.session.remove(`scan:${tabId}`).catch(() => {});
    lastAuto.delete(tabId);
  }
});
chrome.tabs.onRemoved.addListener((tabId) => {
  chrome.storage.session.remove(`scan:${tabId}`).catch(() => {});
  lastAuto.delete(tabId);
});

// ---- toolbar click (Chrome): scan at once, open the popup when it is done -----------------------
// Chrome's manifest has no default popup (scripts/manifest.mjs), so the click reaches the
// background at once and the scan starts right away, instead of after the popup has loaded and
// asked (a few hundred ms later); the popup is then opened to show the result. It opens once the
// scan is done (at once on most pages; the highlights appear meanwhile, those on screen first),
// or after POPUP_WAIT_MS on huge pages, where it says "Scanning…": a popup opening alongside
// the scan costs ~100-150 ms of CPU (its window in the browser, its page) that the page being
// highlighted needs on a 2-core machine (1 MB page: click → highlights done ~25% sooner).
// Firefox keeps the default popup (its openPopup needs the synchronous user gesture), and this
// listener never fires there.

const CLICK_RESULT_MS = 60_000;
const POPUP_WAIT_MS = 1000;
const clicked = new Map(); // tabId → {at, result: Promise} of the scan a click started
let lastClick = null; // how the last click's scan ended (debugging, tests)

/** The scan a toolbar click started for `tabId`, for the popup that click opened (once). */
function takeClicked(tabId) {
  const c = clicked.get(tabId);
  clicked.delete(tabId);
  return c && Date.now() - c.at < CLICK_RESULT_MS ? c.result : null;
}

async function openPopupFor(tab) {
  const popup = `popup.html?clicked=${tab.id}`;
  await chrome.action.setPopup({ tabId: tab.id, popup });
  try {
    await chrome.action.openPopup({ windowId: tab.windowId });
  } catch (e) {
    // Cannot open it from here: leave it set, so the next click opens the popup the usual way.
    await chrome.action.setPopup({ tabId: tab.id, popup: 'popup.html' });
    throw e;
  }
  await chrome.action.setPopup({ tabId: tab.id, popup: '' });
}

chrome.action.onClicked.addListener((tab) => {
  if (!Number.isInteger(tab?.id) || tab.id < 0) return;
  const result = serial(tab.id, () => scan(tab.id, { click: true }));
  clicked.set(tab.id, { at: Date.now(), result });
  result.then((r) => {
    lastClick = { tabId: tab.id, ok: r.ok, code: r.code, detail: r.detail, url: r.url };
    if (!r.ok) setBadge(tab.id, '!');
  }, (e) => { lastClick = { tabId: tab.id, ok: false, message: String(e?.message || e) }; });
  Promise.race([result, new Promise((ok) => setTimeout(ok, POPUP_WAIT_MS))])
    .then(() => openPopupFor(tab))
    .catch((e) => console.warn('IOC Lens: could not open the popup:', e?.message || e));
});

// ---- context menu: extract from a selection -----------------------------------------------------

function setupMenu() {
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({ id: MENU_ID, title: 'Extract IOCs from selection', contexts: ['selection'] });
  });
}
chrome.runtime.onInstalled.addListener(setupMenu);
chrome.runtime.onStartup?.addListener(setupMenu);

/** Extracts from `text`, stores the result for the results page, opens it; returns the key. */
async function showSelection(text, source, title) {
  const eng = await engine();
  const matches = eng.ex.extract(text.slice(0, MAX_SELECTION));
  const id = `selection:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  // Keep the last few only: session storage is small and these are one-off views.
  const old = Object.keys(await chrome.storage.session.get(null)).filter((k) => k.startsWith('selection:')).sort();
  if (old.length >= 5) await chrome.storage.session.remove(old.slice(0, old.length - 4));
  await chrome.storage.session.set({ [id]: { matches, source: source || '', title: title || '', chars: text.length,
    partial: text.length > MAX_SELECTION ? 'size' : null, settingsError: eng.error } });
  const url = chrome.runtime.getURL(`popup.html?selection=${encodeURIComponent(id)}`);
  await chrome.windows.create({ url, type: 'popup', width: 480, height: 640 }).catch(() => chrome.tabs.create({ url }));
  return id;
}

async function onMenu(info, tab) {
  if (info.menuItemId !== MENU_ID) return;
  let text = info.selectionText || '';
  // selectionText loses line breaks; the frame's own selection keeps them (and table cells apart).
  if (tab && tab.id >= 0) {
    try {
      const [r] = await chrome.scripting.executeScript({ target: { tabId: tab.id, frameIds: [info.frameId || 0] },
        func: () => String(getSelection()) });
      if (typeof r?.result === 'string' && r.result.trim()) text = r.result;
    } catch { /* PDF viewer, other-origin frame: selectionText is all there is */ }
  }
  await showSelection(text, info.frameUrl || info.pageUrl || tab?.url, tab?.title);
}
chrome.contextMenus.onClicked.addListener((info, tab) => { onMenu(info, tab).catch((e) => console.error('IOC Lens:', e)); });

// ---- keyboard shortcut: scan without opening the popup ------------------------------------------

chrome.commands.onCommand.addListener(async (command, tab) => {
  if (command !== 'scan-page') return;
  const id = tab?.id ?? (await chrome.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id === undefined) return;
  const result = await serial(id, () => scan(id, { click: true }));
  if (result.ok) broadcast(result);
  else await setBadge(id, '!');
});

// ---- messages -----------------------------------------------------------------------------------

/** The popup's own timestamps (when it opened, when it asked), kept with the scan for the benchmark. */
function timesOf(t) {
  if (!t || typeof t !== 'object') return null;
  const out = {};
  for (const k of ['opened', 'loaded', 'asked']) if (Number.isFinite(t[k])) out[k] = Math.round(t[k]);
  return out;
}

async function handle(msg, kind, sender) {
  if (kind === 'content') {
    // A content script lives in a hostile page: it may only ask for a re-scan of its own tab.
    autoRescan(sender.tab.id).catch(() => {});
    return { ok: true };
  }
  switch (msg.type) {
    case 'scan':
      // The popup a toolbar click opened takes the scan that click started.
      return (msg.clicked === true && takeClicked(msg.tabId)) || serial(msg.tabId, () => scan(msg.tabId, { asked: timesOf(msg.times) }));
    case 'clear': return serial(msg.tabId, () => clearTab(msg.tabId));
    case 'flash':
      try {
        return await run(msg.tabId, (t, v) => (Object.hasOwn(globalThis, '__ioclens') ? globalThis.__ioclens.flash(t, v) : { found: 0 }),
          [msg.itemType, msg.value]);
      } catch (e) {
        return { found: 0, error: explainError(e).message };
      }
    case 'validate-settings': {
      await ready;
      const s = normalizeSettings(msg.settings);
      try { new core.IocExtractor(extractorOptions(s)).free(); return { ok: true, settings: s }; } catch (e) { return { ok: false, error: String(e.message || e) }; }
    }
    case 'type-names': await ready; return { ok: true, types: core.typeNames() };
    default: return { ok: false, error: 'unknown message' };
  }
}

chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  const kind = senderKind(sender, chrome.runtime.id, EXT_BASE);
  if (!kind || !acceptable(msg, kind)) return false;
  handle(msg, kind, sender).then(reply, (e) => reply({ ok: false, error: String(e?.message || e) }));
  return true;
});

// For debugging from the service worker console, and for the e2e tests (the service worker's
// global is reachable only by the extension's own code and the browser's devtools).
globalThis.ioclens = { scan, clearTab, showSelection, onMenu, engine, lastClick: () => lastClick };
