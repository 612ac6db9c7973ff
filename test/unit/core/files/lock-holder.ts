/**
 * Another process holding pi's lock on a file, as pi does while it writes settings.json: a child
 * Node process that takes proper-lockfile's lock (realpath: false, as pi 0.73) and keeps it until
 * told otherwise on stdin. "write <JSON string>" makes it write the file under the lock (pi's plain write).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { REPO } from "./agent-dir-fixture.js";

const CHILD = `
const lockfile = require("proper-lockfile");
const fs = require("node:fs");
const path = process.argv[1];
const release = lockfile.lockSync(path, { realpath: false });
process.stdout.write("locked\\n");
require("node:readline").createInterface({ input: process.stdin }).on("line", (line) => {
  if (line.startsWith("write ")) { fs.writeFileSync(path, JSON.parse(line.slice(6))); process.stdout.write("written\\n"); }
  if (line === "release") { release(); process.stdout.write("released\\n"); process.exit(0); }
});
`;

export class LockHolder {
  private readonly lines: string[] = [];
  private waiters: (() => void)[] = [];
  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on("line", (line) => {
      this.lines.push(line);
      this.waiters.splice(0).forEach((w) => w());
    });
    child.on("exit", () => this.waiters.splice(0).forEach((w) => w()));
  }

  static async start(path: string): Promise<LockHolder> {
    const child = spawn(process.execPath, ["-e", CHILD, path], { cwd: REPO });
    const holder = new LockHolder(child);
    await holder.next("locked");
    return holder;
  }

  /** Resolves when the child has printed `line`. */
  async next(line: string): Promise<void> {
    while (!this.lines.includes(line)) {
      if (this.child.exitCode !== null) throw new Error(`lock holder exited before "${line}"`);
      await new Promise<void>((r) => this.waiters.push(r));
    }
    this.lines.splice(this.lines.indexOf(line), 1);
  }

  async write(text: string): Promise<void> {
    this.child.stdin.write(`write ${JSON.stringify(text)}\n`);
    await this.next("written");
  }

  async release(): Promise<void> {
    this.child.stdin.write("release\n");
    await this.next("released");
    if (this.child.exitCode === null) await once(this.child, "exit");
  }

  kill(): void {
    this.child.kill("SIGKILL");
  }
}
