// Options page: edits the settings in storage.local. The background checks them with the core
// (building an extractor) before they are saved, and rebuilds its extractor when they change.
import { SETTINGS_KEY, DEFAULTS, EXPORT_LABELS, normalizeSettings, warninglistName } from './lib/settings.js';

const $ = (id) => document.getElementById(id);
let typeInfo = []; // [{name, default}] from the core
let warninglists = [];

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

function renderTypes(selected) {
  $('types').replaceChildren(...typeInfo.map((t) => {
    const box = el('input', { type: 'checkbox', value: t.name, checked: selected ? selected.includes(t.name) : t.default });
    return el('label', {}, box, ` ${t.name}`);
  }));
}

function renderWarninglists() {
  $('warninglists').replaceChildren(...warninglists.map((w, i) => {
    const rm = el('button', { type: 'button', textContent: 'Remove' });
    rm.addEventListener('click', () => { warninglists.splice(i, 1); renderWarninglists(); });
    return el('li', {}, el('span', { textContent: `${w.name} (${Math.round(w.json.length / 1024)} KB)` }), rm);
  }));
}

function customRow(c = { name: '', pattern: '', priority: 1 }) {
  const rm = el('button', { type: 'button', textContent: 'Remove' });
  const tr = el('tr', {},
    el('td', {}, el('input', { className: 'name', value: c.name, placeholder: 'ticket', ariaLabel: 'Name' })),
    el('td', {}, el('input', { className: 'pattern', value: c.pattern, placeholder: 'TICKET-[0-9]+', spellcheck: false })),
    el('td', {}, el('input', { className: 'priority', type: 'number', value: String(c.priority), step: '1' })),
    el('td', {}, rm));
  rm.addEventListener('click', () => tr.remove());
  return tr;
}

function fill(s) {
  renderTypes(s.types);
  $('allowlist').value = s.allowlist;
  warninglists = s.warninglists.map((w) => ({ ...w }));
  renderWarninglists();
  $('custom').tBodies[0].replaceChildren(...s.custom.map(customRow));
  $('allowlisted').value = s.allowlisted;
  $('private').value = s.private;
  $('highlight').checked = s.highlight;
  $('autoRescan').checked = s.autoRescan;
  $('exportFormat').value = s.exportFormat;
}

function gather() {
  const checked = [...$('types').querySelectorAll('input:checked')].map((b) => b.value);
  const defaults = typeInfo.filter((t) => t.default).map((t) => t.name);
  const isDefault = checked.length === defaults.length && defaults.every((t) => checked.includes(t));
  return {
    types: isDefault ? null : checked,
    allowlist: $('allowlist').value,
    warninglists,
    custom: [...$('custom').tBodies[0].rows].map((tr) => ({
      name: tr.querySelector('.name').value.trim(),
      pattern: tr.querySelector('.pattern').value,
      priority: Number.parseInt(tr.querySelector('.priority').value, 10) || 0,
    })).filter((c) => c.name || c.pattern),
    allowlisted: $('allowlisted').value,
    private: $('private').value,
    highlight: $('highlight').checked,
    autoRescan: $('autoRescan').checked,
    exportFormat: $('exportFormat').value,
  };
}

function problems(raw) {
  const out = [];
  if (Array.isArray(raw.types) && !raw.types.length) out.push('Choose at least one type.');
  for (const c of raw.custom) {
    if (!/^[a-z][a-z0-9_-]{0,31}$/.test(c.name)) out.push(`Custom pattern name “${c.name}”: use lowercase letters, digits, - and _ (up to 32, starting with a letter).`);
    if (!c.pattern) out.push(`Custom pattern “${c.name}” has no pattern.`);
  }
  return out;
}

async function save(ev) {
  ev.preventDefault();
  $('saved').textContent = '';
  $('errors').textContent = '';
  const raw = gather();
  const local = problems(raw);
  if (local.length) { $('errors').textContent = local.join('\n'); return; }
  // The core is the judge of regexes, CIDRs and warninglists: the background builds an extractor.
  const res = await chrome.runtime.sendMessage({ type: 'validate-settings', settings: raw });
  if (!res?.ok) { $('errors').textContent = `Not saved: ${res?.error || 'no answer from the background'}`; return; }
  await chrome.storage.local.set({ [SETTINGS_KEY]: res.settings });
  $('saved').textContent = 'Saved.';
}

async function importWarninglist() {
  const file = $('warninglist-file').files[0];
  $('errors').textContent = '';
  if (!file) return;
  try {
    if (file.size > 5_000_000) throw new Error('file larger than 5 MB');
    const json = await file.text();
    warninglists.push({ name: warninglistName(json, file.name), json });
    renderWarninglists();
    $('saved').textContent = 'Imported; press Save to use it.';
  } catch (e) {
    $('errors').textContent = `${file.name}: ${e.message}`;
  } finally {
    $('warninglist-file').value = '';
  }
}

async function main() {
  for (const [f, label] of Object.entries(EXPORT_LABELS)) $('exportFormat').append(el('option', { value: f, textContent: label }));
  const res = await chrome.runtime.sendMessage({ type: 'type-names' });
  // A background whose wasm failed (e.g. blocked by a CSP) answers {ok: false, error}: say so
  // instead of showing an empty type list that would save "no types".
  if (!res?.ok) throw new Error(res?.error || 'no answer from the background');
  typeInfo = res.types;
  fill(normalizeSettings((await chrome.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]));
  $('form').addEventListener('submit', save);
  $('reset').addEventListener('click', () => fill(normalizeSettings({ ...DEFAULTS })));
  $('custom-add').addEventListener('click', () => $('custom').tBodies[0].append(customRow()));
  $('warninglist-file').addEventListener('change', importWarninglist);
  $('types-default').addEventListener('click', () => renderTypes(null));
  $('types-all').addEventListener('click', () => renderTypes(typeInfo.map((t) => t.name)));
  $('types-none').addEventListener('click', () => renderTypes([]));
  document.body.dataset.ready = '1';
}

main().catch((e) => { $('errors').textContent = `Could not load the options: ${e.message}`; });
