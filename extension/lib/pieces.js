// Extraction of a text that arrives in pieces (the background's half of the streamed scan).
// Pure: the extractor is passed in (the wasm core in the background, a stand-in in the unit tests).

const MIN_PIECE = 16 * 1024; // UTF-16 units extracted at once at least (the last piece aside)

const utf8 = new TextEncoder();
let byteBuf = new Uint8Array(0);
/** UTF-8 length of `s` (what the core's byte offsets count), without keeping the bytes. */
export function utf8Length(s) {
  if (byteBuf.length < s.length * 3) byteBuf = new Uint8Array(s.length * 3);
  return utf8.encodeInto(s, byteBuf).written;
}

/**
 * Extracts a text that arrives in pieces (the content script posts the page's text while it is
 * still reading it), so that extraction and highlighting start long before the whole page is
 * read. What has arrived is extracted up to its last line break (a blank line, which no IOC spans,
 * is preferred; the content script puts a line break between blocks), the rest waits for more.
 * Offsets are shifted back to the whole text (UTF-16 and UTF-8 bytes). `onPiece(found, upTo,
 * last)` is called after each extracted piece; `last` is true exactly once. Past `budgetMs` the
 * rest is dropped and the result is `partial: 'time'`.
 */
export class PieceExtractor {
  constructor(ex, budgetMs, onPiece, minPiece = MIN_PIECE) {
    Object.assign(this, { ex, budgetMs, onPiece, minPiece, t0: Date.now(), buf: '', base: 0, bytes: 0, matches: [], partial: null, ended: false, ms: 0 });
  }

  push(text, last) {
    if (this.ended) return;
    this.buf += text;
    while (this.buf.length) {
      let end = this.buf.length;
      if (!last) {
        if (end < this.minPiece) return;
        const cut = this.buf.lastIndexOf('\n\n');
        const nl = cut > 0 ? cut : this.buf.lastIndexOf('\n');
        if (nl <= 0) return; // no line break yet: wait for more text
        end = nl + 1;
      }
      const chunk = end === this.buf.length ? this.buf : this.buf.slice(0, end);
      const t = Date.now();
      const found = this.ex.extract(chunk);
      this.ms += Date.now() - t;
      if (this.base > 0) {
        for (const m of found) {
          m.start16 += this.base; m.end16 += this.base; m.start += this.bytes; m.end += this.bytes;
          // A decoded match's encoded text is given in bytes too (exports show it).
          if (m.decoded_from) { m.decoded_from.start += this.bytes; m.decoded_from.end += this.bytes; }
        }
      }
      for (const m of found) this.matches.push(m);
      this.base += chunk.length;
      this.buf = this.buf.slice(end);
      const done = last && !this.buf.length;
      if (!done && Date.now() - this.t0 > this.budgetMs) { this.partial = 'time'; this.buf = ''; }
      this.ended = done || this.partial !== null;
      this.onPiece(found, this.base, this.ended);
      if (this.ended) return;
      this.bytes += utf8Length(chunk);
    }
    if (last && !this.ended) { this.ended = true; this.onPiece([], this.base, true); }
  }
}
