/** Request parameters as OAuth reads them: each one a single string. */
export interface OAuthParams {
  /** Parameters present exactly once, as strings. */
  values: Record<string, string>;
  /** Names that repeat or are not strings; RFC 6749 §3.1 makes such requests invalid. */
  invalid: string[];
}

/** Reads a parsed query string or body (form-encoded or JSON). Empty values count as absent. */
export function readParams(source: unknown): OAuthParams {
  const values: Record<string, string> = {};
  const invalid: string[] = [];
  if (source && typeof source === "object" && !Array.isArray(source)) {
    for (const [name, value] of Object.entries(source)) {
      if (typeof value !== "string") invalid.push(name);
      else if (value !== "") values[name] = value;
    }
  }
  return { values, invalid };
}
