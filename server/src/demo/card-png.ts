import { crc32, deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A truecolor-with-alpha PNG from a function that colours each pixel. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // RGBA
  const rows = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 4);
    rows[row] = 0; // no filter
    for (let x = 0; x < width; x++) {
      const [r, g, b, a] = pixel(x, y);
      rows.writeUInt8(r, row + 1 + x * 4);
      rows.writeUInt8(g, row + 2 + x * 4);
      rows.writeUInt8(b, row + 3 + x * 4);
      rows.writeUInt8(a, row + 4 + x * 4);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const W = 342;
const H = 216;
const RADIUS = 14;

function insideRounded(x: number, y: number): boolean {
  const cx = x < RADIUS ? RADIUS : x >= W - RADIUS ? W - RADIUS - 1 : x;
  const cy = y < RADIUS ? RADIUS : y >= H - RADIUS ? H - RADIUS - 1 : y;
  return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2;
}

/**
 * A made-up insurance card, drawn in code (no third-party files): a coloured band with a round
 * logo, grey bars where a real card has the member's name and numbers, and a barcode-like strip
 * on the back. Synthetic demo and test data only.
 */
export function syntheticCardPng(side: 'front' | 'back', band: readonly [number, number, number] = [21, 94, 117]) {
  const white: Rgba = [250, 251, 252, 255];
  const grey: Rgba = [176, 184, 192, 255];
  const dark: Rgba = [52, 64, 84, 255];
  const bandColour: Rgba = [band[0], band[1], band[2], 255];
  const bars =
    side === 'front'
      ? [
          [24, 84, 180],
          [24, 108, 140],
          [24, 140, 120],
          [24, 164, 200],
          [220, 140, 96],
        ]
      : [
          [24, 70, 290],
          [24, 90, 260],
          [24, 110, 280],
          [24, 130, 200],
        ];
  return encodePng(W, H, (x, y) => {
    if (!insideRounded(x, y)) return [0, 0, 0, 0];
    if (side === 'front' && y < 56) {
      const inLogo = (x - 40) ** 2 + (y - 28) ** 2 <= 16 ** 2;
      return inLogo ? white : bandColour;
    }
    if (side === 'back' && y >= 20 && y < 48) return dark;
    if (side === 'back' && y >= 160 && y < 196 && x >= 24 && x < 318) {
      return (x * 7) % 5 < 2 ? dark : white;
    }
    for (const [left = 0, top = 0, width = 0] of bars) {
      if (x >= left && x < left + width && y >= top && y < top + 10) return grey;
    }
    return white;
  });
}
