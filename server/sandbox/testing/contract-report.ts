import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
  const reachedByActions = new Set<string>();
  for (const file of readdirSync(CONTRACT_REPORT_DIR).filter((name) => name.endsWith(".json"))) {
    const report = JSON.parse(readFileSync(join(CONTRACT_REPORT_DIR, file), "utf8")) as {
      exercised: Record<string, number[]>;
      violations: unknown[];
      reachedByActions?: string[];
    };
    for (const op of report.reachedByActions ?? []) reachedByActions.add(op);
    violations += report.violations.length;
    for (const [op, statuses] of Object.entries(report.exercised)) {
      const set = exercised.get(op) ?? new Set<number>();
      for (const status of statuses) set.add(status);
      exercised.set(op, set);
    }
  }
  const operations = new ContractValidator().allOperations().map((op) => `${op.method} ${op.path}`);
  const total = operations.length;
  const pairs = [...exercised.values()].reduce((sum, set) => sum + set.size, 0);
  process.stdout.write(
    `\nClerk API contract: ${exercised.size} of ${total} documented operations exercised ` +
      `(${pairs} operation/status pairs), ${violations} violations, ${contractDeviations.length} documented deviations.\n` +
      `Catalog actions (in-process action tests) called ${reachedByActions.size} of ${total}; ` +
      `the others are listed in ${join(CONTRACT_REPORT_DIR, "without-action-test.txt")}.\n`,
  );
  writeFileSync(
    join(CONTRACT_REPORT_DIR, "without-action-test.txt"),
    `${operations.filter((op) => !reachedByActions.has(op)).join("\n")}\n`,
  );
}
