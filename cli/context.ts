import type { ActionContext } from "../shared/actions/action";
import { backendBaseUrl } from "../shared/clerk/target";
import { ClerkTransport, type DebugEvent } from "../shared/clerk/transport";
import { RuntimeError, UsageError } from "./errors";
import type { GlobalOptions } from "./globals";
import { resolveSettings } from "./settings";
import { redactSecrets } from "./settings/keys";
import type { Settings } from "./settings/resolve";

declare const __CLERK_VERSION__: string;

/**
 * `--debug`: one line per request, response and retry on stderr. Bodies are the user's own
 * input, but may carry secrets (a key being stored): anything shaped like one is masked.
 */
function logDebug(event: DebugEvent): void {
  const line =
    event.kind === "request"
      ? `→ ${event.request.method} ${event.request.url}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ""}${
          event.request.body === undefined ? "" : ` ${JSON.stringify(event.request.body)}`
        }`
      : event.kind === "response"
        ? `← ${event.status} ${event.method} ${event.url} ${event.ms} ms${event.traceId ? ` trace ${event.traceId}` : ""}`
        : `↻ retrying ${event.method} ${event.url} in ${event.delayMs} ms (${event.reason})`;
  process.stderr.write(`[debug] ${redactSecrets(line)}\n`);
}

/** The error when nothing gives access to the Backend API; it names every fix. */
export function noSecretKeyError(): RuntimeError {
  return new RuntimeError(
    "No Clerk secret key is configured.",
    "Run `clerk auth login` (and pick the application with --app) or set CLERK_SECRET_KEY " +
      "(or store one: `clerk config set secret_key sk_…`).",
    "no_secret_key",
  );
}

async function askForSecretKey(): Promise<string | undefined> {
  const { promptSecret } = await import("./prompt-secret");
  const key = await promptSecret(
    "No Clerk secret key is configured. Secret key (sk_…, not shown; used for this run only): ",
  );
  if (key) {
    process.stderr.write(
      "To keep it: `clerk config set secret_key -` (reads it from stdin), or set CLERK_SECRET_KEY.\n",
    );
  }
  return key;
}

/** What every transport of a command shares: Ctrl-C, the user agent, `--debug` logging. */
export function commonTransportOptions(globals: GlobalOptions, signal: AbortSignal) {
  return {
    signal,
    userAgent: `clerk-cli/${__CLERK_VERSION__}`,
    ...(globals.debug ? { onDebug: logDebug } : {}),
  };
}

/**
 * A secret key names its instance's environment (`sk_test_` development, `sk_live_` production).
 * An instance chosen on purpose (`--instance prod`, CLERK_INSTANCE, the profile) that the key
 * contradicts would silently act on the other instance: refuse instead.
 */
function keyContradictsInstance(settings: Settings, secretKey: string): UsageError | undefined {
  const origin = settings.origins.instance;
  if (!origin || origin.source === "default") return undefined;
  const keyEnvironment = secretKey.startsWith("sk_live_")
    ? "production"
    : secretKey.startsWith("sk_test_")
      ? "development"
      : undefined;
  if (!keyEnvironment || !["development", "production"].includes(settings.instance)) return undefined;
  if (keyEnvironment === settings.instance) return undefined;
  const keyOrigin = settings.origins.secret_key?.detail ?? "the secret key";
  return new UsageError(
    `${origin.detail} asks for the ${settings.instance} instance, but the secret key from ${keyOrigin} is a ${keyEnvironment} key.`,
    `Use the ${settings.instance} instance's secret key, or leave ${origin.detail} out to work on ${keyEnvironment}.`,
  );
}

/**
 * Builds what an action runs with from the resolved settings: transports carrying the
 * credentials, aborted on Ctrl-C, in dry-run mode when asked.
 *
 * The backend uses the resolved secret key. Without one, a Platform API login (or key) and a
 * known application are enough: the target instance's secret key is fetched from the Platform
 * API on first use and kept in memory only.
 */
export async function createActionContext(
  globals: GlobalOptions,
  options: {
    signal: AbortSignal;
    dryRun: "mutations" | "all" | false;
    /** The action calls only the Backend API: with a secret key, no Platform access is looked up. */
    backendOnly?: boolean;
    /** `--secret-key`: wins over every configured key. */
    secretKey?: string;
  },
): Promise<ActionContext> {
  const resolved = await resolveSettings(globals);
  const settings: Settings = options.secretKey
    ? {
        ...resolved,
        secretKey: options.secretKey,
        origins: { ...resolved.origins, secret_key: { source: "flag", detail: "--secret-key" } },
      }
    : resolved;
  const common = commonTransportOptions(globals, options.signal);
  const dryRun = options.dryRun ? { dryRun: options.dryRun } : {};
  // Finding a login means reading the credential store: skipped when nothing would use it.
  const auth = options.backendOnly && settings.secretKey ? undefined : await import("./auth/platform");
  const platform = await auth?.createPlatformTransport(settings, { ...common, ...dryRun });
  // Looking up the key is not the action's request: it runs even in a dry run of mutations.
  const lookup = platform && !settings.secretKey ? await auth?.createPlatformTransport(settings, common) : undefined;
  const lookUpKey = auth && lookup ? () => auth.fetchInstanceSecretKey(lookup, settings) : undefined;
  let fetched: Promise<string> | undefined;
  // Nothing gives a key for the Backend API: on a terminal (human mode), ask for one, for this run
  // only, as the Go CLI does.
  const secretKey =
    settings.secretKey ??
    (options.backendOnly && !lookUpKey && options.dryRun !== "all" ? await askForSecretKey() : undefined);
  // Checked when the Backend API is first used: Platform API actions do not use the key.
  const contradiction = secretKey ? keyContradictsInstance(settings, secretKey) : undefined;
  const backend = new ClerkTransport({
    ...common,
    ...dryRun,
    baseUrl: backendBaseUrl(settings.apiUrl),
    token: () => {
      if (contradiction) throw contradiction;
      if (secretKey) return secretKey;
      if (!lookUpKey) throw noSecretKeyError();
      // A dry run that sends nothing needs no real key (the preview hides it anyway).
      if (options.dryRun === "all") return "sk_from_platform_api";
      fetched ??= lookUpKey().then((key) => key.secretKey);
      return fetched;
    },
  });
  return {
    backend,
    ...(platform ? { platform } : {}),
    target: { instance: settings.instance, ...(settings.app ? { applicationId: settings.app } : {}) },
    now: () => Date.now(),
    signal: options.signal,
  };
}
