import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { everyCommand } from "../commands/listing";
import { UsageError } from "../errors";
import type { GlobalOptions } from "../globals";
import { SKILL_NAME, skillMarkdown, untouchedSkill } from "./generate";

declare const __CLERK_VERSION__: string;

/** Where agents look for skills: Claude Code's directory and the shared one other agents read. */
const SKILL_DIRS = [".claude/skills", ".agents/skills"];

/** The project's root: the nearest directory up from `cwd` with package.json or .git, else `cwd`. */
function projectRoot(cwd: string): string {
  const home = homedir();
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) || existsSync(join(dir, ".git"))) return dir;
    if (dir === home || dirname(dir) === dir) return resolve(cwd);
  }
}

interface SkillFile {
  path: string;
  /** `edited`: changed since it was installed, so left as it is (`diff` shows how it differs). */
  status: "created" | "updated" | "unchanged" | "replaced" | "edited";
  diff?: string;
}

/** `clerk skill install`: see cli/commands/skill.ts. */
export async function installSkill(
  input: { dir?: string | undefined; global: boolean; print: boolean; force: boolean },
  globals: GlobalOptions,
): Promise<void> {
  if (input.dir && input.global) {
    throw new UsageError("--dir and --global name two different places", "Give one of them.");
  }
  const markdown = skillMarkdown([...(await everyCommand())]);
  if (input.print) {
    process.stdout.write(markdown);
    return;
  }
  const base = input.global ? homedir() : input.dir ? resolve(input.dir) : projectRoot(process.cwd());
  const { createTwoFilesPatch } = await import("diff");
  const files = SKILL_DIRS.map((dir): SkillFile => {
    const path = join(base, dir, SKILL_NAME, "SKILL.md");
    if (!existsSync(path)) return { path, status: "created" };
    const installed = readFileSync(path, "utf8");
    if (installed === markdown) return { path, status: "unchanged" };
    if (untouchedSkill(installed)) return { path, status: "updated" };
    if (input.force) return { path, status: "replaced" };
    return {
      path,
      status: "edited",
      diff: createTwoFilesPatch(path, path, installed, markdown, "installed", "generated"),
    };
  });
  if (!globals.dryRun) {
    for (const file of files.filter((f) => ["created", "updated", "replaced"].includes(f.status))) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, markdown);
    }
  }
  const report = { skill: SKILL_NAME, version: __CLERK_VERSION__, dry_run: globals.dryRun, files };
  if (globals.output === "table") {
    const verb = globals.dryRun ? "would be " : "";
    const said: Record<SkillFile["status"], string> = {
      created: `${verb}created`,
      updated: `${verb}updated (it was an earlier version's)`,
      unchanged: "up to date",
      replaced: `${verb}replaced (--force; it had been edited)`,
      edited: "edited since it was installed: left as it is",
    };
    for (const file of files) {
      process.stdout.write(`${file.path}: ${said[file.status]}\n`);
      if (file.diff) process.stderr.write(file.diff);
    }
  } else {
    const { printResult } = await import("../output");
    await printResult(report, globals.output);
  }
  const edited = files.filter((file) => file.status === "edited");
  if (edited.length) {
    throw new UsageError(
      `${edited.map((file) => file.path).join(" and ")} ${edited.length === 1 ? "was" : "were"} edited since clerk installed ${edited.length === 1 ? "it" : "them"}; left as ${edited.length === 1 ? "it is" : "they are"}`,
      "Pass --force to replace the edits with this version's skill (the difference is shown above).",
    );
  }
}
