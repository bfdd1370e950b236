// The extension's settings: defaults, validation of whatever storage holds, and the mapping to the
// core's options object (`new IocExtractor(options)`). Stored under one key in storage.local.

export const SETTINGS_KEY = 'settings';

/**
 * Menu labels of the export formats, in menu order. The formats themselves, their file extensions
 * and media types are the core's (wasm `exportFormats()`, the one table every front reads); a unit
 * test keeps these keys equal to the core's format names.
 */
export const EXPORT_LABELS = {
  json: 'JSON',
  csv: 'CSV',
  txt: 'Text (one per line)',
  'txt-grouped': 'Text (grouped by type)',
  defanged: 'Defanged text',
  md: 'Markdown',
  jsonl: 'JSON Lines',
  stix: 'STIX 2.1 bundle',
  misp: 'MISP event',
  summary: 'Summary (JSON)',
};

export const DEFAULTS = Object.freeze({
  types: null, // null: the core's default set; else an array of type names
  allowlist: '', // the core's allowlist text syntax
  warninglists: [], // [{name, json}] MISP warninglist list.json files
  custom: [], // [{name, pattern, priority}]
  exportFormat: 'json',
  highlight: true,
  autoRescan: false,
  allowlisted: 'dim', // 'dim' | 'hide'
  private: 'show', // 'show' | 'dim' | 'hide'
});

const LIMITS = { allowlist: 2_000_000, warninglist: 5_000_000, warninglists: 50, custom: 100, pattern: 2000 };
const NAME = /^[a-z][a-z0-9_-]{0,31}$/;

const str = (v, max) => (typeof v === 'string' && v.length <= max ? v : null);
const oneOf = (v, list, dflt) => (list.includes(v) ? v : dflt);

/**
 * Whatever storage holds (possibly old, partial or tampered with) → a complete, valid settings
 * object. Bad fields fall back to their defaults one by one, so one bad entry never loses the rest.
 */
export function normalizeSettings(raw) {
  const r = raw && typeof raw === 'object' ? raw : {};
  const s = { ...DEFAULTS, warninglists: [], custom: [] };
  if (Array.isArray(r.types) && r.types.every((t) => typeof t === 'string' && NAME.test(t))) s.types = [...new Set(r.types)];
  s.allowlist = str(r.allowlist, LIMITS.allowlist) ?? '';
  if (Array.isArray(r.warninglists)) {
    s.warninglists = r.warninglists.slice(0, LIMITS.warninglists)
      .filter((w) => w && str(w.name, 200) !== null && str(w.json, LIMITS.warninglist) !== null)
      .map((w) => ({ name: w.name, json: w.json }));
  }
  if (Array.isArray(r.custom)) {
    s.custom = r.custom.slice(0, LIMITS.custom)
      .filter((c) => c && typeof c.name === 'string' && NAME.test(c.name) && str(c.pattern, LIMITS.pattern))
      .map((c) => ({ name: c.name, pattern: c.pattern, priority: Number.isInteger(c.priority) ? c.priority : 1 }));
  }
  s.exportFormat = Object.hasOwn(EXPORT_LABELS, r.exportFormat) ? r.exportFormat : DEFAULTS.exportFormat;
  s.highlight = typeof r.highlight === 'boolean' ? r.highlight : DEFAULTS.highlight;
  s.autoRescan = typeof r.autoRescan === 'boolean' ? r.autoRescan : DEFAULTS.autoRescan;
  s.allowlisted = oneOf(r.allowlisted, ['dim', 'hide'], DEFAULTS.allowlisted);
  s.private = oneOf(r.private, ['show', 'dim', 'hide'], DEFAULTS.private);
  return s;
}

/** The core's options object for these settings. */
export function extractorOptions(s) {
  const o = { allowlist: s.allowlist, warninglists: s.warninglists.map((w) => w.json), custom: s.custom };
  if (s.types) o.types = s.types;
  return o;
}

/** Checks a MISP warninglist file's shape before storing it; returns its name or throws. */
export function warninglistName(json, fallback) {
  let w;
  try { w = JSON.parse(json); } catch (e) { throw new Error(`not JSON: ${e.message}`); }
  if (!w || typeof w !== 'object' || !Array.isArray(w.list)) throw new Error('not a MISP warninglist (no "list" array)');
  return typeof w.name === 'string' && w.name.trim() ? w.name.trim().slice(0, 200) : fallback;
}

/**
 * The download for an export: `{name, type}`, with the extension and media type from the core's
 * table `formats` (`exportFormats()`: `[{name, extension, mediaType}]`). The name is
 * `ioclens-<host>-<YYYYMMDD-HHMMSS>[-<format>].<extension>`, safe on every OS; the format name is
 * added where the extension alone does not tell it (`-stix.json`, `-defanged.txt`).
 */
export function exportDownload(format, formats, pageUrl, date) {
  const f = (formats || []).find((x) => x.name === format);
  if (!f) throw new Error(`unknown export format ${JSON.stringify(format)}`);
  let host = 'selection';
  try { if (pageUrl) host = new URL(pageUrl).hostname || 'page'; } catch { /* keep default */ }
  host = host.replace(/[^a-z0-9.-]/gi, '_').slice(0, 60);
  const p = (n) => String(n).padStart(2, '0');
  const stamp = `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
  const tag = f.name === f.extension ? '' : `-${f.name}`;
  return { name: `ioclens-${host}-${stamp}${tag}.${f.extension}`, type: f.mediaType };
}
