/**
 * `npm run build:renderer`: the window's build in out/renderer, for the npm package's `serve`
 * (`npm pack` runs it). The same locked build-and-swap `serve` does on demand from a clone, so a
 * test or `serve` reading out/renderer meanwhile never sees a half-written build; nothing is
 * rebuilt when the build is newer than its sources.
 */
import { ensureRendererBuilt } from "../src-main/cli/renderer-build.js";

await ensureRendererBuilt((line) => process.stderr.write(`${line}\n`));
