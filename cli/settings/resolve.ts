import { RuntimeError, UsageError } from "../errors";
import type { GlobalOptions, OutputFormat } from "../globals";
import { type DotenvFile, loadDotenv } from "./dotenv";
import {
  type ActiveProfile,
  type ConfigData,
  DEFAULT_PROFILE,
  profileMissing,
  readConfig,
  validateProfileName,
} from "./ini-file";
import {
  AI_KEYS,
  DEFAULT_API_URL,
  DEFAULT_OAUTH_BASE_URL,
  DEFAULT_OAUTH_CLIENT_ID,
  ENV_NAMES,
  isSecretKey,
  SETTING_KEYS,
  type SettingKey,
  trimApiUrl,
  validateSetting,
} from "./keys";
import { configFile } from "./paths";
import { type FoundLink, findProjectLink } from "./project-link";
import { runSecretCommand } from "./secret-command";

/** Where a setting's value came from, highest precedence first (`project`: `clerk link`). */
export type SettingSource = "flag" | "env" | "dotenv" | "project" | "profile" | "default";

export interface SettingOrigin {
  source: SettingSource;
  /** For people: `--app`, `CLERK_SECRET_KEY`, `/repo/.env (CLERK_API_URL)`, `profile "work" (keychain)`… */
  detail: string;
}

/** Something that kept a setting from resolving; thrown, or collected when resolving for `clerk doctor`. */
export interface SettingProblem {
  key: SettingKey | "profile" | "dotenv" | "link" | "credentials";
  message: string;
  hint?: string;
}

export interface Settings {
  apiUrl: string;
  platformApiUrl: string;
  secretKey?: string;
  platformApiKey?: string;
  oauthBaseUrl: string;
  oauthClientId: string;
  app?: string;
  /** `development`, `production` or an `ins_…` id. */
  instance: string;
  /** The profile in use, why, and whether the config file has it. */
  profile: string;
  profileOrigin: ActiveProfile;
  profileExists: boolean;
  configFile: string;
  dotenvFile?: string;
  /** The `.clerk/project.json` of a linked project. */
  linkFile?: string;
  /** Each setting's resolved value (secrets in full: never print these without masking). */
  values: Partial<Record<SettingKey, string>>;
  origins: Partial<Record<SettingKey, SettingOrigin>>;
  /** Secret `!command`s left unrun (resolving with `runCommands: false`). */
  commands: Partial<Record<SettingKey, string>>;
  /** Problems collected instead of thrown (`tolerant: true`). */
  problems: SettingProblem[];
  /** The environment the settings were resolved from (the credential store and commands use it too). */
  env: NodeJS.ProcessEnv;
}

export interface ResolveOptions {
  /** Where the `.env` walk starts (default: the working directory). */
  cwd?: string;
  /** Where the `.env` walk stops, if it passes by (default: the home directory). */
  home?: string;
  /** Run `!command` secrets (default true); `clerk config list` shows them unrun. */
  runCommands?: boolean;
  /** Collect problems in `problems` instead of throwing (`clerk doctor`). */
  tolerant?: boolean;
  /** Read the linked project (default true); `clerk link`, which replaces it, does not. */
  project?: boolean;
  /**
   * The settings to resolve (default: all but the AI model's, which only `--generate` needs: other
   * commands never open the credential store or run a `!command` for them).
   */
  keys?: readonly SettingKey[];
}

const DEFAULT_KEYS = SETTING_KEYS.filter((key) => !(AI_KEYS as readonly string[]).includes(key));

function problemOf(key: SettingProblem["key"], error: unknown): SettingProblem {
  if (error instanceof UsageError || error instanceof RuntimeError) {
    return { key, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  }
  return { key, message: error instanceof Error ? error.message : String(error) };
}

/** The global options settings are resolved from. */
type SettingFlags = Pick<GlobalOptions, "profile" | "app" | "instance" | "dotenv">;

function activeProfile(
  globals: SettingFlags,
  env: NodeJS.ProcessEnv,
  dotenv: DotenvFile | undefined,
  config: ConfigData,
): ActiveProfile {
  if (globals.profile) return { name: globals.profile, source: "flag", detail: "--profile" };
  if (env.CLERK_PROFILE) return { name: env.CLERK_PROFILE, source: "env", detail: "CLERK_PROFILE" };
  const fromDotenv = dotenv?.values.CLERK_PROFILE;
  if (fromDotenv) return { name: fromDotenv, source: "dotenv", detail: `${dotenv?.file} (CLERK_PROFILE)` };
  if (config.activeProfile) {
    return { name: config.activeProfile, source: "config", detail: "active_profile in the config file" };
  }
  return { name: DEFAULT_PROFILE, source: "default", detail: "the default profile" };
}

/**
 * Resolves every setting with its origin: flag > environment > `.env` > linked project
 * (`app` and `instance` only) > active profile > default. Secrets of the profile come from the
 * credential store or their `!command`; the store is opened only when a profile exists and
 * nothing higher up set the secret.
 */
export async function resolveSettings(
  globals: SettingFlags,
  env: NodeJS.ProcessEnv = process.env,
  options: ResolveOptions = {},
): Promise<Settings> {
  const cwd = options.cwd ?? process.cwd();
  const problems: SettingProblem[] = [];
  const fail = (key: SettingProblem["key"], error: unknown) => {
    if (!options.tolerant) throw error;
    problems.push(problemOf(key, error));
  };

  let dotenv: DotenvFile | undefined;
  try {
    dotenv = loadDotenv(globals.dotenv, cwd, options.home);
  } catch (error) {
    fail("dotenv", error);
  }
  let link: FoundLink | undefined;
  try {
    if (options.project !== false) link = findProjectLink(cwd, options.home);
  } catch (error) {
    fail("link", error);
  }
  const linked: Partial<Record<SettingKey, string>> = link ? { app: link.link.app, instance: link.link.instance } : {};
  const config = readConfig(env);
  const profileOrigin = activeProfile(globals, env, dotenv, config);
  let profile = profileOrigin.name;
  try {
    validateProfileName(profile);
    if (profile !== DEFAULT_PROFILE && !config.profiles.has(profile))
      throw profileMissing(profile, profileOrigin.detail);
  } catch (error) {
    fail("profile", error);
    profile = DEFAULT_PROFILE;
  }
  const profileExists = config.profiles.has(profile);
  const section = config.profiles.get(profile) ?? {};

  const values: Partial<Record<SettingKey, string>> = {};
  const origins: Partial<Record<SettingKey, SettingOrigin>> = {};
  const commands: Partial<Record<SettingKey, string>> = {};
  const flags: Partial<Record<SettingKey, string>> = {
    ...(globals.app ? { app: globals.app } : {}),
    ...(globals.instance ? { instance: globals.instance } : {}),
  };
  let store: Promise<import("../credentials/index").OpenedStore> | undefined;
  const openStore = async () => {
    const { openCredentialStore } = await import("../credentials/index");
    store ??= openCredentialStore(env);
    return store;
  };

  const accept = (key: SettingKey, value: string, origin: SettingOrigin) => {
    values[key] = validateSetting(key, value, origin.detail);
    origins[key] = origin;
  };

  for (const key of options.keys ?? DEFAULT_KEYS) {
    try {
      const flag = flags[key];
      if (flag !== undefined) {
        accept(key, flag, { source: "flag", detail: `--${key}` });
        continue;
      }
      const envName = ENV_NAMES[key].find((name) => env[name]);
      if (envName) {
        accept(key, env[envName] as string, { source: "env", detail: envName });
        continue;
      }
      const dotenvName = dotenv && ENV_NAMES[key].find((name) => dotenv.values[name]);
      if (dotenv && dotenvName) {
        accept(key, dotenv.values[dotenvName] as string, {
          source: "dotenv",
          detail: `${dotenv.file} (${dotenvName})`,
        });
        continue;
      }
      const fromLink = linked[key];
      if (link && fromLink !== undefined) {
        accept(key, fromLink, { source: "project", detail: `${link.file} (linked project)` });
        continue;
      }
      const stored = section[key];
      const where = `profile "${profile}"`;
      if (stored !== undefined && stored !== "") {
        if (isSecretKey(key) && stored.startsWith("!")) {
          const origin: SettingOrigin = { source: "profile", detail: `${where} (!command)` };
          if (options.runCommands === false) {
            commands[key] = stored;
            origins[key] = origin;
          } else {
            accept(key, await runSecretCommand(stored, `${key} of ${where}`, env), origin);
          }
        } else {
          accept(key, stored, {
            source: "profile",
            detail: isSecretKey(key) ? `${where} (config file, plain text)` : where,
          });
        }
        continue;
      }
      if (isSecretKey(key) && profileExists) {
        const { store: credentials } = await openStore();
        const secret = await credentials.get(profile, key);
        if (secret !== undefined) accept(key, secret, { source: "profile", detail: `${where} (${credentials.kind})` });
      }
    } catch (error) {
      fail(key, error);
    }
  }

  const apiUrl = trimApiUrl(values.api_url ?? DEFAULT_API_URL);
  if (!values.api_url) origins.api_url = { source: "default", detail: "built-in default" };
  const platformApiUrl = trimApiUrl(values.platform_api_url ?? apiUrl);
  if (!values.platform_api_url) origins.platform_api_url = { source: "default", detail: "the Backend API URL" };
  const oauthBaseUrl = (values.oauth_base_url ?? DEFAULT_OAUTH_BASE_URL).replace(/\/+$/, "");
  if (!values.oauth_base_url) origins.oauth_base_url = { source: "default", detail: "built-in default" };
  const oauthClientId = values.oauth_client_id ?? DEFAULT_OAUTH_CLIENT_ID;
  if (!values.oauth_client_id) origins.oauth_client_id = { source: "default", detail: "built-in default" };
  const instance = values.instance ?? "development";
  if (!values.instance) origins.instance = { source: "default", detail: "built-in default" };

  return {
    apiUrl,
    platformApiUrl,
    ...(values.secret_key ? { secretKey: values.secret_key } : {}),
    ...(values.platform_api_key ? { platformApiKey: values.platform_api_key } : {}),
    oauthBaseUrl,
    oauthClientId,
    ...(values.app ? { app: values.app } : {}),
    instance,
    profile,
    profileOrigin,
    profileExists,
    configFile: configFile(env),
    ...(dotenv ? { dotenvFile: dotenv.file } : {}),
    ...(link ? { linkFile: link.file } : {}),
    values: {
      ...values,
      api_url: apiUrl,
      platform_api_url: platformApiUrl,
      oauth_base_url: oauthBaseUrl,
      oauth_client_id: oauthClientId,
      instance,
    },
    origins,
    commands,
    problems,
    env,
  };
}

/**
 * The `output` and `debug` settings (the Go CLI's), resolved like every setting, for the global
 * flags to fall back on when not given. One that does not resolve is left out here: `clerk config
 * list` and `clerk doctor` report it, and commands needing settings fail on it with the fix.
 */
export async function outputSettings(
  globals: Pick<GlobalOptions, "profile" | "dotenv">,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ output?: OutputFormat; debug?: boolean }> {
  try {
    const { values } = await resolveSettings(globals, env, {
      keys: ["output", "debug"],
      tolerant: true,
      runCommands: false,
      project: false,
    });
    return {
      ...(values.output ? { output: values.output as OutputFormat } : {}),
      ...(values.debug ? { debug: values.debug === "true" } : {}),
    };
  } catch {
    return {};
  }
}
