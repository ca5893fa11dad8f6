import { spawnSync } from "node:child_process";
import { basename, dirname, relative, resolve } from "node:path";
import { createPlatformTransport, fetchInstanceSecretKey } from "../auth/platform";
import { maskSecret, redactSecrets } from "../config/keys";
import { confirmOrCancel } from "../confirm";
import { commonTransportOptions } from "../context";
import { RuntimeError } from "../errors";
import { readIfExists, writeAtomically } from "../files";
import type { GlobalOptions } from "../globals";
import { colorsFor, printResult } from "../output";
import { resolveSettings } from "../settings";
import { abortSignal } from "../shutdown";
import { type EnvAssignment, mergeEnvFile } from "./env-file";
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

  const cwd = process.cwd();
  const projectDir = findProjectDir(cwd);
  const detected = input.framework ? { framework: input.framework } : detectFramework(projectDir);
  const file = input.file ? resolve(cwd, input.file) : defaultEnvFile(projectDir ?? cwd, detected.framework);
  const before = readIfExists(file);
  const publishableVar = PUBLISHABLE_KEY_VARS[detected.framework];
  // Another framework's publishable-key line already in the file is a Clerk line too: keep it current.
  const wanted: EnvAssignment[] = [
    { name: publishableVar, value: keys.publishableKey },
    ...Object.values(PUBLISHABLE_KEY_VARS)
      .filter((name) => name !== publishableVar)
      .map((name) => ({ name, value: keys.publishableKey as string, onlyIfPresent: true })),
    { name: SECRET_KEY_VAR, value: keys.secretKey },
  ];
  const merge = mergeEnvFile(before ?? "", wanted);
  const overwrites = merge.changes.filter((change) => change.previous !== undefined);
  const shown = relative(cwd, file) || file;
  const summary = {
    file,
    framework: detected.framework,
    ...("evidence" in detected && detected.evidence ? { detected_from: `package.json (${detected.evidence})` } : {}),
    application_id: keys.applicationId,
    instance_id: keys.instanceId,
    environment: keys.environment,
    changes: merge.changes.map(({ name, action }) => ({ name, action })),
  };

  if (globals.dryRun) {
    const { createTwoFilesPatch } = await import("diff");
    const patch = createTwoFilesPatch(shown, shown, before ?? "", merge.text, "", "", { context: 2 });
    process.stderr.write(`Dry run: ${shown} was not written.\n`);
    if (overwrites.length) {
      process.stderr.write(
        `Writing it replaces the values of ${overwrites.map((change) => change.name).join(", ")}: that needs confirmation (--yes).\n`,
      );
    }
    if (globals.output !== "table") {
      await printResult({ dry_run: true, ...summary, diff: redactSecrets(patch) }, globals.output);
    } else {
      process.stdout.write(before === merge.text ? "No changes.\n" : redactSecrets(patch));
    }
    return;
  }
  if (overwrites.length) {
    const list = overwrites.map((change) => `${change.name} (${maskSecret(change.previous as string)})`).join(", ");
    const question = `${shown} already sets ${list} to another value. Overwrite with the keys of ${keys.instanceId}?`;
    if (!(await confirmOrCancel(question, globals))) return;
  }
  if (before !== merge.text) writeAtomically(file, merge.text);

  if (globals.output !== "table") {
    await printResult(summary, globals.output);
  } else {
    const c = colorsFor(process.stdout);
    const mark = { added: c.green("+"), updated: c.yellow("~"), unchanged: c.dim("=") };
    process.stdout.write(
      `${before === merge.text ? "Up to date" : before === undefined ? "Created" : "Updated"}: ${shown} ` +
        `(${keys.environment} instance ${keys.instanceId} of ${keys.applicationId}, ${detected.framework})\n` +
        merge.changes.map((change) => `  ${mark[change.action]} ${change.name} ${c.dim(change.action)}\n`).join(""),
    );
  }
  if (committable(file)) {
    process.stderr.write(
      `warning: ${shown} holds a secret key and git does not ignore it: add it to .gitignore before committing.\n`,
    );
  }
}
