import { createPublicKey } from "node:crypto";
import { createClerkClient as createClerkClientV3, verifyToken as verifyTokenV3 } from "@clerk/backend";
import { createClerkClient as createClerkClientV1, verifyToken as verifyTokenV1 } from "@clerk/backend-v1";
import { createClerkClient as createClerkClientV2, verifyToken as verifyTokenV2 } from "@clerk/backend-v2";
import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

/** The part of `authenticateRequest` both SDK versions share (their full overloads do not unify). */
type AuthenticateRequest = (request: Request) => Promise<{ isSignedIn: boolean; toAuth(): unknown }>;

/** `getToken` across the versions: 1.x types the template as required, and has no lifetime. */
type Tokens = { getToken(sessionId: string, template?: string, expiresInSeconds?: number): Promise<{ jwt: string }> };
const tokens = (client: { sessions: unknown }) => client.sessions as Tokens;

/** 1.x's `getToken` takes no token lifetime (it came in 2.x). */
const sdks = [
  ["@clerk/backend 3.x", createClerkClientV3, verifyTokenV3, { tokenLifetime: true }],
  ["@clerk/backend 2.x", createClerkClientV2, verifyTokenV2, { tokenLifetime: true }],
  ["@clerk/backend 1.x", createClerkClientV1, verifyTokenV1, { tokenLifetime: false }],
] as const;

describe.each(sdks)(
  "%s against the sandbox: sessions, clients, tokens",
  (_name, createClerkClient, verifyToken, { tokenLifetime }) => {
    const clerk = () =>
      createClerkClient({
        secretKey: sandbox.secretKey,
        apiUrl: sandbox.url,
        publishableKey: sandbox.credentials.development.publishable_key,
      });

    async function signedInUser() {
      const client = clerk();
      const user = await client.users.createUser({ emailAddress: [`s${Date.now()}@example.com`] });
      const session = await client.sessions.createSession({ userId: user.id });
      return { client, user, session };
    }

    test("sessions: create, get, list with filters, revoke", async () => {
      const { client, user, session } = await signedInUser();
      expect(session.id).toMatch(/^sess_/);
      expect(session.userId).toBe(user.id);
      expect(session.status).toBe("active");
      const other = await client.sessions.createSession({ userId: user.id });

      expect((await client.sessions.getSession(session.id)).clientId).toBe(session.clientId);
      const list = await client.sessions.getSessionList({ userId: user.id });
      expect(list.totalCount).toBe(2);
      expect(list.data.map((s) => s.id).sort()).toEqual([session.id, other.id].sort());
      const byClient = await client.sessions.getSessionList({ clientId: other.clientId });
      expect(byClient.data.map((s) => s.id)).toEqual([other.id]);

      const revoked = await client.sessions.revokeSession(session.id);
      expect(revoked.status).toBe("revoked");
      const active = await client.sessions.getSessionList({ userId: user.id, status: "active" });
      expect(active.data.map((s) => s.id)).toEqual([other.id]);
    });

    test("clients: list and get, with their sessions", async () => {
      const { client, session } = await signedInUser();
      const got = await client.clients.getClient(session.clientId);
      expect(got.sessionIds).toEqual([session.id]);
      expect(got.sessions[0]?.id).toBe(session.id);
      expect(got.lastActiveSessionId).toBe(session.id);
      const list = await client.clients.getClientList({ limit: 5 });
      expect(list.totalCount).toBe(1);
      expect(list.data[0]?.id).toBe(session.clientId);
    });

    test("session tokens are real: verifyToken accepts them via the JWKS and via the PEM key", async () => {
      const { client, user, session } = await signedInUser();
      const { jwt } = await tokens(client).getToken(session.id);

      const viaJwks = await verifyToken(jwt, { secretKey: sandbox.secretKey, apiUrl: sandbox.url });
      expect(viaJwks).toMatchObject({ sub: user.id, sid: session.id, v: 2 });

      const jwks = await client.jwks.getJwks();
      const jwk = jwks.keys?.[0] as unknown as { kid: string; kty: string; n: string; e: string };
      expect(jwk).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
      const pem = createPublicKey({ key: jwk, format: "jwk" }).export({ type: "spki", format: "pem" }).toString();
      const viaPem = await verifyToken(jwt, { jwtKey: pem });
      expect(viaPem.sid).toBe(session.id);

      // A token altered after signing fails verification.
      const [header, payload, signature] = jwt.split(".") as [string, string, string];
      const forged = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), sub: "user_someone_else" }),
      ).toString("base64url");
      await expect(
        verifyToken(`${header}.${forged}.${signature}`, { secretKey: sandbox.secretKey, apiUrl: sandbox.url }),
      ).rejects.toMatchObject({ reason: "token-invalid-signature" });

      // A server using the SDK's request authentication accepts the token as a signed-in user.
      const sdk = client as unknown as { authenticateRequest: AuthenticateRequest };
      const state = await sdk.authenticateRequest(
        new Request("http://localhost:3000/api/me", { headers: { authorization: `Bearer ${jwt}` } }),
      );
      expect(state.isSignedIn).toBe(true);
      expect(state.toAuth()).toMatchObject({ userId: user.id, sessionId: session.id });

      if (tokenLifetime) {
        const long = await tokens(client).getToken(session.id, undefined, 600);
        const claims = await verifyToken(long.jwt, { secretKey: sandbox.secretKey, apiUrl: sandbox.url });
        expect(claims.exp - claims.iat).toBe(600);
      }
    });

    test("errors surface as the SDK's typed errors", async () => {
      const { client, session } = await signedInUser();
      await expect(client.sessions.createSession({ userId: "user_missing" })).rejects.toMatchObject({
        status: 404,
        errors: [expect.objectContaining({ code: "resource_not_found" })],
      });
      await expect(tokens(client).getToken(session.id, "no-such-template")).rejects.toMatchObject({ status: 404 });
      await client.sessions.revokeSession(session.id);
      await expect(client.sessions.revokeSession(session.id)).rejects.toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ code: "invalid_action_for_session" })],
        clerkTraceId: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
      await expect(tokens(client).getToken(session.id)).rejects.toMatchObject({ status: 404 });
      await expect(client.clients.getClient("client_missing")).rejects.toMatchObject({ status: 404 });
    });
  },
);
