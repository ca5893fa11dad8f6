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

/** Where the Clerk Dashboard shows an instance (the official CLI's `clerk open`). */
export const DASHBOARD_URL = "https://dashboard.clerk.com";

export const openDashboardCommand = defineCommand({
  id: "open.dashboard",
  summary: "Open the application's instance in the Clerk Dashboard (the official CLI's `clerk open`)",
  description:
    "Builds the Clerk Dashboard URL of the linked (or --app) application's instance (--instance, default dev), " +
    "below it the subpath (users, api-keys, …), and opens it in the browser. When not on a terminal, with --json " +
    "or --print it opens nothing and prints the URL (a JSON descriptor with --json or when piped). The instance id " +
    "comes from the Platform API (a login or CLERK_PLATFORM_API_KEY).",
  input: z.object({
    subpath: z.string().optional().describe("Dashboard page below the instance: users, api-keys, …"),
    print: z.boolean().default(false).describe("Print the URL instead of opening it"),
  }),
  positionals: ["subpath"],
  examples: ["clerk open dashboard", "clerk open dashboard users", "clerk open dashboard api-keys --print"],
  async run(input, globals) {
    const [{ createActionContext }, { fetchInstanceSecretKey }, { resolveSettings }, { abortSignal }] =
      await Promise.all([
        import("../context"),
        import("../auth/platform"),
        import("../settings"),
        import("../shutdown"),
      ]);
    const ctx = await createActionContext(globals, { signal: abortSignal(), dryRun: false });
    if (!ctx.platform) {
      const { RuntimeError } = await import("../errors");
      throw new RuntimeError(
        "The Dashboard URL needs the instance id, from the Platform API, and no Platform API access is configured.",
        "Run `clerk auth login`, or set CLERK_PLATFORM_API_KEY.",
        "platform_access_missing",
      );
    }
    const target = await fetchInstanceSecretKey(ctx.platform, await resolveSettings(globals));
    const subpath = (input.subpath ?? "").replace(/^\/+/, "");
    const url = `${DASHBOARD_URL}/apps/${target.applicationId}/instances/${target.instanceId}${subpath ? `/${subpath}` : ""}`;
    const open = !input.print && globals.output === "table" && process.stdout.isTTY === true;
    if (!open && (globals.output !== "table" || !process.stdout.isTTY)) {
      const descriptor = { url, application_id: target.applicationId, instance_id: target.instanceId, opened: false };
      process.stdout.write(`${JSON.stringify(descriptor, null, 2)}\n`);
      return;
    }
    process.stdout.write(`${url}\n`);
    if (open) {
      const { openBrowser } = await import("../ui/launch");
      await openBrowser(url);
    }
  },
});

export const openCommands = [openCommand, openDashboardCommand];
