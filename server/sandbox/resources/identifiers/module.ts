import type { SandboxModule } from "../../core/module";
import { commonIdentifierRoutes } from "./common-routes";
import { emailRoutes } from "./email-routes";
import { emailKind, phoneKind } from "./kinds";
import { phoneRoutes } from "./phone-routes";
import { identifierTables } from "./tables";

/** A user's email addresses and phone numbers, addressed on their own, and their code verifications. */
export const identifiersModule: SandboxModule = {
  name: "identifiers",
  surface: "backend",
  tables: identifierTables,
  routes(app, sb) {
    commonIdentifierRoutes(app, sb, emailKind);
    commonIdentifierRoutes(app, sb, phoneKind);
    emailRoutes(app, sb);
    phoneRoutes(app, sb);
  },
};
