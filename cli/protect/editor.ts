import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ActionInputError } from "../../shared/actions/errors";
import { RuntimeError, UsageError } from "../errors";

/** Rounds before giving up on someone who keeps saving new invalid expressions. */
const MAX_ROUNDS = 20;

export interface ExpressionEdit {
  initial: string;
  /** Comment lines explaining what is edited (without the leading `#`). */
  header: readonly string[];
  /** Throws an ActionInputError (with caret lines as details) when the expression is invalid. */
  check(expression: string): Promise<void>;
  env?: NodeJS.ProcessEnv;
}

/** `$VISUAL`, then `$EDITOR`, then vi, as git and crontab do. */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.VISUAL?.trim() || env.EDITOR?.trim() || "vi";
}

const comment = (line: string) => (line ? `# ${line}` : "#");

function render(edit: ExpressionEdit, text: string, problem: ActionInputError | undefined): string {
  const lines = [
    ...edit.header.map(comment),
    comment("Lines starting with # are ignored. Save and quit to apply; empty the file to cancel."),
    ...(problem
      ? [
          "#",
          comment(`error: ${problem.message}`),
          ...problem.details.map((detail) => comment(`  ${detail}`)),
          comment("Fix it and save again, or save it unchanged to give up."),
        ]
      : []),
    "",
    text,
  ];
  return `${lines.join("\n")}\n`;
}

/** What was saved, without comment lines and surrounding blank lines. */
function expressionIn(saved: string): string {
  return saved
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"))
    .join("\n")
    .trim();
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

function runEditor(file: string, env: NodeJS.ProcessEnv): void {
  const editor = editorCommand(env);
  // Through the shell, so `EDITOR="code --wait"` works as it does for git.
  const result = spawnSync(`${editor} ${shellQuote(file)}`, { shell: true, stdio: "inherit", env });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : `exited with status ${result.status ?? result.signal}`;
    throw new RuntimeError(
      `The editor (${editor}) ${why}; nothing was changed.`,
      "Set $VISUAL or $EDITOR to an editor that waits until you close the file (e.g. `code --wait`).",
    );
  }
}

/**
 * Opens the expression in the user's editor and returns what they saved once it checks. An
 * invalid expression re-opens the editor with the error above it (like `kubectl edit`);
 * saving the same invalid text again gives up with that error. Returns undefined when the
 * file was emptied (cancelled).
 */
export async function editExpression(edit: ExpressionEdit): Promise<string | undefined> {
  const env = edit.env ?? process.env;
  const dir = mkdtempSync(join(tmpdir(), "clerk-protect-"));
  const file = join(dir, "expression.cel");
  let text = edit.initial;
  let problem: ActionInputError | undefined;
  try {
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      writeFileSync(file, render(edit, text, problem), { mode: 0o600 });
      runEditor(file, env);
      const saved = expressionIn(readFileSync(file, "utf8"));
      if (saved === "") return undefined;
      try {
        await edit.check(saved);
        return saved;
      } catch (error) {
        if (!(error instanceof ActionInputError)) throw error;
        if (problem && saved === text) throw error;
        problem = error;
        text = saved;
      }
    }
    throw new UsageError(`Still invalid after ${MAX_ROUNDS} edits; nothing was changed.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
