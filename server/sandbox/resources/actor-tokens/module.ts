import type { SandboxModule } from "../../core/module";
import { actorTokenControls } from "./controls";
import { actorTokenRoutes } from "./routes";
import { actorTokenTables } from "./tables";

/** Actor tokens for impersonation; a test control accepts them. */
export const actorTokensModule: SandboxModule = {
  name: "actor-tokens",
  surface: "backend",
  tables: actorTokenTables,
  routes: actorTokenRoutes,
  controls: actorTokenControls,
};
