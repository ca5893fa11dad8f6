import type { SandboxModule } from "../../core/module";

export const domainsModule: SandboxModule = {
  name: "domains",
  surface: "backend",
  tables: [],
  routes() {},
};
