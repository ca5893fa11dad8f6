import type { SandboxModule } from "../../core/module";
import { enterpriseConnectionRoutes } from "./routes";
import { samlConnectionRoutes } from "./saml-routes";
import { enterpriseConnectionTables } from "./tables";

/** Enterprise SSO connections, and the deprecated SAML Connections API over the same records. */
export const enterpriseConnectionsModule: SandboxModule = {
  name: "enterprise-connections",
  surface: "backend",
  tables: enterpriseConnectionTables,
  routes(app, sb) {
    enterpriseConnectionRoutes(app, sb);
    samlConnectionRoutes(app, sb);
  },
};
