import { ExitCode, UsageError } from "./errors";
import { agentMode } from "./mode";

/** Whether we can ask the person at the terminal (never in agent mode). */
export function interactive(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY) && process.env.CI === undefined && !agentMode();
}

/**
 * Asks before an irreversible or disruptive action. On a terminal it prompts: yes/no (default No),
 * or, given `nameToType` (an irreversible change), the name people know the subject by (an email,
 * a slug) typed out. Elsewhere it refuses unless `--yes` was given, so a script never deletes by
 * accident. Given `unasked` (the "terminal" confirmation of Action.confirm), it proceeds there
 * instead, saying `unasked` on stderr.
 */
export async function confirmDestructive(
  question: string,
  yes: boolean,
  unasked?: string,
  nameToType?: string,
): Promise<boolean> {
  if (yes) return true;
  if (!interactive()) {
    if (unasked !== undefined) {
      process.stderr.write(`${unasked} (not interactive, so not asked; --dry-run previews)\n`);
      return true;
    }
    throw new UsageError(
      `${question} Refusing without confirmation.`,
      "Pass --yes to confirm (or --dry-run to preview).",
    );
  }
  if (nameToType) return typed(question, nameToType);
  const { default: confirm } = await import("@inquirer/confirm");
  return confirm({ message: question, default: false }, { output: process.stderr });
}

/** "Type ada@example.com to confirm:": yes only when exactly that is typed (an empty answer is no). */
async function typed(question: string, name: string): Promise<boolean> {
  const { createInterface } = await import("node:readline/promises");
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${question}\nType ${name} to confirm (anything else cancels): `);
    return answer.trim() === name;
  } finally {
    prompt.close();
  }
}

/** Confirms, or says "Cancelled." and sets exit code 1 when the person says no (nothing was done). */
export async function confirmOrCancel(
  question: string,
  globals: { yes: boolean },
  unasked?: string,
  nameToType?: string,
): Promise<boolean> {
  if (await confirmDestructive(question, globals.yes, unasked, nameToType)) return true;
  process.stderr.write("Cancelled.\n");
  process.exitCode = ExitCode.runtime;
  return false;
}
