// Content script: reads the page's visible text and draws highlights. No wasm here (pages with a
// strict CSP block its compilation); injected on demand by the background (activeTab + scripting)
// after lib/display.js and lib/ranges.js. Runs in the isolated world: page scripts cannot see or
// patch anything defined here, but they can change the DOM at any moment, so every DOM step
// checks that the node it is about to touch is still the one it read.
(() => {
  // An own property, not a plain truthiness test: `<div id="__ioclens">` puts a named property on
  // window (in every world), which must not pass for an earlier injection.
  if (Object.hasOwn(globalThis, '__ioclens')) return;
  const { planParts, deferredMatches } = globalThis.IocLensRanges;
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
    job: null, // the highlighting in progress (see feed)
    early: [], // batches that arrived before their job's first one
    observer: null,
    timer: 0,
    firstChange: 0,
  };

  // Yield to the page between slices: a MessageChannel message, not setTimeout(0), which the
  // browser clamps to 4 ms once timeouts nest (each of dozens of slices would idle that long) and
  // throttles to once a second in hidden tabs. The page's own due timers, input and rendering
  // still run before the message is handled (they were queued first).
  const pause = () => new Promise((ok) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => ok();
    ch.port2.postMessage(0);
  });

  // Our own DOM changes must not look like page changes to the auto re-scan observer: drop their
  // records synchronously, before any page code can run.
  const dropOwnRecords = () => { state.observer?.takeRecords(); };

  /**
   * How an element shows: 'none' (not rendered, hidden, or its content is: skip it), 'block'
   * (starts a new line) or 'inline' (joins its neighbours: evil<b>[.]</b>com, display:contents).
   * One computed-style read per element: checkVisibility() plus a second read cost twice as much.
   */
  function showAs(el) {
    const view = el.ownerDocument.defaultView;
    if (!view) return 'block';
    const s = view.getComputedStyle(el);
    const d = s.display;
    if (d === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse' || s.contentVisibility === 'hidden') return 'none';
    return d.startsWith('inline') || d === 'contents' ? 'inline' : 'block';
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
      if (SKIP.has(tag) || node.isContentEditable) continue;
      const show = showAs(node);
      if (show === 'none') continue;
      if (tag === 'IFRAME' || tag === 'FRAME') {
        const body = frameBody(node);
        if (body) { parts.push('\n'); len++; stack.push('\n', body); }
        continue;
      }
      if (show === 'block') { parts.push('\n'); len++; stack.push('\n'); }
      if (tag === 'DETAILS' && !node.open) {
        // A closed <details> shows its <summary> only (the rest is hidden without any style of its own).
        const summary = [...node.children].find((c) => c.tagName.toUpperCase() === 'SUMMARY');
        if (summary) stack.push(summary);
        continue;
      }
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

  // One styled <mark> per document and type, cloned for every highlight: a clone copies the parsed
  // inline style, where setting style.cssText on each of thousands of marks parses it each time.
  const templates = new WeakMap();
  function makeMark(doc, m, text) {
    let byType = templates.get(doc);
    if (!byType) { byType = new Map(); templates.set(doc, byType); }
    let t = byType.get(m.type);
    if (!t) {
      t = doc.createElement('mark');
      t.setAttribute('data-ioclens-type', m.type);
      t.style.cssText = markStyle(m.type);
      byType.set(m.type, t);
    }
    const mark = t.cloneNode(false);
    mark.setAttribute('data-ioclens-value', m.value);
    mark.setAttribute('title', (m.title ??= `IOC Lens: ${m.type} ${escapeInvisible(m.value)}`));
    mark.append(text);
    return mark;
  }

  // Wraps the parts of one text node. The node keeps the text before the first mark (its identity
  // stays, so page scripts holding it keep working); marks and the text between them are inserted
  // after it in one step, and recorded for an exact undo. `base` turns batch-local match indices
  // into indices of state.matches. Returns the number of marks, or -1 if the page changed the
  // node since it was read.
  function wrap(seg, parts, matches, base) {
    const { node, data } = seg;
    const parent = node.parentNode;
    if (!parent || !node.isConnected || node.data !== data) return -1;
    const doc = node.ownerDocument;
    const frag = doc.createDocumentFragment();
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      const mark = makeMark(doc, matches[p.match], data.slice(p.from, p.to));
      frag.appendChild(mark);
      const key = base + p.match;
      const list = state.marks.get(key);
      if (list) list.push(mark); else state.marks.set(key, [mark]);
      const next = i + 1 < parts.length ? parts[i + 1].from : data.length;
      if (next > p.to) frag.appendChild(doc.createTextNode(data.slice(p.to, next)));
    }
    const added = [...frag.childNodes];
    parent.insertBefore(frag, node.nextSibling);
    node.data = data.slice(0, parts[0].from);
    state.records.push({ node, data, added });
    return parts.length;
  }

  /**
   * Highlighting comes in batches, so that it starts while the background still extracts the rest
   * of the text. `feed(batch)` queues one and returns at once; `finish(job)` resolves when the
   * last batch is drawn. A batch is `{job, seq, upTo, last, types, data, watch?}`: `data` is a
   * JSON string of `[start16, end16, typeIndex, value]` rows (offsets into the last collected
   * text, all below `upTo`), because one string crosses the process boundary far faster than
   * thousands of objects. Work is done in slices between which the page runs; it stops at
   * `maxMarks` or `highlightMs` (`partial` says which). Nodes the page changed in the meantime
   * are skipped (`stale`), never touched.
   */
  function feed(batch, opts = {}) {
    let job = state.job;
    if (!job || job.id !== batch.job) {
      if (batch.seq !== 0) {
        // Before its job's first batch (should injections ever arrive out of order), or from a job
        // a newer scan replaced: kept aside until the first batch of its job arrives, if ever.
        if (state.early.length > 64) state.early.shift();
        state.early.push(batch);
        return { queued: false };
      }
      job = startJob(batch.job, opts);
      for (const e of state.early) if (e.job === job.id) job.pending.set(e.seq, e);
      state.early = [];
    }
    if (batch.watch !== undefined) watch(batch.watch);
    job.pending.set(batch.seq, batch);
    if (!job.running) drive(job);
    return { queued: true };
  }

  function startJob(id, opts) {
    let resolve;
    const done = new Promise((ok) => { resolve = ok; });
    const job = {
      id, gen: state.gen, limits: { ...DEFAULT_LIMITS, ...opts }, pending: new Map(), next: 0, carry: [],
      running: false, done, resolve, result: null,
      marks: 0, stale: 0, skipped: 0, partial: null, t0: performance.now(), slice: 0, sliceMs: SLICE_MS,
    };
    state.job = job;
    state.matches = [];
    state.marks = new Map();
    state.cursor = new Map();
    return job;
  }

  function end(job, result) {
    if (job.result) return;
    job.result = result;
    if (state.job === job) state.segments = []; // offsets are stale once nodes are split
    dropOwnRecords();
    job.resolve(result);
  }

  /** Draws the queued batches in order, in slices; ends the job after the last one. */
  async function drive(job) {
    job.running = true;
    try {
      job.slice = performance.now();
      while (!job.result && job.pending.has(job.next)) {
        const b = job.pending.get(job.next);
        job.pending.delete(job.next);
        job.next++;
        if (!job.partial) {
          const ok = await drawBatch(job, b);
          if (!ok) { end(job, { aborted: true, marks: job.marks }); return; }
        }
        if (b.last) {
          end(job, { marks: job.marks, skipped: job.skipped, stale: job.stale, partial: job.partial, ms: performance.now() - job.t0 });
        }
      }
    } finally {
      job.running = false;
    }
  }

  async function drawBatch(job, b) {
    let rows = [];
    try { rows = JSON.parse(b.data); } catch { /* nothing to draw */ }
    let list = job.carry.concat(rows.map((r) => ({ start16: r[0], end16: r[1], type: b.types[r[2]], value: r[3] })));
    let { plan, skipped } = planParts(state.segments, list);
    job.carry = [];
    if (!b.last) {
      const wait = deferredMatches(plan, state.segments, b.upTo);
      if (wait.size) {
        job.carry = list.filter((_, i) => wait.has(i));
        list = list.filter((_, i) => !wait.has(i));
        ({ plan, skipped } = planParts(state.segments, list));
      }
    }
    job.skipped += skipped;
    const base = state.matches.length;
    for (const m of list) state.matches.push({ type: m.type, value: m.value, start16: m.start16, end16: m.end16 });
    const { limits } = job;
    for (let k = 0; k < plan.length; k++) {
      if ((k & 7) === 0) {
        const now = performance.now();
        if (now - job.t0 > limits.highlightMs) { job.partial = 'time'; break; }
        if (now - job.slice > job.sliceMs) {
          dropOwnRecords();
          const paused = performance.now();
          await pause();
          if (job.gen !== state.gen || state.job !== job || job.result) return false;
          job.slice = performance.now();
          // A long pause means the page spent it relaying out what we changed: take longer
          // slices then, so the work still gets its share (capped below a "long task").
          job.sliceMs = Math.min(MAX_SLICE_MS, Math.max(SLICE_MS, (job.slice - paused) / 2));
        }
      }
      if (job.marks >= limits.maxMarks) { job.partial = 'marks'; break; }
      const [si, parts] = plan[k];
      let n = -1;
      try { n = wrap(state.segments[si], parts, list, base); } catch { /* the page pulled the node away mid-step */ }
      if (n < 0) job.stale++;
      else job.marks += n;
    }
    dropOwnRecords();
    return true;
  }

  /** Resolves with `{marks, skipped, stale, partial, ms}` once job `id` is drawn (or `{aborted}`). */
  function finish(id) {
    const job = state.job;
    if (!job || job.id !== id) return Promise.resolve({ aborted: true, marks: 0 });
    // A batch that never comes (the background went away mid-scan) must not leave the caller
    // waiting forever: past the time limit, what is drawn is the (partial) result.
    const waited = setTimeout(() => {
      end(job, { marks: job.marks, skipped: job.skipped, stale: job.stale, partial: 'time', ms: performance.now() - job.t0 });
    }, job.limits.highlightMs + 5000);
    job.done.then(() => clearTimeout(waited));
    return job.done;
  }

  /** Highlights `matches` (`[{type, value, start16, end16}]`) in one batch (tests, small pages). */
  function highlight(matches, opts = {}) {
    const types = [...new Set(matches.map((m) => m.type))];
    const data = JSON.stringify(matches.map((m) => [m.start16, m.end16, types.indexOf(m.type), m.value]));
    const id = `local-${state.gen}-${performance.now()}`;
    feed({ job: id, seq: 0, upTo: Infinity, last: true, types, data }, opts);
    return finish(id);
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
    if (state.job) end(state.job, { aborted: true, marks: state.job.marks });
    state.job = null;
    dropOwnRecords();
    return { restored };
  }

  /** Scrolls to the next occurrence of (type, value) and flashes it; `{found, index}`. */
  function flash(type, value) {
    const live = [];
    state.matches.forEach((m, i) => {
      if (m.type !== type || m.value !== value) return;
      const own = liveMark(i) ? i : enclosing(i);
      if (own >= 0) live.push(own);
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

  function liveMark(i) {
    return state.marks.get(i)?.some((mk) => mk.isConnected);
  }

  /**
   * A nested match (a hash inside a URL: the core reports it right after the URL, overlapping it)
   * has no mark of its own; it is shown by the mark of the match containing it. -1 if none.
   */
  function enclosing(i) {
    const m = state.matches[i];
    for (let j = i - 1; j >= 0 && i - j <= 8; j--) {
      const p = state.matches[j];
      if (p.start16 <= m.start16 && p.end16 >= m.end16 && liveMark(j)) return j;
    }
    return -1;
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
    value: Object.freeze({ collect, feed, finish, highlight, clear, flash, watch }),
    configurable: false,
    enumerable: false,
    writable: false,
  });
})();
