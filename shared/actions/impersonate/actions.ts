import { z } from "zod";
import { ClerkApiError } from "../../clerk/errors";
import { listOf, type Session, session, user } from "../../clerk/schemas";
import { type ActionContext, defineAction } from "../action";
import { ActionError } from "../errors";
import { duration, id } from "../inputs";
import { apiPath } from "../view";
import { type ActorToken, actorToken } from "./schemas";

/** Who the session says is acting when `--actor` is not given. */
export const DEFAULT_ACTOR = { sub: "clerk-cli" } as const;

/** `--actor user_2abc` names the actor; `--actor '{"sub":"user_2abc","reason":"…"}'` gives the whole claim. */
const actor = z.coerce
  .string()
  .transform((text, ctx) => {
    if (!text.trim().startsWith("{")) return { sub: text.trim() };
    try {
      const value = JSON.parse(text) as Record<string, unknown>;
      if (typeof value.sub === "string" && value.sub !== "") return value;
    } catch {}
    ctx.addIssue({
      code: "custom",
      message: 'must be an id or a JSON object with "sub", e.g. \'{"sub":"user_2abc"}\'',
    });
    return z.NEVER;
  })
  .optional()
  .describe(`Who impersonates: an id, or a JSON object with "sub" (default ${JSON.stringify(DEFAULT_ACTOR)})`);

const tokenColumns = [
  { key: "id", header: "ID" },
  { key: "user", header: "USER" },
  { key: "actor", header: "ACTOR" },
  { key: "status", header: "STATUS" },
  { key: "url", header: "URL" },
] as const;

function tokenRow(t: ActorToken): Record<string, unknown> {
  return { id: t.id, user: t.user_id, actor: t.actor.sub ?? "", status: t.status, url: t.url ?? "" };
}

const tokenView = { rows: (t: ActorToken) => [tokenRow(t)], columns: tokenColumns };

/** A user id as given, or the id of the user with that email address. */
async function resolveUser(ctx: ActionContext, reference: string): Promise<string> {
  if (!reference.includes("@")) return reference;
  const { body } = await ctx.backend.request(
    { method: "GET", path: "/users", query: { email_address: [reference], limit: 1 } },
    z.array(user),
  );
  const found = body[0];
  if (!found) {
    throw new ActionError(
      `No user has the email address ${reference}.`,
      "Find the user with `clerk users list --query …`.",
    );
  }
  return found.id;
}

export const impersonate = defineAction({
  id: "impersonate",
  summary: "Sign in as a user: creates an actor token and prints its one-time sign-in URL",
  description:
    "Whoever opens the URL is signed in as the user, on a session that records the actor (the `act` " +
    `claim of its tokens). The actor defaults to ${JSON.stringify(DEFAULT_ACTOR)}. The URL and token are ` +
    "credentials: hand them only to the person impersonating. Revoke an unused token with " +
    "`clerk impersonate revoke <actor_token_id>`; once used, revoke its session with `clerk sessions revoke`.",
  input: z.object({
    user: z.string().min(1).describe("The user to sign in as: a user id (user_…) or an email address"),
    actor,
    expires_in: duration("How long the URL can be used: 90s, 30m, 2h, … (Clerk's default is 1h)"),
    session_max_duration: duration("How long the impersonation session may last (Clerk's default is 30m)"),
  }),
  positionals: ["user"],
  examples: [
    "clerk impersonate user_2abc",
    "clerk impersonate ada@example.com --actor user_2admin --expires-in 10m",
    'clerk impersonate user_2abc --actor \'{"sub":"user_2admin","reason":"ticket 4521"}\' --json',
  ],
  api: "backend",
  mutates: true,
  output: actorToken,
  async run(ctx, input) {
    const body = {
      user_id: await resolveUser(ctx, input.user),
      actor: input.actor ?? DEFAULT_ACTOR,
      ...(input.expires_in === undefined ? {} : { expires_in_seconds: input.expires_in }),
      ...(input.session_max_duration === undefined
        ? {}
        : { session_max_duration_in_seconds: input.session_max_duration }),
    };
    return (await ctx.backend.request({ method: "POST", path: "/actor_tokens", body }, actorToken)).body;
  },
  table: tokenView,
  secretFields: ["token", "url"],
  browse: (token) => token.url ?? undefined,
});

const sessionList = listOf(session);

/** The user's active impersonation sessions (those naming an actor), revoked: what a used token left. */
async function endImpersonation(ctx: ActionContext, userId: string): Promise<Session[]> {
  const { data } = (
    await ctx.backend.request(
      { method: "GET", path: "/sessions", query: { user_id: userId, status: "active", paginated: true, limit: 100 } },
      sessionList,
    )
  ).body;
  const ended: Session[] = [];
  for (const impersonation of data.filter((candidate) => candidate.actor)) {
    const { body } = await ctx.backend.request(
      { method: "POST", path: apiPath("sessions", impersonation.id, "revoke"), idempotent: true },
      session,
    );
    ended.push(body);
  }
  return ended;
}

function revokedRows(output: ActorToken | z.infer<typeof sessionList>): Record<string, unknown>[] {
  if ((output as ActorToken).object === "actor_token") return [tokenRow(output as ActorToken)];
  return (output as z.infer<typeof sessionList>).data.map((s) => ({
    id: s.id,
    user: s.user_id,
    actor: (s.actor as { sub?: string } | null | undefined)?.sub ?? "",
    status: s.status,
    url: "",
  }));
}

export const impersonateRevoke = defineAction({
  id: "impersonate.revoke",
  summary: "Revoke an actor token, or the impersonation session it started (--user)",
  description:
    "Clerk revokes only a pending token. Once the token was used, --user names the impersonated user: their " +
    "active impersonation sessions (those naming an actor) are revoked instead, and the answer lists them.",
  input: z.object({
    actor_token_id: id("actor token"),
    user: id("user")
      .optional()
      .describe("The impersonated user (user_…): if the token was used, end their impersonation session"),
  }),
  positionals: ["actor_token_id"],
  examples: ["clerk impersonate revoke act_2abc", "clerk impersonate revoke act_2abc --user user_2def --yes --json"],
  api: "backend",
  mutates: true,
  stakes: "disruptive", // another token can be created
  confirm: "terminal", // unasked off a terminal, as in the official CLI (help:impersonate:4)
  output: z.union([actorToken, sessionList]),
  async run(ctx, input) {
    try {
      return (
        await ctx.backend.request(
          // Revoking only moves a pending token to `revoked`, so a retry after a lost answer is safe.
          { method: "POST", path: apiPath("actor_tokens", input.actor_token_id, "revoke"), idempotent: true },
          actorToken,
        )
      ).body;
    } catch (error) {
      // A used (accepted) token cannot be revoked: its session is what is left to end.
      if (!(error instanceof ClerkApiError) || error.status !== 400 || !input.user) throw error;
      const ended = await endImpersonation(ctx, input.user);
      if (!ended.length) throw error;
      return { data: ended, total_count: ended.length };
    }
  },
  table: { rows: revokedRows, columns: tokenColumns },
});

export const impersonateActions = [impersonate, impersonateRevoke];
