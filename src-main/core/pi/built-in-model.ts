/**
 * A built-in model as pi's catalog has it, and pi-ai's OAuth provider as far as the catalog needs
 * it. Their own module so the catalog readers (pi-install.ts, pi-runtime-catalog.ts,
 * bundled-catalog.ts) and the composers that use their models import types, not each other.
 */
export interface BuiltInModel {
  id: string;
  name: string;
  api: string;
  provider: string;
  baseUrl: string;
  reasoning: boolean;
  thinkingLevelMap?: Record<string, string | null>;
  input: string[];
  cost: { input: number; output: number; cacheRead: number; cacheWrite: number };
  contextWindow: number;
  maxTokens: number;
  headers?: Record<string, string>;
  compat?: Record<string, unknown>;
  /** Merged into the request body (pi 0.84.0), per thinking level over it (1.0.2). */
  samplingParams?: Record<string, unknown>;
  samplingParamsByThinkingLevel?: Record<string, Record<string, unknown>>;
}

/** One of pi-ai's OAuth providers (anthropic, github-copilot, …), as far as the catalog needs it. */
export interface PiOAuthProvider {
  id: string;
  /** pi calls this on every model when auth.json holds an OAuth login for the provider. */
  modifyModels?<M extends BuiltInModel>(models: M[], credentials: unknown): M[];
}
