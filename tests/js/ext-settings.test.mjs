// Settings: whatever storage holds becomes valid settings; mapping to the core's options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULTS, normalizeSettings, extractorOptions, warninglistName, exportDownload } from '../../extension/lib/settings.js';

test('nothing stored, or junk stored, gives the defaults', () => {
  for (const raw of [undefined, null, 42, 'x', [], {}]) assert.deepEqual(normalizeSettings(raw), { ...DEFAULTS });
});

test('bad fields fall back one by one, good ones are kept', () => {
  const s = normalizeSettings({
    types: ['ipv4', 'url', 'ipv4'], allowlist: 7, exportFormat: 'exe', highlight: 'yes', autoRescan: true,
    allowlisted: 'hide', private: 'explode',
    custom: [{ name: 'ticket', pattern: 'TICKET-[0-9]+' }, { name: 'Bad Name', pattern: 'x' }, { name: 'nopat' }, null],
    warninglists: [{ name: 'w', json: '{"list":[]}' }, { name: 3, json: '{}' }, 'str'],
    extra: 'dropped',
  });
  assert.deepEqual(s.types, ['ipv4', 'url']);
  assert.equal(s.allowlist, '');
  assert.equal(s.exportFormat, 'json');
  assert.equal(s.highlight, true);
  assert.equal(s.autoRescan, true);
  assert.equal(s.allowlisted, 'hide');
  assert.equal(s.private, DEFAULTS.private);
  assert.deepEqual(s.custom, [{ name: 'ticket', pattern: 'TICKET-[0-9]+', priority: 1 }]);
  assert.deepEqual(s.warninglists, [{ name: 'w', json: '{"list":[]}' }]);
  assert.equal(s.extra, undefined);
  assert.equal(normalizeSettings({ types: ['ipv4', '<script>'] }).types, null);
});

test('core options: types only when chosen; warninglists as texts', () => {
  assert.deepEqual(extractorOptions(normalizeSettings({})), { allowlist: '', warninglists: [], custom: [] });
  const o = extractorOptions(normalizeSettings({ types: ['cve'], allowlist: '8.8.8.8', warninglists: [{ name: 'a', json: '{"list":["x"]}' }] }));
  assert.deepEqual(o, { allowlist: '8.8.8.8', warninglists: ['{"list":["x"]}'], custom: [], types: ['cve'] });
});

test('warninglistName accepts MISP list.json and names it, rejects other files', () => {
  assert.equal(warninglistName('{"name":"List of known Google domains","list":["google.com"]}', 'f.json'), 'List of known Google domains');
  assert.equal(warninglistName('{"list":[]}', 'f.json'), 'f.json');
  assert.throws(() => warninglistName('not json', 'f'), /not JSON/);
  assert.throws(() => warninglistName('{"values":[]}', 'f'), /no "list"/);
  assert.throws(() => warninglistName('null', 'f'), /warninglist/);
});

// A table shaped like the core's exportFormats() (the real one is checked in export-formats.test.mjs).
const FORMATS = [
  { name: 'json', extension: 'json', mediaType: 'application/json' },
  { name: 'csv', extension: 'csv', mediaType: 'text/csv' },
  { name: 'txt', extension: 'txt', mediaType: 'text/plain' },
  { name: 'stix', extension: 'json', mediaType: 'application/stix+json' },
];

test('export downloads: safe names, extension and media type from the core\'s table', () => {
  const d = new Date(2024, 0, 2, 3, 4, 5);
  assert.deepEqual(exportDownload('stix', FORMATS, 'https://blog.example.com/post?x=1', d),
    { name: 'ioclens-blog.example.com-20240102-030405-stix.json', type: 'application/stix+json' });
  assert.deepEqual(exportDownload('csv', FORMATS, undefined, d), { name: 'ioclens-selection-20240102-030405.csv', type: 'text/csv' });
  assert.equal(exportDownload('json', FORMATS, 'not a url', d).name, 'ioclens-selection-20240102-030405.json');
  assert.equal(exportDownload('txt', FORMATS, 'file:///home/a/report.html', d).name, 'ioclens-page-20240102-030405.txt');
  assert.equal(exportDownload('csv', FORMATS, 'https://a/b\\c', d).name, 'ioclens-a-20240102-030405.csv');
  assert.throws(() => exportDownload('md', FORMATS, 'https://a.b/', d), /unknown export format "md"/);
  assert.throws(() => exportDownload('json', undefined, 'https://a.b/', d), /unknown export format/);
});
