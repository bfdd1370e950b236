// The committed icons are the PNGs scripts/make-icons.mjs draws (and are valid PNGs of the right size).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { drawIcon } from '../../scripts/make-icons.mjs';

const manifest = JSON.parse(readFileSync('extension/manifest.json', 'utf8'));

test('each icon the manifest names is a PNG of its size, identical to a fresh drawing', () => {
  for (const [size, path] of Object.entries(manifest.icons)) {
    const png = readFileSync(`extension/${path}`);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], path);
    assert.equal(png.toString('ascii', 12, 16), 'IHDR');
    assert.equal(png.readUInt32BE(16), Number(size));
    assert.equal(png.readUInt32BE(20), Number(size));
    assert.ok(png.equals(drawIcon(Number(size))), `${path} is stale: run node scripts/make-icons.mjs`);
  }
});

test('icons are not blank: some pixels opaque, the corners transparent', () => {
  const png = drawIcon(32);
  const idat = png.indexOf('IDAT');
  const len = png.readUInt32BE(idat - 4);
  const raw = inflateSync(png.subarray(idat + 4, idat + 4 + len));
  const alpha = (x, y) => raw[y * (32 * 4 + 1) + 1 + x * 4 + 3];
  assert.equal(alpha(0, 0), 0);
  assert.equal(alpha(31, 0), 0);
  assert.equal(alpha(12, 12), 255); // inside the lens
  assert.equal(alpha(27, 27), 255); // on the handle
});
