import { fileURLToPath } from "node:url";
import type { PanelBackend } from "../../server/ui/backend";
import type { PanelCredentials } from "../../server/ui/panel-backend";
import type { AiAccess } from "../../shared/ai/types";
import { platformAccess } from "../auth/platform";
import { getPlatformAccessToken } from "../auth/tokens";
import { RuntimeError } from "../errors";
import type { GlobalOptions } from "../globals";
import { colorsFor } from "../output";
import { parsePort } from "../port";
import { cliAiAccess } from "../protect/ai-access";
import { resolveSettings } from "../settings";
import type { Settings } from "../settings/resolve";
import { onShutdown } from "../shutdown";
import { mintLaunchUrl, openBrowser } from "./launch";
import { newControlToken, prepareUiStateDir, readUiState, removeUiState, writeUiState } from "./state-file";

declare const __CLERK_VERSION__: string;

export interface UiOptions {
  port?: string;
  open: boolean;
  sandbox: boolean;
  data?: string;
  reopen: boolean;
  path?: string;
}

/** The default panel port, next to the sandbox's 2575. */
export const DEFAULT_UI_PORT = 2576;

const STATIC_DIR = fileURLToPath(new URL("../web/", import.meta.url));

/** `clerk ui --reopen`: asks the running panel for a fresh single-use link. */
async function reopen(options: UiOptions, json: boolean): Promise<void> {
  const state = readUiState();
  if (!state) throw new RuntimeError("No `clerk ui` is running for this user.", "Start one with `clerk ui`.");
  const launch_url = await mintLaunchUrl(state, options.path ?? "/");
  if (json) process.stdout.write(`${JSON.stringify({ launch_url, port: state.port, pid: state.pid })}\n`);
  else process.stdout.write(`${launch_url}\n`);
  if (options.open) await openBrowser(launch_url);
}

/** Whether any Clerk credentials are configured: a key, a platform key or a login. */
export async function hasCredentials(settings: Settings): Promise<boolean> {
  if (settings.secretKey || settings.platformApiKey) return true;
  return (await platformAccess(settings)) !== undefined;
}

/** What the panel works with when credentials are configured: the profile's key, platform key or login. */
export async function configuredCredentials(settings: Settings, ai?: AiAccess): Promise<PanelCredentials> {
  return {
    apiUrl: settings.apiUrl,
    platformApiUrl: settings.platformApiUrl,
    sandbox: false,
    ...(settings.secretKey ? { secretKey: settings.secretKey } : {}),
    platformToken: async () => settings.platformApiKey ?? (await getPlatformAccessToken(settings)),
    ...(settings.app ? { application: settings.app } : {}),
    instance: settings.instance,
    userAgent: `clerk-cli/${__CLERK_VERSION__}`,
    ...(ai ? { ai } : {}),
  };
}

/** Starts the embedded sandbox once, when first needed; it stops with `clerk ui`. */
function embeddedSandbox(options: UiOptions, settings: Settings, ai: AiAccess) {
  let started: Promise<{ backend: PanelBackend; url: string }> | undefined;
  return () => {
    started ??= (async () => {
      const [{ startSandbox }, { defaultSandboxDataDir }, { createPanelBackend }] = await Promise.all([
        import("../../server/sandbox/server"),
        import("../commands/sandbox"),
        import("../../server/ui/panel-backend"),
      ]);
      const sandbox = await startSandbox({
        port: 0,
        dataDir: options.data ?? defaultSandboxDataDir(),
        seed: { users: 24, organizations: 4, demo: true },
      });
      onShutdown(() => sandbox.close());
      const platformKey = sandbox.credentials.platform_api_key;
      const backend = createPanelBackend({
        apiUrl: sandbox.urls.url,
        platformApiUrl: sandbox.urls.url,
        sandbox: true,
        platformToken: async () => platformKey,
        application: sandbox.credentials.application_id,
        instance: settings.instance,
        userAgent: `clerk-cli/${__CLERK_VERSION__}`,
        ai,
      });
      return { backend, url: sandbox.urls.url };
    })();
    return started;
  };
}

export async function runUi(options: UiOptions, globals: GlobalOptions): Promise<void> {
  const json = globals.output === "json";
  if (options.reopen) return reopen(options, json);
  prepareUiStateDir();
  const port = parsePort(options.port, DEFAULT_UI_PORT);
  const settings = await resolveSettings(globals);
  const useSandbox = options.sandbox || !(await hasCredentials(settings));

  // The server code loads only here, so other commands stay fast.
  const [{ createPanelServer }, { createPanelBackend }, { catalog }, { accountBackend }] = await Promise.all([
    import("../../server/ui/app"),
    import("../../server/ui/panel-backend"),
    import("../../shared/actions/catalog"),
    import("./account-backend"),
  ]);

  // The AI model for writing Protect rules from words; its keys stay in this process.
  const ai = cliAiAccess(globals);
  const sandbox = embeddedSandbox(options, settings, ai);
  const backendFor = async (current: Settings): Promise<PanelBackend> =>
    (await hasCredentials(current))
      ? createPanelBackend(await configuredCredentials(current, ai))
      : (await sandbox()).backend;
  const embedded = useSandbox ? await sandbox() : undefined;
  const initial = embedded?.backend ?? createPanelBackend(await configuredCredentials(settings, ai));
  // "Log in with Clerk" is offered unless the sandbox was asked for, or a platform key (which
  // wins over a login) is configured.
  const backend =
    options.sandbox || settings.platformApiKey
      ? initial
      : accountBackend({ settings, initial, resolveSettings: () => resolveSettings(globals), backendFor });

  const controlToken = newControlToken();
  const server = createPanelServer({
    backend,
    catalog,
    staticDir: STATIC_DIR,
    controlToken,
  });
  const listening = await server.listen(port);
  const state = writeUiState(listening, controlToken);
  onShutdown(async () => {
    removeUiState(state);
    await server.close();
  });

  const launch = server.launchUrl(options.path ?? "/");
  if (json) {
    process.stdout.write(
      `${JSON.stringify({
        url: server.origin(),
        launch_url: launch,
        port: listening,
        pid: process.pid,
        sandbox: useSandbox,
        ...(embedded ? { sandbox_url: embedded.url } : {}),
      })}\n`,
    );
  } else {
    const c = colorsFor(process.stdout);
    process.stdout.write(
      [
        `${c.bold("Clerk panel")} at ${c.cyan(server.origin())}`,
        embedded
          ? `${c.yellow("Sandbox:")} ${options.sandbox ? "--sandbox given" : "no Clerk credentials configured"}, so the panel runs on the local sandbox at ${embedded.url}.`
          : `Clerk API: ${settings.apiUrl} (profile "${settings.profile}")`,
        ...(embedded && !options.sandbox ? ["Log in with Clerk in the panel to work on your own applications."] : []),
        "",
        `Open: ${launch}`,
        c.dim("The link works once. Press o for a new one (or run `clerk ui --reopen`), Ctrl-C to stop."),
        "",
      ].join("\n"),
    );
  }
  if (options.open) await openBrowser(launch);
  listenForKeys(() => {
    const fresh = server.launchUrl("/");
    process.stdout.write(`Open: ${fresh}\n`);
    if (options.open) void openBrowser(fresh);
  });
}

/** On a terminal: `o` prints (and opens) a fresh launch link, `q` quits. */
function listenForKeys(reopenLink: () => void): void {
  if (!process.stdin.isTTY) return;
  process.stdin.setRawMode(true);
  process.stdin.resume();
  process.stdin.on("data", (chunk) => {
    const key = chunk.toString();
    if (key === "o") reopenLink();
    else if (key === "q" || key === "\u0003") process.kill(process.pid, "SIGINT");
  });
  onShutdown(() => {
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
  });
}
