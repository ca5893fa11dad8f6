import { z } from "zod";
import { apiPath } from "../../shared/actions/view";
import { ClerkApiError } from "../../shared/clerk/errors";
import { type HttpSend, sendHttp } from "../../shared/clerk/http";
import { ClerkTransport, type TransportOptions } from "../../shared/clerk/transport";
import type { Settings } from "../config/resolve";
import { RuntimeError, UsageError } from "../errors";
import { getPlatformAccessToken, loginExpired, matchesServer, storedLogin } from "./tokens";

export type PlatformAccess = { kind: "key" } | { kind: "oauth" };

/** How the Platform API can be called: the platform key wins over a login. Undefined: neither. */
export async function platformAccess(settings: Settings): Promise<PlatformAccess | undefined> {
  if (settings.platformApiKey) return { kind: "key" };
  const login = await storedLogin(settings);
  return login && matchesServer(login, settings) ? { kind: "oauth" } : undefined;
}

/**
 * A 401 on an OAuth token may mean it expired early (clock skew, a server-side revocation of
 * the access token only): refresh once and send the request again with the new token.
 */
function refreshingSend(settings: Settings, base: HttpSend = sendHttp): HttpSend {
  return async (request) => {
    const response = await base(request);
    if (response.status !== 401) return response;
    const sent = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
    if (!sent) return response;
    const renewed = await getPlatformAccessToken(settings, { rejected: sent });
    if (!renewed || renewed === sent) return response;
    return base({ ...request, headers: { ...request.headers, authorization: `Bearer ${renewed}` } });
  };
}

/** The Platform API transport (`<platform_api_url>/v1/platform`), or undefined when there is no access. */
export async function createPlatformTransport(
  settings: Settings,
  common: Omit<TransportOptions, "baseUrl" | "token">,
): Promise<ClerkTransport | undefined> {
  const baseUrl = `${settings.platformApiUrl}/v1/platform`;
  const key = settings.platformApiKey;
  if (key) return new ClerkTransport({ ...common, baseUrl, token: () => key });
  const access = await platformAccess(settings);
  if (!access) return undefined;
  return new ClerkTransport({
    ...common,
    baseUrl,
    token: async () => {
      const token = await getPlatformAccessToken(settings);
      if (!token) throw loginExpired(settings.profile, "is gone from the credential store");
      return token;
    },
    send: refreshingSend(settings, common.send),
  });
}

const instanceSchema = z.object({
  instance_id: z.string(),
  environment_type: z.string(),
  secret_key: z.string().optional(),
  publishable_key: z.string().optional(),
});
const applicationSchema = z.object({
  application_id: z.string(),
  name: z.string().optional(),
  instances: z.array(instanceSchema).default([]),
});
const applicationListSchema = z.union([
  z.array(applicationSchema),
  z.object({ data: z.array(applicationSchema) }).transform((page) => page.data),
]);

export interface InstanceKey {
  secretKey: string;
  publishableKey?: string;
  applicationId: string;
  instanceId: string;
  environment: string;
}

/**
 * The application to work on: `--app` (or the `app` setting), else the account's only one.
 * Several applications without a choice is a usage error naming them.
 */
export async function chooseApplication(platform: ClerkTransport, settings: Settings): Promise<string> {
  if (settings.app) return settings.app;
  const { body } = await platform.request({ method: "GET", path: "/applications" }, applicationListSchema);
  if (body.length === 1) return (body[0] as { application_id: string }).application_id;
  if (body.length === 0) {
    throw new RuntimeError(
      "Your Clerk account has no applications, so there is no secret key to use.",
      "Create an application in the Clerk Dashboard, or set CLERK_SECRET_KEY.",
      "no_application",
    );
  }
  const names = body.slice(0, 5).map((app) => `${app.application_id}${app.name ? ` (${app.name})` : ""}`);
  throw new UsageError(
    `Your Clerk account has ${body.length} applications; choose one.`,
    `Pass --app <id> or set it with \`clerk config set app <id>\`: ${names.join(", ")}${body.length > 5 ? ", …" : ""}.`,
  );
}

/**
 * Fetches the secret key of the target instance from the Platform API
 * (`GET /applications/{id}?include_secret_keys=true`). The key is kept in memory only.
 */
export async function fetchInstanceSecretKey(platform: ClerkTransport, settings: Settings): Promise<InstanceKey> {
  const applicationId = await chooseApplication(platform, settings);
  let app: z.infer<typeof applicationSchema>;
  try {
    ({ body: app } = await platform.request(
      {
        method: "GET",
        path: apiPath("applications", applicationId),
        query: { include_secret_keys: true },
      },
      applicationSchema,
    ));
  } catch (error) {
    if (error instanceof ClerkApiError && error.status === 404) {
      throw new UsageError(
        `Application ${applicationId} (from ${settings.origins.app?.detail ?? "--app"}) is not in your Clerk account.`,
        "Check the id: `clerk apps list` shows your applications.",
      );
    }
    throw error;
  }
  const wanted = settings.instance;
  const instance = app.instances.find((candidate) =>
    wanted.startsWith("ins_") ? candidate.instance_id === wanted : candidate.environment_type === wanted,
  );
  if (!instance) {
    throw new UsageError(
      `Application ${applicationId} has no ${wanted.startsWith("ins_") ? `instance ${wanted}` : `${wanted} instance`}.`,
      `Pass --instance with one of: ${app.instances.map((i) => `${i.environment_type} (${i.instance_id})`).join(", ") || "none"}.`,
    );
  }
  if (!instance.secret_key) {
    throw new RuntimeError(
      `The Platform API returned no secret key for ${instance.instance_id}.`,
      "Your login may lack access to the application's keys: set CLERK_SECRET_KEY instead.",
      "no_secret_key",
    );
  }
  return {
    secretKey: instance.secret_key,
    ...(instance.publishable_key ? { publishableKey: instance.publishable_key } : {}),
    applicationId,
    instanceId: instance.instance_id,
    environment: instance.environment_type,
  };
}
