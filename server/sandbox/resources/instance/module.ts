import type { SandboxModule } from "../../core/module";

export const instanceModule: SandboxModule = {
  name: "instance",
  surface: "backend",
  tables: [],
  routes() {},
};
