import type { SandboxModule } from "../../core/module";
import { instanceRoutes } from "./routes";

export const instanceModule: SandboxModule = {
  name: "instance",
  surface: "backend",
  tables: [],
  routes: instanceRoutes,
};
