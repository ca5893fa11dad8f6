import type { SandboxModule } from "../../core/module";
import { jwtTemplateRoutes } from "./routes";
import { jwtTemplateTables } from "./tables";

/** JWT templates; `POST /sessions/{id}/tokens/{template_name}` mints their tokens (see tokens.ts). */
export const jwtTemplatesModule: SandboxModule = {
  name: "jwt-templates",
  surface: "backend",
  tables: jwtTemplateTables,
  routes: jwtTemplateRoutes,
};
