import { catalog } from "../../shared/actions/catalog";
import { actionCommand } from "../action-command";
import type { CommandSpec } from "../command";
import { authCommands } from "./auth";
import { configCommands } from "./config";
import { doctorCommand } from "./doctor";
import { sandboxCommand } from "./sandbox";
import { uiCommand } from "./ui";
import { webhooksCommands } from "./webhooks";

/** Every command: the catalog's actions plus the CLI-only commands. */
export function allCommands(): CommandSpec[] {
  return [
    ...catalog.map(actionCommand),
    sandboxCommand,
    uiCommand,
    ...configCommands,
    ...authCommands,
    doctorCommand,
    ...webhooksCommands,
  ] as CommandSpec[];
}
