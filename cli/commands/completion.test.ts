import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { completionCandidates } from "../completion/complete";
import { commandManifest } from "../manifest";
import { CLI_BIN, runCli } from "../testing/run-cli";
import { allCommands } from "./index";

const manifest = commandManifest(await allCommands());
const values = (words: string[], aliases = {}) => completionCandidates(manifest, aliases, words).map((c) => c.value);

describe("completion candidates (from the command manifest)", () => {
  test("command words: top level, below a group, abbreviations understood", () => {
    expect(values([""])).toEqual(expect.arrayContaining(["users", "orgs", "api", "env", "link", "completion"]));
    expect(values(["us"])).toEqual(["users"]);
    expect(values(["users", "l"])).toEqual(["list", "lock"]);
    expect(values(["us", "l"])).toEqual(["list", "lock"]);
    expect(values(["config", "alias", ""])).toEqual(["add", "remove", "list", "path"]);
    // `api` is a command and has a subcommand: both the word and, once past it, nothing.
    expect(values(["api", ""])).toEqual(["ls"]);
    expect(values(["api", "/users", ""])).toEqual([]);
    expect(values(["nope", ""])).toEqual([]);
  });

  test("options of the command (with --no- forms) and values of options with choices", () => {
    const flags = values(["users", "list", "--"]);
    expect(flags).toEqual(
      expect.arrayContaining(["--limit", "--banned", "--no-banned", "--output", "--all", "--help"]),
    );
    expect(flags).not.toContain("--no-output");
    expect(values(["users", "get", "--"])).not.toContain("--all");
    expect(values(["users", "list", "--li"])).toEqual(["--limit"]);
    expect(values(["users", "list", "--output", ""])).toEqual(["table", "json", "yaml"]);
    expect(values(["users", "list", "-o", "y"])).toEqual(["yaml"]);
    expect(values(["env", "pull", "--framework", ""])).toEqual(["next", "vite", "astro", "expo", "other"]);
    expect(values(["api", "/users", "-X", ""])).toEqual([]);
    // A command with no arguments offers its options right away.
    expect(values(["env", "pull", ""])).toContain("--file");
  });

  test("aliases: offered at the top level, and completed as what they stand for", () => {
    const aliases = { ul: "users list --limit 5" };
    const top = completionCandidates(manifest, aliases, ["u"]);
    expect(top).toContainEqual({ value: "ul", description: "alias for: clerk users list --limit 5" });
    expect(values(["ul", "--ord"], aliases)).toEqual(["--order-by"]);
  });
});

describe("clerk completion <shell>, in the real shells", { timeout: 60_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), "clerk-completion-"));
  const bin = join(root, "bin");
  mkdirSync(bin);
  symlinkSync(CLI_BIN, join(bin, "clerk"));
  const configDir = join(root, "config");
  mkdirSync(configDir);
  writeFileSync(join(configDir, "aliases.json"), JSON.stringify({ ul: "users list --limit 5" }));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const env = { PATH: `${bin}:${process.env.PATH}`, HOME: root, CLERK_CONFIG_DIR: configDir, NO_COLOR: "1" };
  const shell = async (program: string, args: string[]) =>
    (await promisify(execFile)(program, args, { env, cwd: root })).stdout;
  const script = async (name: string) => {
    const printed = await runCli(["completion", name]);
    expect(printed.code, printed.stderr).toBe(0);
    const file = join(root, `clerk.${name}`);
    writeFileSync(file, printed.stdout);
    return file;
  };

  test("bash: the completion function fills COMPREPLY", async () => {
    const file = await script("bash");
    const complete = (line: string) =>
      shell("bash", [
        "-c",
        `source ${file}; COMP_WORDS=(${line}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); ` +
          `[[ "${line}" == *" " ]] && { COMP_WORDS+=(""); COMP_CWORD=\${#COMP_WORDS[@]}-1; }; ` +
          `_clerk_complete; printf '%s\\n' "\${COMPREPLY[@]}"; complete -p clerk`,
      ]);
    const users = await complete("clerk us l");
    expect(users).toBe("list\nlock\ncomplete -o default -F _clerk_complete clerk\n");
    expect(await complete("clerk users list --out")).toMatch(/^--output\n/);
    expect(await complete("clerk ul --lim")).toMatch(/^--limit\n/);
    expect(await complete("clerk config alias ")).toMatch(/^add\nremove\nlist\npath\n/);
  });

  test("fish: `complete -C` lists candidates with descriptions", async () => {
    const file = await script("fish");
    const complete = (line: string) => shell("fish", ["--no-config", "-c", `source ${file}; complete -C '${line}'`]);
    expect(await complete("clerk us l")).toMatch(/^list\tList users.*\nlock\tLock a user/);
    // fish sorts the candidates itself.
    expect(await complete("clerk users list --output ")).toBe("json\ntable\nyaml\n");
    expect(await complete("clerk ")).toMatch(/^ul\talias for: clerk users list --limit 5$/m);
  });

  test("zsh: the script parses, registers with compdef, and hands _describe the candidates", async () => {
    const file = await script("zsh");
    await shell("zsh", ["-n", file]);
    // compdef and _describe belong to zsh's completion system; stand-ins record what the script does.
    const complete = (typed: string) =>
      shell("zsh", [
        "-fc",
        `compdef() { print -r -- "compdef $*" }; _describe() { print -rl -- "\${(@P)4}" }; _files() { print files }; ` +
          `source ${file}; words=(clerk ${typed}); CURRENT=\${#words}; _clerk`,
      ]);
    expect(await complete("us l")).toMatch(/^compdef _clerk clerk\nlist:List users.*\nlock:Lock a user/);
    expect(await complete("api /users ''")).toBe("compdef _clerk clerk\nfiles\n");
    expect(await complete("users list --output ''")).toBe("compdef _clerk clerk\ntable\njson\nyaml\n");
  });

  // No PowerShell on the test machines: the script is checked for its registration, and the
  // command it runs on Tab is run here as it would run it.
  test("powershell: registers a native completer that turns clerk's answer into CompletionResults", async () => {
    const printed = await runCli(["completion", "powershell"]);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toContain("Register-ArgumentCompleter -Native -CommandName clerk -ScriptBlock {");
    expect(printed.stdout).toContain("clerk __complete fish -- @words");
    expect(printed.stdout).toContain('$_ -split "`t", 2');
    expect(printed.stdout).toContain("[System.Management.Automation.CompletionResult]::new(");
    const answer = await runCli(["__complete", "fish", "--", "us", "l"]);
    expect(answer.stdout).toMatch(/^list\tList users.*\nlock\tLock a user/);
  });

  test("an unknown shell is a usage error", async () => {
    const result = await runCli(["completion", "tcsh"]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr).error.message).toMatch(/^<shell> must be one of bash, zsh, fish, powershell/);
  });
});
