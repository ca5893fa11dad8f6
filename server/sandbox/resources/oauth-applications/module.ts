import type { SandboxModule } from "../../core/module";
import { oauthApplicationControls } from "./controls";
import { oauthApplicationRoutes } from "./routes";
import { oauthApplicationTables } from "./tables";

/**
 * OAuth applications: clients of the instance acting as an identity provider. A test control
 * stands in for the Frontend API's consent and token endpoints.
 */
export const oauthApplicationsModule: SandboxModule = {
  name: "oauth-applications",
  surface: "backend",
  tables: oauthApplicationTables,
  routes: oauthApplicationRoutes,
  controls: oauthApplicationControls,
};
