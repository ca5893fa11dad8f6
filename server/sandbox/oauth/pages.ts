import type { FastifyReply } from "fastify";
import type { SandboxAccount } from "./account";
import { SUPPORTED_SCOPES } from "./scopes";

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] as string,
  );
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
  main { max-width: 28rem; margin: 1.5rem; padding: 1.75rem; border: 1px solid #8884; border-radius: 12px; }
  .eyebrow { margin: 0; font-size: .8rem; letter-spacing: .06em; text-transform: uppercase; opacity: .7; }
  h1 { font-size: 1.3rem; line-height: 1.35; margin: .4rem 0 1rem; }
  ul { padding-left: 1.2rem; } li { margin: .35rem 0; }
  code { font-size: .85em; word-break: break-all; }
  .muted { font-size: .85rem; opacity: .75; }
  .actions { display: flex; gap: .75rem; justify-content: flex-end; margin-top: 1.5rem; }
  button { font: inherit; padding: .55rem 1.2rem; border-radius: 8px; border: 1px solid #8886; cursor: pointer; }
  button[value="approve"] { background: #6c47ff; border-color: #6c47ff; color: #fff; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Clerk sandbox</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="eyebrow">Clerk sandbox</p>
${body}
</main>
</body>
</html>
`;
}

/**
 * Self-contained pages: no scripts, no external assets, never framed (clickjacking a consent
 * button would grant access). `formAction` lists where the page's form may lead; browsers
 * also apply it to the redirect that follows the submission.
 */
export function sendPage(reply: FastifyReply, status: number, html: string, formAction = "'none'"): FastifyReply {
  return reply
    .code(status)
    .headers({
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      // Not no-referrer: that would blank the Origin header the decision endpoint checks.
      "referrer-policy": "same-origin",
      "cache-control": "no-store",
    })
    .send(html);
}

/** Explains a request that cannot go back to the client (bad client, redirect URI or consent id). */
export function errorPage(title: string, problem: string): string {
  return layout(
    title,
    `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(problem)}</p>
<p class="muted">Nothing was shared. Start the sign-in again from the application that sent you here.</p>`,
  );
}

export interface ConsentPageInput {
  clientName: string;
  account: SandboxAccount;
  scopes: readonly string[];
  redirectUri: string;
  /** Posted back as `transaction_id`; the decision is the pressed button's `decision` value. */
  transactionId: string;
}

export function consentPage(input: ConsentPageInput): string {
  const scopes = input.scopes
    .map((scope) => `<li>${escapeHtml(SUPPORTED_SCOPES[scope] ?? scope)} <code>${escapeHtml(scope)}</code></li>`)
    .join("\n");
  return layout(
    `Authorize ${input.clientName}`,
    `<h1><strong>${escapeHtml(input.clientName)}</strong> wants to access your sandbox account</h1>
<p>Signed in as <strong>${escapeHtml(input.account.name)}</strong> (${escapeHtml(input.account.email)}).</p>
<p>It asks to:</p>
<ul>
${scopes}
</ul>
<p class="muted">Your answer goes to <code>${escapeHtml(input.redirectUri)}</code>.</p>
<form method="post" action="/oauth/authorize/decision">
<input type="hidden" name="transaction_id" value="${escapeHtml(input.transactionId)}">
<div class="actions">
<button type="submit" name="decision" value="deny">Deny</button>
<button type="submit" name="decision" value="approve">Approve</button>
</div>
</form>`,
  );
}
