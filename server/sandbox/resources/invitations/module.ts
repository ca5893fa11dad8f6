import type { SandboxModule } from "../../core/module";

export const invitationsModule: SandboxModule = {
  name: "invitations",
  surface: "backend",
  tables: [],
  routes() {},
};
