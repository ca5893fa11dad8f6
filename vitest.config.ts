import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{cli,server,shared,web}/**/*.test.{ts,tsx}"],
    globalSetup: ["cli/testing/build.ts", "server/sandbox/testing/contract-report.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores on CI machines; more forks only thrash.
    maxWorkers: 2,
  },
});
