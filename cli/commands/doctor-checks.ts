import { existsSync } from "node:fs";
import { parseBody, sendHttp } from "../../shared/clerk/http";
import type { ClerkTransport } from "../../shared/clerk/transport";
import { noSecretKeyError } from "../context";
import { RuntimeError, UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { colorsFor } from "../output";
import { resolveSettings } from "../settings";
import { displayValue, SETTING_KEYS } from "../settings/keys";
import { configDir, credentialsFile } from "../settings/paths";
import type { Settings } from "../settings/resolve";

declare const __CLERK_VERSION__: string;

export type CheckStatus = "ok" | "warn" | "fail" | "skip";

export interface Check {
  id: string;
  title: string;
  status: CheckStatus;
  summary: string;
  /** How to fix it (the official CLI's `remedy`). */
  remedy?: string;
  /** A fix `doctor --fix` can apply itself; `label` is the official CLI's `fix`. */
  autoFix?: { label: string; apply(): Promise<void> };
  latency_ms?: number;
}

const MIN_NODE = [20, 19, 0];
const CHECK_TIMEOUT_MS = 10_000;

function nodeCheck(): Check {
  const parts = process.versions.node.split(".").map(Number);
  let ok = true;
  for (let i = 0; i < MIN_NODE.length; i++) {
    const have = parts[i] ?? 0;
    const need = MIN_NODE[i] ?? 0;
    if (have !== need) {
      ok = have > need;
      break;
    }
  }
  return {
    id: "node",
    title: "Node.js",
    status: ok ? "ok" : "fail",
    summary: process.version,
    ...(ok ? {} : { remedy: `Install Node.js ${MIN_NODE.join(".")} or newer.` }),
  };
}

function fixOf(error: unknown): string | undefined {
  return error instanceof RuntimeError || error instanceof UsageError ? error.hint : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: Math.round(performance.now() - started) };
}

/** GET with a timeout and no retries: the doctor reports what happens on the first try. */
async function probe(url: string, token: string): Promise<{ status: number; body: unknown; ms: number }> {
  const { value, ms } = await timed(async () => {
    const response = await sendHttp({
      method: "GET",
      url,
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
    return { status: response.status, body: parseBody(response.text) };
  });
  return { ...value, ms };
}

function errorCode(body: unknown): string | undefined {
  const first = (body as { errors?: { code?: string }[] } | undefined)?.errors?.[0];
  return typeof first?.code === "string" ? first.code : undefined;
}

function unreachable(url: string, error: unknown): string {
  const cause = (error as Error).cause;
  const reason =
    (error as Error).name === "TimeoutError"
      ? `no answer within ${CHECK_TIMEOUT_MS / 1000} s`
      : cause instanceof Error
        ? cause.message
        : messageOf(error);
  return `${new URL(url).origin} did not answer: ${reason}`;
}

async function backendCheck(settings: Settings, platform: ClerkTransport | undefined): Promise<Check> {
  const title = "Backend API";
  let secretKey = settings.secretKey;
  let via = settings.origins.secret_key?.detail ?? "";
  if (!secretKey) {
    if (!platform) {
      const error = noSecretKeyError();
      return {
        id: "backend_api",
        title,
        status: "fail",
        summary: error.message,
        ...(error.hint ? { remedy: error.hint } : {}),
      };
    }
    try {
      const { fetchInstanceSecretKey } = await import("../auth/platform");
      const key = await fetchInstanceSecretKey(platform, settings);
      secretKey = key.secretKey;
      via = `the Platform API (${key.applicationId}, ${key.environment} ${key.instanceId})`;
    } catch (error) {
      return {
        id: "backend_api",
        title,
        status: "fail",
        summary: `No secret key configured, and fetching one from the Platform API failed: ${messageOf(error)}`,
        remedy: fixOf(error) ?? "Set CLERK_SECRET_KEY, or check `clerk auth whoami` and pass --app.",
      };
    }
  }
  const url = `${settings.apiUrl}/v1/jwks`;
  try {
    const { status, body, ms } = await probe(url, secretKey);
    if (status === 200) {
      return {
        id: "backend_api",
        title,
        status: "ok",
        summary: `${settings.apiUrl} accepted the secret key from ${via} (GET /v1/jwks, ${ms} ms)`,
        latency_ms: ms,
      };
    }
    const code = errorCode(body);
    const rejected = status === 401 || status === 403;
    return {
      id: "backend_api",
      title,
      status: "fail",
      summary: `${settings.apiUrl} answered ${status}${code ? ` ${code}` : ""} to GET /v1/jwks (${ms} ms)`,
      latency_ms: ms,
      remedy: rejected
        ? `The secret key (from ${via}) is not valid for ${settings.apiUrl}: check it, and that api_url points at its instance.`
        : `Check api_url (${settings.origins.api_url?.detail}); it should be a Clerk Backend API.`,
    };
  } catch (error) {
    return {
      id: "backend_api",
      title,
      status: "fail",
      summary: unreachable(url, error),
      remedy: `Check api_url (now ${settings.apiUrl}, from ${settings.origins.api_url?.detail}); for the local sandbox, start it with \`clerk sandbox\`.`,
    };
  }
}

async function loginCheck(settings: Settings): Promise<{ check: Check; loggedIn: boolean }> {
  const title = "Login (OAuth)";
  const { storedLogin, matchesServer, fetchUserInfo } = await import("../auth/tokens");
  let stored: Awaited<ReturnType<typeof storedLogin>>;
  try {
    stored = await storedLogin(settings);
  } catch (error) {
    return {
      check: {
        id: "login",
        title,
        status: "fail",
        summary: messageOf(error),
        ...(fixOf(error) ? { remedy: fixOf(error) } : {}),
      },
      loggedIn: false,
    };
  }
  if (!stored) {
    if (settings.origins.oauth_base_url?.source === "default") {
      return {
        check: {
          id: "login",
          title,
          status: "skip",
          summary: `not logged in (profile "${settings.profile}")`,
          remedy:
            "Optional: `clerk auth login` gives access to the Platform API (set CLERK_OAUTH_BASE_URL for the sandbox).",
        },
        loggedIn: false,
      };
    }
    const { discoverServer } = await import("../auth/oauth-http");
    try {
      const { ms } = await timed(() => discoverServer(settings.oauthBaseUrl));
      return {
        check: {
          id: "login",
          title,
          status: "skip",
          summary: `not logged in; the OAuth server at ${settings.oauthBaseUrl} answers (${ms} ms)`,
          remedy: "Optional: run `clerk auth login` to use the Platform API.",
        },
        loggedIn: false,
      };
    } catch (error) {
      return {
        check: {
          id: "login",
          title,
          status: "warn",
          summary: `not logged in, and ${messageOf(error)}`,
          ...(fixOf(error) ? { remedy: fixOf(error) } : {}),
        },
        loggedIn: false,
      };
    }
  }
  if (!matchesServer(stored, settings)) {
    return {
      check: {
        id: "login",
        title,
        status: "warn",
        summary: `logged in to ${stored.oauth_base_url}, but oauth_base_url is now ${settings.oauthBaseUrl}`,
        remedy: "Run `clerk auth login` for the current server, or point CLERK_OAUTH_BASE_URL back.",
      },
      loggedIn: false,
    };
  }
  try {
    const { value, ms } = await timed(() => fetchUserInfo(settings));
    const claims = value.claims;
    const name = [claims.name, claims.email ? `<${claims.email}>` : undefined].filter(Boolean).join(" ") || claims.sub;
    const expires = value.login.expires_at
      ? `, token valid until ${new Date(value.login.expires_at).toISOString()}`
      : "";
    return {
      check: {
        id: "login",
        title,
        status: "ok",
        summary: `logged in as ${name} at ${settings.oauthBaseUrl} (userinfo ${ms} ms${expires})`,
        latency_ms: ms,
      },
      loggedIn: true,
    };
  } catch (error) {
    return {
      check: {
        id: "login",
        title,
        status: "fail",
        summary: messageOf(error),
        remedy: fixOf(error) ?? "Run `clerk auth login` to log in again.",
      },
      loggedIn: false,
    };
  }
}

async function platformCheck(settings: Settings, platform: ClerkTransport | undefined): Promise<Check> {
  const title = "Platform API";
  if (!platform) {
    return {
      id: "platform_api",
      title,
      status: "skip",
      summary: "not configured (no platform_api_key and not logged in)",
      remedy: "Optional: `clerk auth login`, or set CLERK_PLATFORM_API_KEY.",
    };
  }
  const via = settings.platformApiKey
    ? `platform_api_key from ${settings.origins.platform_api_key?.detail}`
    : "your login";
  try {
    const { value, ms } = await timed(() => platform.request({ method: "GET", path: "/applications" }));
    const body = value.body as unknown;
    const count = Array.isArray(body)
      ? body.length
      : Array.isArray((body as { data?: unknown[] })?.data)
        ? (body as { data: unknown[] }).data.length
        : undefined;
    return {
      id: "platform_api",
      title,
      status: "ok",
      summary: `${settings.platformApiUrl}/v1/platform answered with ${via}${count === undefined ? "" : `: ${count} application(s)`} (${ms} ms)`,
      latency_ms: ms,
    };
  } catch (error) {
    const { describeFailure } = await import("../failure");
    const failure = describeFailure(error);
    return {
      id: "platform_api",
      title,
      status: "fail",
      summary: `GET ${settings.platformApiUrl}/v1/platform/applications with ${via} failed: ${failure.message}${
        failure.details.length ? ` (${failure.details[0]})` : ""
      }`,
      remedy:
        failure.hint ??
        (settings.platformApiKey
          ? "Check CLERK_PLATFORM_API_KEY and CLERK_PLATFORM_API_URL."
          : "Run `clerk auth login` again, and check CLERK_PLATFORM_API_URL."),
    };
  }
}

export interface DoctorReport {
  ok: boolean;
  cli_version: string;
  node: string;
  config: { dir: string; file: string; exists: boolean; credentials_file: string };
  profile: { name: string; source: string; detail: string; exists: boolean };
  dotenv_file: string | null;
  settings: Record<string, { value: string | null; source: string; detail: string }>;
  credential_store: { kind: string; location: string; reason: string; fallback: boolean } | null;
  checks: Check[];
}

export async function runDoctor(globals: GlobalOptions): Promise<DoctorReport> {
  const checks: Check[] = [nodeCheck()];
  const settings = await resolveSettings(globals, process.env, { tolerant: true, keys: SETTING_KEYS });
  const file = settings.configFile;
  const exists = existsSync(file);
  checks.push({
    id: "config",
    title: "Config file",
    status: "ok",
    summary: exists ? file : `${file} (not created yet: defaults apply)`,
  });
  const profileProblem = settings.problems.find((p) => p.key === "profile");
  checks.push({
    id: "profile",
    title: "Profile",
    status: profileProblem ? "fail" : "ok",
    summary: profileProblem
      ? profileProblem.message
      : `"${settings.profile}" (${settings.profileOrigin.detail}${settings.profileExists ? "" : "; not in the config file"})`,
    ...(profileProblem?.hint ? { remedy: profileProblem.hint } : {}),
  });
  const dotenvProblem = settings.problems.find((p) => p.key === "dotenv");
  checks.push({
    id: "dotenv",
    title: ".env file",
    status: dotenvProblem ? "fail" : "ok",
    summary: dotenvProblem
      ? dotenvProblem.message
      : (settings.dotenvFile ?? "none found (from the working directory up)"),
    ...(dotenvProblem?.hint ? { remedy: dotenvProblem.hint } : {}),
  });
  for (const problem of settings.problems) {
    if (problem.key === "profile" || problem.key === "dotenv") continue;
    checks.push({
      id: `setting_${problem.key}`,
      title: `Setting ${problem.key}`,
      status: "fail",
      summary: problem.message,
      ...(problem.hint ? { remedy: problem.hint } : {}),
    });
  }
  for (const key of SETTING_KEYS) {
    if (settings.origins[key]?.detail.includes("plain text")) {
      checks.push({
        id: `setting_${key}`,
        title: `Setting ${key}`,
        status: "warn",
        summary: `${key} is written in plain text in ${file}`,
        remedy: `Move it to the keychain: \`clerk config set ${key} <value>\` replaces it (or \`clerk doctor --fix\`).`,
        autoFix: {
          label: `Move ${key} to the credential store`,
          async apply() {
            const { storeSetting } = await import("../settings/actions");
            await storeSetting(settings.profile, key, settings.values[key] as string);
          },
        },
      });
    }
  }

  let storeInfo: DoctorReport["credential_store"] = null;
  try {
    const { openCredentialStore } = await import("../credentials/index");
    const { info } = await openCredentialStore(settings.env);
    storeInfo = info;
    checks.push({
      id: "credential_store",
      title: "Credential store",
      status: info.fallback ? "warn" : "ok",
      summary:
        info.kind === "keychain"
          ? `${info.location}: ${info.reason}`
          : `${info.location} (0600 file${info.fallback ? `, fallback: ${info.reason}` : `, ${info.reason}`})`,
      ...(info.fallback
        ? {
            remedy:
              "Run and unlock an OS keychain (on Linux a Secret Service such as gnome-keyring), or set CLERK_CREDENTIAL_STORE=file to accept the file.",
          }
        : {}),
    });
  } catch (error) {
    checks.push({
      id: "credential_store",
      title: "Credential store",
      status: "fail",
      summary: messageOf(error),
      ...(fixOf(error) ? { remedy: fixOf(error) } : {}),
    });
  }

  const login = await loginCheck(settings);
  let platform: ClerkTransport | undefined;
  try {
    const { createPlatformTransport } = await import("../auth/platform");
    platform = await createPlatformTransport(settings, {
      userAgent: `clerk-cli/${__CLERK_VERSION__} doctor`,
      timeoutMs: CHECK_TIMEOUT_MS,
      retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 },
    });
  } catch {
    platform = undefined;
  }
  checks.push(await backendCheck(settings, platform));
  checks.push(login.check);
  checks.push(await platformCheck(settings, platform));

  const settingsReport: DoctorReport["settings"] = {};
  for (const key of SETTING_KEYS) {
    const value = settings.values[key];
    const origin = settings.origins[key];
    settingsReport[key] = {
      value: value === undefined ? null : displayValue(key, value),
      source: origin?.source ?? "unset",
      detail: origin?.detail ?? "",
    };
  }
  return {
    ok: !checks.some((check) => check.status === "fail"),
    cli_version: __CLERK_VERSION__,
    node: process.version,
    config: { dir: configDir(settings.env), file, exists, credentials_file: credentialsFile(settings.env) },
    profile: {
      name: settings.profile,
      source: settings.profileOrigin.source,
      detail: settings.profileOrigin.detail,
      exists: settings.profileExists,
    },
    dotenv_file: settings.dotenvFile ?? null,
    settings: settingsReport,
    credential_store: storeInfo,
    checks,
  };
}

/**
 * `doctor --fix`: applies each failing or warning check's auto-fix, saying so on stderr; true
 * when one was applied. Ignored in agent mode (official CLI: agents act on the remedies), and
 * with --dry-run it only says what it would do.
 */
export async function applyFixes(report: DoctorReport, globals: GlobalOptions): Promise<boolean> {
  const { agentMode } = await import("../mode");
  if (agentMode()) {
    process.stderr.write("doctor --fix is ignored in agent mode: act on each result's remedy instead.\n");
    return false;
  }
  const fixable = report.checks.filter((check) => check.autoFix && check.status !== "ok");
  if (fixable.length === 0) process.stderr.write("Nothing for --fix to fix.\n");
  for (const check of fixable) {
    if (globals.dryRun) {
      process.stderr.write(`Dry run: would fix: ${check.autoFix?.label}.\n`);
      continue;
    }
    await check.autoFix?.apply();
    process.stderr.write(`Fixed: ${check.autoFix?.label}.\n`);
  }
  return fixable.length > 0 && !globals.dryRun;
}

/** A check as `doctor --json` prints it: the official CLI's result fields, then ours. */
export interface CheckJson extends Omit<Check, "status" | "autoFix"> {
  name: string;
  status: "pass" | "warn" | "fail";
  message: string;
  /** The label of a fix `doctor --fix` applies (official). */
  fix?: string;
  /** A check that could not run (the official CLI reports those as warn, "Skipped …"). */
  skipped?: true;
}

const OFFICIAL_STATUS = { ok: "pass", warn: "warn", fail: "fail", skip: "warn" } as const;

/** The checks `--spotlight` shows: warnings and failures (official). */
export const spotlight = (checks: readonly Check[]) => checks.filter((check) => check.status !== "ok");

/**
 * `doctor --json`, as the official CLI prints it: the bare array of results, each with `name`,
 * `status` (pass|warn|fail), `message`, `remedy` (how to fix it) and `fix` (the label of an
 * auto-fix), beside our id, title, summary and latency. What the report holds besides the checks
 * rides on the check it belongs to: the versions on `node`, the config paths on `config`, the
 * profile and its settings on `profile`, the .env file on `dotenv`, the store on `credential_store`.
 */
export function doctorJson(report: DoctorReport, checks: readonly Check[] = report.checks): CheckJson[] {
  const extras: Record<string, object> = {
    node: { cli_version: report.cli_version, node: report.node },
    config: { config: report.config },
    profile: { profile: report.profile, settings: report.settings },
    dotenv: { dotenv_file: report.dotenv_file },
    credential_store: { credential_store: report.credential_store },
  };
  return checks.map(({ status, autoFix, remedy, ...check }) => ({
    name: check.title,
    status: OFFICIAL_STATUS[status],
    message: check.summary,
    ...(remedy && status !== "ok" ? { remedy } : {}),
    ...(autoFix ? { fix: autoFix.label } : {}),
    ...(status === "skip" ? { skipped: true as const } : {}),
    ...check,
    ...extras[check.id],
  }));
}

/**
 * The report for people: one line per check, the fix under each problem, then the settings;
 * with `spotlight`, only the warnings and failures.
 */
export function renderDoctor(report: DoctorReport, only = false): string {
  const c = colorsFor(process.stdout);
  const marks: Record<CheckStatus, string> = {
    ok: c.green("✓"),
    warn: c.yellow("!"),
    fail: c.red("✗"),
    skip: c.dim("-"),
  };
  const checks = only ? spotlight(report.checks) : report.checks;
  const width = Math.max(0, ...checks.map((check) => check.title.length));
  const lines = [`${c.bold("clerk doctor")} ${c.dim(`(clerk ${report.cli_version})`)}`, ""];
  for (const check of checks) {
    lines.push(`  ${marks[check.status]} ${check.title.padEnd(width)}  ${check.summary}`);
    if (check.remedy && check.status !== "ok") lines.push(`    ${" ".repeat(width)}  ${c.dim(`→ ${check.remedy}`)}`);
  }
  if (only && checks.length === 0) lines.push(c.green("  No warnings or failures."));
  if (!only) {
    lines.push("", c.bold(`Settings (profile "${report.profile.name}")`));
    const keyWidth = Math.max(...Object.keys(report.settings).map((key) => key.length));
    const valueWidth = Math.max(...Object.values(report.settings).map((s) => (s.value ?? "(not set)").length));
    for (const [key, setting] of Object.entries(report.settings)) {
      const value = setting.value ?? c.dim("(not set)".padEnd(valueWidth));
      lines.push(
        `  ${key.padEnd(keyWidth)}  ${setting.value ? value.padEnd(valueWidth) : value}  ${c.dim(setting.detail || setting.source)}`,
      );
    }
  }
  const failures = report.checks.filter((check) => check.status === "fail").length;
  lines.push(
    "",
    failures === 0
      ? c.green("Everything needed works.")
      : c.red(`${failures} check${failures === 1 ? "" : "s"} failed: see the fixes above.`),
  );
  return lines.join("\n");
}
