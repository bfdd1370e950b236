// Worker-side helpers, free of the wasm so they can be unit-tested in node: cutting a big text
// into pieces at line ends (so the worker can report progress and drop stale jobs between
// pieces), and folding the matches of all pieces into one row per distinct IOC.

/** First piece size in UTF-16 code units; the worker then sizes pieces by measured speed. */
export const PIECE = 1 << 16;

/**
 * End of the piece of `text` starting at `start`, about `size` long: just after a newline when
 * one is in the second half of the piece (IOCs do not span lines), else after whitespace, else
 * at a code-point boundary.
 */
export function cutAt(text, start, size) {
  const limit = start + size;
  if (limit >= text.length) return text.length;
  let cut = text.lastIndexOf('\n', limit - 1) + 1;
  if (cut > start + size / 2) return cut;
  for (let i = limit - 1; i > start + size / 2; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 12) return i + 1;
  }
  const c = text.charCodeAt(limit - 1);
  return c >= 0xd800 && c <= 0xdbff ? limit - 1 : limit; // never split a surrogate pair
}

/** [start, end) ranges covering `text` in pieces of about `size`. */
export function pieces(text, size = PIECE) {
  const out = [];
  let start = 0;
  do {
    const end = cutAt(text, start, size);
    out.push([start, end]);
    start = end;
  } while (start < text.length);
  return out;
}

/** The next piece size: aims at `targetMs` per piece from the last one's speed, within bounds. */
export function nextSize(size, chars, ms, targetMs = 50) {
  const speed = chars / Math.max(ms, 1);
  return Math.round(Math.min(1 << 22, Math.max(1 << 14, Math.min(size * 4, speed * targetMs))));
}

/** UTF-8 length of a JS string (lone surrogates count 3, as TextEncoder writes U+FFFD). */
export function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; } else n += 3;
  }
  return n;
}

/**
 * Folds matches into rows, one per (type, value), in order of first appearance. Keeps each row's
 * first match (with offsets made absolute) for exports, and every occurrence as a span.
 */
export class Aggregator {
  constructor() {
    this.rows = [];
    this.firsts = [];
    this.index = new Map();
    this.spans = [];
    this.total = 0;
  }

  /** Adds the matches of one piece that starts at `off16` (UTF-16) and `offBytes` (UTF-8). */
  add(matches, off16 = 0, offBytes = 0) {
    for (const m of matches) {
      const key = `${m.type}\u0000${m.value}`;
      let r = this.index.get(key);
      if (r === undefined) {
        r = this.rows.length;
        this.index.set(key, r);
        const first = { ...m, start: m.start + offBytes, end: m.end + offBytes, start16: m.start16 + off16, end16: m.end16 + off16 };
        this.firsts.push(first);
        this.rows.push({ type: m.type, value: m.value, raw: m.raw, defanged: m.defanged, flags: [...(m.flags || [])], count: 0, first: first.start16 });
      } else {
        for (const f of m.flags || []) if (!this.rows[r].flags.includes(f)) this.rows[r].flags.push(f);
      }
      this.rows[r].count++;
      this.spans.push(m.start16 + off16, m.end16 + off16, r);
      this.total++;
    }
  }

  /** The spans as a transferable typed array: [start16, end16, row] per occurrence. */
  spanArray() {
    return Uint32Array.from(this.spans);
  }
}
