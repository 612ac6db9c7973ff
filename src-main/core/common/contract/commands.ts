/**
 * Every command the service takes, and the errors commands and actions return.
 */

import type { Snapshot } from "./models.js";
import type { ThinkingLevel } from "./pi-info.js";
import type { CustomModelFields, ProviderFields } from "./providers.js";
import type { RoutingObject, RoutingTarget, RoutingWrite } from "./routing.js";

/** Every command the service takes. `expectedVersion` (a FileReport.version) makes a write fail
 *  with `conflict` when the file changed on disk since the caller looked at it. */
export type Command =
  | { type: "useModel"; ref: string; thinkingLevel?: ThinkingLevel | null }
  | { type: "setThinkingLevel"; level: ThinkingLevel }
  | { type: "setScope"; patterns: string[]; expectedVersion?: string | null }
  | { type: "toggleScoped"; ref: string; scoped: boolean; expectedVersion?: string | null }
  | { type: "upsertProvider"; provider: string; fields: ProviderFields; expectedVersion?: string | null }
  | { type: "removeProvider"; provider: string; expectedVersion?: string | null }
  | { type: "upsertModel"; provider: string; model: CustomModelFields; expectedVersion?: string | null }
  /** A custom model and the routing that pins it, in one save; `createProvider` makes the provider when models.json has none of that name. */
  | { type: "addModel"; provider: string; createProvider?: ProviderFields; model: CustomModelFields; routing?: RoutingObject | null; expectedVersion?: string | null }
  | { type: "removeModel"; provider: string; id: string; expectedVersion?: string | null }
  | { type: "setOverride"; provider: string; id: string; override: Record<string, unknown> | null; expectedVersion?: string | null }
  | { type: "setRouting"; target: RoutingTarget; routing: RoutingObject | null; expectedVersion?: string | null }
  /** Several routing writes in one save of models.json (one backup, one undo): routing profiles. */
  | { type: "applyRouting"; targets: RoutingWrite[]; expectedVersion?: string | null };

export type CommandType = Command["type"];

export type ErrorCode =
  | "invalid-input"
  | "unparseable-file"
  | "conflict"
  | "not-found"
  | "locked"
  | "io"
  /** The OS credential vault is missing or locked; the message says how to get one. */
  | "vault-unavailable"
  /** The command would write a new `!command` value (pi runs it) and the user said no when the main process asked (command-guard.ts). */
  | "command-declined"
  /** The same, from a host that cannot ask the user (serve, the tray): refused outright. */
  | "command-refused"
  /** The answer needs a `!command` of pi's files (`commands`), which runs only when the user asks (Refresh, Check key). */
  | "command-on-request";

export interface CommandError {
  code: ErrorCode;
  message: string;
  /** The file the error is about, when there is one. */
  file?: string;
  /** The `!command` values a refused or declined command would write. */
  commands?: string[];
}

export type CommandResult = { ok: true; snapshot: Snapshot; changed: string[] } | { ok: false; error: CommandError };

export type ActionResult<T = undefined> = { ok: true; value: T } | { ok: false; error: CommandError };
