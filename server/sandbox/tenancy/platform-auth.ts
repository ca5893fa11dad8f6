import type { SandboxContext } from "../core/context";
import { lookupAccessToken } from "../oauth/tokens";
import { isPlatformKey } from "./instances";

/** Who is calling the Platform API: the sandbox's `ak_…` key, or a user's OAuth access token. */
export type PlatformPrincipal =
  | { kind: "platform_key" }
  | { kind: "oauth"; accountId: string; clientId: string; scopes: string[] };

export function authenticatePlatform(sb: SandboxContext, token: string): PlatformPrincipal | undefined {
  if (token.startsWith("ak_")) return isPlatformKey(sb, token) ? { kind: "platform_key" } : undefined;
  const grant = lookupAccessToken(sb, token);
  if (!grant) return undefined;
  return { kind: "oauth", accountId: grant.accountId, clientId: grant.clientId, scopes: grant.scope.split(" ") };
}
