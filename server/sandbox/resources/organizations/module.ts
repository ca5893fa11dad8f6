import type { SandboxModule } from "../../core/module";
import { organizationControls } from "./controls";
import { domainRoutes } from "./domain-routes";
import { invitationRoutes } from "./invitation-routes";
import { membershipRoutes } from "./membership-routes";
import { organizationRoutes } from "./organization-routes";
import { permissionRoutes } from "./permission-routes";
import { roleRoutes } from "./role-routes";
import { roleSetRoutes } from "./role-set-routes";
import { organizationTables } from "./tables";

export const organizationsModule: SandboxModule = {
  name: "organizations",
  surface: "backend",
  tables: organizationTables,
  routes(app, sb) {
    organizationRoutes(app, sb);
    membershipRoutes(app, sb);
    invitationRoutes(app, sb);
    roleRoutes(app, sb);
    permissionRoutes(app, sb);
    roleSetRoutes(app, sb);
    domainRoutes(app, sb);
  },
  controls: organizationControls,
};
