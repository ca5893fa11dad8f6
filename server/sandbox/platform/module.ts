import type { SandboxModule } from "../core/module";

export const platformModule: SandboxModule = {
  name: "platform",
  surface: "platform",
  tables: [],
  routes() {},
};
