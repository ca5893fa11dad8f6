import { controlsModule } from "./controls/module";
import type { SandboxModule } from "./core/module";
import { oauthModule } from "./oauth/module";
import { platformModule } from "./platform/module";
import { actorTokensModule } from "./resources/actor-tokens/module";
import { adminPortalModule } from "./resources/admin-portal/module";
import { agentTasksModule } from "./resources/agent-tasks/module";
import { apiKeysModule } from "./resources/api-keys/module";
import { billingModule } from "./resources/billing/module";
import { directoriesModule } from "./resources/directories/module";
import { domainsModule } from "./resources/domains/module";
import { enterpriseConnectionsModule } from "./resources/enterprise-connections/module";
import { identifiersModule } from "./resources/identifiers/module";
import { instanceModule } from "./resources/instance/module";
import { interstitialModule } from "./resources/interstitial/module";
import { invitationsModule } from "./resources/invitations/module";
import { jwksModule } from "./resources/jwks/module";
import { jwtTemplatesModule } from "./resources/jwt-templates/module";
import { machinesModule } from "./resources/machines/module";
import { oauthApplicationsModule } from "./resources/oauth-applications/module";
import { organizationsModule } from "./resources/organizations/module";
import { protectModule } from "./resources/protect/module";
import { redirectUrlsModule } from "./resources/redirect-urls/module";
import { restrictionsModule } from "./resources/restrictions/module";
import { sessionsModule } from "./resources/sessions/module";
import { signInTokensModule } from "./resources/sign-in-tokens/module";
import { signUpsModule } from "./resources/sign-ups/module";
import { testingTokensModule } from "./resources/testing-tokens/module";
import { userSecurityModule } from "./resources/user-security/module";
import { usersModule } from "./resources/users/module";
import { waitlistModule } from "./resources/waitlist/module";
import { tenancyModule } from "./tenancy/module";
import { webhooksModule } from "./webhooks/module";

/** Every area of the sandbox, in table-creation order (referenced tables first). */
export const sandboxModules: readonly SandboxModule[] = [
  tenancyModule,
  usersModule,
  userSecurityModule,
  identifiersModule,
  sessionsModule,
  organizationsModule,
  invitationsModule,
  waitlistModule,
  restrictionsModule,
  jwksModule,
  jwtTemplatesModule,
  actorTokensModule,
  signInTokensModule,
  agentTasksModule,
  signUpsModule,
  instanceModule,
  protectModule,
  domainsModule,
  redirectUrlsModule,
  machinesModule,
  apiKeysModule,
  oauthApplicationsModule,
  enterpriseConnectionsModule,
  adminPortalModule,
  directoriesModule,
  billingModule,
  testingTokensModule,
  platformModule,
  oauthModule,
  interstitialModule,
  webhooksModule,
  controlsModule,
];

export function sandboxTables(): string[] {
  return sandboxModules.flatMap((module) => module.tables);
}
