// Grouping, filtering and display settings of the popup list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupMatches, filterGroups, counts, matchesOf, copyText, visibility } from '../../extension/lib/group.js';

const M = (type, value, raw = value, flags = [], defanged = raw !== value) => ({ type, value, raw, flags, defanged });
const matches = [
  M('domain', 'evil.com', 'evil[.]com'),
  M('ipv4', '10.0.0.1', '10.0.0.1', ['private']),
  M('domain', 'evil.com', 'evil(.)com'),
  M('ipv4', '8.8.8.8', '8.8.8.8', ['allowlisted']),
  M('url', 'http://evil.com/a', 'hxxp://evil[.]com/a'),
  M('domain', 'evil.com'),
  M('ticket', 'TICKET-1'),
  M('cve', 'CVE-2023-23397'),
];
const show = { allowlisted: 'dim', private: 'show' };

test('one item per (type, value) with counts, raw forms and merged flags; groups in canonical order', () => {
  const g = groupMatches(matches, show);
  assert.deepEqual(g.map((x) => x.type), ['ipv4', 'domain', 'url', 'cve', 'ticket']);
  const evil = g[1].items[0];
  assert.equal(evil.count, 3);
  assert.deepEqual(evil.raws, ['evil[.]com', 'evil(.)com']);
  assert.equal(evil.defanged, true);
  assert.deepEqual(evil.indices, [0, 2, 5]);
});

test('visibility spec table', () => {
  const cases = [
    [[], { allowlisted: 'hide', private: 'hide' }, 'show'],
    [['allowlisted'], { allowlisted: 'dim', private: 'show' }, 'dim'],
    [['allowlisted'], { allowlisted: 'hide', private: 'show' }, 'hide'],
    [['private'], { allowlisted: 'dim', private: 'show' }, 'show'],
    [['loopback'], { allowlisted: 'dim', private: 'dim' }, 'dim'],
    [['documentation'], { allowlisted: 'dim', private: 'hide' }, 'hide'],
    [['reserved', 'allowlisted'], { allowlisted: 'dim', private: 'hide' }, 'hide'],
    [['version_like'], { allowlisted: 'hide', private: 'hide' }, 'show'],
  ];
  for (const [flags, settings, want] of cases) assert.equal(visibility(flags, settings), want, `${flags} ${JSON.stringify(settings)}`);
});

test('filter by substring of value, raw form or type, and by type:NAME; hidden items only on request', () => {
  const g = groupMatches(matches, { allowlisted: 'hide', private: 'show' });
  const values = (gs) => gs.flatMap((x) => x.items.map((it) => it.value));
  assert.deepEqual(values(filterGroups(g, '')), ['10.0.0.1', 'evil.com', 'http://evil.com/a', 'CVE-2023-23397', 'TICKET-1']);
  assert.deepEqual(values(filterGroups(g, '', { showHidden: true })).length, 6);
  assert.deepEqual(values(filterGroups(g, 'EVIL')), ['evil.com', 'http://evil.com/a']);
  assert.deepEqual(values(filterGroups(g, '(.)')), ['evil.com']); // raw form
  assert.deepEqual(values(filterGroups(g, 'type:url')), ['http://evil.com/a']);
  assert.deepEqual(values(filterGroups(g, 'type:domain nothing')), []);
  assert.deepEqual(values(filterGroups(g, 'cve')), ['CVE-2023-23397']);
});

test('counts skip hidden items; matchesOf returns page order; copyText uses the given defang', () => {
  const g = groupMatches(matches, { allowlisted: 'hide', private: 'hide' });
  assert.deepEqual(counts(g), { unique: 4, occurrences: 6, hidden: 2 });
  const items = g.find((x) => x.type === 'domain').items.concat(g.find((x) => x.type === 'url').items);
  assert.deepEqual(matchesOf(items, matches).map((x) => x.raw), ['evil[.]com', 'evil(.)com', 'hxxp://evil[.]com/a', 'evil.com']);
  assert.equal(copyText(items), 'evil.com\nhttp://evil.com/a');
  assert.equal(copyText(items, (v, t) => `${t}:${v.replaceAll('.', '[.]')}`), 'domain:evil[.]com\nurl:http://evil[.]com/a');
});
