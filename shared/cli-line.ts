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

/**
 * The command as it can be pasted into a shell: a file-backed field given as a document reads
 * `-` (stdin), so the document follows as a here-document instead of the line waiting for input.
 * The document is JSON (which the CLI reads as JSON or YAML); JSON never has a line `EOF`.
 */
export function cliScript(
  shape: CommandShape,
  input: Record<string, unknown>,
  extra: readonly string[] = [],
): { line: string; stdin?: string; script: string } {
  const line = cliLine(shape, input, extra);
  const document = shape.fields.find(
    (field) => field.file && input[field.name] !== null && typeof input[field.name] === "object",
  );
  if (!document) return { line, script: line };
  const stdin = JSON.stringify(input[document.name], null, 2);
  return { line, stdin, script: `${line} <<'EOF'\n${stdin}\nEOF` };
}
