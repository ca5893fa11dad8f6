import type { CommandSpec } from "./command";
import { GLOBAL_FLAGS } from "./globals";
import { terminalWidth } from "./output";

declare const __CLERK_VERSION__: string;

/** What listing commands needs: the build's manifest entries or the full specs. */
export type Listed = Pick<CommandSpec, "id" | "summary" | "examples">;

const words = (spec: Listed) => spec.id.split(".").join(" ");

const TOP_LEVEL_EXAMPLES = [
  "clerk sandbox                          # a local Clerk to try everything offline",
  "clerk users list --query ada",
  "clerk users create --email-address ada@example.com --json",
  "clerk users --help                     # the commands of one area",
];

/** One line broken at spaces to `width`; continuation lines start under its text column. */
function wrapLine(line: string, width: number): string[] {
  const trimmed = line.trimEnd();
  if (Array.from(trimmed).length <= width) return [trimmed];
  // The text column: after the first run of 2+ spaces (`  --flag <v>   What it does`), else the indent.
  const lead = /^\s*/.exec(trimmed)?.[0].length ?? 0;
  const found = /^(\s*\S.*?\s{2,})\S/.exec(trimmed)?.[1]?.length;
  const column = found ?? lead;
  // Continuation lines go under the text column, or (a line with none, or one too far right) a step in.
  const indent = " ".repeat(found !== undefined && found < width / 2 ? found : lead + 2);
  const lines: string[] = [];
  let current = trimmed.slice(0, column);
  let fresh = true;
  for (let word of trimmed.slice(column).split(/ +/)) {
    if (!fresh && current.length + 1 + word.length > width) {
      lines.push(current);
      current = indent;
      fresh = true;
    }
    // A word longer than a whole line (a URL) is broken where it must be.
    while (current.length + word.length > width && width - current.length > 0) {
      lines.push(current + word.slice(0, width - current.length));
      word = word.slice(width - current.length);
      current = indent;
    }
    current += `${fresh ? "" : " "}${word}`;
    fresh = false;
  }
  lines.push(current);
  return lines;
}

/**
 * Help wrapped at word boundaries to the terminal's width (or `COLUMNS`), never mid-word; left as
 * it is when piped without a width.
 */
export function wrapHelp(text: string, width = terminalWidth()): string {
  if (width === undefined || width < 20) return text;
  return text
    .split("\n")
    .flatMap((line) => wrapLine(line, width))
    .join("\n");
}

/**
 * Help text, rendered by cac from the same command specs the parser uses: the usage line,
 * options derived from the input schema, global options and examples.
 */
export async function renderHelp(commands: readonly Listed[], spec?: CommandSpec): Promise<string> {
  const { cac } = await import("cac");
  const cli = cac("clerk");
  cli.version(__CLERK_VERSION__);
  if (!spec) {
    // The top level lists areas, not all commands: `clerk users --help` goes one level down.
    const groups = new Map<string, string[]>();
    for (const command of commands) {
      const [head, ...tail] = command.id.split(".");
      const list = groups.get(head as string) ?? [];
      if (tail.length) list.push(tail.join(" "));
      groups.set(head as string, list);
    }
    for (const [group, subcommands] of groups) {
      const single = commands.find((c) => c.id === group);
      cli.command(subcommands.length ? `${group} <command>` : group, single?.summary ?? subcommands.join(", "));
    }
    for (const example of TOP_LEVEL_EXAMPLES) cli.example(`  ${example}`);
  }
  for (const command of spec ? [spec] : []) {
    // Loaded only for one command's help: the top level lists areas and needs no schemas (nor zod).
    const { fieldsOf } = await import("../shared/actions/fields");
    const fields = fieldsOf(command.input);
    const positionals = (command.positionals ?? [])
      .map((name) => {
        const field = fields.find((f) => f.name === name);
        if (field?.kind === "list") return `[...${name}]`;
        return field?.required === false ? `[${name}]` : `<${name}>`;
      })
      .join(" ");
    const registered = cli.command(`${words(command)}${positionals ? ` ${positionals}` : ""}`, command.summary);
    for (const field of fields) {
      const value = field.kind === "boolean" ? "" : ` <${field.kind === "number" ? "n" : "value"}>`;
      if (command.positionals?.includes(field.name)) {
        // A positional also taken as a flag by another CLI's spelling (`invitations create --email`).
        for (const alias of field.aliases ?? []) registered.option(`--${alias}${value}`, `Same as <${field.name}>`);
        continue;
      }
      const choices = field.choices ? ` (${field.choices.join(", ")})` : "";
      const repeat = field.kind === "list" ? " (repeatable, or comma-separated)" : "";
      const also = field.aliases?.length ? ` (also ${field.aliases.map((alias) => `--${alias}`).join(", ")})` : "";
      registered.option(
        `${field.short ? `-${field.short}, ` : ""}--${field.flag}${value}`,
        `${field.description}${choices}${repeat}${also}`,
        {
          ...(field.defaultValue === undefined || field.defaultValue === false ? {} : { default: field.defaultValue }),
        },
      );
    }
    for (const example of command.examples) registered.example(`  ${example}`);
  }
  // A command's own flag of the same name (config's server-side --dry-run) replaces the global one.
  const specFields = spec ? (await import("../shared/actions/fields")).fieldsOf(spec.input) : [];
  const own = new Set(specFields.map((f) => f.flag));
  // The document a command reads from a file may come inline after --json (see parse.ts).
  const inlineDocument = specFields.find((f) => f.file && spec?.positionals?.includes(f.name));
  for (const flag of GLOBAL_FLAGS) {
    if ((flag.listsOnly && !spec?.streams) || own.has(flag.name)) continue;
    // `--output <file>` (the official CLI's) on a command that writes its result to a file.
    const toFile = flag.name === "output" && spec?.outputFile;
    const inline = flag.name === "json" && inlineDocument;
    const value = toFile ? ` <${flag.value}|file>` : inline ? " [document]" : flag.value ? ` <${flag.value}>` : "";
    const names = `${flag.short ? `-${flag.short}, ` : ""}--${flag.name}${value}`;
    const description = toFile
      ? `${flag.description}; any other value is a file to write ${spec?.outputFile} to instead of stdout (JSON, or YAML for .yaml/.yml)`
      : inline
        ? `${flag.description}; followed by {…} or […]: <${inline.name}> given inline instead of a file`
        : flag.description;
    // Our spelling first; other CLIs' spellings of the same flag are named after the description.
    // (A command's own flag of a synonym's name is the command's: `skill install --force`.)
    const also = (flag.synonyms ?? [])
      .filter((s) => !own.has(s.name))
      .map((s) => `${s.short ? `-${s.short}, ` : ""}--${s.name}`)
      .join(", ");
    cli.option(names, also ? `${description} (also ${also})` : description);
  }
  cli.help((sections) => sections.filter((section) => !section.title?.startsWith("For more info")));
  let text = "";
  const info = console.info;
  console.info = (message: string) => {
    text += message;
  };
  try {
    if (spec) {
      cli.parse(["node", "clerk", words(spec), "--help"], { run: false });
    } else {
      cli.parse(["node", "clerk", "--help"], { run: false });
    }
  } finally {
    console.info = info;
  }
  if (!spec)
    text += "\n\nRun `clerk <area> --help` for an area's commands, `clerk <area> <command> --help` for options.\n";
  if (spec?.description) text = text.replace(/\n\nUsage:/, `\n\n${spec.description}\n\nUsage:`);
  if (!text.endsWith("\n")) text += "\n";
  // A command that is also a group (`clerk api` and `clerk api ls`) names its subcommands too.
  const children = spec ? commands.filter((c) => c.id.startsWith(`${spec.id}.`)) : [];
  if (spec && children.length) {
    const width = Math.max(...children.map((c) => words(c).length));
    text += `\nMore commands:\n${children.map((c) => `  ${words(c).padEnd(width)}  ${c.summary}`).join("\n")}\n`;
    text += `\nRun \`clerk ${words(spec)} <command> --help\` for their options and examples.\n`;
  }
  return text;
}

/** `clerk users` alone: the group's commands, an example of each, and where to go next. */
export function renderGroupHelp(group: string[], children: readonly Listed[]): string {
  const width = Math.max(...children.map((c) => words(c).length));
  return [
    `clerk ${group.join(" ")}: commands`,
    "",
    ...children.map((c) => `  ${words(c).padEnd(width)}  ${c.summary}`),
    "",
    "Examples:",
    ...children.flatMap((c) => c.examples.slice(0, 1).map((example) => `  ${example}`)),
    "",
    `Run \`clerk ${group.join(" ")} <command> --help\` for a command's options and examples.`,
  ].join("\n");
}
