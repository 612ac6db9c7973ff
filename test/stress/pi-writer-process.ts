/**
 * Runs one of the real-pi writer scripts (pi-settings-writer.mjs, pi-auth-writer.mjs) as a child
 * for the race tests: waits for its "ready", and on stop() tells it to finish and returns its
 * one-line JSON report together with anything it printed on stderr.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { REPO } from "../unit/core/files/agent-dir-fixture.js";

export interface PiWriter<Report> {
  stop(): Promise<{ report: Report; stderr: string }>;
}

export async function startPiWriter<Report>(script: string, args: string[]): Promise<PiWriter<Report>> {
  const pi = spawn(process.execPath, [join(REPO, "test", "stress", script), ...args], { cwd: REPO });
  const exited = new Promise((r) => pi.once("exit", r));
  let stderr = "";
  pi.stderr.on("data", (d) => (stderr += d));
  const lines = createInterface({ input: pi.stdout })[Symbol.asyncIterator]();
  const first = (await lines.next()).value as string | undefined;
  if (first !== "ready") throw new Error(`${script} did not start: ${first ?? ""} ${stderr}`);
  const done = lines.next();
  return {
    async stop() {
      pi.stdin.write("stop\n");
      const report = JSON.parse((await done).value as string) as Report;
      await exited;
      return { report, stderr };
    },
  };
}
