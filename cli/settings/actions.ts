import type { TableView } from "../../shared/actions/action";
import { confirmDestructive } from "../confirm";
import { openCredentialStore } from "../credentials/index";
import { ExitCode, RuntimeError, UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { printResult } from "../output";
import { DEFAULT_PROFILE, readConfig } from "./ini-file";
import {
  displayValue,
  ENV_NAMES,
  isSecretKey,
  maskSecret,
  SECRET_KEYS,
  SETTING_KEYS,
  type SettingKey,
  validateSetting,
} from "./keys";
import { configDir, configFile, credentialsFile } from "./paths";
import {
  addProfileOnWrite,
  createProfile,
  removeProfile,
  requireProfile,
  setProfileValue,
  targetProfile,
  useProfile,
} from "./profiles";
import { resolveSettings } from "./resolve";

const env = () => process.env;

/** `--dry-run`: says what would change and changes nothing. */
async function dryRun(globals: GlobalOptions, would: string, output: Record<string, unknown>): Promise<boolean> {
  if (!globals.dryRun) return false;
  process.stderr.write(`Dry run: would ${would}. Nothing was changed.\n`);
  if (globals.output !== "table") await printResult({ dry_run: true, ...output }, globals.output);
  return true;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Where a stored value lives, for people. */
function storeLabel(kind: string): string {
  return kind === "keychain" ? "the OS keychain" : "the credential file";
}

/** The environment variable that would override a profile value, if one is set. */
function overriddenBy(key: SettingKey): string | undefined {
  return ENV_NAMES[key].find((name) => process.env[name]);
}

/**
 * Stores one setting of a profile: a secret in the credential store (a `!command` in the INI file),
 * anything else validated in the INI file. Returns where it went: the store's kind or "config_file".
 */
/** Stores a setting where it belongs: a secret in the credential store, anything else in the config file. */
export async function storeSetting(profileName: string, key: SettingKey, value: string): Promise<string> {
  const secret = isSecretKey(key);
  if (secret && !value.startsWith("!")) {
    const { store, info } = await openCredentialStore();
    await store.set(profileName, key, value);
    // A `!command` of the same key would win over the stored secret: the new value replaces it.
    setProfileValue(profileName, key, undefined);
    return info.kind;
  }
  const checked = secret ? value : validateSetting(key, value, "the value");
  setProfileValue(profileName, key, checked);
  if (secret) {
    // The command replaces any stored copy: no stale secret is left behind.
    const { store } = await openCredentialStore();
    await store.delete(profileName, key);
  }
  return "config_file";
}

// ── clerk config set / get / unset / list / path ──────────────────────────────────────────

export async function configSet(
  input: { key: SettingKey; value?: string | undefined; type?: "value" | "command" },
  globals: GlobalOptions,
): Promise<void> {
  // Like the Go CLI, writing to a profile that does not exist yet creates it (see below).
  const profile = targetProfile(globals);
  let value = input.value;
  if (value === undefined || value === "-") {
    if (value === undefined && process.stdin.isTTY) {
      throw new UsageError(
        `missing argument <value> for ${input.key}`,
        `Pass it, or pipe it to keep it out of your shell history: \`… | clerk config set ${input.key} -\`.`,
      );
    }
    value = await readStdin();
  }
  value = value.trim();
  if (value === "")
    throw new UsageError(`The value for ${input.key} is empty.`, "Use `clerk config unset` to remove it.");
  const secret = isSecretKey(input.key);
  if (input.type === "command") {
    // The Go CLI's `--type=command` is our leading `!`: a command printing the secret.
    if (!secret) {
      throw new UsageError(
        `--type=command is for secrets (${[...SECRET_KEYS].join(", ")}), not ${input.key}.`,
        "Leave --type out to store the value itself.",
      );
    }
    if (!value.startsWith("!")) value = `!${value}`;
  }
  if (!secret) validateSetting(input.key, value, "the value");
  const preview = { profile: profile.name, key: input.key, value: displayValue(input.key, value) };
  if (await dryRun(globals, `set ${input.key} = ${preview.value} in profile "${profile.name}"`, preview)) return;
  if (addProfileOnWrite(profile.name) && profile.name !== DEFAULT_PROFILE) {
    process.stderr.write(`note: created profile "${profile.name}" (${profile.detail}).\n`);
  }
  const storedIn = await storeSetting(profile.name, input.key, value);
  const shown = displayValue(input.key, value);
  const override = overriddenBy(input.key);
  if (override) {
    process.stderr.write(`note: ${override} is set in the environment and takes precedence over this value.\n`);
  }
  if (globals.output === "table") {
    const where = storedIn === "config_file" ? configFile() : storeLabel(storedIn);
    process.stdout.write(`Set ${input.key} = ${shown} in profile "${profile.name}" (stored in ${where}).\n`);
    return;
  }
  await printResult({ profile: profile.name, key: input.key, value: shown, stored_in: storedIn }, globals.output);
}

export async function configGet(
  input: { key: SettingKey; reveal: boolean; resolve?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  const profile = targetProfile(globals);
  requireProfile(profile.name, profile.detail);
  const section = readConfig().profiles.get(profile.name) ?? {};
  let value = section[input.key];
  let storedIn = "config_file";
  if ((value === undefined || value === "") && isSecretKey(input.key)) {
    const { store, info } = await openCredentialStore();
    value = await store.get(profile.name, input.key);
    storedIn = info.kind;
  }
  if (value === undefined || value === "") {
    throw new RuntimeError(
      `${input.key} is not set in profile "${profile.name}".`,
      `Set it with \`clerk config set ${input.key} <value>\`; \`clerk config list\` shows every source.`,
      "not_set",
    );
  }
  if (input.resolve && value.startsWith("!")) {
    // `--resolve` (Go CLI): what the command prints, the secret itself, asked for on purpose.
    const { runSecretCommand } = await import("./secret-command");
    value = await runSecretCommand(value, `${input.key} of profile "${profile.name}"`);
  }
  const shown = input.reveal || input.resolve ? value : displayValue(input.key, value);
  if (globals.output === "table") {
    process.stdout.write(`${shown}\n`);
    return;
  }
  await printResult(
    { profile: profile.name, key: input.key, value: shown, stored_in: storedIn, masked: shown !== value },
    globals.output,
  );
}

export async function configUnset(input: { key: SettingKey }, globals: GlobalOptions): Promise<void> {
  const profile = targetProfile(globals);
  requireProfile(profile.name, profile.detail);
  const section = readConfig().profiles.get(profile.name);
  if (
    await dryRun(globals, `remove ${input.key} from profile "${profile.name}"`, {
      profile: profile.name,
      key: input.key,
    })
  )
    return;
  let removed = false;
  if (section && input.key in section) {
    setProfileValue(profile.name, input.key, undefined);
    removed = true;
  }
  if (isSecretKey(input.key) && section) {
    const { store } = await openCredentialStore();
    removed = (await store.delete(profile.name, input.key)) || removed;
  }
  if (globals.output === "table") {
    process.stdout.write(
      removed
        ? `Removed ${input.key} from profile "${profile.name}".\n`
        : `${input.key} was not set in profile "${profile.name}".\n`,
    );
    return;
  }
  await printResult({ profile: profile.name, key: input.key, removed }, globals.output);
}

interface ListedSetting {
  key: string;
  value: string | null;
  source: string;
  detail: string;
}

export async function configList(globals: GlobalOptions): Promise<void> {
  const settings = await resolveSettings(globals, env(), { runCommands: false, tolerant: true, keys: SETTING_KEYS });
  for (const problem of settings.problems) {
    process.stderr.write(`warning: ${problem.message}${problem.hint ? ` ${problem.hint}` : ""}\n`);
  }
  const rows: ListedSetting[] = SETTING_KEYS.map((key) => {
    const origin = settings.origins[key];
    const raw = settings.commands[key] ?? settings.values[key];
    return {
      key,
      value: raw === undefined ? null : displayValue(key, raw),
      source: origin?.source ?? "unset",
      detail: origin?.detail ?? "",
    };
  });
  if (globals.output !== "table") {
    await printResult(
      {
        profile: settings.profile,
        profile_source: settings.profileOrigin.detail,
        config_file: settings.configFile,
        dotenv_file: settings.dotenvFile ?? null,
        link_file: settings.linkFile ?? null,
        settings: Object.fromEntries(rows.map(({ key, ...rest }) => [key, rest])),
      },
      globals.output,
    );
    return;
  }
  const view: TableView<ListedSetting[]> = {
    rows: (list) => list.map((row) => ({ ...row, value: row.value ?? "(not set)", from: row.detail || row.source })),
    columns: [
      { key: "key", header: "KEY" },
      { key: "value", header: "VALUE" },
      { key: "from", header: "FROM" },
    ],
    footer: () =>
      `profile "${settings.profile}" (${settings.profileOrigin.detail})${settings.dotenvFile ? `, .env: ${settings.dotenvFile}` : ""}` +
      `${settings.linkFile ? `, linked: ${settings.linkFile}` : ""}`,
  };
  await printResult(rows, "table", view);
}

export async function configPath(globals: GlobalOptions): Promise<void> {
  if (globals.output === "table") {
    process.stdout.write(`${configFile()}\n`);
    return;
  }
  await printResult(
    { config_dir: configDir(), config_file: configFile(), credentials_file: credentialsFile() },
    globals.output,
  );
}

// ── clerk config profile create / list / use / show / delete ──────────────────────────────

export async function profileCreate(
  input: { name: string; use: boolean; api_key?: string | undefined; api_url?: string | undefined },
  globals: GlobalOptions,
): Promise<void> {
  // The Go CLI's --api-key / --api-url: checked before anything is written.
  const apiUrl = input.api_url === undefined ? undefined : validateSetting("api_url", input.api_url, "--api-url");
  const apiKey = input.api_key?.trim();
  if (apiKey === "") {
    throw new UsageError("--api-key is empty.", "Give the secret key (sk_…), or leave --api-key out.");
  }
  if (await dryRun(globals, `create profile "${input.name}"`, { name: input.name })) return;
  createProfile(input.name, input.use);
  if (apiKey !== undefined) await storeSetting(input.name, "secret_key", apiKey);
  if (apiUrl !== undefined) await storeSetting(input.name, "api_url", apiUrl);
  if (globals.output === "table") {
    process.stdout.write(
      `Created profile "${input.name}"${input.use ? " and made it the active one" : ""}.\n` +
        `Configure it with \`clerk config set <key> <value> --profile ${input.name}\`${
          input.use ? "" : `; use it with \`clerk config profile use ${input.name}\``
        }.\n`,
    );
    return;
  }
  await printResult({ name: input.name, created: true, active: input.use }, globals.output);
}

interface ListedProfile {
  name: string;
  active: boolean;
  in_file: boolean;
  settings: Record<string, string>;
}

export async function profileList(globals: GlobalOptions): Promise<void> {
  const config = readConfig();
  const active = process.env.CLERK_PROFILE || config.activeProfile || DEFAULT_PROFILE;
  const names = [...config.profiles.keys()];
  // The default profile is always usable, even before anything is stored in it.
  if (!names.includes(DEFAULT_PROFILE)) names.unshift(DEFAULT_PROFILE);
  const profiles: ListedProfile[] = names.map((name) => ({
    name,
    active: name === active,
    in_file: config.profiles.has(name),
    settings: Object.fromEntries(
      Object.entries(config.profiles.get(name) ?? {}).map(([key, value]) => [
        key,
        isSecretKey(key) ? displayValue(key as SettingKey, value) : value,
      ]),
    ),
  }));
  await printResult(profiles, globals.output, {
    rows: (list) =>
      list.map((p) => ({
        active: p.active ? "*" : "",
        name: p.name,
        settings: Object.keys(p.settings).join(", ") || (p.in_file ? "(empty)" : "(not created yet)"),
      })),
    columns: [
      { key: "active", header: "" },
      { key: "name", header: "PROFILE" },
      { key: "settings", header: "SETTINGS IN FILE" },
    ],
    footer: () =>
      process.env.CLERK_PROFILE ? `active: ${active} (from CLERK_PROFILE)` : `config file: ${configFile()}`,
  });
}

export async function profileUse(input: { name: string }, globals: GlobalOptions): Promise<void> {
  if (await dryRun(globals, `make profile "${input.name}" the active one`, { name: input.name })) return;
  useProfile(input.name);
  if (process.env.CLERK_PROFILE && process.env.CLERK_PROFILE !== input.name) {
    process.stderr.write(
      `note: CLERK_PROFILE=${process.env.CLERK_PROFILE} in the environment still takes precedence.\n`,
    );
  }
  if (globals.output === "table") {
    process.stdout.write(`Profile "${input.name}" is now active.\n`);
    return;
  }
  await printResult({ name: input.name, active: true }, globals.output);
}

export async function profileShow(input: { name?: string | undefined }, globals: GlobalOptions): Promise<void> {
  const target = input.name ? { name: input.name, detail: "<name>" } : targetProfile(globals);
  requireProfile(target.name, target.detail);
  const config = readConfig();
  const section = config.profiles.get(target.name) ?? {};
  const entries: Record<string, { value: string; stored_in: string }> = {};
  for (const [key, value] of Object.entries(section)) {
    entries[key] = {
      value: isSecretKey(key) ? displayValue(key as SettingKey, value) : value,
      stored_in: "config_file",
    };
  }
  let login: Record<string, unknown> | null = null;
  if (config.profiles.has(target.name)) {
    const { store, info } = await openCredentialStore();
    for (const key of SETTING_KEYS) {
      if (!isSecretKey(key) || entries[key]) continue;
      const value = await store.get(target.name, key);
      if (value !== undefined) entries[key] = { value: maskSecret(value), stored_in: info.kind };
    }
    const { loadTokens } = await import("../auth/tokens");
    const tokens = await loadTokens(store, target.name);
    if (tokens) {
      login = {
        oauth_server: tokens.oauth_base_url,
        expires_at: tokens.expires_at ? new Date(tokens.expires_at).toISOString() : null,
        stored_in: info.kind,
      };
    }
  }
  const active = (process.env.CLERK_PROFILE || config.activeProfile || DEFAULT_PROFILE) === target.name;
  const result = { name: target.name, active, settings: entries, login };
  if (globals.output !== "table") {
    await printResult(result, globals.output);
    return;
  }
  const rows = Object.entries(entries).map(([key, entry]) => ({
    key,
    value: entry.value,
    stored: entry.stored_in === "config_file" ? "config file" : entry.stored_in,
  }));
  if (login) {
    rows.push({
      key: "login",
      value: `${login.oauth_server} (expires ${login.expires_at ?? "?"})`,
      stored: String(login.stored_in),
    });
  }
  await printResult(rows, "table", {
    rows: (list) => list,
    columns: [
      { key: "key", header: "KEY" },
      { key: "value", header: "VALUE" },
      { key: "stored", header: "STORED IN" },
    ],
    footer: () => `profile "${target.name}"${active ? " (active)" : ""}`,
  });
}

export async function profileDelete(input: { name: string }, globals: GlobalOptions): Promise<void> {
  const config = readConfig();
  if (!config.profiles.has(input.name)) {
    throw new UsageError(
      `Profile "${input.name}" does not exist.`,
      "See the profiles with `clerk config profile list`.",
    );
  }
  if (await dryRun(globals, `delete profile "${input.name}" with its stored secrets and login`, { name: input.name }))
    return;
  const confirmed = await confirmDestructive(
    `This will delete profile "${input.name}" and its stored secrets and login. It cannot be undone. Continue?`,
    globals.yes,
  );
  if (!confirmed) {
    process.stderr.write("Cancelled.\n");
    process.exitCode = ExitCode.usage;
    return;
  }
  const { store } = await openCredentialStore();
  const { loadTokens, revokeTokens } = await import("../auth/tokens");
  const tokens = await loadTokens(store, input.name).catch(() => undefined);
  // Deleting a login without revoking it would leave it valid at the server.
  const revocation = tokens ? await revokeTokens(tokens) : undefined;
  if (revocation && !revocation.revoked) {
    process.stderr.write(`warning: could not revoke the profile's login (${revocation.problem}).\n`);
  }
  const secrets = await store.deleteProfile(input.name);
  const { wasActive } = removeProfile(input.name);
  if (globals.output === "table") {
    process.stdout.write(
      `Deleted profile "${input.name}"${secrets.length ? ` and its stored ${secrets.join(", ")}` : ""}.` +
        `${wasActive ? ` The active profile is now "${DEFAULT_PROFILE}".` : ""}\n`,
    );
    return;
  }
  await printResult(
    { name: input.name, deleted: true, removed_credentials: secrets, was_active: wasActive },
    globals.output,
  );
}
