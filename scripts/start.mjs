// `npm start`: the Electron app with a hot-reloading renderer (electron-vite dev). Where the
// Electron binary is missing (it cannot be downloaded on every machine) say so in one sentence.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
function electronBinaryPresent() {
  try {
    const dir = dirname(require.resolve("electron/package.json"));
    const pathFile = join(dir, "path.txt");
    return existsSync(pathFile) && existsSync(join(dir, "dist", readFileSync(pathFile, "utf8").trim()));
  } catch {
    return false;
  }
}

if (!electronBinaryPresent()) {
  console.error(
    "The Electron binary is not installed on this machine (`node node_modules/electron/install.js` fetches it where the internet allows); meanwhile run the same UI in your browser with `npm run cli -- serve`.",
  );
  process.exit(1);
}
const child = spawn(process.platform === "win32" ? "npx.cmd" : "npx", ["electron-vite", "dev", ...process.argv.slice(2)], { stdio: "inherit" });
child.on("exit", (code) => process.exit(code ?? 0));
