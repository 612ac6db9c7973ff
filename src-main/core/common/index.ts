/**
 * The contract every side shares, split by domain: the snapshot of what pi sees, the commands that
 * change pi's files, the errors they return, and the API every UI host exposes. Electron IPC, the
 * preload bridge, the renderer and `serve` all speak exactly these types; change one and every side
 * that disagrees stops compiling. Plain data only (structured-clone and JSON safe), never a secret.
 * This folder (core/common) is the only part of src-main the renderer imports (docs/ARCHITECTURE.md).
 */
export * from "./contract/api.js";
export * from "./contract/commands.js";
export * from "./contract/features.js";
export * from "./contract/health.js";
export * from "./contract/keys.js";
export * from "./contract/models.js";
export * from "./contract/pi-info.js";
export * from "./contract/projects.js";
export * from "./contract/preferences.js";
export * from "./contract/providers.js";
export * from "./contract/routing.js";
export * from "./contract/spend.js";
export * from "./contract/test-prompts.js";
