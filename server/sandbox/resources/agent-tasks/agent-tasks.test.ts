import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type AgentTask = { object: string; agent_id: string; agent_task_id: string; task_id: string; url?: string };
type Errors = { errors: { code: string; meta?: { param_name?: string } }[] };
type Accepted = {
  agent_task: AgentTask;
  redirect_url: string;
  session: { id: string; user_id: string; expire_at: number; created_at: number };
};

async function newUser(email = "target@example.com"): Promise<string> {
  return (await expectJson<{ id: string }>(await sandbox.bapi("POST", "/users", { email_address: [email] }))).id;
}

const task = (overrides: Record<string, unknown>) => ({
  permissions: "*",
  agent_name: "checkout-bot",
  task_description: "Buy the thing",
  redirect_url: "http://localhost:3000/after",
  ...overrides,
});
const accept = (id: string) => fetch(`${sandbox.url}/__sandbox/agent_tasks/${id}/accept`, { method: "POST" });

describe("agent tasks over HTTP", () => {
  test("agent_id is stable per agent name; each task has its own id and a ticket URL", async () => {
    const userId = await newUser();
    const first = await expectJson<AgentTask>(
      await sandbox.bapi("POST", "/agents/tasks", task({ on_behalf_of: { user_id: userId } })),
    );
    expect(first).toEqual({
      object: "agent_task",
      agent_id: expect.stringMatching(/^agent_/),
      agent_task_id: expect.stringMatching(/^agt_/),
      task_id: first.agent_task_id,
      url: expect.stringMatching(/\/v1\/tickets\/accept\?ticket=/),
    });
    const url = new URL(first.url as string);
    expect(url.searchParams.get("redirect_url")).toBe("http://localhost:3000/after");
    const second = await expectJson<AgentTask>(
      await sandbox.bapi("POST", "/agents/tasks", task({ on_behalf_of: { identifier: "target@example.com" } })),
    );
    expect(second.agent_id).toBe(first.agent_id);
    expect(second.agent_task_id).not.toBe(first.agent_task_id);
    const other = await expectJson<AgentTask>(
      await sandbox.bapi("POST", "/agents/tasks", task({ agent_name: "other", on_behalf_of: { user_id: userId } })),
    );
    expect(other.agent_id).not.toBe(first.agent_id);

    const revoked = await expectJson<AgentTask>(
      await sandbox.bapi("POST", `/agents/tasks/${first.agent_task_id}/revoke`),
    );
    expect(revoked).toEqual({
      object: "agent_task",
      agent_id: first.agent_id,
      agent_task_id: first.agent_task_id,
      task_id: first.agent_task_id,
    });
    const again = await expectJson<Errors>(
      await sandbox.bapi("POST", `/agents/tasks/${first.agent_task_id}/revoke`),
      400,
    );
    expect(again.errors[0]?.code).toBe("agent_task_not_pending");
    expect((await accept(first.agent_task_id)).status).toBe(400);
    await expectJson(await sandbox.bapi("POST", "/agents/tasks/agt_missing/revoke"), 404);
  });

  test("create validates who it is for, the permissions and the redirect URL", async () => {
    const userId = await newUser();
    const both = await expectJson<Errors>(
      await sandbox.bapi("POST", "/agents/tasks", task({ on_behalf_of: { user_id: userId, identifier: "x" } })),
      422,
    );
    expect(both.errors[0]?.meta?.param_name).toBe("on_behalf_of");
    await expectJson(await sandbox.bapi("POST", "/agents/tasks", task({ on_behalf_of: {} })), 422);
    await expectJson(
      await sandbox.bapi("POST", "/agents/tasks", task({ on_behalf_of: { identifier: "nobody@example.com" } })),
      404,
    );
    const permissions = await expectJson<Errors>(
      await sandbox.bapi("POST", "/agents/tasks", task({ on_behalf_of: { user_id: userId }, permissions: "read" })),
      422,
    );
    expect(permissions.errors[0]?.meta?.param_name).toBe("permissions");
    const redirect = await expectJson<Errors>(
      await sandbox.bapi("POST", "/agents/tasks", task({ on_behalf_of: { user_id: userId }, redirect_url: "nope" })),
      422,
    );
    expect(redirect.errors[0]?.meta?.param_name).toBe("redirect_url");
    const unknown = await expectJson<Errors>(
      await sandbox.bapi("POST", "/agents/tasks", task({ on_behalf_of: { user_id: userId }, extra: 1 })),
      422,
    );
    expect(unknown.errors[0]?.code).toBe("form_param_format_invalid");
  });

  test("accepting (test control) starts a session capped at session_max_duration_in_seconds, once", async () => {
    const userId = await newUser();
    const created = await expectJson<AgentTask>(
      await sandbox.bapi(
        "POST",
        "/agents/tasks",
        task({ on_behalf_of: { user_id: userId }, session_max_duration_in_seconds: 600 }),
      ),
    );
    const response = await accept(created.agent_task_id);
    expect(response.status).toBe(200);
    const accepted = (await response.json()) as Accepted;
    expect(accepted.redirect_url).toBe("http://localhost:3000/after");
    expect(accepted.agent_task).not.toHaveProperty("url");
    expect(accepted.session.user_id).toBe(userId);
    expect(accepted.session.expire_at - accepted.session.created_at).toBe(600_000);
    expect((await accept(created.agent_task_id)).status).toBe(400);
    const revoke = await expectJson<Errors>(
      await sandbox.bapi("POST", `/agents/tasks/${created.agent_task_id}/revoke`),
      400,
    );
    expect(revoke.errors[0]?.code).toBe("agent_task_not_pending");
  });
});
