import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

const { clerk, sandbox } = useCliSandbox();

interface Entry {
  object: string;
  id: string;
  identifier: string;
  identifier_type: string;
  invitation_id?: string;
}

async function ok<T>(args: string[]): Promise<T> {
  const result = await clerk([...args, "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<T>();
}

async function usage(args: string[]): Promise<string> {
  const result = await clerk(args);
  expect(result.code, result.stdout).toBe(2);
  return JSON.parse(result.stderr).error.message as string;
}

describe("clerk restrictions", () => {
  test("add to either list; list shows both with a LIST column; remove finds the list from the id", async () => {
    const allowed = await ok<Entry>(["restrictions", "add", "*@example.com", "--allow"]);
    expect(allowed).toMatchObject({ object: "allowlist_identifier", identifier: "*@example.com" });
    expect(allowed.id).toMatch(/^alid_/);
    await sandbox.control("clock", { advance_ms: 10 });
    const invited = await ok<Entry>(["restrictions", "add", "friend@partner.example", "--allow", "--notify"]);
    expect(invited.invitation_id).toMatch(/^inv_/);
    const blocked = await ok<Entry>(["restrictions", "add", "+1 555 010 0009", "--block"]);
    expect(blocked).toMatchObject({
      object: "blocklist_identifier",
      identifier: "+15550100009",
      identifier_type: "phone_number",
    });
    expect(blocked.id).toMatch(/^blid_/);

    const both = await ok<{ data: Entry[]; total_count: number }>(["restrictions", "list"]);
    expect(both.total_count).toBe(3);
    expect(both.data.map((e) => e.id)).toEqual([invited.id, allowed.id, blocked.id]);
    const blockOnly = await ok<{ data: Entry[] }>(["restrictions", "list", "--list", "block"]);
    expect(blockOnly.data.map((e) => e.id)).toEqual([blocked.id]);
    const table = await clerk(["restrictions", "list"]);
    expect(table.stdout).toMatch(/LIST\s+ID\s+IDENTIFIER\s+TYPE\s+INVITATION\s+CREATED/);
    expect(table.stdout).toMatch(/allow\s+alid_\S+\s+friend@partner\.example\s+email_address\s+inv_/);
    expect(table.stdout).toMatch(/block\s+blid_\S+\s+\+15550100009\s+phone_number/);
    expect(table.stdout).toContain("3 identifiers");

    // Unasked off a terminal, as in the Go CLI (`remove`, also `rm`).
    for (const [entry, verb] of [
      [blocked, "remove"],
      [allowed, "rm"],
    ] as const) {
      expect(await ok(["restrictions", verb, entry.id])).toEqual({
        object: entry.object,
        id: entry.id,
        deleted: true,
      });
    }
    const left = await ok<{ data: Entry[] }>(["restrictions", "list"]);
    expect(left.data.map((e) => e.id)).toEqual([invited.id]);

    const missing = await clerk(["restrictions", "remove", "alid_missing", "--yes"]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr).error).toMatchObject({ status: 404, code: "resource_not_found" });
  });

  test("usage errors name the fix; Clerk's errors pass through", async () => {
    expect(await usage(["restrictions", "add", "a@example.com"])).toBe("give exactly one of --allow or --block");
    expect(await usage(["restrictions", "add", "a@example.com", "--allow", "--block"])).toBe(
      "give exactly one of --allow or --block",
    );
    expect(await usage(["restrictions", "add", "a@example.com", "--block", "--notify"])).toBe(
      "--notify: only applies to --allow",
    );
    expect(await usage(["restrictions", "remove", "idn_2abc", "--yes"])).toContain("alid_");
    expect(await usage(["restrictions", "list", "--list", "deny"])).toContain("--list");

    await ok(["restrictions", "add", "*@spam.example", "--block"]);
    const duplicate = await clerk(["restrictions", "add", "*@SPAM.example", "--block"]);
    expect(duplicate.code).toBe(1);
    expect(JSON.parse(duplicate.stderr).error.code).toBe("duplicate_record");
    const invalid = await clerk(["restrictions", "add", "not an identifier", "--allow"]);
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stderr).error).toMatchObject({ status: 422, param_name: "identifier" });
  });

  test("the Go CLI's @domain is Clerk's *@domain", async () => {
    const domain = await ok<Entry>(["restrictions", "add", "@spam-domain.example", "--block"]);
    expect(domain).toMatchObject({
      object: "blocklist_identifier",
      identifier: "*@spam-domain.example",
      identifier_type: "email_address",
    });
    const allowed = await ok<Entry>(["restrictions", "add", "@partner.example", "--allow"]);
    expect(allowed.identifier).toBe("*@partner.example");
    const duplicate = await clerk(["restrictions", "add", "*@spam-domain.example", "--block"]);
    expect(JSON.parse(duplicate.stderr).error.code).toBe("duplicate_record");
  });
});
