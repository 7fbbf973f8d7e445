/**
 * `npx tsx scripts/icons.ts SIZE…`: draws the Tierline icon (three white bars of falling length on
 * teal, on a 16-unit grid) as addin/assets/icon-SIZE.png. Deterministic: the same size gives the
 * same bytes (no timestamps), so the committed PNGs can be regenerated and compared.
 * Sizes must be multiples of 16 (the grid); 16, 32 and 80 were drawn the same way, 64 is
 * HighResolutionIconUrl's required size for task-pane add-ins.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const TEAL = [14, 124, 134] as const;
const WHITE = [255, 255, 255] as const;
/** Bars on the 16-unit grid: top row, left column, width; each two units high. */
const BARS = [
  { top: 3, left: 3, width: 10 },
  { top: 7, left: 3, width: 7 },
  { top: 11, left: 3, width: 4 },
];

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The icon as an 8-bit RGB PNG of size × size pixels. */
export function iconPng(size: number): Buffer {
  if (!Number.isInteger(size) || size < 16 || size % 16 !== 0) throw new Error(`icon size must be a multiple of 16, got ${size}`);
  const unit = size / 16;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0 (none)
    for (let x = 0; x < size; x++) {
      const [gx, gy] = [Math.floor(x / unit), Math.floor(y / unit)];
      const onBar = BARS.some((b) => gy >= b.top && gy < b.top + 2 && gx >= b.left && gx < b.left + b.width);
      (onBar ? WHITE : TEAL).forEach((v, i) => row.writeUInt8(v, 1 + x * 3 + i));
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", zlib.deflateSync(Buffer.concat(rows), { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

if (require.main === module) {
  const sizes = process.argv.slice(2).map(Number);
  if (sizes.length === 0) {
    console.error("usage: npx tsx scripts/icons.ts SIZE… (e.g. 64)");
    process.exit(2);
  }
  for (const size of sizes) {
    const file = path.resolve(__dirname, "../addin/assets", `icon-${size}.png`);
    fs.writeFileSync(file, iconPng(size));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
