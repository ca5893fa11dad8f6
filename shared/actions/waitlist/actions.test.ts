import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, all } = useActionSandbox();

describe("waitlist actions", () => {
  test("create, bulk-create and list with filters; an address already listed keeps its entry", async () => {
    const ada = await run("waitlist.create", { email_address: "ada@example.com", notify: false });
    expect(ada).toMatchObject({ object: "waitlist_entry", email_address: "ada@example.com", status: "pending" });
    const bulk = await run("waitlist.bulk-create", { email_address: ["grace@example.com", "ada@example.com"] });
    expect(bulk.map((e) => e.email_address)).toEqual(["grace@example.com", "ada@example.com"]);
    expect(bulk[1]?.id).toBe(ada.id);

    const listed = await run("waitlist.list", { order_by: "+email_address" });
    expect(listed).toMatchObject({ total_count: 2 });
    expect(listed.data.map((e) => e.email_address)).toEqual(["ada@example.com", "grace@example.com"]);
    expect(await run("waitlist.list", { query: "grace" })).toMatchObject({
      total_count: 1,
      data: [{ email_address: "grace@example.com" }],
    });
    expect(await all("waitlist.list", { limit: 1 })).toHaveLength(2);
  });

  test("invite, reject and delete entries; Clerk's refusals and the action's input checks", async () => {
    const [ada, grace, alan] = await run("waitlist.bulk-create", {
      email_address: ["ada@example.com", "grace@example.com", "alan@example.com"],
      notify: false,
    });
    const invited = await run("waitlist.invite", { waitlist_entry_id: ada?.id as string });
    expect(invited).toMatchObject({
      id: ada?.id,
      status: "invited",
      invitation: { status: "pending", email_address: "ada@example.com" },
    });
    expect(await run("waitlist.reject", { waitlist_entry_id: grace?.id as string })).toMatchObject({
      id: grace?.id,
      status: "rejected",
    });
    expect(await run("waitlist.list", { status: "rejected" })).toMatchObject({
      total_count: 1,
      data: [{ id: grace?.id }],
    });
    await expect(run("waitlist.reject", { waitlist_entry_id: grace?.id as string })).rejects.toMatchObject({
      status: 400,
      errors: [{ code: "waitlist_entry_rejected" }],
    });
    await expect(run("waitlist.delete", { waitlist_entry_id: ada?.id as string })).rejects.toMatchObject({
      errors: [{ code: "waitlist_entry_not_pending" }],
    });
    expect(await run("waitlist.delete", { waitlist_entry_id: alan?.id as string })).toEqual({
      object: "waitlist_entry",
      id: alan?.id,
      deleted: true,
    });
    await expect(run("waitlist.delete", { waitlist_entry_id: alan?.id as string })).rejects.toMatchObject({
      status: 404,
    });
    await expect(run("waitlist.bulk-create", { email_address: [] })).rejects.toBeInstanceOf(ZodError);
    await expect(run("waitlist.list", { status: "gone" as "pending" })).rejects.toBeInstanceOf(ZodError);
  });
});
