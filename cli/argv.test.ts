import { afterEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { attachDashValues, hoistGlobals } from "./argv";
import { defineCommand } from "./command";
import { UsageError } from "./errors";
import { takeMode } from "./mode";
import { parseCommandLine } from "./parse";
import { resolveCommand } from "./tree";

const list = defineCommand({
  id: "users.list",
  summary: "List users",
  input: z.object({ order_by: z.string().optional(), query: z.string().optional() }),
  examples: [],
  run: async () => {},
});
const get = defineCommand({
  id: "users.get",
  summary: "Get a user",
  input: z.object({ user_id: z.string() }),
  positionals: ["user_id"],
  examples: [],
  run: async () => {},
});

/** What main does: global flags out of the command words, the command found, its tokens parsed. */
async function parse(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const { globals, rest } = hoistGlobals(takeMode(argv, env));
  const found = resolveCommand([list, get], rest);
  if (found.kind !== "command") throw new Error(`no command in ${argv.join(" ")}`);
  return { id: found.spec.id, ...(await parseCommandLine(found.spec, [...globals, ...found.rest])) };
}

afterEach(() => {
  delete process.env.CLERK_CLI_DEBUG;
  takeMode([], {});
});

describe("global flags anywhere (Go CLI)", () => {
  test("before the command: -o json, --profile, -p, --output=yaml, -ojson", async () => {
    expect((await parse(["-o", "json", "users", "list"])).globals.output).toBe("json");
    expect((await parse(["--profile", "work", "users", "list"])).globals.profile).toBe("work");
    expect((await parse(["-p", "work", "users", "list"])).globals.profile).toBe("work");
    expect((await parse(["--output=yaml", "users", "list"])).globals.output).toBe("yaml");
    expect((await parse(["-ojson", "users", "list"])).globals.output).toBe("json");
    expect((await parse(["--profile", "staging", "-o", "json", "users", "list"])).globals).toMatchObject({
      profile: "staging",
      output: "json",
    });
  });

  test("between the command words and after them", async () => {
    const between = await parse(["users", "--debug", "list", "--query", "ada"]);
    expect(between.id).toBe("users.list");
    expect(between.globals.debug).toBe(true);
    expect(between.input).toEqual({ query: "ada" });
    const after = await parse(["users", "get", "user_1", "-p", "work", "--debug"]);
    expect(after.input).toEqual({ user_id: "user_1" });
    expect(after.globals).toMatchObject({ profile: "work", debug: true });
  });

  test("hoisting stops at the command's own options and at --", () => {
    expect(hoistGlobals(["users", "list", "--query", "-o", "--debug"])).toEqual({
      globals: [],
      rest: ["users", "list", "--query", "-o", "--debug"],
    });
    expect(hoistGlobals(["--debug", "users", "get", "--", "-p"])).toEqual({
      globals: ["--debug"],
      rest: ["users", "get", "--", "-p"],
    });
  });

  test("--json followed by inline JSON is the command's document (config patch), not the global flag", () => {
    expect(hoistGlobals(["config", "patch", "--json", '{"session":{}}', "--dry-run"])).toEqual({
      globals: [],
      rest: ["config", "patch", "--json", '{"session":{}}', "--dry-run"],
    });
    expect(hoistGlobals(["config", "--json", "patch", "x.json"])).toEqual({
      globals: ["--json"],
      rest: ["config", "patch", "x.json"],
    });
  });

  test("a global flag before the command without its value is a usage error", () => {
    expect(() => hoistGlobals(["users", "list", "--profile"])).toThrow(UsageError);
    expect(() => hoistGlobals(["-p"])).toThrow(/-p needs a value/);
  });

  test("-f/--force are --yes; --verbose and CLERK_CLI_DEBUG=1 are --debug", async () => {
    expect((await parse(["-f", "users", "list"])).globals.yes).toBe(true);
    expect((await parse(["users", "list", "--force"])).globals.yes).toBe(true);
    expect((await parse(["users", "list", "-y"])).globals.yes).toBe(true);
    expect((await parse(["users", "list"])).globals.debug).toBe(false);
    expect((await parse(["users", "list", "--verbose"])).globals.debug).toBe(true);
    process.env.CLERK_CLI_DEBUG = "1";
    expect((await parse(["users", "list"])).globals.debug).toBe(true);
    process.env.CLERK_CLI_DEBUG = "true";
    expect((await parse(["users", "list"])).globals.debug).toBe(true);
  });
});

test("a command's own --force is its own, not --yes", async () => {
  const own = defineCommand({
    id: "things.push",
    summary: "Push",
    input: z.object({ force: z.boolean().default(false) }),
    examples: [],
    run: async () => {},
  });
  const parsed = await parseCommandLine(own, ["--force"]);
  expect(parsed.input).toEqual({ force: true });
  expect(parsed.globals.yes).toBe(false);
  expect((await parseCommandLine(own, ["-y"])).globals.yes).toBe(true);
  // Right after the command words, where global flags are hoisted, it stays the command's.
  const { globals, rest } = hoistGlobals(["things", "push", "--force"]);
  expect(globals).toEqual(["--force"]);
  const hoisted = await parseCommandLine(own, [...globals, ...rest.slice(2)]);
  expect(hoisted.input).toEqual({ force: true });
  expect(hoisted.globals.yes).toBe(false);
});

describe("values starting with -", () => {
  test("--order-by -created_at takes the value without =", async () => {
    expect((await parse(["users", "list", "--order-by", "-created_at"])).input).toEqual({ order_by: "-created_at" });
    expect((await parse(["users", "list", "--order-by=-created_at", "--json"])).input).toEqual({
      order_by: "-created_at",
    });
  });

  test("a known flag after a value-taking flag is not its value", () => {
    const options = { query: { type: "string" as const }, yes: { type: "boolean" as const, short: "y" } };
    expect(attachDashValues(["--query", "--yes"], options)).toEqual(["--query", "--yes"]);
    expect(attachDashValues(["--query", "-y"], options)).toEqual(["--query", "-y"]);
    expect(attachDashValues(["--query", "-ada"], options)).toEqual(["--query=-ada"]);
    expect(attachDashValues(["--yes", "-ada"], options)).toEqual(["--yes", "-ada"]);
  });

  test("-- ends the options: what follows is positional, even -p or --debug", async () => {
    const parsed = await parse(["users", "get", "--", "--debug"]);
    expect(parsed.input).toEqual({ user_id: "--debug" });
    expect(parsed.globals.debug).toBe(false);
    expect(attachDashValues(["--", "--query", "-x"], { query: { type: "string" } })).toEqual(["--", "--query", "-x"]);
  });
});

describe("--mode and CLERK_MODE", () => {
  test("agent mode makes JSON the default output; -o still wins", async () => {
    expect((await parse(["users", "list", "--mode", "agent"])).globals.output).toBe("json");
    expect((await parse(["--mode=agent", "users", "list"])).globals.output).toBe("json");
    expect((await parse(["--mode", "agent", "users", "list", "-o", "table"])).globals.output).toBe("table");
    expect((await parse(["users", "list"], { CLERK_MODE: "agent" })).globals.output).toBe("json");
    expect((await parse(["users", "list", "--mode", "human"], { CLERK_MODE: "agent" })).globals.output).toBe("table");
    expect((await parse(["users", "list"])).globals.output).toBe("table");
  });

  test("another value is a usage error naming the fix", () => {
    expect(() => takeMode(["--mode", "robot"], {})).toThrow(/--mode must be human or agent/);
    expect(() => takeMode([], { CLERK_MODE: "x" })).toThrow(/CLERK_MODE must be human or agent/);
    expect(() => takeMode(["users", "list", "--mode"], {})).toThrow(/--mode needs a value/);
  });
});

describe("command words of the other CLIs", () => {
  const named = (...ids: string[]) => ids.map((id) => ({ id }));
  const idOf = (
    argv: string[],
    commands = named("login", "logout", "whoami", "webhooks.listen", "config.alias.remove", "users.delete"),
  ) => {
    const found = resolveCommand(commands, argv);
    return found.kind === "command" ? found.spec.id : found.kind;
  };
  test("signin/signup/sign-in, signout/sign-out, rm for remove or delete, w for whoami", () => {
    expect(["signin", "signup", "sign-in"].map((word) => idOf([word]))).toEqual(["login", "login", "login"]);
    expect(["signout", "sign-out"].map((word) => idOf([word]))).toEqual(["logout", "logout"]);
    expect(idOf(["config", "alias", "rm", "x"])).toBe("config.alias.remove");
    expect(idOf(["users", "rm", "x"])).toBe("users.delete");
    expect(idOf(["w"])).toBe("whoami");
    expect(idOf(["we", "listen"])).toBe("webhooks.listen");
  });
});
