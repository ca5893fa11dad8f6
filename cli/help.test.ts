import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { fieldsOf } from "../shared/actions/fields";
import { allCommands } from "./commands/index";
import { runCli } from "./testing/run-cli";

/** Every command, the catalog's and the CLI-only ones (sandbox, ui, config profile/set/…, auth, doctor). */
const commands = await allCommands();
const words = (id: string) => id.split(".").join(" ");
const groups = [
  ...new Set(
    commands.flatMap((c) =>
      c.id
        .split(".")
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join(".")),
    ),
  ),
];

/** The lines of the help's Examples section. */
function examplesOf(help: string): string[] {
  const section = help.split("\nExamples:\n")[1] ?? "";
  return section
    .split("\n\n")[0]
    ?.split("\n")
    .map((line) => line.trim())
    .filter(Boolean) as string[];
}

describe("help lists examples", () => {
  test("the built manifest has every command, so help and lookup never miss one", () => {
    const manifest = JSON.parse(readFileSync(new URL("../dist/cli/commands.json", import.meta.url), "utf8")) as {
      id: string;
    }[];
    expect(manifest.map((c) => c.id)).toEqual(commands.map((c) => c.id));
    expect(commands.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        "sandbox",
        "ui",
        "doctor",
        "auth.login",
        "config.set",
        "config.profile.create",
        "apps.list",
      ]),
    );
  });

  test("clerk --help: the areas and examples", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe("");
    for (const group of new Set(commands.map((c) => c.id.split(".")[0])))
      expect(help.stdout).toMatch(new RegExp(`\n  ${group}\\b`));
    const examples = examplesOf(help.stdout);
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.every((line) => line.startsWith("clerk "))).toBe(true);
    expect((await runCli(["-h"])).stdout).toBe(help.stdout);
  });

  test.each(commands.map((c) => [words(c.id), c] as const))("clerk %s --help", async (name, command) => {
    const help = await runCli([...name.split(" "), "--help"]);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stderr).toBe("");
    const fields = fieldsOf(command.input);
    const positionals = (command.positionals ?? [])
      .map((p) => {
        const field = fields.find((f) => f.name === p);
        if (field?.kind === "list") return ` [...${p}]`;
        return field?.required === false ? ` [${p}]` : ` <${p}>`;
      })
      .join("");
    expect(help.stdout).toContain(`Usage:\n  $ clerk ${name}${positionals}\n`);
    expect(help.stdout.endsWith("\n")).toBe(true);
    const examples = examplesOf(help.stdout);
    expect(examples.length, "examples listed").toBeGreaterThan(0);
    expect(examples).toEqual([...command.examples]);
    // Each example runs this very command: alone, fed by a pipe, in $(…) or after VAR=value.
    const runs = new RegExp(`(^|\\| |\\$\\(|^[A-Z_]+=\\S+ )clerk ${name}( |\\)|$)`);
    for (const example of examples) expect(example).toMatch(runs);
    for (const field of fieldsOf(command.input)) {
      if (command.positionals?.includes(field.name)) continue;
      expect(help.stdout, `--${field.flag}`).toContain(`--${field.flag}`);
    }
    // Each flag is listed once, even when the command's own flag shares a global's name.
    const flags = help.stdout.match(/^ {2}(?:-\w, )?--[\w-]+/gm) ?? [];
    expect(new Set(flags).size).toBe(flags.length);
    expect((await runCli([...name.split(" "), "-h"])).stdout).toBe(help.stdout);
  });

  const isCommand = (id: string) => commands.some((c) => c.id === id);

  test.each(groups.filter(isCommand).map((g) => [words(g)]))(
    "clerk %s --help (a command that is also a group) names its subcommands",
    async (name) => {
      const help = await runCli([...name.split(" "), "--help"]);
      expect(help.code, help.stderr).toBe(0);
      expect(help.stdout).toContain(`Usage:\n  $ clerk ${name}`);
      const section = help.stdout.split("\nMore commands:\n")[1] ?? "";
      const children = commands.filter((c) => c.id.startsWith(`${name.split(" ").join(".")}.`));
      for (const child of children) expect(section).toContain(`  ${words(child.id)}  `);
    },
  );

  test.each(groups.filter((g) => !isCommand(g)).map((g) => [words(g)]))("clerk %s --help (a group)", async (name) => {
    const help = await runCli([...name.split(" "), "--help"]);
    expect(help.code, help.stderr).toBe(0);
    const children = commands.filter((c) => c.id.startsWith(`${name.split(" ").join(".")}.`));
    for (const child of children) expect(help.stdout).toContain(`  ${words(child.id)}`);
    expect(examplesOf(help.stdout)).toEqual(children.map((c) => c.examples[0]));
    // Without --help the group is a usage error that still shows the commands.
    const bare = await runCli(name.split(" "));
    expect(bare.code).toBe(2);
    expect(JSON.parse(bare.stderr).error.hint).toContain(`clerk ${name}: commands`);
  });
});
