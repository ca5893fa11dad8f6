import { z } from "zod";
import { defineCommand } from "../command";

export const openCommand = defineCommand({
  id: "open",
  summary: "Open a page of the running `clerk ui` panel (prints a fresh single-use link)",
  description:
    "Asks the `clerk ui` already running for this user for a new single-use launch link to the page and opens " +
    "it in the browser; the link is always printed (--no-browser only prints it). The page is a panel path " +
    "(users, users/user_123, orgs/org_123, config, deploy) or a bare user_… or org_… id. With no `clerk ui` " +
    "running it says how to start one.",
  input: z.object({
    path: z.string().optional().describe("Panel page: users/user_123, orgs, config, … or a user_/org_ id"),
    browser: z.boolean().default(true).describe("Open the browser (--no-browser only prints the link)"),
  }),
  positionals: ["path"],
  examples: [
    "clerk open",
    "clerk open users/user_2abc",
    "clerk open org_2xyz --no-browser",
    "clerk open config --json",
  ],
  async run(input, globals) {
    const { openPanelPage } = await import("../ui/open-page");
    await openPanelPage(input, globals);
  },
});
