import type { SandboxModule } from "../../core/module";
import { machineRoutes } from "./machine-routes";
import { machineTables } from "./tables";
import { m2mTokenRoutes } from "./token-routes";

/** Machines and machine-to-machine (M2M) tokens. */
export const machinesModule: SandboxModule = {
  name: "machines",
  surface: "backend",
  tables: machineTables,
  routes(app, sb) {
    machineRoutes(app, sb);
    m2mTokenRoutes(app, sb);
  },
};
