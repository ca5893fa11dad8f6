import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { platformClient } from "../../server/sandbox/platform/test-client";
import { DEMO_EPOCH, parseSeed } from "../../server/sandbox/seed";
import { useCliSandbox } from "../testing/cli-sandbox";
import { useStubRegistry } from "../testing/npm-registry";
import { type CliResult, runCli } from "../testing/run-cli";
import { parseCommandLine } from "./command-line";
import { type Expectation, problemWith } from "./expectation";
import { LineTokens } from "./tokens";

/**
 * The compatibility suite (issue 14): every command line of Clerk's CLI documents and of the
 * official CLI's --help runs against a sandbox and must do what the document says, except the
 * lines listed in unsupported.json, which must still fail (a fixed line leaves the list).
 */
interface ReferenceLine {
  id: string;
  source: string;
  line: string;
  run?: string;
  expect?: Expectation;
  before?: string[];
  files?: Record<string, string>;
  /** null removes a variable of the suite's environment. */
  env?: Record<string, string | null>;
}
interface Listed {
  id: string;
  line: string;
  reason: string;
}

const read = <T>(name: string) => JSON.parse(readFileSync(new URL(name, import.meta.url), "utf8")) as T;
const { lines } = read<{ lines: ReferenceLine[] }>("./reference-lines.json");
const listed = read<{ unsupported: Listed[]; notYet: Listed[] }>("./unsupported.json");
const expectedToFail = new Map([...listed.unsupported, ...listed.notYet].map((entry) => [entry.id, entry]));

declare const __CLERK_VERSION__: string;

const { sandbox, env } = useCliSandbox({ seed: parseSeed("demo"), resetEachTest: false });
/**
 * `clerk update` asks this registry, not npm's: this version is the latest (so `update --yes`
 * has nothing to install) and the canary channel is newer (the suite's clerk is a source
 * checkout, which only gets the git instructions, and no line has --yes with --channel).
 */
const registry = useStubRegistry("clerk-panel", { latest: __CLERK_VERSION__, canary: "99.0.0-canary.0" });
const scratch = mkdtempSync(join(tmpdir(), "clerk-compat-"));
let configJson = "{}";
const platform = platformClient(sandbox);
const INSTANCES = ["development", "production"] as const;
const configPath = (instance: string) =>
  `/applications/${sandbox.credentials.application_id}/instances/${instance}/config`;
/** Each instance's config as the suite starts: every line starts from it (see knownConfigs). */
const startingConfigs = new Map<string, Record<string, unknown>>();
const withoutVersion = ({ config_version: _version, ...config }: Record<string, unknown>) => config;

/**
 * Puts back each instance's starting config if an earlier line changed it (`instance update`,
 * `enable orgs`, `config put --instance prod`…), so that a line such as `config patch --file
 * config.json` acts on the config that config.json was pulled from, whatever ran before it.
 */
async function knownConfigs(): Promise<void> {
  for (const instance of INSTANCES) {
    const start = startingConfigs.get(instance);
    const live = withoutVersion(await platform.json("GET", configPath(instance)));
    if (!start || JSON.stringify(live) === JSON.stringify(start)) continue;
    await platform.json("PUT", `${configPath(instance)}?destructive=true`, start);
    expect(withoutVersion(await platform.json("GET", configPath(instance))), `${instance} config restored`).toEqual(
      start,
    );
  }
}
/** COMPAT_RECORD=<file>: also write every line's outcome there (to maintain unsupported.json). */
const outcomes: { id: string; line: string; problem?: string }[] = [];

/** The account's applications before any line ran (the sandbox's own). */
let accountApplications = new Set<string>();

async function platformApi(method: string, path: string): Promise<Response> {
  return fetch(`${sandbox.apiUrl}/platform${path}`, {
    method,
    headers: { authorization: `Bearer ${sandbox.credentials.platform_api_key}` },
  });
}

async function applicationIds(): Promise<string[]> {
  const response = await platformApi("GET", "/applications");
  const apps = (await response.json()) as { application_id: string }[];
  return apps.map((app) => app.application_id);
}

/** Applications a line created (`apps create "My App"`) are deleted: later lines expect the one account app. */
async function removeCreatedApplications(): Promise<void> {
  for (const id of await applicationIds()) {
    if (!accountApplications.has(id)) await platformApi("DELETE", `/applications/${id}`);
  }
}

beforeAll(async () => {
  accountApplications = new Set(await applicationIds());
  // The demo billing data's present (mid-February 2025), as in billing.test.ts.
  await sandbox.control("clock", { now: DEMO_EPOCH + 40 * 86_400_000, freeze: true });
  const pulled = await runCli(["config", "pull", "--json"], { env: lineEnv(scratch) });
  if (pulled.code === 0) configJson = pulled.stdout;
  for (const instance of INSTANCES) {
    startingConfigs.set(instance, withoutVersion(await platform.json("GET", configPath(instance))));
  }
});
afterAll(() => {
  if (process.env.COMPAT_RECORD) writeFileSync(process.env.COMPAT_RECORD, JSON.stringify(outcomes, null, 2));
  rmSync(scratch, { recursive: true, force: true });
});

function lineEnv(home: string): Record<string, string> {
  return {
    ...env(),
    CLERK_PLATFORM_API_KEY: sandbox.credentials.platform_api_key,
    HOME: home,
    npm_config_registry: registry.url(),
  };
}

/** Runs one reference line in its own HOME and directory; undefined when it behaves as documented. */
async function problemOf(reference: ReferenceLine): Promise<string | undefined> {
  const dir = mkdtempSync(join(scratch, "line-"));
  const home = join(dir, "home");
  const cwd = join(dir, "project");
  mkdirSync(home);
  mkdirSync(cwd);
  await knownConfigs();
  const tokens = new LineTokens(sandbox);
  const userBody = await tokens.fill('{"email_address":["{email}"],"first_name":"Compat"}');
  const files: Record<string, string> = {
    "payload.json": userBody,
    "user.json": userBody,
    "config.json": configJson,
    ...reference.files,
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(cwd, name), await tokens.fill(content));
  const runEnv: Record<string, string | undefined> = { ...lineEnv(home) };
  for (const [name, value] of Object.entries(reference.env ?? {})) runEnv[name] = value ?? undefined;
  for (const step of reference.before ?? []) {
    const setUp = await runCli(parseCommandLine(`clerk ${await tokens.fill(step)}`).args, { env: runEnv, cwd });
    if (setUp.code !== 0) return `set-up \`${step}\` failed (${setUp.code}): ${setUp.stderr.slice(0, 200)}`;
  }
  const command = parseCommandLine(await tokens.fill(reference.run ?? reference.line));
  // A pipe into clerk: stdin is a file, as the shell's pipe is no socket (Node's own stdin pipe is one).
  const stdin = command.stdin && ("file" in command.stdin ? files[command.stdin.file] : command.stdin.text);
  if (stdin !== undefined) writeFileSync(join(dir, "stdin"), await tokens.fill(stdin));
  const inputFile = stdin === undefined ? {} : { inputFile: join(dir, "stdin") };
  const result = await runCli(command.args, { env: runEnv, cwd, ...inputFile, timeoutMs: 20_000 }).catch(
    (error: Error): CliResult => ({
      code: null,
      stdout: "",
      stderr: error.message.split("\n")[0] ?? "",
      json: () => {
        throw error;
      },
    }),
  );
  return problemWith(result, reference.expect);
}

describe("the reference lists", () => {
  test("every listed line is a reference line, listed once, with a reason", () => {
    const ids = new Set(lines.map((line) => line.id));
    expect(ids.size).toBe(lines.length);
    const all = [...listed.unsupported, ...listed.notYet];
    expect(all.filter((entry) => !ids.has(entry.id)).map((e) => e.id)).toEqual([]);
    expect(new Set(all.map((entry) => entry.id)).size).toBe(all.length);
    expect(all.filter((entry) => !entry.reason).map((e) => e.id)).toEqual([]);
    expect(listed.notYet.filter((entry) => !entry.reason.startsWith("pending: ")).map((e) => e.id)).toEqual([]);
  });
});

describe("reference command lines run against the sandbox", { timeout: 60_000 }, () => {
  for (const reference of lines) {
    const listing = expectedToFail.get(reference.id);
    test(`${reference.id} ${reference.line}`, async () => {
      const problem = await problemOf(reference);
      await removeCreatedApplications();
      outcomes.push({ id: reference.id, line: reference.line, ...(problem ? { problem } : {}) });
      if (listing) {
        expect(
          problem,
          `listed in unsupported.json (${listing.reason}) but it now works: remove it from the list`,
        ).toBeDefined();
      } else {
        expect(problem, `${reference.run ?? reference.line}`).toBeUndefined();
      }
    });
  }
});
