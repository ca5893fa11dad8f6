import { catalog } from "../../shared/actions/catalog";
import { actionCommand } from "../action-command";
import type { CommandSpec } from "../command";
import { aliasCommands } from "./alias";
import { apiCommands } from "./api";
import { authCommands } from "./auth";
import { completionCommand } from "./completion";
import { configCommands } from "./config";
import { doctorCommand } from "./doctor";
import { envCommands } from "./env";
import { linkCommands } from "./link";
import { openCommand } from "./open";
import { protectCommands } from "./protect";
import { sandboxCommand } from "./sandbox";
import { uiCommand } from "./ui";
import { webhooksCommands } from "./webhooks";

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
    ...webhooksCommands,
    ...aliasCommands,
    ...apiCommands,
    ...envCommands,
    ...linkCommands,
    openCommand,
    completionCommand,
  ] as CommandSpec[];
}
