import type { SandboxModule } from "../../core/module";

export const identifiersModule: SandboxModule = {
  name: "identifiers",
  surface: "backend",
  tables: [],
  routes() {},
};
