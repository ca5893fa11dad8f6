import type { SandboxModule } from "../../core/module";
import { redirectUrlRoutes } from "./routes";
import { redirectUrlTables } from "./tables";

/** The instance's allowed redirect URLs. */
export const redirectUrlsModule: SandboxModule = {
  name: "redirect-urls",
  surface: "backend",
  tables: redirectUrlTables,
  routes: redirectUrlRoutes,
};
