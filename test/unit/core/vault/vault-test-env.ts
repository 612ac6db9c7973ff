/**
 * Shared ground for the vault tests: whether a real Secret Service can be had (gnome-keyring,
 * started by scripts/run-tests.mjs), throwaway vault entries, temp dirs, running our CLI as a
 * child process, and a recursive search for a key in every file under a dir.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Vault, VAULT_ACCOUNT, type VaultLocation } from "../../../../src-main/core/vault/vault.js";
import { cliArgv } from "../../../cli-under-test.js";

export function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return null;
}

/** Vault tests skip only when gnome-keyring is not installed at all; a broken setup fails them. */
export const keyringInstalled = onPath("gnome-keyring-daemon") !== null;
export const skipNote = keyringInstalled ? "" : " [skipped: gnome-keyring-daemon is not installed (Debian: apt-get install gnome-keyring dbus libsecret-tools)]";

/** Fails with the fix when the tests were started without scripts/run-tests.mjs. */
export function requireSecretService(): void {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error("No D-Bus session: run the tests with `npm test` (scripts/run-tests.mjs starts dbus-run-session and gnome-keyring).");
  }
}

export function testLocation(): VaultLocation {
  return { service: `pi-switchboard-test-${process.pid}-${randomBytes(4).toString("hex")}`, account: VAULT_ACCOUNT };
}

/** A key nobody else uses, so finding it anywhere proves it came from us. */
export function fakeKey(): string {
  return `sk-or-v1-${randomBytes(24).toString("hex")}`;
}

export async function removeEntry(location: VaultLocation): Promise<void> {
  await new Vault(location).remove().catch(() => false);
}

const temps: string[] = [];
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  temps.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir` (recursively) whose bytes contain `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  if (!existsSync(dir)) return [];
  const hits: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const s = statSync(path);
    if (s.isDirectory()) hits.push(...filesContaining(path, needle));
    else if (readFileSync(path).includes(needle)) hits.push(path);
  }
  return hits;
}

export function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

const root = fileURLToPath(new URL("../../../../", import.meta.url));
export const repoRoot = root;

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd ?? root, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    // A command may exit without reading its input (secret-tool refusing, say): the EPIPE that
    // leaves on stdin is not the answer, its exit code and output are.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
  });
}

/** `pi-switchboard <args>` as installed: the built CLI (test/cli-under-test.ts), as a user would run it. */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<RunResult> {
  return run(...cliArgv(args), options);
}

/** The shell line that runs our CLI, for `script` (which needs one command string). */
export function cliShellLine(args: string[]): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const [command, argv] = cliArgv(args);
  return [command, ...argv].map(q).join(" ");
}
