import { z } from "zod";
import { defineCommand } from "../command";
import type { GlobalOptions } from "../globals";
import { everyCommand } from "./listing";

const aliases = () => import("../settings/aliases");
const output = () => import("../output");
const aliasName = z.string().min(1).describe("Alias name (letters, digits, - and _)");

async function dryRun(globals: GlobalOptions, would: string): Promise<boolean> {
  if (!globals.dryRun) return false;
  process.stderr.write(`Dry run: would ${would}. Nothing was changed.\n`);
  return true;
}

const aliasAdd = defineCommand({
  id: "config.alias.add",
  summary: "Add an alias: a short name that stands for a command line",
  description:
    "`clerk <name> …` then runs the command line with the rest of the arguments appended. Give the command " +
    "line quoted, or as words (flags among them after --, as the Go CLI takes it). An alias cannot be (or abbreviate) a command's name: commands always win. Aliases are kept as JSON " +
    "beside the profiles (`clerk config alias path`).",
  input: z.object({
    name: aliasName,
    command: z
      .array(z.string())
      .min(1)
      .describe('The command line it stands for: "users list --limit 5", or the words unquoted'),
  }),
  positionals: ["name", "command"],
  examples: [
    'clerk config alias add ul "users list --limit 5"',
    "clerk config alias add prl protect rules list",
    "clerk config alias add ul5 -- users list --limit 5",
  ],
  async run(input, globals) {
    const { joinCommandLine, readAliases, validateAlias, writeAliases } = await aliases();
    const command = joinCommandLine(input.command);
    validateAlias(input.name, command, [...(await everyCommand())]);
    const current = readAliases();
    const previous = current[input.name];
    if (await dryRun(globals, `set alias ${input.name} = ${command}`)) return;
    writeAliases({ ...current, [input.name]: command });
    if (globals.output !== "table") {
      await (await output()).printResult({ name: input.name, command: command }, globals.output);
    } else {
      process.stdout.write(
        `${previous === undefined ? "Added" : "Replaced"} alias ${input.name}: clerk ${input.name} → clerk ${command}` +
          `${previous === undefined || previous === command ? "" : ` (was: ${previous})`}\n`,
      );
    }
  },
});

const aliasRemove = defineCommand({
  id: "config.alias.remove",
  summary: "Remove an alias",
  input: z.object({ name: aliasName }),
  positionals: ["name"],
  examples: ["clerk config alias remove ul"],
  async run(input, globals) {
    const { readAliases, writeAliases } = await aliases();
    const { UsageError } = await import("../errors");
    const { [input.name]: removed, ...rest } = readAliases();
    if (removed === undefined) {
      throw new UsageError(`no alias named "${input.name}"`, "`clerk config alias list` shows the aliases.");
    }
    if (await dryRun(globals, `remove alias ${input.name}`)) return;
    writeAliases(rest);
    if (globals.output !== "table") {
      await (await output()).printResult({ name: input.name, command: removed, removed: true }, globals.output);
    } else {
      process.stdout.write(`Removed alias ${input.name} (was: ${removed})\n`);
    }
  },
});

const aliasList = defineCommand({
  id: "config.alias.list",
  summary: "List the aliases",
  input: z.object({}),
  examples: ["clerk config alias list", "clerk config alias list --json"],
  async run(_input, globals) {
    const { readAliases } = await aliases();
    const rows = Object.entries(readAliases()).map(([name, command]) => ({ name, command }));
    await (await output()).printResult(rows, globals.output, {
      rows: (list) => list,
      columns: [
        { key: "name", header: "ALIAS" },
        { key: "command", header: "COMMAND" },
      ],
    });
  },
});

const aliasPath = defineCommand({
  id: "config.alias.path",
  summary: "Print the path of the aliases file",
  input: z.object({}),
  examples: ["clerk config alias path"],
  async run(_input, globals) {
    const { aliasesFile } = await import("../settings/paths");
    if (globals.output === "table") process.stdout.write(`${aliasesFile()}\n`);
    else await (await output()).printResult({ aliases_file: aliasesFile() }, globals.output);
  },
});

export const aliasCommands = [aliasAdd, aliasRemove, aliasList, aliasPath];
