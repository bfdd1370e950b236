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
  // By localName (lower case for HTML elements, and no new string per element as tagName.toUpperCase() makes).
  const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'object', 'embed', 'svg',
    'math', 'textarea', 'select', 'input', 'canvas', 'video', 'audio', 'img']);
  // Work per task before yielding to the page: 8 ms, longer on pages where each yield costs a long
  // relayout (huge documents), so that work still gets a fair share of the time. At most 16 ms:
  // the browser's next frame lays out what a slice changed, at about four times the slice's own
  // time on text-heavy pages (1 MB page: 16 ms slices, frames of ~60 ms; 50 ms slices made frames
  // of 100-150 ms for no measurable gain in total time; 8 ms slices tripled the frames and cost
  // ~40% more time in paint bookkeeping).
  const SLICE_MS = 8;
  const MAX_SLICE_MS = 16;
  // Text is handed to the background in pieces of about this many characters while it is read.
  const PIECE = 48 * 1024;
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
   * `view` is the element's document's window.
   */
  function showAs(el, view) {
    if (!view) return 'block';
    const s = view.getComputedStyle(el);
    const d = s.display;
    if (d === 'none') return 'none';
    const v = s.visibility;
    if (v === 'hidden' || v === 'collapse' || s.contentVisibility === 'hidden') return 'none';
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
    clear();
    const all = [];
    const r = await walk({ ...DEFAULT_LIMITS, ...opts }, state.gen, (text) => all.push(text));
    return r.aborted || r.pdf ? { ...r, text: '' } : { ...r, text: all.join('') };
  }

  /**
   * The walk behind collect and the streamed scan: `onText(text)` receives the text read so far
   * in pieces of about `PIECE` characters (the last one when the walk ends), so that the
   * background can extract the start of the page while the rest is still being read. Fills
   * state.segments. Resolves `{chars, partial, ms, url, title}`, `{aborted}` or `{pdf}`.
   */
  async function walk(limits, gen, onText) {
    if (document.contentType === 'application/pdf') return { pdf: true };
    let parts = [];
    let pieceLen = 0;
    const flush = () => { if (parts.length) { onText(parts.join('')); parts = []; pieceLen = 0; } };
    const segments = [];
    state.segments = segments;
    let len = 0;
    let partial = null;
    const t0 = performance.now();
    let slice = t0;
    let steps = 0;
    // Explicit stack (not recursion): hostile pages nest elements deeper than the JS stack.
    const stack = document.body ? [document.body] : [];
    const pushChildren = (parent) => { for (let c = parent.lastChild; c; c = c.previousSibling) stack.push(c); };
    let lastDoc = null;
    let view = null;
    const add = (text) => { parts.push(text); len += text.length; pieceLen += text.length; };
    while (stack.length) {
      if ((++steps & 255) === 0) {
        const now = performance.now();
        if (now - t0 > limits.collectMs) { partial = 'time'; break; }
        if (pieceLen >= PIECE) flush();
        if (now - slice > SLICE_MS) {
          await pause();
          if (gen !== state.gen) return { aborted: true };
          slice = performance.now();
        }
      }
      const node = stack.pop();
      if (typeof node === 'string') { add(node); continue; }
      const type = node.nodeType;
      if (type === 3) { // Node.TEXT_NODE
        const data = node.data;
        if (!data.length) continue;
        if (len + data.length > limits.maxChars) { partial = 'size'; break; }
        segments.push({ node, start: len, end: len + data.length, data });
        add(data);
        continue;
      }
      if (type !== 1) continue; // Node.ELEMENT_NODE
      const tag = node.localName;
      if (tag === 'br') { add('\n'); continue; }
      if (SKIP.has(tag) || node.isContentEditable) continue;
      const doc = node.ownerDocument; // frames have their own (one window per document, cached)
      if (doc !== lastDoc) { lastDoc = doc; view = doc.defaultView; }
      const show = showAs(node, view);
      if (show === 'none') continue;
      if (tag === 'iframe' || tag === 'frame') {
        const body = frameBody(node);
        if (body) { add('\n'); stack.push('\n', body); }
        continue;
      }
      if (show === 'block') { add('\n'); stack.push('\n'); }
      if (tag === 'details' && !node.open) {
        // A closed <details> shows its <summary> only (the rest is hidden without any style of its own).
        const summary = [...node.children].find((c) => c.localName === 'summary');
        if (summary) stack.push(summary);
        continue;
      }
      if (node.shadowRoot) pushChildren(node.shadowRoot);
      pushChildren(node);
    }
    flush();
    return { chars: len, partial, ms: performance.now() - t0, url: location.href, title: document.title };
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
    const added = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      const mark = makeMark(doc, matches[p.match], data.slice(p.from, p.to));
      frag.appendChild(mark);
      added.push(mark);
      const key = base + p.match;
      const list = state.marks.get(key);
      if (list) list.push(mark); else state.marks.set(key, [mark]);
      const next = i + 1 < parts.length ? parts[i + 1].from : data.length;
      if (next > p.to) added.push(frag.appendChild(doc.createTextNode(data.slice(p.to, next))));
    }
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
    if (!job.running && !job.reading) drive(job);
    return { queued: true };
  }

  /**
   * The streamed scan, over a port the background opens to this frame after injecting: 'start'
   * clears earlier highlights, reads the text and posts it back in pieces ('text', then 'read'
   * with the totals) while reading goes on; the background extracts each piece as it arrives and
   * posts its matches back ('batch', as for feed), which are drawn once the reading is done (it
   * comes first: it keeps the extraction fed); 'done' carries the drawing's result.
   */
  function serve(port) {
    let open = null; // the job this port is scanning, until its result ('done') is posted
    const post = (m) => {
      if (m.type === 'done' && m.job === open) open = null;
      try { port.postMessage(m); } catch { /* the background went away */ }
    };
    port.onMessage.addListener((msg) => {
      if (msg?.type === 'start' && typeof msg.job === 'string') {
        open = msg.draw ? msg.job : null;
        stream(msg, post).catch((e) => post({ type: 'error', message: String(e?.message || e) }));
      } else if (msg?.type === 'batch' && state.job?.id === msg.job) feed(msg);
    });
    // The background gave up mid-scan (an extraction error, the worker stopped): its popup says
    // so, and the page must not be left half highlighted with the reading still going on.
    port.onDisconnect.addListener(() => {
      if (open !== null && (state.job === null || state.job.id === open)) clear();
      open = null;
    });
  }

  async function stream(msg, post) {
    clear();
    const limits = { ...DEFAULT_LIMITS, ...msg.limits };
    const job = msg.draw ? startJob(msg.job, limits) : null;
    if (job) job.reading = true;
    watch(Boolean(msg.watch)); // the observer first: highlighting drops its own records
    let seq = 0;
    const read = await walk(limits, state.gen, (text) => post({ type: 'text', job: msg.job, seq: seq++, text }));
    post({ type: 'read', job: msg.job, ...read });
    if (!job) return;
    job.reading = false;
    job.t0 = performance.now(); // the highlighting budget counts from here, as for feed
    if (!read.aborted && !read.pdf) job.view = onScreen();
    if (read.aborted || read.pdf) end(job, { aborted: true, marks: 0 });
    else if (!job.running) drive(job);
    post({ type: 'done', job: msg.job, result: await finish(job.id) });
    // When the browser has rendered the highlights: the next frame's rendering is done when a
    // task queued from its animation-frame callback runs (the benchmark reports both times).
    // A hidden tab renders no frame (nor one that is hidden before the next frame): a timer
    // answers in its place, so that the scan never waits for a frame that will not come.
    let told = false;
    const painted = () => { if (!told) { told = true; post({ type: 'painted', job: msg.job }); } };
    if (document.visibilityState === 'hidden') painted();
    else {
      requestAnimationFrame(() => setTimeout(painted, 0));
      setTimeout(painted, 1000);
    }
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

  /**
   * Draws the queued batches in order, in slices; ends the job after the last one. The batches
   * that are there when it starts are drawn as one (so that the part of the page on screen can
   * go first, see drawBatch).
   */
  async function drive(job) {
    job.running = true;
    try {
      job.slice = performance.now();
      while (!job.result && job.pending.has(job.next)) {
        if (!viewArrived(job)) return; // drawn when the batch that reaches the screen comes (feed)
        const group = [];
        while (job.pending.has(job.next)) {
          const b = job.pending.get(job.next);
          job.pending.delete(job.next);
          job.next++;
          group.push(b);
          if (b.last) break;
        }
        if (!job.partial) {
          const ok = await drawBatch(job, group);
          if (!ok) { end(job, { aborted: true, marks: job.marks }); return; }
        }
        if (group.at(-1).last) {
          end(job, { marks: job.marks, skipped: job.skipped, stale: job.stale, partial: job.partial, ms: performance.now() - job.t0 });
        }
      }
    } finally {
      job.running = false;
    }
  }

  /**
   * Whether drawing may start: with a part of the page on screen to draw first (`job.view`), not
   * before the batches that have come reach it (or the last one has come). Extraction can lag
   * behind reading on a loaded machine; drawing the top of the page meanwhile put it first.
   */
  function viewArrived(job) {
    const seg = job.view && state.segments[job.view[0]];
    if (!seg) return true;
    for (let k = job.next; job.pending.has(k); k++) {
      const b = job.pending.get(k);
      if (b.last || b.upTo > seg.start) return true;
    }
    return false;
  }

  /**
   * The range of segments on screen, `[first, last]` indices into state.segments, or null: the
   * text nodes under a few points of the viewport. A layout read, made before the first
   * highlight is drawn (the reading changed nothing), so it forces no extra layout.
   */
  function onScreen() {
    const segs = state.segments;
    if (!segs.length || !document.body) return null;
    const at = (x, y) => {
      const p = document.caretPositionFromPoint?.(x, y);
      if (p) return p.offsetNode;
      return document.caretRangeFromPoint?.(x, y)?.startContainer ?? null;
    };
    const found = new Set();
    const w = document.documentElement.clientWidth || innerWidth;
    const h = document.documentElement.clientHeight || innerHeight;
    for (const fy of [0.05, 0.25, 0.5, 0.75, 0.95]) {
      for (const fx of [0.25, 0.5]) {
        const n = at(w * fx, h * fy);
        if (n && n.nodeType === 3) found.add(n);
      }
    }
    if (!found.size) return null;
    let first = -1;
    let last = -1;
    for (let i = 0; i < segs.length; i++) {
      if (found.has(segs[i].node)) { if (first < 0) first = i; last = i; }
    }
    return first < 0 ? null : [first, last];
  }

  /**
   * The plan (in segment order) with the text nodes on screen first: what the user is looking
   * at is highlighted first, the rest follows in document order. `view` is onScreen()'s range;
   * a margin of text nodes around it is included. Null if no part of the plan is near the screen
   * (its batch has not come yet).
   */
  function screenFirst(plan, view) {
    const MARGIN = 64;
    const near = (si) => si >= view[0] - MARGIN && si <= view[1] + MARGIN;
    const first = plan.filter(([si]) => near(si));
    if (!first.length) return null;
    return first.concat(plan.filter(([si]) => !near(si)));
  }

  async function drawBatch(job, batches) {
    let list = job.carry;
    for (const b of batches) {
      let rows = [];
      try { rows = JSON.parse(b.data); } catch { /* nothing to draw */ }
      list = list.concat(rows.map((r) => ({ start16: r[0], end16: r[1], type: b.types[r[2]], value: r[3] })));
    }
    const b = batches.at(-1);
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
    const mine = job.view && screenFirst(plan, job.view);
    if (mine) { plan = mine; job.view = null; }
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

  // Only the extension's own background opens ports to its content script (tabs.connect).
  chrome.runtime.onConnect.addListener((port) => {
    if (port.name === 'ioclens-scan' && port.sender?.id === chrome.runtime.id) serve(port);
  });

  Object.defineProperty(globalThis, '__ioclens', {
    value: Object.freeze({ collect, feed, finish, highlight, clear, flash, watch }),
    configurable: false,
    enumerable: false,
    writable: false,
  });
})();
