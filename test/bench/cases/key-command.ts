/**
 * key-command: the command pi runs to read the key, as `key connect` sets it up, against the
 * native vault CLI (`secret-tool lookup`) as the floor; both in a private D-Bus session with a
 * real gnome-keyring. The app's own `key print` (the fallback where no native tool exists) is
 * reported too.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { round } from "../stats.js";
import type { BenchCase } from "../types.js";

export const keyCommand: BenchCase = {
  name: "key-command",
  goal: "p50 ≤ 50 ms",
  async run({ quick }) {
    const root = join(import.meta.dirname, "..", "..", "..");
    const out = execFileSync("dbus-run-session", ["--", process.execPath, "--import", join(root, "node_modules", "tsx", "dist", "loader.mjs"), join(root, "test", "bench", "key-command-child.ts"), quick ? "5" : "21"], { encoding: "utf8", env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: "" } });
    const r = JSON.parse(out.trim().split("\n").pop()!) as { command: string; oursMs: number; floorMs: number; cliMs: number | null };
    return { p50_ms: round(r.oursMs), floor_p50_ms: round(r.floorMs), ratio: round(r.oursMs / r.floorMs), fallback_cli_p50_ms: r.cliMs === null ? null : round(r.cliMs), pass: r.oursMs <= 50 };
  },
};
