/**
 * `key connect` / `key disconnect`: make pi read the OpenRouter key from the vault through a
 * command it runs, and undo exactly that.
 *
 * pi 0.73 reads auth.json before the env var and models.json `apiKey` (AuthStorage.getApiKey), so
 * connect writes `{"<provider>": {"type": "api_key", "key": "!<command>"}}` there for the built-in
 * `openrouter` provider and for every virtual OpenRouter provider of models.json (another name,
 * every baseUrl on OpenRouter's own API hosts: secret-destination.ts, never pi's looser
 * "contains openrouter.ai"). Writes go through write-pi-file.ts under pi's own auth.json lock,
 * so pi's concurrent writes and every other entry survive. What each entry held before is kept in
 * handoff-state.ts, secrets excepted; disconnect only touches entries that still hold our command.
 */
import type { JsonChange } from "../files/json-edit.js";
import { EditError, writePiFile } from "../edits/write-pi-file.js";
import { Backups } from "../files/backup.js";
import { readPiFile } from "../files/read-pi-file.js";
import { agentPaths } from "../pi/agent-dir.js";
import { parseLenientJson, parseStrictJson } from "../pi/pi-json.js";
import { foreignDestination, type Env, type ProviderUrls } from "../common/secret-destination.js";
import { readsAppVault } from "../common/vault-entry.js";
import { HandoffStateStore, type HandoffState, type ReplacedEntry } from "./handoff-state.js";
import { chooseKeyCommand, cliKeyCommandText, nativeKeyCommand } from "./key-command.js";
import { RedactingBackups } from "./redacting-backups.js";
import type { VaultLocation } from "./vault.js";

export interface HandoffContext {
  agentDir: string;
  location: VaultLocation;
  /** The app's data dir (app-data-dir.ts), for the record of what connect replaced. */
  dataDir: string;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}

/** An env var name, as pi's resolveConfigValue reads a bare name (same rule as auth-file.ts). */
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

type AuthEntry = { type?: unknown; key?: unknown } | null | undefined;

/** How an auth.json entry stands with respect to our command. */
type EntryKind = "absent" | "ours" | "config" | "plaintext" | "other";

/** `ours`: the exact commands connect wrote; any other command that reads the app's vault entry counts too (readsAppVault). */
function classify(entry: AuthEntry, ours: Set<string>, env: Env = {}): EntryKind {
  if (entry === undefined) return "absent";
  if (!entry || typeof entry !== "object" || entry.type !== "api_key" || typeof entry.key !== "string") return "other";
  if (ours.has(entry.key) || readsAppVault(entry.key, env)) return "ours";
  return entry.key.startsWith("!") || ENV_NAME.test(entry.key) ? "config" : "plaintext";
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readPiFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new EditError({ code: "io", message: `Cannot read ${path}: ${(error as Error).message}`, file: path });
  }
}

/**
 * The providers the vault key may be given to: `openrouter` and the virtual providers of models.json
 * whose every baseUrl is OpenRouter's own API (the built-in alone when pi cannot read the file).
 */
export function openRouterProviders(modelsText: string | null, env: Env): string[] {
  const parsed = modelsText === null ? null : parseLenientJson(modelsText);
  const providers = parsed?.ok ? (parsed.value as { providers?: unknown } | null)?.providers : undefined;
  const entries = providers && typeof providers === "object" ? (providers as Record<string, ProviderUrls | null>) : {};
  const names = new Set<string>();
  if (foreignDestination("openrouter", entries.openrouter ?? undefined, env) === null) names.add("openrouter");
  for (const [name, entry] of Object.entries(entries)) {
    if (entry && typeof entry === "object" && foreignDestination(name, entry, env) === null) names.add(name);
  }
  return [...names].sort();
}

function authObject(text: string | null, path: string): Record<string, AuthEntry> {
  if (text === null || text.trim() === "") return {};
  const parsed = parseStrictJson(text);
  if (!parsed.ok || !parsed.value || typeof parsed.value !== "object" || Array.isArray(parsed.value)) {
    // Never quote auth.json: it holds secrets. The position is enough to find the problem.
    const where = parsed.ok ? "" : ` at line ${parsed.problem.line}, column ${parsed.problem.column}`;
    throw new EditError({ code: "unparseable-file", message: `${path} is not a valid JSON object${where}, so it was left untouched. Fix it first.`, file: path });
  }
  return parsed.value as Record<string, AuthEntry>;
}

export interface HandoffView {
  openRouter: string[];
  connected: string[];
  /** OpenRouter providers whose auth.json key is a literal. */
  plaintext: string[];
  command: string | null;
}

export interface DisconnectReport {
  removed: string[];
  restored: string[];
  /** Entries that held a plaintext key before connect: removed, the key is not written back. */
  withoutKey: string[];
}

export class PiHandoff {
  private readonly state: HandoffStateStore;
  private readonly authPath: string;
  private readonly modelsPath: string;

  private get env(): Env {
    return this.ctx.env ?? process.env;
  }

  constructor(private readonly ctx: HandoffContext) {
    this.state = new HandoffStateStore(ctx.dataDir);
    const paths = agentPaths(ctx.agentDir);
    this.authPath = paths.auth;
    this.modelsPath = paths.models;
  }

  /** Commands that count as ours: the recorded one and what connect would write today (the
   *  record may be gone, or name a newer command than a connect that failed half-way left). */
  private ourKeys(state: HandoffState | null): Set<string> {
    const commands = [state?.command, nativeKeyCommand(this.ctx.location, this.ctx.platform, this.ctx.env), cliKeyCommandText(this.ctx.location, this.ctx.platform, this.ctx.env)];
    return new Set(commands.filter((c): c is string => Boolean(c)).map((c) => `!${c}`));
  }

  async view(): Promise<HandoffView> {
    const state = await this.state.load(this.ctx.agentDir);
    const ours = this.ourKeys(state);
    const openRouter = openRouterProviders(await readText(this.modelsPath), this.env);
    let auth: Record<string, AuthEntry> = {};
    try {
      auth = authObject(await readText(this.authPath), this.authPath);
    } catch {
      // An unreadable auth.json is reported by the Config health view; here it connects nothing.
    }
    const connected = openRouter.filter((p) => classify(auth[p], ours, this.env) === "ours");
    const plaintext = openRouter.filter((p) => classify(auth[p], ours, this.env) === "plaintext");
    const command = connected.length ? (auth[connected[0]!]!.key as string).slice(1) : null;
    return { openRouter, connected, plaintext, command };
  }

  /** Plaintext OpenRouter keys in auth.json, by provider (for import-from-auth; stays in memory). */
  async plaintextKeys(): Promise<Map<string, string>> {
    const auth = authObject(await readText(this.authPath), this.authPath);
    const out = new Map<string, string>();
    for (const p of openRouterProviders(await readText(this.modelsPath), this.env)) {
      const entry = auth[p];
      if (classify(entry, new Set()) === "plaintext") out.set(p, entry!.key as string);
    }
    return out;
  }

  /**
   * Points every OpenRouter provider (and any entry holding the vault key in plain text) at the
   * vault command. `storedKey` is the vault's key: the command is verified against it.
   */
  async connect(storedKey: string): Promise<{ command: string; connected: string[] }> {
    const command = await chooseKeyCommand(this.ctx.location, storedKey, this.ctx.platform, this.ctx.env);
    const ref = `!${command}`;
    const previous = await this.state.load(this.ctx.agentDir);
    const ours = new Set([...this.ourKeys(previous), ref]);
    const targets = openRouterProviders(await readText(this.modelsPath), this.env);
    const records: Record<string, ReplacedEntry> = { ...previous?.providers };

    const plan = (current: Record<string, AuthEntry>): JsonChange[] => {
      const changes: JsonChange[] = [];
      // An OpenRouter provider already holding the vault key in plain text is connected too; one
      // that sends elsewhere keeps its entry: the vault's command is never written for it.
      for (const provider of targets) {
        const entry = current[provider];
        const kind = classify(entry, ours, this.env);
        if (kind === "absent") {
          records[provider] = { before: "absent" };
          changes.push({ path: [provider], value: { type: "api_key", key: ref } });
          continue;
        }
        if (kind === "other") {
          throw new EditError({ code: "conflict", message: `auth.json has an entry for "${provider}" that is not an API key (type ${JSON.stringify(entry?.type ?? null)}); it was left as is and nothing was connected. Remove it if pi should read the key from the vault.`, file: this.authPath });
        }
        const key = entry!.key as string;
        if (kind === "plaintext" && key !== storedKey) {
          throw new EditError({ code: "conflict", message: `auth.json holds a different OpenRouter key for "${provider}" in plain text; nothing was connected. Run \`key import-from-auth\` to move that key into the vault, or remove the entry.`, file: this.authPath });
        }
        // A command that prints the key inline would be a plaintext secret too: never record it.
        if (kind === "config") records[provider] = key.includes(storedKey) ? { before: "plaintext" } : { before: "key", key };
        else if (kind === "plaintext") records[provider] = { before: "plaintext" };
        else records[provider] ??= { before: "absent" };
        if (key !== ref) changes.push({ path: [provider, "key"], value: ref });
      }
      return changes;
    };

    // Record first: a record of a change that then fails is harmless (disconnect only touches
    // entries holding our command), a change without its record would lose what it replaced.
    plan(authObject(await readText(this.authPath), this.authPath));
    const save = () => this.state.save({ version: 1, agentDir: this.ctx.agentDir, command, providers: records });
    await save();
    await writePiFile({
      path: this.authPath,
      usePiLock: true,
      parse: parseStrictJson,
      createMode: 0o600,
      backups: new RedactingBackups(this.ctx.agentDir, storedKey, ref),
      changes: (current) => plan(current as Record<string, AuthEntry>),
    });
    await save();
    return { command, connected: Object.keys(records).sort() };
  }

  /**
   * Takes our command out of auth.json: from every provider, or from `only` those (a provider moved
   * off OpenRouter: secret-destination.ts). `storedKey`, when the vault could be read, is cut out of
   * the backup should auth.json hold it.
   */
  async disconnect(storedKey: string | null, only?: readonly string[]): Promise<DisconnectReport> {
    const state = await this.state.load(this.ctx.agentDir);
    const ours = this.ourKeys(state);
    const report: DisconnectReport = { removed: [], restored: [], withoutKey: [] };
    let stillConnected = false;
    await writePiFile({
      path: this.authPath,
      usePiLock: true,
      parse: parseStrictJson,
      createMode: 0o600,
      backups: storedKey ? new RedactingBackups(this.ctx.agentDir, storedKey, `!${state?.command ?? ""}`) : new Backups(this.ctx.agentDir),
      changes: (value) => {
        const current = value as Record<string, AuthEntry>;
        report.removed = [];
        report.restored = [];
        report.withoutKey = [];
        const changes: JsonChange[] = [];
        stillConnected = false;
        for (const provider of Object.keys(current)) {
          if (classify(current[provider], ours, this.env) !== "ours") continue;
          if (only && !only.includes(provider)) {
            stillConnected = true;
            continue;
          }
          const before = state?.providers[provider] ?? { before: "absent" };
          if (before.before === "key") {
            changes.push({ path: [provider, "key"], value: before.key });
            report.restored.push(provider);
          } else {
            changes.push({ path: [provider], value: undefined });
            (before.before === "plaintext" ? report.withoutKey : report.removed).push(provider);
          }
        }
        return changes;
      },
    });
    if (!stillConnected) await this.state.clear(this.ctx.agentDir);
    else if (state) {
      // The others stay connected: keep what they replaced, forget only the disconnected ones'.
      const providers = Object.fromEntries(Object.entries(state.providers).filter(([p]) => !only?.includes(p)));
      await this.state.save({ ...state, providers });
    }
    return report;
  }
}
