import { RuntimeError } from "../errors";
import type { GlobalOptions } from "../globals";
import { printResult } from "../output";
import { mintLaunchUrl, openBrowser } from "./launch";
import { readUiState } from "./state-file";

/** Panel sections by the id prefix of what they show, so `clerk open panel user_123` finds the user. */
const SECTION_BY_ID_PREFIX: Record<string, string> = { user_: "/users", org_: "/orgs" };
/** The API's names for sections the panel names differently. */
const SECTION_ALIASES: Record<string, string> = { organizations: "orgs" };

/**
 * The panel page for what was typed: a path (`users/user_123`, `/orgs`), a bare id
 * (`user_123`), or nothing for the start page.
 */
export function panelPath(target: string | undefined): string {
  if (!target) return "/";
  const trimmed = target.replace(/^\/+/, "").replace(/\/+$/, "");
  const prefix = Object.keys(SECTION_BY_ID_PREFIX).find((p) => trimmed.startsWith(p) && !trimmed.includes("/"));
  if (prefix) return `${SECTION_BY_ID_PREFIX[prefix]}/${trimmed}`;
  const [section = "", ...rest] = trimmed.split("/");
  return `/${[SECTION_ALIASES[section] ?? section, ...rest].join("/")}`;
}

/** `clerk open panel`: a fresh link to a page of the running `clerk ui`, printed (and opened). */
export async function openPanelPage(input: { path?: string | undefined; browser: boolean }, globals: GlobalOptions) {
  const path = panelPath(input.path);
  const state = readUiState();
  if (!state) {
    throw new RuntimeError(
      "No `clerk ui` is running for this user.",
      `Start it on that page with \`clerk ui --path ${path}\`; later \`clerk open panel\` calls reuse it.`,
      "ui_not_running",
    );
  }
  const launchUrl = await mintLaunchUrl(state, path);
  if (globals.output !== "table") {
    await printResult(
      { launch_url: launchUrl, path, port: state.port, pid: state.pid, browser: input.browser },
      globals.output,
    );
  } else {
    process.stdout.write(`${launchUrl}\n`);
  }
  if (input.browser) await openBrowser(launchUrl);
}
