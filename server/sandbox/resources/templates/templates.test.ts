import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";
import { startWebhookReceiver } from "../../testing/webhook-receiver";

const sandbox = useSandbox();

type Template = {
  object: string;
  slug: string;
  template_type: string;
  resource_type: string;
  can_revert: boolean;
  subject: string | null;
  body: string;
  required_variables: string[];
  delivered_by_clerk: boolean;
  from_email_name?: string;
  position: number;
};
type Errors = { errors: { code: string; meta?: { param_name?: string } }[] };

describe("email and SMS templates over HTTP", () => {
  test("lists Clerk's defaults by position, for email and for SMS", async () => {
    const email = await expectJson<Template[]>(await sandbox.bapi("GET", "/templates/email"));
    expect(email.map((t) => t.slug)).toEqual(
      expect.arrayContaining(["verification_code", "magic_link_sign_in", "invitation", "organization_invitation"]),
    );
    expect(email.map((t) => t.position)).toEqual(email.map((_, index) => index));
    expect(email.every((t) => t.resource_type === "system" && !t.can_revert && t.delivered_by_clerk)).toBe(true);
    const sms = await expectJson<Template[]>(await sandbox.bapi("GET", "/templates/sms"));
    expect(sms.map((t) => t.slug)).toContain("verification_code");
    expect(sms.every((t) => t.template_type === "sms" && t.subject === null && t.from_email_name === undefined)).toBe(
      true,
    );
    const bad = await expectJson<Errors>(await sandbox.bapi("GET", "/templates/fax"), 422);
    expect(bad.errors[0]?.meta?.param_name).toBe("template_type");
    await expectJson(await sandbox.bapi("GET", "/templates/email/no_such_template"), 404);
  });

  test("an edit is kept, must keep the required variables, and revert restores the default", async () => {
    const original = await expectJson<Template>(await sandbox.bapi("GET", "/templates/email/verification_code"));
    expect(original.required_variables).toEqual(["otp_code"]);

    const dropped = await expectJson<Errors>(
      await sandbox.bapi("PUT", "/templates/email/verification_code", { body: "<p>Hello</p>" }),
      422,
    );
    expect(dropped.errors[0]?.meta?.param_name).toBe("body");

    const edited = await expectJson<Template>(
      await sandbox.bapi("PUT", "/templates/email/verification_code", {
        subject: "Your code: {{otp_code}}",
        body: "<p>Code {{otp_code}} for {{app.name}}</p>",
        from_email_name: "hello",
      }),
    );
    expect(edited).toMatchObject({
      resource_type: "user",
      can_revert: true,
      subject: "Your code: {{otp_code}}",
      body: "<p>Code {{otp_code}} for {{app.name}}</p>",
      from_email_name: "hello",
    });
    expect(await expectJson(await sandbox.bapi("GET", "/templates/email/verification_code"))).toEqual(edited);

    const reverted = await expectJson<Template>(
      await sandbox.bapi("POST", "/templates/email/verification_code/revert"),
    );
    expect(reverted).toMatchObject({
      resource_type: "system",
      can_revert: false,
      subject: original.subject,
      body: original.body,
      from_email_name: original.from_email_name,
    });
    const again = await expectJson<Errors>(
      await sandbox.bapi("POST", "/templates/email/verification_code/revert"),
      400,
    );
    expect(again.errors[0]?.code).toBe("template_not_revertable");
  });

  test("preview renders the stored or the sent body with sample data", async () => {
    const stored = await expectJson<{ subject: string; body: string }>(
      await sandbox.bapi("POST", "/templates/email/verification_code/preview", {}),
    );
    expect(stored.subject).toBe("123456 is your verification code");
    expect(stored.body).toContain("123456");
    expect(stored.body).not.toContain("{{");
    const sent = await expectJson<{ subject: string | null; body: string }>(
      await sandbox.bapi("POST", "/templates/sms/verification_code/preview", { body: "{{ otp_code }} - {{app.name}}" }),
    );
    expect(sent).toEqual({ subject: null, body: "123456 - My App" });
    await expectJson(await sandbox.bapi("POST", "/templates/sms/verification_code/preview", { body: "no code" }), 422);
  });

  test("toggle_delivery sets or flips delivered_by_clerk", async () => {
    const off = await expectJson<Template>(
      await sandbox.bapi("POST", "/templates/sms/verification_code/toggle_delivery", { delivered_by_clerk: false }),
    );
    expect(off.delivered_by_clerk).toBe(false);
    const flipped = await expectJson<Template>(
      await sandbox.bapi("POST", "/templates/sms/verification_code/toggle_delivery", {}),
    );
    expect(flipped.delivered_by_clerk).toBe(true);
    const listed = await expectJson<Template[]>(await sandbox.bapi("GET", "/templates/sms"));
    expect(listed.find((t) => t.slug === "verification_code")?.delivered_by_clerk).toBe(true);
    await expectJson(
      await sandbox.bapi("POST", "/templates/sms/verification_code/toggle_delivery", { delivered_by_clerk: "no" }),
      400,
    );
  });

  test("the template's delivery settings reach the email.created and sms.created events", async () => {
    const hooks = await startWebhookReceiver();
    const endpoint = (await sandbox.control("webhooks", { url: hooks.url })) as { id: string };
    try {
      await expectJson(
        await sandbox.bapi("PUT", "/templates/email/invitation", {
          from_email_name: "team",
          reply_to_email_name: "support",
          delivered_by_clerk: false,
        }),
      );
      await expectJson(await sandbox.bapi("POST", "/templates/sms/invitation/toggle_delivery", {}));
      await expectJson(await sandbox.bapi("POST", "/invitations", { email_address: "new@example.com" }));
      await expectJson(
        await sandbox.bapi("POST", "/allowlist_identifiers", { identifier: "+15555550123", notify: true }),
      );
      await sandbox.control("webhooks/settle");
      for (const delivery of hooks.received) expect(sandbox.contract.checkWebhook(delivery.body)).toBeUndefined();
      const events = hooks.received.map(
        (delivery) => JSON.parse(delivery.body) as { type: string; data: Record<string, unknown> },
      );
      expect(events.find((event) => event.type === "email.created")?.data).toMatchObject({
        slug: "invitation",
        from_email_name: "team",
        reply_to_email_name: "support",
        delivered_by_clerk: false,
      });
      expect(events.find((event) => event.type === "sms.created")?.data).toMatchObject({
        slug: "invitation",
        delivered_by_clerk: false,
      });
    } finally {
      await sandbox.control(`webhooks/${endpoint.id}`, undefined, "DELETE");
      await hooks.close();
    }
  });
});
