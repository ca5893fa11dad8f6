import { describe, expect, test } from "vitest";
import { MAX_JSON_DEPTH } from "../../http/json-depth";
import { expectJson, useSandbox } from "../testing/harness";

const sandbox = useSandbox();

interface ClerkErrors {
  errors: { code: string; message: string; long_message: string; meta?: { param_name?: string } }[];
  clerk_trace_id: string;
}

function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

function postRaw(path: string, body: string): Promise<Response> {
  return fetch(`${sandbox.apiUrl}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${sandbox.secretKey}`, "content-type": "application/json" },
    body,
  });
}

describe("numeric query parameters are validated before they reach SQLite", () => {
  test("an offset beyond 64-bit precision is Clerk's 422, not a 500 (datatype mismatch)", async () => {
    for (const offset of ["1e20", "99999999999999999999"]) {
      const body = await expectJson<ClerkErrors>(sandbox.bapi("GET", `/users?offset=${offset}`), 422);
      expect(body.errors[0]).toMatchObject({ code: "form_param_format_invalid", meta: { param_name: "offset" } });
      expect(body.errors[0]?.long_message).toContain("offset must be an integer");
    }
  });

  test("every list route shares the paging rules", async () => {
    for (const path of ["/organizations", "/invitations", "/jwt_templates", "/users?limit=1e2"]) {
      const query = path.includes("?") ? "" : "?offset=1e20";
      const response = await sandbox.bapi("GET", `${path}${query}`);
      expect(response.status, path).toBe(422);
    }
  });

  test("integer filters refuse exponents, fractions and huge values too", async () => {
    for (const query of [
      "created_at_after=1e20",
      "last_active_at_since=1.5",
      "created_at_before=123456789012345678901",
    ]) {
      const body = await expectJson<ClerkErrors>(sandbox.bapi("GET", `/users?${query}`), 422);
      expect(body.errors[0]?.meta?.param_name, query).toBe(query.split("=")[0]);
    }
    expect((await sandbox.bapi("GET", "/users?offset=%2B0&limit=5&created_at_after=-1")).status).toBe(200);
  });
});

describe("JSON bodies have a nesting limit", () => {
  test("metadata nested 10,000 deep is Clerk's 400, not a 500 (Maximum call stack size exceeded)", async () => {
    const body = await expectJson<ClerkErrors>(
      postRaw("/users", `{"email_address":["deep@example.com"],"public_metadata":${nested(10_000)}}`),
      400,
    );
    expect(body.errors[0]).toMatchObject({ code: "malformed_request" });
    expect(body.errors[0]?.long_message).toContain(`${MAX_JSON_DEPTH} levels`);
    expect(body.clerk_trace_id).toBeTruthy();
    const org = await postRaw("/organizations", `{"name":"Deep","public_metadata":${nested(10_000)}}`);
    expect(org.status).toBe(400);
    const count = await expectJson<{ total_count: number }>(sandbox.bapi("GET", "/users/count"));
    expect(count.total_count).toBe(0);
  });

  test("nesting up to the limit is accepted, and brackets inside strings do not count", async () => {
    const within = `{"email_address":["ok@example.com"],"public_metadata":${nested(MAX_JSON_DEPTH - 1)},"private_metadata":{"s":"${"[".repeat(5000)}"}}`;
    await expectJson(postRaw("/users", within));
  });
});
