import { controlsModule } from "./controls/module";
import type { SandboxModule } from "./core/module";
import { organizationsModule } from "./resources/organizations/module";
import { sessionsModule } from "./resources/sessions/module";
import { usersModule } from "./resources/users/module";
import { tenancyModule } from "./tenancy/module";

/** Every area of the sandbox, in table-creation order (referenced tables first). */
export const sandboxModules: readonly SandboxModule[] = [
  tenancyModule,
  usersModule,
  sessionsModule,
  organizationsModule,
  controlsModule,
];

export function sandboxTables(): string[] {
  return sandboxModules.flatMap((module) => module.tables);
}
