import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { expandAlias, joinCommandLine, splitCommandLine } from "../settings/aliases";
import { useCliSandbox } from "../testing/cli-sandbox";

const { clerk: run, sandbox } = useCliSandbox();
const SLOW = { timeout: 60_000 };

let configDir: string;
beforeEach(() => {
  configDir = mkdtempSync(join(tmpdir(), "clerk-alias-"));
});
afterEach(() => rmSync(configDir, { recursive: true, force: true }));

const clerk = (args: string[]) => run(args, { env: { CLERK_CONFIG_DIR: configDir } });
const errorOf = (stderr: string) => JSON.parse(stderr).error as { message: string; hint?: string };

describe("command line splitting", () => {
  test("words, quotes and escapes as a shell reads them", () => {
    expect(splitCommandLine(`users list  --query "ada lovelace" --order-by '-created_at' a\\ b ""`)).toEqual([
      "users",
      "list",
      "--query",
      "ada lovelace",
      "--order-by",
      "-created_at",
      "a b",
      "",
    ]);
    expect(() => splitCommandLine('users list --query "open')).toThrow(/unclosed "/);
    expect(expandAlias(["ul", "--json"], { ul: "users list --limit 5" })).toEqual([
      "users",
      "list",
      "--limit",
      "5",
      "--json",
    ]);
    expect(expandAlias(["users", "list"], { ul: "users list" })).toBeUndefined();
  });
});

describe("clerk config alias", SLOW, () => {
  test("add, run with more arguments, list, path, remove", async () => {
    for (const email of ["a@example.com", "b@example.com", "c@example.com"]) {
      await sandbox.bapi("POST", "/users", { email_address: [email] });
    }
    const added = await clerk(["config", "alias", "add", "ul", "users list --limit 2 --order-by created_at"]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain("Added alias ul: clerk ul → clerk users list --limit 2 --order-by created_at");

    // The alias expands before resolution; what follows it is appended (and may override).
    const listed = await clerk(["ul", "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    const page = listed.json<{ data: { email_addresses: { email_address: string }[] }[]; total_count: number }>();
    expect(page.data.map((u) => u.email_addresses[0]?.email_address)).toEqual(["a@example.com", "b@example.com"]);
    expect((await clerk(["ul", "--limit", "3", "--json"])).json<{ data: unknown[] }>().data).toHaveLength(3);
    expect((await clerk(["ul", "--help"])).stdout).toContain("clerk users list");

    const file = (await clerk(["config", "alias", "path"])).stdout.trim();
    expect(file).toBe(join(configDir, "aliases.json"));
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ ul: "users list --limit 2 --order-by created_at" });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    await clerk(["config", "alias", "add", "count", "users count"]);
    const list = await clerk(["config", "alias", "list", "--json"]);
    expect(list.json()).toEqual([
      { name: "count", command: "users count" },
      { name: "ul", command: "users list --limit 2 --order-by created_at" },
    ]);
    expect((await clerk(["config", "alias", "list"])).stdout).toMatch(/^ALIAS\s+COMMAND/);

    const replaced = await clerk(["config", "alias", "add", "count", "users count --query a"]);
    expect(replaced.stdout).toContain("Replaced alias count");
    expect(replaced.stdout).toContain("(was: users count)");

    const removed = await clerk(["config", "alias", "remove", "ul"]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain("Removed alias ul");
    const gone = await clerk(["ul"]);
    expect(gone.code).toBe(2);
    expect(errorOf(gone.stderr).message).toBe('unknown command "ul"');
    expect((await clerk(["config", "alias", "remove", "ul"])).code).toBe(2);
  });

  test("aliases cannot shadow commands, and must stand for one", async () => {
    const cases: [string, string, RegExp][] = [
      ["users", "orgs list", /would shadow `clerk users`/],
      ["us", "orgs list", /would shadow `clerk users`/],
      ["doc", "users list", /would shadow `clerk doctor`/],
      ["ux", "usrs list", /unknown command "usrs"/],
      ["ux", "--json", /an alias stands for a command/],
      ["u.x", "users list", /not a valid alias name/],
    ];
    for (const [name, command, message] of cases) {
      // After `--` even a line starting with a dash reaches the command.
      const result = await clerk(["config", "alias", "add", name, "--", command]);
      expect(result.code, `${name} = ${command}`).toBe(2);
      expect(errorOf(result.stderr).message).toMatch(message);
    }
    // An ambiguous abbreviation (ui, unlink, users) is no command, so it may be an alias.
    expect((await clerk(["config", "alias", "add", "u", "users list"])).code).toBe(0);
    expect((await clerk(["u", "--json"])).code).toBe(0);
    // A command always wins: `clerk us ls` still means users list.
    expect((await clerk(["us", "ls", "--json"])).json()).toMatchObject({ total_count: 0 });
  });
});

describe("Go CLI spellings: alias add NAME words…, alias rm", SLOW, () => {
  test("joined words split back to the same words", () => {
    const words = ["users", "list", "--query", "ada lovelace", "--order-by", "-created_at", "it's", ""];
    expect(splitCommandLine(joinCommandLine(words))).toEqual(words);
    expect(joinCommandLine(["users list --limit 5"])).toBe("users list --limit 5");
  });

  test("unquoted words, flags after --, and rm", async () => {
    await sandbox.bapi("POST", "/users", { email_address: ["unquoted@example.com"] });
    const added = await clerk(["config", "alias", "add", "ul", "users", "list"]);
    expect(added.code, added.stderr).toBe(0);
    const dashed = await clerk(["config", "alias", "add", "uj", "--", "users", "list", "--limit", "1", "--json"]);
    expect(dashed.code, dashed.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(configDir, "aliases.json"), "utf8"))).toEqual({
      uj: "users list --limit 1 --json",
      ul: "users list",
    });
    const used = await clerk(["uj"]);
    expect(used.code, used.stderr).toBe(0);
    expect(used.json<{ data: unknown[] }>().data).toHaveLength(1);

    const removed = await clerk(["config", "alias", "rm", "ul"]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain("Removed alias ul");
    expect(Object.keys(JSON.parse(readFileSync(join(configDir, "aliases.json"), "utf8")))).toEqual(["uj"]);
  });
});
