/**
 * The page's side of `serve`'s credential (src-main/cli/serve-session.ts): trade the one-time
 * ticket from the URL fragment for a session secret, drop the fragment from the address bar and
 * history, and keep the secret in sessionStorage (this origin and tab only; never a cookie, so no
 * other server on 127.0.0.1 ever receives it). A reload reuses the stored secret.
 */
const STORAGE_KEY = "switchboard.session";

export type SessionResult = { ok: true; session: string } | { ok: false; reason: string };

function takeTicket(): string | null {
  const match = /^#ticket=([\w-]{10,200})$/.exec(location.hash);
  if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  return match ? match[1]! : null;
}

export async function obtainServeSession(): Promise<SessionResult> {
  const ticket = takeTicket();
  const stored = sessionStorage.getItem(STORAGE_KEY);
  if (!ticket) return stored ? { ok: true, session: stored } : { ok: false, reason: "This page has no session. Open the link `serve` printed (it works once)." };
  let res: Response;
  try {
    res = await fetch("/session", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ticket }), credentials: "omit", cache: "no-store" });
  } catch {
    return { ok: false, reason: "Could not reach `serve`. Is it still running?" };
  }
  if (!res.ok) {
    // A used link in a tab that already holds a session (the user pasted it again) is no problem.
    if (stored) return { ok: true, session: stored };
    return { ok: false, reason: (await res.text()).trim() || `serve refused the link (${res.status}).` };
  }
  const { session } = (await res.json()) as { session?: unknown };
  if (typeof session !== "string") return { ok: false, reason: "serve gave no session." };
  sessionStorage.setItem(STORAGE_KEY, session);
  return { ok: true, session };
}

/** Why serve refuses this session (it was restarted, …), or null when it still takes it or cannot be asked. */
export async function sessionRefusal(session: string): Promise<string | null> {
  try {
    const res = await fetch("/session", { headers: { "X-Switchboard-Session": session }, credentials: "omit", cache: "no-store" });
    if (res.status === 401 || res.status === 403) {
      sessionStorage.removeItem(STORAGE_KEY);
      return (await res.text()).trim();
    }
  } catch {
    // serve is down: the socket keeps retrying
  }
  return null;
}
