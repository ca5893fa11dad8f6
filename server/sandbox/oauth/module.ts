import type { SandboxModule } from "../core/module";
import { oauthRoutes } from "./routes";
import { oauthTables } from "./tables";

/**
 * The sandbox's OAuth 2.0 authorization server (authorization code + PKCE, loopback redirects,
 * refresh rotation, revocation). Its access tokens authorize the Platform API. Token tables
 * live in `tokens.ts`, created with tenancy because Platform API authentication reads them.
 */
export const oauthModule: SandboxModule = {
  name: "oauth",
  surface: "root",
  tables: oauthTables,
  routes: oauthRoutes,
};
