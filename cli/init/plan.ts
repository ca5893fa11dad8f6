import { type EnvFilePlan, planEnvFile } from "../env/pull";
import type { FrameworkSpec } from "./frameworks";
import type { FileChange } from "./integration";
import { installCommand, type PackageManager } from "./package-manager";
import type { Project } from "./project";
import type { InitTarget } from "./target";

/** Stand-ins for keys a dry run does not fetch: only the variables' names are ever shown. */
const UNFETCHED = { publishableKey: "pk_test_unfetched", secretKey: "sk_test_unfetched" };

export interface PlannedFile extends FileChange {
  /** The unified diff (a new file: every line added). */
  diff: string;
}

/** Everything `clerk init` would do in the project, computed before anything is written. */
export interface InitPlan {
  project: Project;
  framework: { spec: FrameworkSpec; evidence?: string };
  pm: { pm: PackageManager; evidence?: string };
  target: Exclude<InitTarget, { kind: "unchosen" }>;
  env: EnvFilePlan;
  /** Undefined when the Clerk package already is a dependency. */
  install?: string[];
  files: PlannedFile[];
  manual: string[];
}

export async function buildPlan(
  project: Project,
  framework: InitPlan["framework"],
  pm: InitPlan["pm"],
  target: InitPlan["target"],
): Promise<InitPlan> {
  const { spec } = framework;
  const { createTwoFilesPatch } = await import("diff");
  const integration = spec.integrate(project);
  const extra = target.kind === "sandbox" ? [{ name: "CLERK_API_URL", value: target.apiUrl }] : [];
  const env = planEnvFile(target.keys ?? UNFETCHED, { cwd: project.dir, framework: spec.env(project), extra });
  return {
    project,
    framework,
    pm,
    target,
    env,
    ...(project.deps.has(spec.clerkPackage) ? {} : { install: installCommand(pm.pm, spec.clerkPackage) }),
    files: integration.files.map((file) => ({
      ...file,
      diff: createTwoFilesPatch(file.path, file.path, file.before ?? "", file.after, "", "", { context: 3 }),
    })),
    manual: integration.manual,
  };
}
