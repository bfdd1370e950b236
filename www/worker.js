// The extraction worker: owns the wasm core so that a 50 MB input never blocks the page.
// Protocol (every reply carries the request id):
//   {kind:'init', wasm?}                      → {kind:'ready', types, version, exports, formats}
//   {kind:'extract', text, options}           → {kind:'progress', done, total}* then
//                                               {kind:'result', rows, spans, lines, total, ms} | {kind:'error'}
//   {kind:'export', rows, format, options}    → {kind:'exported', text} | {kind:'error'}
// Big texts are processed in pieces with a yield in between, so a newer 'extract' can supersede
// an older one (the older is abandoned) and progress reaches the page while work goes on.
import * as core from './pkg/ioclens.js';
import { PIECE, cutAt, nextSize, utf8Length, Aggregator } from './chunks.js';
import { lineNumbers } from './model.js';

let ready = null;
let extractor = null;
let extractorKey = '';
let latestExtract = 0;
let last = null; // the last finished extraction (its rows' first matches feed exports)

const post = (msg, transfer) => self.postMessage(msg, transfer || []);
const pause = () => new Promise((ok) => setTimeout(ok, 0));

function init(msg) {
  // The single-file page hands over the wasm bytes; the served page lets the glue fetch its file.
  const source = msg.wasm ?? new URL('./pkg/ioclens_bg.wasm', import.meta.url);
  ready = core.default({ module_or_path: source }).then(() => ({
    types: core.typeNames(),
    version: core.version(),
    exports: typeof core.exportMatches === 'function',
    formats: typeof core.exportFormats === 'function' ? core.exportFormats() : [], // file extensions, media types
  }));
  return ready;
}

function configure(options) {
  const key = JSON.stringify(options || {});
  if (key !== extractorKey || !extractor) {
    const next = new core.IocExtractor(options || {});
    extractor?.free();
    extractor = next;
    extractorKey = key;
  }
}

async function extract(id, text, options) {
  latestExtract = id;
  configure(options);
  const t0 = performance.now();
  const agg = new Aggregator();
  let size = PIECE;
  let bytes = 0;
  for (let a = 0; a < text.length || a === 0;) {
    const b = cutAt(text, a, size);
    const whole = a === 0 && b === text.length;
    const piece = whole ? text : text.slice(a, b);
    const t = performance.now();
    agg.add(extractor.extract(piece), a, bytes);
    if (whole) break;
    size = nextSize(size, b - a, performance.now() - t);
    bytes += utf8Length(piece);
    post({ kind: 'progress', id, done: b, total: text.length });
    await pause();
    if (latestExtract !== id) return; // superseded by a newer request
    a = b;
  }
  // Defanged display forms come from the core too, when this build has them.
  const defang = typeof core.defang === 'function' ? core.defang : null;
  for (const r of agg.rows) r.defangedValue = defang ? defang(r.value, r.type) : r.value;
  const spans = agg.spanArray();
  const lines = lineNumbers(text, agg.rows);
  last = agg;
  post({ kind: 'result', id, rows: agg.rows, spans, lines, total: agg.total, ms: performance.now() - t0 }, [spans.buffer, lines.buffer]);
}

function exportRows(id, rowIds, format, options) {
  if (typeof core.exportMatches !== 'function') throw new Error('this build of the core has no exports yet');
  if (!last) throw new Error('nothing extracted yet');
  // Rows in order of first appearance, each represented by its first match.
  const ids = [...rowIds].sort((x, y) => x - y);
  const matches = ids.map((r) => last.firsts[r]).filter(Boolean);
  post({ kind: 'exported', id, text: core.exportMatches(matches, format, options) });
}

self.onmessage = async ({ data: msg }) => {
  try {
    if (msg.kind === 'init') {
      post({ kind: 'ready', id: msg.id, ...(await init(msg)) });
      return;
    }
    await ready;
    if (msg.kind === 'extract') await extract(msg.id, msg.text, msg.options);
    else if (msg.kind === 'export') exportRows(msg.id, msg.rows, msg.format, msg.options);
    else throw new Error(`unknown request ${msg.kind}`);
  } catch (e) {
    post({ kind: 'error', id: msg.id, message: e?.message || String(e) });
  }
};
