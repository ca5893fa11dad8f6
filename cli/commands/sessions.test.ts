import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

const { clerk, sandbox } = useCliSandbox();
/** Many CLI runs per test: allow for a loaded machine. */
const SLOW = { timeout: 60_000 };

interface SessionJson {
  id: string;
  user_id: string;
  client_id: string;
  status: string;
}

async function createUser(email: string): Promise<string> {
  const result = await clerk(["users", "create", "--email-address", email, "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<{ id: string }>().id;
}

/** The sandbox (a development instance) creates sessions directly, as Clerk's testing endpoint does. */
async function createSession(userId: string): Promise<SessionJson> {
  const response = await sandbox.bapi("POST", "/sessions", { user_id: userId });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as SessionJson;
}

describe("clerk sessions", SLOW, () => {
  test("list a user's sessions, paginated with total_count", async () => {
    const ada = await createUser("ada@example.com");
    const grace = await createUser("grace@example.com");
    const first = await createSession(ada);
    const second = await createSession(ada);
    await createSession(grace);

    const list = await clerk(["sessions", "list", "--user-id", ada, "--json"]);
    expect(list.code, list.stderr).toBe(0);
    const page = list.json<{ data: SessionJson[]; total_count: number }>();
    expect(page.total_count).toBe(2);
    expect(page.data.map((s) => s.id).sort()).toEqual([first.id, second.id].sort());
    expect(page.data.every((s) => s.user_id === ada && s.status === "active")).toBe(true);

    const one = await clerk(["sessions", "list", "--user-id", ada, "--limit", "1", "--offset", "1", "--json"]);
    expect(one.json()).toMatchObject({ total_count: 2, data: [{ user_id: ada }] });
  });

  test("filter by client and by status", async () => {
    const ada = await createUser("ada@example.com");
    const first = await createSession(ada);
    await createSession(ada);

    const byClient = await clerk(["sessions", "list", "--client-id", first.client_id, "--json"]);
    expect(byClient.json()).toMatchObject({ total_count: 1, data: [{ id: first.id }] });

    const revokedOnly = await clerk(["sessions", "list", "--user-id", ada, "--status", "revoked", "--json"]);
    expect(revokedOnly.json()).toEqual({ data: [], total_count: 0 });
  });

  test("get one session; the table view; --all streams every page", async () => {
    const ada = await createUser("ada@example.com");
    const first = await createSession(ada);
    const second = await createSession(ada);

    const got = await clerk(["sessions", "get", first.id, "--json"]);
    expect(got.code, got.stderr).toBe(0);
    expect(got.json()).toMatchObject({ object: "session", id: first.id, user_id: ada, status: "active" });

    const table = await clerk(["sessions", "list", "--user-id", ada]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/ID\s+USER\s+STATUS\s+LAST ACTIVE/);
    expect(table.stdout).toContain(first.id);
    expect(table.stdout).toContain("2 of 2 sessions");

    const all = await clerk(["sessions", "list", "--user-id", ada, "--all", "--json"]);
    expect(all.code, all.stderr).toBe(0);
    expect(
      all
        .json<SessionJson[]>()
        .map((s) => s.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
  });

  test("revoke runs unasked when not interactive, as in the Go CLI, and ends the session", async () => {
    const user = await createUser("rev@example.com");
    const session = await createSession(user);
    const other = await createSession(user);

    const dry = await clerk(["sessions", "revoke", session.id, "--dry-run", "--json"]);
    expect(dry.code).toBe(0);
    expect(dry.json()).toMatchObject({ method: "POST", url: `${sandbox.apiUrl}/sessions/${session.id}/revoke` });

    const revoked = await clerk(["sessions", "revoke", session.id, "--json"]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stderr).toContain(`Going to revoke rev@example.com's session (${session.id})`);
    expect(revoked.json()).toMatchObject({ id: session.id, status: "revoked" });

    const active = await clerk(["sessions", "list", "--user-id", user, "--status", "active", "--json"]);
    expect(active.json()).toMatchObject({ total_count: 1, data: [{ id: other.id }] });
    const ended = await clerk(["sessions", "list", "--user-id", user, "--status", "revoked", "--json"]);
    expect(ended.json()).toMatchObject({ total_count: 1, data: [{ id: session.id }] });

    // Clerk refuses to revoke a session that already ended; the CLI passes its error on.
    const again = await clerk(["sessions", "revoke", session.id, "--yes"]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error).toMatchObject({ status: 400, code: "invalid_action_for_session" });
  });

  test("users memberships lists a user's organizations", async () => {
    const user = await createUser("member@example.com");
    const none = await clerk(["users", "memberships", user, "--json"]);
    expect(none.code, none.stderr).toBe(0);
    expect(none.json()).toEqual({ data: [], total_count: 0 });

    const org = await clerk(["orgs", "create", "--name", "Acme", "--created-by", user, "--json"]);
    expect(org.code, org.stderr).toBe(0);
    const orgId = org.json<{ id: string }>().id;
    const list = await clerk(["users", "memberships", user, "--json"]);
    expect(list.json()).toMatchObject({
      total_count: 1,
      data: [{ object: "organization_membership", role: "org:admin", organization: { id: orgId, name: "Acme" } }],
    });
    const table = await clerk(["users", "memberships", user]);
    expect(table.stdout).toMatch(/ORGANIZATION\s+SLUG/);
    expect(table.stdout).toContain("Acme");
  });

  test("usage and Clerk errors", async () => {
    const badStatus = await clerk(["sessions", "list", "--user-id", "user_x", "--status", "sleeping"]);
    expect(badStatus.code).toBe(2);
    expect(JSON.parse(badStatus.stderr).error.message).toContain("--status");
    const missing = await clerk(["sessions", "get"]);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stderr).error.message).toBe("missing argument <session_id>");
    const notFound = await clerk(["sessions", "get", "sess_missing"]);
    expect(notFound.code).toBe(1);
    expect(JSON.parse(notFound.stderr).error).toMatchObject({ status: 404, code: "resource_not_found" });
  });
});
