import type { Action } from "./action";
import { configActions } from "./config";
import { deployActions } from "./deploy";
import { orgActions } from "./orgs";
import { appActions } from "./platform";
import { protectActions } from "./protect";
import { sessionActions } from "./sessions";
import { userActions } from "./users";

/** Every action, each defined once; the CLI commands and the panel's API routes are generated from this list. */
export const catalog: readonly Action[] = [
  ...userActions,
  ...sessionActions,
  ...orgActions,
  ...appActions,
  ...configActions,
  ...deployActions,
  ...protectActions,
] as Action[];

export function findAction(id: string): Action | undefined {
  return catalog.find((action) => action.id === id);
}
