import type { Action } from "./action";
import { userActions } from "./users";

/** Every action, each defined once; the CLI commands and the panel's API routes are generated from this list. */
export const catalog: readonly Action[] = [...userActions] as Action[];

export function findAction(id: string): Action | undefined {
  return catalog.find((action) => action.id === id);
}
