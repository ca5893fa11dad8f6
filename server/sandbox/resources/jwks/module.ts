import type { SandboxModule } from "../../core/module";

export const jwksModule: SandboxModule = {
  name: "jwks",
  surface: "backend",
  tables: [],
  routes() {},
};
