/** serve's sessions: the one-time ticket, the idle limit (on a clock the test moves), and the `--session-idle` format. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SESSION_IDLE_MS, ServeSessions, formatIdle, parseSessionIdle } from "../../../src-main/cli/serve-session.js";

function sessionsAt(idleMs: number) {
  const clock = { now: 1_000_000 };
  const sessions = new ServeSessions({ idleMs, now: () => clock.now });
  const traded = sessions.exchange(sessions.firstTicket);
  if (!traded.ok) throw new Error(traded.reason);
  return { sessions, clock, session: traded.session };
}

describe("ServeSessions: the expiry timer (real time)", () => {
  const opened: ServeSessions[] = [];
  afterEach(() => opened.splice(0).forEach((s) => s.close()));

  /** A session with a real clock; `ended` resolves with the time onExpired was called. */
  function liveSession(idleMs: number) {
    let markEnded!: (at: number) => void;
    const ended = new Promise<number>((resolve) => (markEnded = resolve));
    const sessions = new ServeSessions({ idleMs, onExpired: () => markEnded(Date.now()) });
    opened.push(sessions);
    const traded = sessions.exchange(sessions.firstTicket);
    if (!traded.ok) throw new Error(traded.reason);
    return { sessions, session: traded.session, ended, exchangedAt: Date.now() };
  }

  it("ends an idle session without any request, and says so", async () => {
    const { sessions, session, ended, exchangedAt } = liveSession(300);
    const endedAt = await ended;
    expect(endedAt - exchangedAt).toBeGreaterThanOrEqual(300);
    // A loose upper bound: timers run late on a loaded machine; the fake-clock test below pins the moment.
    expect(endedAt - exchangedAt).toBeLessThan(2000);
    expect(sessions.isLive(session)).toBe(false);
  });

  it("activity moves the end: the timer that wakes too early waits for the new one", async () => {
    const { sessions, session, ended } = liveSession(400);
    await new Promise((r) => setTimeout(r, 250));
    expect(sessions.check(session)).toEqual({ ok: true });
    const lastUse = Date.now();
    const endedAt = await ended;
    expect(endedAt - lastUse).toBeGreaterThanOrEqual(400);
    expect(sessions.isLive(session)).toBe(false);
  });
});

describe("ServeSessions: no timer while no session lives", () => {
  afterEach(() => vi.useRealTimers());

  it("arms nothing before the ticket is traded and nothing after the session ended; close() disarms", () => {
    vi.useFakeTimers();
    let ends = 0;
    const sessions = new ServeSessions({ idleMs: 60_000, onExpired: () => ends++ });
    expect(vi.getTimerCount()).toBe(0);
    const traded = sessions.exchange(sessions.firstTicket);
    if (!traded.ok) throw new Error(traded.reason);
    expect(vi.getTimerCount()).toBe(1);
    // Requests do not add timers.
    for (let i = 0; i < 5; i++) sessions.check(traded.session);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(ends).toBe(0);
    vi.advanceTimersByTime(1);
    expect(ends).toBe(1);
    expect(sessions.isLive(traded.session)).toBe(false);
    expect(vi.getTimerCount()).toBe(0);

    const other = new ServeSessions({ idleMs: 60_000, onExpired: () => ends++ });
    other.exchange(other.firstTicket);
    expect(vi.getTimerCount()).toBe(1);
    other.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("waits out an idle limit longer than setTimeout's longest delay", () => {
    vi.useFakeTimers();
    let ends = 0;
    const sessions = new ServeSessions({ idleMs: 30 * 24 * 60 * 60 * 1000, onExpired: () => ends++ });
    const traded = sessions.exchange(sessions.firstTicket);
    if (!traded.ok) throw new Error(traded.reason);
    vi.advanceTimersByTime(2 ** 31);
    expect(ends).toBe(0);
    expect(sessions.isLive(traded.session)).toBe(true);
    vi.advanceTimersByTime(30 * 24 * 60 * 60 * 1000 - 2 ** 31 + 1);
    expect(ends).toBe(1);
    expect(sessions.isLive(traded.session)).toBe(false);
  });
});

describe("ServeSessions: idle limit", () => {
  it("keeps a session that is used within the limit, however long it lives in all", () => {
    const { sessions, clock, session } = sessionsAt(60_000);
    for (let i = 0; i < 10; i++) {
      clock.now += 59_000;
      expect(sessions.check(session)).toEqual({ ok: true });
    }
    expect(sessions.isLive(session)).toBe(true);
  });

  it("ends a session idle past the limit and says why, with what to do", () => {
    const { sessions, clock, session } = sessionsAt(60_000);
    clock.now += 60_001;
    const refused = sessions.check(session);
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect(refused.ok ? "" : refused.reason).toMatch(/ended after 1 min without activity.*--session-idle.*Restart `serve`/);
    expect(sessions.isLive(session)).toBe(false);
    // Once ended it stays ended: activity afterwards does not bring it back.
    clock.now -= 60_001;
    expect(sessions.check(session).ok).toBe(false);
  });

  it("the sweep ends idle sessions without a request, and looking does not count as activity", () => {
    const { sessions, clock, session } = sessionsAt(60_000);
    clock.now += 30_000;
    sessions.expireIdle();
    expect(sessions.isLive(session)).toBe(true);
    clock.now += 30_001;
    expect(sessions.isLive(session)).toBe(true);
    sessions.expireIdle();
    expect(sessions.isLive(session)).toBe(false);
  });

  it("tells an ended session from one this serve never issued (a restart)", () => {
    const { sessions, clock, session } = sessionsAt(60_000);
    const other = new ServeSessions({ idleMs: 60_000, now: () => clock.now });
    const unknown = other.check(session);
    expect(unknown.ok ? "" : unknown.reason).toMatch(/serve` was restarted/);
    clock.now += 120_000;
    const ended = sessions.check(session);
    expect(ended.ok ? "" : ended.reason).toMatch(/without activity/);
  });

  it("defaults to 12 h", () => {
    const sessions = new ServeSessions();
    expect(sessions.idleMs).toBe(DEFAULT_SESSION_IDLE_MS);
    expect(formatIdle(sessions.idleMs)).toBe("12 h");
  });
});

describe("parseSessionIdle", () => {
  it.each([
    ["30", 30 * 60_000],
    ["90s", 90_000],
    ["1.5m", 90_000],
    ["12h", 12 * 3_600_000],
    ["2D", 2 * 86_400_000],
    [" 45 m ", 45 * 60_000],
  ])("%j is %d ms", (text, ms) => {
    expect(parseSessionIdle(text, "--session-idle")).toBe(ms);
  });

  it.each(["", "0", "0.5s", "-5m", "12x", "1e3", "31d", "abc", "12 h 5"])("refuses %j and names where it came from", (text) => {
    expect(() => parseSessionIdle(text, "PI_SWITCHBOARD_SESSION_IDLE")).toThrow(/^PI_SWITCHBOARD_SESSION_IDLE must be a time from 1s to 30d/);
  });

  it("formats what it parses back the way people read it", () => {
    expect(formatIdle(parseSessionIdle("90", "x"))).toBe("90 min");
    expect(formatIdle(parseSessionIdle("2s", "x"))).toBe("2 s");
  });
});
