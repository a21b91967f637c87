// Draws the extension's icons (a speech bubble whose lines are highlighted in
// the category colours) as PNGs, so the repository holds no binary images and
// nothing is downloaded. Usage: node tools/make-icons.mjs OUT_DIR
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const NAVY = [51, 51, 92];
const BARS = [
  { y: 0.36, from: 0.27, to: 0.73, rgb: [46, 160, 67] },
  { y: 0.5, from: 0.27, to: 0.62, rgb: [255, 166, 0] },
];

// Signed distance to a rounded box centred at (cx, cy) with half-size (hx, hy).
function roundBox(x, y, cx, cy, hx, hy, r) {
  const qx = Math.abs(x - cx) - hx + r;
  const qy = Math.abs(y - cy) - hy + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

// The colour at a point of the unit square, or null for transparent.
function shade(x, y) {
  const bubble = roundBox(x, y, 0.5, 0.44, 0.4, 0.3, 0.12);
  // The bubble's tail: a triangle below its lower left part.
  const inTail = y > 0.6 && y < 0.95 && x > 0.24 && x - 0.24 < (0.95 - y) * 0.9;
  if (bubble > 0 && !inTail) return null;
  const small = currentSize <= 16;
  for (const [i, b] of BARS.entries()) {
    if (small && i > 0) break;
    const h = small ? 0.1 : 0.065;
    const y0 = small ? 0.44 : b.y;
    if (Math.abs(y - y0) < h && x > b.from && x < (small ? 0.73 : b.to)) return b.rgb;
  }
  return NAVY;
}

let currentSize = 0;

function draw(size) {
  currentSize = size;
  const px = Buffer.alloc(size * size * 4);
  const ss = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sj = 0; sj < ss; sj++) {
        for (let si = 0; si < ss; si++) {
          const c = shade((i + (si + 0.5) / ss) / size, (j + (sj + 0.5) / ss) / size);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; a++;
        }
      }
      const o = (j * size + i) * 4;
      if (a) {
        px[o] = Math.round(r / a); px[o + 1] = Math.round(g / a); px[o + 2] = Math.round(b / a);
        px[o + 3] = Math.round((255 * a) / (ss * ss));
      }
    }
  }
  return png(size, size, px);
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(w, h, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) rgba.copy(rows, y * (w * 4 + 1) + 1, y * w * 4, (y + 1) * w * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = process.argv[2];
if (!out) {
  console.error('usage: node tools/make-icons.mjs OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });
for (const s of SIZES) fs.writeFileSync(path.join(out, `icon-${s}.png`), draw(s));
