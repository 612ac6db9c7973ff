/**
 * `serve`'s credential, designed so that no other server on 127.0.0.1 can ever receive it.
 *
 * Cookies ignore ports: a session cookie for 127.0.0.1:A is sent to 127.0.0.1:B too (a dev
 * server, a malicious package's server). So there is no cookie. Instead:
 *   1. `serve` prints `http://127.0.0.1:PORT/#ticket=T`. T sits in the fragment, which browsers
 *      never send in a request, a Referer or a log, and it is good for ONE exchange only: once the
 *      page traded it, a copy left in `ps` (xdg-open, a browser started by it) or shell history is dead.
 *   2. The page POSTs T to /session (same Origin only) and gets the session secret S back. It keeps
 *      S in sessionStorage, which is per origin (scheme, host AND port) and per tab.
 *   3. Every WebSocket presents S in its own handshake (Sec-WebSocket-Protocol), which the browser
 *      sends only to the socket the page opens. The server answers with the plain protocol name,
 *      never S. A connection is authenticated by its handshake and by nothing ambient.
 * T is never accepted on /ws, and S never in a URL.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { SERVE_PROTOCOL, SERVE_SESSION_PROTOCOL_PREFIX } from "../core/contract.js";

export type SessionCheck = { ok: true } | { ok: false; status: 401 | 403; reason: string };

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

const newSecret = () => randomBytes(32).toString("base64url");

export class ServeSessions {
  /** The one-time ticket printed with the URL; null once exchanged. */
  private ticket: string | null = newSecret();
  private readonly sessions = new Set<string>();

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
    this.sessions.add(session);
    return { ok: true, session };
  }

  /** Checks a session secret (from the handshake, or the page's "is my session still good?" probe). */
  check(given: string | null): SessionCheck {
    if (!given) return { ok: false, status: 401, reason: "No session. Open the link `serve` printed." };
    for (const session of this.sessions) if (sameSecret(given, session)) return { ok: true };
    return { ok: false, status: 403, reason: "Unknown session: `serve` was restarted. Open the new link it printed." };
  }

  /** The session secret a WebSocket handshake offers as `switchboard.session.<S>`, if any. */
  static fromProtocols(header: string | undefined): { offersProtocol: boolean; session: string | null } {
    const offered = (header ?? "").split(",").map((p) => p.trim()).filter(Boolean);
    const session = offered.find((p) => p.startsWith(SERVE_SESSION_PROTOCOL_PREFIX))?.slice(SERVE_SESSION_PROTOCOL_PREFIX.length) ?? null;
    return { offersProtocol: offered.includes(SERVE_PROTOCOL), session };
  }
}
