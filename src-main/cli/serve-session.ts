/**
 * `serve`'s credential, designed so that no other server on 127.0.0.1 can ever receive it.
 *
 * Cookies ignore ports: a session cookie for 127.0.0.1:A is sent to 127.0.0.1:B too (a dev
 * server, a malicious package's server). So there is no cookie. Instead:
 *   1. `serve` prints `http://127.0.0.1:PORT/#ticket=T`. T sits in the fragment, which browsers
 *      never send in a request, a Referer or a log, and it is good for ONE exchange only. It is
 *      never on a command line: the browser is opened on a private file that redirects to the link
 *      (open-in-browser.ts), because any local user can read every process's argv.
 *   2. The page POSTs T to /session (same Origin only) and gets the session secret S back. It keeps
 *      S in sessionStorage, which is per origin (scheme, host AND port) and per tab.
 *   3. Every WebSocket presents S in its own handshake (Sec-WebSocket-Protocol), which the browser
 *      sends only to the socket the page opens. The server answers with the plain protocol name,
 *      never S. A connection is authenticated by its handshake and by nothing ambient.
 * T is never accepted on /ws, and S never in a URL. S ends after a spell without activity (a window
 * left open for days should not stay a way in) and with the process: sessions live in memory only.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { SERVE_PROTOCOL, SERVE_SESSION_PROTOCOL_PREFIX } from "../core/common/index.js";

export type SessionCheck = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/** How long a session may go without a request before it ends, unless `--session-idle` says otherwise. */
export const DEFAULT_SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** Longer than this is no idle limit at all. */
const MAX_SESSION_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * `--session-idle` / PI_SWITCHBOARD_SESSION_IDLE: a number with an optional unit (`90s`, `30m`,
 * `12h`, `2d`); a bare number is minutes. `from` names where the value came from, for the error.
 */
export function parseSessionIdle(text: string, from: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/i.exec(text);
  const ms = match ? Number(match[1]) * UNIT_MS[(match[2]?.toLowerCase() || "m") as keyof typeof UNIT_MS] : NaN;
  if (!(ms >= 1000) || ms > MAX_SESSION_IDLE_MS) {
    throw new Error(`${from} must be a time from 1s to 30d, like 30m, 12h or 90s (a bare number is minutes), not "${text}".`);
  }
  return Math.round(ms);
}

/** `12 h`, `90 min`, `2 s`: the idle limit as people read it. */
export function formatIdle(ms: number): string {
  if (ms % UNIT_MS.h === 0) return `${ms / UNIT_MS.h} h`;
  if (ms % UNIT_MS.m === 0) return `${ms / UNIT_MS.m} min`;
  return `${Math.round(ms / 1000)} s`;
}

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

const newSecret = () => randomBytes(32).toString("base64url");

export interface SessionOptions {
  idleMs?: number;
  /** The clock; tests of the idle rule pass their own. */
  now?: () => number;
  /**
   * Called whenever sessions end for idleness, so their open sockets close at once. With it, a
   * timer ends sessions on time without a request; it is armed only while a session lives, for the
   * earliest end, so an idle serve does not wake to poll.
   */
  onExpired?: () => void;
}

/** setTimeout's longest delay (~24.8 days); a longer wait is re-armed on waking. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class ServeSessions {
  /** The one-time ticket printed with the URL; null once exchanged. */
  private ticket: string | null = newSecret();
  /** Live session secrets and when each was last used. */
  private readonly lastUsed = new Map<string, number>();
  /** Sessions ended for idleness, kept to say so instead of "unknown" (one ticket makes one session). */
  private readonly expired = new Set<string>();
  readonly idleMs: number;
  private readonly now: () => number;
  private readonly onExpired: (() => void) | undefined;
  private sweep: NodeJS.Timeout | null = null;

  constructor(options: SessionOptions = {}) {
    this.idleMs = options.idleMs ?? DEFAULT_SESSION_IDLE_MS;
    this.now = options.now ?? Date.now;
    this.onExpired = options.onExpired;
  }

  /** The ticket for the printed URL; call before anyone could have exchanged it. */
  get firstTicket(): string {
    if (!this.ticket) throw new Error("the ticket was already exchanged");
    return this.ticket;
  }

  /** Trades the ticket for a session secret, exactly once. */
  exchange(given: unknown): { ok: true; session: string } | { ok: false; status: 403; reason: string } {
    if (typeof given !== "string" || given.length > 200) return { ok: false, status: 403, reason: "No valid ticket. Open the link `serve` printed." };
    if (!this.ticket || !sameSecret(given, this.ticket)) {
      return { ok: false, status: 403, reason: "This link was already used, or is not this serve's link. Use the window it opened, or restart `serve` for a new link." };
    }
    this.ticket = null;
    const session = newSecret();
    this.lastUsed.set(session, this.now());
    this.armSweep();
    return { ok: true, session };
  }

  /**
   * Checks a session secret (a WebSocket handshake or message, or the page's "is my session still
   * good?" probe). A good one counts as activity and restarts its idle time.
   */
  check(given: string | null): SessionCheck {
    if (!given) return { ok: false, status: 401, reason: "No session. Open the link `serve` printed." };
    this.expireIdle();
    for (const session of this.lastUsed.keys()) {
      if (sameSecret(given, session)) {
        this.lastUsed.set(session, this.now());
        return { ok: true };
      }
    }
    for (const session of this.expired) if (sameSecret(given, session)) return { ok: false, status: 403, reason: this.expiredReason() };
    return { ok: false, status: 403, reason: "Unknown session: `serve` was restarted. Open the new link it printed." };
  }

  /** Ends the sessions idle past the limit, and tells onExpired when any did. */
  expireIdle(): void {
    const now = this.now();
    let ended = false;
    for (const [session, at] of this.lastUsed) {
      if (now - at <= this.idleMs) continue;
      this.lastUsed.delete(session);
      this.expired.add(session);
      ended = true;
    }
    if (ended) this.onExpired?.();
  }

  /**
   * Arms the timer for the moment the least recently used session would end. Activity only moves
   * ends later, so there is nothing to re-arm on each request: a timer that wakes to find its
   * session used since just waits for the next earliest end.
   */
  private armSweep(): void {
    if (this.sweep || !this.onExpired) return;
    const earliest = Math.min(...this.lastUsed.values());
    if (earliest === Infinity) return;
    const wait = Math.max(0, earliest + this.idleMs + 1 - this.now());
    this.sweep = setTimeout(() => {
      this.sweep = null;
      this.expireIdle();
      this.armSweep();
    }, Math.min(wait, MAX_TIMER_MS));
    this.sweep.unref();
  }

  /** Stops the timer (serve is closing). */
  close(): void {
    if (this.sweep) clearTimeout(this.sweep);
    this.sweep = null;
  }

  /** Whether a session an open socket was accepted with still holds; not activity. */
  isLive(acceptedSession: string): boolean {
    return this.lastUsed.has(acceptedSession);
  }

  expiredReason(): string {
    return `This session ended after ${formatIdle(this.idleMs)} without activity (serve's --session-idle). Restart \`serve\` and open the new link it prints.`;
  }

  /** The session secret a WebSocket handshake offers as `switchboard.session.<S>`, if any. */
  static fromProtocols(header: string | undefined): { offersProtocol: boolean; session: string | null } {
    const offered = (header ?? "").split(",").map((p) => p.trim()).filter(Boolean);
    const session = offered.find((p) => p.startsWith(SERVE_SESSION_PROTOCOL_PREFIX))?.slice(SERVE_SESSION_PROTOCOL_PREFIX.length) ?? null;
    return { offersProtocol: offered.includes(SERVE_PROTOCOL), session };
  }
}
