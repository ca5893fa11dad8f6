import {
  chmodSync,
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { RuntimeError } from "../errors";
import { ensureConfigDir } from "../settings/paths";
import type { CredentialStore } from "./types";

interface FileShape {
  version: 1;
  profiles: Record<string, Record<string, string>>;
}

/**
 * The fallback credential store: one JSON file, mode 0600 in a 0700 directory, for machines
 * without a usable OS keychain. The secrets in it are protected only by file permissions.
 */
export class FileCredentialStore implements CredentialStore {
  readonly kind = "file" as const;
  private data: FileShape | undefined;

  constructor(
    readonly file: string,
    private readonly env: NodeJS.ProcessEnv,
    /** Called before the file is used (read when it exists, or written): the loud notice. */
    private readonly onUse: () => void = () => {},
  ) {}

  get location(): string {
    return this.file;
  }

  exists(): boolean {
    try {
      return statSync(this.file).isFile();
    } catch {
      return false;
    }
  }

  private load(): FileShape {
    if (this.data) return this.data;
    let text: string;
    try {
      const stat = statSync(this.file);
      this.onUse();
      if ((stat.mode & 0o077) !== 0) {
        // Someone widened it: secrets must stay readable only by their owner.
        chmodSync(this.file, 0o600);
        process.stderr.write(`warning: ${this.file} was readable by others; its mode is now 0600.\n`);
      }
      text = readFileSync(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        this.data = { version: 1, profiles: {} };
        return this.data;
      }
      throw new RuntimeError(
        `Cannot read the credential file ${this.file}: ${(error as Error).message}`,
        "Check its permissions (it should be yours, mode 0600).",
      );
    }
    try {
      const parsed = JSON.parse(text) as Partial<FileShape>;
      const profiles = parsed.profiles && typeof parsed.profiles === "object" ? parsed.profiles : {};
      this.data = { version: 1, profiles };
    } catch {
      throw new RuntimeError(
        `The credential file ${this.file} is not valid JSON.`,
        "Delete it and set the secrets again (`clerk config set secret_key …`, `clerk auth login`).",
      );
    }
    return this.data;
  }

  private save(data: FileShape): void {
    this.onUse();
    ensureConfigDir(this.env);
    try {
      chmodSync(dirname(this.file), 0o700);
    } catch {
      // Not ours (CLERK_CONFIG_DIR may name a shared directory); the file itself is 0600.
    }
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      // Created 0600 from the first byte: never a moment where the secrets are readable by others.
      const fd = openSync(temp, "wx", 0o600);
      try {
        writeSync(fd, `${JSON.stringify(data, null, 2)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.file);
      chmodSync(this.file, 0o600);
    } catch (error) {
      rmSync(temp, { force: true });
      throw new RuntimeError(
        `Cannot write the credential file ${this.file}: ${(error as Error).message}`,
        "Check the directory's permissions, or point CLERK_CONFIG_DIR at a writable directory.",
      );
    }
    this.data = data;
  }

  async get(profile: string, key: string, fresh = false): Promise<string | undefined> {
    if (fresh) this.data = undefined;
    return this.load().profiles[profile]?.[key];
  }

  async set(profile: string, key: string, value: string): Promise<void> {
    const data = structuredClone(this.load());
    data.profiles[profile] = { ...data.profiles[profile], [key]: value };
    this.save(data);
  }

  async delete(profile: string, key: string): Promise<boolean> {
    if (!this.exists()) return false;
    const data = structuredClone(this.load());
    const entries = data.profiles[profile];
    if (!entries || !(key in entries)) return false;
    delete entries[key];
    if (Object.keys(entries).length === 0) delete data.profiles[profile];
    this.save(data);
    return true;
  }

  async deleteProfile(profile: string): Promise<string[]> {
    if (!this.exists()) return [];
    const data = structuredClone(this.load());
    const keys = Object.keys(data.profiles[profile] ?? {});
    if (keys.length === 0) return [];
    delete data.profiles[profile];
    this.save(data);
    return keys;
  }

  async keys(profile: string): Promise<string[]> {
    if (!this.exists()) return [];
    return Object.keys(this.load().profiles[profile] ?? {});
  }
}
