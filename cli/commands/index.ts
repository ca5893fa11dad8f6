import { catalog } from "../../shared/actions/catalog";
import { actionCommand } from "../action-command";
import type { CommandSpec } from "../command";
import { sandboxCommand } from "./sandbox";

/** Every command: the catalog's actions plus the CLI-only commands. */
export function allCommands(): CommandSpec[] {
  return [...catalog.map(actionCommand), sandboxCommand] as CommandSpec[];
}
