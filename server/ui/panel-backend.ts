import { z } from "zod";
import type { ActionContext } from "../../shared/actions/action";
import { ActionError } from "../../shared/actions/errors";
import type { AiAccess } from "../../shared/ai/types";
import {
  backendBaseUrl,
  type Environment,
  fetchApplication,
  findInstance,
  listApplications,
  normalizeInstance,
} from "../../shared/clerk/target";
import { ClerkTransport } from "../../shared/clerk/transport";
import type { PanelTarget } from "../../shared/panel-info";
import type { PanelBackend } from "./backend";

export interface PanelCredentials {
  /** Backend API origin, e.g. `https://api.clerk.com` or the sandbox's URL. */
  apiUrl: string;
  platformApiUrl: string;
  sandbox: boolean;
  /** A configured secret key: used as is when no Platform access is available. */
  secretKey?: string;
  /** A Platform API bearer (platform key or a fresh OAuth access token), when available. */
  platformToken(): Promise<string | undefined>;
  /** Preferred application and instance (from flags or the profile). */
  application?: string;
  instance?: string;
  /** The AI model and MCP tools for writing Protect rules from words (its keys stay server-side). */
  ai?: AiAccess;
  userAgent: string;
}

const instanceInfo = z.looseObject({ id: z.string(), environment_type: z.enum(["development", "production"]) });

/**
 * The panel's link to Clerk: keeps the chosen app/instance and builds action contexts whose
 * transports carry the credentials. Secret keys are fetched server-side (Platform API,
 * `include_secret_keys`) and kept in memory; only ids and names go to the browser.
 */
export function createPanelBackend(credentials: PanelCredentials): PanelBackend {
  const secretKeys = new Map<string, string>();
  let lastPlatformToken: string | undefined;
  let target: { application?: string; instance?: string } = {
    ...(credentials.application ? { application: credentials.application } : {}),
    ...(credentials.instance ? { instance: credentials.instance } : {}),
  };

  const transport = (baseUrl: string, token: () => Promise<string>, signal?: AbortSignal) =>
    new ClerkTransport({ baseUrl, token, userAgent: credentials.userAgent, ...(signal ? { signal } : {}) });

  async function platform(signal?: AbortSignal): Promise<ClerkTransport | undefined> {
    const token = await credentials.platformToken();
    if (!token) return undefined;
    lastPlatformToken = token;
    return transport(
      `${credentials.platformApiUrl}/v1/platform`,
      async () => (await credentials.platformToken()) ?? token,
      signal,
    );
  }

  type Resolution = Awaited<ReturnType<typeof resolveTarget>>;
  /**
   * The last resolution of the target, reused by action contexts so an action costs no extra
   * Platform API round trip. info() (the panel's header, on every load) and setTarget() refresh it.
   */
  let resolved: Promise<Resolution> | undefined;

  /** Resolves the target to concrete ids, defaulting to the first app's development instance. */
  async function resolveTarget() {
    const api = await platform();
    if (!api) return { apps: undefined, app: undefined, instance: undefined };
    const apps = await listApplications(api);
    const app = apps.find((a) => a.application_id === target.application) ?? apps[0];
    const instance =
      (app && target.instance ? findInstance(app, target.instance) : undefined) ??
      (app ? findInstance(app, "development") : undefined) ??
      app?.instances[0];
    return { apps, app, instance };
  }

  function refreshTarget(): Promise<Resolution> {
    const attempt = resolveTarget();
    resolved = attempt;
    // A failed resolution (Clerk unreachable, an aborted request) is not kept.
    attempt.catch(() => {
      if (resolved === attempt) resolved = undefined;
    });
    return attempt;
  }

  // Shared by concurrent actions, so not tied to (and aborted with) any one request.
  const currentTarget = () => resolved ?? refreshTarget();

  /** The flags the CLI needs to act on the same target as the panel (its defaults are the credentials'). */
  function cliFlags(appId: string, instance: { instance_id: string; environment_type: Environment }, appCount: number) {
    const defaultApp = credentials.application ? appId === credentials.application : appCount === 1;
    const wanted = normalizeInstance(credentials.instance ?? "development");
    const defaultInstance = wanted === instance.instance_id || wanted === instance.environment_type;
    return [
      ...(defaultApp ? [] : ["--app", appId]),
      ...(defaultInstance ? [] : ["--instance", instance.environment_type]),
    ];
  }

  async function secretKeyFor(applicationId: string, instanceId: string, signal?: AbortSignal): Promise<string> {
    const cached = secretKeys.get(instanceId);
    if (cached) return cached;
    const api = await platform(signal);
    if (!api) throw new Error("No Platform API access to fetch the instance's secret key.");
    const app = await fetchApplication(api, applicationId, { secretKeys: true });
    for (const instance of app.instances)
      if (instance.secret_key) secretKeys.set(instance.instance_id, instance.secret_key);
    const key = secretKeys.get(instanceId);
    if (!key) throw new Error(`No secret key for instance ${instanceId}.`);
    return key;
  }

  async function backendKey({ app, instance }: Resolution, signal?: AbortSignal): Promise<string> {
    if (app && instance) return secretKeyFor(app.application_id, instance.instance_id, signal);
    if (credentials.secretKey) return credentials.secretKey;
    throw new Error("No Clerk credentials: log in with Clerk, or configure a secret key.");
  }

  return {
    async info(): Promise<PanelTarget> {
      const { apps, app, instance } = await refreshTarget();
      const host = new URL(credentials.apiUrl).host;
      if (apps && app && instance) {
        return {
          api_host: host,
          sandbox: credentials.sandbox,
          application: { id: app.application_id, name: app.name },
          instance: { id: instance.instance_id, environment_type: instance.environment_type },
          applications: apps.map((a) => ({
            id: a.application_id,
            name: a.name,
            instances: a.instances.map((i) => ({ id: i.instance_id, environment_type: i.environment_type })),
          })),
          cli_flags: cliFlags(app.application_id, instance, apps.length),
        };
      }
      // Only a secret key: the instance tells us who it is.
      let self: { id: string; environment_type: Environment } | null = null;
      if (credentials.secretKey) {
        const key = credentials.secretKey;
        const api = transport(backendBaseUrl(credentials.apiUrl), async () => key);
        self = (await api.request({ method: "GET", path: "/instance" }, instanceInfo)).body;
      }
      return {
        api_host: host,
        sandbox: credentials.sandbox,
        application: null,
        instance: self,
        applications: [],
        cli_flags: [],
      };
    },

    async context(signal): Promise<ActionContext> {
      const resolution = await currentTarget();
      const key = await backendKey(resolution, signal);
      const platformTransport = await platform(signal);
      const { app, instance } = resolution;
      return {
        backend: transport(backendBaseUrl(credentials.apiUrl), async () => key, signal),
        ...(platformTransport ? { platform: platformTransport } : {}),
        target: {
          instance: instance?.instance_id ?? "development",
          ...(app ? { applicationId: app.application_id } : {}),
        },
        now: () => Date.now(),
        signal,
        ...(credentials.ai ? { ai: credentials.ai } : {}),
      };
    },

    async setTarget(applicationId, instance) {
      const previous = target;
      target = { application: applicationId, instance };
      const { app, instance: chosen } = await refreshTarget();
      if (app?.application_id !== applicationId || !chosen || chosen !== findInstance(app, instance)) {
        // Keep working on what was chosen before.
        target = previous;
        void refreshTarget().catch(() => undefined);
        throw new ActionError(
          `Unknown application or instance: ${applicationId} / ${instance}`,
          "Pick one of the applications and instances `GET /api/info` lists.",
          "target_not_found",
        );
      }
    },

    secrets() {
      return [
        ...secretKeys.values(),
        ...(credentials.secretKey ? [credentials.secretKey] : []),
        ...(lastPlatformToken ? [lastPlatformToken] : []),
        ...(credentials.ai?.secrets?.() ?? []),
      ];
    },
  };
}
