import { spawn } from "node:child_process";
import { interactive } from "../confirm";
import { RuntimeError, UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { detectInstall, type Install, installsOnPath, type Manager, ownPackage, updateCommand } from "./installs";
import { readUpdateCheck, writeUpdateCheck } from "./notice";
import { compareVersions, displayUrl, fetchPackage, resolveRegistry } from "./registry";

/** One clerk install and what `clerk update` did about it. */
interface InstallReport {
  /** The package directory; for a clerk on PATH that is not this package, the executable. */
  path: string;
  version?: string;
  kind: Install["kind"] | "other";
  manager?: Manager;
  project?: string;
  /** The command that updates it (run in `project` for a local install). */
  command?: string;
  /**
   * `up_to_date`; `available`: the command was printed, not run; `updated`; `failed`: the
   * package manager failed; `manual`: no package manager installed it (a checkout, a runner's
   * cache; `note` says what to do); `other`: another program named clerk, left alone.
   */
  status: "up_to_date" | "available" | "updated" | "failed" | "manual" | "other";
  note?: string;
}

export interface UpdateReport {
  package: string;
  current: string;
  channel: string;
  /** The channel's version on the registry. */
  version: string;
  update_available: boolean;
  registry: string;
  installs: InstallReport[];
}

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`);

/** An install's report, and the command (as argv) that updates it when it is behind. */
function reportOf(install: Install, name: string, channel: string, version: string): [InstallReport, string[]?] {
  const base = {
    path: install.root,
    version: install.version,
    kind: install.kind,
    ...(install.manager ? { manager: install.manager } : {}),
    ...(install.project ? { project: install.project } : {}),
  };
  // The default channel only moves forward; a named one (canary) is followed wherever it points.
  const behind = channel === "latest" ? compareVersions(version, install.version) > 0 : install.version !== version;
  if (!behind) return [{ ...base, status: "up_to_date" }];
  const command = updateCommand(install, `${name}@${version}`);
  if (command) return [{ ...base, command: command.map(quote).join(" "), status: "available" }, command];
  const note =
    install.kind === "source"
      ? "a source checkout: update it with git (git pull), then npm run build"
      : `a package runner's cache: run it as ${name}@${channel} (npx -y ${name}@${channel}) to get ${version}`;
  return [{ ...base, status: "manual", note }];
}

/** Runs a package manager with its output on stderr (stdout stays the report's). */
function runManager(command: string[], cwd: string | undefined): Promise<void> {
  const [program, ...args] = command as [string, ...string[]];
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd,
      stdio: ["inherit", process.stderr, process.stderr],
      shell: process.platform === "win32",
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === "ENOENT" ? `${program} is not on PATH` : error.message)),
    );
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${program} exited with ${code}`))));
  });
}

function renderReport(report: UpdateReport, ran: boolean): string {
  const where = `${report.channel} on ${report.registry}`;
  const lines = [
    !report.update_available
      ? `clerk ${report.current} is up to date (${where}: ${report.version}).`
      : ran
        ? `clerk ${report.version} (${where}) in place of ${report.current}:`
        : `clerk ${report.version} is available (${where}); this is ${report.current}.`,
  ];
  const several = report.installs.length > 1;
  for (const install of report.installs) {
    const at = several ? `${install.path}${install.version ? ` (${install.version})` : ""}: ` : "";
    const cd = install.project ? `cd ${quote(install.project)} && ` : "";
    if (install.status === "up_to_date" && several) lines.push(`  ${at}up to date`);
    if (install.status === "available") lines.push(`  ${at}${ran ? "" : "update with: "}${cd}${install.command}`);
    if (install.status === "updated") lines.push(`  ${at}updated to ${report.version} (${cd}${install.command})`);
    if (install.status === "failed") lines.push(`  ${at}failed: ${install.note} (${cd}${install.command})`);
    if (install.status === "manual") lines.push(`  ${at}${install.note}`);
    if (install.status === "other") lines.push(`  ${at}not ${report.package}, left alone`);
  }
  return lines.join("\n");
}

/** `clerk update`: see cli/commands/update.ts. */
export async function runUpdate(
  input: { channel: string; all: boolean; check: boolean },
  globals: GlobalOptions,
): Promise<void> {
  const own = ownPackage();
  const registry = resolveRegistry(own.name);
  const document = await fetchPackage(registry, own.name);
  const version = document["dist-tags"][input.channel];
  if (!version) {
    throw new UsageError(
      `${own.name} has no release channel "${input.channel}" on ${displayUrl(registry.url)}`,
      `Use --channel with one of: ${Object.keys(document["dist-tags"]).join(", ")}.`,
    );
  }
  if (input.channel === "latest") writeUpdateCheck({ ...readUpdateCheck(), checked_at: Date.now(), latest: version });

  const self = detectInstall(own.root, own.version);
  const entries = [reportOf(self, own.name, input.channel, version)];
  for (const found of input.all ? installsOnPath(own.name) : []) {
    if (!found.install) entries.push([{ path: found.path, kind: "other", status: "other" }]);
    else if (found.install.root !== self.root) entries.push(reportOf(found.install, own.name, input.channel, version));
  }
  const installs = entries.map(([install]) => install);
  const report: UpdateReport = {
    package: own.name,
    current: own.version,
    channel: input.channel,
    version,
    update_available: installs.some((install) => !["up_to_date", "other"].includes(install.status)),
    registry: displayUrl(registry.url),
    installs,
  };

  // The package managers run only when asked to: --yes, or a yes at the terminal.
  const pending = entries.filter(([, command]) => command);
  let ran = false;
  if (pending.length && !input.check && !globals.dryRun && (globals.yes || interactive())) {
    ran = globals.yes;
    if (!ran) {
      process.stderr.write(`${renderReport(report, false)}\n`);
      const { default: confirm } = await import("@inquirer/confirm");
      ran = await confirm({ message: "Update now?", default: true }, { output: process.stderr });
    }
    for (const [install, command] of ran ? pending : []) {
      process.stderr.write(`$ ${install.project ? `cd ${quote(install.project)} && ` : ""}${install.command}\n`);
      try {
        await runManager(command as string[], install.project);
        install.status = "updated";
      } catch (error) {
        install.status = "failed";
        install.note = (error as Error).message;
      }
    }
  }
  if (globals.output === "table") process.stdout.write(`${renderReport(report, ran)}\n`);
  else {
    const { printResult } = await import("../output");
    await printResult(report, globals.output);
  }
  if (installs.some((install) => install.status === "failed")) {
    throw new RuntimeError(
      "the update failed",
      "See the package manager's output above; run the printed command yourself to retry.",
    );
  }
}
