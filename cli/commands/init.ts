import { z } from "zod";
import { withFlagAliases } from "../../shared/actions/fields";
import { defineCommand } from "../command";
import { INIT_FRAMEWORKS, NATIVE_FRAMEWORKS } from "../init/frameworks";
import { PACKAGE_MANAGERS } from "../init/package-manager";

const initCommand = defineCommand({
  id: "init",
  summary: "Set Clerk up in the project here (framework, keys, package, integration files)",
  description:
    "In a project (the nearest package.json): detects the framework from its dependencies (--framework overrides) " +
    "and the package manager from its lockfile (--pm overrides); takes the application from --app, the linked " +
    "project or, on a terminal, a pick from your account, and links it; without Clerk credentials (or with " +
    "--accountless) it uses the local sandbox's keys. It writes the keys into the env file as `clerk env pull` does, " +
    "adds the framework's Clerk package with the package manager, and writes the quickstart's integration files " +
    "(Next.js middleware.ts and <ClerkProvider> in the root layout, React <ClerkProvider> in main.tsx, Express and " +
    "Fastify registration in the server file, Astro middleware). An existing file is changed only after showing its " +
    "diff and asking (--yes writes it; in agent mode it is skipped with a note). --dry-run prints the plan and " +
    "changes nothing. In agent mode with an account and no --app or link, it prints the steps and changes nothing. " +
    "With no package.json it runs the Go CLI's profile wizard (name and secret key; needs a terminal). " +
    "Not supported: --starter/--name (needs the network), --template/--fresh (Clerk's accountless apps).",
  input: z.object({
    framework: z
      .enum([...INIT_FRAMEWORKS, ...NATIVE_FRAMEWORKS])
      .optional()
      .describe("Framework to set up (skips detection)"),
    pm: z.enum(PACKAGE_MANAGERS).optional().describe("Package manager (skips detection from the lockfile)"),
    accountless: withFlagAliases(
      ["keyless"],
      z.boolean().default(false).describe("Use the local sandbox's keys, even when logged in"),
    ),
    login: z.boolean().default(false).describe("Link a real application: fail instead of using the sandbox"),
    starter: z
      .boolean()
      .default(false)
      .describe("Create a new project from a starter (not supported: needs the network)"),
    name: z.string().optional().describe("Project name for --starter (not supported)"),
    template: z.string().optional().describe("Accountless application template (not supported)"),
    fresh: z.boolean().default(false).describe("Replace an unclaimed accountless application (not supported)"),
    skills: z
      .boolean()
      .default(true)
      .describe("Offer agent skills: init installs none (--no-skills is accepted); `clerk skill install` writes them"),
  }),
  pipedInputJson: true,
  examples: [
    "clerk init",
    "clerk init --dry-run",
    "clerk init --framework next --pm pnpm",
    "clerk init --app app_123 --yes",
    "clerk init --accountless --json",
    'clerk init --input-json \'{"framework":"next","yes":true}\'',
  ],
  async run(input, globals) {
    const { runInit } = await import("../init/run");
    await runInit(input, globals);
  },
});

export const initCommands = [initCommand];
