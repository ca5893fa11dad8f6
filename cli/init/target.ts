import { createPlatformTransport, fetchInstanceSecretKey } from "../auth/platform";
import { interactive } from "../confirm";
import { commonTransportOptions } from "../context";
import { RuntimeError, UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { resolveSettings } from "../settings";
import { pickFromAccount } from "../settings/linking";
import type { ProjectLink } from "../settings/project-link";
import { abortSignal } from "../shutdown";

export interface InstanceKeys {
  publishableKey: string;
  secretKey: string;
}

/** The application whose keys `clerk init` writes. */
export type InitTarget =
  | {
      kind: "application";
      applicationId: string;
      instanceId: string;
      environment: string;
      keys: InstanceKeys;
      link: ProjectLink;
    }
  /** No Clerk credentials (or --accountless): the local sandbox's development instance. */
  | {
      kind: "sandbox";
      applicationId?: string;
      instanceId?: string;
      environment: string;
      keys?: InstanceKeys;
      /** Where `clerk sandbox` serves the Backend API by default (CLERK_API_URL for the app's SDK). */
      apiUrl: string;
    }
  /** Agent mode with an account but no application chosen: init never picks one for an agent. */
  | { kind: "unchosen" };

/**
 * The sandbox's keys (its data dir, as `clerk sandbox` keeps it); only its credentials are read.
 * A dry run reads nothing: opening the sandbox would create its data.
 */
async function sandboxTarget(dryRun: boolean): Promise<InitTarget> {
  const [{ startSandbox, DEFAULT_SANDBOX_PORT }, { defaultSandboxDataDir }, { parseSeed }] = await Promise.all([
    import("../../server/sandbox/server"),
    import("../commands/sandbox"),
    import("../../server/sandbox/seed"),
  ]);
  const apiUrl = `http://127.0.0.1:${DEFAULT_SANDBOX_PORT}`;
  if (dryRun) return { kind: "sandbox", environment: "development", apiUrl };
  const sandbox = await startSandbox({ port: 0, dataDir: defaultSandboxDataDir(), seed: parseSeed("demo") });
  const { application_id, development } = sandbox.credentials;
  await sandbox.close();
  return {
    kind: "sandbox",
    applicationId: application_id,
    instanceId: development.instance_id,
    environment: "development",
    keys: { publishableKey: development.publishable_key, secretKey: development.secret_key },
    apiUrl,
  };
}

/**
 * `--app`, else the linked application (or CLERK_APP / the profile's), else on a terminal a pick
 * from the logged-in account's; with no Clerk credentials at all (or --accountless), the sandbox.
 */
export async function resolveTarget(
  globals: GlobalOptions,
  options: { accountless: boolean; login: boolean },
): Promise<InitTarget> {
  if (options.accountless) return sandboxTarget(globals.dryRun);
  let settings = await resolveSettings(globals);
  const platform = await createPlatformTransport(settings, commonTransportOptions(globals, abortSignal()));
  if (!platform) {
    if (options.login) {
      throw new UsageError(
        "--login links a real application, and you are not logged in.",
        "Run `clerk auth login` (or set CLERK_PLATFORM_API_KEY) first, then `clerk init --login`.",
      );
    }
    if (settings.app || settings.secretKey) {
      throw new RuntimeError(
        "clerk init reads the application's keys from the Platform API, and no Platform access is configured.",
        "Run `clerk auth login` (or set CLERK_PLATFORM_API_KEY); or `clerk init --accountless` for the local sandbox.",
        "platform_access_missing",
      );
    }
    return sandboxTarget(globals.dryRun);
  }
  let picked: ProjectLink | undefined;
  if (!settings.app) {
    if (!interactive()) return { kind: "unchosen" };
    picked = await pickFromAccount(platform, settings);
    settings = { ...settings, app: picked.app, instance: picked.instance };
  }
  const keys = await fetchInstanceSecretKey(platform, settings);
  if (!keys.publishableKey) {
    throw new RuntimeError(`The Platform API returned no publishable key for ${keys.instanceId}.`);
  }
  return {
    kind: "application",
    applicationId: keys.applicationId,
    instanceId: keys.instanceId,
    environment: keys.environment,
    keys: { publishableKey: keys.publishableKey, secretKey: keys.secretKey },
    link: picked ?? { app: keys.applicationId, instance: settings.instance },
  };
}
