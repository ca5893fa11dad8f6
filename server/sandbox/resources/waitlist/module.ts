import type { SandboxModule } from "../../core/module";
import { waitlistRoutes } from "./routes";
import { waitlistTables } from "./tables";

/** The waitlist (sign-up mode `waitlist`); inviting an entry creates an invitation. */
export const waitlistModule: SandboxModule = {
  name: "waitlist",
  surface: "backend",
  tables: waitlistTables,
  routes: waitlistRoutes,
};
