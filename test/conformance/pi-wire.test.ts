/**
 * Conformance on the wire: the real pi CLI sends one prompt to a local endpoint whose path
 * contains "openrouter.ai" (so pi treats it as OpenRouter), and the captured request must carry
 * the core's routing as its `provider` field, the core's model id, and the key the core's
 * keySource points at. Cases live in test/fixtures/wire/<case>/ (shared with the test-prompt wire
 * suite) and test/fixtures/wire-key-fallbacks/<case>/, with {{BASE_URL}} in models.json.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAgentState, type AgentState } from "../../src-main/core/agent-state.js";
import { readAgentFiles } from "../../src-main/core/files/read-agent-files.js";
import { loadPiCatalog, type PiCatalog } from "../../src-main/core/pi/pi-install.js";
import { baseEnv, loadCorpus, PI_BIN, REPO } from "./corpus.js";

interface Captured {
  authorization: string | undefined;
  body: Record<string, unknown>;
}

interface WireRun {
  captured: Captured | undefined;
  state: AgentState;
  env: Record<string, string>;
  model: string;
  piOutput: string;
}

const cases = ["wire", "wire-key-fallbacks"].flatMap((dir) => loadCorpus(join(REPO, "test", "fixtures", dir))).map((c) => ({
  ...c,
  model: (JSON.parse(readFileSync(join(c.dir, "case.json"), "utf8")) as { model: string }).model,
}));
const work = mkdtempSync(join(tmpdir(), "pi-wire-"));
const env = baseEnv(work);
const captured = new Map<string, Captured>();
const runs = new Map<string, WireRun>();
let server: Server;
let catalog: PiCatalog;

/** An OpenAI-style streamed chat completion, the least pi needs to finish a turn. */
function answerStream(res: import("node:http").ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream" });
  const chunk = (delta: object, finish: string | null, usage?: object) =>
    res.write(`data: ${JSON.stringify({ id: "wire", object: "chat.completion.chunk", created: 0, model: "wire", choices: [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`);
  chunk({ role: "assistant", content: "ok" }, null);
  chunk({}, "stop", { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 });
  res.end("data: [DONE]\n\n");
}

async function runCase(c: (typeof cases)[number], port: number): Promise<WireRun> {
  const agentDir = join(work, c.name);
  cpSync(c.dir, agentDir, { recursive: true });
  // Each case gets its own path prefix so parallel runs are told apart.
  const baseUrl = `http://127.0.0.1:${port}/${c.name}/openrouter.ai/api/v1`;
  const modelsPath = join(agentDir, "models.json");
  writeFileSync(modelsPath, readFileSync(modelsPath, "utf8").replaceAll("{{BASE_URL}}", baseUrl));
  const caseEnv = { ...env, ...c.env };
  const pi = promisify(execFile)(
    process.execPath,
    [PI_BIN, "-p", "hi", "--model", c.model, "--no-session", "--offline", "--no-tools", "--no-extensions", "--no-skills", "--no-prompt-templates", "--no-themes", "--no-context-files"],
    { cwd: work, env: { ...caseEnv, PI_CODING_AGENT_DIR: agentDir }, timeout: 180_000 },
  );
  // pi -p reads piped stdin into the prompt and waits for its end.
  pi.child.stdin?.end();
  const { stdout } = await pi;
  // pi created auth.json if it was missing; the core reads the same dir afterwards, as pi left it.
  const state = buildAgentState(agentDir, await readAgentFiles(agentDir, { settle: false }), catalog, caseEnv);
  return { captured: captured.get(c.name), state, env: caseEnv, model: c.model, piOutput: stdout };
}

/** The key the core says pi uses, read from where its keySource points (env var, file). */
function keyPointedAt(run: WireRun, provider: string): string | undefined {
  const source = run.state.snapshot.models.find((m) => `${m.provider}/${m.id}` === run.model)!.keySource;
  if (source.form === "env") return run.env[source.label!];
  if (source.origin === "auth.json") return (run.state.keyContext.auth[provider] as { key: string }).key;
  if (source.origin === "models.json" && source.form === "literal") return run.state.modelsConfig!.providers[provider]!.apiKey;
  return undefined;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const caseName = (req.url ?? "").split("/")[1] ?? "";
      captured.set(caseName, { authorization: req.headers.authorization, body: JSON.parse(body) as Record<string, unknown> });
      answerStream(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  catalog = await loadPiCatalog({ PI_SWITCHBOARD_PI: PI_BIN });
  const port = (server.address() as AddressInfo).port;
  // Two pi processes at a time: each takes a core for a second or two to start, and more in
  // parallel only makes every one of them slower on a busy machine.
  const queue = [...cases];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) runs.set(c.name, await runCase(c, port));
  };
  await Promise.all([worker(), worker()]);
}, 400_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

describe.each(cases)("$name", (c) => {
  it("pi completed the turn against the local endpoint", () => {
    const run = runs.get(c.name)!;
    expect(run.piOutput.trim()).toBe("ok");
    expect(run.captured).toBeDefined();
  });

  it("pi sent the core's routing as `provider`, verbatim, and the core's model id", () => {
    const run = runs.get(c.name)!;
    const entry = run.state.snapshot.models.find((m) => `${m.provider}/${m.id}` === c.model)!;
    expect(entry).toBeDefined();
    expect(run.captured!.body.model).toBe(entry.id);
    expect(run.captured!.body.provider ?? null).toEqual(entry.routing);
    expect(JSON.stringify(run.captured!.body.provider ?? null)).toBe(JSON.stringify(entry.routing));
  });

  it("pi authorised with the key the core's keySource points at", () => {
    const run = runs.get(c.name)!;
    const provider = c.model.slice(0, c.model.indexOf("/"));
    const key = keyPointedAt(run, provider);
    expect(key).toBeTruthy();
    expect(run.captured!.authorization).toBe(`Bearer ${key}`);
  });
});
