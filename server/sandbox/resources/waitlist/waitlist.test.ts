import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";
import { startWebhookReceiver } from "../../testing/webhook-receiver";

const sandbox = useSandbox();

type Invitation = { id: string; status: string; email_address: string };
type Entry = {
  object: string;
  id: string;
  email_address: string;
  status: string;
  is_locked: boolean;
  invitation: Invitation | null;
  created_at: number;
  updated_at: number;
};
type Errors = { errors: { code: string; meta?: { param_name?: string } }[] };

const add = async (email_address: string, notify?: boolean) =>
  expectJson<Entry>(await sandbox.bapi("POST", "/waitlist_entries", { email_address, notify }));
const list = async (query = "") =>
  expectJson<{ data: Entry[]; total_count: number }>(await sandbox.bapi("GET", `/waitlist_entries${query}`));

describe("waitlist entries over HTTP", () => {
  test("create answers the existing entry for a known address; bulk refuses duplicates in one call", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const entry = await add("Early@Example.com");
    expect(entry).toEqual({
      object: "waitlist_entry",
      id: expect.stringMatching(/^wle_/),
      email_address: "Early@Example.com",
      status: "pending",
      is_locked: false,
      invitation: null,
      created_at: Date.UTC(2025, 5, 1),
      updated_at: Date.UTC(2025, 5, 1),
    });
    expect((await add("early@example.com")).id).toBe(entry.id);

    const bulk = await expectJson<Entry[]>(
      await sandbox.bapi("POST", "/waitlist_entries/bulk", [
        { email_address: "a@example.com" },
        { email_address: "early@example.com", notify: false },
      ]),
    );
    expect(bulk.map((row) => row.id)).toEqual([expect.stringMatching(/^wle_/), entry.id]);
    const twice = await expectJson<Errors>(
      await sandbox.bapi("POST", "/waitlist_entries/bulk", [
        { email_address: "b@example.com" },
        { email_address: "B@example.com" },
      ]),
      400,
    );
    expect(twice.errors[0]?.code).toBe("duplicate_record");
    expect((await list()).total_count).toBe(2);
    await expectJson(await sandbox.bapi("POST", "/waitlist_entries/bulk", []), 422);
    const invalid = await expectJson<Errors>(
      await sandbox.bapi("POST", "/waitlist_entries", { email_address: "nope" }),
      422,
    );
    expect(invalid.errors[0]?.meta?.param_name).toBe("email_address");
  });

  test("list filters by query and status, orders by created_at, email_address or invited_at", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const b = await add("b@example.com");
    await sandbox.control("clock", { advance_ms: 1000 });
    const a = await add("a@example.com");
    expect((await list()).data.map((row) => row.id)).toEqual([a.id, b.id]);
    expect((await list("?order_by=%2Bemail_address")).data.map((row) => row.id)).toEqual([a.id, b.id]);
    expect((await list("?order_by=-email_address")).data.map((row) => row.id)).toEqual([b.id, a.id]);
    expect((await list("?query=b%40")).data.map((row) => row.id)).toEqual([b.id]);
    await expectJson(await sandbox.bapi("POST", `/waitlist_entries/${b.id}/invite`));
    expect((await list("?status=invited")).data.map((row) => row.id)).toEqual([b.id]);
    expect((await list("?status=pending&limit=1")).total_count).toBe(1);
    await expectJson(await sandbox.bapi("GET", "/waitlist_entries?status=waiting"), 422);
    await expectJson(await sandbox.bapi("GET", "/waitlist_entries?order_by=name"), 422);
  });

  test("invite creates a waitlist invitation; accepting it completes the entry", async () => {
    const entry = await add("guest@example.com");
    const invited = await expectJson<Entry>(await sandbox.bapi("POST", `/waitlist_entries/${entry.id}/invite`));
    expect(invited.status).toBe("invited");
    expect(invited.invitation).toMatchObject({
      object: "invitation",
      status: "pending",
      email_address: "guest@example.com",
    });
    const invitations = await expectJson<Invitation[]>(await sandbox.bapi("GET", "/invitations"));
    expect(invitations.map((row) => row.id)).toEqual([invited.invitation?.id]);
    // A second invite meets the pending invitation, unless told to ignore it.
    const again = await expectJson<Errors>(await sandbox.bapi("POST", `/waitlist_entries/${entry.id}/invite`), 400);
    expect(again.errors[0]?.code).toBe("duplicate_record");
    const forced = await expectJson<Entry>(
      await sandbox.bapi("POST", `/waitlist_entries/${entry.id}/invite`, { ignore_existing: true }),
    );
    expect(forced.invitation?.id).not.toBe(invited.invitation?.id);
    // Only a pending entry can be deleted.
    const notPending = await expectJson<Errors>(await sandbox.bapi("DELETE", `/waitlist_entries/${entry.id}`), 400);
    expect(notPending.errors[0]?.code).toBe("waitlist_entry_not_pending");

    await sandbox.control(`invitations/${forced.invitation?.id}/accept`);
    expect((await list("?status=completed")).data.map((row) => row.id)).toEqual([entry.id]);
    const completed = await expectJson<Errors>(await sandbox.bapi("POST", `/waitlist_entries/${entry.id}/reject`), 400);
    expect(completed.errors[0]?.code).toBe("waitlist_entry_completed");
  });

  test("reject revokes a pending invitation; a pending entry can be deleted", async () => {
    const entry = await add("maybe@example.com");
    const invited = await expectJson<Entry>(await sandbox.bapi("POST", `/waitlist_entries/${entry.id}/invite`));
    const rejected = await expectJson<Entry>(await sandbox.bapi("POST", `/waitlist_entries/${entry.id}/reject`));
    expect(rejected.status).toBe("rejected");
    expect(rejected.invitation).toMatchObject({ id: invited.invitation?.id, status: "revoked" });
    await expectJson(await sandbox.bapi("POST", `/waitlist_entries/${entry.id}/reject`), 400);

    const other = await add("other@example.com");
    expect(await expectJson(await sandbox.bapi("DELETE", `/waitlist_entries/${other.id}`))).toEqual({
      object: "waitlist_entry",
      id: other.id,
      deleted: true,
    });
    await expectJson(await sandbox.bapi("DELETE", `/waitlist_entries/${other.id}`), 404);
    await expectJson(await sandbox.bapi("POST", "/waitlist_entries/wle_missing/invite"), 404);
  });

  test("waitlistEntry.created and .updated webhooks follow Clerk's webhooks document", async () => {
    const hooks = await startWebhookReceiver();
    const endpoint = (await sandbox.control("webhooks", { url: hooks.url })) as { id: string };
    try {
      const entry = await add("hooked@example.com", false);
      await expectJson(await sandbox.bapi("POST", `/waitlist_entries/${entry.id}/invite`));
      await sandbox.control("webhooks/settle");
      const events = hooks.received.map((delivery) => JSON.parse(delivery.body) as { type: string });
      const types = events.map((event) => event.type).filter((type) => type.startsWith("waitlistEntry."));
      expect(types).toEqual(["waitlistEntry.created", "waitlistEntry.updated"]);
      for (const delivery of hooks.received) expect(sandbox.contract.checkWebhook(delivery.body)).toBeUndefined();
    } finally {
      await sandbox.control(`webhooks/${endpoint.id}`, undefined, "DELETE");
      await hooks.close();
    }
  });
});
