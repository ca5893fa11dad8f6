import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run } = useActionSandbox();

/** The code the sandbox "sends" for every code verification. */
const CODE = "424242";

describe("users emails and phones: code verification and replacement", () => {
  test("emails: prepare-verification sends a code, verify checks it; replace leaves one primary address", async () => {
    const ada = await run("users.create", { email_address: ["ada@example.com"] });
    const added = await run("users.emails.add", {
      user_id: ada.id,
      email_address: "ada@work.example",
      verified: false,
    });
    const prepared = await run("users.emails.prepare-verification", { identifier_id: added.id });
    expect(prepared).toMatchObject({ status: "unverified", strategy: "email_code", attempts: 0 });
    const wrong = await run("users.emails.verify", {
      identifier_id: added.id,
      verification_id: prepared.id,
      code: "000000",
    });
    expect(wrong).toMatchObject({ status: "unverified", attempts: 1 });
    expect(
      await run("users.emails.verify", { identifier_id: added.id, verification_id: prepared.id, code: CODE }),
    ).toMatchObject({ status: "verified" });
    expect(await run("users.emails.get", { identifier_id: added.id })).toMatchObject({
      verification: { status: "verified", strategy: "email_code" },
    });
    await expect(
      run("users.emails.verify", { identifier_id: added.id, verification_id: prepared.id, code: CODE }),
    ).rejects.toMatchObject({ status: 400, errors: [{ code: "verification_already_verified" }] });

    const replaced = await run("users.emails.replace", { user_id: ada.id, email_address: "lovelace@example.com" });
    expect(replaced).toMatchObject({ email_address: "lovelace@example.com", verification: { status: "verified" } });
    const after = await run("users.get", { user_id: ada.id });
    expect(after.email_addresses.map((e) => e.id)).toEqual([replaced.id]);
    expect(after.primary_email_address_id).toBe(replaced.id);
  });

  test("phones: the same over SMS; replace as reserved; the action's input checks", async () => {
    const ada = await run("users.create", { email_address: ["ada@example.com"] });
    const phone = await run("users.phones.add", { user_id: ada.id, phone_number: "+15550100004", verified: false });
    const prepared = await run("users.phones.prepare-verification", { identifier_id: phone.id });
    expect(prepared).toMatchObject({ strategy: "phone_code", channel: "sms", status: "unverified" });
    expect(
      await run("users.phones.verify", { identifier_id: phone.id, verification_id: prepared.id, code: CODE }),
    ).toMatchObject({ status: "verified" });

    const replaced = await run("users.phones.replace", {
      user_id: ada.id,
      phone_number: "+15550100005",
      identification_status: "reserved",
    });
    expect(replaced).toMatchObject({ phone_number: "+15550100005", reserved: true });
    expect((await run("users.phones.list", { user_id: ada.id })).data.map((p) => p.id)).toEqual([replaced.id]);
    await expect(run("users.phones.replace", { user_id: ada.id, phone_number: "12" })).rejects.toMatchObject({
      status: 422,
    });
    await expect(
      run("users.phones.replace", {
        user_id: ada.id,
        phone_number: "+15550100006",
        identification_status: "maybe" as "reserved",
      }),
    ).rejects.toBeInstanceOf(ZodError);
  });
});
