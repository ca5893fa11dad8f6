import type { SandboxModule } from "../../core/module";
import { signInTokenControls } from "./controls";
import { signInTokenRoutes } from "./routes";
import { signInTokenTables } from "./tables";

/** Sign-in tokens (one-time sign-in tickets); a test control accepts them. */
export const signInTokensModule: SandboxModule = {
  name: "sign-in-tokens",
  surface: "backend",
  tables: signInTokenTables,
  routes: signInTokenRoutes,
  controls: signInTokenControls,
};
