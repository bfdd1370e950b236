// Paste-box page: wires the input (typing, paste, files), the extraction worker, the results
// table, the highlighted text, exports and options. Page text reaches the DOM only as text.
import { Extraction } from './client.js';
import { ACCEPT, fileToText } from './files.js';
import { htmlToText } from './html.js';
import { filterRows, nextSpan, sortRows, typeCounts, shown } from './model.js';
import { DEFAULTS, coreOptions, loadSettings, parseCustom, saveSettings } from './settings.js';
import { optionsForm } from './options-form.js';
import { focusRow, renderChips, renderRows } from './table.js';
import { TextView } from './view.js';
import { saveFile, copyText, setExportFormats } from './output.js';

// Beyond this many characters the input is not put in the <textarea>: Chromium needs ~20 s to lay
// out 50 MB in one (measured); the text is kept in memory and shown through the windowed view.
const LARGE = 500_000;
const PAGE = 500;
const $ = (id) => document.getElementById(id);
const el = {
  input: $('input'), file: $('file'), clear: $('clear'), drop: $('drop'), big: $('big'), bigText: $('big-text'),
  bigClear: $('big-clear'), message: $('message'), status: $('status'), progress: $('progress'),
  customError: $('custom-error'), chips: $('chips'), filter: $('filter'), format: $('format'),
  copy: $('copy'), download: $('download'), shownCount: $('shown-count'), tbody: document.querySelector('#results tbody'),
  more: $('more'), options: $('options-form'),
};

const S = {
  settings: loadSettings(),
  typeNames: [],
  text: '',
  source: '',
  large: false,
  rows: [],
  spans: new Uint32Array(0),
  lines: new Uint32Array(0),
  total: 0,
  ms: 0,
  typeFilter: new Set(),
  sort: { key: 'first', dir: 1 },
  limit: PAGE,
  ids: [],
  activeRow: -1,
  cursor: -1,
};
const view = new TextView($('view'), $('view-note'));
const ex = new Extraction(onProgress);
let timer = 0;

function say(text) { el.status.textContent = text; }
// aria-busy tells assistive technology (and the e2e tests) that results are being recomputed.
function busy(on) { $('results-area').setAttribute('aria-busy', String(on)); }
function warn(text) { el.message.textContent = text; el.message.hidden = !text; }

function onProgress(done, total) {
  el.progress.hidden = false;
  el.progress.value = done / total;
  say(`Extracting… ${Math.floor((100 * done) / total)}% of ${(total / 1e6).toFixed(1)} million characters`);
}

// ---- extraction ----------------------------------------------------------------------------

async function run() {
  clearTimeout(timer);
  busy(true);
  const { errors } = parseCustom(S.settings.custom);
  el.customError.hidden = !errors.length;
  el.customError.textContent = errors.length ? `Ignored: ${errors.join('; ')}` : '';
  const text = S.text;
  let res;
  try {
    res = await ex.extract(text, coreOptions(S.settings));
  } catch (e) {
    el.progress.hidden = true;
    say(`Not extracted: ${e.message}`);
    busy(false);
    return;
  }
  if (!res) return; // a newer run superseded this one
  el.progress.hidden = true;
  Object.assign(S, { rows: res.rows, spans: res.spans, lines: res.lines, total: res.total, ms: res.ms, cursor: -1, activeRow: -1, limit: PAGE });
  view.set(text, res.spans, res.rows);
  renderResults();
  const ms = res.ms < 10 ? res.ms.toFixed(1) : Math.round(res.ms);
  say(`${res.rows.length} IOCs in ${ms} ms${res.total !== res.rows.length ? ` (${res.total} occurrences)` : ''}`);
  busy(false);
}

function runSoon(delay = 150) {
  busy(true);
  clearTimeout(timer);
  timer = setTimeout(run, delay);
}

/** Replaces the input (a file, a big paste); big texts bypass the <textarea>. */
function setText(text, source) {
  S.text = text;
  S.source = source;
  S.large = text.length > LARGE;
  el.input.hidden = S.large;
  el.big.hidden = !S.large;
  if (S.large) {
    el.input.value = '';
    el.bigText.textContent = `${source || 'The pasted text'}: ${(text.length / 1e6).toFixed(1)} million characters, `
      + 'too long to edit here. Its IOCs are listed below and the text is shown next to them.';
  } else {
    el.input.value = text;
  }
  run();
}

function clearInput() {
  warn('');
  setText('', '');
  el.input.focus();
}

// ---- rendering -------------------------------------------------------------------------------

function renderResults() {
  const { settings, rows } = S;
  const counts = typeCounts(rows, settings.hideAllowlisted, S.typeNames.map((t) => t.name));
  for (const t of [...S.typeFilter]) if (!counts.some(([n]) => n === t)) S.typeFilter.delete(t);
  renderChips(el.chips, counts, S.typeFilter, counts.reduce((a, [, n]) => a + n, 0));
  renderTable();
}

function renderTable() {
  const ids = filterRows(S.rows, { types: S.typeFilter, text: el.filter.value, hideAllowlisted: S.settings.hideAllowlisted });
  S.ids = sortRows(ids, S.rows, S.sort.key, S.sort.dir);
  const hadFocus = el.tbody.contains(document.activeElement);
  const active = renderRows(el.tbody, S.rows, S.ids, S.limit, S.settings.display, S.lines, S.activeRow);
  if (hadFocus && active) active.focus();
  markCurrentRow();
  el.shownCount.textContent = String(S.ids.length);
  el.more.hidden = S.ids.length <= S.limit;
  el.more.textContent = `Show ${Math.min(PAGE, S.ids.length - S.limit)} more (${S.ids.length - S.limit} not shown)`;
  for (const th of document.querySelectorAll('#results th[aria-sort]')) {
    const key = th.querySelector('button').dataset.sort;
    th.setAttribute('aria-sort', key !== S.sort.key ? 'none' : S.sort.dir > 0 ? 'ascending' : 'descending');
  }
}

/** Shows row `i`'s next occurrence in the text view. */
function jump(i) {
  const from = S.cursor >= 0 && S.spans[3 * S.cursor + 2] === i ? S.cursor : -1;
  const k = nextSpan(S.spans, i, from);
  if (k < 0) return;
  S.cursor = k;
  S.activeRow = i;
  view.show(k);
  markCurrentRow();
}

/** The row whose IOC the text view shows stays marked while focus moves elsewhere. */
function markCurrentRow() {
  el.tbody.querySelector('tr.current')?.classList.remove('current');
  const row = S.cursor >= 0 ? S.spans[3 * S.cursor + 2] : -1;
  el.tbody.querySelector(`tr[data-row="${row}"]`)?.classList.add('current');
}

// ---- input events --------------------------------------------------------------------------

el.input.addEventListener('input', () => {
  S.text = el.input.value;
  runSoon();
});

el.input.addEventListener('paste', (e) => {
  const text = e.clipboardData?.getData('text/plain') || '';
  if (text.length > LARGE) {
    // Keep a huge paste out of the <textarea> (see LARGE); it replaces the input.
    e.preventDefault();
    warn('');
    setText(text, 'pasted text');
  }
});

async function openFile(file) {
  warn('');
  say(`Reading ${file.name}…`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const res = fileToText(file.name, bytes, htmlToText);
  if (!res.ok) {
    warn(res.message);
    say('File not loaded.');
    return;
  }
  setText(res.text, file.name);
}

el.file.accept = ACCEPT;
el.file.addEventListener('change', () => {
  const f = el.file.files[0];
  el.file.value = '';
  if (f) openFile(f).catch((e) => warn(`Could not read the file: ${e.message}`));
});

// Dropping anywhere opens the file (a stray drop must not navigate away and lose the text).
document.addEventListener('dragover', (e) => {
  if ([...(e.dataTransfer?.types || [])].includes('Files')) {
    e.preventDefault();
    el.drop.classList.add('dragging');
  }
});
document.addEventListener('dragleave', (e) => { if (!e.relatedTarget) el.drop.classList.remove('dragging'); });
document.addEventListener('drop', (e) => {
  el.drop.classList.remove('dragging');
  const f = e.dataTransfer?.files?.[0];
  if (!f) return;
  e.preventDefault();
  openFile(f).catch((err) => warn(`Could not read the file: ${err.message}`));
});

el.clear.addEventListener('click', clearInput);
el.bigClear.addEventListener('click', clearInput);

// ---- results events ------------------------------------------------------------------------

el.chips.addEventListener('click', (e) => {
  const b = e.target.closest('.chip');
  if (!b) return;
  const t = b.dataset.type;
  if (!t) S.typeFilter.clear();
  else if (S.typeFilter.has(t)) S.typeFilter.delete(t);
  else S.typeFilter.add(t);
  S.limit = PAGE;
  renderResults();
});

el.filter.addEventListener('input', () => { S.limit = PAGE; renderTable(); });
el.filter.addEventListener('keydown', (e) => { if (e.key === 'Escape' && el.filter.value) { el.filter.value = ''; renderTable(); } });

document.querySelector('#results thead').addEventListener('click', (e) => {
  const b = e.target.closest('button[data-sort]');
  if (!b) return;
  const key = b.dataset.sort;
  S.sort = { key, dir: S.sort.key === key ? -S.sort.dir : key === 'count' ? -1 : 1 };
  renderTable();
});

el.more.addEventListener('click', () => { S.limit += PAGE; renderTable(); });

el.tbody.addEventListener('click', (e) => {
  const tr = e.target.closest('tr[data-row]');
  if (!tr) return;
  focusRow(el.tbody, tr);
  jump(Number(tr.dataset.row));
});

el.tbody.addEventListener('keydown', (e) => {
  const tr = e.target.closest('tr[data-row]');
  if (!tr || e.altKey || e.ctrlKey || e.metaKey) return;
  const all = [...el.tbody.rows];
  const at = all.indexOf(tr);
  const go = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1, PageDown: at + 10, PageUp: at - 10 }[e.key];
  if (go !== undefined) {
    e.preventDefault();
    focusRow(el.tbody, all[Math.max(0, Math.min(all.length - 1, go))]);
    S.activeRow = Number(document.activeElement.dataset.row);
  } else if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    jump(Number(tr.dataset.row));
  } else if (e.key === 'c' || e.key === 'C') {
    e.preventDefault();
    const r = S.rows[Number(tr.dataset.row)];
    copyText(shown(r, S.settings.display)).then(() => say(`Copied ${r.type} value.`), (err) => say(`Copy failed: ${err.message}`));
  }
});

$('view').addEventListener('click', (e) => {
  const mark = e.target.closest('mark[data-span]');
  if (!mark) return;
  const k = Number(mark.dataset.span);
  const row = S.spans[3 * k + 2];
  S.cursor = k;
  S.activeRow = row;
  view.show(k);
  markCurrentRow();
  const tr = el.tbody.querySelector(`tr[data-row="${row}"]`);
  if (tr) { focusRow(el.tbody, tr); tr.scrollIntoView({ block: 'nearest' }); }
});

// ---- exports -------------------------------------------------------------------------------

// The same options as the extension's popup, so both write byte-identical files: what the table
// lists is what gets exported (it already applied "hide allowlisted"), values refanged (the
// "Defanged text" format is the way to share defanged ones).
function exportOptions() {
  return {
    source: S.source || 'pasted text',
    timestamp: new Date().toISOString(),
    includeAllowlisted: true,
    defanged: false,
    dedupe: true,
  };
}

async function exportText() {
  const format = el.format.value;
  return { format, text: await ex.exportRows(Uint32Array.from(S.ids), format, exportOptions()) };
}

el.copy.addEventListener('click', async () => {
  try {
    const { format, text } = await exportText();
    await copyText(text);
    say(`Copied ${S.ids.length} IOCs as ${el.format.selectedOptions[0]?.textContent || format}.`);
  } catch (e) {
    say(`Copy failed: ${e.message}`);
  }
});

el.download.addEventListener('click', async () => {
  try {
    const { format, text } = await exportText();
    const name = saveFile(text, format, S.source);
    say(`Saved ${name} (${S.ids.length} IOCs).`);
  } catch (e) {
    say(`Export failed: ${e.message}`);
  }
});

el.format.addEventListener('change', () => { S.settings.format = el.format.value; saveSettings(S.settings); });

// ---- options -------------------------------------------------------------------------------

const setTypes = optionsForm(el.options, S.settings, (rerun) => (rerun ? runSoon(300) : renderResults()));
el.format.value = [...el.format.options].some((o) => o.value === S.settings.format) ? S.settings.format : DEFAULTS.format;

// ---- start ---------------------------------------------------------------------------------

ex.ready.then((info) => {
  S.typeNames = info.types;
  setExportFormats(info.formats);
  setTypes(info.types);
  if (!info.exports) {
    for (const b of [el.copy, el.download]) { b.disabled = true; b.title = 'This build of the core has no exports.'; }
  }
  S.text = el.input.value; // a browser may restore the textarea after a reload
  run();
}, (e) => { say(`Could not load the extractor: ${e.message}`); busy(false); });
