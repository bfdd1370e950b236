// The wasm binding's export functions (exportMatches, defang, exportFormats) called the way the
// extension and the web page call them, on the built module in pkg/ (make wasm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import init, { extract, exportMatches, defang, exportFormats } from '../../pkg/ioclens.js';

const here = (p) => new URL(p, import.meta.url);
await init({ module_or_path: readFileSync(here('../../pkg/ioclens_bg.wasm')) });

const golden = (name) => readFileSync(here(`../golden/${name}`), 'utf8');
const sampleOpts = {
  source: 'https://intel.example.org/reports/paper-lantern',
  timestamp: '2026-03-14T09:26:53Z',
};

test('exportMatches through the binding is byte-identical to the native goldens', () => {
  const matches = JSON.parse(golden('sample-report.matches.json'));
  for (const [format, file] of [['stix', 'sample.stix.json'], ['misp', 'sample.misp.json'],
    ['csv', 'sample.csv'], ['txt-grouped', 'sample.grouped.txt'], ['summary', 'sample.summary.json']]) {
    assert.equal(exportMatches(matches, format, sampleOpts), golden(file), format);
  }
  assert.equal(exportMatches(matches, 'md', { ...sampleOpts, defanged: true }), golden('sample.md'));
});

test('exportMatches takes what extract returned, start16/end16 included', () => {
  const text = '😀 C2 hxxps[://]evil[.]com/gate and 8.8.8.8 and evil[.]com/gate again: hxxps[://]evil[.]com/gate';
  const found = extract(text, { allowlist: '8.8.8.8' });
  assert.ok(found[0].start16 !== undefined);
  const lines = exportMatches(found, 'txt', {}).split('\n');
  assert.deepEqual(lines, ['https://evil.com/gate', 'evil.com/gate', 'https://evil.com/gate', ''], 'allowlisted hidden by default');
  const opts = { includeAllowlisted: true, dedupe: true, defanged: true };
  assert.equal(exportMatches(found, 'txt', opts), '[https]://evil[.]com/gate\n8[.]8[.]8[.]8\nevil[.]com/gate\n');
  const tagged = found.map((m, i) => ({ ...m, source: `tab ${i}` }));
  const rows = exportMatches(tagged, 'csv', {}).trim().split('\r\n');
  assert.equal(rows[1].split(',').at(-1), 'tab 0');
});

test('exportMatches reports bad input as an Error that names it', () => {
  assert.throws(() => exportMatches([], 'xml', {}), /unknown export format "xml"/);
  assert.throws(() => exportMatches([], 'csv', { includeAllowListed: true }), /includeAllowListed/);
  assert.throws(() => exportMatches([], 'stix', { timestamp: 'now' }), /RFC 3339/);
  assert.throws(() => exportMatches([{ value: 'x' }], 'csv', {}), /type/);
  assert.equal(exportMatches([], 'csv', undefined), 'type,value,raw,start,end,defanged,flags,source\r\n');
});

test('defang, with and without a type', () => {
  assert.equal(defang('https://bad.example/p'), '[https]://bad[.]example/p');
  assert.equal(defang('user@bad.example', 'email'), 'user[@]bad[.]example');
  assert.equal(defang('2001:db8::1'), '2001[:]db8[:][:]1');
  assert.equal(defang('invoice.zip', 'filename'), 'invoice.zip');
});

test('exportFormats lists every format with extension and media type', () => {
  const fs = exportFormats();
  assert.deepEqual(fs.map((f) => f.name), ['json', 'jsonl', 'csv', 'txt', 'txt-grouped', 'md', 'defanged', 'stix', 'misp', 'summary']);
  assert.deepEqual(fs.find((f) => f.name === 'csv'), { name: 'csv', extension: 'csv', mediaType: 'text/csv' });
});
