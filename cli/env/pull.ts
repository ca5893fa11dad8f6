import { spawnSync } from "node:child_process";
import { basename, dirname, relative, resolve } from "node:path";
import { createPlatformTransport, fetchInstanceSecretKey } from "../auth/platform";
import { confirmOrCancel } from "../confirm";
import { commonTransportOptions } from "../context";
import { RuntimeError } from "../errors";
import { readIfExists, writeAtomically } from "../files";
import type { GlobalOptions } from "../globals";
import { colorsFor, printResult } from "../output";
import { resolveSettings } from "../settings";
import { maskSecret, redactSecrets } from "../settings/keys";
import { abortSignal } from "../shutdown";
import { type EnvAssignment, type EnvChange, mergeEnvFile } from "./env-file";
import {
  defaultEnvFile,
  detectFramework,
  type Framework,
  findProjectDir,
  PUBLISHABLE_KEY_VARS,
  SECRET_KEY_VAR,
} from "./framework";

export interface EnvPullInput {
  file?: string | undefined;
  framework?: Framework | undefined;
}

/** Whether git would commit the file: inside a work tree and not ignored. */
function committable(file: string): boolean {
  const result = spawnSync("git", ["check-ignore", "-q", basename(file)], { cwd: dirname(file), stdio: "ignore" });
  return result.status === 1;
}

/** What writing the keys into a project's env file changes (computed, nothing written yet). */
export interface EnvFilePlan {
  file: string;
  /** The file as shown to the user: relative to the working directory. */
  shown: string;
  before: string | undefined;
  text: string;
  changes: EnvChange[];
  /** The changes that replace a different value already in the file (they need confirmation). */
  overwrites: EnvChange[];
  framework: Framework;
  evidence?: string;
}

/**
 * Merges the instance's keys into the project's env file, as `clerk env pull` writes them: the
 * publishable key under the framework's name (and any other framework's name already present),
 * the secret key as CLERK_SECRET_KEY, and any `extra` variables.
 */
export function planEnvFile(
  keys: { publishableKey: string; secretKey: string },
  options: { cwd: string; file?: string | undefined; framework?: Framework | undefined; extra?: EnvAssignment[] },
): EnvFilePlan {
  const { cwd } = options;
  const projectDir = findProjectDir(cwd);
  const detected = options.framework ? { framework: options.framework } : detectFramework(projectDir);
  const file = options.file ? resolve(cwd, options.file) : defaultEnvFile(projectDir ?? cwd, detected.framework);
  const before = readIfExists(file);
  const publishableVar = PUBLISHABLE_KEY_VARS[detected.framework];
  // Another framework's publishable-key line already in the file is a Clerk line too: keep it current.
  const wanted: EnvAssignment[] = [
    { name: publishableVar, value: keys.publishableKey },
    ...Object.values(PUBLISHABLE_KEY_VARS)
      .filter((name) => name !== publishableVar)
      .map((name) => ({ name, value: keys.publishableKey, onlyIfPresent: true })),
    { name: SECRET_KEY_VAR, value: keys.secretKey },
    ...(options.extra ?? []),
  ];
  const merge = mergeEnvFile(before ?? "", wanted);
  return {
    file,
    shown: relative(cwd, file) || file,
    before,
    text: merge.text,
    changes: merge.changes,
    overwrites: merge.changes.filter((change) => change.previous !== undefined),
    framework: detected.framework,
    ...("evidence" in detected && detected.evidence ? { evidence: detected.evidence } : {}),
  };
}

/** The unified diff of an env file plan, secrets masked. */
export async function envFileDiff(plan: EnvFilePlan): Promise<string> {
  const { createTwoFilesPatch } = await import("diff");
  return redactSecrets(
    createTwoFilesPatch(plan.shown, plan.shown, plan.before ?? "", plan.text, "", "", { context: 2 }),
  );
}

/** Writes the plan (if it changes anything), warning when git would commit the secret. */
export function writeEnvFile(plan: EnvFilePlan): void {
  if (plan.before !== plan.text) writeAtomically(plan.file, plan.text);
  if (committable(plan.file)) {
    process.stderr.write(
      `warning: ${plan.shown} holds a secret key and git does not ignore it: add it to .gitignore before committing.\n`,
    );
  }
}

/** `clerk env pull`: the target instance's keys, merged into the project's env file. */
export async function runEnvPull(input: EnvPullInput, globals: GlobalOptions): Promise<void> {
  const settings = await resolveSettings(globals);
  const platform = await createPlatformTransport(settings, commonTransportOptions(globals, abortSignal()));
  if (!platform) {
    throw new RuntimeError(
      "clerk env pull reads the keys from the Platform API, and no Platform access is configured.",
      "Run `clerk auth login` (or set CLERK_PLATFORM_API_KEY), and pick the application with --app or `clerk link`.",
      "platform_access_missing",
    );
  }
  const keys = await fetchInstanceSecretKey(platform, settings);
  if (!keys.publishableKey) {
    throw new RuntimeError(`The Platform API returned no publishable key for ${keys.instanceId}.`);
  }
  const plan = planEnvFile(
    { publishableKey: keys.publishableKey, secretKey: keys.secretKey },
    { cwd: process.cwd(), file: input.file, framework: input.framework },
  );
  const { shown, before, overwrites } = plan;
  const summary = {
    file: plan.file,
    framework: plan.framework,
    ...(plan.evidence ? { detected_from: `package.json (${plan.evidence})` } : {}),
    application_id: keys.applicationId,
    instance_id: keys.instanceId,
    environment: keys.environment,
    changes: plan.changes.map(({ name, action }) => ({ name, action })),
  };

  if (globals.dryRun) {
    const patch = await envFileDiff(plan);
    process.stderr.write(`Dry run: ${shown} was not written.\n`);
    if (overwrites.length) {
      process.stderr.write(
        `Writing it replaces the values of ${overwrites.map((change) => change.name).join(", ")}: that needs confirmation (--yes).\n`,
      );
    }
    if (globals.output !== "table") {
      await printResult({ dry_run: true, ...summary, diff: patch }, globals.output);
    } else {
      process.stdout.write(before === plan.text ? "No changes.\n" : patch);
    }
    return;
  }
  if (overwrites.length) {
    const list = overwrites.map((change) => `${change.name} (${maskSecret(change.previous as string)})`).join(", ");
    const question = `${shown} already sets ${list} to another value. Overwrite with the keys of ${keys.instanceId}?`;
    if (!(await confirmOrCancel(question, globals))) return;
  }
  writeEnvFile(plan);
  if (globals.output !== "table") {
    await printResult(summary, globals.output);
    return;
  }
  const c = colorsFor(process.stdout);
  const mark = { added: c.green("+"), updated: c.yellow("~"), unchanged: c.dim("=") };
  process.stdout.write(
    `${before === plan.text ? "Up to date" : before === undefined ? "Created" : "Updated"}: ${shown} ` +
      `(${keys.environment} instance ${keys.instanceId} of ${keys.applicationId}, ${plan.framework})\n` +
      plan.changes.map((change) => `  ${mark[change.action]} ${change.name} ${c.dim(change.action)}\n`).join(""),
  );
}
