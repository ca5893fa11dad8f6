import type { SandboxModule } from "../core/module";
import { oauthTokenTables } from "../oauth/tokens";
import { tenancyTables } from "./tables";

/** Applications, instances, keys and OAuth tokens: the tables every other module hangs off. */
export const tenancyModule: SandboxModule = {
  name: "tenancy",
  surface: "root",
  tables: [...tenancyTables, ...oauthTokenTables],
  routes() {},
};
