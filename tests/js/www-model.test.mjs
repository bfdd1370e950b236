// Paste-box page, pure result logic: pieces for the worker, folding matches into rows, filters,
// sort, line numbers, span lookups, options storage, export file names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pieces, cutAt, nextSize, utf8Length, Aggregator } from '../../www/chunks.js';
import { filterRows, sortRows, typeCounts, lineNumbers, nextSpan, spanAt, shown } from '../../www/model.js';
import { loadSettings, saveSettings, parseCustom, coreOptions, DEFAULTS } from '../../www/settings.js';
import { exportFileName, downloadType, setExportFormats } from '../../www/output.js';

test('pieces cover the text exactly, end at line breaks when they can, never split a pair', () => {
  const text = 'line one 1.2.3.4\n'.repeat(50) + 'x'.repeat(300) + '😀'.repeat(100);
  for (const size of [16, 64, 100, 1000, 1 << 16]) {
    const ps = pieces(text, size);
    assert.equal(ps[0][0], 0);
    assert.equal(ps.at(-1)[1], text.length);
    for (let i = 1; i < ps.length; i++) assert.equal(ps[i][0], ps[i - 1][1], 'contiguous');
    for (const [a, b] of ps) {
      assert.ok(b > a && b - a <= size, `piece ${a}-${b} of size ${size}`);
      const c = text.charCodeAt(b - 1);
      assert.ok(!(c >= 0xd800 && c <= 0xdbff), 'no high surrogate at a piece end');
    }
  }
  // Inside the lines part, pieces end right after a newline.
  assert.equal(cutAt(text, 0, 100), 85);
  assert.equal(text[84], '\n');
  // With no newline in reach, after whitespace.
  assert.equal(cutAt('aaaa bbbb cccc dddd', 0, 12), 10);
  assert.equal(pieces('').length, 1);
});

test('piece size follows the measured speed, within bounds', () => {
  assert.equal(nextSize(1 << 16, 1 << 16, 50), 1 << 16); // on target
  assert.equal(nextSize(1 << 16, 1 << 16, 500), 1 << 14); // 10x too slow → floor
  assert.equal(nextSize(1 << 16, 1 << 16, 25), 1 << 17); // twice as fast → double
  assert.equal(nextSize(1 << 16, 1 << 16, 0), 1 << 18); // growth capped at 4x per step
});

test('utf8Length agrees with TextEncoder', () => {
  for (const s of ['', 'abc', 'é', '€', '😀', 'a\uD800b', '\uDC00', 'ü😀x€']) {
    assert.equal(utf8Length(s), new TextEncoder().encode(s).length, JSON.stringify(s));
  }
});

const m = (type, value, start16, extra = {}) => ({
  type, value, raw: value, start: start16, end: start16 + value.length, start16, end16: start16 + value.length, defanged: false, flags: [], ...extra,
});

test('matches fold into one row per (type, value), offsets made absolute per piece', () => {
  const agg = new Aggregator();
  agg.add([m('ipv4', '1.2.3.4', 0), m('domain', 'evil.com', 10)], 0, 0);
  agg.add([m('ipv4', '1.2.3.4', 2, { flags: ['private'] }), m('url', 'http://x.y', 20)], 100, 120);
  assert.deepEqual(agg.rows.map((r) => [r.type, r.value, r.count, r.first, r.flags]), [
    ['ipv4', '1.2.3.4', 2, 0, ['private']],
    ['domain', 'evil.com', 1, 10, []],
    ['url', 'http://x.y', 1, 120, []],
  ]);
  assert.deepEqual([...agg.spanArray()], [0, 7, 0, 10, 18, 1, 102, 109, 0, 120, 130, 2]);
  assert.equal(agg.firsts[2].start, 140, 'byte offsets shifted by the bytes before the piece');
  assert.equal(agg.firsts[2].start16, 120);
  assert.equal(agg.total, 4);
});

const rows = [
  { type: 'url', value: 'https://b.example/x', raw: 'hxxps[://]b[.]example/x', defangedValue: 'hxxps[://]b[.]example/x', flags: [], count: 2, first: 5 },
  { type: 'ipv4', value: '10.0.0.1', raw: '10.0.0.1', defangedValue: '10.0.0[.]1', flags: ['private', 'allowlisted'], count: 1, first: 40 },
  { type: 'ipv4', value: '9.9.9.9', raw: '9.9.9.9', defangedValue: '9.9.9[.]9', flags: [], count: 3, first: 20 },
  { type: 'ticket', value: 'TICKET-42', raw: 'TICKET-42', flags: [], count: 1, first: 60 },
];

test('type counts follow the core order, custom types last; allowlisted can be hidden', () => {
  assert.deepEqual(typeCounts(rows, false, ['ipv4', 'url']), [['ipv4', 2], ['url', 1], ['ticket', 1]]);
  assert.deepEqual(typeCounts(rows, true, ['ipv4', 'url']), [['ipv4', 1], ['url', 1], ['ticket', 1]]);
});

test('filters: by type chips, by text in any form, hiding allowlisted', () => {
  assert.deepEqual(filterRows(rows), [0, 1, 2, 3]);
  assert.deepEqual(filterRows(rows, { types: new Set(['ipv4']) }), [1, 2]);
  assert.deepEqual(filterRows(rows, { types: new Set(['ipv4', 'ticket']) }), [1, 2, 3]);
  assert.deepEqual(filterRows(rows, { text: 'B.EXAMPLE' }), [0]);
  assert.deepEqual(filterRows(rows, { text: '[.]' }), [0, 1, 2], 'the defanged forms are searched too');
  assert.deepEqual(filterRows(rows, { text: 'ipv4', hideAllowlisted: true }), [2]);
  assert.deepEqual(filterRows(rows, { text: '  ' }), [0, 1, 2, 3]);
});

test('sort by each column, both directions, ties in text order', () => {
  const ids = () => [0, 1, 2, 3];
  assert.deepEqual(sortRows(ids(), rows, 'first', 1), [0, 2, 1, 3]);
  assert.deepEqual(sortRows(ids(), rows, 'first', -1), [3, 1, 2, 0]);
  assert.deepEqual(sortRows(ids(), rows, 'type', 1), [2, 1, 3, 0]);
  assert.deepEqual(sortRows(ids(), rows, 'count', -1), [2, 0, 1, 3]);
  assert.deepEqual(sortRows(ids(), rows, 'value', 1), [2, 1, 0, 3], 'numeric-aware: 9.9.9.9 before 10.0.0.1');
});

test('line numbers of first occurrences', () => {
  const text = 'a\nbb\n\nccc 9.9.9.9\n';
  const r = [{ first: 10 }, { first: 0 }, { first: 3 }, { first: 999 }];
  assert.deepEqual([...lineNumbers(text, r)], [4, 1, 2, 5]);
});

test('span lookups: next occurrence of a row (wrapping), first span at a position', () => {
  const spans = Uint32Array.from([0, 5, 0, 10, 15, 1, 20, 25, 0, 30, 35, 2]);
  assert.equal(nextSpan(spans, 0), 0);
  assert.equal(nextSpan(spans, 0, 0), 2);
  assert.equal(nextSpan(spans, 0, 2), 0, 'wraps to the first occurrence');
  assert.equal(nextSpan(spans, 2), 3);
  assert.equal(nextSpan(spans, 7), -1);
  assert.equal(spanAt(spans, 0), 0);
  assert.equal(spanAt(spans, 5), 1);
  assert.equal(spanAt(spans, 12), 1);
  assert.equal(spanAt(spans, 99), 4);
  assert.equal(shown(rows[2], 'defanged'), '9.9.9[.]9');
  assert.equal(shown(rows[3], 'defanged'), 'TICKET-42', 'no defanged form: the value');
});

function memoryStorage() {
  const m = new Map();
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)) };
}

test('options survive a save and load; junk in storage falls back to defaults', () => {
  const st = memoryStorage();
  assert.deepEqual(loadSettings(st), { ...DEFAULTS });
  const s = { ...DEFAULTS, types: ['ipv4', 'url'], allowlist: '8.8.8.8', custom: 'ticket = TICKET-[0-9]+', display: 'defanged', hideAllowlisted: true, format: 'csv' };
  assert.equal(saveSettings(s, st), true);
  assert.deepEqual(loadSettings(st), s);
  st.setItem('ioclens.www.options.v1', '{"types": "all", "display": "sideways", "allowlist": 5}');
  assert.deepEqual(loadSettings(st), { ...DEFAULTS });
  st.setItem('ioclens.www.options.v1', 'not json');
  assert.deepEqual(loadSettings(st), { ...DEFAULTS });
  assert.equal(saveSettings(s, { setItem: () => { throw new Error('quota'); } }), false);
});

test('custom patterns parse from "name = regex" lines and become core options', () => {
  const { custom, errors } = parseCustom('# comment\nticket = TICKET-[0-9]+\n\n  case_id=CASE=(\\d+)\nbad line\n');
  assert.deepEqual(custom, [
    { name: 'ticket', pattern: 'TICKET-[0-9]+', priority: 1 },
    { name: 'case_id', pattern: 'CASE=(\\d+)', priority: 1 },
  ]);
  assert.deepEqual(errors, ['line 5: write it as name = regex']);
  assert.deepEqual(coreOptions({ ...DEFAULTS, custom: 'a = x' }), { allowlist: '', custom: [{ name: 'a', pattern: 'x', priority: 1 }] });
  assert.deepEqual(coreOptions({ ...DEFAULTS, types: ['ipv4'] }).types, ['ipv4']);
});

test('export file names and types come from the core\'s table', () => {
  setExportFormats([
    { name: 'csv', extension: 'csv', mediaType: 'text/csv' },
    { name: 'stix', extension: 'json', mediaType: 'application/stix+json' },
    { name: 'misp', extension: 'json', mediaType: 'application/json' },
  ]);
  assert.equal(exportFileName('csv', 'APT report (final).html'), 'ioclens-APT_report_final.csv');
  assert.equal(exportFileName('stix', ''), 'ioclens-pasted-stix.json');
  assert.equal(exportFileName('misp', '../../etc/passwd'), 'ioclens-etc_passwd-misp.json');
  assert.equal(downloadType('stix'), 'application/stix+json;charset=utf-8');
  assert.throws(() => exportFileName('nope', 'x.txt'), /unknown export format "nope"/);
  setExportFormats(undefined);
  assert.throws(() => exportFileName('csv', 'x.txt'), /unknown export format/);
});
