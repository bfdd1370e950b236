// The background's half of the streamed scan: text arriving in pieces is extracted up to line
// breaks, with offsets shifted back to the whole text (extension/lib/pieces.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PieceExtractor, utf8Length } from '../../extension/lib/pieces.js';

// A stand-in for the core: "words" with a dot (host.tld), with UTF-16 and UTF-8 byte offsets
// relative to the text it is given, like the wasm extract().
const fake = {
  calls: [],
  extract(text) {
    this.calls.push(text);
    return [...text.matchAll(/[\p{L}\d-]+\.[\p{L}]+/gu)].map((m) => {
      const start = utf8Length(text.slice(0, m.index));
      const end = utf8Length(text.slice(0, m.index + m[0].length));
      const found = { type: 'domain', value: m[0], start16: m.index, end16: m.index + m[0].length, start, end };
      // Like a host decoded from base64: decoded_from holds byte offsets of the encoded text,
      // which must be shifted to the whole text too.
      if (m[0].endsWith('.net')) found.decoded_from = { encoding: 'base64', start: Math.max(0, start - 3), end: end + 2 };
      return found;
    });
  },
};

// Non-ASCII text before the hosts, so UTF-16 and byte offsets differ and a wrong shift shows.
function report(lines) {
  const out = [];
  for (let i = 0; i < lines; i++) {
    out.push(`Zeile ${i}: Größe ✓ 😀 host-${i}.example und ende-${i}.net`);
    if (i % 7 === 6) out.push(''); // a blank line
  }
  return out.join('\n');
}

function run(text, sizes, minPiece = 64) {
  fake.calls = [];
  const seen = [];
  const px = new PieceExtractor(fake, 60_000, (found, upTo, last) => seen.push({ n: found.length, upTo, last }), minPiece);
  let pos = 0;
  for (let i = 0; pos < text.length; i++) {
    const size = sizes[i % sizes.length];
    px.push(text.slice(pos, pos + size), false);
    pos += size;
  }
  px.push('', true);
  return { px, seen, calls: fake.calls };
}

test('pieces of any size give exactly the matches (and offsets) of one whole-text extraction', () => {
  const text = report(400);
  const whole = fake.extract(text);
  assert.ok(whole.some((m) => m.decoded_from && m.decoded_from.start > 10_000));
  for (const sizes of [[1], [7, 13], [100], [1000, 3], [text.length]]) {
    const { px, seen } = run(text, sizes);
    assert.deepEqual(px.matches, whole, `piece sizes ${sizes}`);
    assert.equal(px.partial, null);
    assert.equal(seen.filter((s) => s.last).length, 1, 'last exactly once');
    assert.equal(seen.at(-1).last, true);
    assert.equal(seen.at(-1).upTo, text.length);
    assert.equal(seen.reduce((n, s) => n + s.n, 0), whole.length);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i].upTo >= seen[i - 1].upTo);
  }
});

test('a piece is cut after a line break, a blank line preferred', () => {
  const text = report(300);
  const { calls } = run(text, [500], 200);
  assert.ok(calls.length > 5, `${calls.length} pieces`);
  assert.equal(calls.join(''), text);
  for (const c of calls.slice(0, -1)) assert.ok(c.endsWith('\n'), JSON.stringify(c.slice(-20)));
  // A blank line comes every 8 lines: most pieces end inside one (between its two line breaks),
  // the others where the text that had arrived held none.
  let pos = 0;
  let blank = 0;
  for (const c of calls.slice(0, -1)) {
    pos += c.length;
    if (text[pos] === '\n') blank++;
  }
  assert.ok(blank >= (calls.length - 1) / 2, `${blank} of ${calls.length - 1} pieces end in a blank line`);
});

test('text without a line break waits for the last piece', () => {
  const text = 'a.example '.repeat(100);
  const { calls, px } = run(text, [50], 10);
  assert.deepEqual(calls, [text]);
  assert.equal(px.matches.length, 100);
});

test('an empty text ends with one empty last piece', () => {
  const { seen, px } = run('', [1]);
  assert.deepEqual(seen, [{ n: 0, upTo: 0, last: true }]);
  assert.deepEqual(px.matches, []);
});

test('past the time budget the rest is dropped, the result is partial, and last still comes once', () => {
  const slow = { extract(t) { const end = Date.now() + 5; while (Date.now() < end); return fake.extract(t); } };
  const seen = [];
  const px = new PieceExtractor(slow, 1, (found, upTo, last) => seen.push({ upTo, last }), 10);
  const text = report(50);
  px.push(text.slice(0, 2000), false);
  px.push(text.slice(2000), false);
  px.push('', true);
  assert.equal(px.partial, 'time');
  assert.equal(seen.filter((s) => s.last).length, 1);
  assert.ok(seen.at(-1).upTo < text.length);
  assert.ok(px.matches.every((m) => m.end16 <= seen.at(-1).upTo));
});
