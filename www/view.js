// The input shown again, read-only, with every IOC in a <mark>. Small inputs are shown whole; big
// ones (a 50 MB file would make millions of DOM nodes) as a window of text around the occurrence
// being looked at, re-rendered when the user jumps elsewhere. Text only through DOM text nodes.
import { appendVisible } from './escape.js';
import { spanAt } from './model.js';

const FULL_CHARS = 300_000;
const FULL_SPANS = 5_000;
const WINDOW = 20_000;

export class TextView {
  constructor(pre, note) {
    this.pre = pre;
    this.note = note;
    this.text = '';
    this.spans = new Uint32Array(0);
    this.rows = [];
    this.from = 0;
    this.to = 0;
  }

  get whole() {
    return this.text.length <= FULL_CHARS && this.spans.length / 3 <= FULL_SPANS;
  }

  /** New content: shows the start (or all) of it. */
  set(text, spans, rows) {
    this.text = text;
    this.spans = spans;
    this.rows = rows;
    this.render(0);
  }

  /** Renders the part of the text around UTF-16 position `pos` (all of it when small). */
  render(pos) {
    const { text, spans, rows } = this;
    let from = 0;
    let to = text.length;
    if (!this.whole) {
      from = Math.max(0, pos - WINDOW / 2);
      const ls = text.lastIndexOf('\n', from);
      if (ls >= 0 && from - ls < 2000) from = ls + 1;
      to = Math.min(text.length, from + WINDOW);
      const le = text.indexOf('\n', to);
      if (le >= 0 && le - to < 2000) to = le;
    }
    const frag = document.createDocumentFragment();
    let cursor = from;
    for (let k = spanAt(spans, from); k < spans.length / 3; k++) {
      const s = spans[3 * k];
      const e = spans[3 * k + 1];
      if (s >= to) break;
      if (s < cursor || e > to || e <= s) continue; // overlapping or cut by the window edge
      if (s > cursor) appendVisible(frag, text.slice(cursor, s), true);
      const row = rows[spans[3 * k + 2]];
      const mark = document.createElement('mark');
      mark.dataset.span = k;
      mark.dataset.ioclensType = row.type;
      mark.dataset.ioclensValue = row.value;
      appendVisible(mark, text.slice(s, e), true);
      frag.append(mark);
      cursor = e;
    }
    if (cursor < to) appendVisible(frag, text.slice(cursor, to), true);
    this.pre.replaceChildren(frag);
    this.from = from;
    this.to = to;
    this.note.hidden = this.whole;
    if (!this.whole) {
      this.note.textContent = `The text is long: showing characters ${from.toLocaleString('en')}–${to.toLocaleString('en')} `
        + `of ${text.length.toLocaleString('en')}. Pick a row to move there.`;
    }
  }

  /** Marks span `k` as the current one and scrolls it into view (re-rendering if it is outside). */
  show(k) {
    const s = this.spans[3 * k];
    const e = this.spans[3 * k + 1];
    if (s === undefined) return null;
    if (s < this.from || e > this.to) this.render(s);
    this.pre.querySelector('mark.current')?.classList.remove('current');
    // A nested match (a hash inside a URL) has no mark of its own: show its parent's.
    let shown = k;
    while (shown > 0 && k - shown < 64 && !this.pre.querySelector(`mark[data-span="${shown}"]`)) shown--;
    const mark = this.pre.querySelector(`mark[data-span="${shown}"]`);
    if (!mark || this.spans[3 * shown + 1] < e) return null;
    mark.classList.add('current');
    // Scroll inside the view, then bring the view itself on screen if it is not.
    const top = mark.offsetTop; // the view is position: relative, so it is the offsetParent
    this.pre.scrollTop = Math.max(0, top - this.pre.clientHeight / 2);
    const r = this.pre.getBoundingClientRect();
    if (r.bottom < 0 || r.top > innerHeight) this.pre.scrollIntoView({ block: 'nearest' });
    return mark;
  }
}
