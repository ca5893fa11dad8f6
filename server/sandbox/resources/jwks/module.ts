import type { SandboxModule } from "../../core/module";
import { jwksRoutes } from "./routes";

/** `GET /jwks`: the public half of the key that signs the instance's session tokens. */
export const jwksModule: SandboxModule = {
  name: "jwks",
  surface: "backend",
  tables: [],
  routes: jwksRoutes,
};
