/**
 * The built-in catalog of a pi that carries its own. Since 0.84.3 pi publishes `bin.pi =
 * dist/bundle/cli.js`, an esbuild bundle with pi-ai inside it: the pi-ai npm puts beside pi is not
 * what pi runs, and can be another release (pi 0.84.3 gets pi-ai 0.84.4, pi 1.0.3 gets 1.6.x:
 * dozens of OpenRouter models apart). The bundle's SDK entry (`index.js` beside the CLI, built
 * from the same chunks) is asked in a child process on pi's own Node, the way pi's own start-up
 * composes its providers (ModelRuntime on an empty agent dir, offline), so the app's built-ins are
 * the ones pi has by construction. A child, not an import: the bundle is all of pi (seconds to load,
 * about 100 MB), which the app must neither wait on nor keep; its answer is kept on disk per install
 * (bundled-catalog-memo.ts), so that child runs once, not on every CLI call. Used by pi-install.ts.
 */
import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { appCacheDir } from "../files/cache-dir.js";
import { piChildEnv } from "./verdict/verdict-key.js";
import { bundledMemoPath, readBundledMemo, writeBundledMemo, type BundledAnswer } from "./bundled-catalog-memo.js";
import type { RuntimeCatalog } from "./pi-runtime-catalog.js";
import { firstErrorLine, piBinEntry } from "./pi-start-check.js";

/** The bundle's SDK entry when pi's CLI is a bundle (`…/bundle/cli.js` with `index.js` beside it); null when pi imports pi-ai from node_modules. */
export function bundledSdkEntry(packageDir: string): string | null {
  const bin = piBinEntry(packageDir);
  if (!bin || basename(dirname(bin)) !== "bundle") return null;
  const sdk = join(dirname(bin), "index.js");
  return existsSync(sdk) ? sdk : null;
}

/**
 * Run by pi's Node: the providers pi composes on an empty agent dir (its built-ins, in its order),
 * and when the bundled catalog was generated (pi-ai's manifest, which the SDK does not export: read
 * from the bundle's text, where esbuild keeps it as `manifest_default={schemaVersion:…,generatedAt:"…"`).
 */
const CHILD = `
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
const [sdkUrl, work] = process.argv.slice(1);
const { ModelRuntime } = await import(sdkUrl);
const runtime = await ModelRuntime.create({ authPath: join(work, "auth.json"), modelsPath: join(work, "models.json"), allowModelNetwork: false });
const providers = runtime.getProviders().map((p) => ({ id: p.id, oauth: Boolean(p.auth?.oauth), models: p.getModels() }));
let generatedAt;
const dir = dirname(fileURLToPath(sdkUrl));
for (const file of [join(dir, "index.js"), ...readdirSync(join(dir, "chunks")).map((f) => join(dir, "chunks", f))]) {
  const m = /manifest_default=\\{schemaVersion:\\d+,generatedAt:"([^"]+)"/.exec(readFileSync(file, "utf8"));
  if (m) { generatedAt = Date.parse(m[1]); break; }
}
// Exit once the answer is out (a pipe is written asynchronously): pi's timers would keep the child alive.
process.stdout.write(JSON.stringify({ providers, generatedAt: Number.isNaN(generatedAt) ? undefined : generatedAt }), () => process.exit(0));
`;

const TIMEOUT_MS = 30_000;

/** Answers by bundle file and its mtime: an installed bundle never changes, an upgrade is another file or mtime. */
const cache = new Map<string, Promise<RuntimeCatalog>>();

/** The bundle's built-in catalog, from a child on `node`; rejects with pi's own error line when it cannot be read. */
export function readBundledCatalog(node: string, sdkEntry: string, env: NodeJS.ProcessEnv): Promise<RuntimeCatalog> {
  const key = `${node}\0${sdkEntry}\0${statSync(sdkEntry).mtimeMs}`;
  let answer = cache.get(key);
  if (!answer) {
    answer = askBundle(node, sdkEntry, env);
    cache.set(key, answer);
    // A failure is not kept: the next load asks again (pi may have been repaired).
    answer.catch(() => cache.delete(key));
  }
  return answer;
}

async function askBundle(node: string, sdkEntry: string, env: NodeJS.ProcessEnv): Promise<RuntimeCatalog> {
  const memo = await bundledMemoPath(join(appCacheDir(env), "pi-catalogs"), node, sdkEntry, piChildEnv(env));
  let answer = memo ? await readBundledMemo(memo) : null;
  if (!answer) {
    answer = await askChild(node, sdkEntry, env);
    if (memo) await writeBundledMemo(memo, answer);
  }
  return {
    providers: new Map(answer.providers.map((p) => [p.id, p.models])),
    oauthProviders: new Set(answer.providers.filter((p) => p.oauth).map((p) => p.id)),
    generatedAt: answer.generatedAt,
  };
}

async function askChild(node: string, sdkEntry: string, env: NodeJS.ProcessEnv): Promise<BundledAnswer> {
  const work = await mkdtemp(join(tmpdir(), "pi-switchboard-catalog-"));
  try {
    // An empty agent dir of our own, offline: nothing of the user's is read or written.
    const childEnv = { ...piChildEnv(env), PI_CODING_AGENT_DIR: work, PI_OFFLINE: "1", PI_SKIP_VERSION_CHECK: "1", PI_TELEMETRY: "0" };
    return await new Promise<BundledAnswer>((resolve, reject) => {
      const child = spawn(node, ["--input-type=module", "-e", CHILD, pathToFileURL(sdkEntry).href, work], { cwd: work, env: childEnv, stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
      const out: Buffer[] = [];
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(0, 8192)));
      const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        if (code !== 0) return reject(new Error(`pi's bundled catalog could not be read: ${firstErrorLine(stderr) ?? (code === null ? `no answer within ${TIMEOUT_MS / 1000} s` : `exit code ${code}`)}`));
        try {
          resolve(JSON.parse(Buffer.concat(out).toString("utf8")) as BundledAnswer);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
