/**
 * The renderer build, shared by `serve` (built on demand, src-main/cli/renderer-build.ts) and the
 * Electron shell (electron.vite.config.ts reuses it). Relative base so the same files load from
 * file:// in Electron and from http://127.0.0.1 under serve.
 */
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [react()],
  build: {
    outDir: `${import.meta.dirname}/../out/renderer`,
    emptyOutDir: true,
    target: "chrome120",
  },
});
