import type { FastifyRequest } from "fastify";
import type { InstanceRecord } from "../tenancy/instances";
import type { SandboxContext } from "./context";

/**
 * Resolves a bearer token that is not an instance secret key (a machine's secret key) to the
 * instance it acts in, or undefined when it is not one either.
 */
export type AlternateBearer = (
  sb: SandboxContext,
  request: FastifyRequest,
  token: string,
) => InstanceRecord | undefined;

declare module "fastify" {
  interface FastifyContextConfig {
    /** A Backend API route that also accepts another credential names its resolver here. */
    alternateBearer?: AlternateBearer;
  }
}
