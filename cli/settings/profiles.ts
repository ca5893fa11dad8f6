import { UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { DEFAULT_PROFILE, profileMissing, readConfig, validateProfileName, writeConfig } from "./ini-file";

/** The profile a command acts on: `--profile`, else `CLERK_PROFILE`, else the file's active one, else default. */
export function targetProfile(
  globals: GlobalOptions,
  env: NodeJS.ProcessEnv = process.env,
): { name: string; detail: string } {
  if (globals.profile) return { name: validateProfileName(globals.profile), detail: "--profile" };
  if (env.CLERK_PROFILE) return { name: validateProfileName(env.CLERK_PROFILE), detail: "CLERK_PROFILE" };
  const active = readConfig(env).activeProfile;
  if (active) return { name: validateProfileName(active), detail: "active_profile in the config file" };
  return { name: DEFAULT_PROFILE, detail: "the default profile" };
}

/** Checks the profile exists (the default one always may be used: it is created on first write). */
export function requireProfile(name: string, detail: string, env: NodeJS.ProcessEnv = process.env): void {
  if (name !== DEFAULT_PROFILE && !readConfig(env).profiles.has(name)) throw profileMissing(name, detail);
}

export function createProfile(name: string, use: boolean, env: NodeJS.ProcessEnv = process.env): void {
  validateProfileName(name);
  const config = readConfig(env);
  if (config.profiles.has(name)) {
    throw new UsageError(
      `Profile "${name}" already exists.`,
      `Change it with \`clerk config set <key> <value> --profile ${name}\`, or pick another name.`,
    );
  }
  config.profiles.set(name, {});
  if (use) config.activeProfile = name;
  writeConfig(config, env);
}

export function useProfile(name: string, env: NodeJS.ProcessEnv = process.env): void {
  validateProfileName(name);
  const config = readConfig(env);
  if (!config.profiles.has(name) && name !== DEFAULT_PROFILE) throw profileMissing(name, "`clerk config profile use`");
  if (!config.profiles.has(name)) config.profiles.set(name, {});
  config.activeProfile = name;
  writeConfig(config, env);
}

/** Makes sure the file has the profile's section (the marker that it may have stored secrets). */
export function ensureProfile(name: string, env: NodeJS.ProcessEnv = process.env): void {
  const config = readConfig(env);
  if (config.profiles.has(name)) return;
  if (name !== DEFAULT_PROFILE) throw profileMissing(name, "--profile");
  config.profiles.set(name, {});
  writeConfig(config, env);
}

/**
 * Adds the profile's section if the file lacks it (as the Go CLI does when a value is written to a new
 * profile). Returns whether it was added.
 */
export function addProfileOnWrite(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  validateProfileName(name);
  const config = readConfig(env);
  if (config.profiles.has(name)) return false;
  config.profiles.set(name, {});
  writeConfig(config, env);
  return true;
}

/** Sets (or with `undefined` removes) one INI value of a profile. */
export function setProfileValue(
  name: string,
  key: string,
  value: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const config = readConfig(env);
  const section = config.profiles.get(name);
  if (!section && name !== DEFAULT_PROFILE) throw profileMissing(name, "--profile");
  const next = { ...section };
  if (value === undefined) delete next[key];
  else next[key] = value;
  config.profiles.set(name, next);
  writeConfig(config, env);
}

/** Removes a profile's section; the active profile falls back to the default if it was this one. */
export function removeProfile(name: string, env: NodeJS.ProcessEnv = process.env): { wasActive: boolean } {
  const config = readConfig(env);
  if (!config.profiles.has(name)) {
    throw new UsageError(`Profile "${name}" does not exist.`, "See the profiles with `clerk config profile list`.");
  }
  config.profiles.delete(name);
  const wasActive = config.activeProfile === name;
  if (wasActive) delete config.activeProfile;
  writeConfig(config, env);
  return { wasActive };
}
