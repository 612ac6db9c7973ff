/**
 * One build for the three Electron targets (electron-vite): main and preload from
 * src-main/electron, the renderer from src-renderer with the settings `serve` uses too
 * (src-renderer/vite.config.ts), so both hosts ship the same UI.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "electron-vite";
import renderer from "./src-renderer/vite.config.js";

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  main: {
    plugins: [
      {
        // pi's verdict runs this script with the user's own Node (src-main/core/pi/verdict/run-oracle.ts
        // looks for it beside the main bundle and copies it out of the asar before running it).
        name: "pi-oracle",
        generateBundle() {
          this.emitFile({ type: "asset", fileName: "pi-oracle.mjs", source: readFileSync(path("src-main/core/pi/verdict/pi-oracle.mjs"), "utf8") });
        },
      },
    ],
    build: {
      outDir: path("out/main"),
      rolldownOptions: { input: { main: path("src-main/electron/main.ts") }, output: { entryFileNames: "[name].js" } },
    },
  },
  preload: {
    build: {
      outDir: path("out/preload"),
      // A sandboxed preload cannot require() anything but electron: one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: { input: { preload: path("src-main/electron/preload.ts") }, output: { format: "cjs", entryFileNames: "[name].cjs" } },
    },
  },
  renderer: {
    ...renderer,
    root: path("src-renderer"),
    build: {
      ...renderer.build,
      outDir: path("out/renderer"),
      rolldownOptions: { input: path("src-renderer/index.html") },
    },
  },
});
