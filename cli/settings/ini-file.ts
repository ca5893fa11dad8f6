import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { parse, stringify } from "ini";
import { RuntimeError, UsageError } from "../errors";
import { configFile, ensureConfigDir } from "./paths";

/** The implicit profile: used when none is chosen, and it need not exist in the file. */
export const DEFAULT_PROFILE = "default";

/** The top-level INI key naming the active profile. */
const ACTIVE_KEY = "active_profile";

/**
 * The INI file: a top-level `active_profile` and one section per profile. Secrets are not
 * here (they live in the credential store), except `!command` values, which name a command
 * that prints the secret.
 *
 * ```ini
 * active_profile = work
 *
 * [default]
 * api_url = http://127.0.0.1:2575
 *
 * [work]
 * secret_key = !op read op://vault/clerk/secret
 * ```
 */
export interface ConfigData {
  activeProfile?: string;
  profiles: Map<string, Record<string, string>>;
}

const HEADER = [
  "; Clerk CLI configuration, one [section] per profile. Edit with `clerk config` (see `clerk config --help`).",
  "; Secret keys are kept in your OS keychain, not in this file; a value starting with ! is a command printing one.",
  "",
].join("\n");

/** Profile names become INI section names and keychain account prefixes: keep them plain. */
export function validateProfileName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(name)) {
    throw new UsageError(
      `"${name}" is not a valid profile name.`,
      "Use letters, digits, - and _ (up to 64 characters, starting with a letter or digit).",
    );
  }
  return name;
}

function stringValues(section: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (!section || typeof section !== "object") return values;
  for (const [key, value] of Object.entries(section)) {
    if (typeof value === "string") values[key] = value;
    else if (typeof value === "boolean" || typeof value === "number") values[key] = String(value);
  }
  return values;
}

/** Reads the INI file; a missing file is an empty configuration. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ConfigData {
  const file = configFile(env);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { profiles: new Map() };
    throw new RuntimeError(
      `Cannot read ${file}: ${(error as Error).message}`,
      "Check the file's permissions, or point CLERK_CONFIG_DIR at another directory.",
    );
  }
  const parsed = parse(text) as Record<string, unknown>;
  const profiles = new Map<string, Record<string, string>>();
  let activeProfile: string | undefined;
  for (const [key, value] of Object.entries(parsed)) {
    if (key === ACTIVE_KEY && typeof value === "string") activeProfile = value;
    else if (value && typeof value === "object") profiles.set(key, stringValues(value));
  }
  return { ...(activeProfile ? { activeProfile } : {}), profiles };
}

/** Writes the INI file atomically (a crash never leaves half a file), mode 0600. */
export function writeConfig(data: ConfigData, env: NodeJS.ProcessEnv = process.env): void {
  ensureConfigDir(env);
  const file = configFile(env);
  // Sections are written one by one: `ini` drops empty ones, and an empty profile must stay.
  let text = HEADER + (data.activeProfile ? stringify({ [ACTIVE_KEY]: data.activeProfile }, { whitespace: true }) : "");
  for (const [name, values] of [...data.profiles].sort(([a], [b]) => a.localeCompare(b))) {
    text += `\n[${name}]\n`;
    for (const [key, value] of Object.entries(values).sort(([a], [b]) => a.localeCompare(b))) {
      // `ini` reads a double-quoted value as JSON: the only form where backslashes survive as typed.
      text += value.includes("\\")
        ? `${key} = ${JSON.stringify(value)}\n`
        : stringify({ [key]: value }, { whitespace: true });
    }
  }
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text, { mode: 0o600 });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new RuntimeError(
      `Cannot write ${file}: ${(error as Error).message}`,
      "Check the directory's permissions, or point CLERK_CONFIG_DIR at a writable directory.",
    );
  }
}

export const configExists = (env: NodeJS.ProcessEnv = process.env) => existsSync(configFile(env));

/** Which profile is active, and why: flag > environment > `.env` > the file's `active_profile` > default. */
export interface ActiveProfile {
  name: string;
  source: "flag" | "env" | "dotenv" | "config" | "default";
  detail: string;
}

export function profileMissing(name: string, source: ActiveProfile["detail"]): UsageError {
  return new UsageError(
    `Profile "${name}" does not exist (chosen by ${source}).`,
    `Create it with \`clerk config profile create ${name}\`, or see the profiles with \`clerk config profile list\`.`,
  );
}
