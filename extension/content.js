// Content script: reads the page's visible text and draws highlights. No wasm here (pages with a
// strict CSP block its compilation); injected on demand by the background (activeTab + scripting)
// after lib/display.js and lib/ranges.js. Runs in the isolated world: page scripts cannot see or
// patch anything defined here, but they can change the DOM at any moment, so every DOM step
// checks that the node it is about to touch is still the one it read.
(() => {
  // An own property, not a plain truthiness test: `<div id="__ioclens">` puts a named property on
  // window (in every world), which must not pass for an earlier injection.
  if (Object.hasOwn(globalThis, '__ioclens')) return;
  const { planParts } = globalThis.IocLensRanges;
  const { escapeInvisible, colorFor } = globalThis.IocLensDisplay;

  // Not rendered as text, or text the user edits (marks there would corrupt forms and editors).
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'OBJECT', 'EMBED', 'SVG',
    'MATH', 'TEXTAREA', 'SELECT', 'INPUT', 'CANVAS', 'VIDEO', 'AUDIO', 'IMG']);
  // Work per task before yielding to the page: 8 ms, longer on pages where each yield costs a long
  // relayout (huge documents), so that work still gets a fair share of the time; never above 50 ms
  // (a "long task").
  const SLICE_MS = 8;
  const MAX_SLICE_MS = 50;
  const DEFAULT_LIMITS = { maxChars: 2_000_000, collectMs: 3000, maxMarks: 25_000, highlightMs: 4000 };
  const DEBOUNCE_MS = 1500;
  const MAX_WAIT_MS = 10_000;

  const state = {
    segments: [], // {node, start, end, data}: text nodes of the last collect, with the data read
    records: [], // {node, data, added}: every text node we split, to restore it exactly
    marks: new Map(), // match index → its <mark> elements
    matches: [], // [{type, value}] of the last highlight
    cursor: new Map(), // flash position per item
    gen: 0, // bumped by collect/clear: an older chunked job sees it and stops
    observer: null,
    timer: 0,
    firstChange: 0,
  };

  // Yield to the page between slices. setTimeout queues behind the page's own timers and events
  // (scheduler.yield would jump ahead of them and starve the page's timers); in hidden tabs, where
  // timers are throttled to one a second, a MessageChannel message is used instead.
  const pause = () => new Promise((ok) => {
    if (document.visibilityState === 'visible') { setTimeout(ok, 0); return; }
    const ch = new MessageChannel();
    ch.port1.onmessage = () => ok();
    ch.port2.postMessage(0);
  });

  // Our own DOM changes must not look like page changes to the auto re-scan observer: drop their
  // records synchronously, before any page code can run.
  const dropOwnRecords = () => { state.observer?.takeRecords(); };

  function visible(el) {
    if (el.checkVisibility) return el.checkVisibility({ visibilityProperty: true });
    const s = el.ownerDocument.defaultView.getComputedStyle(el);
    return s.display !== 'none' && s.visibility !== 'hidden';
  }

  function isBlock(el) {
    const view = el.ownerDocument.defaultView;
    const d = view ? view.getComputedStyle(el).display : 'block';
    return !(d.startsWith('inline') || d === 'contents');
  }

  function frameBody(el) {
    try { return el.contentDocument?.body || null; } catch { return null; } // cross-origin: null or throws
  }

  /**
   * Reads the visible text in document order: a line break separates blocks, table cells and <br>
   * (neighbouring cells never merge), inline splits (evil<b>[.]</b>com, <wbr>) stay joined.
   * Includes same-origin iframes and open shadow roots. Clears earlier highlights first, so the
   * text nodes read are the page's own. Chunked; stops at `maxChars` or `collectMs`
   * (`partial` says which).
   */
  async function collect(opts = {}) {
    const limits = { ...DEFAULT_LIMITS, ...opts };
    clear();
    const gen = state.gen;
    if (document.contentType === 'application/pdf') return { pdf: true, text: '' };
    const parts = [];
    const segments = [];
    let len = 0;
    let partial = null;
    const t0 = performance.now();
    let slice = t0;
    let steps = 0;
    // Explicit stack (not recursion): hostile pages nest elements deeper than the JS stack.
    const stack = document.body ? [document.body] : [];
    const pushChildren = (parent) => { for (let c = parent.lastChild; c; c = c.previousSibling) stack.push(c); };
    while (stack.length) {
      if ((++steps & 255) === 0) {
        const now = performance.now();
        if (now - t0 > limits.collectMs) { partial = 'time'; break; }
        if (now - slice > SLICE_MS) {
          await pause();
          if (gen !== state.gen) return { aborted: true, text: '' };
          slice = performance.now();
        }
      }
      const node = stack.pop();
      if (typeof node === 'string') { parts.push(node); len += node.length; continue; }
      if (node.nodeType === Node.TEXT_NODE) {
        const data = node.data;
        if (!data.length) continue;
        if (len + data.length > limits.maxChars) { partial = 'size'; break; }
        segments.push({ node, start: len, end: len + data.length, data });
        parts.push(data);
        len += data.length;
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      const tag = node.tagName.toUpperCase();
      if (tag === 'BR') { parts.push('\n'); len++; continue; }
      if (SKIP.has(tag) || node.isContentEditable || !visible(node)) continue;
      if (tag === 'IFRAME' || tag === 'FRAME') {
        const body = frameBody(node);
        if (body) { parts.push('\n'); len++; stack.push('\n', body); }
        continue;
      }
      const block = isBlock(node);
      if (block) { parts.push('\n'); len++; stack.push('\n'); }
      if (node.shadowRoot) pushChildren(node.shadowRoot);
      pushChildren(node);
    }
    state.segments = segments;
    return { text: parts.join(''), chars: len, partial, ms: performance.now() - t0, url: location.href, title: document.title };
  }

  const styleCache = new Map();
  function markStyle(type) {
    if (!styleCache.has(type)) {
      // Inline CSSOM styles, not a stylesheet: nothing is added to <head> (the DOM restores exactly),
      // it works in iframes, and CSP style-src does not apply to CSSOM. !important and forced
      // colours keep it readable whatever the page's own CSS or colour scheme.
      styleCache.set(type, `background-color:${colorFor(type)} !important;color:#111 !important;`
        + 'border-radius:2px !important;box-shadow:0 0 0 1px rgba(0,0,0,.45) !important;text-shadow:none !important;');
    }
    return styleCache.get(type);
  }

  function makeMark(doc, m, text) {
    const mark = doc.createElement('mark');
    mark.dataset.ioclensType = m.type;
    mark.dataset.ioclensValue = m.value;
    mark.title = `IOC Lens: ${m.type} ${escapeInvisible(m.value)}`;
    mark.style.cssText = markStyle(m.type);
    mark.appendChild(doc.createTextNode(text));
    return mark;
  }

  // Wraps the parts of one text node. The node keeps the text before the first mark (its identity
  // stays, so page scripts holding it keep working); marks and the text between them are inserted
  // after it, and recorded for an exact undo. Returns the number of marks, or -1 if the page
  // changed the node since it was read.
  function wrap(seg, parts, matches) {
    const { node, data } = seg;
    if (!node.isConnected || !node.parentNode || node.data !== data) return -1;
    const doc = node.ownerDocument;
    const added = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      const mark = makeMark(doc, matches[p.match], data.slice(p.from, p.to));
      added.push(mark);
      if (!state.marks.has(p.match)) state.marks.set(p.match, []);
      state.marks.get(p.match).push(mark);
      const next = i + 1 < parts.length ? parts[i + 1].from : data.length;
      if (next > p.to) added.push(doc.createTextNode(data.slice(p.to, next)));
    }
    node.after(...added);
    node.data = data.slice(0, parts[0].from);
    state.records.push({ node, data, added });
    return parts.length;
  }

  /**
   * Highlights `matches` (`[{type, value, start16, end16}]`, offsets into the last collected
   * text). Chunked; stops at `maxMarks` or `highlightMs` (`partial` says which). Nodes the page
   * changed in the meantime are skipped (`stale`), never touched.
   */
  async function highlight(matches, opts = {}) {
    const limits = { ...DEFAULT_LIMITS, ...opts };
    const gen = state.gen;
    const { plan, skipped } = planParts(state.segments, matches);
    state.matches = matches.map((m) => ({ type: m.type, value: m.value }));
    state.marks = new Map();
    state.cursor = new Map();
    let marks = 0;
    let stale = 0;
    let partial = null;
    const t0 = performance.now();
    let slice = t0;
    let sliceMs = SLICE_MS;
    for (let k = 0; k < plan.length; k++) {
      if ((k & 7) === 0) {
        const now = performance.now();
        if (now - t0 > limits.highlightMs) { partial = 'time'; break; }
        if (now - slice > sliceMs) {
          dropOwnRecords();
          const paused = performance.now();
          await pause();
          if (gen !== state.gen) return { aborted: true, marks };
          slice = performance.now();
          sliceMs = Math.min(MAX_SLICE_MS, Math.max(SLICE_MS, (slice - paused) / 2));
        }
      }
      if (marks >= limits.maxMarks) { partial = 'marks'; break; }
      const [si, parts] = plan[k];
      let n = -1;
      try { n = wrap(state.segments[si], parts, matches); } catch { /* the page pulled the node away mid-step */ }
      if (n < 0) stale++;
      else marks += n;
    }
    dropOwnRecords();
    state.segments = []; // offsets are stale once nodes are split; a new collect refills them
    return { marks, skipped, stale, partial, ms: performance.now() - t0 };
  }

  /** Removes every highlight and restores each split text node to the data it had. */
  function clear() {
    state.gen++;
    let restored = 0;
    for (let i = state.records.length - 1; i >= 0; i--) {
      const r = state.records[i];
      try {
        for (const n of r.added) n.remove();
        r.node.data = r.data;
        restored++;
      } catch { /* keep going: one odd node must not leave the rest highlighted */ }
    }
    state.records = [];
    state.marks = new Map();
    state.matches = [];
    dropOwnRecords();
    return { restored };
  }

  /** Scrolls to the next occurrence of (type, value) and flashes it; `{found, index}`. */
  function flash(type, value) {
    const live = [];
    state.matches.forEach((m, i) => {
      if (m.type === type && m.value === value && state.marks.get(i)?.some((mk) => mk.isConnected)) live.push(i);
    });
    if (!live.length) return { found: 0, index: -1 };
    const key = `${type}\u0000${value}`;
    const index = ((state.cursor.get(key) ?? -1) + 1) % live.length;
    state.cursor.set(key, index);
    const marks = state.marks.get(live[index]).filter((mk) => mk.isConnected);
    marks[0].scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
    for (const mk of marks) {
      // outline, not background: the mark's background is !important and animations lose to that.
      mk.animate([{ outline: '3px solid #ff1744', outlineOffset: '1px' }, { outline: '3px solid rgba(255,23,68,0)', outlineOffset: '6px' }],
        { duration: 1600, easing: 'ease-out', iterations: 1 });
      mk.dataset.ioclensFlash = '';
      setTimeout(() => { delete mk.dataset.ioclensFlash; }, 1600);
    }
    return { found: live.length, index };
  }

  function fire() {
    state.firstChange = 0;
    chrome.runtime.sendMessage({ type: 'dom-changed' }).catch(() => { /* background asleep or gone */ });
  }

  /** Turns the auto re-scan observer on or off (debounced, with a maximum wait). */
  function watch(on) {
    if (!on) {
      state.observer?.disconnect();
      state.observer = null;
      clearTimeout(state.timer);
      return { watching: false };
    }
    if (!state.observer && document.body) {
      state.observer = new MutationObserver(() => {
        const now = Date.now();
        state.firstChange ||= now;
        clearTimeout(state.timer);
        state.timer = setTimeout(fire, Math.min(DEBOUNCE_MS, Math.max(0, state.firstChange + MAX_WAIT_MS - now)));
      });
      state.observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    }
    return { watching: true };
  }

  Object.defineProperty(globalThis, '__ioclens', {
    value: Object.freeze({ collect, highlight, clear, flash, watch }),
    configurable: false,
    enumerable: false,
    writable: false,
  });
})();
