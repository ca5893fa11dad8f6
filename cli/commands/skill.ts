import { z } from "zod";
import { defineCommand } from "../command";

export const skillCommands = [
  defineCommand({
    id: "skill.install",
    summary: "Write the agent skill (SKILL.md) for this CLI into the project or your home directory",
    description:
      "Generates the clerk-cli agent skill from this CLI's commands (every command, its flags, an example, which " +
      "are destructive) and its conventions (agent mode, --json, --yes/--dry-run, exit codes, targets, the sandbox), " +
      "and writes it to .claude/skills/clerk-cli/SKILL.md and .agents/skills/clerk-cli/SKILL.md in the project (the " +
      "nearest directory up with package.json or .git), in --dir, or in your home directory with --global. A file " +
      "it wrote before is replaced; one edited since is left alone (the difference shown) unless --force.",
    input: z.object({
      dir: z.string().min(1).optional().describe("Install under this directory instead of the project's root"),
      global: z.boolean().default(false).describe("Install under your home directory, for every project"),
      print: z.boolean().default(false).describe("Print SKILL.md on stdout; write nothing"),
      force: z.boolean().default(false).describe("Replace a SKILL.md that was edited since it was installed"),
    }),
    examples: [
      "clerk skill install",
      "clerk skill install --global",
      "clerk skill install --print > SKILL.md",
      "clerk skill install --dir ../my-app --force",
      "clerk skill install --dry-run --json",
    ],
    async run(input, globals) {
      const { installSkill } = await import("../skill/install");
      await installSkill(input, globals);
    },
  }),
];
