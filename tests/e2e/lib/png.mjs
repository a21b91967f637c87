// Reads the PNG screenshots both browsers return (8-bit RGB or RGBA, not
// interlaced) into pixels, so tests can look at what a reader sees: the
// colour of an underline, whether a highlight shows at all.
import fs from 'node:fs';
import zlib from 'node:zlib';

/** { width, height, at(x, y) → [r, g, b] } from a PNG file's bytes. */
export function decodePng(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const data = [];
  for (let at = 8; at < buf.length; ) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const body = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, color, , , interlace] = body.subarray(8, 13);
      channels = { 2: 3, 6: 4 }[color];
      if (depth !== 8 || !channels || interlace) throw new Error(`unsupported PNG: depth ${depth}, colour type ${color}, interlace ${interlace}`);
    } else if (type === 'IDAT') {
      data.push(body);
    }
    at += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const px = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = px.subarray(y * stride, (y + 1) * stride);
    const up = y ? px.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[i - channels] : 0;
      const b = up[i];
      const c = i >= channels ? up[i - channels] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[i] = v & 255;
    }
  }
  return {
    width,
    height,
    at(x, y) {
      const i = y * stride + x * channels;
      return [px[i], px[i + 1], px[i + 2]];
    },
  };
}

/** WCAG relative luminance of an sRGB colour [r, g, b] (0-255). */
export function luminance([r, g, b]) {
  const lin = (v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** A screenshot, saved to `file` and decoded. */
export async function shot(d, file) {
  await d.screenshot(file);
  return decodePng(fs.readFileSync(file));
}

export const distance = (a, b) => Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));

/**
 * What the extension drew in a box: the pixels that changed between the
 * two screenshots (the box taken a few pixels lower, where an underline
 * may fall), and their most frequent colour.
 */
export function drawn(before, after, q) {
  const counts = new Map();
  let changed = 0;
  const x0 = Math.max(0, Math.floor(q.left));
  const x1 = Math.min(after.width, Math.ceil(q.right));
  const y0 = Math.max(0, Math.floor(q.top));
  const y1 = Math.min(after.height, Math.ceil(q.bottom) + 4);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const p = after.at(x, y);
      if (distance(p, before.at(x, y)) < 16) continue;
      changed++;
      const k = p.join(',');
      counts.set(k, (counts.get(k) || 0) + 1);
    }
  }
  const mode = [...counts].sort((a, b) => b[1] - a[1])[0];
  return { changed, width: x1 - x0, colour: mode ? mode[0].split(',').map(Number) : null };
}

export const overlaps = (a, b) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
// The panel's box as the accessibility tree has it, and the shadow around it.
export const aroundPanel = (p) => ({ left: p.left - 16, top: p.top - 16, right: p.right + 16, bottom: p.bottom + 16 });
// Wholly in the screenshot, the rows under it included.
export const inShot = (q, img) => q.left >= 0 && q.top >= 0 && q.right <= img.width && q.bottom + 4 <= img.height;
