import type { SandboxModule } from "../core/module";

export const oauthModule: SandboxModule = {
  name: "oauth",
  surface: "root",
  tables: [],
  routes() {},
};
