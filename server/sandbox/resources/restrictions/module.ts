import type { SandboxModule } from "../../core/module";

export const restrictionsModule: SandboxModule = {
  name: "restrictions",
  surface: "backend",
  tables: [],
  routes() {},
};
