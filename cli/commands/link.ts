import { z } from "zod";
import { defineCommand } from "../command";

const linking = () => import("../settings/linking");

const link = defineCommand({
  id: "link",
  summary: "Link this directory to an application and instance (.clerk/project.json)",
  description:
    "Writes .clerk/project.json (application and instance ids, no secret) in the working directory. Commands " +
    "run in it or below use that application and instance, after --app/--instance, CLERK_APP/CLERK_INSTANCE " +
    "and a .env, before the profile. On a terminal with no --app, pick from your applications (needs " +
    "`clerk auth login` or CLERK_PLATFORM_API_KEY); elsewhere pass --app (and --instance, default development).",
  input: z.object({}),
  examples: ["clerk link", "clerk link --app app_2abc --instance prod", "clerk link --app app_2abc --json"],
  run: async (_input, globals) => (await linking()).runLink(globals),
});

const unlink = defineCommand({
  id: "unlink",
  summary: "Remove the link of this directory (the nearest .clerk/project.json)",
  description:
    "Asks first on a terminal (--yes skips it). In agent mode (--mode agent, CLERK_MODE=agent, or stdout not a " +
    "terminal) and without a terminal it needs --yes, as in the official CLI.",
  input: z.object({}),
  examples: ["clerk unlink", "clerk unlink --yes --json"],
  run: async (_input, globals) => (await linking()).runUnlink(globals),
});

export const linkCommands = [link, unlink];
