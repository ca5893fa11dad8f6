import { describe, expect, test } from "vitest";
import { useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

async function createUser(body: Record<string, unknown>) {
  const response = await sandbox.bapi("POST", "/users", body);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Record<string, unknown> & { id: string };
}

describe("users over HTTP", () => {
  test("create, get, list with filters, count", async () => {
    const ada = await createUser({
      email_address: ["ada@example.com"],
      first_name: "Ada",
      last_name: "Lovelace",
      username: "ada",
    });
    await createUser({ email_address: ["grace@example.com"], first_name: "Grace", last_name: "Hopper" });
    expect(ada.id).toMatch(/^user_[0-9A-Za-z]{27}$/);
    expect(ada.primary_email_address_id).toBe((ada.email_addresses as { id: string }[])[0]?.id);

    const got = await (await sandbox.bapi("GET", `/users/${ada.id}`)).json();
    expect(got).toEqual(ada);

    const byQuery = (await (await sandbox.bapi("GET", "/users?query=LOVE")).json()) as { id: string }[];
    expect(byQuery.map((u) => u.id)).toEqual([ada.id]);

    const byEmail = (await (await sandbox.bapi("GET", "/users?email_address=grace@example.com")).json()) as unknown[];
    expect(byEmail).toHaveLength(1);

    const asc = (await (await sandbox.bapi("GET", "/users?order_by=+first_name")).json()) as { first_name: string }[];
    expect(asc.map((u) => u.first_name)).toEqual(["Ada", "Grace"]);

    const count = await (await sandbox.bapi("GET", "/users/count?query=example.com")).json();
    expect(count).toEqual({ object: "total_count", total_count: 2 });
  });

  test("query matches any part of an identifier, name or id, and follows every change", async () => {
    const ids = async (query: string) =>
      ((await (await sandbox.bapi("GET", `/users?query=${encodeURIComponent(query)}`)).json()) as { id: string }[]).map(
        (u) => u.id,
      );
    const ada = await createUser({ email_address: ["ada.l@example.com"], first_name: "Ada", username: "countess" });
    const grace = await createUser({ email_address: ["grace@navy.example"], phone_number: ["+15550100999"] });
    // Three characters or more use the trigram index; fewer scan. Both find substrings, in any case.
    expect(await ids("NTES")).toEqual([ada.id]);
    expect(await ids("navy.ex")).toEqual([grace.id]);
    expect(await ids("0100999")).toEqual([grace.id]);
    expect(await ids(ada.id.slice(5, 20))).toEqual([ada.id]);
    expect(await ids("a.")).toEqual([ada.id]);
    expect(await ids('"quoted"')).toEqual([]);
    expect(await ids("zzz")).toEqual([]);

    await sandbox.bapi("PATCH", `/users/${ada.id}`, { first_name: "Augusta" });
    expect(await ids("augusta")).toEqual([ada.id]);
    const email = await sandbox.bapi("POST", "/email_addresses", {
      user_id: grace.id,
      email_address: "amazing@grace.example",
    });
    expect(email.status).toBe(200);
    expect(await ids("amazing")).toEqual([grace.id]);
    await sandbox.bapi("DELETE", `/users/${grace.id}`);
    expect(await ids("amazing")).toEqual([]);
  });

  test("uniqueness is a 422 naming the parameter", async () => {
    await createUser({ email_address: ["dup@example.com"] });
    const response = await sandbox.bapi("POST", "/users", { email_address: ["DUP@example.com"] });
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      errors: { code: string; meta: { param_name: string } }[];
      clerk_trace_id: string;
    };
    expect(body.errors[0]?.code).toBe("form_identifier_exists");
    expect(body.errors[0]?.meta.param_name).toBe("email_address");
    expect(body.clerk_trace_id).toMatch(/^[0-9a-f]{32}$/);
  });

  test("limit is validated", async () => {
    const response = await sandbox.bapi("GET", "/users?limit=501");
    expect(response.status).toBe(422);
  });

  test("wrong secret key is 401 with Clerk's envelope", async () => {
    const response = await fetch(`${sandbox.apiUrl}/users`, { headers: { authorization: "Bearer sk_test_nope" } });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { code: string }[] };
    expect(body.errors[0]?.code).toBe("clerk_key_invalid");
  });
});
