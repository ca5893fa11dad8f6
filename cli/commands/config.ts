import { z } from "zod";
import { defineCommand } from "../command";
import { canonicalKey, GO_KEY_NAMES, KEY_DESCRIPTIONS, SECRET_KEYS, SETTING_KEYS } from "../settings/keys";

// Implementations load on use (cli/settings/actions.ts), so listing the commands stays cheap.
const actions = () => import("../settings/actions");

/** Our names first; the Go CLI's (`clerk.key`) are accepted and stand for ours. */
const key = z
  .enum([...SETTING_KEYS, ...Object.keys(GO_KEY_NAMES)] as [string, ...string[]])
  .describe("Setting name (the Go CLI's clerk.key, clerk.api.url… are accepted too)");
const goNames = `\n\nThe Go CLI's names are accepted: ${Object.entries(GO_KEY_NAMES)
  .map(([go, ours]) => `${go} = ${ours}`)
  .join(", ")}.`;
const profileName = z.string().min(1).describe("Profile name (letters, digits, - and _)");

const configSet = defineCommand({
  id: "config.set",
  summary: "Set a setting in the active profile (secrets go to the OS keychain)",
  description:
    `Stores a setting in the active profile (or --profile). ${[...SECRET_KEYS].join(", ")} go to the OS keychain ` +
    "(or the 0600 fallback file), never the config file, unless the value starts with ! — then it is a command " +
    "run through the shell whenever the secret is needed (e.g. `!op read op://vault/clerk/secret`). Give - as the " +
    "value (or pipe it) to read it from stdin and keep it out of your shell history.\n\nKeys:\n" +
    SETTING_KEYS.map((name) => `  ${name.padEnd(24)}${KEY_DESCRIPTIONS[name]}`).join("\n") +
    goNames,
  input: z.object({
    key,
    value: z.string().optional().describe("The value; - or omitted reads stdin"),
    type: z
      .enum(["value", "command"])
      .default("value")
      .describe("command: the value is a shell command printing the secret (same as a leading !; Go CLI)"),
  }),
  positionals: ["key", "value"],
  examples: [
    "clerk config set api_url http://127.0.0.1:2575",
    'printf %s "$CLERK_SECRET_KEY" | clerk config set secret_key -',
    "clerk config set secret_key '!op read op://vault/clerk/secret' --profile work",
    "clerk config set clerk.key \"op read 'op://Vault/Clerk/api-key'\" --type=command --profile work",
  ],
  run: async (input, globals) => (await actions()).configSet({ ...input, key: canonicalKey(input.key) }, globals),
});

const configGet = defineCommand({
  id: "config.get",
  summary: "Print a setting of the active profile (secrets masked)",
  input: z.object({
    key,
    reveal: z.boolean().default(false).describe("Print a secret in full"),
    resolve: z.boolean().default(false).describe("Run a !command value and print what it prints, in full (Go CLI)"),
  }),
  positionals: ["key"],
  examples: [
    "clerk config get api_url",
    "clerk config get secret_key --profile work",
    "clerk config get clerk.key --profile work --resolve",
  ],
  run: async (input, globals) => (await actions()).configGet({ ...input, key: canonicalKey(input.key) }, globals),
});

const configUnset = defineCommand({
  id: "config.unset",
  summary: "Remove a setting from the active profile (and its stored secret)",
  input: z.object({ key }),
  positionals: ["key"],
  examples: ["clerk config unset secret_key", "clerk config unset app --profile work"],
  run: async (input, globals) => (await actions()).configUnset({ ...input, key: canonicalKey(input.key) }, globals),
});

const configList = defineCommand({
  id: "config.list",
  summary: "Show every setting in effect and where it comes from (secrets masked)",
  description:
    "Resolution order: flag > environment (CLERK_SECRET_KEY, CLERK_API_URL, …) > the nearest .env (or --dotenv) > " +
    "the linked project (`clerk link`: app and instance) > " +
    "the active profile > built-in default.",
  input: z.object({}),
  examples: ["clerk config list", "clerk config list --profile work --json"],
  run: async (_input, globals) => (await actions()).configList(globals),
});

const configPath = defineCommand({
  id: "config.path",
  summary: "Print the path of the config file (--json: the config dir and credential file too)",
  input: z.object({}),
  examples: ["clerk config path", '$EDITOR "$(clerk config path)"'],
  run: async (_input, globals) => (await actions()).configPath(globals),
});

const profileCreate = defineCommand({
  id: "config.profile.create",
  summary: "Create a profile",
  description:
    "--api-key stores the secret key in the OS keychain (or the 0600 fallback file) as `config set secret_key` " +
    "does; --api-url sets api_url. Both are the Go CLI's flags.",
  input: z.object({
    name: profileName,
    use: z.boolean().default(false).describe("Also make it the active profile"),
    api_key: z.string().optional().describe("Secret key (sk_…) for the profile, kept in the credential store (Go CLI)"),
    api_url: z.string().optional().describe("API URL for the profile (api_url; Go CLI)"),
  }),
  positionals: ["name"],
  examples: [
    "clerk config profile create work",
    "clerk config profile create sandbox --use",
    "clerk config profile create staging --api-key sk_test_xxxxx --api-url http://127.0.0.1:2575",
  ],
  run: async (input, globals) => (await actions()).profileCreate(input, globals),
});

const profilePath = defineCommand({
  id: "config.profile.path",
  summary: "Print the path of the file holding the profiles (the config file; Go CLI)",
  input: z.object({}),
  examples: ["clerk config profile path"],
  run: async (_input, globals) => (await actions()).configPath(globals),
});

const profileList = defineCommand({
  id: "config.profile.list",
  summary: "List the profiles (* marks the active one)",
  input: z.object({}),
  examples: ["clerk config profile list", "clerk config profile list --json"],
  run: async (_input, globals) => (await actions()).profileList(globals),
});

const profileUse = defineCommand({
  id: "config.profile.use",
  summary: "Make a profile the active one",
  input: z.object({ name: profileName }),
  positionals: ["name"],
  examples: ["clerk config profile use work"],
  run: async (input, globals) => (await actions()).profileUse(input, globals),
});

const profileShow = defineCommand({
  id: "config.profile.show",
  summary: "Show what a profile holds (secrets masked; default: the active profile)",
  input: z.object({ name: profileName.optional() }),
  positionals: ["name"],
  examples: ["clerk config profile show", "clerk config profile show work --json"],
  run: async (input, globals) => (await actions()).profileShow(input, globals),
});

const profileDelete = defineCommand({
  id: "config.profile.delete",
  summary: "Delete a profile with its stored secrets and login",
  input: z.object({ name: profileName }),
  positionals: ["name"],
  examples: ["clerk config profile delete old", "clerk config profile delete old --yes"],
  run: async (input, globals) => (await actions()).profileDelete(input, globals),
});

export const configCommands = [
  configSet,
  configGet,
  configUnset,
  configList,
  configPath,
  profileCreate,
  profilePath,
  profileList,
  profileUse,
  profileShow,
  profileDelete,
];
