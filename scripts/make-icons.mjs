// Draws the toolbar icon (a teal disc with a white tick) as PNGs at the sizes the manifest wants.
// Run once: node scripts/make-icons.mjs; the PNGs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const r = size / 2;
  // A tick from (0.28,0.52) to (0.44,0.68) to (0.72,0.36), in units of the size.
  const seg = (px, py, ax, ay, bx, by) => {
    const dx = bx - ax,
      dy = by - ay;
    const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
  };
  // Each pixel is the share of 8 x 8 samples inside the disc and on the tick: smooth edges at 128 px,
  // while at 16 px the tick stays two pixels wide and white where it matters.
  const N = 8;
  // Bolder at the smallest size, where a thin stroke would blur into the disc.
  const half = size <= 16 ? 0.09 : 0.07;
  const R = r - 0.5;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let disc = 0;
      let white = 0;
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const px = x + (sx + 0.5) / N;
          const py = y + (sy + 0.5) / N;
          if (Math.hypot(px - r, py - r) > R) continue;
          disc++;
          const u = px / size;
          const v = py / size;
          if (Math.min(seg(u, v, 0.28, 0.52, 0.44, 0.68), seg(u, v, 0.44, 0.68, 0.72, 0.36)) < half) white++;
        }
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      // Colour from the samples inside the disc; coverage as alpha.
      const w = disc === 0 ? 0 : white / disc;
      raw[o] = Math.round(15 + (255 - 15) * w);
      raw[o + 1] = Math.round(118 + (255 - 118) * w);
      raw[o + 2] = Math.round(110 + (255 - 110) * w);
      raw[o + 3] = Math.round((255 * disc) / (N * N));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const dir = new URL('../public/icon/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(new URL(`${size}.png`, dir), png(size));
console.log('icons written to public/icon/');
