import { describe, expect, test } from "vitest";
import { catalog } from "../../shared/actions/catalog";
import { fieldsOf } from "../../shared/actions/fields";
import { stakesOf } from "../../shared/actions/stakes";
import { allCommands } from "../commands/index";
import { GLOBAL_FLAGS } from "../globals";
import { skillMarkdown, untouchedSkill } from "./generate";

const commands = await allCommands();
const markdown = skillMarkdown(commands);
const words = (id: string) => id.split(".").join(" ");
/** The skill's entry for a command: `- \`clerk users get <user_id>\`: …` and its indented lines. */
const entries = markdown.split(/\n(?=- `clerk )/).map((entry) => entry.split("\n\n")[0] as string);
const entryOf = (id: string) =>
  entries.find((entry) => {
    const usage = /^- `clerk ([^`]*)`: /.exec(entry)?.[1] ?? "";
    return (
      usage
        .split(" ")
        .filter((word) => !/^[<[]/.test(word))
        .join(" ") === words(id)
    );
  });

describe("the generated agent skill", () => {
  test.each(catalog.map((action) => [action.id, action] as const))(
    "names %s, and says whether it is destructive or asks first",
    (id, action) => {
      const entry = entryOf(id);
      expect(entry, `clerk ${words(id)} is missing from the skill`).toBeDefined();
      const stakes = stakesOf(action);
      expect(entry?.includes("**destructive**"), `clerk ${words(id)} destructive`).toBe(stakes === "irreversible");
      expect(entry?.includes("**asks first**"), `clerk ${words(id)} asks first`).toBe(stakes === "disruptive");
      expect(entry).toContain(action.summary);
    },
  );

  test("names every other command too (auth, sandbox, ui, api, update, skill…)", () => {
    const missing = commands.filter((command) => !entryOf(command.id)).map((command) => command.id);
    expect(missing).toEqual([]);
    for (const id of ["sandbox", "ui", "doctor", "api", "update", "skill.install"]) expect(entryOf(id)).toBeDefined();
  });

  test("lists each command's own flags and first example", () => {
    const list = markdown.slice(markdown.indexOf("- `clerk users list`"));
    expect(list).toMatch(
      /^- `clerk users list`: .*\n {2}Flags: `--query <…>`.*`--limit <n>`.*`--all`\n {2}Example: `clerk users list`/,
    );
    const withChoices = catalog.flatMap((action) =>
      fieldsOf(action.input)
        .filter((field) => field.choices && !action.positionals?.includes(field.name))
        .map((field) => [action.id, `--${field.flag} <${field.choices?.join("|")}>`] as const),
    );
    expect(withChoices.length).toBeGreaterThan(0);
    for (const [id, flag] of withChoices) expect(entryOf(id), id).toContain(flag);
  });

  test("covers the conventions: agent mode, output, exit codes, confirmation, targets, the sandbox, every global flag", () => {
    expect(markdown).toMatch(/^---\nname: clerk-cli\ndescription: .+\n---\n/);
    for (const text of [
      "--mode agent",
      "CLERK_MODE=agent",
      "never\n  prompts",
      "`0` success, `1` runtime error",
      "`2` usage error",
      "`--dry-run` first",
      "`--yes`",
      "--instance dev|prod|ins_…",
      "--app app_…",
      "clerk sandbox --port 0 --json",
      "clerk doctor --json",
      "Host-only Clerk state or system capabilities may be unavailable in agent mode.",
      `(${__CLERK_VERSION__})`,
    ]) {
      expect(markdown).toContain(text);
    }
    for (const flag of GLOBAL_FLAGS) expect(markdown).toContain(`--${flag.name}`);
  });

  test("carries a checksum: an untouched file is recognised, an edited one is not", () => {
    expect(untouchedSkill(markdown)).toBe(true);
    expect(untouchedSkill(markdown.replace("## Before you start", "## Before you begin"))).toBe(false);
    expect(untouchedSkill("# my own notes\n")).toBe(false);
  });
});

declare const __CLERK_VERSION__: string;
