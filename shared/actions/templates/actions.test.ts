import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run } = useActionSandbox();
const code = { template_type: "email", slug: "verification_code" } as const;

describe("templates actions", () => {
  test("list and get Clerk's defaults, email and SMS", async () => {
    const emails = await run("templates.list", {});
    expect(emails.map((t) => t.slug)).toContain("verification_code");
    expect(emails.every((t) => t.template_type === "email" && !t.can_revert)).toBe(true);
    const sms = await run("templates.list", { template_type: "sms" });
    expect(sms.every((t) => t.template_type === "sms")).toBe(true);
    expect(await run("templates.get", code)).toMatchObject({
      slug: "verification_code",
      subject: "{{otp_code}} is your verification code",
      required_variables: ["otp_code"],
      delivered_by_clerk: true,
    });
  });

  test("edit, preview, toggle delivery, revert", async () => {
    const edited = await run("templates.update", {
      ...code,
      subject: "Your code: {{otp_code}}",
      from_email_name: "hello",
    });
    expect(edited).toMatchObject({ subject: "Your code: {{otp_code}}", from_email_name: "hello", can_revert: true });

    const preview = await run("templates.preview", { ...code, body: "Code {{otp_code}} for {{app.name}}" });
    expect(preview.subject).toMatch(/^Your code: \S+$/);
    expect(preview.subject).not.toContain("{{");
    expect(preview.body).toMatch(/^Code \S+ for .+/);
    expect(preview.from_email_name).toBe("hello");

    expect(await run("templates.toggle-delivery", code)).toMatchObject({ delivered_by_clerk: false });
    expect(await run("templates.toggle-delivery", { ...code, delivered_by_clerk: true })).toMatchObject({
      delivered_by_clerk: true,
    });

    const reverted = await run("templates.revert", code);
    expect(reverted).toMatchObject({
      subject: "{{otp_code}} is your verification code",
      from_email_name: "notifications",
      can_revert: false,
    });
  });

  test("Clerk's refusals: a body without its required variables, reverting a default", async () => {
    await expect(run("templates.update", { ...code, body: "No code here" })).rejects.toMatchObject({
      status: 422,
      errors: [{ meta: { param_name: "body" } }],
    });
    await expect(run("templates.revert", code)).rejects.toMatchObject({
      status: 400,
      errors: [{ code: "template_not_revertable" }],
    });
  });
});
