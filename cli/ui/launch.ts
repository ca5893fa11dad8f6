import { type HttpResponse, sendHttp } from "../../shared/clerk/http";
import { RuntimeError } from "../errors";
import type { UiState } from "./state-file";

/** Opens a URL in the default browser; failing that, says so (the URL was printed already). */
export async function openBrowser(url: string): Promise<void> {
  try {
    const { default: open } = await import("open");
    await open(url);
  } catch (error) {
    process.stderr.write(
      `Could not open a browser (${(error as Error).message.split("\n")[0]}); open the link yourself.\n`,
    );
  }
}

/**
 * Asks a running `clerk ui` for a fresh single-use link to `path` (its control endpoint, with
 * the token from the state file only this user can read).
 */
export async function mintLaunchUrl(state: UiState, path: string): Promise<string> {
  let response: HttpResponse;
  try {
    response = await sendHttp({
      method: "POST",
      url: `http://127.0.0.1:${state.port}/__control/launch`,
      headers: { authorization: `Bearer ${state.control_token}`, "content-type": "application/json" },
      body: JSON.stringify({ path }),
    });
  } catch (error) {
    throw new RuntimeError(
      `The running \`clerk ui\` (pid ${state.pid}, port ${state.port}) did not answer: ${(error as Error).message}`,
      "Restart it with `clerk ui`.",
    );
  }
  if (response.status !== 200) throw new RuntimeError(`The running panel refused: HTTP ${response.status}.`);
  return (JSON.parse(response.text) as { launch_url: string }).launch_url;
}
