/**
 * How secrets (Clerk secret keys `sk_…`, platform, API and machine keys `ak_…`, OAuth tokens,
 * M2M tokens `mt_…`, webhook signing secrets `whsec_…`, JWTs) are shown wherever a person may see them: masked to their kind
 * prefix and last four characters. One definition for the CLI's settings, its HTTP debug log
 * and the action tables.
 */

/**
 * Shows enough of a secret to recognise it: its kind prefix and last four characters
 * (`sk_test_…abcd`). Short values show nothing but their prefix.
 */
export function maskSecret(value: string): string {
  const prefix = /^([a-z]{2,5}_(?:test_|live_)?)/.exec(value)?.[1] ?? "";
  const rest = value.slice(prefix.length);
  return rest.length >= 12 ? `${prefix}…${rest.slice(-4)}` : `${prefix}…`;
}

/** Secret shapes in free text; an API key's id (`ak_` and exactly 32 hex digits) is not a secret. */
const SECRET_IN_TEXT =
  /\b(?:(?!ak_[0-9a-f]{32}\b)(?:sk|ak|oat|ort|mt)_(?:test_|live_)?[A-Za-z0-9_-]{8,}|whsec_[A-Za-z0-9+/=]{8,}|eyJ[\w-]{8,}\.[\w-]+\.[\w-]+)/g;

/** Hides anything that looks like a Clerk secret inside free text (a `!command`, an error, a logged body). */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_IN_TEXT, (match) => maskSecret(match));
}

/** Fields whose value is a secret whatever it looks like: passwords, signing keys, client secrets. */
const SECRET_FIELD = /(^|_)(password|secret|signing_key|private_key)$/;

/**
 * A JSON value as it may be logged (a request body under `--debug` or `--dry-run`): values of
 * secret fields are hidden, and anything shaped like a Clerk secret is masked.
 */
export function redactJson(value: unknown, key = ""): unknown {
  if (typeof value === "string") return SECRET_FIELD.test(key) ? "********" : redactSecrets(value);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, key));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([name, child]) => [name, redactJson(child, name)]));
  }
  return value;
}

/** The note under a table whose secret column is masked. */
export const MASKED_SECRET_FOOTER = "The secret is masked here; add --json (or -o yaml) to print it.";
