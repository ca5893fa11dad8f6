import { lazyView } from "../components/lazy";
import { ConfigView } from "./config/config-view";
import { DeployView } from "./deploy/deploy-view";
import { OrgDetail } from "./orgs/org-detail";
import { OrgList } from "./orgs/org-list";
import { ProtectView } from "./protect/protect-view";
import { VIEWS, type ViewId } from "./table";
import { UserDetail } from "./users/user-detail";
import { UserList } from "./users/user-list";

// The generic screens are their own chunk, loaded the first time one is shown.
const GenericScreen = lazyView(() => import("./generic/generic-screen").then((module) => module.GenericScreen));

type Screen = (params: Record<string, string>) => preact.JSX.Element;

/**
 * Each view's components (table.ts says what the views are), by the path below the view's own:
 * `""` is the view's page, `/:user_id` a record's. Kept apart from the table because the table
 * is read by Node too, and these modules import the views' styles.
 */
const SCREENS: { [Id in ViewId]: Record<string, Screen> } = {
  users: { "/:user_id": (p) => <UserDetail userId={p.user_id as string} />, "": () => <UserList /> },
  orgs: {
    "/:organization_id": (p) => <OrgDetail organizationId={p.organization_id as string} />,
    "": () => <OrgList />,
  },
  config: { "": () => <ConfigView /> },
  deploy: { "": () => <DeployView /> },
  protect: { "": () => <ProtectView /> },
  more: {
    "/:area/:id": (p) => <GenericScreen area={p.area} recordId={p.id} />,
    "/:area": (p) => <GenericScreen area={p.area} />,
    "": () => <GenericScreen />,
  },
};

/** Every route of the panel, most specific first within each view. */
export const ROUTES: { pattern: string; view: Screen }[] = VIEWS.flatMap((view) =>
  Object.entries(SCREENS[view.id]).map(([below, screen]) => ({ pattern: `${view.path}${below}`, view: screen })),
);
