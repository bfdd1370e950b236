// Popup (also opened as a tab: popup.html?tabId=N, and as the results page of the context menu:
// popup.html?selection=KEY). Asks the background to scan the tab (the toolbar click granted
// activeTab), lists the IOCs grouped by type, and copies/exports them. Exports and defanging are
// the core's (wasm loaded here too; it never runs in the page). Page-derived text is rendered with
// textContent and DOM nodes only.
import './lib/display.js';
import init, * as core from './pkg/ioclens.js';
import { groupMatches, filterGroups, counts, matchesOf, copyText } from './lib/group.js';
import { SETTINGS_KEY, normalizeSettings, EXPORT_LABELS, exportDownload } from './lib/settings.js';

const { displayParts, hasInvisible, hasNonAscii, colorFor } = globalThis.IocLensDisplay;
const $ = (id) => document.getElementById(id);
const PER_GROUP = 200; // items rendered per group before a "show all" button
const EXT_BASE = chrome.runtime.getURL('');

const params = new URLSearchParams(location.search);
const st = {
  mode: params.has('selection') ? 'selection' : 'tab',
  tabId: null,
  settings: normalizeSettings(null),
  result: null, // {matches, url, title, partial, stats, settingsError}
  groups: [],
  expanded: new Set(),
};
let wasm = null;
const coreReady = () => (wasm ??= init({ module_or_path: new URL('./pkg/ioclens_bg.wasm', import.meta.url) }).then(() => core));

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k === 'class') e.className = v;
    else e[k] = v;
  }
  e.append(...children);
  return e;
}

/** A value with invisible/bidi/control characters shown as visible `\uXXXX` badges. */
function shown(s) {
  const frag = document.createDocumentFragment();
  for (const p of displayParts(s)) frag.append(p.escaped ? el('span', { class: 'esc', textContent: p.text }) : p.text);
  return frag;
}

const setStatus = (text) => { $('status').textContent = text; };

function notice(text, kind = 'warn') {
  $('notices').append(el('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'note', textContent: text }));
}

function explainPartial(p, stats) {
  const out = [];
  if (p?.text === 'size') out.push(`Partial result: only the first ${(stats?.chars ?? 0).toLocaleString('en')} characters of the page were read (size limit).`);
  if (p?.text === 'time') out.push('Partial result: the page is too large to scan in time; only its first part was scanned.');
  if (p?.highlight === 'marks') out.push('Partial highlighting: too many IOCs to highlight them all; the list below is complete for the text read.');
  if (p?.highlight === 'time') out.push('Partial highlighting: highlighting took too long and stopped; the list below is complete for the text read.');
  return out;
}

function itemNode(it) {
  const cls = ['item'];
  if (it.visibility === 'dim') cls.push('dim');
  if (it.visibility === 'hide') cls.push('hidden-item');
  const value = el('button', { type: 'button', class: 'value', title: st.mode === 'tab' ? 'Show on the page' : '' }, shown(it.value));
  value.disabled = st.mode !== 'tab';
  value.addEventListener('click', () => flash(it));
  const meta = el('span', { class: 'meta' });
  if (it.count > 1) meta.append(`×${it.count}`);
  for (const f of it.flags) meta.append(el('span', { class: 'tag', textContent: f }));
  if (hasInvisible(it.value) || it.raws.some(hasInvisible)) meta.append(el('span', { class: 'tag warn', textContent: 'hidden chars' }));
  if (hasNonAscii(it.value)) meta.append(el('span', { class: 'tag warn', textContent: 'non-ASCII' }));
  const copy = el('button', { type: 'button', class: 'copy', textContent: 'Copy', title: 'Copy this value' });
  copy.addEventListener('click', () => copyItems([it]));
  const li = el('li', { class: cls.join(' '), dataset: { type: it.type, value: it.value } }, value, meta, copy);
  if (it.raws.length) {
    const raw = el('div', { class: 'raw' }, 'as written: ');
    it.raws.forEach((r, i) => raw.append(i ? ', ' : '', el('code', {}, shown(r))));
    li.append(raw);
  }
  return li;
}

function visibleGroups() {
  return filterGroups(st.groups, $('filter').value, { showHidden: $('show-hidden').checked });
}

function render() {
  const groups = visibleGroups();
  const c = counts(st.groups);
  $('hidden-count').textContent = String(c.hidden);
  const where = st.mode === 'selection' ? ' in the selection' : '';
  setStatus(`${c.unique} IOC${c.unique === 1 ? '' : 's'}${where} (${c.occurrences} occurrence${c.occurrences === 1 ? '' : 's'})`);
  const out = [];
  for (const g of groups) {
    const ul = el('ul');
    const all = st.expanded.has(g.type);
    for (const it of all ? g.items : g.items.slice(0, PER_GROUP)) ul.append(itemNode(it));
    const sec = el('section', { dataset: { type: g.type } },
      el('h2', {}, el('span', { class: 'swatch', style: `background:${colorFor(g.type)}` }), g.type,
        el('span', { class: 'count', textContent: `(${g.items.length})` })), ul);
    if (!all && g.items.length > PER_GROUP) {
      const more = el('button', { type: 'button', class: 'link more', textContent: `Show all ${g.items.length}` });
      more.addEventListener('click', () => { st.expanded.add(g.type); render(); });
      sec.append(more);
    }
    out.push(sec);
  }
  if (!out.length) out.push(el('p', { class: 'empty', textContent: st.groups.length ? 'Nothing matches the filter.' : 'No IOCs found.' }));
  $('results').replaceChildren(...out);
}

function show(result) {
  st.result = result;
  st.groups = groupMatches(result.matches, st.settings);
  $('notices').replaceChildren();
  if (result.settingsError) notice(result.settingsError, 'error');
  for (const p of explainPartial(result.partial, result.stats)) notice(p);
  render();
}

function showError(message, detail) {
  st.result = null;
  st.groups = [];
  setStatus('Cannot read this page');
  $('notices').replaceChildren();
  notice(message, 'error');
  if (detail) $('notices').lastChild.title = detail;
  $('results').replaceChildren();
  for (const id of ['rescan', 'unhighlight', 'copy-all', 'export', 'filter']) $(id).disabled = true;
}

async function scan(early = null) {
  setStatus('Scanning…');
  const res = early ?? await chrome.runtime.sendMessage({ type: 'scan', tabId: st.tabId });
  if (!res) throw new Error('no answer from the background');
  if (!res.ok) { showError(res.message || res.error || 'This page cannot be read.', res.detail); return; }
  show(res);
}

async function flash(it) {
  if (st.mode !== 'tab') return;
  const r = await chrome.runtime.sendMessage({ type: 'flash', tabId: st.tabId, itemType: it.type, value: it.value });
  setStatus(r?.found ? `Showing ${r.index + 1} of ${r.found} on the page` : 'Not highlighted on the page');
}

async function copyItems(items) {
  try {
    const defang = $('copy-mode').value === 'defanged' ? (await coreReady()).defang : null;
    if ($('copy-mode').value === 'defanged' && typeof defang !== 'function') throw new Error('this build has no defang()');
    await navigator.clipboard.writeText(copyText(items, defang));
    setStatus(`Copied ${items.length} value${items.length === 1 ? '' : 's'}${defang ? ' (defanged)' : ''}`);
  } catch (e) {
    setStatus(`Copy failed: ${e.message}`);
  }
}

async function exportFile() {
  const format = $('export-format').value;
  try {
    const c = await coreReady();
    if (typeof c.exportMatches !== 'function') throw new Error('this build has no exportMatches()');
    const items = visibleGroups().flatMap((g) => g.items);
    const text = c.exportMatches(matchesOf(items, st.result.matches), format, {
      source: st.result.url || st.result.source || '',
      timestamp: new Date().toISOString(),
      includeAllowlisted: true, // what is listed is what gets exported: the list already applied the settings
      defanged: false,
      dedupe: true,
    });
    // File extension and media type: the core's table, as for the web page and the CLI.
    const file = exportDownload(format, c.exportFormats(), st.result.url || st.result.source, new Date());
    const url = URL.createObjectURL(new Blob([text], { type: file.type }));
    const a = el('a', { href: url, download: file.name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setStatus(`Exported ${items.length} IOC${items.length === 1 ? '' : 's'} as ${EXPORT_LABELS[format] || format}`);
  } catch (e) {
    setStatus(`Export failed: ${e.message}`);
  }
}

function wire() {
  for (const [f, label] of Object.entries(EXPORT_LABELS)) $('export-format').append(el('option', { value: f, textContent: label }));
  $('export-format').value = st.settings.exportFormat;
  $('filter').addEventListener('input', render);
  $('show-hidden').addEventListener('change', render);
  $('copy-all').addEventListener('click', () => copyItems(visibleGroups().flatMap((g) => g.items)));
  $('export').addEventListener('click', exportFile);
  $('open-options').addEventListener('click', () => chrome.runtime.openOptionsPage());
  $('rescan').addEventListener('click', () => scan().catch((e) => showError(e.message)));
  $('unhighlight').addEventListener('click', async () => {
    const r = await chrome.runtime.sendMessage({ type: 'clear', tabId: st.tabId });
    setStatus(r?.error ? `Could not remove highlights: ${r.error}` : 'Highlights removed');
  });
  // Results of automatic re-scans and the keyboard shortcut, from the background only.
  chrome.runtime.onMessage.addListener((msg, sender) => {
    if (sender.id !== chrome.runtime.id || !String(sender.url || '').startsWith(EXT_BASE)) return;
    if (msg?.type === 'scan-result' && msg.tabId === st.tabId && msg.result?.ok) show(msg.result);
  });
}

async function main() {
  if (params.has('tabId') || params.has('selection')) document.body.classList.add('tab');
  st.settings = normalizeSettings((await chrome.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  wire();
  if (st.mode === 'selection') {
    $('page-actions').hidden = true;
    const key = params.get('selection');
    const saved = key.startsWith('selection:') ? (await chrome.storage.session.get(key))[key] : null;
    if (!saved) { showError('These selection results are no longer available (they are kept for this browser session only).'); return; }
    document.title = `IOC Lens: selection${saved.title ? ` from ${saved.title}` : ''}`;
    show({ ...saved, url: saved.source, partial: { text: saved.partial }, stats: { chars: saved.chars } });
  } else {
    // popup-start.js asked for the scan already (before this module loaded).
    const early = await globalThis.IocLensEarlyScan;
    st.tabId = early.tabId;
    await scan(early.res);
  }
  coreReady().catch(() => {}); // warm up for copy/export
}

main().catch((e) => showError(`This page cannot be read: ${e.message}`));
