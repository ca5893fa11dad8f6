import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

interface Rule {
  id: string;
  expression: string;
  action: string;
  description: string;
  position: number;
  created_at: number;
  updated_at: number;
}
interface Page {
  rules: Rule[];
  nextPageToken: string | null;
}
interface ClerkErrors {
  errors: { code: string; message: string; long_message: string; meta?: Record<string, unknown> }[];
}

const rules = (ruleset: string) => `/protect/rulesets/${ruleset}/rules`;
const add = (ruleset: string, body: Record<string, unknown>) =>
  expectJson<Rule>(sandbox.bapi("POST", rules(ruleset), { action: "BLOCK", ...body }));
const list = async (ruleset: string, query = "") => {
  const res = await sandbox.bapi("GET", `${rules(ruleset)}${query}`);
  expect(res.status).toBe(200);
  return { page: (await res.json()) as Page, etag: res.headers.get("etag") as string };
};
const order = async (ruleset: string) => (await list(ruleset)).page.rules.map((r) => [r.position, r.description]);

describe("Protect schema", () => {
  test("every event lists its fields, objects down to STRING/INTEGER/FLOAT/BOOLEAN leaves", async () => {
    const schema = await expectJson<{
      events: Record<string, { name: string; kind: string; type: string; fields: Record<string, never> }>;
    }>(sandbox.bapi("GET", "/protect/schema"));
    expect(Object.keys(schema.events)).toEqual(["SIGN_IN", "SIGN_UP", "SMS", "EMAIL"]);
    const leaf = (event: string, path: string) =>
      path
        .split(".")
        .reduce<{ fields?: Record<string, unknown>; type?: string }>(
          (node, name) => (node.fields?.[name] ?? {}) as never,
          schema.events[event] as never,
        ).type;
    for (const event of ["SIGN_IN", "SIGN_UP", "SMS", "EMAIL"]) {
      expect(schema.events[event]).toMatchObject({ name: event, kind: "EVENT" });
      expect(leaf(event, "ip.address")).toBe("STRING");
      expect(leaf(event, "ip.privacy.is_vpn")).toBe("BOOLEAN");
      expect(leaf(event, "ip.privacy.is_datacenter")).toBe("BOOLEAN");
      expect(leaf(event, "ip.privacy.is_proxy")).toBe("BOOLEAN");
      expect(leaf(event, "ip.geo.country_code")).toBe("STRING");
      expect(leaf(event, "ip.asn.number")).toBe("INTEGER");
      expect(leaf(event, "botScore.risk")).toBe("FLOAT");
    }
    expect(leaf("SIGN_UP", "phoneNumber.country_code")).toBe("STRING");
    expect(leaf("SMS", "phoneNumber.country_code")).toBe("STRING");
    expect(leaf("SIGN_IN", "phoneNumber.country_code")).toBeUndefined();
    expect(schema.events.SIGN_IN?.fields).toHaveProperty("ip", expect.objectContaining({ kind: "OBJECT", type: "IP" }));
  });
});

describe("Protect rules over HTTP", () => {
  test("rules are added at the end or at a position, listed in order, edited, moved and deleted", async () => {
    const first = await add("SIGN_IN", { expression: "ip.privacy.is_vpn == true", description: "vpn" });
    expect(first).toEqual({
      id: expect.stringMatching(/^rule_[A-Za-z0-9]{27}$/),
      expression: "ip.privacy.is_vpn == true",
      action: "BLOCK",
      description: "vpn",
      position: 0,
      created_at: expect.any(Number),
      updated_at: expect.any(Number),
    });
    await add("SIGN_IN", { expression: "botScore.risk > 0.9", description: "bots", action: "CHALLENGE" });
    await add("SIGN_IN", { expression: 'ip.geo.country_code == "KP"', description: "north korea", position: 0 });
    const noDescription = await add("SIGN_IN", { expression: "ip.privacy.is_tor", position: 1 });
    expect(noDescription.description).toBe("");
    expect(await order("SIGN_IN")).toEqual([
      [0, "north korea"],
      [1, ""],
      [2, "vpn"],
      [3, "bots"],
    ]);

    const edited = await expectJson<Rule>(
      sandbox.bapi("PUT", `${rules("SIGN_IN")}/${first.id}`, { action: "CHALLENGE", position: 0 }),
    );
    expect(edited).toMatchObject({ expression: "ip.privacy.is_vpn == true", action: "CHALLENGE", position: 0 });
    expect(edited.updated_at).toBeGreaterThanOrEqual(first.updated_at);
    expect(await order("SIGN_IN")).toEqual([
      [0, "vpn"],
      [1, "north korea"],
      [2, ""],
      [3, "bots"],
    ]);
    const reworded = await expectJson<Rule>(
      sandbox.bapi("PUT", `${rules("SIGN_IN")}/${first.id}`, { expression: "ip.privacy.is_vpn", description: null }),
    );
    expect(reworded).toMatchObject({ expression: "ip.privacy.is_vpn", description: "", action: "CHALLENGE" });

    expect(await expectJson(sandbox.bapi("DELETE", `${rules("SIGN_IN")}/${noDescription.id}`))).toEqual({
      id: noDescription.id,
      deleted: true,
    });
    expect(await order("SIGN_IN")).toEqual([
      [0, ""],
      [1, "north korea"],
      [2, "bots"],
    ]);
    const gone = await expectJson<ClerkErrors>(sandbox.bapi("DELETE", `${rules("SIGN_IN")}/${noDescription.id}`), 404);
    expect(gone.errors[0]?.code).toBe("resource_not_found");
    await expectJson(sandbox.bapi("PUT", `${rules("SIGN_IN")}/rule_missing`, { action: "ALLOW" }), 404);
    // Rulesets are separate: the rule is not in SIGN_UP.
    await expectJson(sandbox.bapi("DELETE", `${rules("SIGN_UP")}/${first.id}`), 404);
  });

  test("lists page with limit and nextPageToken (the last rule of the page)", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await add("EMAIL", { expression: `email.sent_last_hour > ${i}` })).id);
    const first = (await list("EMAIL", "?limit=2")).page;
    expect(first.rules.map((r) => r.id)).toEqual(ids.slice(0, 2));
    expect(first.nextPageToken).toBe(ids[1]);
    const second = (await list("EMAIL", `?limit=2&after=${first.nextPageToken}`)).page;
    expect(second.rules.map((r) => r.id)).toEqual(ids.slice(2, 4));
    const last = (await list("EMAIL", `?limit=2&after=${second.nextPageToken}`)).page;
    expect(last).toEqual({ rules: [expect.objectContaining({ id: ids[4] })], nextPageToken: null });
    const bad = await expectJson<ClerkErrors>(sandbox.bapi("GET", `${rules("EMAIL")}?after=rule_nope`), 422);
    expect(bad.errors[0]?.meta?.param_name).toBe("after");
    await expectJson(sandbox.bapi("GET", `${rules("EMAIL")}?limit=0`), 422);
  });

  test("expressions are checked against the ruleset's schema: 422 with the position of the problem", async () => {
    const invalid = async (ruleset: string, expression: string) => {
      type Invalid = { errors: { long_message: string; meta: { reason: string; position: Record<string, number> } }[] };
      const body = await expectJson<Invalid>(
        sandbox.bapi("POST", rules(ruleset), { expression, action: "BLOCK" }),
        422,
      );
      expect(body.errors[0]).toMatchObject({ code: "form_param_format_invalid", meta: { param_name: "expression" } });
      return body.errors[0] as Invalid["errors"][number];
    };
    const unknown = await invalid("SIGN_IN", "ip.privacy.is_vpn == true && ip.privacy.is_vnp == true");
    expect(unknown.meta).toMatchObject({
      reason: "unknown_field",
      position: { start: 40, end: 46, line: 1, column: 41 },
    });
    expect(unknown.long_message).toContain("unknown field ip.privacy.is_vnp");
    expect(unknown.long_message).toContain("is_vpn, is_proxy, is_datacenter");

    const wrongType = await invalid("SIGN_UP", 'ip.asn.number == "13335"');
    expect(wrongType.meta.reason).toBe("type_mismatch");
    expect(wrongType.long_message).toContain("INTEGER == STRING");

    const notBoolean = await invalid("SMS", "botScore.risk");
    expect(notBoolean.meta).toMatchObject({ reason: "not_boolean", position: { start: 0, end: 13 } });
    expect(notBoolean.long_message).toContain("must be BOOLEAN");

    const syntax = await invalid("SIGN_IN", "ip.privacy.is_vpn ==\n  ");
    expect(syntax.meta).toMatchObject({ reason: "syntax", position: { line: 2 } });

    // ALL runs on every event, so it only has the fields every event has.
    expect((await invalid("ALL", 'phoneNumber.country_code == "RU"')).meta.reason).toBe("unknown_field");
    await add("ALL", { expression: "ip.privacy.is_datacenter && botScore.risk > 0.5" });
    await add("SMS", { expression: 'phoneNumber.country_code in ["RU", "CN"]' });

    const badAction = await expectJson<ClerkErrors>(
      sandbox.bapi("POST", rules("SIGN_IN"), { expression: "ip.privacy.is_tor", action: "DENY" }),
      422,
    );
    expect(badAction.errors[0]?.meta?.param_name).toBe("action");
    const missing = await expectJson<ClerkErrors>(sandbox.bapi("POST", rules("SIGN_IN"), { action: "BLOCK" }), 422);
    expect(missing.errors[0]).toMatchObject({ code: "form_param_missing", meta: { param_name: "expression" } });
    const far = await expectJson<ClerkErrors>(
      sandbox.bapi("POST", rules("SIGN_IN"), { expression: "ip.privacy.is_tor", action: "BLOCK", position: 3 }),
      422,
    );
    expect(far.errors[0]?.long_message).toBe("position must be between 0 and 0.");
    const edit = await expectJson<ClerkErrors>(
      sandbox.bapi("PUT", `${rules("SMS")}/${(await list("SMS")).page.rules[0]?.id}`, { expression: "sms" }),
      422,
    );
    expect(edit.errors[0]?.meta?.reason).toBe("not_boolean");
    const unknownRuleset = await expectJson<ClerkErrors>(sandbox.bapi("GET", rules("LOGIN")), 404);
    expect(unknownRuleset.errors[0]?.long_message).toContain("ALL, SIGN_IN, SIGN_UP, SMS, EMAIL");
  });

  test("reordering needs the current ETag: a stale one is refused with 412 and changes nothing", async () => {
    const a = await add("SIGN_UP", { expression: "ip.privacy.is_vpn", description: "a" });
    const b = await add("SIGN_UP", { expression: "emailAddress.is_disposable", description: "b" });
    const c = await add("SIGN_UP", { expression: "botScore.risk > 0.8", description: "c" });
    const { etag } = await list("SIGN_UP");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect((await list("SIGN_UP")).etag).toBe(etag);

    const reorder = (ids: string[], ifMatch?: string) =>
      sandbox.bapi("PATCH", "/protect/rulesets/SIGN_UP", { rule_ids: ids }, ifMatch ? { "if-match": ifMatch } : {});
    const response = await reorder([c.id, a.id, b.id], etag);
    expect(response.status).toBe(200);
    const reordered = (await response.json()) as Page;
    expect(reordered.rules.map((r) => [r.position, r.description])).toEqual([
      [0, "c"],
      [1, "a"],
      [2, "b"],
    ]);
    const fresh = response.headers.get("etag") as string;
    expect(fresh).not.toBe(etag);
    expect((await list("SIGN_UP")).etag).toBe(fresh);

    // Someone else's view from before the reorder.
    const stale = await expectJson<ClerkErrors>(reorder([b.id, c.id, a.id], etag), 412);
    expect(stale.errors[0]).toMatchObject({ code: "precondition_failed" });
    expect(await order("SIGN_UP")).toEqual([
      [0, "c"],
      [1, "a"],
      [2, "b"],
    ]);
    // Any write moves the ETag: an edit makes the fresh one stale too.
    await expectJson(sandbox.bapi("PUT", `${rules("SIGN_UP")}/${a.id}`, { description: "a2" }));
    await expectJson(reorder([a.id, b.id, c.id], fresh), 412);

    const current = (await list("SIGN_UP")).etag;
    await expectJson(reorder([a.id, b.id], current), 422);
    await expectJson(reorder([a.id, a.id, b.id], current), 422);
    const missingHeader = await expectJson<ClerkErrors>(reorder([a.id, b.id, c.id]), 428);
    expect(missingHeader.errors[0]?.code).toBe("precondition_required");
    await expectJson(reorder([a.id, b.id, c.id], `W/${current}`));
    expect(await order("SIGN_UP")).toEqual([
      [0, "a2"],
      [1, "b"],
      [2, "c"],
    ]);
  });

  test("flushing a ruleset deletes its rules only; rules belong to their instance", async () => {
    await add("SIGN_IN", { expression: "ip.privacy.is_vpn" });
    await add("SIGN_IN", { expression: "ip.privacy.is_proxy" });
    await add("SIGN_UP", { expression: "ip.privacy.is_proxy" });
    const production = { authorization: `Bearer ${sandbox.credentials.production.secret_key}` };
    expect((await expectJson<Page>(sandbox.bapi("GET", rules("SIGN_IN"), undefined, production))).rules).toEqual([]);

    expect(await expectJson(sandbox.bapi("DELETE", rules("SIGN_IN")))).toEqual({
      ruleset: "SIGN_IN",
      deleted_count: 2,
    });
    expect((await list("SIGN_IN")).page.rules).toEqual([]);
    expect((await list("SIGN_UP")).page.rules).toHaveLength(1);
    expect(await expectJson(sandbox.bapi("DELETE", rules("SIGN_IN")))).toEqual({
      ruleset: "SIGN_IN",
      deleted_count: 0,
    });
  });
});
