import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type Machine = {
  id: string;
  name: string;
  default_token_ttl: number;
  scoped_machines: { id: string }[];
  secret_key?: string;
};
type Token = {
  id: string;
  subject: string;
  scopes: string[];
  token?: string;
  revoked: boolean;
  revocation_reason: string | null;
  expired: boolean;
  expiration: number;
  last_used_at: number | null;
};
type Errors = { errors: { code: string; long_message: string; meta?: { param_name?: string } }[] };

async function createMachine(name: string, extra: Record<string, unknown> = {}): Promise<Machine> {
  await sandbox.control("clock", { advance_ms: 1 });
  return expectJson<Machine>(await sandbox.bapi("POST", "/machines", { name, ...extra }));
}

/** Calls the Backend API with a machine's secret key instead of the instance's. */
function asMachine(secretKey: string, method: string, path: string, body?: unknown) {
  return fetch(`${sandbox.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${secretKey}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe("machines over HTTP", () => {
  test("create with scopes, list with search and order, get, update, delete", async () => {
    const billing = await createMachine("billing-worker");
    expect(billing.id).toMatch(/^mch_\w{27}$/);
    expect(billing.secret_key).toMatch(/^ak_[A-Za-z0-9]{40}$/);
    expect(billing.default_token_ttl).toBe(3600);
    const api = await createMachine("public-api", { scoped_machines: [billing.id], default_token_ttl: 600 });
    expect(api.scoped_machines.map((m) => m.id)).toEqual([billing.id]);
    expect(api.scoped_machines[0]).not.toHaveProperty("scoped_machines");

    const listed = await expectJson<{ data: Machine[]; total_count: number }>(await sandbox.bapi("GET", "/machines"));
    expect(listed.total_count).toBe(2);
    expect(listed.data.map((m) => m.id)).toEqual([api.id, billing.id]);
    expect(listed.data[0]).not.toHaveProperty("secret_key");
    const byName = await expectJson<{ data: Machine[] }>(
      await sandbox.bapi("GET", "/machines?order_by=%2Bname&query=-"),
    );
    expect(byName.data.map((m) => m.name)).toEqual(["billing-worker", "public-api"]);
    const found = await expectJson<{ data: Machine[] }>(await sandbox.bapi("GET", "/machines?query=BILLING"));
    expect(found.data.map((m) => m.id)).toEqual([billing.id]);
    await expectJson(await sandbox.bapi("GET", "/machines?order_by=secret"), 422);

    expect(await expectJson(await sandbox.bapi("GET", `/machines/${api.id}`))).toMatchObject({ name: "public-api" });
    const renamed = await expectJson<Machine>(await sandbox.bapi("PATCH", `/machines/${api.id}`, { name: "edge-api" }));
    expect(renamed).toMatchObject({ name: "edge-api", default_token_ttl: 600 });
    await expectJson(await sandbox.bapi("PATCH", `/machines/${api.id}`, { default_token_ttl: 0 }), 422);

    expect(await expectJson(await sandbox.bapi("DELETE", `/machines/${billing.id}`))).toEqual({
      object: "machine",
      id: billing.id,
      deleted: true,
    });
    expect((await expectJson<Machine>(await sandbox.bapi("GET", `/machines/${api.id}`))).scoped_machines).toEqual([]);
    const missing = await expectJson<Errors>(await sandbox.bapi("GET", `/machines/${billing.id}`), 404);
    expect(missing.errors[0]?.code).toBe("resource_not_found");
    await expectJson(await sandbox.bapi("POST", "/machines", { name: "" }), 422);
    await expectJson(await sandbox.bapi("POST", "/machines", { name: "x", scoped_machines: ["mch_missing"] }), 422);
  });

  test("scopes: add, refuse duplicates and self, remove", async () => {
    const a = await createMachine("a");
    const b = await createMachine("b");
    const scope = await expectJson(await sandbox.bapi("POST", `/machines/${a.id}/scopes`, { to_machine_id: b.id }));
    expect(scope).toMatchObject({ object: "machine_scope", from_machine_id: a.id, to_machine_id: b.id });
    await expectJson(await sandbox.bapi("POST", `/machines/${a.id}/scopes`, { to_machine_id: b.id }), 409);
    await expectJson(await sandbox.bapi("POST", `/machines/${a.id}/scopes`, { to_machine_id: a.id }), 422);
    await expectJson(await sandbox.bapi("POST", `/machines/${a.id}/scopes`, { to_machine_id: "mch_missing" }), 404);
    expect(await expectJson(await sandbox.bapi("DELETE", `/machines/${a.id}/scopes/${b.id}`))).toEqual({
      object: "machine_scope",
      from_machine_id: a.id,
      to_machine_id: b.id,
      deleted: true,
    });
    await expectJson(await sandbox.bapi("DELETE", `/machines/${a.id}/scopes/${b.id}`), 404);
  });

  test("secret keys: read, rotate with a grace period for the old one", async () => {
    const machine = await createMachine("rotating");
    const secret = await expectJson<{ object: string; secret: string }>(
      await sandbox.bapi("GET", `/machines/${machine.id}/secret_key`),
    );
    expect(secret).toEqual({ object: "machine_secret_key", secret: machine.secret_key });
    const rotated = await expectJson<{ secret: string }>(
      await sandbox.bapi("POST", `/machines/${machine.id}/secret_key/rotate`, { previous_token_ttl: 60 }),
    );
    expect(rotated.secret).not.toBe(machine.secret_key);
    // Both keys mint tokens until the grace period is over; then only the new one.
    await expectJson(await asMachine(machine.secret_key as string, "POST", "/m2m_tokens", {}), 201);
    await expectJson(await asMachine(rotated.secret, "POST", "/m2m_tokens", {}), 201);
    await sandbox.control("clock", { advance_ms: 61_000 });
    const old = await expectJson<Errors>(await asMachine(machine.secret_key as string, "POST", "/m2m_tokens", {}), 401);
    expect(old.errors[0]?.code).toBe("clerk_key_invalid");
    await expectJson(await sandbox.bapi("POST", `/machines/${machine.id}/secret_key/rotate`, {}), 422);
  });
});

describe("M2M tokens over HTTP", () => {
  test("a machine mints tokens scoped to the machines it may call; verify checks the scope", async () => {
    const worker = await createMachine("worker");
    const api = await createMachine("api", { scoped_machines: [worker.id], default_token_ttl: 120 });
    const created = await expectJson<Token>(
      await asMachine(api.secret_key as string, "POST", "/m2m_tokens", { claims: { job: "sync" } }),
      201,
    );
    expect(created.id).toMatch(/^mt_[0-9a-f]{32}$/);
    expect(created.token).toMatch(/^mt_[A-Za-z0-9]{48}$/);
    expect(created).toMatchObject({ subject: api.id, scopes: [worker.id], claims: { job: "sync" }, revoked: false });

    // The worker the token was minted for accepts it; the minting machine itself is not in its scopes.
    const verified = await expectJson<Token>(
      await asMachine(worker.secret_key as string, "POST", "/m2m_tokens/verify", { token: created.token }),
    );
    expect(verified).toMatchObject({ id: created.id, subject: api.id });
    expect(verified).not.toHaveProperty("token");
    expect(verified.last_used_at).toEqual(expect.any(Number));
    const notScoped = await expectJson<Errors>(
      await asMachine(api.secret_key as string, "POST", "/m2m_tokens/verify", { token: created.token }),
      404,
    );
    expect(notScoped.errors[0]?.long_message).toContain("not scoped");
    // The instance's secret key verifies any token.
    await expectJson(await sandbox.bapi("POST", "/m2m_tokens/verify", { token: created.token }));

    await expectJson(await sandbox.bapi("POST", "/m2m_tokens/verify", { token: "mt_unknown" }), 404);
    await expectJson(await sandbox.bapi("POST", "/m2m_tokens/verify", { token: created.id }), 404);
    await sandbox.control("clock", { advance_ms: 121_000 });
    const expired = await expectJson<Errors>(
      await sandbox.bapi("POST", "/m2m_tokens/verify", { token: created.token }),
      404,
    );
    expect(expired.errors[0]?.long_message).toBe("The M2M token has expired");
  });

  test("create needs the machine's key; bad input is Clerk's 400", async () => {
    const machine = await createMachine("m");
    const withInstanceKey = await expectJson<Errors>(await sandbox.bapi("POST", "/m2m_tokens", {}), 403);
    expect(withInstanceKey.errors[0]?.code).toBe("authorization_invalid");
    await expectJson(await asMachine("ak_not_a_machine", "POST", "/m2m_tokens", {}), 401);
    const unknown = await expectJson<Errors>(
      await asMachine(machine.secret_key as string, "POST", "/m2m_tokens", { name: "x" }),
      400,
    );
    expect(unknown.errors[0]).toMatchObject({
      code: "bad_request",
      long_message: "Invalid 'body.name': Unknown field",
    });
    const reuse = await expectJson<Errors>(
      await asMachine(machine.secret_key as string, "POST", "/m2m_tokens", {
        seconds_until_expiration: 60,
        min_remaining_ttl_seconds: 60,
      }),
      400,
    );
    expect(reuse.errors[0]?.meta?.param_name).toBe("min_remaining_ttl_seconds");
    // A machine key opens only the M2M token routes, nothing else.
    await expectJson(await asMachine(machine.secret_key as string, "GET", "/users"), 401);
  });

  test("list, filter revoked and expired, revoke", async () => {
    const machine = await createMachine("lister");
    const key = machine.secret_key as string;
    const first = await expectJson<Token>(
      await asMachine(key, "POST", "/m2m_tokens", { seconds_until_expiration: 30 }),
      201,
    );
    await sandbox.control("clock", { advance_ms: 1 });
    const second = await expectJson<Token>(await asMachine(key, "POST", "/m2m_tokens", {}), 201);
    await sandbox.control("clock", { advance_ms: 1 });
    const third = await expectJson<Token>(await asMachine(key, "POST", "/m2m_tokens", {}), 201);

    const revoked = await expectJson<Token>(
      await sandbox.bapi("POST", `/m2m_tokens/${second.id}/revoke`, { revocation_reason: "leaked" }),
    );
    expect(revoked).toMatchObject({ revoked: true, revocation_reason: "leaked" });
    const again = await expectJson<Token>(await sandbox.bapi("POST", `/m2m_tokens/${second.id}/revoke`, {}));
    expect(again.revocation_reason).toBe("leaked");
    await expectJson(await sandbox.bapi("POST", "/m2m_tokens/verify", { token: second.token }), 404);
    await sandbox.control("clock", { advance_ms: 31_000 });

    type List = { m2m_tokens: Token[]; total_count: number };
    const valid = await expectJson<List>(await sandbox.bapi("GET", `/m2m_tokens?subject=${machine.id}`));
    expect(valid.m2m_tokens.map((t) => t.id)).toEqual([third.id]);
    const everything = await expectJson<List>(
      await sandbox.bapi("GET", `/m2m_tokens?subject=${machine.id}&revoked=true&expired=true`),
    );
    expect(everything.total_count).toBe(3);
    expect(everything.m2m_tokens.map((t) => t.id)).toEqual([third.id, second.id, first.id]);
    expect(everything.m2m_tokens[2]?.expired).toBe(true);
    const byMachine = await expectJson<List>(await asMachine(key, "GET", `/m2m_tokens?subject=${machine.id}&limit=1`));
    expect(byMachine).toMatchObject({ total_count: 1, m2m_tokens: [{ id: third.id }] });

    const other = await createMachine("other");
    await expectJson(await asMachine(key, "GET", `/m2m_tokens?subject=${other.id}`), 403);
    await expectJson(await asMachine(other.secret_key as string, "POST", `/m2m_tokens/${third.id}/revoke`, {}), 404);
    await expectJson(await sandbox.bapi("GET", "/m2m_tokens"), 400);
    await expectJson(await sandbox.bapi("GET", "/m2m_tokens?subject=mch_x"), 400);
    await expectJson(await sandbox.bapi("POST", "/m2m_tokens/mt_nothex/revoke", {}), 400);
  });

  test("JWT-format tokens are signed by the instance and not stored", async () => {
    const machine = await createMachine("jwt");
    const created = await expectJson<Token>(
      await asMachine(machine.secret_key as string, "POST", "/m2m_tokens", { token_format: "jwt", claims: { a: 1 } }),
      201,
    );
    const [, payload] = (created.token as string).split(".");
    expect(JSON.parse(Buffer.from(payload as string, "base64url").toString())).toMatchObject({
      sub: machine.id,
      jti: created.id,
      a: 1,
    });
    const listed = await expectJson<{ total_count: number }>(
      await sandbox.bapi("GET", `/m2m_tokens?subject=${machine.id}`),
    );
    expect(listed.total_count).toBe(0);
  });
});
