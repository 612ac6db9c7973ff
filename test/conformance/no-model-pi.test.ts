/**
 * Files that leave real pi 0.73.1, 0.87.1 and 1.6.0 no model, asked in RPC mode (pi-rpc.ts) with
 * OPENROUTER_API_KEY set, beside the core: whether pi starts at all, with which model, and which
 * models it counts available. The oracle cannot answer for these files (pi's own check throws), so
 * the corpus suite only sees that pi refused them.
 *
 * - An auth.json pi cannot list its logins from (one that does not parse, one that holds null, a
 *   null entry), with and without a scope (enabledModels). The core must give pi's start model and
 *   available models, and say in the auth.json error's own words whether pi starts ("stops with an
 *   error at start, …" always, "… when settings.json scopes models" only with a scope, neither: it
 *   starts).
 * - A settings.json whose enabledModels holds a non-pattern (a number, null): every pi stops at start.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readAgentState } from "../../src-main/core/agent-state.js";
import { loadPiCatalog } from "../../src-main/core/pi/pi-install.js";
import { readAgentFiles } from "../../src-main/core/pi/read-agent-files.js";
import { baseEnv } from "./corpus.js";
import { openPiRpc } from "./pi-rpc.js";
import { TEST_PIS } from "./pi-versions.js";

const KEY_ENV = { OPENROUTER_API_KEY: "sk-or-v1-env-auth-unreadable" };
// A saved default as well: pi 0.73.1 starts with it even where it has no key (0.80.4 skips it then).
const DEFAULT = { defaultProvider: "openrouter", defaultModel: "openai/gpt-4o" };
const SCOPE = { enabledModels: ["openrouter/openai/gpt-4o"] };
const AUTH_FILES = [
  { name: "does not parse", text: '{\n  "openrouter": {"type": "api_key", "key": "sk-or-v1-auth-unreadable"},\n}\n' },
  { name: "holds null", text: "null\n" },
  { name: "has a null entry", text: '{\n  "anthropic": null\n}\n' },
];

const work = mkdtempSync(join(tmpdir(), "no-model-pi-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let dirs = 0;

function agentDir(authText: string, scoped: boolean): { agentDir: string; home: string } {
  const root = join(work, String(dirs++));
  const agentDirPath = join(root, "agent");
  mkdirSync(agentDirPath, { recursive: true });
  mkdirSync(join(root, "home"));
  writeFileSync(join(agentDirPath, "auth.json"), authText, { mode: 0o600 });
  writeFileSync(join(agentDirPath, "settings.json"), JSON.stringify(scoped ? { ...DEFAULT, ...SCOPE } : DEFAULT));
  return { agentDir: agentDirPath, home: join(root, "home") };
}

/** pi's own answer: the model it starts with and the models it counts available, or null when it stops before answering. */
async function piStart(pi: (typeof TEST_PIS)[number], dir: { agentDir: string; home: string }): Promise<{ started: { model: string | null; available: string[] } | null; stderr: string }> {
  const rpc = openPiRpc(pi, { ...dir, cwd: dir.home, env: KEY_ENV, timeoutMs: 60_000 });
  try {
    const state = (await rpc.send({ type: "get_state" })).data as { model?: { provider: string; id: string } | null } | undefined;
    const models = ((await rpc.send({ type: "get_available_models" })).data?.models ?? []) as { provider: string; id: string }[];
    // With no model, pi ≥ 0.80 answers its placeholder "unknown/unknown" (the files here define no provider of that name).
    const model = state?.model && state.model.provider !== "unknown" ? `${state.model.provider}/${state.model.id}` : null;
    return { started: { model, available: models.map((m) => `${m.provider}/${m.id}`).sort() }, stderr: rpc.stderr() };
  } catch {
    return { started: null, stderr: rpc.stderr() };
  } finally {
    rpc.close();
  }
}

/** Whether pi starts with these files, as the core's auth.json error puts it. */
function coreSaysStarts(message: string | undefined, scoped: boolean): boolean {
  if (message?.includes("stops with an error at start when settings.json scopes models")) return !scoped;
  return !message?.includes("stops with an error at start");
}

describe.each(TEST_PIS)("pi $version with an auth.json it cannot list its logins from", (pi) => {
  describe.each(AUTH_FILES)("auth.json $name", ({ text }) => {
    it.each([false, true])("starts, or stops at start, with the model and the models available that the core says (scoped: %s)", async (scoped) => {
      const dir = agentDir(text, scoped);
      const catalog = await loadPiCatalog({ PI_SWITCHBOARD_PI: pi.piDir });
      const env = { ...baseEnv(dir.home), ...KEY_ENV };
      const { snapshot } = await readAgentState(dir.agentDir, await readAgentFiles(dir.agentDir, { settle: false }), catalog, env);
      const message = snapshot.authFile.errors[0]?.message;
      const { started, stderr } = await piStart(pi, dir);

      expect(started !== null, `pi ${pi.version} ${started === null ? "stopped" : "started"}; the core says: ${message}\n${stderr.slice(0, 400)}`).toBe(coreSaysStarts(message, scoped));
      // A pi that stopped has no model; one that started has its own.
      const coreAvailable = snapshot.models.filter((m) => m.available).map((m) => `${m.provider}/${m.id}`).sort();
      expect(coreAvailable).toEqual(started?.available ?? []);
      expect(snapshot.default.start?.ref ?? null).toBe(started?.model ?? null);
    });
  });
});

describe.each(TEST_PIS)("pi $version with a non-pattern in enabledModels", (pi) => {
  it.each([[1], [null]])("stops at start, as the core's settings.json error and noModel say (item %s)", async (item) => {
    const dir = agentDir('{"openrouter": {"type": "api_key", "key": "sk-or-v1-auth-unreadable"}}\n', false);
    writeFileSync(join(dir.agentDir, "settings.json"), JSON.stringify({ ...DEFAULT, enabledModels: [item, "openrouter/openai/gpt-4o"] }));
    const catalog = await loadPiCatalog({ PI_SWITCHBOARD_PI: pi.piDir });
    const { snapshot } = await readAgentState(dir.agentDir, await readAgentFiles(dir.agentDir, { settle: false }), catalog, { ...baseEnv(dir.home), ...KEY_ENV });
    const { started, stderr } = await piStart(pi, dir);

    expect(started, stderr.slice(0, 400)).toBeNull();
    expect(snapshot.settingsFile.errors.map((e) => e.message)).toEqual([snapshot.noModel]);
    expect(coreSaysStarts(snapshot.noModel ?? undefined, true)).toBe(false);
    expect(snapshot.default.start).toBeNull();
  });
});
