/**
 * Draws the two Teams app icons with plain math and writes them as PNG files:
 *   appPackage/color.png    192x192, white upward arrow on a teal rounded square
 *   appPackage/outline.png   32x32, the same arrow in white on a transparent background
 *
 * No image library: shapes are sampled 4x4 per pixel for anti-aliasing, and the PNG is
 * encoded by hand (signature, IHDR, one IDAT deflated with node's zlib, IEND, CRC32 per chunk).
 * Every scanline is written with filter type 0 (None).
 *
 * Run: npx tsc --outDir /tmp/icons scripts/make-icons.ts --module commonjs --esModuleInterop --skipLibCheck
 *      node /tmp/icons/make-icons.js [outDir]        (outDir defaults to ./appPackage)
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

type Rgb = readonly [number, number, number];

/** An RGBA image, 8 bits per channel, rows top to bottom. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array; // width * height * 4
}

/** The brand colours of the icon. ACCENT is also the manifest's accentColor. */
export const ACCENT = '#00758F';
const TOP: Rgb = [0x12, 0x93, 0xab];
const BOTTOM: Rgb = [0x00, 0x5f, 0x75];

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309 / PNG), as used over each chunk's type and data. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes an RGBA image as a PNG (colour type 6, bit depth 8, no interlace, filter 0 on every row). */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, data } = image;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type 0: None
    Buffer.from(data.buffer, data.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An upward arrow: a triangular head over a rectangular stem. All coordinates in pixels. */
interface Arrow {
  cx: number; // horizontal centre
  top: number; // y of the tip
  headHalfWidth: number;
  headBottom: number; // y where the head meets the stem
  stemHalfWidth: number;
  bottom: number; // y of the stem's bottom edge
}

function inArrow(a: Arrow, x: number, y: number): boolean {
  if (y >= a.headBottom && y <= a.bottom) return Math.abs(x - a.cx) <= a.stemHalfWidth;
  if (y >= a.top && y < a.headBottom) {
    const halfWidthHere = (a.headHalfWidth * (y - a.top)) / (a.headBottom - a.top);
    return Math.abs(x - a.cx) <= halfWidthHere;
  }
  return false;
}

function inRoundedSquare(size: number, radius: number, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x > size || y > size) return false;
  const dx = Math.max(radius - x, 0, x - (size - radius));
  const dy = Math.max(radius - y, 0, y - (size - radius));
  return dx * dx + dy * dy <= radius * radius;
}

const SUB = 4; // 4x4 samples per pixel

/** Fraction (0..1) of the pixel (px, py) covered by the shape. */
function coverage(px: number, py: number, inside: (x: number, y: number) => boolean): number {
  let hits = 0;
  for (let sy = 0; sy < SUB; sy++) {
    for (let sx = 0; sx < SUB; sx++) {
      if (inside(px + (sx + 0.5) / SUB, py + (sy + 0.5) / SUB)) hits++;
    }
  }
  return hits / (SUB * SUB);
}

/** 192x192: a teal rounded square (vertical gradient) with a white arrow inside the central safe area. */
export function drawColorIcon(): RgbaImage {
  const size = 192;
  const arrow: Arrow = { cx: 96, top: 38, headHalfWidth: 56, headBottom: 98, stemHalfWidth: 20, bottom: 154 };
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    const t = y / (size - 1);
    const bg = TOP.map((c, i) => c + ((BOTTOM[i] ?? c) - c) * t);
    for (let x = 0; x < size; x++) {
      const bgCov = coverage(x, y, (sx, sy) => inRoundedSquare(size, 40, sx, sy));
      const arrowCov = coverage(x, y, (sx, sy) => inArrow(arrow, sx, sy));
      const o = (y * size + x) * 4;
      for (let i = 0; i < 3; i++) {
        const base = bg[i] ?? 0;
        data[o + i] = bgCov === 0 ? 0 : Math.round(base + (255 - base) * arrowCov);
      }
      data[o + 3] = Math.round(255 * bgCov);
    }
  }
  return { width: size, height: size, data };
}

/** 32x32: the same arrow, white; anti-aliasing only through alpha, so every visible pixel is pure white. */
export function drawOutlineIcon(): RgbaImage {
  const size = 32;
  const arrow: Arrow = { cx: 16, top: 3, headHalfWidth: 13, headBottom: 16, stemHalfWidth: 5, bottom: 29 };
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = Math.round(255 * coverage(x, y, (sx, sy) => inArrow(arrow, sx, sy)));
      const o = (y * size + x) * 4;
      const c = alpha === 0 ? 0 : 255;
      data[o] = c;
      data[o + 1] = c;
      data[o + 2] = c;
      data[o + 3] = alpha;
    }
  }
  return { width: size, height: size, data };
}

function main(): void {
  const outDir = path.resolve(process.argv[2] ?? path.join(process.cwd(), 'appPackage'));
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, image] of [['color.png', drawColorIcon()], ['outline.png', drawOutlineIcon()]] as const) {
    const file = path.join(outDir, name);
    fs.writeFileSync(file, encodePng(image));
    console.log(`wrote ${file} (${image.width}x${image.height})`);
  }
}

if (require.main === module) main();
