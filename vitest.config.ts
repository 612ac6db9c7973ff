import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";
import HeavyFirstSequencer from "./test/heavy-first-sequencer.js";

/**
 * The core's and the shell's unit tests run in shared workers (isolate: false): they hold no
 * module state between files (no module mocks; the one test that sets process.env restores it),
 * and importing the core anew in a fresh process per file was about 40% of their CPU. Everything
 * else keeps a process per file: jsdom views, and files that start pi, serve or Chromium.
 */
const SHARED_WORKERS = ["test/unit/core/**/*.test.ts", "test/unit/electron/**/*.test.ts", "test/unit/packaging/**/*.test.ts"];

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: "shared", include: SHARED_WORKERS, isolate: false } },
      { extends: true, test: { name: "isolated", include: ["test/**/*.test.ts", "test/**/*.test.tsx"], exclude: [...configDefaults.exclude, ...SHARED_WORKERS] } },
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
