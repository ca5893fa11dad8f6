/**
 * The browser's contract with `POST /api/actions/<id>`: every catalog action's id, input and
 * output, derived by the compiler from the declarations. Types only (import it with
 * `import type`): no schema or server code reaches the panel's bundle.
 */
import type { z } from "zod";
import type { CatalogAction } from "./catalog";
import type { Field } from "./fields";
import type { Stakes } from "./stakes";

export type ActionMap = {
  [A in CatalogAction as A["id"]]: { input: z.input<A["input"]>; output: z.output<A["output"]> };
};

/** Every catalog action's id: `"users.list"`, `"orgs.members.add"`… */
export type ActionId = keyof ActionMap;
/** What the panel sends: the input before defaults and coercion, as a form or the CLI's flags give it. */
export type ActionInput<Id extends ActionId> = ActionMap[Id]["input"];
/** What the server answers (credentials withheld, see `Action.secretFields`). */
export type ActionOutput<Id extends ActionId> = ActionMap[Id]["output"];

/** An action as the panel sees it (`GET /api/catalog`): enough to build forms, confirmations and CLI lines. */
export interface ActionInfo {
  id: string;
  summary: string;
  description?: string;
  api: "backend" | "platform";
  mutates: boolean;
  /** Irreversible (`stakes` is "irreversible"). */
  destructive: boolean;
  /** How it is confirmed: type the name (irreversible), yes/no (disruptive) or not at all. */
  stakes: Stakes;
  plan: boolean;
  positionals: readonly string[];
  fields: Field[];
  examples: readonly string[];
  /** The CLI's table columns; the rows come with the answer (`?view=table`). */
  table: { columns: readonly { key: string; header: string }[] } | null;
}
