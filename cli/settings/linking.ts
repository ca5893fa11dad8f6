import { relative } from "node:path";
import type { PlatformApplication } from "../../shared/clerk/schemas";
import { fetchApplication, listApplications, requireInstance } from "../../shared/clerk/target";
import type { ClerkTransport } from "../../shared/clerk/transport";
import { createPlatformTransport } from "../auth/platform";
import { confirmOrCancel, interactive } from "../confirm";
import { commonTransportOptions } from "../context";
import { UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { printResult } from "../output";
import { abortSignal } from "../shutdown";
import {
  findProjectLinkFile,
  LINK_FILE,
  type ProjectLink,
  readProjectLink,
  removeProjectLink,
  writeProjectLink,
} from "./project-link";
import { resolveSettings, type Settings } from "./resolve";

export async function pickFromAccount(platform: ClerkTransport, settings: Settings): Promise<ProjectLink> {
  const apps = await listApplications(platform);
  if (apps.length === 0) {
    throw new UsageError(
      "Your Clerk account has no applications to link.",
      "Create one: `clerk apps create --name <name>`.",
    );
  }
  const { default: select } = await import("@inquirer/select");
  const context = { output: process.stderr };
  const app = await select(
    {
      message: "Application to link this directory to",
      choices: apps.map((a) => ({ value: a, name: `${a.name}  ${a.application_id}` })),
    },
    context,
  );
  let instance = settings.origins.instance?.source === "flag" ? settings.instance : undefined;
  if (instance === undefined) {
    instance =
      app.instances.length === 1
        ? (app.instances[0]?.environment_type as string)
        : await select(
            {
              message: "Instance",
              choices: app.instances.map((i) => ({
                value: i.environment_type,
                name: `${i.environment_type}  ${i.instance_id}`,
              })),
            },
            context,
          );
  }
  return checkedLink(app, instance);
}

function checkedLink(app: PlatformApplication, instance: string): ProjectLink {
  requireInstance(app, instance);
  return { app: app.application_id, instance, app_name: app.name };
}

/** The link in effect at `cwd`, if any can be read: a broken one is what `link` and `unlink` fix. */
function readableLink(cwd: string): ProjectLink | undefined {
  const file = findProjectLinkFile(cwd);
  if (!file) return undefined;
  try {
    return readProjectLink(file);
  } catch {
    return undefined;
  }
}

/** `clerk link`: binds the working directory to an application and instance. */
export async function runLink(globals: GlobalOptions): Promise<void> {
  const cwd = process.cwd();
  const settings = await resolveSettings(globals, process.env, { project: false });
  const platform = await createPlatformTransport(settings, commonTransportOptions(globals, abortSignal()));
  const appFlag = settings.origins.app?.source === "flag" ? settings.app : undefined;
  const instanceFlag = settings.origins.instance?.source === "flag" ? settings.instance : undefined;
  let link: ProjectLink;
  let verified = true;
  if (appFlag) {
    if (platform) {
      link = checkedLink(await fetchApplication(platform, appFlag), instanceFlag ?? "development");
    } else {
      // Without Platform access nothing can be checked; the ids are stored as given.
      link = { app: appFlag, instance: instanceFlag ?? "development" };
      verified = false;
    }
  } else if (interactive() && platform) {
    link = await pickFromAccount(platform, settings);
  } else {
    throw new UsageError(
      "clerk link needs --app here",
      platform
        ? "Pass --app app_… (and --instance dev|prod); `clerk apps list` shows your applications. On a terminal, `clerk link` lets you pick."
        : "Pass --app app_… (and --instance dev|prod). To pick from your applications, run `clerk auth login` first.",
    );
  }
  const previous = readableLink(cwd);
  const target = `${link.app}${link.app_name ? ` (${link.app_name})` : ""}, ${link.instance}`;
  if (globals.dryRun) {
    process.stderr.write(`Dry run: would link ${cwd} to ${target} in ${LINK_FILE}. Nothing was changed.\n`);
    if (globals.output !== "table") await printResult({ dry_run: true, directory: cwd, ...link }, globals.output);
    return;
  }
  const file = writeProjectLink(cwd, link);
  if (globals.output !== "table") {
    await printResult({ file, directory: cwd, ...link, verified }, globals.output);
    return;
  }
  const replaced =
    previous && (previous.app !== link.app || previous.instance !== link.instance)
      ? ` (was ${previous.app}, ${previous.instance})`
      : "";
  process.stdout.write(
    `Linked ${cwd} to ${target}${replaced}.\n` +
      `Commands run here use it unless --app/--instance, CLERK_APP/CLERK_INSTANCE or a .env say otherwise (${relative(cwd, file)}).\n`,
  );
  if (!verified)
    process.stderr.write("warning: no Platform API access, so the application and instance were not checked.\n");
}

/** `clerk unlink`: removes the link the working directory is under. */
export async function runUnlink(globals: GlobalOptions): Promise<void> {
  const file = findProjectLinkFile(process.cwd());
  if (!file) {
    if (globals.output !== "table") await printResult({ unlinked: false }, globals.output);
    else process.stdout.write(`Not linked: no ${LINK_FILE} here or above.\n`);
    return;
  }
  const link = readableLink(process.cwd()) ?? {};
  if (globals.dryRun) {
    process.stderr.write(`Dry run: would remove ${file}. Nothing was changed.\n`);
    if (globals.output !== "table") await printResult({ dry_run: true, file, ...link }, globals.output);
    return;
  }
  // As in the official CLI: asked on a terminal; in agent mode (and off a terminal) only --yes unlinks.
  const question = `This will remove ${file}${"app" in link ? `, the link to ${link.app}` : ""}. Continue?`;
  if (!(await confirmOrCancel(question, globals))) return;
  removeProjectLink(file);
  if (globals.output !== "table") await printResult({ unlinked: true, file, ...link }, globals.output);
  else process.stdout.write(`Unlinked: removed ${file}.\n`);
}
