/**
 * pi's answer (pi-oracle.mjs) beside the engine's snapshot, field by field: the models.json and
 * settings.json verdict, the models pi has, the routing object pi sends per model, availability,
 * the scope in order with thinking levels, unmatched patterns, the model pi starts with, and each
 * provider's key (whether it resolves, and whether it is the same key). Pure: the app's verdict
 * (pi-verdict.ts) and tests use it; every difference says what pi does and what the app says.
 */
import type { KeySource, Snapshot, VerdictDifference } from "../../common/index.js";
import type { OracleAnswer } from "./run-oracle.js";

/** What the engine says about one provider's key, as far as it can be compared with pi's. */
export interface AppKey {
  source: KeySource;
  /** The oracle's fingerprint of the value the engine says pi sends; null where it cannot know (a command, OAuth). */
  fingerprint: string | null;
  /** Fingerprints of the values the files and environment offer, with where each is from (to name pi's choice). */
  candidates: { where: string; fingerprint: string }[];
}

export interface AppView {
  snapshot: Pick<Snapshot, "modelsFile" | "settingsFile" | "authFile" | "models" | "scope" | "default">;
  keys: Map<string, AppKey>;
}

const ref = (m: { provider: string; id: string }) => `${m.provider}/${m.id}`;
const json = (value: unknown) => (value === null || value === undefined ? "none" : JSON.stringify(value));
const list = (items: string[]) => (items.length ? items.join(", ") : "none");
const firstError = (report: { errors: { message: string }[] }) => report.errors[0]?.message ?? "invalid";

function compareFiles(pi: OracleAnswer, app: AppView, out: VerdictDifference[]): void {
  const { modelsFile, settingsFile } = app.snapshot;
  if (modelsFile.valid !== (pi.modelsError === null)) {
    out.push({ field: "models.json", pi: pi.modelsError === null ? "accepts it" : `rejects it: ${pi.modelsError}`, app: modelsFile.valid ? "accepts it" : `rejects it: ${firstError(modelsFile)}` });
  }
  if (settingsFile.valid !== pi.settingsValid) {
    out.push({ field: "settings.json", pi: pi.settingsValid ? "accepts it" : `rejects it: ${pi.settingsErrors.join("; ")}`, app: settingsFile.valid ? "accepts it" : `rejects it: ${firstError(settingsFile)}` });
  }
}

function compareModels(pi: OracleAnswer, app: AppView, out: VerdictDifference[]): void {
  const appModels = new Map(app.snapshot.models.map((m) => [ref(m), m]));
  const piModels = new Map(pi.models.map((m) => [ref(m), m]));
  for (const [r, m] of piModels) {
    const mine = appModels.get(r);
    if (!mine) {
      out.push({ field: "models", ref: r, pi: `has it (${m.api}, ${m.baseUrl})`, app: "does not list it" });
      continue;
    }
    if (mine.api !== m.api || mine.baseUrl !== m.baseUrl) out.push({ field: "models", ref: r, pi: `${m.api}, ${m.baseUrl}`, app: `${mine.api}, ${mine.baseUrl}` });
    if (json(mine.routing) !== json(m.routing)) out.push({ field: "routing", ref: r, pi: `sends ${json(m.routing)}`, app: `says ${json(mine.routing)}` });
  }
  for (const r of appModels.keys()) if (!piModels.has(r)) out.push({ field: "models", ref: r, pi: "does not have it", app: "lists it" });
  // pi's order is what it cycles when no scope is set: say where it first differs.
  const piOrder = pi.models.map(ref).filter((r) => appModels.has(r));
  const appOrder = app.snapshot.models.map(ref).filter((r) => piModels.has(r));
  const at = piOrder.findIndex((r, i) => appOrder[i] !== r);
  if (at >= 0) out.push({ field: "models", pi: `order: #${at + 1} is ${piOrder[at]}`, app: `#${at + 1} is ${appOrder[at]}` });
}

function compareAvailability(pi: OracleAnswer, app: AppView, out: VerdictDifference[]): void {
  // Availability is per provider in pi (configured auth), so one line per provider.
  const piAvailable = new Set(pi.available);
  const providers = new Map<string, { pi: number; app: number; total: number }>();
  for (const m of app.snapshot.models) {
    const entry = providers.get(m.provider) ?? { pi: 0, app: 0, total: 0 };
    entry.total++;
    if (m.available) entry.app++;
    if (piAvailable.has(ref(m))) entry.pi++;
    providers.set(m.provider, entry);
  }
  const say = (n: number, total: number) => (n === 0 ? "not available" : n === total ? "available" : `${n} of ${total} models available`);
  for (const [provider, n] of providers) if (n.pi !== n.app) out.push({ field: "available", ref: provider, pi: say(n.pi, n.total), app: say(n.app, n.total) });
}

function compareScope(pi: OracleAnswer, app: AppView, out: VerdictDifference[]): void {
  const { scope } = app.snapshot;
  const piScope = pi.scope.map((s) => (s.thinkingLevel ? `${s.ref}:${s.thinkingLevel}` : s.ref));
  const appScope = scope.models.map((r) => (scope.thinking[r] ? `${r}:${scope.thinking[r]}` : r));
  if (piScope.join("\n") !== appScope.join("\n")) out.push({ field: "scope", pi: list(piScope), app: list(appScope) });
  if (pi.unmatched.join("\n") !== scope.unmatched.join("\n")) out.push({ field: "unmatched", pi: list(pi.unmatched), app: list(scope.unmatched) });
}

function compareDefault(pi: OracleAnswer, app: AppView, out: VerdictDifference[]): void {
  const start = app.snapshot.default.start;
  const piSays = pi.default.ref === null ? `no model${pi.default.error ? ` (${pi.default.error})` : ""}` : `${pi.default.ref} (thinking ${pi.default.thinkingLevel ?? "off"})`;
  const appSays = start ? `${start.ref} (thinking ${start.thinkingLevel})` : "no model";
  const same = pi.default.ref === null ? start === null : start !== null && start.ref === pi.default.ref && start.thinkingLevel === (pi.default.thinkingLevel ?? "off");
  if (!same) out.push({ field: "default", pi: `starts with ${piSays}`, app: `says ${appSays}` });
}

/**
 * pi's resolveHeadersOrThrow message (0.77+): a header value that reads an unset variable fails
 * the request before it is sent, whatever the key, so pi names no key for that provider.
 */
export const isHeaderFailure = (error: string | null): boolean => error !== null && /^Failed to resolve (provider|model) "[^"]*" header "/.test(error);

/** Whether the app says so too: a header-unset problem on one of the provider's models (model-problems.ts). */
export const flagsHeaderFailure = (provider: string, models: Snapshot["models"]): boolean => models.some((m) => m.provider === provider && m.problems.some((p) => p.code === "header-unset"));

function compareKeys(pi: OracleAnswer, app: AppView, out: VerdictDifference[]): void {
  for (const [provider, key] of Object.entries(pi.keys)) {
    const mine = app.keys.get(provider);
    if (!mine) continue;
    const { source } = mine;
    if (isHeaderFailure(key.error)) {
      if (!flagsHeaderFailure(provider, app.snapshot.models)) out.push({ field: "key", ref: provider, pi: `fails before sending: ${key.error}`, app: "sees no header it cannot build" });
      continue;
    }
    if (key.form === "command, not run") {
      // The oracle never runs the user's commands: only "pi would run one" can be compared.
      if (source.form !== "command") out.push({ field: "key", ref: provider, pi: "runs a command for the key", app: source.summary });
      continue;
    }
    if (source.form === "command") {
      out.push({ field: "key", ref: provider, pi: key.resolves ? "takes a key that is not a command" : `has no key${key.error ? ` (${key.error})` : ""}`, app: source.summary });
      continue;
    }
    const where = key.fingerprint ? (mine.candidates.find((c) => c.fingerprint === key.fingerprint)?.where ?? "a value the app does not point at") : null;
    if (key.resolves !== (source.resolves !== false)) {
      out.push({ field: "key", ref: provider, pi: key.resolves ? `uses the key from ${where}` : `has no key${key.error ? ` (${key.error})` : ""}`, app: source.summary });
    } else if (key.fingerprint && mine.fingerprint && key.fingerprint !== mine.fingerprint) {
      out.push({ field: "key", ref: provider, pi: `uses the key from ${where}`, app: source.summary });
    }
  }
}

/** Every place where pi's answer and the engine's snapshot differ, in field order. */
export function compareWithPi(pi: OracleAnswer, app: AppView): VerdictDifference[] {
  const out: VerdictDifference[] = [];
  compareFiles(pi, app, out);
  compareModels(pi, app, out);
  compareAvailability(pi, app, out);
  compareScope(pi, app, out);
  compareDefault(pi, app, out);
  compareKeys(pi, app, out);
  return out;
}
