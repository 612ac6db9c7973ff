/**
 * Which commands may write a `!command` value into pi's files. pi runs such a value as a shell
 * command whenever it needs the key or header (provider `apiKey`, `headers` at provider, model or
 * override level), so writing one is running code later. The window never needs to write one; a
 * user who wants it gets an explicit in-app confirmation that shows the command, and only in the
 * Electron window (ApiCaller.canConfirmCommands). Everywhere else (`serve`, whose API a browser
 * page talks to) the write is refused with a clear message. `key connect` writes its own vetted
 * command through pi-handoff.ts, not through these commands.
 */
import type { Command, CommandResult } from "./contract.js";

/** Who is asking: the Electron window can show a confirmation; `serve` and other hosts cannot. */
export interface ApiCaller {
  canConfirmCommands: boolean;
}

export const UNCONFIRMED_CALLER: ApiCaller = { canConfirmCommands: false };

const isCommandValue = (v: unknown): v is string => typeof v === "string" && v.trimStart().startsWith("!");

/** `!command` values under `apiKey` or `headers` anywhere in a value, e.g. an override object. */
function collect(value: unknown, underHeaders: boolean, out: string[], depth = 0): void {
  if (depth > 20 || value === null || typeof value !== "object") return;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if ((underHeaders || key === "apiKey") && isCommandValue(v)) out.push(v);
    else collect(v, underHeaders || key === "headers", out, depth + 1);
  }
}

/** The `!command` values a command would write (deduplicated, as written). */
export function shellCommandsIn(command: unknown): string[] {
  const out: string[] = [];
  const c = command as Partial<Command> | null;
  if (c?.type === "upsertProvider") collect({ apiKey: (c as { fields?: { apiKey?: unknown } }).fields?.apiKey }, false, out);
  if (c?.type === "setOverride") collect((c as { override?: unknown }).override, false, out);
  if (c?.type === "upsertModel" || c?.type === "addModel") collect((c as { model?: unknown }).model, false, out);
  if (c?.type === "addModel") collect({ apiKey: (c as { createProvider?: { apiKey?: unknown } }).createProvider?.apiKey }, false, out);
  return [...new Set(out)];
}

/**
 * null when the command may run; else the refusal. `confirmed` is what the user confirmed in the
 * window (null for a plain `execute`): every command value must be among them, exactly.
 */
export function refuseUnconfirmedCommands(command: unknown, confirmed: string[] | null, caller: ApiCaller): CommandResult | null {
  const commands = shellCommandsIn(command);
  if (commands.length === 0) return null;
  const list = commands.map((c) => `\`${c}\``).join(", ");
  if (!caller.canConfirmCommands) {
    return {
      ok: false,
      error: { code: "command-refused", commands, message: `Refused: ${list} is a command pi would run, and this window cannot confirm commands. Write it into models.json yourself if you mean it, or use the tray app's window, which asks first.` },
    };
  }
  if (confirmed && commands.every((c) => confirmed.includes(c))) return null;
  return { ok: false, error: { code: "needs-confirmation", commands, message: `pi would run ${list} as a shell command whenever it needs this value. Confirm to write it.` } };
}
