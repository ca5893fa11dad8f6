import type { SandboxModule } from "../../core/module";
import { organizationTables } from "./tables";

export const organizationsModule: SandboxModule = {
  name: "organizations",
  surface: "backend",
  tables: organizationTables,
  routes() {},
};
