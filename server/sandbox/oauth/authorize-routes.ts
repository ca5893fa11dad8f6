import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { browserRefusal } from "../core/browser-guard";
import type { SandboxContext } from "../core/context";
import { SANDBOX_ACCOUNT } from "./account";
import {
  type AuthorizationRequest,
  resolveRedirectTarget,
  validateAuthorizationRequest,
} from "./authorization-request";
import { createAuthorizationCode } from "./codes";
import { consumeConsentRequest, createConsentRequest } from "./consent";
import { NO_STORE, OAuthError } from "./errors";
import { issuerOf } from "./metadata";
import { consentPage, errorPage, sendPage } from "./pages";
import { readParams } from "./params";

/** Sends the browser back to the client with the authorization response in the query (RFC 6749 §4.1.2). */
function redirectToClient(
  reply: FastifyReply,
  redirectUri: string,
  params: Record<string, string | undefined>,
): FastifyReply {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return reply.code(302).headers(NO_STORE).header("location", url.href).send();
}

/**
 * CSP `form-action` also governs the redirect after the form posts, so the client's origin
 * must be listed. CSP host sources cannot spell IPv6 literals; `[::1]` falls back to `http:`.
 */
function consentFormAction(redirectUri: string): string {
  const url = new URL(redirectUri);
  return `'self' ${url.hostname.startsWith("[") ? "http:" : url.origin}`;
}

/**
 * The consent page may be navigated to from any site (that is how a client starts sign-in), but
 * its decision only comes from the sandbox's own page: the browser rules of `browser-guard.ts`.
 * The decision stays a form post (it is the consent page's form), so it cannot be JSON-only.
 */
function guardPage(allowNavigation: boolean) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const refusal = browserRefusal(request, allowNavigation);
    if (refusal) return sendPage(reply, refusal.status, errorPage("Request refused", refusal.message));
  };
}

export function authorizeRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/oauth/authorize", { onRequest: guardPage(true) }, async (request, reply) => {
    const params = readParams(request.query);
    const target = resolveRedirectTarget(params);
    if ("problem" in target) return sendPage(reply, 400, errorPage("Invalid authorization request", target.problem));
    let authorization: AuthorizationRequest;
    try {
      authorization = validateAuthorizationRequest(params, target, issuerOf(request));
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      return redirectToClient(reply, target.redirectUri, {
        error: error.code,
        error_description: error.description,
        state: params.values.state,
        iss: issuerOf(request),
      });
    }
    const html = consentPage({
      clientName: target.client.name,
      account: SANDBOX_ACCOUNT,
      scopes: authorization.scope.split(" "),
      redirectUri: target.redirectUri,
      transactionId: createConsentRequest(sb, authorization),
    });
    return sendPage(reply, 200, html, consentFormAction(target.redirectUri));
  });

  app.post("/oauth/authorize/decision", { onRequest: guardPage(false) }, async (request, reply) => {
    const { values } = readParams(request.body);
    if (values.decision !== "approve" && values.decision !== "deny") {
      return sendPage(reply, 400, errorPage("Invalid decision", "Choose Approve or Deny on the consent page."));
    }
    const authorization = values.transaction_id ? consumeConsentRequest(sb, values.transaction_id) : undefined;
    if (!authorization) {
      return sendPage(
        reply,
        400,
        errorPage("Authorization request expired", "This consent page has expired or was already answered."),
      );
    }
    const response =
      values.decision === "approve"
        ? { code: createAuthorizationCode(sb, authorization, SANDBOX_ACCOUNT.id) }
        : { error: "access_denied", error_description: "The account owner denied the request." };
    return redirectToClient(reply, authorization.redirectUri, {
      ...response,
      state: authorization.state,
      iss: authorization.issuer,
    });
  });
}
