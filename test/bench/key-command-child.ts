/**
 * Runs inside `dbus-run-session` for the key-command benchmark: starts a throwaway unlocked
 * gnome-keyring, stores a key through the app's Vault, then times the command `key connect` would
 * hand pi (run through the shell, as pi runs it) against `secret-tool lookup` run directly (the
 * floor), and the app's own `key print` fallback. Prints one JSON line.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chooseKeyCommand, cliKeyCommand, runLikePi } from "../../src-main/core/vault/key-command.js";
import { Vault, vaultLocation } from "../../src-main/core/vault/vault.js";
import { median, timeRuns } from "./stats.js";

const runs = Number(process.argv[2] ?? 15);
const home = mkdtempSync(join(tmpdir(), "bench-keyring-"));
const started = spawnSync("gnome-keyring-daemon", ["--unlock", "--components=secrets"], { input: "bench", encoding: "utf8", env: { ...process.env, XDG_DATA_HOME: home, XDG_RUNTIME_DIR: home } });
for (const line of started.stdout.split("\n")) {
  const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
  if (m) process.env[m[1]!] = m[2];
}
const location = vaultLocation("pi-switchboard-bench");
const key = "sk-or-v1-bench-0123456789abcdef";
await new Vault(location).store(key);
const command = await chooseKeyCommand(location, key);
const floor = await timeRuns(runs, () => execFileSync("secret-tool", ["lookup", "service", location.service, "username", location.account]));
const ours = await timeRuns(runs, async () => {
  if ((await runLikePi(command)) !== key) throw new Error("the key command did not print the key");
});
const cli = cliKeyCommand(location);
const cliRuns = cli ? await timeRuns(Math.min(runs, 5), () => runLikePi(cli)) : [];
process.stdout.write(`${JSON.stringify({ command: command.split(" ")[0], oursMs: median(ours), floorMs: median(floor), cliMs: cliRuns.length ? median(cliRuns) : null })}\n`);
