import { z } from "zod";
import { defineCommand } from "../command";
import { FRAMEWORKS } from "../env/framework";

const envPull = defineCommand({
  id: "env.pull",
  summary: "Write the instance's publishable and secret keys into the project's env file",
  description:
    "Fetches the keys of the target application and instance (--app/--instance, the linked project or the " +
    "profile) from the Platform API and merges them into the env file: .env.local or .env in the nearest " +
    "directory with a package.json (or --file). The publishable key's name follows the framework found in " +
    "package.json: NEXT_PUBLIC_ (Next.js), VITE_ (Vite), PUBLIC_ (Astro), EXPO_PUBLIC_ (Expo), none for Remix, " +
    "React Router and the rest; the secret key is CLERK_SECRET_KEY. Other lines and comments stay byte for " +
    "byte; Clerk lines are updated where they stand. A different value already there is replaced only after " +
    "confirmation (--yes). --dry-run shows the diff (secrets masked).",
  input: z.object({
    file: z.string().optional().describe("Env file to write (default: .env.local or .env of the project)"),
    framework: z.enum(FRAMEWORKS).optional().describe("Framework, instead of detecting it from package.json"),
  }),
  examples: [
    "clerk env pull",
    "clerk env pull --instance prod --file .env.production --yes",
    "clerk env pull --dry-run",
    "clerk env pull --framework vite --json",
  ],
  async run(input, globals) {
    const { runEnvPull } = await import("../env/pull");
    await runEnvPull(input, globals);
  },
});

export const envCommands = [envPull];
