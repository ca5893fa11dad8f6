/** The Clerk CLI's client id: a public client (no secret) using PKCE and a loopback redirect. */
export const CLI_CLIENT_ID = "clerk_cli_sandbox";

/** An OAuth client the sandbox knows. All are public: they prove themselves with PKCE. */
export interface OAuthClient {
  id: string;
  /** Shown on the consent page. */
  name: string;
  /** Whether `redirectUri` may receive this client's authorization responses. */
  acceptsRedirect(redirectUri: string): boolean;
}

const LOOPBACK_HOSTNAMES = new Set(["127.0.0.1", "[::1]", "localhost"]);

/**
 * RFC 8252 §7.3: native apps listen on a loopback port chosen at run time, so any port is
 * accepted, but only plain-http loopback URLs without credentials or a fragment.
 */
export function isLoopbackRedirect(redirectUri: string): boolean {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return false;
  }
  return (
    url.protocol === "http:" &&
    LOOPBACK_HOSTNAMES.has(url.hostname) &&
    url.username === "" &&
    url.password === "" &&
    !redirectUri.includes("#")
  );
}

/** Built into the sandbox rather than stored, so resetting the data never unregisters them. */
const CLIENTS: ReadonlyMap<string, OAuthClient> = new Map([
  [CLI_CLIENT_ID, { id: CLI_CLIENT_ID, name: "Clerk CLI", acceptsRedirect: isLoopbackRedirect }],
]);

/** A client id as OAuth clients spell them (RFC 6749 VSCHAR, kept to URL-safe characters). */
const CLIENT_ID = /^[A-Za-z0-9._~-]{1,128}$/;

/**
 * The client a request names. Besides the built-in ones, any well-formed id is accepted as a
 * public client (another CLI's, e.g. the official one's, or your own), with the same limits:
 * PKCE S256 and loopback redirects only, so an unregistered id can neither skip proof nor send
 * the browser anywhere but this machine. Its consent page names it by its id.
 */
export function findClient(clientId: string | undefined): OAuthClient | undefined {
  if (clientId === undefined) return undefined;
  const known = CLIENTS.get(clientId);
  if (known) return known;
  if (!CLIENT_ID.test(clientId)) return undefined;
  return { id: clientId, name: `OAuth client "${clientId}"`, acceptsRedirect: isLoopbackRedirect };
}
