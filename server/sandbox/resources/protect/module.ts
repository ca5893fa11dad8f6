import type { SandboxModule } from "../../core/module";
import { protectRoutes } from "./routes";
import { protectTables } from "./tables";

/** Clerk Protect: ordered rulesets of CEL rules per event, and the event schema they are checked against. */
export const protectModule: SandboxModule = {
  name: "protect",
  surface: "backend",
  tables: protectTables,
  routes: protectRoutes,
};
