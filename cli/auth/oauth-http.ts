import { z } from "zod";
import { parseBody, sendHttp } from "../../shared/clerk/http";
import { RuntimeError } from "../errors";

/** Every request to the OAuth server gets an answer within this, or fails with a clear error. */
const REQUEST_TIMEOUT_MS = 15_000;

/** RFC 8414 authorization server metadata: the endpoints the CLI needs. */
const metadataSchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  revocation_endpoint: z.string().url().optional(),
  userinfo_endpoint: z.string().url().optional(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
});

export type OAuthServer = z.infer<typeof metadataSchema>;

/** The token endpoint's success body (RFC 6749 §5.1). */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
});

export type TokenResponse = z.infer<typeof tokenResponseSchema>;

const unreachableHint = (base: string) =>
  `Check CLERK_OAUTH_BASE_URL (now ${base}); for the local sandbox set CLERK_OAUTH_BASE_URL to its URL (e.g. http://127.0.0.1:2575) while \`clerk sandbox\` runs.`;

function signalFor(signal?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

/** An answer of the OAuth server: its status and its body, parsed as JSON when it is JSON. */
export interface OAuthAnswer {
  status: number;
  ok: boolean;
  body: unknown;
}

/** A request to the OAuth server; network failures become errors that name the server and the fix. */
export async function oauthRequest(
  url: string,
  request: { method?: string; headers: Record<string, string>; body?: string },
  base: string,
  signal?: AbortSignal,
): Promise<OAuthAnswer> {
  try {
    const response = await sendHttp({ method: "GET", ...request, url, signal: signalFor(signal) });
    return {
      status: response.status,
      ok: response.status >= 200 && response.status < 300,
      body: parseBody(response.text),
    };
  } catch (error) {
    const reason =
      (error as Error).name === "TimeoutError"
        ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
        : error instanceof Error
          ? error.message
          : String(error);
    throw new RuntimeError(
      `Cannot reach the OAuth server at ${new URL(url).origin}: ${reason}`,
      unreachableHint(base),
      "oauth_unreachable",
    );
  }
}

/** Finds the endpoints at `<base>/.well-known/oauth-authorization-server` (OpenID discovery as a fallback). */
export async function discoverServer(base: string, signal?: AbortSignal): Promise<OAuthServer> {
  let last = "";
  for (const path of ["/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"]) {
    const url = `${base}${path}`;
    const response = await oauthRequest(url, { headers: { accept: "application/json" } }, base, signal);
    if (response.status === 404) {
      last = `${url} answered 404`;
      continue;
    }
    const parsed = metadataSchema.safeParse(response.body);
    if (!response.ok || !parsed.success) {
      throw new RuntimeError(
        `${base} does not describe an OAuth server: ${url} answered ${response.status}${response.ok ? " without valid metadata" : ""}.`,
        unreachableHint(base),
        "oauth_discovery_failed",
      );
    }
    const methods = parsed.data.code_challenge_methods_supported;
    if (methods && !methods.includes("S256")) {
      throw new RuntimeError(
        `The OAuth server at ${base} does not support PKCE with S256, which the CLI requires.`,
        unreachableHint(base),
        "oauth_discovery_failed",
      );
    }
    return parsed.data;
  }
  throw new RuntimeError(`${base} is not an OAuth server (${last}).`, unreachableHint(base), "oauth_discovery_failed");
}

/** An error answer of the token or revocation endpoint (RFC 6749 §5.2). */
export class OAuthEndpointError extends RuntimeError {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string | undefined,
    hint: string,
  ) {
    super(`The OAuth server refused: ${error}${description ? ` (${description})` : ""}`, hint, `oauth_${error}`);
  }
}

/** POSTs a form (`application/x-www-form-urlencoded`, as OAuth requires) and returns the JSON answer. */
export async function postForm(
  url: string,
  params: Record<string, string>,
  base: string,
  signal?: AbortSignal,
): Promise<{ status: number; body: unknown }> {
  const { status, body } = await oauthRequest(
    url,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams(params).toString(),
    },
    base,
    signal,
  );
  return { status, body };
}

/** Reads a token endpoint answer: the tokens, or an OAuthEndpointError. */
export function readTokenResponse(status: number, body: unknown, hint: string): TokenResponse {
  if (status >= 200 && status < 300) {
    const parsed = tokenResponseSchema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new RuntimeError("The OAuth server answered without valid tokens.", hint, "oauth_invalid_response");
  }
  const error = body && typeof body === "object" ? (body as { error?: unknown; error_description?: unknown }) : {};
  throw new OAuthEndpointError(
    status,
    typeof error.error === "string" ? error.error : `http_${status}`,
    typeof error.error_description === "string" ? error.error_description : undefined,
    hint,
  );
}
