import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { type ConfigData, configExists, DEFAULT_PROFILE, validateProfileName, writeConfig } from "./ini-file";
import { canonicalKey, isSecretKey, isSettingKey, trimApiUrl, validateSetting } from "./keys";
import { configFile } from "./paths";

/**
 * Clerk's Go CLI keeps its profiles in `~/.config/clerk/cli/profiles` (INI): a `[default]`
 * section with `profile = <active>` and values every profile falls back to, and one
 * `[profile NAME]` section per profile with keys such as `clerk.key` and `clerk.api.url`; a value
 * starting with `!` is a command printing the secret. With `CLERK_CONFIG_DIR` set, the file is
 * looked for there.
 */
export function goProfilesFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLERK_CONFIG_DIR) return join(env.CLERK_CONFIG_DIR, "profiles");
  return join(env.HOME || homedir(), ".config", "clerk", "cli", "profiles");
}

export interface GoProfiles {
  active?: string;
  /** Values of the `[default]` section (other than `profile`). */
  defaults: Record<string, string>;
  profiles: Map<string, Record<string, string>>;
}

/** Reads the Go CLI's INI as it reads it: `#`/`;` comments, optional quotes around values. */
export function parseGoProfiles(text: string): GoProfiles {
  const result: GoProfiles = { defaults: {}, profiles: new Map() };
  let section: Record<string, string> | undefined;
  let isDefault = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      const name = (header[1] as string).trim();
      isDefault = name === "default";
      const profile = /^profile\s+(.+)$/.exec(name)?.[1]?.trim();
      section = isDefault ? result.defaults : profile ? {} : undefined;
      if (profile && section) result.profiles.set(profile, section);
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0 || !section) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
      value = value.slice(1, -1);
    }
    if (isDefault && key === "profile") result.active = value;
    else section[key] = value;
  }
  return result;
}

/** A profile's values under our names; keys we have no setting for are listed as skipped. */
function translate(values: Record<string, string>, skipped: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [goKey, value] of Object.entries(values)) {
    const key = canonicalKey(goKey);
    if (!isSettingKey(key) || value === "") {
      skipped.add(goKey);
      continue;
    }
    if (value.startsWith("!") || isSecretKey(key)) out[key] = value;
    else
      out[key] = validateSetting(
        key,
        key.endsWith("api_url") ? trimApiUrl(value) : value,
        `${goKey} in the Go CLI's profiles`,
      );
  }
  return out;
}

/**
 * Imports the Go CLI's profiles once: when our config file does not exist yet and theirs does.
 * Secret keys go to the credential store (commands, `!…`, stay in the INI file, as ours do);
 * the Go file is left as it was. Returns the message to show, or undefined when nothing was done.
 */
export async function importGoProfiles(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (configExists(env)) return undefined;
  const file = goProfilesFile(env);
  if (!existsSync(file)) return undefined;
  const go = parseGoProfiles(readFileSync(file, "utf8"));
  const skipped = new Set<string>();
  const sections = new Map<string, Record<string, string>>();
  // The Go CLI's [default] values apply to every profile: here they become the default profile's.
  const defaults = translate(go.defaults, skipped);
  if (Object.keys(defaults).length) sections.set(DEFAULT_PROFILE, defaults);
  for (const [name, values] of go.profiles) {
    validateProfileName(name);
    sections.set(name, { ...(name === DEFAULT_PROFILE ? defaults : {}), ...translate(values, skipped) });
  }
  const { openCredentialStore } = await import("../credentials/index");
  const opened = [...sections.values()].some((v) =>
    Object.entries(v).some(([k, x]) => isSecretKey(k) && !x.startsWith("!")),
  )
    ? await openCredentialStore(env)
    : undefined;
  const config: ConfigData = { profiles: new Map() };
  for (const [name, values] of sections) {
    const kept: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
      if (isSecretKey(key) && !value.startsWith("!")) await opened?.store.set(name, key, value);
      else kept[key] = value;
    }
    config.profiles.set(name, kept);
  }
  if (go.active && go.active !== DEFAULT_PROFILE) config.activeProfile = validateProfileName(go.active);
  if (config.activeProfile && !config.profiles.has(config.activeProfile)) config.profiles.set(config.activeProfile, {});
  writeConfig(config, env);
  const names = [...config.profiles.keys()].sort();
  return (
    `Imported the Go CLI's profiles (${names.join(", ") || "none"}) from ${file} into ${configFile(env)}` +
    `${opened ? `; secret keys went to ${opened.info.kind === "keychain" ? "the OS keychain" : opened.info.location}` : ""}.` +
    `${skipped.size ? ` Not imported (no such setting here): ${[...skipped].join(", ")}.` : ""}` +
    " The Go file is left as it was."
  );
}
