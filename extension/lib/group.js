// Turns the core's match list into what the popup shows: one item per (type, value), grouped by
// type, with occurrence counts, the raw forms seen, and whether settings dim or hide the item.

/** Canonical output order of the built-in types; custom types follow, by name. */
export const TYPE_ORDER = ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256', 'sha512',
  'ssdeep', 'cve', 'attack', 'asn', 'mac', 'btc', 'eth', 'xmr', 'filepath', 'filename', 'registry', 'yara'];

/** Flags that mark a value as not routable on the Internet (the "private" display setting). */
export const PRIVATE_FLAGS = ['private', 'loopback', 'reserved', 'documentation'];

/** 'show' | 'dim' | 'hide' for one item under the display settings `{allowlisted, private}`. */
export function visibility(flags, settings) {
  const allow = flags.includes('allowlisted') ? settings.allowlisted : 'show';
  const priv = PRIVATE_FLAGS.some((f) => flags.includes(f)) ? settings.private : 'show';
  for (const v of ['hide', 'dim']) if (allow === v || priv === v) return v;
  return 'show';
}

function typeRank(type) {
  const i = TYPE_ORDER.indexOf(type);
  return i < 0 ? TYPE_ORDER.length : i;
}

/**
 * `[{type, items: [{type, value, raws, count, flags, defanged, indices, visibility}]}]`.
 * `raws` lists the distinct written forms that differ from the value (what a defanged item looked
 * like on the page); `indices` point into `matches` (the popup flashes and exports by them).
 */
export function groupMatches(matches, settings) {
  const items = new Map();
  matches.forEach((m, i) => {
    const key = `${m.type}\u0000${m.value}`;
    let it = items.get(key);
    if (!it) {
      it = { type: m.type, value: m.value, raws: [], count: 0, flags: [], defanged: false, indices: [] };
      items.set(key, it);
    }
    it.count++;
    it.indices.push(i);
    it.defanged ||= Boolean(m.defanged);
    if (m.raw !== undefined && m.raw !== m.value && !it.raws.includes(m.raw)) it.raws.push(m.raw);
    for (const f of m.flags || []) if (!it.flags.includes(f)) it.flags.push(f);
  });
  const groups = new Map();
  for (const it of items.values()) {
    it.visibility = visibility(it.flags, settings);
    if (!groups.has(it.type)) groups.set(it.type, []);
    groups.get(it.type).push(it);
  }
  return [...groups.entries()]
    .sort((a, b) => typeRank(a[0]) - typeRank(b[0]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([type, list]) => ({ type, items: list }));
}

/**
 * Keeps the items whose type, value or raw form contains `query` (case-insensitive); `type:NAME`
 * keeps one type. Hidden items go unless `showHidden`. Empty groups are dropped.
 */
export function filterGroups(groups, query, { showHidden = false } = {}) {
  let q = String(query || '').trim().toLowerCase();
  let onlyType = null;
  const t = /^type:(\S+)\s*/.exec(q);
  if (t) { onlyType = t[1]; q = q.slice(t[0].length); }
  const hit = (it) => !q || it.type.toLowerCase().includes(q) || it.value.toLowerCase().includes(q)
    || it.raws.some((r) => r.toLowerCase().includes(q));
  return groups
    .filter((g) => !onlyType || g.type === onlyType)
    .map((g) => ({ type: g.type, items: g.items.filter((it) => (showHidden || it.visibility !== 'hide') && hit(it)) }))
    .filter((g) => g.items.length);
}

/** `{unique, occurrences, hidden}` over groups (hidden = items a setting hides). */
export function counts(groups) {
  let unique = 0; let occurrences = 0; let hidden = 0;
  for (const g of groups) {
    for (const it of g.items) {
      if (it.visibility === 'hide') { hidden++; continue; }
      unique++;
      occurrences += it.count;
    }
  }
  return { unique, occurrences, hidden };
}

/** The matches behind `items`, in page order (what copy-all/export hand to the core). */
export function matchesOf(items, matches) {
  return items.flatMap((it) => it.indices).sort((a, b) => a - b).map((i) => matches[i]);
}

/** One value per line; `defang(value, type)` (the core's) turns each into its defanged form when given. */
export function copyText(items, defang) {
  return items.map((it) => (defang ? defang(it.value, it.type) : it.value)).join('\n');
}
