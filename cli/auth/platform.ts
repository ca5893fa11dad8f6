import { type HttpSend, sendHttp } from "../../shared/clerk/http";
import { type InstanceKey, resolveInstanceKey, type TargetRequest } from "../../shared/clerk/target";
import { ClerkTransport, type TransportOptions } from "../../shared/clerk/transport";
import type { Settings } from "../settings/resolve";
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

/** What the settings ask for: `--app`/`--instance` (or the environment, profile, project link). */
export function settingsTarget(settings: Settings): TargetRequest {
  return {
    ...(settings.app ? { application: settings.app } : {}),
    applicationOrigin: settings.origins.app?.detail ?? "--app",
    instance: settings.instance,
  };
}

/** The target instance's secret key, fetched from the Platform API and kept in memory only. */
export function fetchInstanceSecretKey(platform: ClerkTransport, settings: Settings): Promise<InstanceKey> {
  return resolveInstanceKey(platform, settingsTarget(settings));
}
