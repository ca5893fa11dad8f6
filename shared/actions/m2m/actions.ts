import { z } from "zod";
import { paginate } from "../../clerk/paginate";
import { deletedObject } from "../../clerk/schemas";
import type { ClerkTransport } from "../../clerk/transport";
import { MASKED_SECRET_FOOTER, maskSecret } from "../../secrets";
import { defineAction } from "../action";
import { withFlagAliases } from "../fields";
import { id, jsonObject, limit, offset, pageLimit } from "../inputs";
import { recordSubject } from "../stakes";
import { apiPath, day, minute } from "../view";
import {
  type M2MToken,
  type Machine,
  type MachineSecretKey,
  m2mToken,
  m2mTokenList,
  machine,
  machineScope,
  machineSecretKey,
} from "./schemas";

const machineList = z.object({ data: z.array(machine), total_count: z.number().int() });

const machineColumns = [
  { key: "id", header: "ID" },
  { key: "name", header: "NAME" },
  { key: "scoped_to", header: "CAN CALL" },
  { key: "token_ttl", header: "TOKEN TTL" },
  { key: "created", header: "CREATED" },
] as const;

function machineRow(m: Machine): Record<string, unknown> {
  return {
    id: m.id,
    name: m.name,
    scoped_to: m.scoped_machines.map((scoped) => scoped.name).join(", "),
    token_ttl: m.default_token_ttl === undefined ? "" : `${m.default_token_ttl}s`,
    created: day(m.created_at),
  };
}

const singleMachine = { rows: (m: Machine) => [machineRow(m)], columns: machineColumns };

const machineId = id("machine (mch_…)");
const machineInput = z.object({ machine_id: machineId });
const tokenTtl = z.coerce
  .number()
  .int()
  .min(1)
  .max(315_360_000)
  .optional()
  .describe("Default lifetime of the machine's tokens, in seconds (Clerk's default: 3600)");

export const machinesList = defineAction({
  id: "m2m.machines.list",
  summary: "List machines, with the machines each may call",
  input: z.object({
    query: z.string().optional().describe("Only machines whose id or name contains this"),
    order_by: z
      .string()
      .default("-created_at")
      .describe("Sort by name or created_at; prefix + for ascending, - for descending"),
    limit,
    offset,
  }),
  examples: ["clerk m2m machines list", "clerk m2m machines list --query worker --order-by +name --json"],
  api: "backend",
  mutates: false,
  output: machineList,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: "/machines", query: { ...input } }, machineList)).body;
  },
  stream: (ctx, input) =>
    paginate(ctx.backend, "/machines", machine, { query: { query: input.query, order_by: input.order_by } }),
  table: {
    rows: (output) => output.data.map(machineRow),
    item: (item) => machineRow(item as Machine),
    columns: machineColumns,
    footer: (output) => `${output.data.length} of ${output.total_count} machines`,
  },
});

export const machinesGet = defineAction({
  id: "m2m.machines.get",
  summary: "Show one machine and the machines it may call",
  input: machineInput,
  positionals: ["machine_id"],
  examples: ["clerk m2m machines get mch_2abc", "clerk m2m machines get mch_2abc --json"],
  api: "backend",
  mutates: false,
  output: machine,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "GET", path: apiPath("machines", input.machine_id) }, machine)).body;
  },
  table: singleMachine,
});

export const machinesCreate = defineAction({
  id: "m2m.machines.create",
  summary: "Create a machine; the answer carries its secret key",
  description:
    "The machine's secret key authorizes it to mint M2M tokens. Tables mask it; run with --json to capture it, " +
    "or read it later with `clerk m2m machines get-secret <id> --json`.",
  input: z.object({
    name: z.string().min(1).max(255).describe("The machine's name, e.g. billing-worker"),
    scoped_machine: withFlagAliases(
      ["scopes"],
      z.array(z.string()).optional().describe("Machines (mch_…) this one may call"),
    ),
    default_token_ttl: tokenTtl,
  }),
  examples: [
    "clerk m2m machines create --name billing-worker --json",
    "clerk m2m machines create --name api --scoped-machine mch_2abc --default-token-ttl 600",
  ],
  api: "backend",
  mutates: true,
  output: machine,
  async run(ctx, input) {
    const body = {
      name: input.name,
      scoped_machines: input.scoped_machine,
      default_token_ttl: input.default_token_ttl,
    };
    return (await ctx.backend.request({ method: "POST", path: "/machines", body }, machine)).body;
  },
  table: {
    rows: (m) => [{ ...machineRow(m), secret: m.secret_key ? maskSecret(m.secret_key) : "" }],
    columns: [...machineColumns, { key: "secret", header: "SECRET KEY" }],
    footer: () => MASKED_SECRET_FOOTER,
  },
  secretFields: ["secret_key"],
});

export const machinesUpdate = defineAction({
  id: "m2m.machines.update",
  summary: "Rename a machine or change its tokens' default lifetime",
  input: z.object({
    machine_id: machineId,
    name: z.string().min(1).max(255).optional().describe("The new name"),
    default_token_ttl: tokenTtl,
  }),
  positionals: ["machine_id"],
  examples: ["clerk m2m machines update mch_2abc --name billing-worker-eu --default-token-ttl 900"],
  api: "backend",
  mutates: true,
  output: machine,
  async run(ctx, { machine_id, ...body }) {
    return (await ctx.backend.request({ method: "PATCH", path: apiPath("machines", machine_id), body }, machine)).body;
  },
  table: singleMachine,
});

export const machinesDelete = defineAction({
  id: "m2m.machines.delete",
  summary: "Delete a machine, its scopes and its tokens",
  input: machineInput,
  positionals: ["machine_id"],
  examples: ["clerk m2m machines delete mch_2abc", "clerk m2m machines delete mch_2abc --yes --json"],
  api: "backend",
  mutates: true,
  destructive: (input) => input.machine_id,
  subject: async (ctx, input) => recordSubject(await machinesGet.run(ctx, input)),
  confirm: "terminal", // unasked off a terminal, the Go CLI does not ask (001:1330)
  output: deletedObject,
  async run(ctx, input) {
    return (await ctx.backend.request({ method: "DELETE", path: apiPath("machines", input.machine_id) }, deletedObject))
      .body;
  },
  table: {
    rows: (o) => [{ id: o.id, deleted: o.deleted }],
    columns: [
      { key: "id", header: "ID" },
      { key: "deleted", header: "DELETED" },
    ],
  },
});

function readSecretKey(backend: ClerkTransport, machineIdValue: string): Promise<MachineSecretKey> {
  return backend
    .request({ method: "GET", path: apiPath("machines", machineIdValue, "secret_key") }, machineSecretKey)
    .then((response) => response.body);
}

export const machinesGetSecret = defineAction({
  id: "m2m.machines.get-secret",
  summary: "Show a machine's secret key (masked in tables; --json prints it)",
  input: machineInput,
  positionals: ["machine_id"],
  examples: ["clerk m2m machines get-secret mch_2abc --json", "clerk m2m machines get-secret mch_2abc -o yaml"],
  api: "backend",
  mutates: false,
  output: machineSecretKey,
  run: (ctx, input) => readSecretKey(ctx.backend, input.machine_id),
  table: {
    rows: (key) => [{ secret: maskSecret(key.secret) }],
    columns: [{ key: "secret", header: "SECRET KEY" }],
    footer: () => MASKED_SECRET_FOOTER,
  },
  secretFields: ["secret"],
});

export const machinesAddScope = defineAction({
  id: "m2m.machines.add-scope",
  summary: "Let a machine call another one: its tokens will be scoped to it",
  input: z.object({
    machine_id: machineId,
    // Clerk's machine scopes are machines, not permission strings such as the Go CLI's `read:users`.
    to_machine_id: withFlagAliases(
      ["scope"],
      z
        .string()
        .regex(/^mch_/, "must be a machine id (mch_…): a machine's scopes are the machines it may call")
        .describe("The machine (mch_…) it may call"),
    ),
  }),
  positionals: ["machine_id"],
  examples: ["clerk m2m machines add-scope mch_2api --to-machine-id mch_2worker"],
  api: "backend",
  mutates: true,
  output: machineScope,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: apiPath("machines", input.machine_id, "scopes"),
          body: { to_machine_id: input.to_machine_id },
        },
        machineScope,
      )
    ).body;
  },
  table: {
    rows: (scope) => [{ from: scope.from_machine_id, to: scope.to_machine_id, created: minute(scope.created_at) }],
    columns: [
      { key: "from", header: "MACHINE" },
      { key: "to", header: "MAY CALL" },
      { key: "created", header: "SINCE" },
    ],
  },
});

export const machinesRotateSecret = defineAction({
  id: "m2m.machines.rotate-secret",
  summary: "Replace a machine's secret key; the old one keeps working for --previous-key-ttl seconds",
  description: "The new key is in the answer: tables mask it, --json prints it.",
  input: z.object({
    machine_id: machineId,
    previous_key_ttl: z.coerce
      .number()
      .int()
      .min(0)
      .max(28_800)
      .default(0)
      .describe("Seconds the old key still works, to roll callers over (0-28800; default 0: it stops now)"),
  }),
  positionals: ["machine_id"],
  examples: [
    "clerk m2m machines rotate-secret mch_2abc --previous-key-ttl 3600 --json",
    "clerk m2m machines rotate-secret mch_2abc --yes --json",
  ],
  api: "backend",
  mutates: true,
  destructive: (input) => input.machine_id,
  output: machineSecretKey,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: apiPath("machines", input.machine_id, "secret_key", "rotate"),
          body: { previous_token_ttl: input.previous_key_ttl },
        },
        machineSecretKey,
      )
    ).body;
  },
  table: {
    rows: (key) => [{ secret: maskSecret(key.secret) }],
    columns: [{ key: "secret", header: "NEW SECRET KEY" }],
    footer: () => MASKED_SECRET_FOOTER,
  },
  secretFields: ["secret"],
});

export const machinesRemoveScope = defineAction({
  id: "m2m.machines.remove-scope",
  summary: "Stop a machine from calling another one: its new tokens are no longer scoped to it",
  input: z.object({
    machine_id: machineId,
    to_machine_id: withFlagAliases(
      ["scope"],
      id("machine it may call (mch_…)").describe("The machine (mch_…) it may no longer call"),
    ),
  }),
  positionals: ["machine_id"],
  examples: ["clerk m2m machines remove-scope mch_2api --to-machine-id mch_2worker"],
  api: "backend",
  mutates: true,
  output: machineScope,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        { method: "DELETE", path: apiPath("machines", input.machine_id, "scopes", input.to_machine_id) },
        machineScope,
      )
    ).body;
  },
  table: {
    rows: (scope) => [{ from: scope.from_machine_id, to: scope.to_machine_id, removed: scope.deleted === true }],
    columns: [
      { key: "from", header: "MACHINE" },
      { key: "to", header: "NO LONGER CALLS" },
      { key: "removed", header: "REMOVED" },
    ],
  },
});

const tokenColumns = [
  { key: "id", header: "ID" },
  { key: "machine", header: "MACHINE" },
  { key: "scopes", header: "SCOPES" },
  { key: "status", header: "STATUS" },
  { key: "expires", header: "EXPIRES" },
  { key: "last_used", header: "LAST USED" },
  { key: "created", header: "CREATED" },
] as const;

function tokenRow(token: M2MToken): Record<string, unknown> {
  return {
    id: token.id,
    machine: token.subject,
    scopes: (token.scopes ?? []).join(" "),
    status: token.revoked ? "revoked" : token.expired ? "expired" : "valid",
    expires: minute(token.expiration),
    last_used: minute(token.last_used_at),
    created: minute(token.created_at),
  };
}

const singleToken = { rows: (token: M2MToken) => [tokenRow(token)], columns: tokenColumns };

export const tokensList = defineAction({
  id: "m2m.tokens.list",
  summary: "List a machine's M2M tokens, newest first (valid ones unless asked)",
  input: z.object({
    machine_id: machineId,
    revoked: z.boolean().default(false).describe("Also list revoked tokens"),
    expired: z.boolean().default(false).describe("Also list expired tokens"),
    limit: pageLimit(100),
    offset,
  }),
  examples: [
    "clerk m2m tokens list --machine-id mch_2abc",
    "clerk m2m tokens list --machine-id mch_2abc --revoked --expired --json",
  ],
  api: "backend",
  mutates: false,
  output: m2mTokenList,
  async run(ctx, { machine_id, ...query }) {
    return (
      await ctx.backend.request(
        { method: "GET", path: "/m2m_tokens", query: { subject: machine_id, ...query } },
        m2mTokenList,
      )
    ).body;
  },
  stream: (ctx, input) =>
    paginate(ctx.backend, "/m2m_tokens", m2mToken, {
      query: { subject: input.machine_id, revoked: input.revoked, expired: input.expired },
      pageSize: 100,
      listKey: "m2m_tokens",
    }),
  table: {
    rows: (output) => output.m2m_tokens.map(tokenRow),
    item: (item) => tokenRow(item as M2MToken),
    columns: tokenColumns,
    footer: (output) => `${output.m2m_tokens.length} of ${output.total_count} tokens`,
  },
});

/** Requests authenticated as the machine: its secret key instead of the instance's. */
async function asMachine(backend: ClerkTransport, machineIdValue: string): Promise<Record<string, string>> {
  const { secret } = await readSecretKey(backend, machineIdValue);
  return { authorization: `Bearer ${secret}` };
}

export const tokensCreate = defineAction({
  id: "m2m.tokens.create",
  summary: "Mint an M2M token for a machine (with its secret key), scoped to the machines it may call",
  description:
    "Clerk mints M2M tokens only for a request signed with the machine's own secret key: the command reads that key " +
    "with the instance's secret key and uses it for this one request. The token is shown once; tables mask it.",
  input: z.object({
    machine_id: machineId,
    expires_in_seconds: withFlagAliases(
      ["expires-in"],
      z.coerce
        .number()
        .int()
        .positive()
        .optional()
        .describe("Seconds until the token expires (default: the machine's token TTL)"),
    ),
    claims: jsonObject("Custom claims as a JSON object, returned when the token is verified").optional(),
    format: z
      .enum(["opaque", "jwt"])
      .default("opaque")
      .describe("opaque (mt_…, verified by Clerk) or jwt (verifiable offline)"),
  }),
  examples: [
    "clerk m2m tokens create --machine-id mch_2abc --json",
    'clerk m2m tokens create --machine-id mch_2abc --expires-in-seconds 300 --claims \'{"job":"sync"}\' --json',
  ],
  api: "backend",
  mutates: true,
  output: m2mToken,
  async run(ctx, input) {
    const headers = await asMachine(ctx.backend, input.machine_id);
    const body = {
      token_format: input.format,
      seconds_until_expiration: input.expires_in_seconds ?? null,
      claims: input.claims ?? null,
    };
    return (await ctx.backend.request({ method: "POST", path: "/m2m_tokens", body, headers }, m2mToken)).body;
  },
  table: {
    rows: (token) => [{ ...tokenRow(token), token: token.token ? maskSecret(token.token) : "" }],
    columns: [...tokenColumns, { key: "token", header: "TOKEN" }],
    footer: () => MASKED_SECRET_FOOTER,
  },
  secretFields: ["token"],
});

export const tokensVerify = defineAction({
  id: "m2m.tokens.verify",
  summary: "Verify an M2M token; with --machine-id, also that it is scoped to that machine",
  description:
    "Without --machine-id the instance's secret key verifies any token of the instance. With it, the token is " +
    "verified as that machine would (with its secret key), which Clerk accepts only if the machine is in the " +
    "token's scopes. Unknown, revoked and expired tokens fail with Clerk's 404.",
  input: z.object({
    token: z.string().min(1).describe("The M2M token (mt_…)"),
    machine_id: z.string().min(1).optional().describe("Verify as this machine (mch_…): the token must be scoped to it"),
  }),
  positionals: ["token"],
  examples: [
    'clerk m2m tokens verify "$M2M_TOKEN" --json',
    'clerk m2m tokens verify "$M2M_TOKEN" --machine-id mch_2worker',
  ],
  api: "backend",
  mutates: false,
  output: m2mToken,
  async run(ctx, input) {
    const headers = input.machine_id ? await asMachine(ctx.backend, input.machine_id) : undefined;
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: "/m2m_tokens/verify",
          body: { token: input.token },
          ...(headers ? { headers } : {}),
          // Verifying changes nothing but last_used_at: safe to repeat.
          idempotent: true,
        },
        m2mToken,
      )
    ).body;
  },
  table: singleToken,
});

export const tokensRevoke = defineAction({
  id: "m2m.tokens.revoke",
  summary: "Revoke an M2M token: it stops verifying at once",
  input: z.object({
    token_id: id("M2M token (mt_…)"),
    reason: z.string().optional().describe("Why, for your records (kept as revocation_reason)"),
  }),
  positionals: ["token_id"],
  examples: [
    "clerk m2m tokens revoke mt_3beecc9c60adb5f9b850e91a8ee1e992",
    'clerk m2m tokens revoke mt_3beecc9c60adb5f9b850e91a8ee1e992 --reason "leaked" --yes --json',
  ],
  api: "backend",
  mutates: true,
  destructive: (input) => input.token_id,
  output: m2mToken,
  async run(ctx, input) {
    return (
      await ctx.backend.request(
        {
          method: "POST",
          path: apiPath("m2m_tokens", input.token_id, "revoke"),
          body: { revocation_reason: input.reason ?? null },
          // Revoking twice keeps the first revocation: safe to retry.
          idempotent: true,
        },
        m2mToken,
      )
    ).body;
  },
  table: singleToken,
});

export const m2mActions = [
  machinesList,
  machinesGet,
  machinesCreate,
  machinesUpdate,
  machinesDelete,
  machinesGetSecret,
  machinesAddScope,
  machinesRemoveScope,
  machinesRotateSecret,
  tokensList,
  tokensCreate,
  tokensVerify,
  tokensRevoke,
];
