/**
 * Which writes may put a `!command` value into pi's files. pi runs such a value as a shell command
 * whenever it needs the key or header (provider `apiKey`, `headers` at provider, model or override
 * level), so writing one is running code later. The decision lives here, in the main process, and
 * not in the page: whatever a page sends, a write that introduces a command runs only after the
 * transport asked the user itself (Electron's native dialog on the window that sent it, see
 * ApiCaller.confirmCommands) — and is refused where no one can be asked (`serve`, whose API a
 * browser page talks to; the tray; the CLI). A command already written at the same place is not
 * introduced: re-saving a provider that keeps its `!pass …` key asks nothing. `key connect` writes its
 * own vetted command through pi-handoff.ts, not through these commands.
 */
import type { ActionResult, Command, CommandResult, FilePreview } from "./common/index.js";
import { parseLenientJson } from "./pi/pi-json.js";

/** Who is asking, and whether the transport can ask the user outside the page. */
export interface ApiCaller {
  /**
   * Asks the user whether pi may run these commands, in UI the page cannot draw or answer (Electron's
   * native message box); true only on an explicit yes. Absent for callers that cannot ask.
   */
  confirmCommands?: (commands: string[]) => Promise<boolean>;
}

export const UNCONFIRMED_CALLER: ApiCaller = {};

const isCommandValue = (v: unknown): v is string => typeof v === "string" && v.trimStart().startsWith("!");

/**
 * `!command` values under `apiKey` or `headers` anywhere in a value, keyed by where they sit. Array
 * items with a string `id` (custom models) are keyed by it, so a model removed before another does
 * not make the other's command look new.
 */
function collect(value: unknown, underHeaders: boolean, path: string, out: Map<string, string>, depth = 0): void {
  if (depth > 20 || value === null || typeof value !== "object") return;
  const steps: { key: string | null; place: string; v: unknown }[] = Array.isArray(value)
    ? value.map((v: unknown, i) => {
        const id = (v as { id?: unknown } | null)?.id;
        return { key: null, place: `${path}[${typeof id === "string" ? `id=${JSON.stringify(id)}` : i}]`, v };
      })
    : Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, place: `${path}.${JSON.stringify(key)}`, v }));
  for (const { key, place, v } of steps) {
    if ((underHeaders || key === "apiKey") && isCommandValue(v)) out.set(place, v);
    else collect(v, underHeaders || key === "headers", place, out, depth + 1);
  }
}

/** Every `!command` value in a parsed file (or any value), by its place in it. */
export function commandValuesIn(value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  collect(value, false, "", out);
  return out;
}

/** The `!command` values `after` holds at a place where `before` did not hold the same one (deduplicated). */
export function commandsIntroduced(before: unknown, after: unknown): string[] {
  const old = commandValuesIn(before);
  return [...new Set([...commandValuesIn(after)].filter(([place, v]) => old.get(place) !== v).map(([, v]) => v))];
}

/** The `!command` values a command carries (deduplicated, as written): the cheap test before reading any file. */
export function shellCommandsIn(command: unknown): string[] {
  const c = command as Partial<Command> | null;
  const carried: unknown[] = [];
  if (c?.type === "upsertProvider") carried.push({ apiKey: (c as { fields?: { apiKey?: unknown } }).fields?.apiKey });
  if (c?.type === "setOverride") carried.push((c as { override?: unknown }).override);
  if (c?.type === "upsertModel" || c?.type === "addModel") carried.push((c as { model?: unknown }).model);
  if (c?.type === "addModel") carried.push({ apiKey: (c as { createProvider?: { apiKey?: unknown } }).createProvider?.apiKey });
  return [...new Set(carried.flatMap((v) => [...commandValuesIn(v).values()]))];
}

const parsedOr = (text: string | null, fallback: unknown): unknown => {
  if (text === null || text.trim() === "") return {};
  const parsed = parseLenientJson(text);
  return parsed.ok ? parsed.value : fallback;
};

/** The commands a write would introduce, from its preview; every carried one when the preview fails (then the write fails too). */
export function commandsIntroducedBy(carried: string[], preview: ActionResult<FilePreview>): string[] {
  if (!preview.ok) return carried;
  return commandsIntroduced(parsedOr(preview.value.before, null), parsedOr(preview.value.after, {}));
}

export type GuardedCommand = { ok: true; command: Command } | { ok: false; result: CommandResult };

/**
 * The command to run, or why not. A write that introduces a `!command` runs only once the caller's
 * own prompt said yes, and only against the file it was asked about: the previewed version is pinned
 * as expectedVersion, so a file changed while the user read the question is not written (conflict).
 */
export async function guardCommandWrites(command: Command, caller: ApiCaller, preview: (command: Command) => Promise<ActionResult<FilePreview>>): Promise<GuardedCommand> {
  const carried = shellCommandsIn(command);
  if (carried.length === 0) return { ok: true, command };
  const previewed = await preview(command);
  const commands = commandsIntroducedBy(carried, previewed);
  if (commands.length === 0) return { ok: true, command };
  const list = commands.map((c) => `\`${c}\``).join(", ");
  if (!caller.confirmCommands) {
    return {
      ok: false,
      result: { ok: false, error: { code: "command-refused", commands, message: `Refused: ${list} is a command pi would run, and this window cannot confirm commands. Write it into models.json yourself if you mean it, or use the tray app's window, which asks first.` } },
    };
  }
  if (!(await caller.confirmCommands(commands))) {
    return { ok: false, result: { ok: false, error: { code: "command-declined", commands, message: `Not written: you did not allow pi to run ${list}.` } } };
  }
  const version = previewed.ok ? previewed.value.version : null;
  const asked = (command as { expectedVersion?: string | null }).expectedVersion;
  return { ok: true, command: asked ? command : ({ ...command, expectedVersion: version } as Command) };
}
