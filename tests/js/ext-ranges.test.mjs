// Mapping match ranges of the collected text onto text nodes (pure part of the content script).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../extension/lib/ranges.js';

const { planParts, firstSegmentAfter, deferredMatches } = globalThis.IocLensRanges;

// Builds segments for node texts joined with separators: ['evil', '[.]', 'com'] etc.
function segs(lengths, gaps = []) {
  const out = [];
  let pos = 0;
  lengths.forEach((len, i) => { pos += gaps[i] || 0; out.push({ start: pos, end: pos + len }); pos += len; });
  return out;
}
const m = (start16, end16) => ({ start16, end16 });

test('a match inside one node gives one node-relative part', () => {
  const { plan, skipped } = planParts(segs([10, 20]), [m(12, 15)]);
  assert.deepEqual(plan, [[1, [{ from: 2, to: 5, match: 0 }]]]);
  assert.equal(skipped, 0);
});

test('a match split over three nodes (evil<b>[.]</b>com) gives one part per node', () => {
  const { plan } = planParts(segs([4, 3, 3]), [m(0, 10)]);
  assert.deepEqual(plan, [
    [0, [{ from: 0, to: 4, match: 0 }]],
    [1, [{ from: 0, to: 3, match: 0 }]],
    [2, [{ from: 0, to: 3, match: 0 }]],
  ]);
});

test('separator characters between blocks are not nodes: parts skip them', () => {
  // "abc\ndef": node 0 = [0,3), "\n" at 3, node 1 = [4,7)
  const { plan } = planParts(segs([3, 3], [0, 1]), [m(1, 6)]);
  assert.deepEqual(plan, [[0, [{ from: 1, to: 3, match: 0 }]], [1, [{ from: 0, to: 2, match: 0 }]]]);
});

test('several matches in one node come out sorted; input order does not matter', () => {
  const { plan } = planParts(segs([30]), [m(20, 25), m(0, 5), m(10, 12)]);
  assert.deepEqual(plan, [[0, [{ from: 0, to: 5, match: 1 }, { from: 10, to: 12, match: 2 }, { from: 20, to: 25, match: 0 }]]]);
});

test('overlapping, empty, reversed and out-of-range matches are skipped and counted', () => {
  const { plan, skipped } = planParts(segs([30]), [m(0, 10), m(5, 8), m(3, 3), m(9, 4), m(40, 50), {}, null, m(-2, 1)]);
  assert.deepEqual(plan, [[0, [{ from: 0, to: 10, match: 0 }]]]);
  assert.equal(skipped, 7);
});

test('a longer match starting at the same place wins over a shorter one', () => {
  const { plan } = planParts(segs([30]), [m(0, 5), m(0, 12)]);
  assert.deepEqual(plan, [[0, [{ from: 0, to: 12, match: 1 }]]]);
});

test('firstSegmentAfter is a binary search over sorted segments', () => {
  const s = segs([5, 5, 5], [0, 2, 2]); // [0,5) [7,12) [14,19)
  assert.deepEqual([0, 4, 5, 6, 7, 13, 18, 19, 99].map((p) => firstSegmentAfter(s, p)), [0, 0, 1, 1, 1, 2, 2, 3, 3]);
});

test('scales linearly: 100k matches over 100k nodes plan quickly and completely', () => {
  const n = 100_000;
  const s = segs(Array(n).fill(10), Array(n).fill(1));
  const ms = Array.from({ length: n }, (_, i) => m(i * 11 + 2, i * 11 + 8));
  const { plan, skipped } = planParts(s, ms);
  assert.equal(plan.length, n);
  assert.equal(skipped, 0);
});

test('batches: matches touching a text node that runs past the batch end wait for the next batch', () => {
  // Nodes [0,10) [10,30) [30,40); the batch covers text up to 25, so node 1 (10..30) is not complete.
  const segments = segs([10, 20, 10]);
  const matches = [m(2, 5), m(8, 12), m(14, 18), m(22, 24)];
  const { plan } = planParts(segments, matches);
  // m(8,12) has a part in node 0 and one in node 1: both wait, so node 0 is split once only.
  assert.deepEqual([...deferredMatches(plan, segments, 25)].sort(), [1, 2, 3]);
  // A batch ending on a node boundary defers nothing.
  assert.deepEqual([...deferredMatches(plan, segments, 30)], []);
  assert.deepEqual([...deferredMatches(planParts(segments, [m(2, 5)]).plan, segments, 25)], []);
});
