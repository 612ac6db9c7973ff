import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["out/**", "dist/**", "node_modules/**", "release/**", "coverage/**", ".pis/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The core is host-neutral: it runs in plain Node (CLI, serve, tests) as well as in Electron's
    // main process, so it may never reach for Electron.
    files: ["src-main/core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "electron", message: "src-main/core must not depend on Electron; put Electron glue in src-main/electron." }] }],
    },
  },
  {
    // The Electron shell's pure builders are unit-tested in plain Node: Electron's types only, never its runtime.
    files: ["src-main/electron/{tray-menu,policy,ipc-sender,ipc-channels,window-options,autostart-entry,test-notice,key-print-args,command-confirmation}.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { paths: [{ name: "electron", allowTypeImports: true, message: "Pure shell modules may import Electron's types only; wire Electron in tray.ts, window.ts, ipc.ts, security.ts or main.ts." }] }],
    },
  },
  {
    // The renderer talks to the main side only through the typed API in src-renderer/api.
    files: ["src-renderer/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["electron", "node:*", "fs", "path", "child_process"], message: "The renderer reaches the main side only through src-renderer/api." }] }],
    },
  },
);
