/** A variable to write; `onlyIfPresent` ones are updated where the file has them, never added. */
export interface EnvAssignment {
  name: string;
  value: string;
  onlyIfPresent?: boolean;
}

export interface EnvChange {
  name: string;
  action: "added" | "updated" | "unchanged";
  /** Set when an existing non-empty value is replaced: that needs the user's consent. */
  previous?: string;
}

export interface EnvMerge {
  text: string;
  changes: EnvChange[];
}

interface Assignment {
  /** Index of the line in the split text. */
  index: number;
  name: string;
  /** Everything before the value: indentation, `export `, the name, `=` and spaces. */
  head: string;
  quote: "" | '"' | "'" | "`";
  value: string;
  /** After the value: spaces and an inline comment, as they were. */
  tail: string;
  eol: string;
}

const ASSIGNMENT = /^(\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=[ \t]*)(.*)$/;

/** The file's lines, each with its own line ending (`\n`, `\r\n` or none for the last). */
function splitLines(text: string): { body: string; eol: string }[] {
  return (text.match(/[^\n]*\n|[^\n]+$/g) ?? []).map((line) => {
    const eol = line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
    return { body: line.slice(0, line.length - eol.length), eol };
  });
}

/**
 * Every `NAME=value` line, skipping comments and the inner lines of multi-line quoted values
 * (a PEM key spanning lines is one value, not assignments).
 */
function assignments(lines: { body: string; eol: string }[]): Assignment[] {
  const found: Assignment[] = [];
  let open: string | undefined;
  lines.forEach(({ body, eol }, index) => {
    if (open) {
      if (closes(body, open, 0) !== -1) open = undefined;
      return;
    }
    const match = ASSIGNMENT.exec(body);
    if (!match) return;
    const [, head = "", name = "", rest = ""] = match;
    const quote = rest[0] === '"' || rest[0] === "'" || rest[0] === "`" ? rest[0] : "";
    if (quote) {
      const end = closes(rest, quote, 1);
      if (end === -1) {
        open = quote;
        return;
      }
      found.push({ index, name, head, quote, value: rest.slice(1, end), tail: rest.slice(end + 1), eol });
      return;
    }
    const comment = /\s+#/.exec(rest);
    const raw = comment ? rest.slice(0, comment.index) : rest;
    const value = raw.trimEnd();
    found.push({ index, name, head, quote: "", value, tail: rest.slice(value.length), eol });
  });
  return found;
}

/** Index of the closing quote at or after `from` (a backslash escapes it in double quotes), or -1. */
function closes(text: string, quote: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (quote === '"' && text[i] === "\\") i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/**
 * Writes the assignments into an env file's text, changing nothing else: other lines,
 * comments, blank lines, quoting, `export` prefixes, inline comments and line endings stay
 * byte for byte. An existing variable is updated where it stands (every occurrence); a new one
 * is appended.
 */
export function mergeEnvFile(text: string, wanted: readonly EnvAssignment[]): EnvMerge {
  const lines = splitLines(text);
  const existing = assignments(lines);
  const eol = lines.find((line) => line.eol)?.eol ?? "\n";
  const changes: EnvChange[] = [];
  const appended: string[] = [];
  for (const { name, value, onlyIfPresent } of wanted) {
    const present = existing.filter((assignment) => assignment.name === name);
    if (present.length === 0) {
      if (onlyIfPresent) continue;
      appended.push(`${name}=${value}`);
      changes.push({ name, action: "added" });
      continue;
    }
    const differing = present.filter((assignment) => assignment.value !== value);
    if (differing.length === 0) {
      changes.push({ name, action: "unchanged" });
      continue;
    }
    for (const assignment of differing) {
      lines[assignment.index] = {
        body: `${assignment.head}${assignment.quote}${value}${assignment.quote}${assignment.tail}`,
        eol: assignment.eol,
      };
    }
    // An empty placeholder (`CLERK_SECRET_KEY=` from a template) is filled in, not overwritten.
    const previous = differing.find((assignment) => assignment.value !== "")?.value;
    changes.push({ name, action: "updated", ...(previous === undefined ? {} : { previous }) });
  }
  let merged = lines.map((line) => line.body + line.eol).join("");
  if (appended.length) {
    if (merged !== "" && !merged.endsWith("\n")) merged += eol;
    merged += appended.map((line) => line + eol).join("");
  }
  return { text: merged, changes };
}
