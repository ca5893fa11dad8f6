import { z } from "zod";
import { defineCommand } from "../command";

export const updateCommand = defineCommand({
  id: "update",
  summary: "Check for a newer clerk and update it with the package manager that installed it",
  description:
    "Asks the npm registry (the one npm is configured with: npm_config_registry, the project's or your .npmrc) for " +
    "the release channel's version, compares it with this one, and updates with the package manager that " +
    "installed clerk (npm, pnpm, yarn or bun; global or in a project), after asking. Without a terminal, in agent " +
    "mode or with --dry-run it prints the command instead (exit 0); --yes runs it. Once a day, other commands " +
    "mention a newer version on stderr (never in CI, in agent mode, with --json or with NO_UPDATE_NOTIFIER=1).",
  input: z.object({
    channel: z
      .string()
      .min(1)
      .default("latest")
      .describe("Release channel (npm dist-tag) to update to: latest, canary…"),
    all: z.boolean().default(false).describe("Update every clerk install found on PATH, not only the one running"),
    check: z.boolean().default(false).describe("Only say whether a newer version exists; change nothing"),
  }),
  examples: [
    "clerk update",
    "clerk update --check --json",
    "clerk update --channel canary",
    "clerk update --yes",
    "clerk update --all",
  ],
  async run(input, globals) {
    const { runUpdate } = await import("../update/update");
    await runUpdate(input, globals);
  },
});
