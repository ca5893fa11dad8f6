import type { SandboxModule } from "../../core/module";
import { restrictionRoutes } from "./routes";
import { restrictionTables } from "./tables";

/** The sign-up allowlist and blocklist of email addresses, phone numbers and web3 wallets. */
export const restrictionsModule: SandboxModule = {
  name: "restrictions",
  surface: "backend",
  tables: restrictionTables,
  routes: restrictionRoutes,
};
