// User options, kept in localStorage (per origin; file:// pages share one store in Chromium).
// Stored as plain data and turned into the core's options object ({types, allowlist, custom}).

const KEY = 'ioclens.www.options.v1';

/** The defaults: the core's default type set, no allowlist, refanged values. */
export const DEFAULTS = Object.freeze({
  types: null, // null = the core's default set; otherwise an array of type names
  allowlist: '',
  custom: '',
  display: 'refanged',
  hideAllowlisted: false,
  format: 'json',
});

/** Loads the saved options over the defaults; anything unreadable falls back to a default. */
export function loadSettings(storage = globalThis.localStorage) {
  let saved = {};
  try {
    saved = JSON.parse(storage?.getItem(KEY) || '{}') || {};
  } catch {
    saved = {};
  }
  const s = { ...DEFAULTS };
  if (Array.isArray(saved.types) && saved.types.every((t) => typeof t === 'string')) s.types = saved.types;
  for (const k of ['allowlist', 'custom', 'format']) if (typeof saved[k] === 'string') s[k] = saved[k];
  if (saved.display === 'defanged') s.display = 'defanged';
  if (typeof saved.hideAllowlisted === 'boolean') s.hideAllowlisted = saved.hideAllowlisted;
  return s;
}

/** Saves; storage can be unavailable (privacy modes): the page then just forgets. */
export function saveSettings(s, storage = globalThis.localStorage) {
  try {
    storage?.setItem(KEY, JSON.stringify(s));
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses the custom-pattern box: one `name = regex` per line, `#` comments and blank lines
 * ignored. Returns {custom: [{name, pattern, priority}], errors: [string]}.
 */
export function parseCustom(text) {
  const custom = [];
  const errors = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    const m = /^([A-Za-z][\w-]*)\s*=\s*(.+)$/.exec(t);
    if (!m) errors.push(`line ${i + 1}: write it as name = regex`);
    else custom.push({ name: m[1], pattern: m[2], priority: 1 });
  });
  return { custom, errors };
}

/** The options object the wasm IocExtractor takes. */
export function coreOptions(s) {
  const o = { allowlist: s.allowlist, custom: parseCustom(s.custom).custom };
  if (s.types) o.types = s.types;
  return o;
}
