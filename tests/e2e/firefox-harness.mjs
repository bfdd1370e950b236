// Firefox e2e harness: stock Debian firefox-esr driven over WebDriver BiDi (no patched browser,
// no Playwright Firefox build), with dist/firefox installed as a temporary add-on through
// `webExtension.install`. A minimal BiDi client over `ws`: commands, events, and evaluation in
// content tabs, extension pages (moz-extension://) and, for what only the browser UI can do (the
// toolbar button, shortcuts, menus, the popup), the browser's own chrome window
// (`--remote-allow-system-access`).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
/** The unpacked Firefox build (`IOCLENS_FIREFOX_EXT` overrides, e.g. to compare builds). */
export const FF_EXT = process.env.IOCLENS_FIREFOX_EXT || join(ROOT, 'dist/firefox');
export const GECKO_ID = JSON.parse(readFileSync(join(ROOT, 'extension/manifest.json'), 'utf8'))
  .browser_specific_settings.gecko.id;
/** Pinned moz-extension UUID (pref `extensions.webextensions.uuids`), so page URLs are known up front. */
export const FF_UUID = '6b0e3b9c-1f57-4d3a-9a57-0c10c5e0a7e1';
export const FF_BASE = `moz-extension://${FF_UUID}/`;

/** Why the Firefox tests cannot run here, or null. Only a missing browser is a reason to skip. */
export function firefoxMissing() {
  return existsSync(FIREFOX) ? null : `${FIREFOX} not installed (scripts/setup.sh installs firefox-esr with apt)`;
}

// Profile prefs: no first-run pages, no network chatter (the machine is offline apart from the
// package registries), and the pinned extension UUID. The remote agent adds its own recommended
// automation prefs on top.
const PREFS = {
  'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FF_UUID }),
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.normandy.enabled': false,
  'app.update.disabledForTesting': true,
  'messaging-system.rsexperimentloader.enabled': false,
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'extensions.getAddons.cache.enabled': false,
  'extensions.update.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.startup.page': 0,
};

function userJs(prefs) {
  return Object.entries(prefs).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n') + '\n';
}

/** A WebDriver BiDi connection: `send(method, params)`, `on(event, fn)`, `next(event, pred)`. */
class Bidi {
  constructor(ws) {
    this.ws = ws;
    this.id = 0;
    this.pending = new Map();
    this.handlers = new Map();
    ws.on('message', (data) => {
      const m = JSON.parse(data);
      if (m.id !== undefined && this.pending.has(m.id)) {
        const { ok, fail, method } = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.type === 'error') fail(new Error(`${method}: ${m.error}: ${m.message}`));
        else ok(m.result);
      } else if (m.type === 'event') {
        for (const fn of this.handlers.get(m.method) || []) fn(m.params);
      }
    });
    ws.on('close', () => {
      for (const { fail, method } of this.pending.values()) fail(new Error(`${method}: connection closed`));
      this.pending.clear();
    });
  }

  send(method, params = {}) {
    const id = ++this.id;
    return new Promise((ok, fail) => {
      this.pending.set(id, { ok, fail, method });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  on(event, fn) {
    if (!this.handlers.has(event)) this.handlers.set(event, []);
    this.handlers.get(event).push(fn);
  }

  off(event, fn) {
    this.handlers.set(event, (this.handlers.get(event) || []).filter((f) => f !== fn));
  }

  /** The params of the next `event` for which `pred` holds (subscribe to it first). */
  next(event, pred = () => true) {
    return new Promise((ok) => {
      const fn = (params) => { if (pred(params)) { this.off(event, fn); ok(params); } };
      this.on(event, fn);
    });
  }
}

/** Starts headless Firefox on a fresh profile; resolves with `{bidi, close}` once a BiDi session is up. */
export async function launchFirefox({ prefs = {} } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'ioclens-ff-'));
  writeFileSync(join(profile, 'user.js'), userJs({ ...PREFS, ...prefs }));
  // --remote-allow-system-access: BiDi may also evaluate in the browser window itself (the toolbar
  // button and keyboard shortcuts live there, not in any page).
  const proc = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', '0',
    '--remote-allow-system-access', 'about:blank'],
  { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' } });
  let log = '';
  const exited = new Promise((ok) => proc.once('exit', ok));
  // A start that fails half way must not leave Firefox running (its pipes would keep the test
  // process, and so `make test`, alive) nor its profile behind.
  const abandon = (e) => { proc.kill('SIGKILL'); rmSync(profile, { recursive: true, force: true }); throw e; };
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`Firefox did not start its BiDi server within 30 s:\n${log}`)), 30_000);
    let buf = '';
    const onData = (d) => {
      log += d;
      buf += d;
      // Whole lines only: the address may arrive split across chunks.
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        if (m) { clearTimeout(timer); ok(m[1]); }
      }
    };
    proc.stderr.on('data', onData);
    proc.stdout.on('data', onData);
    exited.then((code) => { clearTimeout(timer); fail(new Error(`Firefox exited (${code}) before BiDi was up:\n${log}`)); });
  }).catch(abandon);
  const ws = new WebSocket(`${url}/session`);
  const bidi = await new Promise((ok, fail) => { ws.once('open', ok); ws.once('error', fail); })
    .then(() => new Bidi(ws))
    .catch((e) => { ws.terminate(); return abandon(e); });
  await bidi.send('session.new', { capabilities: { alwaysMatch: { webSocketUrl: true } } })
    .catch((e) => { ws.terminate(); return abandon(e); });
  const close = async () => {
    await Promise.race([bidi.send('browser.close').catch(() => {}), sleep(5000)]);
    ws.close();
    await Promise.race([exited, sleep(5000)]);
    if (proc.exitCode === null && proc.signalCode === null) { proc.kill('SIGKILL'); await exited; }
    rmSync(profile, { recursive: true, force: true });
  };
  return { bidi, close, log: () => log };
}

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Polls `fn` until it returns a truthy value; throws `what` (with the last value) after `timeout` ms. */
export async function until(fn, what, timeout = 15_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`${what} (last: ${JSON.stringify(last)})`);
    await sleep(50);
  }
}

/**
 * Calls `fn(...args)` in a BiDi browsing context (a tab, an extension page, or the chrome window)
 * and returns its JSON-serialisable result. `fn` is sent as source: it cannot close over anything.
 */
export async function callIn(bidi, context, fn, ...args) {
  const r = await bidi.send('script.callFunction', {
    functionDeclaration: `async (json) => JSON.stringify((await (${fn})(...JSON.parse(json))) ?? null)`,
    arguments: [{ type: 'string', value: JSON.stringify(args) }],
    target: { context },
    awaitPromise: true,
  });
  if (r.type === 'exception') {
    throw new Error(`evaluation failed: ${r.exceptionDetails.text}\n${fn.toString().slice(0, 300)}`);
  }
  return JSON.parse(r.result.value);
}

// ---- code run in the browser window (chrome scope) ------------------------------------------------
// These functions are sent as source to the chrome window, where `window`, `gBrowser`, `Services`,
// `ChromeUtils`, `Cc`, `Ci` are the browser's own.

/** The add-on as Firefox sees it: uuid, background state, granted permissions and origins. */
function chromeAddonState(id) {
  const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
  const ext = ExtensionParent.GlobalManager.getExtension(id);
  if (!ext) return null;
  return { id: ext.id, uuid: ext.uuid, manifestVersion: ext.manifestVersion, temporary: ext.temporarilyInstalled,
    background: ext.backgroundState, permissions: [...ext.permissions].sort(), origins: [...ext.allowedOrigins.patterns].map((p) => p.pattern) };
}

/**
 * A real mouse click (the remote agent's own event synthesis, as for page clicks) on a browser-UI
 * element: `'extensions'` is the toolbar's Extensions button, `'action'` the add-on's entry in the
 * Extensions panel (where Firefox puts an MV3 action until the user pins it). The rect, or null
 * when the element is not there (yet).
 */
async function chromeClickUi(id, what) {
  const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
  const { event } = ChromeUtils.importESModule('chrome://remote/content/shared/webdriver/Event.sys.mjs');
  let el;
  if (what === 'extensions') {
    el = document.getElementById('unified-extensions-button');
  } else {
    if (document.getElementById('unified-extensions-panel')?.state !== 'open') return null;
    const widget = ExtensionParent.apiManager.global.browserActionFor(ExtensionParent.GlobalManager.getExtension(id)).widget;
    el = widget.forWindow(window).node?.querySelector('.unified-extensions-item-action-button');
  }
  const r = el?.getBoundingClientRect();
  if (!r?.width) return null;
  await event.synthesizeMouseAtPoint(r.left + r.width / 2, r.top + r.height / 2, {}, window);
  return { x: r.left, y: r.top, width: r.width, height: r.height };
}

/** A tab as the extension sees it (the selected one when `tabId` is null): id, URL, badge text. */
function chromeTabInfo(id, tabId) {
  const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
  const g = ExtensionParent.apiManager.global;
  const tab = tabId === null ? gBrowser.selectedTab : g.tabTracker.getTab(tabId);
  const action = g.browserActionFor(ExtensionParent.GlobalManager.getExtension(id)).action;
  return { tabId: g.tabTracker.getId(tab), url: tab.linkedBrowser.currentURI.spec, badge: action.getProperty(tab, 'badgeText') };
}

/**
 * A real key press in the browser window (through the widget's input path, so the browser's own
 * key handling, and with it the extension's registered shortcuts, sees it). `key` is one letter.
 */
function chromePressKeys(mods, key) {
  const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
  if (!tip.beginInputTransactionForTests(window)) throw new Error('no input transaction');
  const MOD = { Alt: ['AltLeft', 18], Shift: ['ShiftLeft', 16], Control: ['ControlLeft', 17] };
  const ev = (k, code, keyCode) => new window.KeyboardEvent('', { key: k, code, keyCode });
  for (const m of mods) tip.keydown(ev(m, ...MOD[m]));
  const k = ev(key, `Key${key.toUpperCase()}`, key.toUpperCase().charCodeAt(0));
  tip.keydown(k);
  tip.keyup(k);
  for (const m of [...mods].reverse()) tip.keyup(ev(m, ...MOD[m]));
  return true;
}

/**
 * The open toolbar popup's state, read inside its (out-of-process) document by a one-off frame
 * script: `{url, status, items}`, or null when no popup is open.
 */
async function chromeReadPopup(name) {
  const b = [...document.querySelectorAll('browser.webextension-popup-browser')].find((x) => x.isConnected && x.currentURI?.spec.startsWith('moz-extension:'));
  if (!b) return null;
  const src = `sendAsyncMessage(${JSON.stringify(name)}, { url: content.location.href,
    status: content.document.getElementById('status')?.textContent ?? null,
    notices: content.document.getElementById('notices')?.textContent ?? null,
    items: [...content.document.querySelectorAll('li.item')].map((li) => li.dataset.type + ' ' + li.dataset.value) });`;
  return new Promise((ok) => {
    const mm = b.messageManager;
    const timer = setTimeout(() => ok(null), 3000);
    const listener = (m) => { clearTimeout(timer); mm.removeMessageListener(name, listener); ok(m.data); };
    mm.addMessageListener(name, listener);
    mm.loadFrameScript(`data:,${encodeURIComponent(src)}`, false);
  });
}

/** Activates the open page context menu's item labelled `label` (as a click would); its label, or null. */
function chromePickMenuItem(label) {
  const menu = document.getElementById('contentAreaContextMenu');
  if (menu.state !== 'open') return null;
  const item = [...menu.querySelectorAll('menuitem')].find((m) => !m.hidden && m.label === label);
  if (!item) return null;
  menu.activateItem(item);
  return item.label;
}

/** Closes the toolbar popup if one is open. */
function chromeClosePopup() {
  const b = document.querySelector('browser.webextension-popup-browser');
  const panel = b?.closest('panel');
  if (panel && panel.state !== 'closed') panel.hidePopup();
  return Boolean(panel);
}

/**
 * Errors logged so far (uncaught exceptions, unhandled rejections, CSP reports) whose source is
 * `base` (the extension's pages, background and content scripts).
 */
function chromeErrorsFrom(base) {
  return Services.console.getMessageArray()
    .filter((m) => m instanceof Ci.nsIScriptError && !(m.flags & Ci.nsIScriptError.warningFlag) && String(m.sourceName).startsWith(base))
    .map((m) => `${m.errorMessage} @${m.sourceName}:${m.lineNumber}`);
}

/**
 * Firefox with dist/firefox installed as a temporary add-on. Returns helpers over one browser:
 * `tab(url)`, `closeTabs()`, `call(ctx, fn, ...args)`, `chrome(fn, ...args)`, `clickToolbar(ctx)`,
 * `clickOn(ctx, selector)`, `pressShortcut(ctx, mods, key)`, `tabInfo(tabId)`, `pickMenuItem(label)`,
 * `realPopup()`, `waitForRealPopup()`, `closePopup()`, `addon()`, `errors()`, `close()`.
 */
export async function launchFirefoxWithExtension(ext = FF_EXT) {
  if (!existsSync(join(ext, 'manifest.json'))) throw new Error(`${ext} missing: run make extension`);
  const ff = await launchFirefox();
  const { bidi } = ff;
  try {
    const installed = await bidi.send('webExtension.install', { extensionData: { type: 'path', path: ext } });
    const chromeCtx = (await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).contexts
      .find((c) => c.url === 'chrome://browser/content/browser.xhtml')?.context;
    if (!chromeCtx) throw new Error('no browser window in chrome scope (--remote-allow-system-access not honoured?)');
    let probe = 0;
    const opened = new Set();
    const call = (context, fn, ...args) => callIn(bidi, context, fn, ...args);
    const chrome = (fn, ...args) => call(chromeCtx, fn, ...args);
    const h = {
      bidi, installed,
      call, chrome,
      /** A new tab (or `reuse`, an existing one) navigated to `url`, loaded. */
      async tab(url, reuse = null) {
        const context = reuse ?? (await bidi.send('browsingContext.create', { type: 'tab' })).context;
        opened.add(context);
        await bidi.send('browsingContext.navigate', { context, url, wait: 'complete' });
        return context;
      },
      async closeTab(context) { opened.delete(context); await bidi.send('browsingContext.close', { context }).catch(() => {}); },
      /** Closes every tab `tab()` opened. */
      async closeTabs() { for (const c of [...opened]) await h.closeTab(c); },
      /** Registers a context opened by the extension (a window) for closeTabs(). */
      track(context) { opened.add(context); },
      addon: (id = GECKO_ID) => chrome(chromeAddonState, id),
      /**
       * Selects the tab and clicks the add-on's toolbar entry as a user does (Extensions button,
       * then IOC Lens in the panel: grants activeTab, opens the popup); returns the tab's id.
       */
      async clickToolbar(context) {
        await bidi.send('browsingContext.activate', { context });
        if (!(await chrome(chromeClickUi, GECKO_ID, 'extensions'))) throw new Error('no Extensions button');
        await until(() => chrome(chromeClickUi, GECKO_ID, 'action'), 'IOC Lens never appeared in the Extensions panel', 5000);
        return (await h.tabInfo()).tabId;
      },
      /** A real left click (BiDi pointer input) in the middle of the first element matching `selector`. */
      async clickOn(context, selector) {
        await bidi.send('browsingContext.activate', { context });
        const at = await call(context, (sel) => {
          const el = document.querySelector(sel);
          if (!el) return null;
          el.scrollIntoView({ block: 'center' });
          const r = el.getClientRects()[0];
          return { x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2) };
        }, selector);
        if (!at) throw new Error(`nothing matches ${selector}`);
        await bidi.send('input.performActions', { context, actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
          actions: [{ type: 'pointerMove', x: at.x, y: at.y }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }] });
      },
      async pressShortcut(context, mods, key) {
        await bidi.send('browsingContext.activate', { context });
        await chrome(chromePressKeys, mods, key);
      },
      /** `{tabId, url, badge}` of the extension's tab `tabId`, or of the selected tab. */
      tabInfo: (tabId = null) => chrome(chromeTabInfo, GECKO_ID, tabId),
      /** Picks `label` in the open page context menu; its label, or null while the menu is not open. */
      pickMenuItem: (label) => chrome(chromePickMenuItem, label),
      realPopup: () => chrome(chromeReadPopup, `ioclens-probe-${++probe}`),
      /** Waits until the open toolbar popup shows a result (its status is no longer "Scanning…"). */
      waitForRealPopup: (timeout = 15_000) => until(async () => {
        const p = await h.realPopup();
        return p && p.status && !/Scanning/.test(p.status) ? p : null;
      }, 'the toolbar popup never showed a result', timeout),
      closePopup: () => chrome(chromeClosePopup),
      errors: (base = FF_BASE) => chrome(chromeErrorsFrom, base),
      close: ff.close,
      log: ff.log,
    };
    return h;
  } catch (e) {
    await ff.close();
    throw e;
  }
}

/** The [type value] set of every highlight in the document (and same-origin frames with `frames`). */
export function highlightedIn(frames = false) {
  const docs = [document];
  if (frames) for (const f of document.querySelectorAll('iframe')) if (f.contentDocument) docs.push(f.contentDocument);
  return docs.map((d) => [...new Set([...d.querySelectorAll('mark[data-ioclens-type]')]
    .map((m) => `${m.dataset.ioclensType} ${m.dataset.ioclensValue}`))].sort());
}
