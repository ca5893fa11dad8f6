import { catalog } from "../../../shared/actions/catalog";
import type { SandboxHandle } from "../../sandbox/testing/harness";
import { createPanelServer, type PanelServer, type PanelServerOptions } from "../app";
import { createPanelBackend } from "../panel-backend";

/** A `clerk ui` server for tests, over a running test sandbox with its platform key. */
export function createSandboxPanel(
  sandbox: SandboxHandle,
  options: Omit<PanelServerOptions, "backend" | "catalog">,
): PanelServer {
  const key = sandbox.credentials.platform_api_key;
  return createPanelServer({
    backend: createPanelBackend({
      apiUrl: sandbox.url,
      platformApiUrl: sandbox.url,
      sandbox: true,
      platformToken: async () => key,
      userAgent: "test",
    }),
    catalog,
    ...options,
  });
}
