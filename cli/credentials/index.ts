import { RuntimeError, UsageError } from "../errors";
import { configDir, credentialsFile } from "../settings/paths";
import { FileCredentialStore } from "./file-store";
import { type KeychainStore, KeychainTimeoutError, locateKeytar, openKeychain, SERVICE } from "./keychain";
import type { CredentialStore, StoreInfo } from "./types";

export type { CredentialKey, CredentialStore, StoreInfo } from "./types";
export { SERVICE };

export interface OpenedStore {
  store: CredentialStore;
  info: StoreInfo;
}

const opened = new Map<string, Promise<OpenedStore>>();
let announced = false;

/** Says once per run, loudly, that secrets are going to a plain file and why. */
function announceFallback(file: string, reason: string): () => void {
  return () => {
    if (announced) return;
    announced = true;
    const loud = process.stderr.isTTY && !("NO_COLOR" in process.env) ? "\x1b[33;1mwarning:\x1b[0m" : "warning:";
    process.stderr.write(
      `${loud} No OS keychain is available (${reason}).\n` +
        `  Credentials are stored unencrypted in ${file} (mode 0600, readable only by you).\n` +
        "  Run and unlock a keychain (on Linux a Secret Service such as gnome-keyring) to keep them there,\n" +
        "  or set CLERK_CREDENTIAL_STORE=file to choose the file and silence this warning.\n",
    );
  };
}

/**
 * The keychain, reading secrets an earlier run left in the fallback file (when no keychain
 * answered then) and moving each one into the keychain the first time it is read.
 */
class KeychainWithFileMigration implements CredentialStore {
  readonly kind = "keychain" as const;
  constructor(
    private readonly keychain: KeychainStore,
    private readonly file: FileCredentialStore,
  ) {}

  get location(): string {
    return this.keychain.location;
  }

  async get(profile: string, key: string, fresh = false): Promise<string | undefined> {
    const value = await this.keychain.get(profile, key, fresh);
    if (value !== undefined || !this.file.exists()) return value;
    const legacy = await this.file.get(profile, key);
    if (legacy === undefined) return undefined;
    try {
      await this.keychain.set(profile, key, legacy);
      await this.file.delete(profile, key);
      process.stderr.write(`Moved ${key} of profile "${profile}" from ${this.file.location} to the OS keychain.\n`);
    } catch {
      // The keychain refused the write: keep using the file's copy.
    }
    return legacy;
  }

  async set(profile: string, key: string, value: string): Promise<void> {
    await this.keychain.set(profile, key, value);
    await this.file.delete(profile, key);
  }

  async delete(profile: string, key: string): Promise<boolean> {
    const fromKeychain = await this.keychain.delete(profile, key);
    const fromFile = await this.file.delete(profile, key);
    return fromKeychain || fromFile;
  }

  async deleteProfile(profile: string): Promise<string[]> {
    const keys = new Set([
      ...(await this.keychain.deleteProfile(profile)),
      ...(await this.file.deleteProfile(profile)),
    ]);
    return [...keys];
  }

  async keys(profile: string): Promise<string[]> {
    return [...new Set([...(await this.keychain.keys(profile)), ...(await this.file.keys(profile))])];
  }
}

async function open(env: NodeJS.ProcessEnv): Promise<OpenedStore> {
  const file = credentialsFile(env);
  const mode = (env.CLERK_CREDENTIAL_STORE ?? "auto").toLowerCase();
  if (!["auto", "file", "keychain"].includes(mode)) {
    throw new UsageError(
      `CLERK_CREDENTIAL_STORE must be keychain, file or auto, not "${env.CLERK_CREDENTIAL_STORE}".`,
      "Unset it to use the OS keychain when there is one.",
    );
  }
  if (mode === "file") {
    return {
      store: new FileCredentialStore(file, env),
      info: { kind: "file", location: file, reason: "CLERK_CREDENTIAL_STORE=file", fallback: false },
    };
  }
  const keytar = locateKeytar();
  let problem: string;
  if ("unavailable" in keytar) {
    problem = keytar.unavailable;
  } else {
    try {
      const keychain = await openKeychain(keytar.path, env);
      const legacy = new FileCredentialStore(file, env);
      const reason =
        mode === "keychain"
          ? "CLERK_CREDENTIAL_STORE=keychain"
          : `the OS keychain answered${process.platform === "linux" ? " (Secret Service)" : ""}`;
      return {
        store: legacy.exists() ? new KeychainWithFileMigration(keychain, legacy) : keychain,
        info: { kind: "keychain", location: keychain.location, reason, fallback: false },
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problem =
        error instanceof KeychainTimeoutError
          ? message
          : process.platform === "linux"
            ? `no Secret Service answered: ${message}`
            : `the OS keychain failed: ${message}`;
    }
  }
  if (mode === "keychain") {
    throw new RuntimeError(
      `CLERK_CREDENTIAL_STORE=keychain, but ${problem}.`,
      process.platform === "linux"
        ? "Start and unlock a Secret Service (e.g. gnome-keyring) in this session, or set CLERK_CREDENTIAL_STORE=file."
        : "Unlock your keychain, or set CLERK_CREDENTIAL_STORE=file.",
      "keychain_unavailable",
    );
  }
  return {
    store: new FileCredentialStore(file, env, announceFallback(file, problem)),
    info: { kind: "file", location: file, reason: problem, fallback: true },
  };
}

/**
 * The credential store for this run: the OS keychain through keytar when one answers, else
 * the 0600 file (announced on stderr the first time it is used). `CLERK_CREDENTIAL_STORE=file|keychain`
 * forces one. Opened once per config dir and mode.
 */
export function openCredentialStore(env: NodeJS.ProcessEnv = process.env): Promise<OpenedStore> {
  const key = `${env.CLERK_CREDENTIAL_STORE ?? ""}|${configDir(env)}`;
  let store = opened.get(key);
  if (!store) {
    store = open(env);
    opened.set(key, store);
    store.catch(() => opened.delete(key));
  }
  return store;
}
