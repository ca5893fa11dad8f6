import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export default defineConfig({
  define: { __CLERK_VERSION__: JSON.stringify(pkg.version) },
  test: {
    include: ["{cli,server,shared,web}/**/*.test.{ts,tsx}"],
    globalSetup: ["cli/testing/build.ts", "server/sandbox/testing/contract-report.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores on CI machines; more forks only thrash.
    maxWorkers: 2,
  },
});
