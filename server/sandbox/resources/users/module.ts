import type { SandboxModule } from "../../core/module";
import { userRoutes } from "./routes";
import { userTables } from "./tables";

export const usersModule: SandboxModule = {
  name: "users",
  surface: "backend",
  tables: userTables,
  routes: userRoutes,
};
