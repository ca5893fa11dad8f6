import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run } = useActionSandbox();

const task = {
  agent_name: "support-bot",
  task_description: "Reset billing",
  redirect_url: "http://localhost:3000/after",
};

describe("agent-tasks actions", () => {
  test("create for a user id or an email address, the same agent per name; revoke a pending task once", async () => {
    const ada = await run("users.create", { email_address: ["ada@example.com"] });
    const byId = await run("agent-tasks.create", { user: ada.id, ...task, session_max_duration: "2h" });
    expect(byId).toMatchObject({ object: "agent_task", agent_id: expect.stringMatching(/^agent_/) });
    expect(new URL(byId.url as string).searchParams.get("redirect_url")).toBe(task.redirect_url);
    const byEmail = await run("agent-tasks.create", { user: "ada@example.com", ...task });
    expect(byEmail.agent_id).toBe(byId.agent_id);
    expect(byEmail.agent_task_id).not.toBe(byId.agent_task_id);

    const revoked = await run("agent-tasks.revoke", { agent_task_id: byId.agent_task_id });
    expect(revoked).toMatchObject({ agent_task_id: byId.agent_task_id, agent_id: byId.agent_id });
    expect(revoked.url).toBeUndefined();
    await expect(run("agent-tasks.revoke", { agent_task_id: byId.agent_task_id })).rejects.toMatchObject({
      status: 400,
    });
  });

  test("Clerk's refusals: an unknown user, a redirect that is not a URL; the action's input checks", async () => {
    await expect(run("agent-tasks.create", { user: "nobody@example.com", ...task })).rejects.toMatchObject({
      status: 404,
    });
    const ada = await run("users.create", { email_address: ["ada@example.com"] });
    await expect(run("agent-tasks.create", { user: ada.id, ...task, redirect_url: "/relative" })).rejects.toMatchObject(
      { status: 422, errors: [{ meta: { param_name: "redirect_url" } }] },
    );
    await expect(run("agent-tasks.create", { user: ada.id, ...task, agent_name: "" })).rejects.toBeInstanceOf(ZodError);
  });
});
