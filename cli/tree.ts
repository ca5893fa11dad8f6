import type { CommandSpec } from "./command";
import { UsageError } from "./errors";
import { closest } from "./suggest";

export type Resolution =
  | { kind: "command"; spec: CommandSpec; rest: string[] }
  | { kind: "group"; words: string[]; children: CommandSpec[]; rest: string[] }
  | { kind: "root"; rest: string[] };

/**
 * Finds the command named by the leading words of argv. Each word may be an unambiguous
 * prefix (`clerk us li` is `clerk users list`); a group without its subcommand shows the
 * group's commands.
 */
export function resolveCommand(commands: readonly CommandSpec[], argv: string[]): Resolution {
  const words: string[] = [];
  let candidates = commands.map((spec) => ({ spec, parts: spec.id.split(".") }));
  let index = 0;
  for (; index < argv.length; index++) {
    const token = argv[index] as string;
    if (token.startsWith("-")) break;
    const depth = words.length;
    const next = [...new Set(candidates.filter((c) => c.parts.length > depth).map((c) => c.parts[depth] as string))];
    if (next.length === 0) break;
    const exact = next.includes(token) ? token : undefined;
    const byPrefix = next.filter((name) => name.startsWith(token));
    const word = exact ?? (byPrefix.length === 1 ? byPrefix[0] : undefined);
    if (!word) {
      if (byPrefix.length > 1) {
        throw new UsageError(`"${token}" is ambiguous: ${byPrefix.join(", ")}`, "Type more of the command name.");
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
