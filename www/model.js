// Pure functions over the result rows (no DOM): type counts for the chips, the filter, the sort,
// line numbers, and the span lookups behind "jump to the text". Unit-tested in node.

/** Rows the "hide allowlisted" option leaves. */
export function kept(row, hideAllowlisted) {
  return !(hideAllowlisted && row.flags.includes('allowlisted'));
}

/** [type, count] pairs in `order` (the core's type order), unknown (custom) types after, by name. */
export function typeCounts(rows, hideAllowlisted, order = []) {
  const counts = new Map();
  for (const r of rows) if (kept(r, hideAllowlisted)) counts.set(r.type, (counts.get(r.type) || 0) + 1);
  const rank = (t) => { const i = order.indexOf(t); return i < 0 ? order.length : i; };
  return [...counts].sort((a, b) => rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The value as displayed: refanged (the core's value) or defanged. */
export function shown(row, display) {
  return display === 'defanged' ? row.defangedValue ?? row.value : row.value;
}

/**
 * Indices of the rows passing the filters: `types` (a Set; empty = every type), `text`
 * (case-insensitive, in the type, the value in either form, or the text as written).
 */
export function filterRows(rows, { types = new Set(), text = '', hideAllowlisted = false } = {}) {
  const q = text.trim().toLowerCase();
  const out = [];
  rows.forEach((r, i) => {
    if (!kept(r, hideAllowlisted)) return;
    if (types.size && !types.has(r.type)) return;
    if (q && ![r.type, r.value, r.raw, r.defangedValue || ''].some((s) => s.toLowerCase().includes(q))) return;
    out.push(i);
  });
  return out;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Sorts row indices in place by `key` (type, value, count, first) and `dir` (1 or -1); stable. */
export function sortRows(ids, rows, key = 'first', dir = 1) {
  const cmp = {
    type: (a, b) => collator.compare(rows[a].type, rows[b].type),
    value: (a, b) => collator.compare(rows[a].value, rows[b].value),
    count: (a, b) => rows[a].count - rows[b].count,
    first: (a, b) => rows[a].first - rows[b].first,
  }[key] || ((a, b) => rows[a].first - rows[b].first);
  return ids.sort((a, b) => dir * cmp(a, b) || rows[a].first - rows[b].first);
}

/** 1-based line number of each row's first occurrence, in one pass over the text. */
export function lineNumbers(text, rows) {
  const order = rows.map((_, i) => i).sort((a, b) => rows[a].first - rows[b].first);
  const out = new Uint32Array(rows.length);
  let line = 1;
  let pos = 0;
  for (const i of order) {
    const target = Math.min(rows[i].first, text.length);
    for (; pos < target; pos++) if (text.charCodeAt(pos) === 10) line++;
    out[i] = line;
  }
  return out;
}

/**
 * The span index of `row`'s next occurrence after span index `after` (wrapping round), or -1.
 * `spans` is [start16, end16, row] triples in text order.
 */
export function nextSpan(spans, row, after = -1) {
  const n = spans.length / 3;
  for (let k = 1; k <= n; k++) {
    const s = (after + k + n) % n;
    if (spans[3 * s + 2] === row) return s;
  }
  return -1;
}

/** First span index whose end is after `pos` (binary search; spans are in text order). */
export function spanAt(spans, pos) {
  let lo = 0;
  let hi = spans.length / 3;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[3 * mid + 1] <= pos) lo = mid + 1; else hi = mid;
  }
  return lo;
}
