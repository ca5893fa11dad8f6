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

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

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

  test("profile image: the Backend API's upload and removal, with user.updated", async () => {
    const user = await platform.json("POST", `${base()}/development/users`, { first_name: "Pic" });
    const path = `${sandbox.url}/v1/platform${base()}/development/users/${user.id}/profile_image`;
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(PNG)], { type: "image/png" }), "avatar.png");
    const events = await eventsDuring(async () => {
      const uploaded = await fetch(path, {
        method: "POST",
        headers: { authorization: `Bearer ${sandbox.credentials.platform_api_key}` },
        body: form,
      });
      expect(uploaded.status).toBe(200);
      const withImage = await uploaded.json();
      expect(withImage).toMatchObject({ id: user.id, has_image: true });
      const viaBapi = await (await sandbox.bapi("GET", `/users/${user.id}`)).json();
      expect(viaBapi.image_url).toBe(withImage.image_url);

      const removed = await platform.json("DELETE", `${base()}/development/users/${user.id}/profile_image`);
      expect(removed.has_image).toBe(false);
    });
    expect(events.map((event) => event.type)).toEqual(["user.updated", "user.updated"]);
    await platform.error(404, "DELETE", `${base()}/development/users/${user.id}/profile_image`);
    await platform.error(404, "DELETE", `${base()}/production/users/${user.id}/profile_image`);
  });
});
