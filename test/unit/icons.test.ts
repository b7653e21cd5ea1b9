import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/** RGBA pixels of one of our icons (scripts/make-icons.mjs writes 8-bit RGBA rows without filters). */
function pixels(size: number): { width: number; height: number; rgba: (x: number, y: number) => number[] } {
  const file = readFileSync(new URL(`../../public/icon/${size}.png`, import.meta.url));
  const width = file.readUInt32BE(16);
  const height = file.readUInt32BE(20);
  const chunks: Buffer[] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    if (file.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(file.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const row = width * 4 + 1;
  return {
    width,
    height,
    rgba: (x, y) => {
      expect(raw[y * row]).toBe(0);
      const o = y * row + 1 + x * 4;
      return [...raw.subarray(o, o + 4)];
    },
  };
}

describe('toolbar icons', () => {
  it.each([16, 32, 48, 128])('%i px: that size, a round icon with transparent corners', (size) => {
    const icon = pixels(size);
    expect([icon.width, icon.height]).toEqual([size, size]);
    expect(icon.rgba(0, 0)[3]).toBe(0);
    expect(icon.rgba(size - 1, size - 1)[3]).toBe(0);
  });

  it('keeps the tick legible at 16 px: solid white pixels on an opaque disc', () => {
    const icon = pixels(16);
    let solidWhite = 0;
    for (let y = 0; y < 16; y++)
      for (let x = 0; x < 16; x++) {
        const [r, g, b, a] = icon.rgba(x, y);
        if (a === 255 && (r as number) > 230 && (g as number) > 230 && (b as number) > 230) solidWhite++;
      }
    expect(solidWhite).toBeGreaterThanOrEqual(8);
  });

  it('draws smooth edges at 128 px: the disc edge has partly covered pixels, not a staircase', () => {
    const icon = pixels(128);
    let partial = 0;
    for (let y = 0; y < 128; y++)
      for (let x = 0; x < 128; x++) {
        const a = icon.rgba(x, y)[3] as number;
        if (a > 0 && a < 255) partial++;
      }
    expect(partial).toBeGreaterThan(100);
  });
});
