import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

/** Entries created in one millisecond would order by id alone; a tick keeps creation order observable. */
async function tick(): Promise<void> {
  await sandbox.control("clock", { advance_ms: 1 });
}

type Entry = {
  id: string;
  object: string;
  identifier: string;
  identifier_type: string;
  instance_id: string;
  invitation_id?: string;
};
type Errors = { errors: { code: string; long_message: string; meta?: { param_name?: string } }[] };

describe("allowlist identifiers over HTTP", () => {
  test("identifier types are derived; duplicates are refused; list and delete", async () => {
    const add = async (identifier: string) => {
      await tick();
      return expectJson<Entry>(await sandbox.bapi("POST", "/allowlist_identifiers", { identifier }));
    };
    const email = await add("Ada@Example.com");
    const wildcard = await add("*@example.org");
    const phone = await add("+1 555 010 0001");
    const wallet = await add("0x52908400098527886E0F7030069857D2E4169EE7");
    expect(email).toMatchObject({
      object: "allowlist_identifier",
      identifier: "ada@example.com",
      identifier_type: "email_address",
    });
    expect(email.id).toMatch(/^alid_/);
    expect(email).not.toHaveProperty("invitation_id");
    expect(wildcard.identifier_type).toBe("email_address");
    expect(phone).toMatchObject({ identifier: "+15550100001", identifier_type: "phone_number" });
    expect(wallet.identifier_type).toBe("web3_wallet");

    const duplicate = await expectJson<Errors>(
      await sandbox.bapi("POST", "/allowlist_identifiers", { identifier: "ADA@example.com" }),
      400,
    );
    expect(duplicate.errors[0]).toMatchObject({
      code: "duplicate_record",
      long_message: "the identifier ada@example.com already exists",
    });
    const invalid = await expectJson<Errors>(
      await sandbox.bapi("POST", "/allowlist_identifiers", { identifier: "not an identifier" }),
      422,
    );
    expect(invalid.errors[0]?.meta?.param_name).toBe("identifier");
    await expectJson(await sandbox.bapi("POST", "/allowlist_identifiers", {}), 422);

    const listed = await expectJson<Entry[]>(await sandbox.bapi("GET", "/allowlist_identifiers"));
    expect(listed.map((e) => e.id)).toEqual([wallet.id, phone.id, wildcard.id, email.id]);
    const page = await expectJson<{ data: Entry[]; total_count: number }>(
      await sandbox.bapi("GET", "/allowlist_identifiers?paginated=true&limit=2&offset=1"),
    );
    expect(page.total_count).toBe(4);
    expect(page.data.map((e) => e.id)).toEqual([phone.id, wildcard.id]);

    expect(await expectJson(await sandbox.bapi("DELETE", `/allowlist_identifiers/${email.id}`))).toEqual({
      object: "allowlist_identifier",
      id: email.id,
      deleted: true,
    });
    await expectJson(await sandbox.bapi("DELETE", `/allowlist_identifiers/${email.id}`), 404);
    await add("ada@example.com");
  });

  test("notify invites an allowlisted email address", async () => {
    const entry = await expectJson<Entry>(
      await sandbox.bapi("POST", "/allowlist_identifiers", { identifier: "invitee@example.com", notify: true }),
    );
    expect(entry.invitation_id).toMatch(/^inv_/);
    const invitations = await expectJson<{ id: string; email_address: string }[]>(
      await sandbox.bapi("GET", "/invitations"),
    );
    expect(invitations).toEqual([
      expect.objectContaining({ id: entry.invitation_id, email_address: "invitee@example.com" }),
    ]);
    const wildcard = await expectJson<Entry>(
      await sandbox.bapi("POST", "/allowlist_identifiers", { identifier: "*@invited.com", notify: true }),
    );
    expect(wildcard).not.toHaveProperty("invitation_id");
  });
});

describe("blocklist identifiers over HTTP", () => {
  test("always lists as {data, total_count}; duplicates refused; delete", async () => {
    const add = async (identifier: string) => {
      await tick();
      return expectJson<Entry>(await sandbox.bapi("POST", "/blocklist_identifiers", { identifier }));
    };
    const spam = await add("*@spam.example");
    const phone = await add("+15550100002");
    expect(spam).toMatchObject({ object: "blocklist_identifier", identifier_type: "email_address" });
    expect(spam.id).toMatch(/^blid_/);
    const listed = await expectJson<{ data: Entry[]; total_count: number }>(
      await sandbox.bapi("GET", "/blocklist_identifiers"),
    );
    expect(listed).toEqual({ data: [phone, spam], total_count: 2 });
    const paged = await expectJson<{ data: Entry[]; total_count: number }>(
      await sandbox.bapi("GET", "/blocklist_identifiers?limit=1&offset=1"),
    );
    expect(paged).toEqual({ data: [spam], total_count: 2 });

    const duplicate = await expectJson<Errors>(
      await sandbox.bapi("POST", "/blocklist_identifiers", { identifier: "*@SPAM.example" }),
      400,
    );
    expect(duplicate.errors[0]?.code).toBe("duplicate_record");
    // The two lists are independent.
    await expectJson(await sandbox.bapi("POST", "/allowlist_identifiers", { identifier: "*@spam.example" }));

    expect(await expectJson(await sandbox.bapi("DELETE", `/blocklist_identifiers/${spam.id}`))).toEqual({
      object: "blocklist_identifier",
      id: spam.id,
      deleted: true,
    });
    const missing = await expectJson<Errors>(await sandbox.bapi("DELETE", "/blocklist_identifiers/blid_missing"), 404);
    expect(missing.errors[0]?.code).toBe("resource_not_found");
  });
});
