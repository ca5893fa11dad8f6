import { OAuthError } from "./errors";

/** The scopes the sandbox grants, with the wording the consent page uses for each. */
export const SUPPORTED_SCOPES: Readonly<Record<string, string>> = {
  openid: "Confirm that it is you",
  profile: "See your name",
  email: "See your email address",
  "applications:manage": "Create, change and delete your sandbox applications and their instances",
};

export const DEFAULT_SCOPE = "openid profile email applications:manage";

/** Splits a `scope` parameter (RFC 6749 §3.3: space-delimited, order irrelevant), without repeats. */
export function splitScope(scope: string): string[] {
  return [...new Set(scope.split(" ").filter((part) => part !== ""))];
}

/** The scopes an authorization request asks for; the default when it names none. */
export function requestedScopes(scope: string | undefined): string[] {
  const scopes = splitScope(scope ?? DEFAULT_SCOPE);
  const unknown = scopes.filter((name) => !Object.hasOwn(SUPPORTED_SCOPES, name));
  if (unknown.length > 0) throw new OAuthError("invalid_scope", `Unknown scope: ${unknown.join(", ")}.`);
  return scopes.length > 0 ? scopes : splitScope(DEFAULT_SCOPE);
}
