import type { Action } from "../../shared/actions/action";
import { AREAS, type AreaName } from "../../shared/actions/areas";
import { actionCommand } from "../action-command";
import type { CommandSpec } from "../command";

const fromCatalog = (actions: readonly Action[]): CommandSpec[] => actions.map(actionCommand) as CommandSpec[];

/**
 * CLI commands that join a catalog area's group (areas.ts): every area's actions become commands,
 * and these areas add commands of their own or replace an action's generated command.
 */
const AREA_COMMANDS: Partial<Record<AreaName, (actions: readonly Action[]) => Promise<CommandSpec[]>>> = {
  users: async (actions) => [
    ...fromCatalog(actions),
    (await import("./open")).usersOpenCommand as CommandSpec,
    (await import("./users-import")).usersImportCommand as CommandSpec,
    (await import("./users-export")).usersExportCommand as CommandSpec,
  ],
  orgs: async (actions) => [...fromCatalog(actions), (await import("./open")).orgsOpenCommand as CommandSpec],
  config: async (actions) => {
    const [{ configCommands }, { aliasCommands }] = await Promise.all([import("./config"), import("./alias")]);
    return [...fromCatalog(actions), ...configCommands, ...aliasCommands] as CommandSpec[];
  },
  webhooks: async (actions) =>
    [...fromCatalog(actions), ...(await import("./webhooks")).webhooksCommands] as CommandSpec[],
  // Bare `clerk deploy` is the wizard that drives the catalog's deploy steps.
  deploy: async (actions) => [(await import("./deploy")).deployCommand as CommandSpec, ...fromCatalog(actions)],
  protect: async (actions) => {
    const { protectCommands } = await import("./protect");
    // Actions whose command does more than its flags (an editor, an interactive prompt, a model).
    const driven = new Map<string, CommandSpec>(protectCommands.map((command) => [command.id, command]));
    return actions.map((action) => driven.get(action.id) ?? actionCommand(action)) as CommandSpec[];
  },
};

/**
 * The commands, in groups that load separately: running one command builds only its group's
 * input schemas, not the hundred-odd others (zod schemas cost start-up time to construct).
 * Each group is named by the first command words it serves: one group per catalog area (the
 * area table), then the CLI-only commands.
 */
const GROUPS: readonly { words: readonly string[]; load(): Promise<readonly CommandSpec[]> }[] = [
  ...AREAS.map((area) => ({
    words: area.words,
    load: async () => {
      const actions: readonly Action[] = await area.load();
      return (await AREA_COMMANDS[area.area]?.(actions)) ?? fromCatalog(actions);
    },
  })),
  { words: ["sandbox"], load: async () => [(await import("./sandbox")).sandboxCommand] as CommandSpec[] },
  { words: ["ui"], load: async () => [(await import("./ui")).uiCommand] as CommandSpec[] },
  {
    words: ["auth", "login", "logout", "whoami"],
    load: async () => (await import("./auth")).authCommands as CommandSpec[],
  },
  { words: ["doctor"], load: async () => [(await import("./doctor")).doctorCommand] as CommandSpec[] },
  { words: ["api"], load: async () => (await import("./api")).apiCommands as CommandSpec[] },
  { words: ["env"], load: async () => (await import("./env")).envCommands as CommandSpec[] },
  { words: ["init"], load: async () => (await import("./init")).initCommands as CommandSpec[] },
  { words: ["link", "unlink"], load: async () => (await import("./link")).linkCommands as CommandSpec[] },
  { words: ["open"], load: async () => (await import("./open")).openCommands as CommandSpec[] },
  { words: ["mcp"], load: async () => (await import("./mcp")).mcpCommands as CommandSpec[] },
  { words: ["completion"], load: async () => [(await import("./completion")).completionCommand] as CommandSpec[] },
  { words: ["update"], load: async () => [(await import("./update")).updateCommand] as CommandSpec[] },
  { words: ["skill"], load: async () => (await import("./skill")).skillCommands as CommandSpec[] },
];

/** The group that serves a command's first word. */
export function groupOf(id: string) {
  const first = id.split(".")[0] as string;
  return GROUPS.find((group) => group.words.includes(first));
}

/** One command, loading only its group. */
export async function loadCommand(id: string): Promise<CommandSpec | undefined> {
  return (await groupOf(id)?.load())?.find((command) => command.id === id);
}

/** Every command: the catalog's actions plus the CLI-only commands (help, manifest, completion, tests). */
export async function allCommands(): Promise<CommandSpec[]> {
  return (await Promise.all(GROUPS.map((group) => group.load()))).flat();
}
