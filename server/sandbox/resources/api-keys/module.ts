import type { SandboxModule } from "../../core/module";
import { apiKeyRoutes } from "./routes";
import { apiKeyTables } from "./tables";

/** API keys that users, organizations and machines hold. */
export const apiKeysModule: SandboxModule = {
  name: "api-keys",
  surface: "backend",
  tables: apiKeyTables,
  routes: apiKeyRoutes,
};
