/** Names of what the CLI keeps per profile in the credential store. */
export type CredentialKey = "secret_key" | "platform_api_key" | "oauth_tokens";

/** Where secrets live: the OS keychain, or the 0600 fallback file. Keys are namespaced by profile. */
export interface CredentialStore {
  readonly kind: "keychain" | "file";
  /** Where, for people: "OS keychain (service clerk-cli)" or the file's path. */
  readonly location: string;
  /** `fresh` reads past this run's cache (another process may have changed it, e.g. a token refresh). */
  get(profile: string, key: string, fresh?: boolean): Promise<string | undefined>;
  set(profile: string, key: string, value: string): Promise<void>;
  /** Whether something was deleted. */
  delete(profile: string, key: string): Promise<boolean>;
  /** Deletes everything of a profile; returns the keys that were deleted. */
  deleteProfile(profile: string): Promise<string[]>;
  /** The keys a profile has. */
  keys(profile: string): Promise<string[]>;
}

/** Which store is in use and why: `clerk doctor` reports this. */
export interface StoreInfo {
  kind: "keychain" | "file";
  location: string;
  /** Why this store was chosen (or why the keychain was not). */
  reason: string;
  /** The keychain was wanted but could not be used. */
  fallback: boolean;
}
