/**
 * pi's error texts reach the app's window and CLI through the oracle (the verdict line, its
 * differences). V8's JSON.parse quotes up to ten characters either side of a fault, or all of a
 * short file, and an unquoted key in auth.json or models.json is exactly where such a fault sits:
 * pi 1.6.0's error for one read `Unexpected token 'Q', ..."key": Q7xW9vK2pL"... is not valid JSON`.
 * Each test pi is asked about such files through the oracle the app ships (product mode); no part of
 * the key may be in its answers, while the answer still says the file is not valid JSON.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runOracle } from "../../src-main/core/pi/verdict/run-oracle.js";
import { baseEnv } from "./corpus.js";
import { TEST_PIS } from "./pi-versions.js";

const SECRET = "Q7xW9vK2pL4mR8tYb3Nc";
const CASES: { name: string; files: Record<string, string> }[] = [
  { name: "auth-long", files: { "auth.json": `{\n  "openrouter": {"type": "api_key", "key": ${SECRET}}\n}\n` } },
  // Under 40 characters: V8 quotes the whole text.
  { name: "auth-short", files: { "auth.json": `{"o":{"key":${SECRET}}}` } },
  { name: "models", files: { "models.json": `{"providers": {"openrouter-x": {"baseUrl": "https://openrouter.ai/api/v1", "apiKey": ${SECRET}, "models": [{"id": "openai/gpt-4o"}]}}}` } },
  { name: "settings", files: { "settings.json": `{"defaultProvider": ${SECRET}}` } },
];

const work = mkdtempSync(join(tmpdir(), "oracle-quoted-source-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cases = CASES.map(({ name, files }) => {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text, { mode: 0o600 });
  return { name, dir };
});
mkdirSync(join(work, "home"));

/** Every run of three characters of the secret found in `text`. */
const fragments = (text: string) => Array.from({ length: SECRET.length - 2 }, (_, i) => SECRET.slice(i, i + 3)).filter((f) => text.includes(f));

describe.each(TEST_PIS)("pi $version's errors through the oracle", (pi) => {
  it("say what is wrong with each file and quote none of an unquoted key", async () => {
    const workDir = mkdtempSync(join(work, "oracle-"));
    const outcome = await runOracle({ node: pi.node, piDir: pi.piDir, cases, env: baseEnv(join(work, "home")), timeoutMs: 120_000, workDir });
    if (!outcome.ok) throw new Error(outcome.message);
    const text = JSON.stringify(outcome.answers);
    expect(fragments(text)).toEqual([]);
    // The answers still carry pi's errors, not nothing: at least the models.json one names the fault.
    const errors = outcome.answers.flatMap((a) => [a.error, a.modelsError, ...(a.settingsErrors ?? [])]).filter((e): e is string => typeof e === "string");
    expect(errors.some((e) => /not valid JSON|JSON/.test(e)), errors.join("\n")).toBe(true);
  }, 150_000);
});
