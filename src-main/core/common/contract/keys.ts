/**
 * Keys and credits: which credential pi would use, and the OpenRouter key in the vault. The UI
 * sees status only, never the key.
 */

import type { KeyLeak } from "../key-leaks.js";

export type { KeyLeak };

export type KeyOrigin = "auth.json" | "environment" | "models.json" | "none";

export type KeyForm = "literal" | "env" | "command" | "oauth" | "none";

/** Which credential pi would use for a provider, described without the secret itself. */
export interface KeySource {
  origin: KeyOrigin;
  form: KeyForm;
  /** Env var name, or the command pi runs (commands are configuration, not secrets). */
  label: string | null;
  /** true: pi gets a value; false: it would fail; null: a command that was not run to find out. */
  resolves: boolean | null;
  /** One sentence for people: "auth.json → !secret-tool lookup …". */
  summary: string;
}

export interface KeyCheck {
  ok: boolean;
  checkedAt: string;
  /** OpenRouter's answer for GET /key, when ok. */
  label?: string | null;
  limit?: number | null;
  limitRemaining?: number | null;
  usage?: number | null;
  isFreeTier?: boolean;
  /** Why the check failed ("rejected by OpenRouter (401)", "offline", …). */
  error?: string;
}

/** Whether the command `key connect` wrote still prints the vault key when pi runs it (key-health.ts). */
export interface KeyHealth {
  ok: boolean;
  checkedAt: string;
  command: string;
  /** What is wrong, for people; null when ok. */
  problem: string | null;
  /** What to do about it; null when ok. */
  fix: string | null;
}

export interface KeyStatus {
  vault: { available: boolean; backend: string; message: string | null };
  stored: boolean;
  /** Last four characters of the stored key, for recognition. */
  last4: string | null;
  /** OpenRouter providers (built-in and virtual) that read the key from the vault via `key connect`. */
  connectedProviders: string[];
  /** OpenRouter providers pi knows that do not read the vault key. */
  unconnectedProviders: string[];
  /** Providers whose key sits in auth.json in plain text (offer to migrate). */
  plaintextInAuth: string[];
  /** The command pi runs to read the key, as configured by `key connect`. */
  command: string | null;
  lastCheck: KeyCheck | null;
  /** The last key-health check (every start and tray open), null when pi is not connected or nothing was checked yet. */
  health: KeyHealth | null;
}

/** What the key pi would use has left, from OpenRouter's GET /key and GET /credits (core/openrouter/key-info.ts). Never the key. */
export interface CreditsInfo {
  /** Where the key asked about comes from, as people say it ("the vault", "OPENROUTER_API_KEY in the environment", "auth.json"). */
  keyUsed: string;
  checkedAt: string;
  /** USD bought on the account, used, and left; null when OpenRouter did not say (credits need a management key). */
  credits: { total: number; used: number; remaining: number } | null;
  /** The key's own credit limit (USD), what is left of it and how it resets; null when the key has no limit. */
  limit: { limit: number | null; remaining: number | null; reset: string | null } | null;
  usage: { daily: number | null; weekly: number | null; monthly: number | null } | null;
  /** Why a part is missing, or what is wrong; null when all is well. */
  note: string | null;
  /** The lowest of credits.remaining and limit.remaining that is known: what the low-balance threshold compares. */
  balance: number | null;
}
