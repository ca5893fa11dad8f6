import type { SandboxModule } from "../../core/module";
import { domainControls } from "./controls";
import { domainRoutes } from "./routes";
import { domainTables } from "./tables";

export const domainsModule: SandboxModule = {
  name: "domains",
  surface: "backend",
  tables: domainTables,
  routes: domainRoutes,
  controls: domainControls,
};
