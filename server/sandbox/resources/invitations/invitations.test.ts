import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type Invitation = {
  id: string;
  email_address: string;
  status: string;
  revoked?: boolean;
  url?: string;
  public_metadata: Record<string, unknown>;
  expires_at: number | null;
  created_at: number;
};
type Errors = { errors: { code: string; long_message: string; meta?: Record<string, unknown> }[] };

async function invite(body: Record<string, unknown>): Promise<Invitation> {
  return expectJson<Invitation>(await sandbox.bapi("POST", "/invitations", body));
}

function decode(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("invitations over HTTP", () => {
  test("create carries a signed ticket url and a 30-day expiry", async () => {
    const created = await invite({
      email_address: "guest@example.com",
      public_metadata: { plan: "pro" },
      redirect_url: "https://app.example.com/welcome",
    });
    expect(created).toMatchObject({ object: "invitation", status: "pending", public_metadata: { plan: "pro" } });
    expect(created.id).toMatch(/^inv_/);
    expect(created).not.toHaveProperty("revoked");
    expect(created.expires_at).toBe(created.created_at + 30 * 24 * 60 * 60 * 1000);
    const url = new URL(created.url as string);
    expect(url.pathname).toBe("/v1/tickets/accept");
    expect(url.searchParams.get("redirect_url")).toBe("https://app.example.com/welcome");
    const [header, payload] = (url.searchParams.get("ticket") as string).split(".") as [string, string];
    expect(decode(header)).toEqual({ alg: "RS256", typ: "JWT" });
    expect(decode(payload)).toMatchObject({ sid: created.id, st: "invitation", eis: 30 * 24 * 60 * 60 });

    const short = await invite({ email_address: "short@example.com", expires_in_days: 1, notify: false });
    expect(short.expires_at).toBe(short.created_at + 24 * 60 * 60 * 1000);
  });

  test("an existing user or pending invitation is refused unless ignore_existing", async () => {
    await expectJson(await sandbox.bapi("POST", "/users", { email_address: ["member@example.com"] }));
    const existing = await expectJson<Errors>(
      await sandbox.bapi("POST", "/invitations", { email_address: "MEMBER@example.com" }),
      422,
    );
    expect(existing.errors[0]).toMatchObject({ code: "form_identifier_exists", meta: { param_name: "email_address" } });
    await invite({ email_address: "member@example.com", ignore_existing: true });

    await invite({ email_address: "twice@example.com" });
    const duplicate = await expectJson<Errors>(
      await sandbox.bapi("POST", "/invitations", { email_address: "twice@example.com" }),
      400,
    );
    expect(duplicate.errors[0]).toMatchObject({
      code: "duplicate_record",
      meta: { email_addresses: ["twice@example.com"] },
    });
    await invite({ email_address: "twice@example.com", ignore_existing: true });

    const badEmail = await expectJson<Errors>(
      await sandbox.bapi("POST", "/invitations", { email_address: "nope" }),
      422,
    );
    expect(badEmail.errors[0]?.code).toBe("form_param_format_invalid");
    await expectJson(
      await sandbox.bapi("POST", "/invitations", { email_address: "x@example.com", expires_in_days: 0 }),
      422,
    );
  });

  test("bulk creates all or nothing; ignore_existing never covers existing users", async () => {
    const created = await expectJson<Invitation[]>(
      await sandbox.bapi("POST", "/invitations/bulk", [
        { email_address: "one@example.com" },
        { email_address: "two@example.com", public_metadata: { team: "a" } },
      ]),
    );
    expect(created.map((i) => i.email_address)).toEqual(["one@example.com", "two@example.com"]);

    const dup = await expectJson<Errors>(
      await sandbox.bapi("POST", "/invitations/bulk", [
        { email_address: "three@example.com" },
        { email_address: "one@example.com" },
        { email_address: "two@example.com" },
      ]),
      400,
    );
    expect(dup.errors[0]?.long_message).toBe(
      "There are already pending invitations for the following email addresses: one@example.com, two@example.com",
    );
    const all = await expectJson<Invitation[]>(await sandbox.bapi("GET", "/invitations"));
    expect(all).toHaveLength(2);

    await expectJson(await sandbox.bapi("POST", "/users", { email_address: ["user@example.com"] }));
    await expectJson(
      await sandbox.bapi("POST", "/invitations/bulk", [{ email_address: "user@example.com", ignore_existing: true }]),
      422,
    );
    await expectJson(await sandbox.bapi("POST", "/invitations/bulk", []), 422);
  });

  test("revoke: pending to revoked, then refused; revoked ones leave the default list", async () => {
    const created = await invite({ email_address: "rev@example.com" });
    const revoked = await expectJson<Invitation>(await sandbox.bapi("POST", `/invitations/${created.id}/revoke`));
    expect(revoked).toMatchObject({ status: "revoked", revoked: true });
    expect(revoked).not.toHaveProperty("url");
    const again = await expectJson<Errors>(await sandbox.bapi("POST", `/invitations/${created.id}/revoke`), 400);
    expect(again.errors[0]?.code).toBe("invitation_already_revoked");
    await expectJson(await sandbox.bapi("POST", "/invitations/inv_missing/revoke"), 404);

    expect(await expectJson<Invitation[]>(await sandbox.bapi("GET", "/invitations"))).toEqual([]);
    const listed = await expectJson<Invitation[]>(await sandbox.bapi("GET", "/invitations?status=revoked"));
    expect(listed.map((i) => i.id)).toEqual([created.id]);
    // A revoked invitation no longer blocks a new one.
    await invite({ email_address: "rev@example.com" });
  });

  test("pending turns expired when expires_at passes", async () => {
    const created = await invite({ email_address: "exp@example.com", expires_in_days: 1 });
    await sandbox.control("clock", { advance_ms: 24 * 60 * 60 * 1000 });
    const expired = await expectJson<Invitation[]>(await sandbox.bapi("GET", "/invitations?status=expired"));
    expect(expired.map((i) => [i.id, i.status])).toEqual([[created.id, "expired"]]);
    expect(await expectJson<Invitation[]>(await sandbox.bapi("GET", "/invitations?status=pending"))).toEqual([]);
    // An expired invitation no longer blocks a new one; it can still be revoked.
    await invite({ email_address: "exp@example.com" });
    await expectJson(await sandbox.bapi("POST", `/invitations/${created.id}/revoke`));
    const accept = await fetch(`${sandbox.url}/__sandbox/invitations/${created.id}/accept`, { method: "POST" });
    expect(accept.status).toBe(400);
  });

  test("accepting (test control) creates the user with the invitation's metadata", async () => {
    const created = await invite({ email_address: "join@example.com", public_metadata: { role: "beta" } });
    const result = (await sandbox.control(`invitations/${created.id}/accept`, { first_name: "Joan" })) as {
      invitation: Invitation;
      user: { id: string; first_name: string; public_metadata: Record<string, unknown> };
    };
    expect(result.invitation.status).toBe("accepted");
    expect(result.user).toMatchObject({ first_name: "Joan", public_metadata: { role: "beta" } });
    const revoke = await expectJson<Errors>(await sandbox.bapi("POST", `/invitations/${created.id}/revoke`), 400);
    expect(revoke.errors[0]?.code).toBe("invitation_already_accepted");
    const accepted = await expectJson<Invitation[]>(await sandbox.bapi("GET", "/invitations?status=accepted"));
    expect(accepted.map((i) => i.id)).toEqual([created.id]);
  });

  test("list: query, order_by, pagination", async () => {
    for (const email of ["carol@example.com", "alice@example.com", "bob@other.com"]) {
      await invite({ email_address: email, notify: false });
      await sandbox.control("clock", { advance_ms: 1000 });
    }
    const byQuery = await expectJson<Invitation[]>(await sandbox.bapi("GET", "/invitations?query=EXAMPLE"));
    expect(byQuery.map((i) => i.email_address)).toEqual(["alice@example.com", "carol@example.com"]);
    const ascending = await expectJson<Invitation[]>(await sandbox.bapi("GET", "/invitations?order_by=email_address"));
    expect(ascending.map((i) => i.email_address)).toEqual(["alice@example.com", "bob@other.com", "carol@example.com"]);
    const descending = await expectJson<Invitation[]>(
      await sandbox.bapi("GET", "/invitations?order_by=-email_address"),
    );
    expect(descending.map((i) => i.email_address)).toEqual(["carol@example.com", "bob@other.com", "alice@example.com"]);
    const page = await expectJson<{ data: Invitation[]; total_count: number }>(
      await sandbox.bapi("GET", "/invitations?paginated=true&limit=1&offset=1"),
    );
    expect(page.total_count).toBe(3);
    expect(page.data.map((i) => i.email_address)).toEqual(["alice@example.com"]);
    const byId = await expectJson<Invitation[]>(await sandbox.bapi("GET", `/invitations?query=${page.data[0]?.id}`));
    expect(byId).toHaveLength(1);
    await expectJson(await sandbox.bapi("GET", "/invitations?order_by=name"), 422);
    await expectJson(await sandbox.bapi("GET", "/invitations?status=lost"), 422);
  });
});
