import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../../core/context";
import { errors } from "../../core/errors";
import { queryOf, queryString } from "../../core/http";
import type { SandboxModule } from "../../core/module";
import type { InstanceRecord } from "../../tenancy/instances";

/** A value for an inline script, safe from `</script>`. */
const js = (value: unknown) => JSON.stringify(value ?? null).replace(/</g, "\\u003c");
const attr = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * Clerk's interstitial page: loads clerk.js from the instance's Frontend API so the browser can
 * settle its session, then reloads. The page is public (no secret key): the instance is the one
 * the publishable key or Frontend API host names. In the sandbox clerk.js has no Frontend API
 * to talk to, so the page is what a backend observes, not a working sign-in.
 */
function interstitialRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.get("/v1/public/interstitial", async (request, reply) => {
    const query = queryOf(request);
    const publishableKey = queryString(query, "publishable_key");
    const frontendApi = queryString(query, "frontend_api") ?? queryString(query, "frontendApi");
    if (!publishableKey && !frontendApi) {
      throw errors.paramMissing("publishable_key");
    }
    const instance = sb
      .stmt("SELECT * FROM instances WHERE publishable_key = ? OR frontend_api_host = ?")
      .get(publishableKey ?? null, frontendApi ?? null) as InstanceRecord | undefined;
    if (!instance) throw errors.notFound("Instance");
    const proxyUrl = queryString(query, "proxy_url");
    const domain = queryString(query, "domain");
    const scriptHost = proxyUrl ?? `https://${instance.frontend_api_host}`;
    const html = `<!DOCTYPE html>
<html><head><meta charset="UTF-8" />
<style>@media (prefers-color-scheme: dark) { body { background-color: black; } }</style>
</head><body>
<script>
window.__clerk_frontend_api = ${js(instance.frontend_api_host)};
window.__clerk_publishable_key = ${js(instance.publishable_key)};
window.__clerk_proxy_url = ${js(proxyUrl)};
window.__clerk_domain = ${js(domain)};
window.startClerk = async () => {
  const Clerk = window.Clerk;
  try {
    await Clerk.load({ isSatellite: ${js(Boolean(domain))}, signInUrl: ${js(queryString(query, "sign_in_url"))} });
    if (Clerk.loaded && (Clerk.session || !Clerk.client?.signIn)) window.location.reload();
  } catch (err) {
    console.error("Clerk: ", err);
  }
};
</script>
<script data-clerk-frontend-api="${attr(instance.frontend_api_host)}" data-clerk-publishable-key="${attr(instance.publishable_key)}"
  async src="${attr(scriptHost)}/npm/@clerk/clerk-js@5/dist/clerk.browser.js" crossorigin="anonymous" onload="startClerk()"></script>
</body></html>
`;
    return reply.type("text/html; charset=utf-8").send(html);
  });
}

/** `GET /v1/public/interstitial`, which needs no secret key. */
export const interstitialModule: SandboxModule = {
  name: "interstitial",
  surface: "root",
  tables: [],
  routes: interstitialRoutes,
};
