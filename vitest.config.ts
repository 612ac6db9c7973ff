import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // Conformance cases start real pi; real file watching needs real time.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // These machines are shared and often heavily loaded: a test that races real pi, a real
    // keyring or a real browser gets one more try before it counts as failed. A test that fails
    // for a real reason fails both times.
    retry: 1,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
