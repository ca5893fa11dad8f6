import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { RuntimeError } from "../errors";
import type { CredentialStore } from "./types";

/** The keychain service every entry is filed under; accounts are `<profile>:<key>`. */
export const SERVICE = "clerk-cli";

export const accountOf = (profile: string, key: string) => `${profile}:${key}`;

/** A locked keychain may wait forever for a password prompt nobody sees; the CLI must not. */
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 3000;

export function keychainTimeoutMs(env: NodeJS.ProcessEnv): number {
  const configured = Number(env.CLERK_KEYCHAIN_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_KEYCHAIN_TIMEOUT_MS;
}

export class KeychainTimeoutError extends Error {
  constructor(ms: number) {
    super(`the OS keychain did not answer within ${ms / 1000} s (is it locked?)`);
  }
}

type KeytarOp =
  | { op: "find" }
  | { op: "get"; account: string }
  | { op: "set"; account: string; password: string }
  | { op: "delete"; account: string };

/**
 * Runs in a child process: keytar's calls block a libuv thread (libsecret waits on D-Bus, up
 * to forever for an unlock prompt), and Node's exit waits for that thread. Killing a child is
 * the only way to give up on a stuck keychain without the CLI hanging at exit. The request
 * (with any password) goes over stdin, never argv.
 */
const HELPER = `
const keytar = require(process.argv[1]);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const { service, ops } = JSON.parse(input);
  const results = [];
  try {
    for (const op of ops) {
      if (op.op === "find") results.push(await keytar.findCredentials(service));
      else if (op.op === "get") results.push(await keytar.getPassword(service, op.account));
      else if (op.op === "set") { await keytar.setPassword(service, op.account, op.password); results.push(null); }
      else if (op.op === "delete") results.push(await keytar.deletePassword(service, op.account));
    }
    process.stdout.write(JSON.stringify({ ok: true, results }));
  } catch (error) {
    process.stdout.write(JSON.stringify({ ok: false, error: String((error && error.message) || error) }));
  }
});
`;

/** Where keytar (an optional dependency) is installed; the reason it cannot be used otherwise. */
export function locateKeytar(): { path: string } | { unavailable: string } {
  try {
    return { path: createRequire(import.meta.url).resolve("keytar") };
  } catch {
    return { unavailable: "keytar (the optional keychain module) is not installed" };
  }
}

/** Runs keytar operations in a child process, killed after `timeoutMs`. */
function runKeytar(keytarPath: string, ops: KeytarOp[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", HELPER, keytarPath], { stdio: ["pipe", "pipe", "pipe"], env });
    let stdout = "";
    let stderr = "";
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      settle(() => reject(new KeychainTimeoutError(timeoutMs)));
    }, timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", (error) => settle(() => reject(error)));
    child.on("close", (code) =>
      settle(() => {
        let answer: { ok: boolean; results?: unknown[]; error?: string } | undefined;
        try {
          answer = JSON.parse(stdout);
        } catch {
          answer = undefined;
        }
        if (answer?.ok && answer.results) resolve(answer.results);
        else if (answer) reject(new Error(answer.error ?? "unknown keychain error"));
        else {
          const line = stderr.split("\n").find((l) => /Error|error/.test(l)) ?? stderr.split("\n")[0] ?? "";
          reject(new Error(`keytar failed to load (exit ${code}): ${line.trim()}`));
        }
      }),
    );
    child.stdin.on("error", () => {}); // The child may die before reading; the close handler reports it.
    child.stdin.end(JSON.stringify({ service: SERVICE, ops }));
  });
}

/**
 * Opens the keychain: one `findCredentials` both proves a keychain answers (a Secret Service
 * on Linux) and reads this service's entries, so later reads in this run cost nothing.
 */
export async function openKeychain(keytarPath: string, env: NodeJS.ProcessEnv): Promise<KeychainStore> {
  const ms = keychainTimeoutMs(env);
  const [entries] = (await runKeytar(keytarPath, [{ op: "find" }], env, ms)) as [
    { account: string; password: string }[],
  ];
  return new KeychainStore(keytarPath, env, ms, new Map(entries.map((entry) => [entry.account, entry.password])));
}

function keychainFailure(error: unknown): RuntimeError {
  const message = error instanceof Error ? error.message : String(error);
  return new RuntimeError(
    `The OS keychain failed: ${message}`,
    "Unlock your keychain and try again, or set CLERK_CREDENTIAL_STORE=file to use a 0600 file instead.",
    "keychain_unavailable",
  );
}

export class KeychainStore implements CredentialStore {
  readonly kind = "keychain" as const;
  readonly location = `OS keychain (service ${SERVICE})`;

  constructor(
    private readonly keytarPath: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly timeoutMs: number,
    private readonly entries: Map<string, string>,
  ) {}

  private async run(ops: KeytarOp[]): Promise<unknown[]> {
    try {
      return await runKeytar(this.keytarPath, ops, this.env, this.timeoutMs);
    } catch (error) {
      throw keychainFailure(error);
    }
  }

  async get(profile: string, key: string, fresh = false): Promise<string | undefined> {
    const account = accountOf(profile, key);
    if (fresh) {
      const [value] = (await this.run([{ op: "get", account }])) as [string | null];
      if (value === null) this.entries.delete(account);
      else this.entries.set(account, value);
    }
    return this.entries.get(account);
  }

  async set(profile: string, key: string, value: string): Promise<void> {
    const account = accountOf(profile, key);
    await this.run([{ op: "set", account, password: value }]);
    this.entries.set(account, value);
  }

  async delete(profile: string, key: string): Promise<boolean> {
    const account = accountOf(profile, key);
    if (!this.entries.has(account)) return false;
    const [deleted] = (await this.run([{ op: "delete", account }])) as [boolean];
    this.entries.delete(account);
    return deleted;
  }

  async deleteProfile(profile: string): Promise<string[]> {
    const keys = await this.keys(profile);
    if (keys.length === 0) return [];
    await this.run(keys.map((key) => ({ op: "delete" as const, account: accountOf(profile, key) })));
    for (const key of keys) this.entries.delete(accountOf(profile, key));
    return keys;
  }

  async keys(profile: string): Promise<string[]> {
    const prefix = `${profile}:`;
    return [...this.entries.keys()].filter((account) => account.startsWith(prefix)).map((a) => a.slice(prefix.length));
  }
}
