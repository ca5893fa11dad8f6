import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";
import type { ActionOutput } from "../types";

const { run, all, sandbox } = useActionSandbox();
const DAY = 24 * 60 * 60 * 1000;

/** The addresses the sandbox emailed while `work` ran (its `email.created` events). */
async function emailsSentDuring(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const stop = sandbox.server.context.onEvent((event) => {
    if (event.type === "email.created") sent.push(String(event.data.to_email_address));
  });
  try {
    await work();
  } finally {
    stop();
  }
  return sent;
}

describe("invitations actions", () => {
  test("create with its options, silently or notified; a duplicate is Clerk's error unless ignored", async () => {
    let created = {} as ActionOutput<"invitations.create">;
    const silent = await emailsSentDuring(async () => {
      created = await run("invitations.create", {
        email_address: "ada@example.com",
        expires_in_days: 7,
        redirect_url: "https://app.example.com/welcome",
        public_metadata: '{"plan":"pro"}',
        notify: false,
      });
    });
    expect(silent).toEqual([]);
    expect(created).toMatchObject({
      email_address: "ada@example.com",
      status: "pending",
      public_metadata: { plan: "pro" },
    });
    expect(Number(created.expires_at) - created.created_at).toBe(7 * DAY);
    expect(new URL(created.url as string).searchParams.get("redirect_url")).toBe("https://app.example.com/welcome");

    await expect(run("invitations.create", { email_address: "ada@example.com" })).rejects.toMatchObject({
      status: 400,
      errors: [{ code: "duplicate_record" }],
    });
    const again = await run("invitations.create", { email_address: "ada@example.com", ignore_existing: true });
    expect(again.id).not.toBe(created.id);
    expect(await emailsSentDuring(() => run("invitations.create", { email_address: "grace@example.com" }))).toEqual([
      "grace@example.com",
    ]);
  });

  test("bulk-create is all or nothing", async () => {
    const created = await run("invitations.bulk-create", {
      email_address: ["one@example.com", "two@example.com"],
      expires_in_days: 2,
      notify: false,
    });
    expect(created.map((i) => i.email_address)).toEqual(["one@example.com", "two@example.com"]);
    await expect(
      run("invitations.bulk-create", { email_address: ["three@example.com", "one@example.com"], notify: false }),
    ).rejects.toMatchObject({ errors: [{ code: "duplicate_record" }] });
    expect(await run("invitations.list", {})).toMatchObject({ total_count: 2 });
  });

  test("list filters, sorts and pages; get finds one; revoke; the --all stream", async () => {
    for (const name of ["c", "a", "b"])
      await run("invitations.create", { email_address: `${name}@example.com`, notify: false });
    const sorted = await run("invitations.list", { order_by: "+email_address", limit: 2 });
    expect(sorted.total_count).toBe(3);
    expect(sorted.data.map((i) => i.email_address)).toEqual(["a@example.com", "b@example.com"]);
    const last = await run("invitations.list", { order_by: "+email_address", limit: 2, offset: 2 });
    expect(last.data.map((i) => i.email_address)).toEqual(["c@example.com"]);
    expect(await all("invitations.list")).toHaveLength(3);

    const [first] = sorted.data;
    expect(await run("invitations.get", { invitation_id: first?.id as string })).toMatchObject({ id: first?.id });
    await expect(run("invitations.get", { invitation_id: "inv_missing" })).rejects.toMatchObject({
      code: "resource_not_found",
    });
    expect(await run("invitations.revoke", { invitation_id: first?.id as string })).toMatchObject({
      status: "revoked",
    });
    expect(await run("invitations.list", { status: "revoked" })).toMatchObject({ total_count: 1 });
    // Without --status, every invitation not revoked.
    expect(await run("invitations.list", {})).toMatchObject({ total_count: 2 });
  });

  test("input is validated by the action's schema", async () => {
    await expect(
      run("invitations.create", { email_address: "x@example.com", expires_in_days: 0 }),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(run("invitations.list", { order_by: "+name" })).rejects.toThrow(/must be one of created_at/);
    const eleven = Array.from({ length: 11 }, (_, i) => `u${i}@example.com`);
    await expect(run("invitations.bulk-create", { email_address: eleven })).rejects.toThrow(/at most 10/);
    await expect(run("invitations.bulk-create", { email_address: [] })).rejects.toThrow(/at least one/);
  });
});
