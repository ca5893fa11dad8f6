import type { ActionContext } from "../shared/actions/action";
import { ClerkTransport, type DebugEvent } from "../shared/clerk/transport";
import { RuntimeError } from "./errors";
import type { GlobalOptions } from "./globals";
import { resolveSettings } from "./settings";

declare const __CLERK_VERSION__: string;

function debugLogger(enabled: boolean): ((event: DebugEvent) => void) | undefined {
  if (!enabled) return undefined;
  return (event) => {
    const line =
      event.kind === "request"
        ? `→ ${event.request.method} ${event.request.url}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ""}${
            event.request.body === undefined ? "" : ` ${JSON.stringify(event.request.body)}`
          }`
        : event.kind === "response"
          ? `← ${event.status} ${event.method} ${event.url} ${event.ms} ms${event.traceId ? ` trace ${event.traceId}` : ""}`
          : `↻ retrying ${event.method} ${event.url} in ${event.delayMs} ms (${event.reason})`;
    process.stderr.write(`[debug] ${line}\n`);
  };
}

/**
 * Builds what an action runs with from the resolved settings: transports carrying the
 * credentials, aborted on Ctrl-C, in dry-run mode when asked.
 */
export async function createActionContext(
  globals: GlobalOptions,
  options: { signal: AbortSignal; dryRun: "mutations" | "all" | false },
): Promise<ActionContext> {
  const settings = await resolveSettings(globals);
  const common = {
    signal: options.signal,
    userAgent: `clerk-cli/${__CLERK_VERSION__}`,
    ...(options.dryRun ? { dryRun: options.dryRun } : {}),
    ...(globals.debug ? { onDebug: debugLogger(true) } : {}),
  };
  const secretKey = settings.secretKey;
  const backend = new ClerkTransport({
    ...common,
    baseUrl: `${settings.apiUrl}/v1`,
    token: () => {
      if (!secretKey) {
        throw new RuntimeError(
          "No Clerk secret key is configured.",
          "Set CLERK_SECRET_KEY, add it to a profile (`clerk config set secret_key …`), or log in with `clerk auth login`.",
        );
      }
      return secretKey;
    },
  });
  const platformToken = settings.platformApiKey;
  const platform = platformToken
    ? new ClerkTransport({ ...common, baseUrl: `${settings.platformApiUrl}/v1/platform`, token: () => platformToken })
    : undefined;
  return {
    backend,
    ...(platform ? { platform } : {}),
    target: { instance: settings.instance ?? "development", ...(settings.app ? { applicationId: settings.app } : {}) },
    now: () => Date.now(),
    signal: options.signal,
  };
}
