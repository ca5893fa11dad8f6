/**
 * The browser's contract with `POST /api/actions/<id>`: every catalog action's id, input and
 * output, derived by the compiler from the declarations. Types only (import it with
 * `import type`): no schema or server code reaches the panel's bundle.
 */
import type { z } from "zod";
import type { CatalogAction } from "./catalog";

export type ActionMap = {
  [A in CatalogAction as A["id"]]: { input: z.input<A["input"]>; output: z.output<A["output"]> };
};

/** Every catalog action's id: `"users.list"`, `"orgs.members.add"`… */
export type ActionId = keyof ActionMap;
/** What the panel sends: the input before defaults and coercion, as a form or the CLI's flags give it. */
export type ActionInput<Id extends ActionId> = ActionMap[Id]["input"];
/** What the server answers (credentials withheld, see `Action.secretFields`). */
export type ActionOutput<Id extends ActionId> = ActionMap[Id]["output"];
