import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";
import { ClerkApiError } from "../../clerk/errors";

const { run, all } = useActionSandbox();

const create = (email: string, extra: Record<string, unknown> = {}) =>
  run("users.create", { email_address: [email], ...extra });

describe("users actions", () => {
  test("create, get, list with filters and sorting, count", async () => {
    const ada = await create("ada@example.com", { first_name: "Ada", username: "ada" });
    await create("grace@example.com", { first_name: "Grace", phone_number: ["+15555550123"] });
    expect(ada.id).toMatch(/^user_/);
    expect(await run("users.get", { user_id: ada.id })).toMatchObject({ id: ada.id, username: "ada" });

    const first = await run("users.list", { order_by: "+first_name", limit: 1 });
    expect(first).toMatchObject({ total_count: 2, hasMore: true, data: [{ first_name: "Ada" }] });
    const byPhone = await run("users.list", { phone_number: ["+15555550123"] });
    expect(byPhone.data.map((u) => u.first_name)).toEqual(["Grace"]);
    expect(await run("users.list", { query: "ada@" })).toMatchObject({ total_count: 1, hasMore: false });
    expect(await run("users.count", {})).toEqual({ object: "total_count", total_count: 2 });
  });

  test("pagination: offset pages, hasMore, and the --all stream", async () => {
    for (const name of ["a", "b", "c"]) await create(`${name}@example.com`);
    expect(await run("users.list", { limit: 2 })).toMatchObject({ total_count: 3, hasMore: true });
    const last = await run("users.list", { limit: 2, offset: 2 });
    expect(last).toMatchObject({ total_count: 3, hasMore: false });
    expect(last.data).toHaveLength(1);
    expect(await all("users.list")).toHaveLength(3);
  });

  test("update, metadata merge and replace, ban/unban, lock/unlock, verify-password", async () => {
    const user = await create("m@example.com", { password: "correct horse battery" });
    expect(await run("users.update", { user_id: user.id, last_name: "Lovelace" })).toMatchObject({
      last_name: "Lovelace",
    });
    await run("users.metadata", { user_id: user.id, public_metadata: '{"plan":"pro","seats":2}' });
    const merged = await run("users.metadata", { user_id: user.id, public_metadata: { seats: null, team: "a" } });
    expect(merged.public_metadata).toEqual({ plan: "pro", team: "a" });
    const replaced = await run("users.metadata", { user_id: user.id, public_metadata: {}, replace: true });
    expect(replaced.public_metadata).toEqual({});

    expect(await run("users.ban", { user_id: user.id })).toMatchObject({ banned: true });
    expect(await run("users.list", { banned: true })).toMatchObject({ total_count: 1 });
    expect(await run("users.unban", { user_id: user.id })).toMatchObject({ banned: false });
    expect(await run("users.lock", { user_id: user.id })).toMatchObject({ locked: true });
    expect(await run("users.unlock", { user_id: user.id })).toMatchObject({ locked: false });

    const password = "correct horse battery";
    expect(await run("users.verify-password", { user_id: user.id, password })).toEqual({ verified: true });
    const wrong = await run("users.verify-password", { user_id: user.id, password: "nope nope" }).catch((e) => e);
    expect(wrong).toBeInstanceOf(ClerkApiError);
    expect(wrong).toMatchObject({ status: 422, errors: [{ meta: { param_name: "password" } }] });
  });

  test("emails and phones add and remove", async () => {
    const user = await create("one@example.com");
    const email = await run("users.emails.add", { user_id: user.id, email_address: "two@example.com" });
    const phone = await run("users.phones.add", { user_id: user.id, phone_number: "+15555550100" });
    const withBoth = await run("users.get", { user_id: user.id });
    expect(withBoth.email_addresses).toHaveLength(2);
    expect(withBoth.phone_numbers).toHaveLength(1);
    expect(await run("users.emails.remove", { email_address_id: email.id })).toMatchObject({ deleted: true });
    expect(await run("users.phones.remove", { phone_number_id: phone.id })).toMatchObject({ deleted: true });
    expect((await run("users.get", { user_id: user.id })).email_addresses).toHaveLength(1);
  });

  test("delete, then get answers Clerk's 404", async () => {
    const user = await create("gone@example.com");
    expect(await run("users.delete", { user_id: user.id })).toMatchObject({ id: user.id, deleted: true });
    const missing = await run("users.get", { user_id: user.id }).catch((e) => e);
    expect(missing).toMatchObject({ status: 404 });
    expect(await run("users.count", {})).toMatchObject({ total_count: 0 });
  });

  test("input is validated by the action's schema before any request", async () => {
    await expect(run("users.list", { limit: 0 })).rejects.toBeInstanceOf(ZodError);
    await expect(run("users.list", { limit: 501 })).rejects.toBeInstanceOf(ZodError);
    await expect(run("users.get", { user_id: ".." })).rejects.toThrow(/give the user id as Clerk shows it/);
    await expect(run("users.metadata", { user_id: "user_1", public_metadata: "[1]" })).rejects.toThrow(
      /must be a JSON object/,
    );
  });
});
