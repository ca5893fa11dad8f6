import type { SandboxModule } from "../../core/module";
import { creditRoutes, creditTables } from "./credits";
import { discountControls, discountRoutes, discountTables } from "./discounts";
import { billingRoutes } from "./routes";
import { billingTables } from "./tables";

/** Clerk Billing: plans, prices, subscriptions and statements (demo data comes from `--seed demo`). */
export const billingModule: SandboxModule = {
  name: "billing",
  surface: "backend",
  tables: [...billingTables, ...creditTables, ...discountTables],
  routes(app, sb) {
    billingRoutes(app, sb);
    creditRoutes(app, sb);
    discountRoutes(app, sb);
  },
  controls: discountControls,
};
