#!/usr/bin/env node
/**
 * `npm run build:cli`: the command line as the npm package and the desktop app ship it — one ESM
 * bundle, out/cli/pi-switchboard.mjs (plain Node 22, no TypeScript loader), with each command in a
 * chunk of its own so `models` loads only what `models` needs, and beside it pi-oracle.mjs, the
 * script pi's verdict runs with pi's own Node (run-oracle.ts looks for it beside the running module).
 * `serve` finds the window's build in out/renderer (renderer-build.ts, `npm run build:renderer`).
 *
 * Left out of the bundle: @napi-rs/keyring (a native .node file per platform, installed beside it
 * as a dependency), vite (only a clone rebuilds the window; the package ships it built) and ws's
 * optional native speed-ups.
 *
 * `--outdir DIR` builds elsewhere (the bench builds its own copy, so it never races `npm pack`);
 * DIR must sit inside the repo so the externals resolve from its node_modules.
 */
import { chmodSync, copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outdirAt = process.argv.indexOf("--outdir");
const OUT = outdirAt > 0 ? resolve(process.argv[outdirAt + 1]) : join(REPO, "out", "cli");

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
await build({
  entryPoints: { "pi-switchboard": join(REPO, "src-main", "cli", "main.ts") },
  outdir: OUT,
  outExtension: { ".js": ".mjs" },
  entryNames: "[name]",
  // Chunks sit beside the entry: modules find files relative to themselves (import.meta.url), the oracle and out/renderer included.
  chunkNames: "[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22",
  // jsonc-parser's "main" is a UMD build whose require()s esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ["module", "main"],
  external: ["@napi-rs/keyring", "vite", "bufferutil", "utf-8-validate"],
  // Bundled CommonJS packages call require() and read __filename/__dirname (write-file-atomic names its temp
  // files after __filename); an ESM bundle has none of them. Each file gets its own, from its own URL; `define`
  // points only free references at them, so a module that declares its own keeps it.
  banner: {
    js: [
      "#!/usr/bin/env node",
      "import { createRequire as __piSwitchboardRequire } from 'node:module'; const require = __piSwitchboardRequire(import.meta.url);",
      "import { fileURLToPath as __piSwitchboardPath } from 'node:url'; import { dirname as __piSwitchboardDir } from 'node:path';",
      "const __piSwitchboardFilename = __piSwitchboardPath(import.meta.url); const __piSwitchboardDirname = __piSwitchboardDir(__piSwitchboardFilename);",
    ].join("\n"),
  },
  define: { __filename: "__piSwitchboardFilename", __dirname: "__piSwitchboardDirname" },
  legalComments: "none",
  logLevel: "warning",
});
copyFileSync(join(REPO, "src-main", "core", "pi", "verdict", "pi-oracle.mjs"), join(OUT, "pi-oracle.mjs"));
// Runnable as it is (a symlink on PATH, the desktop app's shim); npm sets this itself on install.
chmodSync(join(OUT, "pi-switchboard.mjs"), 0o755);
