/**
 * The area table: every catalog action belongs to one area, each a folder `shared/actions/<area>/`
 * (`actions.ts`, its `schemas.ts`, its tests). The catalog (panel, server, MCP, skill) and the
 * CLI's lazily loaded command groups are both derived from this list; adding a resource is one
 * line here.
 *
 * One word per area: the folder is named for the user-facing command word, so Clerk's API names
 * map as `orgs` (organizations), `m2m` (machines), `impersonate` (actor tokens) and `apps`
 * (platform applications). `words` are the first command words an area's actions serve.
 *
 * `load` imports the area only when called: running `clerk users list` builds the users area's
 * zod schemas and no other's.
 */
export const AREAS = [
  { area: "users", words: ["users"], load: async () => (await import("./users/actions")).userActions },
  { area: "sessions", words: ["sessions"], load: async () => (await import("./sessions/actions")).sessionActions },
  { area: "orgs", words: ["orgs"], load: async () => (await import("./orgs/actions")).orgActions },
  { area: "apps", words: ["apps"], load: async () => (await import("./apps/actions")).appActions },
  { area: "config", words: ["config"], load: async () => (await import("./config/actions")).configActions },
  { area: "deploy", words: ["deploy"], load: async () => (await import("./deploy/actions")).deployActions },
  {
    area: "invitations",
    words: ["invitations"],
    load: async () => (await import("./invitations/actions")).invitationActions,
  },
  {
    area: "restrictions",
    words: ["restrictions"],
    load: async () => (await import("./restrictions/actions")).restrictionActions,
  },
  { area: "domains", words: ["domains"], load: async () => (await import("./domains/actions")).domainActions },
  {
    area: "jwt-templates",
    words: ["jwt-templates", "jwks"],
    load: async () => (await import("./jwt-templates/actions")).jwtActions,
  },
  { area: "instance", words: ["instance"], load: async () => (await import("./instance/actions")).instanceActions },
  {
    area: "impersonate",
    words: ["impersonate"],
    load: async () => (await import("./impersonate/actions")).impersonateActions,
  },
  { area: "api-keys", words: ["api-keys"], load: async () => (await import("./api-keys/actions")).apiKeyActions },
  { area: "m2m", words: ["m2m"], load: async () => (await import("./m2m/actions")).m2mActions },
  {
    area: "features",
    words: ["enable", "disable"],
    load: async () => (await import("./features/actions")).featureActions,
  },
  { area: "billing", words: ["billing"], load: async () => (await import("./billing/actions")).billingActions },
  { area: "protect", words: ["protect"], load: async () => (await import("./protect/actions")).protectActions },
  { area: "waitlist", words: ["waitlist"], load: async () => (await import("./waitlist/actions")).waitlistActions },
  { area: "sign-ups", words: ["sign-ups"], load: async () => (await import("./sign-ups/actions")).signUpActions },
  {
    area: "sign-in-tokens",
    words: ["sign-in-tokens"],
    load: async () => (await import("./sign-in-tokens/actions")).signInTokenActions,
  },
  {
    area: "testing-tokens",
    words: ["testing-tokens"],
    load: async () => (await import("./testing-tokens/actions")).testingTokenActions,
  },
  {
    area: "agent-tasks",
    words: ["agent-tasks"],
    load: async () => (await import("./agent-tasks/actions")).agentTaskActions,
  },
  { area: "clients", words: ["clients"], load: async () => (await import("./clients/actions")).clientActions },
  {
    area: "redirect-urls",
    words: ["redirect-urls"],
    load: async () => (await import("./redirect-urls/actions")).redirectUrlActions,
  },
  {
    area: "oauth-apps",
    words: ["oauth-apps"],
    load: async () => (await import("./oauth-apps/actions")).oauthAppActions,
  },
  {
    area: "enterprise-connections",
    words: ["enterprise-connections", "saml"],
    load: async () => (await import("./enterprise-connections/actions")).enterpriseConnectionActions,
  },
  { area: "scim", words: ["scim"], load: async () => (await import("./scim/actions")).scimActions },
  {
    area: "admin-portal",
    words: ["admin-portal"],
    load: async () => (await import("./admin-portal/actions")).adminPortalActions,
  },
  { area: "templates", words: ["templates"], load: async () => (await import("./templates/actions")).templateActions },
  { area: "webhooks", words: ["webhooks"], load: async () => (await import("./webhooks/actions")).webhookActions },
] as const;

export type Area = (typeof AREAS)[number];
export type AreaName = Area["area"];
/** One action with its own id, input and output types (the browser's contract, types.ts, is derived from them). */
export type AreaAction = Awaited<ReturnType<Area["load"]>>[number];
