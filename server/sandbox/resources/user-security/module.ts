import type { SandboxModule } from "../../core/module";
import { userSecurityControls } from "./controls";
import { userSecurityRoutes } from "./routes";
import { userSecurityTables } from "./tables";

/** User sub-resources: profile image, second factors, trusted devices, compromised password, identities. */
export const userSecurityModule: SandboxModule = {
  name: "user-security",
  surface: "backend",
  tables: userSecurityTables,
  routes: userSecurityRoutes,
  controls: userSecurityControls,
};
