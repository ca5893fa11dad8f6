import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Vitest global setup: CLI tests run the built CLI, so build it first (esbuild, well under a second). */
export function setup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs", "cli"], {
    cwd: fileURLToPath(new URL("../../", import.meta.url)),
    stdio: "inherit",
  });
}
