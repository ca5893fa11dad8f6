import { describe, expect, test } from "vitest";
import { fitColumns, truncate } from "./output";
import { useCliSandbox } from "./testing/cli-sandbox";
import { runCli } from "./testing/run-cli";
import { plain, runCliOnTty } from "./testing/run-tty";

/** Terminal output for people (issue 18): tables and help fit the width, errors read as sentences. */
const { clerk, env, sandbox } = useCliSandbox();
const SLOW = { timeout: 60_000 };

const longest = (text: string) => Math.max(...text.split("\n").map((line) => Array.from(line).length));

async function createUser(body: Record<string, unknown>): Promise<string> {
  const response = await sandbox.bapi("POST", "/users", body);
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

describe("tables fit the terminal", SLOW, () => {
  test("fitColumns shortens the widest column first, keeps headers, and the first column last", () => {
    expect(fitColumns([10, 5], 40)).toEqual([10, 5]);
    expect(fitColumns([10, 30, 8], 40)).toEqual([10, 18, 8]);
    // Two wide columns give alike; the header (8) stays whole while others can give.
    expect(fitColumns([10, 30, 30], 40, [2, 8, 8])).toEqual([10, 13, 13]);
    // Only when the others are down to their least does the first column give.
    expect(fitColumns([30, 20], 20)).toEqual([12, 6]);
    expect(truncate("leslie@example.com", 8)).toBe("leslie@…");
    expect(truncate("short", 8)).toBe("short");
  });

  test("COLUMNS=60: every line fits, cut values end in …; --json and piped output keep every character", async () => {
    const email = "a.very.long.email.address.for.testing@example.com";
    await createUser({ email_address: [email], first_name: "Augusta Ada", last_name: "King-Noel, Countess" });
    const narrow = await clerk(["users", "list", "--mode", "human"], { env: { COLUMNS: "60" } });
    expect(narrow.code, narrow.stderr).toBe(0);
    expect(longest(narrow.stdout)).toBeLessThanOrEqual(60);
    expect(narrow.stdout).toMatch(/^ID\s+EMAIL\s+NAME/);
    expect(narrow.stdout).toContain("…");
    expect(narrow.stdout).not.toContain(email);

    const piped = await clerk(["users", "list", "--mode", "human"]);
    expect(piped.stdout).toContain(email);
    expect(piped.stdout).not.toContain("…");
    const json = await clerk(["users", "list", "--json"], { env: { COLUMNS: "60" } });
    expect(json.json()).toMatchObject({ data: [{ email_addresses: [{ email_address: email }] }] });
  });
});

describe("help wraps at word boundaries", SLOW, () => {
  test("clerk --help and a command's help fit COLUMNS=60 and never cut a word", async () => {
    const wide = await runCli(["--help"]);
    for (const args of [["--help"], ["users", "list", "--help"]]) {
      const help = await runCli(args, { env: { COLUMNS: "60" } });
      expect(help.code).toBe(0);
      expect(longest(help.stdout), args.join(" ")).toBeLessThanOrEqual(60);
      if (args.length === 1) {
        // Same words, only the line breaks differ.
        const words = (text: string) => text.split(/\s+/).filter(Boolean);
        expect(words(help.stdout)).toEqual(words(wide.stdout));
      }
    }
    const help = (await runCli(["--help"], { env: { COLUMNS: "80" } })).stdout;
    // A continued description lines up under its text column (when that is in the left half).
    const entry = /\n {2}(users <command> +)list, count, get,[^\n]*\n( *)\S/.exec(help);
    expect(entry?.[2]?.length).toBe(2 + (entry?.[1]?.length ?? 0));
    // Piped with no width: one line per entry, as before.
    expect(wide.stdout).toMatch(
      /\n {2}users <command> +list, count, get, create, update, delete, ban, unban, [^\n]*memberships, [^\n]*\n {2}sessions <command>/,
    );
  });
});

describe("input errors are sentences naming the flag", SLOW, () => {
  test("bad numbers and bounds say what --limit expects (exit 2)", async () => {
    const cases: [string[], string][] = [
      [["users", "list", "--limit=abc"], '--limit expects a number, got "abc"'],
      [["users", "list", "--limit", "1.5"], '--limit expects a whole number, got "1.5"'],
      [["users", "list", "--limit=0"], "--limit must be at least 1"],
      [["users", "list", "--limit=501"], "--limit must be at most 500"],
      [["users", "list", "--offset=-1"], "--offset must be at least 0"],
      [["users", "get", ""], "<user_id> cannot be empty"],
      [
        ["users", "create", "--public-metadata", "x"],
        '--public-metadata: must be a JSON object, e.g. \'{"plan":"pro"}\'',
      ],
      [["users", "list", "--banned=yes"], "--banned is a switch and takes no value"],
      [["users", "get"], "missing argument <user_id>"],
    ];
    for (const [args, message] of cases) {
      const result = await clerk(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(JSON.parse(result.stderr).error.message, args.join(" ")).toBe(message);
    }
    const human = await clerk(["users", "list", "--limit=abc", "--mode", "human"]);
    expect(human.stderr).toBe('error: --limit expects a number, got "abc"\nRun `clerk users list --help` for usage.\n');
  });
});

describe("one record on a terminal: a detail view", SLOW, () => {
  test("clerk users get: name, identifiers (primary, verified), status, dates, metadata as indented JSON", async () => {
    const id = await createUser({
      email_address: ["ada@example.com", "lovelace@example.com"],
      first_name: "Ada",
      last_name: "Lovelace",
      public_metadata: { plan: "pro" },
    });
    await sandbox.bapi("POST", `/users/${id}/ban`);
    const tty = await runCliOnTty(["users", "get", id], { env: { ...env(), NO_COLOR: "1" } }).done;
    expect(tty.code, tty.output).toBe(0);
    const shown = plain(tty.output).replace(/\r\n/g, "\n");
    expect(shown).toMatch(new RegExp(`^Ada Lovelace \\(${id}\\)\n`));
    expect(shown).toMatch(/\nName\n {2}first name +Ada\n {2}last name +Lovelace\n/);
    expect(shown).toMatch(
      /\nIdentifiers\n {2}email +ada@example\.com \(primary, verified\)\n {2}email +lovelace@example\.com \(/,
    );
    expect(shown).toMatch(/\nStatus\n {2}status +banned\n {2}banned +yes\n {2}locked +no\n/);
    expect(shown).toMatch(/\nDates\n {2}created +\d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    expect(shown).toMatch(/\nMetadata\n {2}public +\{\n +"plan": "pro"\n +\}\n/);
    // Piped, it stays the one-row table scripts read.
    const piped = await clerk(["users", "get", id]);
    expect(piped.stdout).toMatch(/^ID\s+EMAIL\s+NAME\s+USERNAME\s+STATUS/);
  });

  test("a get without a declared view: every field as key: value, times as dates", async () => {
    const response = await sandbox.bapi("POST", "/organizations", { name: "Analytical Engines", slug: "engines" });
    const org = (await response.json()) as { id: string };
    const tty = await runCliOnTty(["orgs", "get", org.id], { env: { ...env(), NO_COLOR: "1" } }).done;
    expect(tty.code, tty.output).toBe(0);
    const shown = plain(tty.output).replace(/\r\n/g, "\n");
    expect(shown).toMatch(new RegExp(`^organization ${org.id}\n\n`));
    expect(shown).toMatch(/\nname +Analytical Engines\n/);
    expect(shown).toMatch(/\nslug +engines\n/);
    expect(shown).toMatch(/\ncreated at +\d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    expect(shown).not.toMatch(/\d{13}/);
  });
});
