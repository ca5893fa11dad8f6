import { z } from "zod";
import { defineCommand } from "../command";

export const uiCommand = defineCommand({
  id: "ui",
  summary: "Open the local Clerk panel in your browser (users, organizations, config, deploy)",
  description:
    "Starts a server on 127.0.0.1 that serves the panel and calls Clerk with your credentials, which never reach " +
    "the browser. With no credentials configured (or --sandbox) it runs on the built-in sandbox; " +
    "“Log in with Clerk” in the panel then moves it to your own applications. The link works once: " +
    "press o in this terminal, or run `clerk ui --reopen`, for a fresh one.",
  input: z.object({
    port: z.string().optional().describe("Port on 127.0.0.1; 0 picks a free one (default 2576)"),
    open: z.boolean().default(true).describe("Open the browser (--no-open only prints the link)"),
    sandbox: z.boolean().default(false).describe("Use the local sandbox even if credentials are configured"),
    data: z.string().optional().describe("Sandbox data directory (with the sandbox)"),
    reopen: z.boolean().default(false).describe("Print (and open) a fresh link to the panel that is already running"),
    path: z.string().optional().describe("Panel page to open, e.g. /users/user_2abc"),
  }),
  examples: ["clerk ui", "clerk ui --sandbox --no-open", "clerk ui --port 0 --no-open --json", "clerk ui --reopen"],
  async run(input, globals) {
    const { runUi } = await import("../ui/run");
    await runUi(input, globals);
  },
});
