import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import HeavyFirstSequencer from "./test/heavy-first-sequencer.js";

/**
 * Test files run in shared workers (isolate: false): a worker process and the modules it imported
 * (the core, playwright, React, Testing Library, the helpers) serve file after file, where a fresh
 * process per file cost 0.4–1.2 s of CPU before the first test, and 2–3 s for a jsdom view. Safe
 * because the files hold no module state between them: no module mocks (vitest restores spies and
 * vi.setConfig after each file), the one test that sets process.env restores it, and the helpers'
 * few caches are keyed by the file or hold run-wide facts. The view files share their worker's
 * jsdom as well: test/unit/renderer/view-setup.ts gives each an empty document, storage and URL,
 * and registers the hooks every view test needs per file (a hook in a shared helper module would
 * be registered for the first file only).
 */
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: "shared", include: ["test/**/*.test.ts"], isolate: false } },
      { extends: true, test: { name: "views", include: ["test/**/*.test.tsx"], isolate: false, setupFiles: ["test/unit/renderer/view-setup.ts"] } },
    ],
    // Conformance cases start real pi; real file watching needs real time.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Most of the suite's time is spent waiting on child processes (real pis, `serve`, Chromium),
    // not in the test worker itself, so one file per core leaves cores idle: vitest's default
    // (cores − 1) ran the whole suite one file at a time on a 2-core machine. One file more than
    // there are cores keeps them busy; test files share no state (temp dirs, port 0, their own
    // vault entries), and the longest ones start first (heavy-first-sequencer.ts).
    maxWorkers: availableParallelism() + 1,
    sequence: { sequencer: HeavyFirstSequencer },
    // pi-wire and wire-test-prompt compare the same `pi -p` runs: made once, in the main process.
    // The CLI the tests spawn is the built bundle, built once per run (test/cli-under-test.ts).
    // The e2e files share one Chromium, each in a context of its own (test/e2e/shared-chromium.ts);
    // hosts and serves share what the app learnt from pi (test/shared-pi-answers.ts).
    globalSetup: ["./test/conformance/shared-pi-runs.ts", "./test/cli-under-test.ts", "./test/e2e/shared-chromium.ts", "./test/shared-pi-answers.ts"],
    // These machines are shared and often heavily loaded: a test that races real pi, a real
    // keyring or a real browser gets one more try before it counts as failed. A test that fails
    // for a real reason fails both times.
    retry: 1,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
