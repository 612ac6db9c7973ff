/**
 * `key …`: the OpenRouter key in the OS vault from a terminal — set, status, print (the command pi
 * may run), connect/disconnect pi, forget, import-from-auth. Everything goes through
 * core/vault/key-feature.ts; only `key print` ever writes the key, and only to a pipe.
 */
import { Option, type Command } from "commander";
import type { ActionResult, CreditsInfo, KeyStatus } from "../../core/common/index.js";
import { checkCredits } from "../../core/openrouter/credits-monitor.js";
import { keyPiWouldUse as findPiKey, type FoundKey } from "../../core/openrouter/pi-openrouter-key.js";
import { resolveAgentDir } from "../../core/pi/agent-dir.js";
import { VaultKeyFeature } from "../../core/vault/key-feature.js";
import { keyPrintAnswers, keyPrintRefusal } from "../../core/vault/key-command.js";
import { Vault, vaultLocation } from "../../core/vault/vault.js";
import { cliHint, complain, say } from "../cli-command.js";
import { openService, printJson } from "../open-state.js";

interface KeyOptions {
  agentDir?: string;
  vaultService?: string;
}

function feature(opts: KeyOptions): VaultKeyFeature {
  return new VaultKeyFeature({ agentDir: resolveAgentDir(opts.agentDir), location: vaultLocation(opts.vaultService) });
}

function withCommonOptions(command: Command): Command {
  return command
    .option("--agent-dir <dir>", "pi's agent dir (default: $PI_CODING_AGENT_DIR or ~/.pi/agent)")
    .addOption(new Option("--vault-service <name>", "vault entry's service name (tests); default $PI_SWITCHBOARD_VAULT_SERVICE or pi-switchboard").hideHelp());
}

function fail(message: string): void {
  complain(`${message}\n`);
  process.exitCode = 1;
}

function describe(status: KeyStatus): string {
  const lines: string[] = [];
  lines.push(status.vault.available ? `Vault: ${status.vault.backend}` : `Vault: ${status.vault.backend} is not available. ${status.vault.message ?? ""}`.trimEnd());
  if (status.vault.available) lines.push(status.stored ? `Key: stored (ends in …${status.last4})` : `Key: none stored (${cliHint("key set")})`);
  const check = status.lastCheck;
  if (check?.ok) {
    const limit = check.limit === null || check.limit === undefined ? "no limit" : `limit $${check.limit} ($${check.limitRemaining ?? "?"} left)`;
    lines.push(`OpenRouter: key "${check.label ?? ""}", usage $${check.usage ?? "?"}, ${limit}${check.isFreeTier ? ", free tier" : ""}`);
  } else if (check) lines.push(`OpenRouter: ${check.error}`);
  if (status.connectedProviders.length) lines.push(`pi reads the vault key for: ${status.connectedProviders.join(", ")}\n  via: ${status.command}`);
  if (status.health) lines.push(status.health.ok ? "Key health: the command prints the stored key, as pi runs it." : `Key health: ${status.health.problem}\n  Fix: ${status.health.fix}`);
  if (status.unconnectedProviders.length) lines.push(`Not reading the vault key: ${status.unconnectedProviders.join(", ")} (${cliHint("key connect")})`);
  if (status.plaintextInAuth.length) lines.push(`Plain-text key in auth.json: ${status.plaintextInAuth.join(", ")} (${cliHint("key import-from-auth")})`);
  return `${lines.join("\n")}\n`;
}

/** The key pi would use (core/openrouter/pi-openrouter-key.ts); no agent dir is no pi config: the env var or the vault still decide. */
async function keyPiWouldUse(opts: KeyOptions, f: VaultKeyFeature): Promise<FoundKey> {
  const service = await openService(opts.agentDir, { allowMissingDir: true });
  try {
    return await findPiKey(service.agentState(), () => f.vault.read());
  } finally {
    service.close();
  }
}

interface CreditsReport {
  keyUsed: string | null;
  credits: CreditsInfo["credits"];
  limit: CreditsInfo["limit"];
  usage: CreditsInfo["usage"];
  creditsNote: string | null;
}

const notAsked: CreditsReport = { keyUsed: null, credits: null, limit: null, usage: null, creditsNote: `Not asked: ${cliHint("key status --check")} asks OpenRouter for credits, limit and usage.` };

async function creditsReport(opts: KeyOptions, f: VaultKeyFeature): Promise<{ report: CreditsReport; ok: boolean }> {
  const found = await keyPiWouldUse(opts, f);
  const answer = await checkCredits(found, process.env);
  if (!answer.ok) return { report: { ...notAsked, keyUsed: found.source, creditsNote: answer.error.message }, ok: false };
  const { credits, limit, usage, note } = answer.value;
  return { report: { keyUsed: found.source, credits, limit, usage, creditsNote: note }, ok: true };
}

const usd = (n: number | null | undefined) => (n === null || n === undefined ? "?" : `$${Math.round(n * 10000) / 10000}`);

function describeCredits(r: CreditsReport): string {
  const lines = [`Key pi uses: ${r.keyUsed}`];
  if (r.credits) lines.push(`Credits: ${usd(r.credits.remaining)} left of ${usd(r.credits.total)} (${usd(r.credits.used)} used)`);
  lines.push(r.limit ? `Key limit: ${usd(r.limit.limit)}, ${usd(r.limit.remaining)} left${r.limit.reset ? `, resets ${r.limit.reset}` : ", never resets"}` : r.usage ? "Key limit: none" : "");
  if (r.usage) lines.push(`Key usage: today ${usd(r.usage.daily)}, this week ${usd(r.usage.weekly)}, this month ${usd(r.usage.monthly)}`);
  if (r.creditsNote) lines.push(r.creditsNote);
  return `${lines.filter(Boolean).join("\n")}\n`;
}

function report(result: ActionResult<KeyStatus>, done: string): void {
  if (!result.ok) return fail(result.error.message);
  say(`${done}\n${describe(result.value)}`);
}

/** Reads a line from the terminal without echoing it (raw mode), or all of stdin from a pipe. */
async function readKeyInput(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  // Echo off before the prompt shows: a key pasted the moment the prompt appears must not reach
  // the screen (prompting first left a window in which the terminal still echoed it).
  stdin.setRawMode(true);
  process.stderr.write("OpenRouter key (input hidden): ");
  stdin.resume();
  let typed = "";
  try {
    for await (const chunk of stdin) {
      for (const ch of (chunk as Buffer).toString("utf8")) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") return typed;
        if (ch === "\u0003") throw new Error("Cancelled; nothing was stored.");
        typed = ch === "\u007f" || ch === "\b" ? typed.slice(0, -1) : typed + ch;
      }
    }
    return typed;
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write("\n");
  }
}

export function registerKey(program: Command): void {
  const key = program.command("key").description("The OpenRouter key in the OS credential vault, and pi reading it from there");

  withCommonOptions(key.command("set").description("Store the key (from stdin, or typed without echo)")).action(async (opts: KeyOptions) => {
    report(await feature(opts).set(await readKeyInput()), "Key stored in the vault.");
  });

  withCommonOptions(key.command("status").description("Whether a key is stored, and which providers read it"))
    .option("--json", "machine-readable output")
    .option("--check", "ask OpenRouter about the key pi would use: credits, limit and usage (GET /key, GET /credits)")
    .action(async (opts: KeyOptions & { json?: boolean; check?: boolean }) => {
      const f = feature(opts);
      let status: KeyStatus;
      let credits = notAsked;
      if (opts.check) {
        const asked = await creditsReport(opts, f);
        credits = asked.report;
        if (!asked.ok) process.exitCode = 1;
        status = await f.status();
        if (status.stored) {
          const checked = await f.check();
          if (!checked.ok) return fail(checked.error.message);
          status = checked.value;
          if (!status.lastCheck?.ok) process.exitCode = 1;
        }
      } else status = await f.checkHealth();
      if (status.health && !status.health.ok) process.exitCode = 1;
      if (opts.json) printJson({ ...status, ...credits });
      else say(describe(status) + (opts.check ? describeCredits(credits) : ""));
    });

  withCommonOptions(key.command("print").description("Print the key for pi's `!command` (Windows only, where it is that command; refuses a terminal)"))
    .option("--force", "print even to a terminal")
    .action(async (opts: KeyOptions & { force?: boolean }) => {
      if (!keyPrintAnswers()) return fail(keyPrintRefusal(vaultLocation(opts.vaultService)));
      if (process.stdout.isTTY && !opts.force) return fail("Refusing to print the key to a terminal, where it would stay on screen and in scrollback. This command is for pi's `!command` in auth.json or a pipe; add --force if you really mean it.");
      try {
        const value = await new Vault(vaultLocation(opts.vaultService)).read();
        if (!value) return fail(`No OpenRouter key is stored in the vault (${cliHint("key set")}).`);
        process.stdout.write(value);
      } catch (error) {
        fail((error as Error).message);
      }
    });

  withCommonOptions(key.command("connect").description("Make pi read the vault key (auth.json `!command`) for every OpenRouter provider")).action(async (opts: KeyOptions) => {
    report(await feature(opts).connect(), "pi now reads the key from the vault.");
  });

  withCommonOptions(key.command("disconnect").description("Undo `key connect` in auth.json (for every provider, or only those named)"))
    .option("--provider <name...>", "take the key command from these providers only (one whose baseUrl left OpenRouter); the others stay connected")
    .action(async (opts: KeyOptions & { provider?: string[] }) => {
      const result = await feature(opts).disconnectWithReport(opts.provider);
      if (!result.ok) return fail(result.error.message);
      const { report: r, status } = result.value;
      const lines = ["Disconnected."];
      if (r.restored.length) lines.push(`Restored what auth.json held before for: ${r.restored.join(", ")}`);
      if (r.removed.length) lines.push(`Removed the vault command for: ${r.removed.join(", ")}`);
      if (r.withoutKey.length) lines.push(`No key in auth.json any more for: ${r.withoutKey.join(", ")} — it was there in plain text before, and the app never writes a key into a file. Set OPENROUTER_API_KEY or run ${cliHint("key connect")} again.`);
      say(`${lines.join("\n")}\n${describe(status)}`);
    });

  withCommonOptions(key.command("forget").description("Disconnect pi and delete the key from the vault")).action(async (opts: KeyOptions) => {
    report(await feature(opts).forget(), "Key deleted from the vault.");
  });

  withCommonOptions(key.command("import-from-auth").description("Move a plain-text OpenRouter key from auth.json into the vault and connect pi")).action(async (opts: KeyOptions) => {
    report(await feature(opts).importFromAuth(), "Key moved into the vault; auth.json now holds the command that reads it.");
  });
}
