import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { listOf, type Session, session } from "../../clerk/schemas";
import { defineAction } from "../action";
import { id, limit, offset } from "../inputs";
import { lookUpSubject } from "../stakes";
import { apiPath, minute } from "../view";

/** Clerk's session statuses (`GET /sessions?status=`). */
export const SESSION_STATUSES = ["abandoned", "active", "ended", "expired", "removed", "replaced", "revoked"] as const;

const sessionColumns = [
  { key: "id", header: "ID" },
  { key: "user", header: "USER" },
  { key: "status", header: "STATUS" },
  { key: "last_active", header: "LAST ACTIVE" },
  { key: "expires", header: "EXPIRES" },
  { key: "created", header: "CREATED" },
] as const;

function sessionRow(s: Session): Record<string, unknown> {
  return {
    id: s.id,
    user: s.user_id,
    status: s.status,
    last_active: minute(s.last_active_at),
    expires: minute(s.expire_at),
    created: minute(s.created_at),
  };
}

const singleSession = { rows: (s: Session) => [sessionRow(s)], columns: sessionColumns };
const sessionList = listOf(session);

const sessionFilters = {
  user_id: z.string().min(1).optional().describe("Only this user's sessions (give this or --client-id)"),
  client_id: z.string().min(1).optional().describe("Only this client's sessions (give this or --user-id)"),
  status: z
    .enum(SESSION_STATUSES)
    .optional()
    .describe(`Only sessions in this status: ${SESSION_STATUSES.join(", ")}`),
};

export const sessionsList = defineAction({
  id: "sessions.list",
  summary: "List sessions of a user or a client, newest first",
  input: z.object({ ...sessionFilters, limit, offset }),
  examples: [
    "clerk sessions list --user-id user_2abc",
    "clerk sessions list --user-id user_2abc --status active --json",
    "clerk sessions list --client-id client_2abc --all --json",
  ],
  api: "backend",
  mutates: false,
  output: sessionList,
  async run(ctx, input) {
    return (
      await ctx.backend.request({ method: "GET", path: "/sessions", query: { ...input, paginated: true } }, sessionList)
    ).body;
  },
  stream: (ctx, { user_id, client_id, status }) =>
    paginate(ctx.backend, "/sessions", session, { query: { user_id, client_id, status, paginated: true } }),
  table: {
    rows: (output) => output.data.map(sessionRow),
    item: (item) => sessionRow(item as Session),
    columns: sessionColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} sessions`,
  },
});

const sessionIdInput = z.object({ session_id: id("session") });

export const sessionsGet = defineAction({
  id: "sessions.get",
  summary: "Show one session",
  input: sessionIdInput,
  positionals: ["session_id"],
  examples: ["clerk sessions get sess_2abc", "clerk sessions get sess_2abc --json"],
  api: "backend",
  mutates: false,
  output: session,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: apiPath("sessions", input.session_id) }, session)).body;
  },
  table: singleSession,
});

export const sessionsRevoke = defineAction({
  id: "sessions.revoke",
  summary: "Revoke an active session: the user is signed out on that device",
  input: sessionIdInput,
  positionals: ["session_id"],
  examples: ["clerk sessions revoke sess_2abc", "clerk sessions revoke sess_2abc --yes --json"],
  api: "backend",
  mutates: true,
  stakes: "disruptive", // they can sign in again
  async subject(ctx, input) {
    const session = await sessionsGet.run(ctx, input);
    const user = await lookUpSubject(ctx, apiPath("users", session.user_id));
    return {
      label: `${user?.label ?? session.user_id}'s session`,
      name_to_type: input.session_id,
      id: input.session_id,
    };
  },
  confirm: "terminal", // unasked off a terminal, the Go CLI does not ask (001:950)
  output: session,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        // Revoking only moves the session to `revoked`, so a retry after a lost answer is safe.
        { method: "POST", path: apiPath("sessions", input.session_id, "revoke"), idempotent: true },
        session,
      )
    ).body;
  },
  table: singleSession,
});

/** What `POST /sessions/{id}/refresh` answers: a new session token, or the `Set-Cookie` lines for it. */
const refreshed = z.union([
  z.looseObject({ object: z.literal("token"), jwt: z.string() }),
  z.looseObject({ object: z.literal("cookies"), cookies: z.array(z.string()) }),
]);

export const sessionsRefresh = defineAction({
  id: "sessions.refresh",
  summary: "Refresh a session: an expired session token and the refresh token give a new session token",
  description:
    "What Clerk's SDKs do for a request whose `__session` cookie has expired: the expired token and the " +
    "`__refresh` cookie's token, with the request's origin, give a new token (or, with --format cookie, " +
    "the Set-Cookie lines). The answer is a credential.",
  input: z.object({
    session_id: id("session"),
    expired_token: z.string().min(1).describe("The expired session token (the __session cookie's JWT)"),
    refresh_token: z.string().min(1).describe("The refresh token (the __refresh cookie)"),
    request_origin: z.string().min(1).describe("The origin of the request, e.g. https://app.example.com"),
    format: z.enum(["token", "cookie"]).optional().describe("Answer a token (Clerk's default) or Set-Cookie lines"),
  }),
  positionals: ["session_id"],
  examples: [
    'clerk sessions refresh sess_2abc --expired-token "$SESSION_JWT" --refresh-token "$REFRESH" --request-origin http://localhost:3000',
  ],
  api: "backend",
  mutates: true,
  output: refreshed,
  async run(ctx, { session_id, ...body }) {
    return (
      await ctx.backend.request({ method: "POST", path: apiPath("sessions", session_id, "refresh"), body }, refreshed)
    ).body;
  },
  table: {
    rows: (o) => [{ object: o.object, value: "jwt" in o ? o.jwt : (o.cookies as string[]).join("; ") }],
    columns: [
      { key: "object", header: "OBJECT" },
      { key: "value", header: "VALUE" },
    ],
  },
  secretFields: ["jwt", "cookies"],
});

export const sessionActions = [sessionsList, sessionsGet, sessionsRevoke, sessionsRefresh];
