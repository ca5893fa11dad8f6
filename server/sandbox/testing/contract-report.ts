import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ContractValidator } from "./contract";
import { contractDeviations } from "./deviations";
import { CONTRACT_REPORT_DIR } from "./harness";

/**
 * Vitest global setup: clears the per-file contract reports before the run and, after it,
 * prints how much of Clerk's API surface the suite exercised against the sandbox.
 */
export function setup(): void {
  rmSync(CONTRACT_REPORT_DIR, { recursive: true, force: true });
}

export function teardown(): void {
  if (!existsSync(CONTRACT_REPORT_DIR)) return;
  const exercised = new Map<string, Set<number>>();
  let violations = 0;
  for (const file of readdirSync(CONTRACT_REPORT_DIR)) {
    const report = JSON.parse(readFileSync(join(CONTRACT_REPORT_DIR, file), "utf8")) as {
      exercised: Record<string, number[]>;
      violations: unknown[];
    };
    violations += report.violations.length;
    for (const [op, statuses] of Object.entries(report.exercised)) {
      const set = exercised.get(op) ?? new Set<number>();
      for (const status of statuses) set.add(status);
      exercised.set(op, set);
    }
  }
  const total = new ContractValidator().allOperations().length;
  const pairs = [...exercised.values()].reduce((sum, set) => sum + set.size, 0);
  process.stdout.write(
    `\nClerk API contract: ${exercised.size} of ${total} documented operations exercised ` +
      `(${pairs} operation/status pairs), ${violations} violations, ${contractDeviations.length} documented deviations.\n`,
  );
}
