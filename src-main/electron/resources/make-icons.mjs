// Draws the app's icons (a "π" on a rounded square, and its monochrome menu-bar template) and
// writes them as PNGs with node:zlib only, so no image tool is needed to change them.
// Run: node src-main/electron/resources/make-icons.mjs   (the PNGs are committed; electron-builder.yml uses them)
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

// Shapes in a unit square (0..1); each returns whether a point is inside.
const inRect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inRoundedSquare = (inset, radius) => (x, y) => {
  const cx = Math.min(Math.max(x, inset + radius), 1 - inset - radius);
  const cy = Math.min(Math.max(y, inset + radius), 1 - inset - radius);
  return x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset && (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
};
const inCircle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const pi = (scale) => {
  const s = (v) => 0.5 + (v - 0.5) * scale;
  const parts = [inRect(s(0.2), s(0.24), s(0.8), s(0.36)), inRect(s(0.31), s(0.3), s(0.43), s(0.8)), inRect(s(0.57), s(0.3), s(0.69), s(0.8))];
  return (x, y) => parts.some((p) => p(x, y));
};

/** Renders layers (shape + RGBA colour, painted in order) with 4×4 supersampling. */
function render(size, layers) {
  const out = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          let colour = null;
          for (const [shape, c] of layers) if (shape(x, y)) colour = c;
          if (colour) [r, g, b, a] = [r + colour[0] * colour[3], g + colour[1] * colour[3], b + colour[2] * colour[3], a + colour[3]];
        }
      }
      const o = (py * size + px) * 4;
      out[o] = a ? Math.round(r / a) : 0;
      out[o + 1] = a ? Math.round(g / a) : 0;
      out[o + 2] = a ? Math.round(b / a) : 0;
      out[o + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return out;
}

const NAVY = [36, 59, 107, 1];
const WHITE = [255, 255, 255, 1];
const AMBER = [245, 166, 35, 1];
const BLACK = [0, 0, 0, 1];
const appIcon = [
  [inRoundedSquare(0.06, 0.2), NAVY],
  [pi(0.9), WHITE],
  [inCircle(0.78, 0.78, 0.08), AMBER],
];
// The tray icon elsewhere keeps the coloured square: it must read on light and dark taskbars.
const trayIcon = [
  [inRoundedSquare(0, 0.2), NAVY],
  [pi(1.05), WHITE],
];
// A pinned provider is degraded (the health watch): amber on every system, macOS included, so it stands out.
const trayAlert = [
  [inRoundedSquare(0, 0.2), AMBER],
  [pi(1.05), NAVY],
];
// macOS template: black and alpha only; the system recolours it for the menu bar.
const template = [[pi(1.15), BLACK]];

const dir = new URL(".", import.meta.url);
const write = (name, size, layers) => writeFileSync(new URL(name, dir), png(size, render(size, layers)));
write("icon.png", 1024, appIcon);
write("icon-512.png", 512, appIcon);
write("tray.png", 16, trayIcon);
write("tray@2x.png", 32, trayIcon);
write("trayAlert.png", 16, trayAlert);
write("trayAlert@2x.png", 32, trayAlert);
write("trayTemplate.png", 16, template);
write("trayTemplate@2x.png", 32, template);
