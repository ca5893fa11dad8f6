import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";
import { platformClient } from "./test-client";

const sandbox = useSandbox();
const platform = platformClient(sandbox);

/** Records the events (webhook types) the sandbox announces while `run` runs. */
async function eventsDuring(run: () => Promise<void>): Promise<{ type: string; instanceId: string }[]> {
  const seen: { type: string; instanceId: string }[] = [];
  const stop = sandbox.server.context.onEvent((event) => seen.push({ type: event.type, instanceId: event.instanceId }));
  try {
    await run();
  } finally {
    stop();
  }
  return seen;
}

describe("Platform API instance users", () => {
  const base = () => `/applications/${sandbox.credentials.application_id}/instances`;

  test("create, ban, unban and delete: the Backend API's users, effects and events", async () => {
    const instanceId = sandbox.credentials.development.instance_id;
    let userId = "";
    const events = await eventsDuring(async () => {
      const created = await platform.json("POST", `${base()}/development/users`, {
        email_address: ["ada@example.com"],
        first_name: "Ada",
        password: "correct-horse-battery-staple",
      });
      expect(created).toMatchObject({ object: "user", first_name: "Ada", banned: false, password_enabled: true });
      userId = created.id;
      // One table, two APIs: the Backend API sees the user the Platform API created.
      const viaBapi = await (await sandbox.bapi("GET", `/users/${userId}`)).json();
      expect(viaBapi.email_addresses[0].email_address).toBe("ada@example.com");

      const banned = await platform.json("POST", `${base()}/${instanceId}/users/${userId}/ban`);
      expect(banned.banned).toBe(true);
      const unbanned = await platform.json("POST", `${base()}/development/users/${userId}/unban`);
      expect(unbanned.banned).toBe(false);

      const deleted = await platform.json("DELETE", `${base()}/development/users/${userId}`);
      expect(deleted).toEqual({ id: userId, object: "user", deleted: true });
      expect((await sandbox.bapi("GET", `/users/${userId}`)).status).toBe(404);
    });
    expect(events).toEqual(
      ["user.created", "user.updated", "user.updated", "user.deleted"].map((type) => ({ type, instanceId })),
    );
  });

  test("the Backend API's validation, and the user must belong to the instance", async () => {
    await platform.json("POST", `${base()}/development/users`, { username: "grace" });
    const taken = await platform.error(422, "POST", `${base()}/development/users`, { username: "grace" });
    expect(taken?.code).toBe("form_identifier_exists");
    const badType = await platform.error(422, "POST", `${base()}/development/users`, { first_name: 5 });
    expect(badType?.meta?.param_name).toBe("first_name");

    // A development user is not in the production instance.
    const dev = await platform.json("POST", `${base()}/development/users`, { first_name: "Dev" });
    await platform.error(404, "POST", `${base()}/production/users/${dev.id}/ban`);
    await platform.error(404, "DELETE", `${base()}/production/users/${dev.id}`);
    await platform.error(404, "POST", `${base()}/staging/users`, { first_name: "x" });
    await platform.error(404, "POST", `/applications/app_missing/instances/development/users/${dev.id}/unban`);
  });
});
