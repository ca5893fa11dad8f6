import type { SandboxModule } from "../../core/module";
import { invitationControls } from "./controls";
import { invitationRoutes } from "./routes";
import { invitationTables } from "./tables";

/** Invitations to sign up to the instance; a test control accepts them. */
export const invitationsModule: SandboxModule = {
  name: "invitations",
  surface: "backend",
  tables: invitationTables,
  routes: invitationRoutes,
  controls: invitationControls,
};
