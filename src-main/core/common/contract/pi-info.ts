/**
 * What the app knows about the user's pi and its files: the install found, the reports on each
 * file, and pi's own verdict.
 */

/** Every level some pi accepts; which ones the detected pi accepts is PiRules.thinkingLevels (`max`: 0.80.6). */
export const THINKING_LEVELS = ["off", "minimal", "low", "medium", "high", "xhigh", "max"] as const;

export type ThinkingLevel = (typeof THINKING_LEVELS)[number];

/** A position in a file, 1-based like an editor shows it. */
export interface FileProblem {
  message: string;
  line: number | null;
  column: number | null;
  /** JSON path of the offending value, e.g. "providers.openrouter-bedrock.models.0.id". */
  path?: string;
  /** What the user can do about it. */
  hint?: string;
}

export interface FileReport {
  path: string;
  exists: boolean;
  /** pi's verdict: for models.json false means pi drops every custom model of the file. */
  valid: boolean;
  errors: FileProblem[];
  /** Things pi accepts but that OpenRouter would reject or that the user surely did not mean. */
  warnings: FileProblem[];
  /** Content hash of the text read; commands may pass it back to detect concurrent edits. */
  version: string | null;
}

/** How the app found pi (src-main/core/pi/locate-pi.ts): the override, a PATH, or a global install dir. */
export type PiFoundBy = "PI_SWITCHBOARD_PI" | "login shell" | "shell PATH" | `global prefix: ${string}`;

/** The Node that runs pi (pi's bin is `#!/usr/bin/env node`). */
export interface PiNodeInfo {
  path: string;
  /** `node --version` without the "v"; null when it did not run. */
  version: string | null;
  /** Whether it meets pi's package.json engines.node; null when either is unknown. */
  satisfiesEngines: boolean | null;
}

/** pi itself does not start (`pi --version` exits non-zero): a broken install, or a release that crashes on today's dependencies. */
export interface PiStartFailure {
  /** pi's own error line, e.g. "SyntaxError: The requested module … does not provide an export named …". */
  firstErrorLine: string;
  /** What the user runs to see it: "pi --version", or the path when the shell does not find this pi. */
  command: string;
  exitCode: number | null;
}

export interface PiInfo {
  found: boolean;
  version: string | null;
  /** The `pi` the user's shell runs (or PI_SWITCHBOARD_PI's value). */
  path: string | null;
  /** "@earendil-works/pi-coding-agent" (0.74+) or "@mariozechner/pi-coding-agent" (to 0.73.1). */
  packageName: string | null;
  packageDir: string | null;
  foundBy: PiFoundBy | null;
  /** pi's engines.node, e.g. ">=22.19.0". */
  engines: string | null;
  node: PiNodeInfo | null;
  /** One line for people: "pi 1.6.0 at <dir> (Node 22.23.5 at <node>)", or how to install pi. */
  summary: string;
  /** What keeps pi from being found or from running, with the fix; null when nothing does. */
  problem: string | null;
  /** Set when pi was found but does not start (pi-start-check.ts); `problem` then says so. */
  startFailure?: PiStartFailure | null;
  /** Where the built-in model list came from, or why there is none. */
  catalog: string;
  /** Which pi behaviour the answers assume (key order, routing rules). */
  assumes: string;
  /** The thinking levels this pi accepts, in its order (`max`: pi 0.80.6). */
  thinkingLevels: ThinkingLevel[];
  /** This pi sends a thinking level's own routing (samplingParamsByThinkingLevel.<level>.provider, 1.0.2): the routing editor offers levels. */
  levelRouting?: boolean;
  /** What a running pi needs to see a saved models.json (restart since pi 0.80.8), said after every save. */
  afterModelsSave: string;
  /** How this pi reads an env var in models.json: "$OPENROUTER_API_KEY" (0.77+) or the bare name (0.7x). */
  envKeyReference: string;
}

/**
 * What the user's pi itself (its SDK, its Node, on a copy of the files, offline) makes of the agent
 * dir, compared with the app's engine. Where they disagree, pi's answer is what pi will act on.
 */
export interface PiVerdict {
  /** pending: being asked; unavailable: pi cannot be run (why: note); timeout/error: pi did not answer. */
  state: "pending" | "agrees" | "disagrees" | "unavailable" | "timeout" | "error";
  piVersion: string | null;
  /** When pi answered (ISO time); null while pending or when pi was not run. */
  checkedAt: string | null;
  /** Where pi and the engine differ, field by field (the first 50; the rest are counted in moreDifferences). */
  differences: VerdictDifference[];
  /** Differences left out of `differences`. */
  moreDifferences: number;
  /** One line for people: "pi 1.6.0 agrees", "pi 1.6.0 disagrees on 2 things", or why there is no verdict. */
  note: string;
  /** The pi release whose rules the engine applies; differs from piVersion when pi is newer than the app knows. */
  rulesBasis: string | null;
  /** pi is newer than any release the app knows: its verdict decides, show it prominently. */
  leanOnPi: boolean;
  /** Whether pi accepts models.json (keeps its custom models); null when pi did not answer. */
  modelsJsonAccepted: boolean | null;
}

export type VerdictField = "models.json" | "settings.json" | "files" | "models" | "routing" | "available" | "scope" | "unmatched" | "default" | "key";

/** One disagreement; `pi` and `app` are short texts for people ("openrouter/x: {\"only\":[\"groq\"]}"). */
export interface VerdictDifference {
  field: VerdictField;
  /** The model ("provider/id") or provider it is about, when it is about one. */
  ref?: string;
  pi: string;
  app: string;
}

export interface BackupEntry {
  file: string;
  path: string;
  createdAt: string;
  size: number;
}

/** A pi file's text for the UI (to show an error's spot); auth.json is never offered: it holds keys. */
export type ReadableFile = "models.json" | "settings.json";

export interface FileText {
  path: string;
  text: string | null;
  version: string | null;
}

/** What a command would write, computed like the real write but without touching the file. */
export interface FilePreview {
  path: string;
  before: string | null;
  after: string;
  /** The version the preview was computed from; pass it as expectedVersion to save exactly this. */
  version: string | null;
}
