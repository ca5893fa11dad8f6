import type { CommandSpec } from "./command";
import { UsageError } from "./errors";
import { closest } from "./suggest";

/** What commands are resolved from: full specs, or the build's manifest entries. */
export type Named = Pick<CommandSpec, "id">;

export type Resolution<T extends Named = CommandSpec> =
  | { kind: "command"; spec: T; rest: string[] }
  | { kind: "group"; words: string[]; children: T[]; rest: string[] }
  | { kind: "root"; rest: string[] };

/**
 * Words Clerk's Go CLI (and most CLIs) take for these commands: `clerk users ls`, `clerk
 * restrictions rm`, `clerk apikeys`; and the official CLI's names for logging in and out
 * (`clerk signin`, `clerk auth signout`). Each names the first of its words the level has.
 */
const SYNONYMS: Record<string, readonly string[]> = {
  ls: ["list"],
  rm: ["delete", "remove"],
  signin: ["login"],
  "sign-in": ["login"],
  signup: ["login"],
  signout: ["logout"],
  "sign-out": ["logout"],
  // The Go CLI's README shortens `clerk whoami` to `clerk w`; here `w` also begins `webhooks`.
  w: ["whoami"],
  apikeys: ["api-keys"],
  jwttemplates: ["jwt-templates"],
  organizations: ["orgs"],
  organization: ["orgs"],
  invite: ["invitations"],
  "subscription-items": ["items"],
  // `clerk mcp serve`: the usual name of an MCP server command; the official CLI's is `mcp run`.
  serve: ["run"],
};

/** The subcommand `token` names among `next`: itself, its synonym, or the one word it abbreviates. */
function pick(token: string, next: readonly string[]): { word?: string; ambiguous: string[] } {
  if (next.includes(token)) return { word: token, ambiguous: [] };
  const synonym = SYNONYMS[token]?.find((word) => next.includes(word));
  if (synonym) return { word: synonym, ambiguous: [] };
  const byPrefix = next.filter((name) => name.startsWith(token));
  return byPrefix.length === 1 ? { word: byPrefix[0] as string, ambiguous: [] } : { ambiguous: byPrefix };
}

/**
 * Finds the command named by the leading words of argv. Each word may be an unambiguous
 * prefix (`clerk us li` is `clerk users list`) or a synonym (`ls`, `rm`); a group without its
 * subcommand shows the group's commands.
 */
export function resolveCommand<T extends Named>(commands: readonly T[], argv: string[]): Resolution<T> {
  const words: string[] = [];
  let candidates = commands.map((spec) => ({ spec, parts: spec.id.split(".") }));
  let index = 0;
  for (; index < argv.length; index++) {
    const token = argv[index] as string;
    if (token.startsWith("-")) break;
    const depth = words.length;
    const next = [...new Set(candidates.filter((c) => c.parts.length > depth).map((c) => c.parts[depth] as string))];
    if (next.length === 0) break;
    const { word, ambiguous } = pick(token, next);
    if (!word) {
      if (ambiguous.length > 1) {
        throw new UsageError(`"${token}" is ambiguous: ${ambiguous.join(", ")}`, "Type more of the command name.");
      }
      if (depth === 0 || !candidates.some((c) => c.parts.length === depth)) {
        const suggestion = closest(token, next);
        const where = depth === 0 ? "clerk" : `clerk ${words.join(" ")}`;
        throw new UsageError(
          `unknown command "${[...words, token].join(" ")}"`,
          suggestion
            ? `Did you mean \`${where} ${suggestion}\`? Run \`${where} --help\` to see the commands.`
            : `Run \`${where} --help\` to see the commands.`,
        );
      }
      break;
    }
    words.push(word);
    candidates = candidates.filter((c) => c.parts[depth] === word);
  }
  const rest = argv.slice(index);
  if (words.length === 0) return { kind: "root", rest };
  const spec = candidates.find((c) => c.parts.length === words.length)?.spec;
  if (spec) return { kind: "command", spec, rest };
  return { kind: "group", words, children: candidates.map((c) => c.spec), rest };
}
