import type { SandboxModule } from "../../core/module";
import { sessionTables } from "./tables";

export const sessionsModule: SandboxModule = {
  name: "sessions",
  surface: "backend",
  tables: sessionTables,
  routes() {},
};
