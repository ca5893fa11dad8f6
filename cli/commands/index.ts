import { catalog } from "../../shared/actions/catalog";
import { actionCommand } from "../action-command";
import type { CommandSpec } from "../command";
import { authCommands } from "./auth";
import { configCommands } from "./config";
import { doctorCommand } from "./doctor";
import { protectCommands } from "./protect";
import { sandboxCommand } from "./sandbox";
import { uiCommand } from "./ui";

/** Catalog actions whose CLI command does more than its flags (an editor, an interactive prompt). */
const driven = new Map<string, CommandSpec>(protectCommands.map((command) => [command.id, command]));

/** Every command: the catalog's actions plus the CLI-only commands. */
export function allCommands(): CommandSpec[] {
  return [
    ...catalog.map((action) => driven.get(action.id) ?? actionCommand(action)),
    sandboxCommand,
    uiCommand,
    ...configCommands,
    ...authCommands,
    doctorCommand,
  ] as CommandSpec[];
}
