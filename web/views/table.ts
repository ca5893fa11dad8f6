/**
 * The panel's views, in the order of its navigation: one row each, the one place that says
 * where a view lives, what it is called and which catalog actions it shows. Routing and the
 * navigation (app.tsx, screens.tsx) and the generic "More" pages (generic/panel-entries.ts) are
 * derived from it: an action a view shows is not listed again under More, and every catalog
 * action no view shows is. Pure data, so Node (the catalog test, the e2e walk) reads it too.
 */
import type { ActionId } from "../../shared/actions/types";

export interface ViewEntry {
  /** Its key in screens.tsx, which holds its components. */
  id: string;
  path: string;
  /** Its link in the navigation. */
  label: string;
  /** The catalog actions the view runs: their place in the panel is this view. */
  actions: readonly ActionId[];
  /** The input naming one of its records, whose page is `<path>/<id>`. */
  recordField?: string;
  /** The generic pages: every catalog action no other view shows, laid out from the catalog. */
  generic?: true;
}

/** `/more`, `/more/<area>`, `/more/<area>/<record id>` (generic/panel-entries.ts). */
const MORE = { id: "more", path: "/more", label: "More", actions: [], generic: true } as const;

export const VIEWS = [
  {
    id: "users",
    path: "/users",
    label: "Users",
    recordField: "user_id",
    actions: [
      "users.list",
      "users.get",
      "users.create",
      "users.update",
      "users.delete",
      "users.ban",
      "users.unban",
      "users.lock",
      "users.unlock",
      "users.metadata",
      "users.emails.add",
      "users.emails.remove",
      "users.phones.add",
      "users.phones.remove",
      "users.memberships",
    ],
  },
  {
    id: "orgs",
    path: "/orgs",
    label: "Organizations",
    recordField: "organization_id",
    actions: [
      "orgs.list",
      "orgs.get",
      "orgs.create",
      "orgs.update",
      "orgs.delete",
      "orgs.members.list",
      "orgs.members.add",
      "orgs.members.update",
      "orgs.members.remove",
      "orgs.invitations.list",
      "orgs.invitations.create",
      "orgs.invitations.revoke",
    ],
  },
  {
    id: "config",
    path: "/config",
    label: "Config",
    actions: ["config.pull", "config.schema", "config.diff", "config.apply"],
  },
  {
    id: "deploy",
    path: "/deploy",
    label: "Deploy",
    actions: ["deploy.status", "deploy.check", "deploy.create", "deploy.oauth"],
  },
  {
    id: "protect",
    path: "/protect",
    label: "Protect",
    actions: [
      "protect.status",
      "protect.rules.list",
      "protect.rules.add",
      "protect.rules.edit",
      "protect.rules.delete",
      "protect.rules.flush",
      "protect.rules.reorder",
      "protect.rules.generate",
      "protect.schema.show",
    ],
  },
  MORE,
] as const satisfies readonly ViewEntry[];

export const GENERIC_ROOT = MORE.path;

export type ViewId = (typeof VIEWS)[number]["id"];

/** The views with code of their own (every view but the generic pages). */
export const BESPOKE_VIEWS: readonly ViewEntry[] = VIEWS.filter((view: ViewEntry) => !view.generic);
