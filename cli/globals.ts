/** The formats `-o/--output` (and the `output` setting) take. */
export const OUTPUT_FORMATS = ["table", "json", "yaml"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/** "table, json or yaml", for messages. */
export const OUTPUT_FORMAT_LIST = `${OUTPUT_FORMATS.slice(0, -1).join(", ")} or ${OUTPUT_FORMATS.at(-1)}`;
export const isOutputFormat = (value: string): value is OutputFormat =>
  (OUTPUT_FORMATS as readonly string[]).includes(value);

/** Options every command accepts, before or after the command words (`clerk -o json users list`). */
export interface GlobalOptions {
  output: OutputFormat;
  yes: boolean;
  dryRun: boolean;
  all: boolean;
  debug: boolean;
  profile?: string;
  app?: string;
  instance?: string;
  dotenv?: string;
  /** `--output <file>` on a command that writes its result to a file (see CommandSpec.outputFile). */
  outputFile?: string;
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
  /** Read and taken off the command line before anything else (`--mode`, cli/mode.ts). */
  readFirst?: boolean;
  /** Other CLIs' spellings of the same flag (the Go CLI's `-f/--force`), accepted and named in help. */
  synonyms?: readonly { name: string; short?: string }[];
}

export const GLOBAL_FLAGS: readonly GlobalFlag[] = [
  {
    name: "output",
    short: "o",
    type: "string",
    value: "format",
    description: "Output format: table, json or yaml (default: the output setting, else table; json in agent mode)",
    choices: OUTPUT_FORMATS,
  },
  { name: "json", type: "boolean", description: "Shortcut for --output json" },
  {
    name: "yes",
    short: "y",
    type: "boolean",
    description: "Skip confirmation of destructive actions",
    synonyms: [{ name: "force", short: "f" }],
  },
  { name: "dry-run", type: "boolean", description: "Show the request that would be sent, send nothing" },
  { name: "all", type: "boolean", description: "Fetch every page (streams; memory stays flat)", listsOnly: true },
  { name: "profile", short: "p", type: "string", value: "name", description: "Use this configuration profile" },
  { name: "app", type: "string", value: "id", description: "Application (app_…) to work on" },
  { name: "instance", type: "string", value: "env", description: "Instance: dev, prod or an ins_… id" },
  {
    name: "dotenv",
    type: "string",
    value: "file",
    description:
      "Read CLERK_* settings from this .env file; bare --dotenv (Go CLI): the nearest .env. The next word is the file " +
      "when it exists, has a / or .env in it",
  },
  {
    name: "debug",
    type: "boolean",
    description: "Log HTTP traffic to stderr (secrets redacted; or CLERK_CLI_DEBUG=1, or the debug setting)",
    synonyms: [{ name: "verbose" }],
  },
  {
    name: "mode",
    type: "string",
    value: "mode",
    description: "human or agent (or CLERK_MODE): agent means no prompts, JSON output and JSON errors",
    choices: ["human", "agent"],
    readFirst: true,
  },
  {
    name: "input-json",
    type: "string",
    value: "json|@file|-",
    description:
      "The command's options, and global flags such as yes, as one JSON object (inline, @file, or - for stdin); flags given win",
  },
];

/** Every spelling of a global flag: its own name and its synonyms, each with its short letter. */
export function spellingsOf(flag: GlobalFlag): { name: string; short?: string }[] {
  return [{ name: flag.name, ...(flag.short ? { short: flag.short } : {}) }, ...(flag.synonyms ?? [])];
}

/** The global flag a long name or short letter spells (`--force` and `-f` spell `yes`). */
export function globalFlagFor(spelling: { name?: string; short?: string }): GlobalFlag | undefined {
  return GLOBAL_FLAGS.find((flag) =>
    spellingsOf(flag).some((s) => (spelling.name ? s.name === spelling.name : s.short === spelling.short)),
  );
}
