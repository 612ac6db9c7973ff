/**
 * What the key pi would use has left (CreditsInfo), kept fresh for the window, the tray and the
 * low-balance notification: asked of OpenRouter (key-info.ts: GET /key and GET /credits) on
 * demand and every 15 minutes while a host runs, cached so a view that opens answers at once.
 * Every successful check goes to the listeners (the `credits` API event). The key is found as
 * `key status --check` finds it (pi-openrouter-key.ts) and never leaves this module's fetch:
 * CreditsInfo names where it came from, and every message is scrubbed of it.
 */
import type { AgentState } from "../agent-state.js";
import type { ActionResult, CreditsInfo } from "../common/index.js";
import { fetchKeyCredits, type KeyCredits } from "./key-info.js";
import { keyPiWouldUse, redactKey, type FoundKey } from "./pi-openrouter-key.js";

/** How often a running host asks on its own: often enough to warn the same hour, rare enough to be no load. */
export const CREDITS_CHECK_INTERVAL_MS = 15 * 60 * 1000;
/** `keyCredits {refresh: false}` answers from the last check when it is at most this old. */
export const CREDITS_MAX_AGE_MS = 5 * 60 * 1000;

/** The credits feature of the API table (api-handlers.ts). */
export interface CreditsFeature {
  /** The last check when `refresh` is false and it is fresh enough, else a new one. */
  get(refresh: boolean): Promise<ActionResult<CreditsInfo>>;
  onCredits(listener: (info: CreditsInfo) => void): () => void;
}

/** The lowest of what the account and the key have left, where known: what runs out first stops pi. */
export function lowestBalance(credits: CreditsInfo["credits"], limit: CreditsInfo["limit"]): number | null {
  const known = [credits?.remaining, limit?.remaining].filter((n): n is number => typeof n === "number");
  return known.length ? Math.min(...known) : null;
}

export function creditsInfo(keyUsed: string, answer: KeyCredits, checkedAt: string): CreditsInfo {
  const { credits, limit, note } = answer;
  const usage = answer.usage ? { daily: answer.usage.daily, weekly: answer.usage.weekly, monthly: answer.usage.monthly } : null;
  return { keyUsed, checkedAt, credits, limit, usage, note, balance: lowestBalance(credits, limit) };
}

/** One check: which key, OpenRouter's answer, and a failure that says what to do and which key it was about. */
export async function checkCredits(found: FoundKey, env: NodeJS.ProcessEnv, now = new Date()): Promise<ActionResult<CreditsInfo>> {
  if (found.key === null && found.command) return { ok: false, error: { code: "command-on-request", message: `${found.source}.`, commands: [found.command] } };
  if (!found.key) return { ok: false, error: { code: "not-found", message: `No key to ask OpenRouter about: ${found.source}.` } };
  const answer = await fetchKeyCredits(found.key, env);
  if (!answer.ok) return { ok: false, error: { code: "io", message: redactKey(`${answer.message} (Key asked about: ${found.source}.)`, found.key) } };
  const info = creditsInfo(found.source, answer.value, now.toISOString());
  return { ok: true, value: { ...info, note: info.note === null ? null : redactKey(info.note, found.key) } };
}

export interface CreditsMonitorOptions {
  /** pi's files as the service last read them: which key pi would use. */
  state: () => AgentState;
  vaultKey: () => Promise<string | null>;
  env?: NodeJS.ProcessEnv;
  intervalMs?: number;
  maxAgeMs?: number;
  now?: () => Date;
}

export class CreditsMonitor implements CreditsFeature {
  private last: { at: number; result: ActionResult<CreditsInfo> } | null = null;
  private running: Promise<ActionResult<CreditsInfo>> | null = null;
  private runningForUser = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly listeners = new Set<(info: CreditsInfo) => void>();
  private readonly env: NodeJS.ProcessEnv;
  private readonly now: () => Date;

  constructor(private readonly options: CreditsMonitorOptions) {
    this.env = options.env ?? process.env;
    this.now = options.now ?? (() => new Date());
  }

  /** `refresh` is the user's own request: only then may a `!command` of pi's files run for the key. */
  get(refresh: boolean): Promise<ActionResult<CreditsInfo>> {
    const maxAge = this.options.maxAgeMs ?? CREDITS_MAX_AGE_MS;
    if (!refresh && this.last && this.now().getTime() - this.last.at <= maxAge) return Promise.resolve(this.last.result);
    return this.check(refresh);
  }

  /** The latest successful check, without asking. */
  latest(): CreditsInfo | null {
    return this.last?.result.ok ? this.last.result.value : null;
  }

  onCredits(listener: (info: CreditsInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Checks now, then every interval until stop(); the timer never keeps a process alive. */
  start(): void {
    if (this.timer) return;
    void this.check(false);
    this.timer = setInterval(() => void this.check(false), this.options.intervalMs ?? CREDITS_CHECK_INTERVAL_MS);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  /**
   * One check at a time: callers that ask while one runs share its answer. A user's request that
   * finds an unattended check running waits for it and then asks again, so its command does run.
   */
  private check(userAsked: boolean): Promise<ActionResult<CreditsInfo>> {
    if (this.running) return userAsked && !this.runningForUser ? this.running.then(() => this.check(true)) : this.running;
    this.runningForUser = userAsked;
    this.running = (async () => {
      let result: ActionResult<CreditsInfo>;
      try {
        const found = await keyPiWouldUse(this.options.state(), this.options.vaultKey, userAsked);
        result = await checkCredits(found, this.env, this.now());
      } catch (error) {
        result = { ok: false, error: { code: "io", message: `Could not check the credits: ${(error as Error).message}` } };
      }
      this.last = { at: this.now().getTime(), result };
      if (result.ok) for (const listener of this.listeners) listener(result.value);
      return result;
    })().finally(() => (this.running = null));
    return this.running;
  }
}
