import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type User = {
  id: string;
  primary_email_address_id: string | null;
  primary_phone_number_id: string | null;
  email_addresses: { id: string; email_address: string }[];
  phone_numbers: { id: string; phone_number: string; default_second_factor: boolean }[];
};
type Identifier = {
  id: string;
  object: string;
  reserved: boolean;
  verification: { status: string; strategy: string } | null;
  reserved_for_second_factor?: boolean;
  default_second_factor?: boolean;
};
type Verification = {
  id: string;
  object: string;
  status: string;
  strategy: string;
  attempts: number;
  channel: string | null;
};
type Errors = { errors: { code: string; meta?: { param_name?: string } }[] };

async function createUser(body: Record<string, unknown>): Promise<User> {
  return expectJson<User>(await sandbox.bapi("POST", "/users", body));
}

async function getUser(id: string): Promise<User> {
  return expectJson<User>(await sandbox.bapi("GET", `/users/${id}`));
}

describe("email addresses over HTTP", () => {
  test("create, read, verify by admin, make primary, search by it", async () => {
    const user = await createUser({ email_address: ["first@example.com"] });
    const created = await expectJson<Identifier>(
      await sandbox.bapi("POST", "/email_addresses", { user_id: user.id, email_address: "second@example.com" }),
    );
    expect(created).toMatchObject({ object: "email_address", email_address: "second@example.com", verification: null });
    expect(await expectJson(await sandbox.bapi("GET", `/email_addresses/${created.id}`))).toEqual(created);
    expect((await getUser(user.id)).primary_email_address_id).toBe(user.primary_email_address_id);

    const verified = await expectJson<Identifier>(
      await sandbox.bapi("PATCH", `/email_addresses/${created.id}`, { verified: true, primary: true }),
    );
    expect(verified.verification).toMatchObject({ status: "verified", strategy: "admin" });
    expect((await getUser(user.id)).primary_email_address_id).toBe(created.id);
    const found = await expectJson<{ id: string }[]>(await sandbox.bapi("GET", "/users?query=second@"));
    expect(found.map((u) => u.id)).toEqual([user.id]);

    const third = await expectJson<Identifier>(
      await sandbox.bapi("POST", "/email_addresses", {
        user_id: user.id,
        email_address: "third@example.com",
        verified: true,
        primary: true,
      }),
    );
    expect((await getUser(user.id)).primary_email_address_id).toBe(third.id);
  });

  test("deleting the primary falls back to the oldest remaining address", async () => {
    const user = await createUser({ email_address: ["a@example.com"] });
    const first = user.primary_email_address_id as string;
    await sandbox.control("clock", { advance_ms: 1 });
    const second = (
      await expectJson<Identifier>(
        await sandbox.bapi("POST", "/email_addresses", { user_id: user.id, email_address: "b@example.com" }),
      )
    ).id;
    await sandbox.control("clock", { advance_ms: 1 });
    const third = (
      await expectJson<Identifier>(
        await sandbox.bapi("POST", "/email_addresses", {
          user_id: user.id,
          email_address: "c@example.com",
          verified: true,
          primary: true,
        }),
      )
    ).id;
    const deleted = await expectJson(await sandbox.bapi("DELETE", `/email_addresses/${third}`));
    expect(deleted).toEqual({ object: "email_address", id: third, deleted: true });
    const after = await getUser(user.id);
    expect(after.primary_email_address_id).toBe(first);
    expect(after.email_addresses.map((e) => e.email_address)).toEqual(["a@example.com", "b@example.com"]);
    await expectJson(await sandbox.bapi("GET", `/email_addresses/${third}`), 404);
    await expectJson(await sandbox.bapi("DELETE", `/email_addresses/${first}`));
    expect((await getUser(user.id)).primary_email_address_id).toBe(second);
    await expectJson(await sandbox.bapi("DELETE", `/email_addresses/${second}`));
    expect((await getUser(user.id)).primary_email_address_id).toBeNull();
  });

  test("code verification: 424242 verifies, wrong codes count, three wrong codes fail it", async () => {
    const user = await createUser({ email_address: ["otp@example.com"] });
    const email = await expectJson<Identifier>(
      await sandbox.bapi("POST", "/email_addresses", { user_id: user.id, email_address: "new@example.com" }),
    );
    const prepared = await expectJson<Verification>(
      await sandbox.bapi("POST", `/email_addresses/${email.id}/prepare_verification`),
    );
    expect(prepared).toMatchObject({ status: "unverified", strategy: "email_code", attempts: 0, channel: null });
    const attempt = (code: string, id = prepared.id) =>
      sandbox.bapi("POST", `/email_addresses/${email.id}/attempt_verification`, { verification_id: id, code });

    expect(await expectJson<Verification>(await attempt("000000"))).toMatchObject({
      status: "unverified",
      attempts: 1,
    });
    expect(await expectJson<Verification>(await attempt("424242"))).toMatchObject({ status: "verified", attempts: 2 });
    const verified = await expectJson<Identifier>(await sandbox.bapi("GET", `/email_addresses/${email.id}`));
    expect(verified.verification).toMatchObject({ status: "verified", strategy: "email_code" });
    const again = await expectJson<Errors>(await attempt("424242"), 400);
    expect(again.errors[0]?.code).toBe("verification_already_verified");

    const second = await expectJson<Verification>(
      await sandbox.bapi("POST", `/email_addresses/${email.id}/prepare_verification`),
    );
    for (const attempts of [1, 2]) {
      expect(await expectJson<Verification>(await attempt("1", second.id))).toMatchObject({
        status: "unverified",
        attempts,
      });
    }
    expect(await expectJson<Verification>(await attempt("1", second.id))).toMatchObject({
      status: "failed",
      attempts: 3,
    });
    expect(await expectJson<Verification>(await attempt("424242", second.id))).toMatchObject({ status: "failed" });

    await expectJson(await attempt("424242", "ver_missing"), 404);
    await expectJson(
      await sandbox.bapi("POST", `/email_addresses/${email.id}/attempt_verification`, { code: "424242" }),
      422,
    );
  });

  test("a code expires after ten minutes", async () => {
    const user = await createUser({ email_address: ["late@example.com"] });
    const emailId = user.email_addresses[0]?.id as string;
    const prepared = await expectJson<Verification>(
      await sandbox.bapi("POST", `/email_addresses/${emailId}/prepare_verification`),
    );
    await sandbox.control("clock", { advance_ms: 10 * 60 * 1000 });
    const late = await expectJson<Verification>(
      await sandbox.bapi("POST", `/email_addresses/${emailId}/attempt_verification`, {
        verification_id: prepared.id,
        code: "424242",
      }),
    );
    expect(late).toMatchObject({ status: "expired", attempts: 0 });
  });

  test("replace a user's email addresses with one primary address", async () => {
    const user = await createUser({ email_address: ["old1@example.com", "old2@example.com"] });
    const replaced = await expectJson<Identifier & { email_address: string }>(
      await sandbox.bapi("PUT", `/users/${user.id}/email_address`, { email_address: "fresh@example.com" }),
    );
    expect(replaced.verification).toMatchObject({ status: "verified", strategy: "admin" });
    const after = await getUser(user.id);
    expect(after.email_addresses.map((e) => e.id)).toEqual([replaced.id]);
    expect(after.primary_email_address_id).toBe(replaced.id);

    const reserved = await expectJson<Identifier>(
      await sandbox.bapi("PUT", `/users/${user.id}/email_address`, {
        email_address: "FRESH@example.com",
        identification_status: "reserved",
      }),
    );
    expect(reserved.id).toBe(replaced.id);
    expect(reserved).toMatchObject({ reserved: true, verification: null });
    // The old addresses are free again.
    await createUser({ email_address: ["old1@example.com"] });
  });

  test("errors: unknown user, taken address, bad format", async () => {
    const user = await createUser({ email_address: ["taken@example.com"] });
    await expectJson(
      await sandbox.bapi("POST", "/email_addresses", { user_id: "user_missing", email_address: "x@example.com" }),
      404,
    );
    const taken = await expectJson<Errors>(
      await sandbox.bapi("POST", "/email_addresses", { user_id: user.id, email_address: "TAKEN@example.com" }),
      422,
    );
    expect(taken.errors[0]).toMatchObject({ code: "form_identifier_exists", meta: { param_name: "email_address" } });
    const bad = await expectJson<Errors>(
      await sandbox.bapi("POST", "/email_addresses", { user_id: user.id, email_address: "not-an-email" }),
      422,
    );
    expect(bad.errors[0]?.code).toBe("form_param_format_invalid");
    await expectJson(
      await sandbox.bapi("PUT", "/users/user_missing/email_address", { email_address: "y@example.com" }),
      404,
    );
    await expectJson(await sandbox.bapi("PATCH", "/email_addresses/idn_missing", { verified: true }), 404);
  });
});

describe("phone numbers over HTTP", () => {
  test("create, second factor defaults, primary, delete", async () => {
    const user = await createUser({ email_address: ["phone@example.com"] });
    const first = await expectJson<Identifier & { phone_number: string }>(
      await sandbox.bapi("POST", "/phone_numbers", {
        user_id: user.id,
        phone_number: "+1 (555) 010-0001",
        verified: true,
        reserved_for_second_factor: true,
      }),
    );
    expect(first).toMatchObject({
      object: "phone_number",
      phone_number: "+15550100001",
      reserved_for_second_factor: true,
      default_second_factor: true,
    });
    const second = await expectJson<Identifier>(
      await sandbox.bapi("POST", "/phone_numbers", {
        user_id: user.id,
        phone_number: "+15550100002",
        verified: true,
        reserved_for_second_factor: true,
        primary: true,
      }),
    );
    expect(second).toMatchObject({ reserved_for_second_factor: true, default_second_factor: false });
    expect((await getUser(user.id)).primary_phone_number_id).toBe(second.id);

    const unreserved = await expectJson<Identifier>(
      await sandbox.bapi("PATCH", `/phone_numbers/${first.id}`, { reserved_for_second_factor: false }),
    );
    expect(unreserved).toMatchObject({ reserved_for_second_factor: false, default_second_factor: false });
    expect(await expectJson<Identifier>(await sandbox.bapi("GET", `/phone_numbers/${second.id}`))).toMatchObject({
      default_second_factor: true,
    });

    expect(await expectJson(await sandbox.bapi("DELETE", `/phone_numbers/${second.id}`))).toEqual({
      object: "phone_number",
      id: second.id,
      deleted: true,
    });
    expect((await getUser(user.id)).primary_phone_number_id).toBe(first.id);
  });

  test("unverified numbers cannot be second factors", async () => {
    const user = await createUser({ email_address: ["mfa@example.com"] });
    const create = await expectJson<Errors>(
      await sandbox.bapi("POST", "/phone_numbers", {
        user_id: user.id,
        phone_number: "+15550100003",
        reserved_for_second_factor: true,
      }),
      400,
    );
    expect(create.errors[0]?.code).toBe("identification_create_second_factor_unverified");
    const phone = await expectJson<Identifier>(
      await sandbox.bapi("POST", "/phone_numbers", { user_id: user.id, phone_number: "+15550100003" }),
    );
    const update = await expectJson<Errors>(
      await sandbox.bapi("PATCH", `/phone_numbers/${phone.id}`, { reserved_for_second_factor: true }),
      400,
    );
    expect(update.errors[0]?.code).toBe("identification_update_second_factor_unverified");
    const both = await expectJson<Identifier>(
      await sandbox.bapi("PATCH", `/phone_numbers/${phone.id}`, { verified: true, reserved_for_second_factor: true }),
    );
    expect(both).toMatchObject({ reserved_for_second_factor: true, default_second_factor: true });
  });

  test("SMS code verification and replacement", async () => {
    const user = await createUser({ email_address: ["sms@example.com"] });
    const phone = await expectJson<Identifier>(
      await sandbox.bapi("POST", "/phone_numbers", { user_id: user.id, phone_number: "+15550100004" }),
    );
    const prepared = await expectJson<Verification>(
      await sandbox.bapi("POST", `/phone_numbers/${phone.id}/prepare_verification`),
    );
    expect(prepared).toMatchObject({ strategy: "phone_code", channel: "sms", status: "unverified" });
    // A verification belongs to its own identifier.
    const email = user.email_addresses[0]?.id as string;
    await expectJson(
      await sandbox.bapi("POST", `/email_addresses/${email}/attempt_verification`, {
        verification_id: prepared.id,
        code: "424242",
      }),
      404,
    );
    await expectJson(
      await sandbox.bapi("POST", `/phone_numbers/${phone.id}/attempt_verification`, {
        verification_id: prepared.id,
        code: "424242",
      }),
    );
    expect(await expectJson<Identifier>(await sandbox.bapi("GET", `/phone_numbers/${phone.id}`))).toMatchObject({
      verification: { status: "verified", strategy: "phone_code" },
    });

    const replaced = await expectJson<Identifier & { phone_number: string }>(
      await sandbox.bapi("PUT", `/users/${user.id}/phone_number`, {
        phone_number: "+15550100005",
        identification_status: "unverified",
      }),
    );
    expect(replaced).toMatchObject({ phone_number: "+15550100005", verification: null, reserved: false });
    const after = await getUser(user.id);
    expect(after.phone_numbers.map((p) => p.id)).toEqual([replaced.id]);
    expect(after.primary_phone_number_id).toBe(replaced.id);
  });

  test("errors: bad format, taken number, unknown ids", async () => {
    const user = await createUser({ phone_number: ["+15550100006"] });
    const bad = await expectJson<Errors>(
      await sandbox.bapi("POST", "/phone_numbers", { user_id: user.id, phone_number: "12" }),
      422,
    );
    expect(bad.errors[0]?.meta?.param_name).toBe("phone_number");
    const taken = await expectJson<Errors>(
      await sandbox.bapi("POST", "/phone_numbers", { user_id: user.id, phone_number: "+15550100006" }),
      422,
    );
    expect(taken.errors[0]?.code).toBe("form_identifier_exists");
    await expectJson(await sandbox.bapi("GET", "/phone_numbers/idn_missing"), 404);
    await expectJson(await sandbox.bapi("POST", "/phone_numbers/idn_missing/prepare_verification"), 404);
  });
});
