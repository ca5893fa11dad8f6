import type { Action } from "./action";
import { apiKeyActions } from "./api-keys";
import { billingActions } from "./billing";
import { configActions } from "./config";
import { deployActions } from "./deploy";
import { domainActions } from "./domains";
import { featureActions } from "./features";
import { impersonateActions } from "./impersonate";
import { instanceActions } from "./instance";
import { invitationActions } from "./invitations";
import { jwtActions } from "./jwt-templates";
import { m2mActions } from "./m2m";
import { orgActions } from "./orgs";
import { appActions } from "./platform";
import { protectActions } from "./protect";
import { restrictionActions } from "./restrictions";
import { sessionActions } from "./sessions";
import { userActions } from "./users";

const actions = [
  ...userActions,
  ...sessionActions,
  ...orgActions,
  ...appActions,
  ...configActions,
  ...deployActions,
  ...invitationActions,
  ...restrictionActions,
  ...domainActions,
  ...jwtActions,
  ...instanceActions,
  ...impersonateActions,
  ...apiKeyActions,
  ...m2mActions,
  ...billingActions,
  ...protectActions,
  ...featureActions,
];

/** One action with its own id, input and output types: the browser's contract is derived from them (types.ts). */
export type CatalogAction = (typeof actions)[number];

/** Every action, each defined once; the CLI commands and the panel's API routes are generated from this list. */
export const catalog: readonly Action[] = actions as Action[];

export function findAction(id: string): Action | undefined {
  return catalog.find((action) => action.id === id);
}
