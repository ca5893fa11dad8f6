import type { SandboxModule } from "../../core/module";
import { domainControls } from "./controls";
import { proxyCheckRoutes } from "./proxy-checks";
import { domainRoutes } from "./routes";
import { domainTables } from "./tables";

export const domainsModule: SandboxModule = {
  name: "domains",
  surface: "backend",
  tables: domainTables,
  routes(app, sb) {
    domainRoutes(app, sb);
    proxyCheckRoutes(app, sb);
  },
  controls: domainControls,
};
