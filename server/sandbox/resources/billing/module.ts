import type { SandboxModule } from "../../core/module";
import { creditRoutes, creditTables } from "./credits";
import { billingRoutes } from "./routes";
import { billingTables } from "./tables";

/** Clerk Billing: plans, prices, subscriptions and statements (demo data comes from `--seed demo`). */
export const billingModule: SandboxModule = {
  name: "billing",
  surface: "backend",
  tables: [...billingTables, ...creditTables],
  routes(app, sb) {
    billingRoutes(app, sb);
    creditRoutes(app, sb);
  },
};
