import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { interactive } from "../confirm";
import { findProjectDir } from "../env/framework";
import { envFileDiff, writeEnvFile } from "../env/pull";
import { UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { printResult } from "../output";
import { writeProjectLink } from "../settings/project-link";
import { chooseFramework, type InitFramework, NATIVE_FRAMEWORKS } from "./frameworks";
import { choosePackageManager, type PackageManager, runInstall } from "./package-manager";
import { buildPlan, type InitPlan, type PlannedFile } from "./plan";
import { readProject } from "./project";
import { resolveTarget } from "./target";

export interface InitInput {
  framework?: InitFramework | (typeof NATIVE_FRAMEWORKS)[number] | undefined;
  pm?: PackageManager | undefined;
  starter: boolean;
  name?: string | undefined;
  accountless: boolean;
  fresh: boolean;
  login: boolean;
  template?: string | undefined;
  skills: boolean;
}

const NEEDS_NETWORK =
  "it downloads a starter project (create-next-app, create-vite, …) from the npm registry, and this CLI sets Clerk up offline in an existing project";

/** The flags this CLI cannot honour, refused before anything is read or written. */
function refuseUnsupported(input: InitInput): void {
  if (input.starter || input.name !== undefined) {
    throw new UsageError(
      `--starter${input.name !== undefined ? " / --name" : ""} is not supported: ${NEEDS_NETWORK}.`,
      "Create the project with your framework's own tool (`npx create-next-app@latest`), then run `clerk init` in it.",
    );
  }
  if (input.template !== undefined || input.fresh) {
    throw new UsageError(
      `${input.template !== undefined ? "--template" : "--fresh"} is not supported: it applies to Clerk's accountless applications, which Clerk's servers create; here --accountless uses the local sandbox's keys.`,
      "Leave it out; configure the application with `clerk config apply` (or `clerk enable …`) once it is linked.",
    );
  }
  const framework = input.framework;
  if (framework && (NATIVE_FRAMEWORKS as readonly string[]).includes(framework)) {
    throw new UsageError(
      `--framework ${framework} is not supported: native apps are set up in their IDE, not from package.json.`,
      "Follow Clerk's iOS or Android quickstart (https://clerk.com/docs).",
    );
  }
}

/** Asks, shows the diff, or skips: an existing file is never replaced without consent. */
async function mayOverwrite(what: string, diff: string, globals: GlobalOptions): Promise<boolean> {
  if (globals.yes) return true;
  if (!interactive()) return false;
  process.stderr.write(diff);
  const { default: confirm } = await import("@inquirer/confirm");
  return confirm({ message: `Change ${what} as shown?`, default: false }, { output: process.stderr });
}

function writeFile(dir: string, file: PlannedFile): void {
  const path = join(dir, file.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.after);
}

/** The plan as data (--json, --dry-run): key names only, never their values. */
function planData(plan: InitPlan, dryRun: boolean) {
  const { target } = plan;
  return {
    ...(dryRun ? { dry_run: true } : {}),
    directory: plan.project.dir,
    framework: plan.framework.spec.id,
    ...(plan.framework.evidence ? { framework_detected_from: plan.framework.evidence } : {}),
    package_manager: plan.pm.pm,
    ...(plan.pm.evidence ? { package_manager_detected_from: plan.pm.evidence } : {}),
    application: {
      kind: target.kind,
      ...(target.applicationId ? { application_id: target.applicationId } : {}),
      ...(target.instanceId ? { instance_id: target.instanceId } : {}),
      environment: target.environment,
    },
    ...(target.kind === "application" ? { link: target.link } : {}),
    env_file: { file: plan.env.file, keys: plan.env.changes.map(({ name, action }) => ({ name, action })) },
    install: plan.install ? plan.install.join(" ") : null,
    clerk_package: plan.framework.spec.clerkPackage,
    quickstart: plan.framework.spec.quickstart,
  };
}

/** Agent mode with an account and no application: the steps to do it by hand, nothing changed. */
async function printGuidance(dir: string, framework: string, globals: GlobalOptions): Promise<void> {
  const steps = [
    "clerk apps list",
    "clerk init --app <app_id>  (or `clerk link --app <app_id>` first)",
    "clerk init --accountless  (the local sandbox's keys, no Clerk application)",
  ];
  const message =
    "clerk init does not choose a Clerk application for an agent: pass --app (or link the project), or --accountless.";
  if (globals.output !== "table") {
    await printResult({ status: "needs_application", directory: dir, framework, message, next: steps }, globals.output);
    return;
  }
  process.stdout.write(`${message}\n${steps.map((step) => `  ${step}`).join("\n")}\n`);
}

/** `clerk init` in a project: framework, application, env file, package, integration files. */
export async function runInit(input: InitInput, globals: GlobalOptions): Promise<void> {
  refuseUnsupported(input);
  const cwd = process.cwd();
  const projectDir = findProjectDir(cwd);
  if (!projectDir) {
    if (input.framework || input.pm || input.accountless || input.login) {
      throw new UsageError(
        `No package.json in ${cwd} or above: clerk init sets Clerk up in an existing project.`,
        "Run it in your project's directory (create the project first, e.g. `npx create-next-app@latest`).",
      );
    }
    const { runProfileWizard } = await import("./profile-wizard");
    return runProfileWizard(globals);
  }
  const project = readProject(projectDir);
  const framework = chooseFramework(project, input.framework as InitFramework | undefined);
  const pm = choosePackageManager(project, input.pm);
  const target = await resolveTarget(globals, { accountless: input.accountless, login: input.login });
  if (target.kind === "unchosen") return printGuidance(projectDir, framework.spec.id, globals);
  const plan = await buildPlan(project, framework, pm, target);

  if (globals.dryRun) {
    process.stderr.write("Dry run: nothing was written or installed.\n");
    const files = plan.files.map((file) => ({
      path: file.path,
      action: file.before === undefined ? "create" : "update",
      diff: file.diff,
    }));
    if (globals.output !== "table") {
      await printResult({ ...planData(plan, true), files, manual: plan.manual }, globals.output);
      return;
    }
    process.stdout.write(
      `${summaryLines(plan).join("\n")}\n\n${plan.files.map((file) => file.diff).join("\n")}${manualLines(plan.manual)}`,
    );
    return;
  }

  const skipped: string[] = [];
  if (target.kind === "application") writeProjectLink(projectDir, target.link);
  let envWritten = true;
  if (plan.env.overwrites.length && !(await mayOverwrite(plan.env.shown, await envFileDiff(plan.env), globals))) {
    envWritten = false;
    skipped.push(`${plan.env.shown}: it sets ${plan.env.overwrites.map((c) => c.name).join(", ")} to other values`);
  } else writeEnvFile(plan.env);
  if (plan.install) {
    process.stderr.write(`$ ${plan.install.join(" ")}\n`);
    runInstall(plan.install, projectDir);
  }
  const files: { path: string; action: "created" | "updated" | "skipped" }[] = [];
  for (const file of plan.files) {
    if (file.before !== undefined && !(await mayOverwrite(file.path, file.diff, globals))) {
      files.push({ path: file.path, action: "skipped" });
      skipped.push(`${file.path}: it exists (its diff: \`clerk init --dry-run\`; --yes to write it)`);
      continue;
    }
    writeFile(projectDir, file);
    files.push({ path: file.path, action: file.before === undefined ? "created" : "updated" });
  }
  for (const note of skipped) process.stderr.write(`note: skipped ${note}.\n`);
  if (globals.output !== "table") {
    await printResult(
      { ...planData(plan, false), env_file_written: envWritten, files, skipped, manual: plan.manual },
      globals.output,
    );
    return;
  }
  process.stdout.write(
    `${summaryLines(plan).join("\n")}\n` +
      files.map((file) => `  ${file.action.padEnd(8)} ${file.path}\n`).join("") +
      manualLines(plan.manual),
  );
}

function summaryLines(plan: InitPlan): string[] {
  const { spec, evidence } = plan.framework;
  const target = plan.target;
  const app =
    target.kind === "sandbox"
      ? `the local sandbox${target.applicationId ? ` (${target.applicationId})` : ""}: run \`clerk sandbox\` while the app runs`
      : `${target.applicationId} (${target.environment}), linked in .clerk/project.json`;
  return [
    `Framework:       ${spec.name}${evidence ? ` (from ${evidence})` : ""}`,
    `Package manager: ${plan.pm.pm}${plan.pm.evidence ? ` (from ${plan.pm.evidence})` : ""}`,
    `Application:     ${app}`,
    `Env file:        ${plan.env.shown} (${plan.env.changes.map((change) => change.name).join(", ")})`,
    `Install:         ${plan.install ? plan.install.join(" ") : `${spec.clerkPackage} is already a dependency`}`,
    `Quickstart:      ${spec.quickstart}`,
  ];
}

const manualLines = (manual: string[]) =>
  manual.length ? `\nTo do by hand:\n${manual.map((step) => `  - ${step}\n`).join("")}` : "";
