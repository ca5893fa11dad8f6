import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../core/context";
import type { SandboxModule } from "../core/module";
import { accountlessControls, accountlessRoutes } from "./accountless";
import { applicationImageRoutes } from "./application-images";
import { applicationRoutes } from "./applications";
import { configRoutes } from "./config-routes";
import { domainIntentRoutes } from "./domain-intents";
import { domainRoutes } from "./domain-routes";
import { instanceDataRoutes } from "./instance-data-routes";
import { instanceJwtTemplateRoutes } from "./instance-jwt-templates";
import { instanceRedirectUrlRoutes } from "./instance-redirect-urls";
import { platformTables } from "./tables";
import { transferControls, transferRoutes } from "./transfers";

/**
 * The Platform API under `/v1/platform`. Its caller (the sandbox's `ak_…` key or an OAuth
 * access token) sees every application in the sandbox.
 */
export const platformModule: SandboxModule = {
  name: "platform",
  surface: "platform",
  tables: platformTables,
  routes(app: FastifyInstance, sb: SandboxContext) {
    applicationRoutes(app, sb);
    applicationImageRoutes(app, sb);
    configRoutes(app, sb);
    domainRoutes(app, sb);
    instanceDataRoutes(app, sb);
    instanceJwtTemplateRoutes(app, sb);
    instanceRedirectUrlRoutes(app, sb);
    transferRoutes(app, sb);
    domainIntentRoutes(app, sb);
    accountlessRoutes(app, sb);
  },
  controls(app: FastifyInstance, sb: SandboxContext) {
    accountlessControls(app, sb);
    transferControls(app, sb);
  },
};
