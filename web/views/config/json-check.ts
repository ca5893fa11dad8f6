/** Where a JSON document is broken and why, with 1-based line and column. */
export interface JsonProblem {
  offset: number;
  line: number;
  column: number;
  message: string;
}

export type Parsed =
  | { value: Record<string, unknown>; problem?: undefined }
  | { value?: undefined; problem: JsonProblem };

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Finds the first syntax error in a JSON text. Browsers word (and locate) JSON.parse errors
 * differently, so this small scanner gives the same message and exact offset everywhere.
 */
function scan(text: string): { offset: number; message: string } | null {
  let i = 0;
  const found = () => (i >= text.length ? "the end of the document" : `'${text[i]}'`);
  const fail = (message: string, at = i): never => {
    throw { offset: at, message };
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === "\\") {
        const next = text[i + 1] ?? "";
        if (next && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail("Invalid escape sequence in a string");
        continue;
      }
      if (ch < " ")
        fail(ch === "\n" ? "Unterminated string (a line break must be written \\n)" : "Control character in a string");
      i++;
    }
    fail("Unterminated string");
  };
  const list = (close: "}" | "]", item: () => void) => {
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[i] === ",") {
        const comma = i;
        i++;
        space();
        if (text[i] === close) fail(`Trailing comma before '${close}': remove it`, comma);
        continue;
      }
      if (text[i] === close) {
        i++;
        return;
      }
      fail(`Expected ',' or '${close}', found ${found()}`);
    }
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === "{") {
      list("}", () => {
        space();
        if (text[i] !== '"') fail(`Expected a property name in double quotes, found ${found()}`);
        string();
        space();
        if (text[i] !== ":") fail(`Expected ':' after the property name, found ${found()}`);
        i++;
        value();
      });
    } else if (ch === "[") {
      list("]", value);
    } else if (ch === '"') {
      string();
    } else if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) fail("Invalid number");
      i = NUMBER.lastIndex;
    } else {
      for (const literal of ["true", "false", "null"]) {
        if (text.startsWith(literal, i)) {
          i += literal.length;
          return;
        }
      }
      fail(ch === "'" ? "Strings must use double quotes" : `Unexpected ${found()}`);
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail(`Unexpected ${found()} after the end of the document`);
    return null;
  } catch (error) {
    if (error && typeof error === "object" && "offset" in error) return error as { offset: number; message: string };
    throw error;
  }
}

/** Parses the editor's text into a config document (a JSON object), or says where it is broken. */
export function parseDocument(text: string): Parsed {
  const problem = scan(text);
  if (problem) return { problem: { ...problem, ...position(text, problem.offset) } };
  const value = JSON.parse(text) as unknown;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const start = text.length - text.trimStart().length;
    return {
      problem: { offset: start, ...position(text, start), message: "The config must be a JSON object ({ … })" },
    };
  }
  return { value: value as Record<string, unknown> };
}

export const formatDocument = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

type Yaml = typeof import("yaml");

/** Parses a YAML config document (a file loaded as YAML), or says where it is broken. */
export function parseYamlDocument(yaml: Yaml, text: string): Parsed {
  const document = yaml.parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const error = document.errors[0];
  if (error) {
    const offset = Math.min(error.pos[0], text.length);
    return { problem: { offset, ...position(text, offset), message: error.message.split("\n")[0] as string } };
  }
  const value = document.toJS() as unknown;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { problem: { offset: 0, line: 1, column: 1, message: "The config must be a YAML mapping (key: value)" } };
  }
  return { value: value as Record<string, unknown> };
}
