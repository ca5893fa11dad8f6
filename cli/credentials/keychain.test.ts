import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { useSandbox } from "../../server/sandbox/testing/harness";
import { CLI_BIN, type CliResult, runCli } from "../testing/run-cli";

/**
 * The keychain against a real Secret Service: each run gets its own D-Bus session bus
 * (dbus-run-session) with gnome-keyring unlocked inside it, a throw-away HOME and no DISPLAY.
 */

const sandbox = useSandbox();

/** Each run starts a session bus and a keyring daemon: slower than a plain CLI run. */
const SLOW = { timeout: 60_000 };

function missingTool(): string | undefined {
  for (const tool of ["dbus-run-session", "gnome-keyring-daemon"]) {
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) return tool;
  }
  return undefined;
}

beforeAll(() => {
  const missing = missingTool();
  if (missing) {
    throw new Error(
      `${missing} is not installed: the keychain tests need a real Secret Service. Run \`bash scripts/test-setup.sh\` (as root) to install dbus and gnome-keyring.`,
    );
  }
});

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "clerk-keychain-"));
  mkdirSync(join(home, "data"));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const UNLOCK = "echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null";

function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  // Built from scratch: no DISPLAY, no outer DBUS_SESSION_BUS_ADDRESS, nothing of the developer's keychain.
  return {
    PATH: process.env.PATH as string,
    HOME: home,
    XDG_DATA_HOME: join(home, "data"),
    NO_COLOR: "1",
    CLERK_API_URL: sandbox.url,
    ...extra,
  };
}

/** Runs a command inside a fresh session bus with an unlocked gnome-keyring. */
function inSession(command: string[], extra: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("dbus-run-session", ["--", "bash", "-c", `${UNLOCK}; exec "$@"`, "bash", ...command], {
      cwd: home,
      env: baseEnv(extra),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command.join(" ")} timed out\n${stderr}`));
    }, 15_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, json: () => JSON.parse(stdout) });
    });
  });
}

const clerkInSession = (args: string[], extra: Record<string, string> = {}) =>
  inSession([process.execPath, CLI_BIN, ...args], extra);

/** Every file under HOME whose bytes contain `secret`. */
function filesContaining(secret: string, dir = home): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesContaining(secret, path));
    else if (entry.isFile() && readFileSync(path).includes(secret)) found.push(path);
  }
  return found;
}

const configDir = () => join(home, ".config", "clerk", "cli");

/** `doctor --json`: the array of results; the store rides on its check, the settings on `profile`. */
type DoctorJson = {
  id: string;
  status: string;
  summary: string;
  remedy?: string;
  credential_store?: { kind: string; location: string; reason: string; fallback: boolean };
  settings?: Record<string, { value: string | null; detail: string }>;
}[];
const checkOf = (report: DoctorJson, id: string) => report.find((c) => c.id === id);

describe("OS keychain (Secret Service via gnome-keyring)", SLOW, () => {
  test("config set secret_key lands in the keychain, in no file; doctor reports the keychain", async () => {
    const set = await clerkInSession(["config", "set", "secret_key", sandbox.secretKey]);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain("stored in the OS keychain");
    expect(set.stderr).not.toContain("warning");

    // The Secret Service has it, under service clerk-cli, account <profile>:<key>.
    const lookup = await inSession(
      [
        process.execPath,
        "--input-type=module",
        "-e",
        `const m = await import(${JSON.stringify(join(process.cwd(), "node_modules", "keytar", "lib", "keytar.js"))});
       const keytar = m.default ?? m;
       const found = await keytar.findCredentials("clerk-cli");
       console.log(JSON.stringify(found.map((c) => ({ account: c.account, matches: c.password === process.env.EXPECTED }))));`,
      ],
      { EXPECTED: sandbox.secretKey },
    );
    expect(lookup.code, lookup.stderr).toBe(0);
    expect(lookup.json()).toEqual([{ account: "default:secret_key", matches: true }]);

    // Not in any file: not the config file, no fallback file (the keyring on disk is encrypted).
    expect(filesContaining(sandbox.secretKey)).toEqual([]);
    expect(existsSync(join(configDir(), "config.ini"))).toBe(true);
    expect(existsSync(join(configDir(), "credentials.json"))).toBe(false);

    // A later run (a new session, the keyring reopened from disk) reads it back.
    const doctor = await clerkInSession(["doctor", "--json"]);
    const report = doctor.json<DoctorJson>();
    expect(checkOf(report, "credential_store")?.credential_store).toEqual({
      kind: "keychain",
      location: "OS keychain (service clerk-cli)",
      reason: "the OS keychain answered (Secret Service)",
      fallback: false,
    });
    expect(checkOf(report, "credential_store")?.status).toBe("pass");
    expect(checkOf(report, "profile")?.settings?.secret_key).toEqual({
      value: `sk_test_…${sandbox.secretKey.slice(-4)}`,
      source: "profile",
      detail: 'profile "default" (keychain)',
    });
    expect(checkOf(report, "backend_api")?.status).toBe("pass");
    expect(doctor.code, doctor.stdout).toBe(0);
    expect(doctor.stdout).not.toContain(sandbox.secretKey);

    const users = await clerkInSession(["users", "count", "--json"]);
    expect(users.code, users.stderr).toBe(0);

    // Deleting the profile removes its secrets from the keychain.
    const deleted = await clerkInSession(["config", "profile", "delete", "default", "--yes", "--json"]);
    expect(deleted.json()).toMatchObject({ removed_credentials: ["secret_key"] });
    const after = await clerkInSession(["config", "get", "secret_key"]);
    expect(after.code).toBe(1);
  });

  test("secrets left in the fallback file move into the keychain once it answers", async () => {
    const noBus = { DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home, "no-bus")}` };
    const fallback = await runCli(["config", "set", "secret_key", sandbox.secretKey], {
      cwd: home,
      env: baseEnv(noBus),
    });
    expect(fallback.code, fallback.stderr).toBe(0);
    expect(filesContaining(sandbox.secretKey)).toEqual([join(configDir(), "credentials.json")]);

    const read = await clerkInSession(["users", "count", "--json"]);
    expect(read.code, read.stderr).toBe(0);
    expect(read.stderr).toContain('Moved secret_key of profile "default"');
    expect(filesContaining(sandbox.secretKey)).toEqual([]);
    const again = await clerkInSession(["config", "get", "secret_key", "--json"]);
    expect(again.json()).toMatchObject({ stored_in: "keychain" });
  });
});

describe("a keychain that never answers", SLOW, () => {
  test("cannot hang the CLI: it gives up after the timeout, falls back, and exits at once", async () => {
    // A session bus where the Secret Service is "being started" by a process that never claims
    // the name: libsecret waits on D-Bus (25 s, or forever for an unlock prompt).
    const services = join(home, "services");
    mkdirSync(services);
    writeFileSync(
      join(services, "org.freedesktop.secrets.service"),
      "[D-BUS Service]\nName=org.freedesktop.secrets\nExec=/bin/sleep 30\n",
    );
    const config = join(home, "session.conf");
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=${home}</listen>
  <servicedir>${services}</servicedir>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
  <limit name="service_start_timeout">60000</limit>
</busconfig>
`,
    );
    const script =
      'started=$(date +%s%N); "$@"; code=$?; echo "exit=$code elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))" >&2';
    const result = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(
        "dbus-run-session",
        [
          "--config-file",
          config,
          "--",
          "bash",
          "-c",
          script,
          "bash",
          process.execPath,
          CLI_BIN,
          "config",
          "set",
          "secret_key",
          "sk_test_stuckstuckstuck1234",
        ],
        {
          cwd: home,
          env: baseEnv({ CLERK_KEYCHAIN_TIMEOUT_MS: "500" }),
          stdio: ["ignore", "pipe", "pipe"],
          // Its own process group, so the bus and the never-starting "service" go when the test is done.
          detached: true,
        },
      );
      const stop = () => {
        try {
          process.kill(-(child.pid as number), "SIGKILL");
        } catch {
          // Already gone.
        }
      };
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
      });
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
        // The CLI is done: don't wait for the bus, which waits for the stuck "service".
        if (/elapsed_ms=\d+/.test(stderr)) {
          stop();
          resolve({ stdout, stderr });
        }
      });
      child.on("error", reject);
      child.on("close", () => resolve({ stdout, stderr }));
      setTimeout(() => {
        stop();
        reject(new Error(`the CLI hung:\n${stderr}`));
      }, 40_000).unref();
    });
    const measured = /exit=(\d+) elapsed_ms=(\d+)/.exec(result.stderr);
    expect(measured, result.stderr).not.toBeNull();
    expect(Number(measured?.[1])).toBe(0);
    // libsecret alone would wait 25 s (the D-Bus timeout), or for ever for an unlock prompt.
    expect(Number(measured?.[2])).toBeLessThan(10_000);
    expect(result.stderr).toContain("the OS keychain did not answer within 0.5 s");
    expect(result.stdout).toContain("stored in the credential file");
  });
});

describe("without a Secret Service", SLOW, () => {
  test("falls back to a 0600 file and says so loudly, once, naming the file; doctor explains", async () => {
    const env = baseEnv({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home, "no-bus")}` });
    const set = await runCli(["config", "set", "secret_key", sandbox.secretKey], { cwd: home, env });
    expect(set.code, set.stderr).toBe(0);
    const file = join(configDir(), "credentials.json");
    expect(set.stderr).toContain("warning: No OS keychain is available (no Secret Service answered");
    expect(set.stderr).toContain(`Credentials are stored unencrypted in ${file}`);
    expect(set.stderr.match(/No OS keychain/g)).toHaveLength(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(configDir()).mode & 0o777).toBe(0o700);
    expect(filesContaining(sandbox.secretKey)).toEqual([file]);

    const doctor = await runCli(["doctor", "--json"], { cwd: home, env });
    expect(doctor.code, doctor.stdout).toBe(0);
    const report = doctor.json<DoctorJson>();
    const store = checkOf(report, "credential_store");
    expect(store?.credential_store).toMatchObject({ kind: "file", location: file, fallback: true });
    expect(store?.credential_store?.reason).toContain("no Secret Service answered");
    expect(store).toMatchObject({
      status: "warn",
      remedy: expect.stringContaining("CLERK_CREDENTIAL_STORE=file"),
    });
    expect(checkOf(report, "backend_api")?.status).toBe("pass");
    expect(doctor.stderr).toContain(`stored unencrypted in ${file}`);

    // Forcing the keychain when there is none is an error with the fix, not a silent fallback.
    const forced = await runCli(["config", "set", "secret_key", "sk_test_xxxxxxxxxxxxxxxx"], {
      cwd: home,
      env: { ...env, CLERK_CREDENTIAL_STORE: "keychain" },
    });
    expect(forced.code).toBe(1);
    const error = JSON.parse(forced.stderr).error;
    expect(error.code).toBe("keychain_unavailable");
    expect(error.hint).toContain("CLERK_CREDENTIAL_STORE=file");
  });
});
