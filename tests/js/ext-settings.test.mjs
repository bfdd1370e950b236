// Settings: whatever storage holds becomes valid settings; mapping to the core's options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULTS, normalizeSettings, extractorOptions, warninglistName, exportFileName, EXPORT_FORMATS } from '../../extension/lib/settings.js';

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

test('export file names are safe and carry the right extension', () => {
  const d = new Date(2024, 0, 2, 3, 4, 5);
  assert.equal(exportFileName('stix', 'https://blog.example.com/post?x=1', d), 'ioclens-blog.example.com-20240102-030405.stix.json');
  assert.equal(exportFileName('csv', undefined, d), 'ioclens-selection-20240102-030405.csv');
  assert.equal(exportFileName('json', 'not a url', d), 'ioclens-selection-20240102-030405.json');
  assert.equal(exportFileName('txt', 'file:///home/a/report.html', d), 'ioclens-page-20240102-030405.txt');
  for (const f of Object.keys(EXPORT_FORMATS)) assert.match(exportFileName(f, 'https://a.b/', d), /^ioclens-a\.b-\d{8}-\d{6}\.[a-z.]+$/);
});
