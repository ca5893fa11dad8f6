import type { SandboxModule } from "../../core/module";
import { templateRoutes } from "./routes";
import { templateTables } from "./tables";

/** Email and SMS templates (deprecated in Clerk's API, still served). */
export const templatesModule: SandboxModule = {
  name: "templates",
  surface: "backend",
  tables: templateTables,
  routes: templateRoutes,
};
