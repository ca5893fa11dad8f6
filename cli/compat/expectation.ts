import type { CliResult } from "../testing/run-cli";

/** What a reference line must do (see reference-lines.json's header). */
export interface Expectation {
  exit?: number | number[];
  json?: string[];
  values?: Record<string, unknown[]>;
  /** Text stdout must contain. */
  stdout?: string[];
  /** Text stderr must contain (a documented refusal: which error it is). */
  stderr?: string[];
}

/** The values at a path: `a.b` walks objects, `[]` (or `a[]`) every element of an array. */
function valuesAt(root: unknown, path: string): unknown[] | undefined {
  let current: unknown[] = [root];
  for (const part of path.split(".")) {
    const each = part.endsWith("[]");
    const key = each ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const value of current) {
      const field = key === "" ? value : (value as Record<string, unknown> | null)?.[key];
      if (field === undefined) return undefined;
      if (each) {
        if (!Array.isArray(field) || field.length === 0) return undefined;
        next.push(...field);
      } else next.push(field);
    }
    current = next;
  }
  return current;
}

/** Why the result does not do what the document says, or undefined when it does. */
export function problemWith(result: CliResult, expect: Expectation = {}): string | undefined {
  const exits = expect.exit === undefined ? [0] : Array.isArray(expect.exit) ? expect.exit : [expect.exit];
  const said = (result.stderr.trim() || result.stdout.trim()).split("\n").slice(0, 3).join(" / ").slice(0, 300);
  if (!exits.includes(result.code ?? -1)) return `exit ${result.code}, documented ${exits.join(" or ")}: ${said}`;
  if (result.code === 2 && /unknown (command|option)|unexpected argument/.test(result.stderr)) {
    return `a documented usage error, but for a missing command or option: ${said}`;
  }
  const missing = expect.stdout?.find((text) => !result.stdout.includes(text));
  if (missing !== undefined) return `stdout lacks ${JSON.stringify(missing)}: ${result.stdout.slice(0, 200)}`;
  const unsaid = expect.stderr?.find((text) => !result.stderr.includes(text));
  if (unsaid !== undefined) return `stderr lacks ${JSON.stringify(unsaid)}: ${result.stderr.slice(0, 200)}`;
  if (expect.json === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    return `stdout is not JSON: ${result.stdout.slice(0, 200)}`;
  }
  for (const path of expect.json) {
    const found = valuesAt(parsed, path);
    if (found === undefined || found.some((v) => v === undefined)) return `JSON lacks ${path}`;
    const allowed = expect.values?.[path];
    const wrong = allowed ? found.findIndex((v) => !allowed.includes(v)) : -1;
    if (wrong >= 0) return `${path} is ${JSON.stringify(found[wrong])}, not one of ${allowed?.join("|")}`;
  }
  return undefined;
}
