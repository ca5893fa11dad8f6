import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../core/context";
import type { SandboxModule } from "../core/module";
import { applicationRoutes } from "./applications";
import { configRoutes } from "./config-routes";
import { domainRoutes } from "./domain-routes";
import { instanceDataRoutes } from "./instance-data-routes";
import { instanceJwtTemplateRoutes } from "./instance-jwt-templates";

/**
 * The Platform API under `/v1/platform`. Its caller (the sandbox's `ak_…` key or an OAuth
 * access token) sees every application in the sandbox.
 */
export const platformModule: SandboxModule = {
  name: "platform",
  surface: "platform",
  tables: [],
  routes(app: FastifyInstance, sb: SandboxContext) {
    applicationRoutes(app, sb);
    configRoutes(app, sb);
    domainRoutes(app, sb);
    instanceDataRoutes(app, sb);
    instanceJwtTemplateRoutes(app, sb);
  },
};
