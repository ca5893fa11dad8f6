import type { Action } from "./action";
import { AREAS, type AreaAction } from "./areas";

/** One action with its own id, input and output types: the browser's contract is derived from them (types.ts). */
export type CatalogAction = AreaAction;

/**
 * Every action, each defined once, in the area table's order (areas.ts); the CLI commands and the
 * panel's API routes are generated from this list. Importing the catalog loads every area.
 */
export const catalog: readonly Action[] = (await Promise.all(AREAS.map((area) => area.load()))).flat() as Action[];

export function findAction(id: string): Action | undefined {
  return catalog.find((action) => action.id === id);
}
