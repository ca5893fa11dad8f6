import type { SandboxModule } from "../../core/module";
import { directoryRoutes } from "./routes";
import { directoryTables } from "./tables";

/**
 * Directories for SCIM provisioning. The sandbox keeps their configuration and API key; it does
 * not serve the SCIM endpoint the IdP would call.
 */
export const directoriesModule: SandboxModule = {
  name: "directories",
  surface: "backend",
  tables: directoryTables,
  routes: directoryRoutes,
};
