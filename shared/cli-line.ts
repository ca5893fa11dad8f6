/** The parts of an action's description needed to write its command line (no zod: the panel uses it). */
export interface CommandShape {
  id: string;
  positionals: readonly string[];
  fields: readonly { name: string; flag: string; kind: string; defaultValue?: unknown; file?: boolean }[];
}

/** Quotes a word for a POSIX shell only when it needs it. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `clerk …` command that does what the panel is about to do, for its "copy as CLI"
 * button. Values equal to the defaults are left out; file-backed fields become `-` (stdin).
 */
export function cliLine(shape: CommandShape, input: Record<string, unknown>, extra: readonly string[] = []): string {
  const parts = ["clerk", ...shape.id.split(".")];
  for (const name of shape.positionals) {
    const value = input[name];
    if (value === undefined || value === null || value === "") continue;
    const field = shape.fields.find((f) => f.name === name);
    parts.push(field?.file ? "-" : shellQuote(String(value)));
  }
  for (const field of shape.fields) {
    if (shape.positionals.includes(field.name)) continue;
    const value = input[field.name];
    if (value === undefined || value === null || value === "") continue;
    if (JSON.stringify(value) === JSON.stringify(field.defaultValue)) continue;
    if (field.kind === "boolean") {
      parts.push(value ? `--${field.flag}` : `--no-${field.flag}`);
    } else if (Array.isArray(value) && field.kind === "list") {
      for (const item of value) parts.push(`--${field.flag}`, shellQuote(String(item)));
    } else if (typeof value === "object") {
      parts.push(`--${field.flag}`, field.file ? "-" : shellQuote(JSON.stringify(value)));
    } else {
      parts.push(`--${field.flag}`, shellQuote(String(value)));
    }
  }
  return [...parts, ...extra].join(" ");
}
