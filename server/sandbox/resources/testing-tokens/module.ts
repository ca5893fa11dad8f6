import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../../core/context";
import { randomToken } from "../../core/ids";
import type { SandboxModule } from "../../core/module";

/** Clerk's Testing Tokens live an hour (its example: issued 1713877200, expires 1713880800). */
const LIFETIME_SECONDS = 3600;

/**
 * `POST /testing_tokens`: a token tests pass to the Frontend API (`__clerk_testing_token`) to get
 * past bot protection, on development and (since 2025-08) production instances. The sandbox
 * serves no Frontend API, so nothing checks it here; it is shaped as Clerk's:
 * `<issued at>-<random>`.
 */
function testingTokenRoutes(app: FastifyInstance, sb: SandboxContext): void {
  app.post("/testing_tokens", async () => {
    const issuedAt = Math.floor(sb.clock.now() / 1000);
    return {
      object: "testing_token",
      token: `${issuedAt}-${randomToken(sb.random, 40)}`,
      expires_at: issuedAt + LIFETIME_SECONDS,
    };
  });
}

export const testingTokensModule: SandboxModule = {
  name: "testing-tokens",
  surface: "backend",
  tables: [],
  routes: testingTokenRoutes,
};
