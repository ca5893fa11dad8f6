import type { Action } from "../../shared/actions/action";
import { actionCommand } from "../action-command";
import type { CommandSpec } from "../command";

const fromCatalog = (actions: readonly Action[]): CommandSpec[] => actions.map(actionCommand) as CommandSpec[];

/**
 * The commands, in groups that load separately: running one command builds only its group's
 * input schemas, not the hundred-odd others (zod schemas cost start-up time to construct).
 * Each group is named by the first command words it serves; every catalog action is in one.
 */
const GROUPS: readonly { words: readonly string[]; load(): Promise<readonly CommandSpec[]> }[] = [
  {
    words: ["users"],
    load: async () => [
      ...fromCatalog((await import("../../shared/actions/users")).userActions),
      (await import("./open")).usersOpenCommand as CommandSpec,
    ],
  },
  {
    words: ["sessions"],
    load: async () => fromCatalog((await import("../../shared/actions/sessions")).sessionActions),
  },
  {
    words: ["orgs"],
    load: async () => [
      ...fromCatalog((await import("../../shared/actions/orgs")).orgActions),
      (await import("./open")).orgsOpenCommand as CommandSpec,
    ],
  },
  { words: ["apps"], load: async () => fromCatalog((await import("../../shared/actions/platform")).appActions) },
  {
    words: ["config"],
    load: async () => {
      const [{ configActions }, { configCommands }, { aliasCommands }] = await Promise.all([
        import("../../shared/actions/config"),
        import("./config"),
        import("./alias"),
      ]);
      return [...fromCatalog(configActions), ...configCommands, ...aliasCommands] as CommandSpec[];
    },
  },
  {
    words: ["deploy"],
    load: async () => {
      const [{ deployActions }, { deployCommand }] = await Promise.all([
        import("../../shared/actions/deploy"),
        import("./deploy"),
      ]);
      // Bare `clerk deploy` is the wizard that drives the catalog's deploy steps.
      return [deployCommand, ...fromCatalog(deployActions)] as CommandSpec[];
    },
  },
  {
    words: ["invitations"],
    load: async () => fromCatalog((await import("../../shared/actions/invitations")).invitationActions),
  },
  {
    words: ["restrictions"],
    load: async () => fromCatalog((await import("../../shared/actions/restrictions")).restrictionActions),
  },
  { words: ["domains"], load: async () => fromCatalog((await import("../../shared/actions/domains")).domainActions) },
  {
    words: ["jwt-templates", "jwks"],
    load: async () => fromCatalog((await import("../../shared/actions/jwt-templates")).jwtActions),
  },
  {
    words: ["instance"],
    load: async () => fromCatalog((await import("../../shared/actions/instance")).instanceActions),
  },
  {
    words: ["impersonate"],
    load: async () => fromCatalog((await import("../../shared/actions/impersonate")).impersonateActions),
  },
  {
    words: ["api-keys"],
    load: async () => fromCatalog((await import("../../shared/actions/api-keys")).apiKeyActions),
  },
  { words: ["m2m"], load: async () => fromCatalog((await import("../../shared/actions/m2m")).m2mActions) },
  {
    words: ["enable", "disable"],
    load: async () => fromCatalog((await import("../../shared/actions/features")).featureActions),
  },
  { words: ["billing"], load: async () => fromCatalog((await import("../../shared/actions/billing")).billingActions) },
  {
    words: ["protect"],
    load: async () => {
      const [{ protectActions }, { protectCommands }] = await Promise.all([
        import("../../shared/actions/protect"),
        import("./protect"),
      ]);
      // Actions whose command does more than its flags (an editor, an interactive prompt, a model).
      const driven = new Map<string, CommandSpec>(protectCommands.map((command) => [command.id, command]));
      return protectActions.map((action) => driven.get(action.id) ?? actionCommand(action)) as CommandSpec[];
    },
  },
  { words: ["sandbox"], load: async () => [(await import("./sandbox")).sandboxCommand] as CommandSpec[] },
  { words: ["ui"], load: async () => [(await import("./ui")).uiCommand] as CommandSpec[] },
  {
    words: ["auth", "login", "logout", "whoami"],
    load: async () => (await import("./auth")).authCommands as CommandSpec[],
  },
  { words: ["doctor"], load: async () => [(await import("./doctor")).doctorCommand] as CommandSpec[] },
  { words: ["webhooks"], load: async () => (await import("./webhooks")).webhooksCommands as CommandSpec[] },
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
