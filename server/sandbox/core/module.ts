import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "./context";

/** Where a module's routes live and how their callers authenticate. */
export type ModuleSurface =
  /** Backend API under `/v1`, `Authorization: Bearer sk_…`; `request.instance` is set. */
  | "backend"
  /** Platform API under `/v1/platform`, `ak_…` key or OAuth access token; `request.platform` is set. */
  | "platform"
  /** Unauthenticated routes at the root (OAuth server, test controls). */
  | "root";

/** One area of the sandbox: its tables and its routes. */
export interface SandboxModule {
  name: string;
  surface: ModuleSurface;
  tables: readonly string[];
  /** Registers routes; paths are relative to the surface's prefix (`/users`, not `/v1/users`). */
  routes(app: FastifyInstance, sb: SandboxContext): void;
  /**
   * Registers test controls under `/__sandbox/…` (absolute paths, no auth). Only mounted when
   * the app is built with `controls: true` (the sandbox command and tests).
   */
  controls?(app: FastifyInstance, sb: SandboxContext): void;
}
