/**
 * The conformance corpus on disk (test/fixtures/agent-dirs/<case>/) and the two ways of asking
 * about it: real pi, through src-main/core/pi/verdict/pi-oracle.mjs in one child process, and the core, in this process.
 * Shared by the conformance tests so that both sides always see the same cases and environment.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { TestPi } from "./pi-versions.js";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const CORPUS = join(REPO, "test", "fixtures", "agent-dirs");
export const PI_BIN = join(REPO, "node_modules", ".bin", "pi");

export interface CorpusCase {
  name: string;
  dir: string;
  description: string;
  env: Record<string, string>;
}

/** The oracle's answer types, declared once beside the app's runner of the same script. */
export type { OracleAnswer as PiAnswer, OracleKey as PiKey, OracleModel as PiModel } from "../../src-main/core/pi/verdict/run-oracle.js";
import type { OracleAnswer as PiAnswer } from "../../src-main/core/pi/verdict/run-oracle.js";

/**
 * The environment every case starts from, on both sides: no provider keys, and a HOME with no
 * ~/.pi, ~/.aws or gcloud credentials, so only what a case sets counts.
 */
export function baseEnv(home: string): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: home };
}

export function loadCorpus(root = CORPUS): CorpusCase[] {
  return readdirSync(root)
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const meta = existsSync(join(dir, "case.json"))
        ? (JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as { description?: string; env?: Record<string, string> })
        : {};
      return { name, dir, description: meta.description ?? "", env: meta.env ?? {} };
    });
}

export const ORACLE = join(REPO, "src-main", "core", "pi", "verdict", "pi-oracle.mjs");

/** A real pi's answers for every case, from one child process on that pi's own Node (minutes on a loaded, shared machine). */
export async function askPi(pi: TestPi, cases: CorpusCase[], env: Record<string, string>): Promise<Map<string, PiAnswer>> {
  const work = mkdtempSync(join(tmpdir(), "pi-conformance-"));
  try {
    const request = join(work, "request.json");
    const answers = join(work, "answers.json");
    writeFileSync(request, JSON.stringify({ piDir: pi.piDir, mode: "conformance", baseEnv: env, cases: cases.map(({ name, dir, env: caseEnv }) => ({ name, dir, env: caseEnv })) }));
    await promisify(execFile)(pi.node, [ORACLE, request, answers], { cwd: work, env, maxBuffer: 16 * 1024 * 1024, timeout: 900_000 });
    const list = JSON.parse(readFileSync(answers, "utf8")) as PiAnswer[];
    return new Map(list.map((a) => [a.name, a]));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The oracle's key fingerprint: sha256 hex, first 16 characters. */
export const fingerprint = (key: string): string => createHash("sha256").update(key).digest("hex").slice(0, 16);

export const ref = (m: { provider: string; id: string }) => `${m.provider}/${m.id}`;
