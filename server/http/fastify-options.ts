import type { FastifyServerOptions } from "fastify";

/** A route declared a Fastify JSON schema: this project validates with zod only. */
const noSchemas = () => () => {
  throw new Error("Routes here validate their input with zod; Fastify JSON schemas are not supported.");
};

/**
 * Options both local servers (the sandbox and the `clerk ui` panel) share. Their routes validate
 * with zod and never declare Fastify JSON schemas, so Fastify's default compilers (ajv and
 * fast-json-stringify, about a hundred modules) are never needed: replacing them keeps those
 * modules from loading on every start.
 */
export const SERVER_OPTIONS = {
  logger: false,
  // Closing must not wait for clients' keep-alive sockets (a browser tab, an aborted call).
  forceCloseConnections: true,
  schemaController: { compilersFactory: { buildValidator: noSchemas, buildSerializer: noSchemas } },
} satisfies FastifyServerOptions;
