import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, sandbox } = useActionSandbox();

/** A sign-up started in the browser (the sandbox's stand-in for Clerk's Frontend API). */
async function started(): Promise<string> {
  const body = (await sandbox.control("sign_ups", {
    publishable_key: sandbox.credentials.development.publishable_key,
    email_address: "ada@example.com",
    password: "correct horse battery",
  })) as { id: string };
  return body.id;
}

describe("sign-ups actions", () => {
  test("get a sign-up in progress, set its external id and custom action; the user gets the external id", async () => {
    const id = await started();
    expect(await run("sign-ups.get", { sign_up_id: id })).toMatchObject({
      object: "sign_up_attempt",
      id,
      status: "missing_requirements",
      email_address: "ada@example.com",
      unverified_fields: ["email_address"],
      external_id: null,
      custom_action: false,
    });
    expect(
      await run("sign-ups.update", { sign_up_id: id, external_id: "crm-4521", custom_action: true }),
    ).toMatchObject({ id, external_id: "crm-4521", custom_action: true });
    await sandbox.control(`sign_ups/${id}/complete`);
    const finished = await run("sign-ups.get", { sign_up_id: id });
    expect(finished).toMatchObject({ status: "complete" });
    expect(await run("users.get", { user_id: finished.created_user_id as string })).toMatchObject({
      external_id: "crm-4521",
    });
  });

  test("an unknown sign-up is Clerk's 404", async () => {
    await expect(run("sign-ups.get", { sign_up_id: "sua_missing" })).rejects.toMatchObject({ status: 404 });
  });
});
