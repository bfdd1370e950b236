// Draws the extension icons (a magnifying glass over a highlighter-yellow lens) as PNGs with no
// image tools: shapes are sampled 8×8 per pixel for anti-aliasing and encoded with node:zlib.
// Output is deterministic, so re-running it leaves the committed files unchanged.
// Usage: node scripts/make-icons.mjs [outdir]   (default extension/icons)
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SIZES = [16, 32, 48, 128];
const INK = [38, 50, 56]; // #263238
const LENS = [255, 213, 79]; // #ffd54f, the ipv4 highlight colour

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (Uint8Array, width*height*4) → PNG bytes (colour type 6, no filtering). */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax; const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Colour at a point of the unit square, or null (transparent). */
function shade(x, y, size) {
  const d = Math.hypot(x - 0.4, y - 0.4);
  if (d <= 0.235) {
    // Two "text lines" on the lens from 48 px up; at smaller sizes they would only blur it.
    if (size >= 48 && x > 0.25 && x < 0.55 && (Math.abs(y - 0.34) < 0.025 || Math.abs(y - 0.46) < 0.025)) return INK;
    return LENS;
  }
  if (d <= 0.335) return INK;
  if (segmentDistance(x, y, 0.64, 0.64, 0.9, 0.9) <= 0.075) return INK;
  return null;
}

export function drawIcon(size, ss = 8) {
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0; let g = 0; let b = 0; let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size, size);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
        }
      }
      const i = (y * size + x) * 4;
      if (a) px.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (ss * ss))], i);
    }
  }
  return encodePng(size, size, px);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] || 'extension/icons';
  mkdirSync(out, { recursive: true });
  for (const s of SIZES) {
    const file = join(out, `icon-${s}.png`);
    writeFileSync(file, drawIcon(s));
    console.log(`[icons] ${file}`);
  }
}
