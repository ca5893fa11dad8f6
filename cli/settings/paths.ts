import { mkdirSync } from "node:fs";
import { join } from "node:path";
import envPaths from "env-paths";

/**
 * Where the CLI keeps its configuration: the XDG config dir (`~/.config/clerk/cli` on Linux,
 * `~/Library/Preferences/clerk/cli` on macOS, `%APPDATA%\clerk\Config\cli` on Windows), or
 * `CLERK_CONFIG_DIR` when set (tests and portable setups).
 */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const custom = env.CLERK_CONFIG_DIR;
  if (custom) return custom;
  return join(envPaths("clerk", { suffix: "" }).config, "cli");
}

/** The INI file with the profiles. */
export const configFile = (env: NodeJS.ProcessEnv = process.env) => join(configDir(env), "config.ini");

/** Command aliases (`clerk config alias`), JSON beside the profiles. */
export const aliasesFile = (env: NodeJS.ProcessEnv = process.env) => join(configDir(env), "aliases.json");

/** The fallback credential store, used only when no OS keychain is available (mode 0600). */
export const credentialsFile = (env: NodeJS.ProcessEnv = process.env) => join(configDir(env), "credentials.json");

/** Creates the config dir (mode 0700: it may hold the fallback credentials and refresh locks). */
export function ensureConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = configDir(env);
  // Only a directory created here gets 0700; an existing one (CLERK_CONFIG_DIR may name any
  // directory) is left as it is: the credential file inside is 0600 either way.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
