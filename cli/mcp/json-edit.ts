/**
 * Edits one member of a JSON document in place, as a person would: the rest of the text (other
 * servers, key order, indentation, comments and trailing commas of JSONC files such as VS Code's
 * mcp.json) stays byte for byte. MCP clients' config files are the user's (Claude Code's
 * ~/.claude.json holds far more than servers), so re-serialising them is not an option.
 */

interface Node {
  start: number;
  end: number;
  value: unknown;
  /** For objects: the members, with where each key starts. */
  members?: { key: string; keyStart: number; node: Node }[];
  /** For objects: where `{` and `}` are. */
  open?: number;
  close?: number;
}

export class JsonEditError extends Error {}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/;

/** A JSON (or JSONC: comments and trailing commas allowed) document's tree, with text positions. */
export function parseJsonc(text: string): Node {
  let at = 0;
  const fail = (what: string): never => {
    const line = text.slice(0, at).split("\n").length;
    throw new JsonEditError(`${what} at line ${line}`);
  };
  const skip = () => {
    for (;;) {
      while (at < text.length && /\s/.test(text[at] as string)) at++;
      if (text.startsWith("//", at)) {
        const end = text.indexOf("\n", at);
        at = end < 0 ? text.length : end;
      } else if (text.startsWith("/*", at)) {
        const end = text.indexOf("*/", at + 2);
        if (end < 0) fail("unterminated comment");
        at = end + 2;
      } else return;
    }
  };
  const string = (): string => {
    const start = at;
    at++;
    while (at < text.length && text[at] !== '"') at += text[at] === "\\" ? 2 : 1;
    if (at >= text.length) fail("unterminated string");
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const value = (): Node => {
    skip();
    const start = at;
    const char = text[at];
    if (char === "{") {
      at++;
      const members: NonNullable<Node["members"]> = [];
      const object: Record<string, unknown> = {};
      for (;;) {
        skip();
        if (text[at] === "}") break;
        if (text[at] !== '"') fail("expected a key");
        const keyStart = at;
        const key = string();
        skip();
        if (text[at] !== ":") fail("expected ':'");
        at++;
        const node = value();
        members.push({ key, keyStart, node });
        object[key] = node.value;
        skip();
        if (text[at] === ",") at++;
        else if (text[at] !== "}") fail("expected ',' or '}'");
      }
      at++;
      return { start, end: at, value: object, members, open: start, close: at - 1 };
    }
    if (char === "[") {
      at++;
      const items: unknown[] = [];
      for (;;) {
        skip();
        if (text[at] === "]") break;
        items.push(value().value);
        skip();
        if (text[at] === ",") at++;
        else if (text[at] !== "]") fail("expected ',' or ']'");
      }
      at++;
      return { start, end: at, value: items };
    }
    if (char === '"') {
      const parsed = string();
      return { start, end: at, value: parsed };
    }
    for (const [word, literal] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return { start, end: at, value: literal };
      }
    }
    const number = NUMBER.exec(text.slice(at, at + 64))?.[0];
    if (!number) fail("unexpected character");
    at += (number as string).length;
    return { start, end: at, value: Number(number) };
  };
  const root = value();
  skip();
  if (at < text.length) fail("unexpected text after the document");
  return root;
}

/** The object at `path` below the root, or undefined when some level is missing or not an object. */
function objectAt(root: Node, path: readonly string[]): Node | undefined {
  let node: Node | undefined = root;
  for (const key of path) node = node?.members?.find((member) => member.key === key)?.node;
  return node?.members ? node : undefined;
}

/** The value at `path` in the document, or undefined. */
export function valueAt(text: string, path: readonly string[]): unknown {
  if (!text.trim()) return undefined;
  let node: Node | undefined = parseJsonc(text);
  for (const key of path) node = node?.members?.find((member) => member.key === key)?.node;
  return node?.value;
}

/** The whitespace a line starts with, for the line holding `offset`. */
function indentOfLine(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? "";
}

/** One level of the document's indentation (its first indented line's), two spaces by default. */
function indentUnit(text: string): string {
  return /\n([ \t]+)\S/.exec(text)?.[1] ?? "  ";
}

const serialise = (value: unknown, unit: string, indent: string) =>
  JSON.stringify(value, null, unit).split("\n").join(`\n${indent}`);

/** `value` wrapped in objects named by `path` (`["a"], v` → `{ a: v }`). */
const nest = (path: readonly string[], value: unknown): unknown =>
  path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);

/**
 * Sets `key` to `value` in the object at `path` (created as needed), changing only that member's
 * text. An empty or missing document becomes `{ …path: { key: value } }`.
 */
export function setMember(text: string, path: readonly string[], key: string, value: unknown): string {
  if (!text.trim()) return `${JSON.stringify(nest([...path, key], value), null, 2)}\n`;
  const root = parseJsonc(text);
  if (!root.members) throw new JsonEditError("the document is not a JSON object");
  const unit = indentUnit(text);
  // The deepest existing level: the missing rest of the path is inserted there, as one member.
  let depth = path.length;
  while (!objectAt(root, path.slice(0, depth))) depth--;
  const object = objectAt(root, path.slice(0, depth)) as Node;
  if (depth < path.length) {
    const existing = object.members?.find((member) => member.key === path[depth]);
    if (existing) throw new JsonEditError(`"${path.slice(0, depth + 1).join(".")}" is not a JSON object`);
    return setMember(text, path.slice(0, depth), path[depth] as string, nest([...path.slice(depth + 1), key], value));
  }
  const members = object.members ?? [];
  const found = members.find((member) => member.key === key);
  if (found) {
    const indent = indentOfLine(text, found.keyStart);
    return text.slice(0, found.node.start) + serialise(value, unit, indent) + text.slice(found.node.end);
  }
  const open = object.open as number;
  const close = object.close as number;
  const last = members.at(-1);
  if (last) {
    // A one-line object (`{"a": 1}`) stays on one line.
    if (!text.slice(open, last.keyStart).includes("\n")) {
      const inline = `, ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
      return text.slice(0, last.node.end) + inline + text.slice(last.node.end);
    }
    const indent = indentOfLine(text, last.keyStart);
    const member = `,\n${indent}${JSON.stringify(key)}: ${serialise(value, unit, indent)}`;
    return text.slice(0, last.node.end) + member + text.slice(last.node.end);
  }
  const outer = indentOfLine(text, open);
  const indent = outer + unit;
  const member = `\n${indent}${JSON.stringify(key)}: ${serialise(value, unit, indent)}`;
  // An empty object's inside is only whitespace (or a comment, kept after the new member).
  const inside = text.slice(open + 1, close);
  return inside.trim()
    ? text.slice(0, open + 1) + member + text.slice(open + 1)
    : `${text.slice(0, open + 1)}${member}\n${outer}${text.slice(close)}`;
}

/** Removes `key` from the object at `path`, with its comma; the text is unchanged when it is absent. */
export function removeMember(text: string, path: readonly string[], key: string): string {
  if (!text.trim()) return text;
  const object = objectAt(parseJsonc(text), path);
  const members = object?.members ?? [];
  const index = members.findIndex((member) => member.key === key);
  if (index < 0) return text;
  const member = members[index] as (typeof members)[number];
  const previous = members[index - 1];
  const next = members[index + 1];
  // After the previous member: from its end (the comma) to this one's end. First: up to the next key.
  if (previous) return text.slice(0, previous.node.end) + text.slice(member.node.end);
  if (next) return text.slice(0, member.keyStart) + text.slice(next.keyStart);
  const open = (object as Node).open as number;
  const close = (object as Node).close as number;
  return `${text.slice(0, open + 1)}${text.slice(close)}`;
}
