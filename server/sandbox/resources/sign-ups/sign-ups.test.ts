import { createClerkClient } from "@clerk/backend";
import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type SignUp = {
  object: string;
  id: string;
  status: string;
  missing_fields: string[];
  unverified_fields: string[];
  external_id: string | null;
  custom_action: boolean;
  created_user_id: string | null;
  created_session_id: string | null;
  abandon_at: number;
};

const start = async (body: Record<string, unknown>) =>
  (await sandbox.control("sign_ups", {
    publishable_key: sandbox.credentials.development.publishable_key,
    ...body,
  })) as SignUp;

describe("sign-ups over HTTP (started and completed by test controls)", () => {
  test("GET and PATCH a sign-up in progress; completing it creates the user with the external id", async () => {
    const started = await start({
      email_address: "new@example.com",
      first_name: "Nia",
      password: "a-Very-long-passw0rd!",
    });
    expect(started).toMatchObject({
      object: "sign_up_attempt",
      id: expect.stringMatching(/^sua_/),
      status: "missing_requirements",
      unverified_fields: ["email_address"],
      created_user_id: null,
    });
    expect(await expectJson(await sandbox.bapi("GET", `/sign_ups/${started.id}`))).toEqual(started);
    const patched = await expectJson<SignUp>(
      await sandbox.bapi("PATCH", `/sign_ups/${started.id}`, { external_id: "crm-42", custom_action: true }),
    );
    expect(patched).toMatchObject({ external_id: "crm-42", custom_action: true });

    const done = (await sandbox.control(`sign_ups/${started.id}/complete`)) as SignUp;
    expect(done).toMatchObject({ status: "complete", missing_fields: [], unverified_fields: [] });
    const user = await expectJson<{ external_id: string; first_name: string }>(
      await sandbox.bapi("GET", `/users/${done.created_user_id}`),
    );
    expect(user).toMatchObject({ external_id: "crm-42", first_name: "Nia" });
    const session = await expectJson<{ user_id: string }>(
      await sandbox.bapi("GET", `/sessions/${done.created_session_id}`),
    );
    expect(session.user_id).toBe(done.created_user_id);
    const again = await fetch(`${sandbox.url}/__sandbox/sign_ups/${started.id}/complete`, { method: "POST" });
    expect(again.status).toBe(400);
  });

  test("a sign-up missing a required field cannot complete; one left for a day is abandoned", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const noEmail = await start({ username: "nomail" });
    expect(noEmail.missing_fields).toContain("email_address");
    const refused = await fetch(`${sandbox.url}/__sandbox/sign_ups/${noEmail.id}/complete`, { method: "POST" });
    expect(refused.status).toBe(422);
    expect(noEmail.abandon_at).toBe(Date.UTC(2025, 5, 2));
    await sandbox.control("clock", { advance_ms: 24 * 3600 * 1000 });
    const abandoned = await expectJson<SignUp>(await sandbox.bapi("GET", `/sign_ups/${noEmail.id}`));
    expect(abandoned.status).toBe("abandoned");
    await expectJson(await sandbox.bapi("GET", "/sign_ups/sua_missing"), 404);
  });

  test("@clerk/backend: signUps.get and signUps.update", async () => {
    const started = await start({ email_address: "sdk@example.com" });
    const clerk = createClerkClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.url });
    const read = await clerk.signUps.get(started.id);
    expect(read.status).toBe("missing_requirements");
    const updated = await clerk.signUps.update({ signUpAttemptId: started.id, externalId: "ext-1" });
    expect(updated.externalId).toBe("ext-1");
  });
});
