import type { SandboxModule } from "../../core/module";
import { clientRoutes } from "./client-routes";
import { sessionControls } from "./controls";
import { sessionRoutes } from "./routes";
import { sessionTables } from "./tables";

/** Sessions, the clients (devices) they live on, and the session tokens they mint. */
export const sessionsModule: SandboxModule = {
  name: "sessions",
  surface: "backend",
  tables: sessionTables,
  routes(app, sb) {
    sessionRoutes(app, sb);
    clientRoutes(app, sb);
  },
  controls: sessionControls,
};
