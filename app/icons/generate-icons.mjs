// Draws HTTP Desk's icon — a white globe (the web) on a blue rounded square — into PNGs of
// every size the installers want, with no image library: shapes are signed-distance tests,
// anti-aliased by supersampling, written as RGBA PNG (PNG spec, RFC 2083) with node:zlib.
// Run: node app/icons/generate-icons.mjs   (writes NxN.png, icon.png next to this file)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];
const here = path.dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  // Each scanline starts with filter byte 0 (None).
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in unit coordinates (0..1), centre (0.5, 0.5).
const BG_INSET = 0.0625;
const BG_RADIUS = 0.19;
const GLOBE_R = 0.285;
const STROKE = 0.044;

function insideRoundedSquare(x, y) {
  const half = 0.5 - BG_INSET - BG_RADIUS;
  const dx = Math.max(Math.abs(x - 0.5) - half, 0);
  const dy = Math.max(Math.abs(y - 0.5) - half, 0);
  return dx * dx + dy * dy <= BG_RADIUS * BG_RADIUS;
}

function onGlobe(x, y) {
  const dx = x - 0.5;
  const dy = y - 0.5;
  const r = Math.hypot(dx, dy);
  if (Math.abs(r - GLOBE_R) <= STROKE / 2) return true; // outline
  if (r > GLOBE_R) return false;
  const rx = GLOBE_R * 0.42; // meridian ellipse
  const e = Math.hypot(dx / rx, dy / GLOBE_R);
  if (Math.abs(e - 1) * rx <= STROKE * 0.4) return true;
  if (Math.abs(dx) <= STROKE * 0.4) return true; // central meridian
  for (const lat of [-0.13, 0, 0.13]) if (Math.abs(dy - lat) <= STROKE * 0.4) return true;
  return false;
}

function render(size) {
  const samples = size <= 256 ? 4 : 2;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (!insideRoundedSquare(x, y)) continue;
          bg++;
          if (onGlobe(x, y)) fg++;
        }
      }
      const n = samples * samples;
      const t = py / size; // vertical gradient #2563eb → #1e3a8a
      const blue = [0x25 + (0x1e - 0x25) * t, 0x63 + (0x3a - 0x63) * t, 0xeb + (0x8a - 0xeb) * t];
      const white = fg / Math.max(bg, 1);
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(blue[c] * (1 - white) + 255 * white);
      rgba[i + 3] = Math.round((255 * bg) / n);
    }
  }
  return encodePng(size, rgba);
}

for (const size of SIZES) {
  const png = render(size);
  writeFileSync(path.join(here, `${size}x${size}.png`), png);
  if (size === 1024) writeFileSync(path.join(here, 'icon.png'), png);
}
console.log(`icons written to ${here}: ${SIZES.join(', ')} px and icon.png`);
