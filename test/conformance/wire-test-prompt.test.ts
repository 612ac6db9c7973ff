/**
 * Wire conformance of routed test prompts: for every routed model of the corpus, the request the
 * app's test prompt sends and the request real pi 0.73 sends carry the same `provider` object
 * (same keys, values and order), the same `model` and the same Authorization header. Both go to a
 * local capture server under a path containing "openrouter.ai" (pi only sends routing then),
 * each side to its own copy of the agent dir. The corpus is test/fixtures/wire/ (shared with
 * pi-wire.test.ts) plus test/fixtures/wire-test-prompt/ (key commands, env-name keys, merged
 * levels, max_price, sort objects).
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAgentState } from "../../src-main/core/agent-state.js";
import type { TestResult } from "../../src-main/core/contract.js";
import { readAgentFiles } from "../../src-main/core/files/read-agent-files.js";
import { runTestPrompt } from "../../src-main/core/openrouter/test-prompt.js";
import { loadPiCatalog, type PiCatalog } from "../../src-main/core/pi/pi-install.js";
import { baseEnv, PI_BIN, REPO } from "./corpus.js";

interface Case {
  name: string;
  dir: string;
  model: string;
  env: Record<string, string>;
}

interface Captured {
  authorization: string | undefined;
  body: Record<string, unknown>;
}

function loadCases(root: string): Case[] {
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, "case.json")))
    .sort()
    .map((name) => {
      const meta = JSON.parse(readFileSync(join(root, name, "case.json"), "utf8")) as { model: string; env?: Record<string, string> };
      return { name, dir: join(root, name), model: meta.model, env: meta.env ?? {} };
    });
}

const cases = ["wire", "wire-test-prompt", "wire-key-fallbacks"].flatMap((dir) => loadCases(join(REPO, "test", "fixtures", dir)));
const work = mkdtempSync(join(tmpdir(), "wire-test-prompt-"));
const captured = new Map<string, Captured>();
const appResults = new Map<string, TestResult>();
let server: Server;
let catalog: PiCatalog;

/** The least pi needs to finish a turn: one content chunk, a stop with usage, [DONE]. */
function answerStream(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream" });
  const chunk = (delta: object, finish: string | null, usage?: object) =>
    res.write(`data: ${JSON.stringify({ id: "gen-wire", provider: "Capture", model: "wire", object: "chat.completion.chunk", created: 0, choices: [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`);
  chunk({ role: "assistant", content: "ok" }, null);
  chunk({}, "stop", { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2, cost: 0.000001 });
  res.end("data: [DONE]\n\n");
}

/** A copy of the case's agent dir whose models.json points at this side's capture path. */
function agentDirFor(c: Case, side: "pi" | "app", port: number): string {
  const dir = join(work, side, c.name);
  cpSync(c.dir, dir, { recursive: true });
  const modelsPath = join(dir, "models.json");
  writeFileSync(modelsPath, readFileSync(modelsPath, "utf8").replaceAll("{{BASE_URL}}", `http://127.0.0.1:${port}/${side}/${c.name}/openrouter.ai/api/v1`));
  return dir;
}

async function runPi(c: Case, port: number): Promise<void> {
  const agentDir = agentDirFor(c, "pi", port);
  const env = { ...baseEnv(join(work, "home")), ...c.env, PI_CODING_AGENT_DIR: agentDir };
  const pi = promisify(execFile)(
    process.execPath,
    [PI_BIN, "-p", "hi", "--model", c.model, "--no-session", "--offline", "--no-tools", "--no-extensions", "--no-skills", "--no-prompt-templates", "--no-themes", "--no-context-files"],
    { cwd: work, env, timeout: 180_000 },
  );
  // pi -p reads piped stdin into the prompt and waits for its end.
  pi.child.stdin?.end();
  try {
    await pi;
  } catch (error) {
    const { stderr, stdout, signal } = error as { stderr?: string; stdout?: string; signal?: string };
    throw new Error(`pi failed for ${c.name}${signal ? ` (${signal})` : ""}: ${stderr || stdout || (error as Error).message}`, { cause: error });
  }
}

async function runApp(c: Case, port: number): Promise<TestResult> {
  const agentDir = agentDirFor(c, "app", port);
  const env = { ...baseEnv(join(work, "home")), ...c.env };
  const state = buildAgentState(agentDir, await readAgentFiles(agentDir, { settle: false }), catalog, env);
  return runTestPrompt({ state, target: { ref: c.model }, prompt: "hi" });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const [, side, name] = (req.url ?? "").split("/");
      captured.set(`${side}/${name}`, { authorization: req.headers.authorization, body: JSON.parse(body) as Record<string, unknown> });
      answerStream(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  catalog = await loadPiCatalog({ PI_SWITCHBOARD_PI: PI_BIN });
  // A few pi processes at a time: each takes a second of CPU to start, and the machine has two cores.
  const queue = [...cases];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const [, result] = await Promise.all([runPi(c, port), runApp(c, port)]);
      appResults.set(c.name, result);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}, 600_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

it("the corpus is routed: pi sent a provider object in all but the no-routing cases, using every routing key", () => {
  const sent = cases.map((c) => captured.get(`pi/${c.name}`)?.body.provider).filter((p): p is Record<string, unknown> => typeof p === "object" && p !== null);
  // Two cases of the shared corpus check that a model without routing sends no provider field.
  expect(sent.length).toBeGreaterThanOrEqual(cases.length - 2);
  const keys = new Set(sent.flatMap((p) => Object.keys(p)));
  for (const key of ["only", "order", "ignore", "allow_fallbacks", "quantizations", "max_price", "sort", "zdr", "data_collection", "require_parameters"]) expect(keys).toContain(key);
});

describe.each(cases)("$name ($model)", (c) => {
  it("both sides reached the capture server and the app's test completed", () => {
    expect(captured.get(`pi/${c.name}`)).toBeDefined();
    expect(captured.get(`app/${c.name}`)).toBeDefined();
    const result = appResults.get(c.name)!;
    expect(result.error).toBeNull();
    expect(result.text).toBe("ok");
  });

  it("the app sends the same provider object, model and Authorization as pi", () => {
    const pi = captured.get(`pi/${c.name}`)!;
    const app = captured.get(`app/${c.name}`)!;
    expect(app.body.model).toBe(pi.body.model);
    expect("provider" in app.body).toBe("provider" in pi.body);
    // Same keys in the same order: pi sends the merged object verbatim, so must the app.
    expect(JSON.stringify(app.body.provider)).toBe(JSON.stringify(pi.body.provider));
    expect(pi.authorization).toMatch(/^Bearer \S+/);
    expect(app.authorization).toBe(pi.authorization);
  });

  it("the app's result reports the request it sent, never the key", () => {
    const app = captured.get(`app/${c.name}`)!;
    const result = appResults.get(c.name)!;
    expect(result.request.model).toBe(app.body.model);
    expect(result.request.provider).toEqual(app.body.provider ?? null);
    expect(JSON.stringify(result)).not.toContain(app.authorization!.slice("Bearer ".length));
  });
});
