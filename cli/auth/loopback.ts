import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { RuntimeError } from "../errors";
import { formatDuration } from "./duration";
import { sameSecret } from "./pkce";

const CALLBACK_PATH = "/callback";

function page(title: string, text: string): string {
  const escapeHtml = (s: string) =>
    s.replace(
      /[&<>"']/g,
      (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
    );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Clerk CLI</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;color-scheme:light dark}main{max-width:30rem}</style>
</head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>`;
}

function send(response: ServerResponse, status: number, title: string, text: string, done?: () => void): void {
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    // The page must not leak the code in the Referer of anything it links to (it links nothing).
    "referrer-policy": "no-referrer",
  });
  response.end(page(title, text), done);
}

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>/callback` */
  redirectUri: string;
  /**
   * Resolves with the authorization code of the first callback carrying the right `state`
   * (and issuer, when the server sends `iss`). Callbacks with another state are answered 400
   * and ignored: a stray or forged request must not end the login.
   */
  waitForCode(timeoutMs: number, signal?: AbortSignal): Promise<string>;
  close(): void;
}

/** Listens on a free loopback port for the browser's redirect (RFC 8252 §7.3). */
export async function listenForCallback(state: string, issuer: string): Promise<LoopbackListener> {
  let settle: { resolve(code: string): void; reject(error: Error): void } | undefined;
  let outcome: { code: string } | { error: Error } | undefined;
  const finish = (result: { code: string } | { error: Error }) => {
    if (outcome) return;
    outcome = result;
    if (!settle) return;
    if ("code" in result) settle.resolve(result.code);
    else settle.reject(result.error);
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== CALLBACK_PATH) {
      send(response, 404, "Not found", "This address only receives the Clerk CLI's login response.");
      return;
    }
    if (request.method !== "GET") {
      send(response, 405, "Method not allowed", "The login response arrives as a GET request.");
      return;
    }
    const params = url.searchParams;
    if (outcome || !sameSecret(params.get("state"), state)) {
      process.stderr.write("Ignored a login response that does not belong to this login (wrong state).\n");
      send(
        response,
        400,
        "Not this login",
        "This response does not match the login the Clerk CLI is waiting for, so it was ignored. Finish logging in from the page the CLI opened.",
      );
      return;
    }
    const iss = params.get("iss");
    if (iss !== null && iss !== issuer) {
      // RFC 9207: an answer from another authorization server (mix-up attack) is not ours.
      process.stderr.write(`Ignored a login response from another OAuth server (${iss}).\n`);
      send(response, 400, "Wrong server", "This response comes from another authorization server; it was ignored.");
      return;
    }
    const error = params.get("error");
    if (error) {
      const description = params.get("error_description") ?? "";
      send(
        response,
        200,
        "Login failed",
        `${description || error}. You can close this tab and return to the terminal.`,
        () =>
          finish({
            error: new RuntimeError(
              error === "access_denied"
                ? "The login was denied in the browser."
                : `The OAuth server refused the login: ${error}${description ? ` (${description})` : ""}`,
              "Run `clerk auth login` again and approve the request.",
              `oauth_${error}`,
            ),
          }),
      );
      return;
    }
    const code = params.get("code");
    if (!code) {
      send(response, 400, "No authorization code", "The response carries neither a code nor an error; it was ignored.");
      return;
    }
    send(response, 200, "You are logged in", "The Clerk CLI has your login. You can close this tab.", () =>
      finish({ code }),
    );
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  const close = () => {
    server.close();
    server.closeAllConnections();
  };

  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    close,
    waitForCode(timeoutMs, signal) {
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            finish({
              error: new RuntimeError(
                `Timed out after ${formatDuration(timeoutMs)} waiting for the login to finish in the browser.`,
                "Run `clerk auth login` again and approve it in the browser, or allow more time with --timeout 10m.",
                "login_timeout",
              ),
            }),
          timeoutMs,
        );
        const onAbort = () => finish({ error: new RuntimeError("Login cancelled.", undefined, "aborted") });
        signal?.addEventListener("abort", onAbort, { once: true });
        settle = {
          resolve(code) {
            clearTimeout(timer);
            signal?.removeEventListener("abort", onAbort);
            resolve(code);
          },
          reject(error) {
            clearTimeout(timer);
            signal?.removeEventListener("abort", onAbort);
            reject(error);
          },
        };
        if (outcome) {
          if ("code" in outcome) settle.resolve(outcome.code);
          else settle.reject(outcome.error);
        }
      });
    },
  };
}
