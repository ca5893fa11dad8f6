import { z } from "zod";
import { defineCommand } from "../command";
import type { GlobalOptions } from "../globals";

/** Where the Clerk Dashboard shows an instance (the official CLI's `clerk open`). */
export const DASHBOARD_URL = "https://dashboard.clerk.com";

/**
 * Opens a Clerk Dashboard page of the target (linked or --app) application's instance. Prints the
 * URL with --print; in agent mode (or with --json) opens nothing and prints a JSON descriptor.
 */
async function openDashboardPage(subpath: string, print: boolean, globals: GlobalOptions): Promise<void> {
  const [{ createActionContext }, { fetchInstanceSecretKey }, { resolveSettings }, { abortSignal }, { agentMode }] =
    await Promise.all([
      import("../context"),
      import("../auth/platform"),
      import("../settings"),
      import("../shutdown"),
      import("../mode"),
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
  const below = subpath.replace(/^\/+/, "");
  const url = `${DASHBOARD_URL}/apps/${target.applicationId}/instances/${target.instanceId}${below ? `/${below}` : ""}`;
  if (agentMode() || globals.output !== "table") {
    const descriptor = { url, application_id: target.applicationId, instance_id: target.instanceId, opened: false };
    process.stdout.write(`${JSON.stringify(descriptor, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${url}\n`);
  if (!print) {
    const { openBrowser } = await import("../ui/launch");
    await openBrowser(url);
  }
}

/**
 * A page of our `clerk ui` panel: a fresh link from the running panel, or (none running, and
 * `start`) the panel itself, started in this process on that page.
 */
async function openPanel(path: string | undefined, print: boolean, start: boolean, globals: GlobalOptions) {
  const [{ openPanelPage, panelPath }, { readUiState }, { agentMode }] = await Promise.all([
    import("../ui/open-page"),
    import("../ui/state-file"),
    import("../mode"),
  ]);
  const browser = !print && !agentMode();
  if (start && !readUiState()) {
    const { runUi } = await import("../ui/run");
    await runUi({ open: browser, sandbox: false, reopen: false, path: panelPath(path) }, globals);
    return;
  }
  await openPanelPage({ ...(path ? { path } : {}), browser }, globals);
}

const dashboardInput = z.object({
  subpath: z.string().optional().describe("Dashboard page below the instance: users, api-keys, settings, …"),
  print: z.boolean().default(false).describe("Print the URL instead of opening it"),
});

const DASHBOARD_DESCRIPTION =
  "Builds the Clerk Dashboard URL of the linked (or --app) application's instance (--instance, default dev), " +
  "below it the subpath (users, api-keys, …), and opens it in the browser; --print only prints it. In agent mode " +
  "(--mode agent, CLERK_MODE=agent, or stdout not a terminal) or with --json it opens nothing and prints a JSON " +
  "descriptor. The instance id comes from the Platform API (a login or CLERK_PLATFORM_API_KEY). Our `clerk ui` " +
  "panel's pages open with `clerk open panel [page]`.";

export const openCommand = defineCommand({
  id: "open",
  summary: "Open the linked application's instance in the Clerk Dashboard (as the official CLI)",
  description: DASHBOARD_DESCRIPTION,
  input: dashboardInput,
  positionals: ["subpath"],
  examples: ["clerk open", "clerk open users", "clerk open api-keys", "clerk open --print"],
  run: (input, globals) => openDashboardPage(input.subpath ?? "", input.print, globals),
});

export const openDashboardCommand = defineCommand({
  id: "open.dashboard",
  summary: "Open the application's instance in the Clerk Dashboard (same as `clerk open [subpath]`)",
  description: DASHBOARD_DESCRIPTION,
  input: dashboardInput,
  positionals: ["subpath"],
  examples: ["clerk open dashboard", "clerk open dashboard users", "clerk open dashboard api-keys --print"],
  run: (input, globals) => openDashboardPage(input.subpath ?? "", input.print, globals),
});

export const openPanelCommand = defineCommand({
  id: "open.panel",
  summary: "Open a page of the running `clerk ui` panel (prints a fresh single-use link)",
  description:
    "Asks the `clerk ui` already running for this user for a new single-use launch link to the page and opens " +
    "it in the browser; the link is always printed (--no-browser only prints it). The page is a panel path " +
    "(users, users/user_123, orgs/org_123, config, deploy) or a bare user_… or org_… id. With no `clerk ui` " +
    "running it says how to start one. (Before `clerk open` meant the Dashboard, as in the official CLI, this " +
    "was `clerk open [page]`.)",
  input: z.object({
    path: z.string().optional().describe("Panel page: users/user_123, orgs, config, … or a user_/org_ id"),
    browser: z.boolean().default(true).describe("Open the browser (--no-browser only prints the link)"),
  }),
  positionals: ["path"],
  examples: [
    "clerk open panel",
    "clerk open panel users/user_2abc",
    "clerk open panel org_2xyz --no-browser",
    "clerk open panel config --json",
  ],
  run: (input, globals) => openPanel(input.path, !input.browser, false, globals),
});

/** `users open` / `orgs open`: the Dashboard page of one, or our panel's (running, or --panel). */
function openOneCommand(kind: {
  id: string;
  field: string;
  noun: string;
  /** Where it is shown: below the instance in the Dashboard, below the panel's root. */
  pages: { dashboard: string; panel: string };
  example: string;
  /** Lets the person at a terminal pick one when no id is given (human mode). */
  pick?: (globals: GlobalOptions) => Promise<string>;
}) {
  const words = kind.id.split(".").join(" ");
  return defineCommand({
    id: kind.id,
    summary: `Open ${kind.noun}'s Clerk Dashboard page (or with \`clerk ui\` running or --panel, its panel page)`,
    description:
      `Opens ${kind.noun}'s page in the Clerk Dashboard of the linked (or --app) application's instance, as the ` +
      "official CLI does; --print only prints the URL. With our `clerk ui` panel running, or --panel, it opens the " +
      "panel's page for it instead (--panel starts `clerk ui` on that page when none runs). In agent mode (--mode " +
      "agent, CLERK_MODE=agent, or stdout not a terminal) it opens nothing and prints a JSON descriptor." +
      (kind.pick ? ` With no id, on a terminal, pick ${kind.noun} from the newest; agent mode needs the id.` : ""),
    input: z.object({
      [kind.field]: z
        .string()
        .optional()
        .describe(`The ${kind.noun.replace(/^an? /, "")}'s id`),
      print: z.boolean().default(false).describe("Print the URL instead of opening it"),
      panel: z.boolean().default(false).describe("Open our `clerk ui` panel's page (starting it if none runs)"),
    }),
    positionals: [kind.field],
    examples: [
      `clerk ${words} ${kind.example}`,
      `clerk ${words} ${kind.example} --print`,
      `clerk ${words} ${kind.example} --panel`,
    ],
    async run(input, globals) {
      // The id field is named per kind (user_id, organization_id), which the schema's type does not follow.
      const { print, panel, [kind.field]: id } = input as { print: boolean; panel: boolean } & Record<string, unknown>;
      let chosen = typeof id === "string" && id !== "" ? id : undefined;
      const { interactive } = await import("../confirm");
      if (chosen === undefined && kind.pick && interactive()) chosen = await kind.pick(globals);
      if (chosen === undefined) {
        const { UsageError } = await import("../errors");
        throw new UsageError(
          `clerk ${words} needs the ${kind.noun.replace(/^an? /, "")} id`,
          `Pass it: \`clerk ${words} ${kind.example}\`.`,
        );
      }
      const { readUiState } = await import("../ui/state-file");
      if (panel || readUiState()) return openPanel(`${kind.pages.panel}/${chosen}`, print, panel, globals);
      return openDashboardPage(`${kind.pages.dashboard}/${chosen}`, print, globals);
    },
  });
}

export const usersOpenCommand = openOneCommand({
  id: "users.open",
  field: "user_id",
  noun: "a user",
  pages: { dashboard: "users", panel: "users" },
  example: "user_2x9k",
  /** The newest users, as `clerk users list` shows them. */
  async pick(globals) {
    const [{ createActionContext }, { abortSignal }, { usersList }, { userRow }, { default: select }] =
      await Promise.all([
        import("../context"),
        import("../shutdown"),
        import("../../shared/actions/users/actions"),
        import("../../shared/actions/users/rows"),
        import("@inquirer/select"),
      ]);
    const ctx = await createActionContext(globals, { signal: abortSignal(), dryRun: false, backendOnly: true });
    const { data } = await usersList.run(ctx, usersList.input.parse({ limit: 20 }));
    if (data.length === 0) {
      const { UsageError } = await import("../errors");
      throw new UsageError(
        "This instance has no users to open.",
        "Create one: `clerk users create --email-address …`.",
      );
    }
    const choices = data.map(userRow).map((row) => ({
      value: String(row.id),
      name: [row.id, row.email, row.name].filter(Boolean).join("  "),
    }));
    return select({ message: "User to open", choices }, { output: process.stderr });
  },
});

export const orgsOpenCommand = openOneCommand({
  id: "orgs.open",
  field: "organization_id",
  noun: "an organization",
  pages: { dashboard: "organizations", panel: "orgs" },
  example: "org_2x9k",
});

export const openCommands = [openCommand, openDashboardCommand, openPanelCommand];
