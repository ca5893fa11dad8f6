/** Options every command accepts, parsed before the command's own. */
export interface GlobalOptions {
  output: "table" | "json" | "yaml";
  yes: boolean;
  dryRun: boolean;
  all: boolean;
  debug: boolean;
  profile?: string;
  app?: string;
  instance?: string;
  dotenv?: string;
}

export interface GlobalFlag {
  name: string;
  short?: string;
  type: "string" | "boolean";
  value?: string;
  description: string;
  /** Only listed in help for commands that stream lists. */
  listsOnly?: boolean;
  /** The values it takes, for shell completion. */
  choices?: readonly string[];
}

export const GLOBAL_FLAGS: readonly GlobalFlag[] = [
  {
    name: "output",
    short: "o",
    type: "string",
    value: "format",
    description: "Output format: table, json or yaml",
    choices: ["table", "json", "yaml"],
  },
  { name: "json", type: "boolean", description: "Shortcut for --output json" },
  { name: "yes", short: "y", type: "boolean", description: "Skip confirmation of destructive actions" },
  { name: "dry-run", type: "boolean", description: "Show the request that would be sent, send nothing" },
  { name: "all", type: "boolean", description: "Fetch every page (streams; memory stays flat)", listsOnly: true },
  { name: "profile", type: "string", value: "name", description: "Use this configuration profile" },
  { name: "app", type: "string", value: "id", description: "Application (app_…) to work on" },
  { name: "instance", type: "string", value: "env", description: "Instance: dev, prod or an ins_… id" },
  { name: "dotenv", type: "string", value: "file", description: "Read CLERK_* settings from this .env file" },
  { name: "debug", type: "boolean", description: "Log HTTP traffic to stderr (secrets redacted)" },
  {
    name: "input-json",
    type: "string",
    value: "json|@file|-",
    description: "The command's options as one JSON object (inline, @file, or - for stdin); flags given win",
  },
];
