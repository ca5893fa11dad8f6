import { createClerkClient } from "@clerk/backend";
import { createAgentTestingTask } from "@clerk/testing/playwright";
import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";

const sandbox = useSandbox();

describe("@clerk/backend 3.x against the sandbox: sign-in tokens and agent tasks", () => {
  const clerk = () => createClerkClient({ secretKey: sandbox.secretKey, apiUrl: sandbox.url });

  test("signInTokens: create with a lifetime, revoke; a revoked token cannot be revoked again", async () => {
    const client = clerk();
    const user = await client.users.createUser({ emailAddress: ["ticket@example.com"] });
    const token = await client.signInTokens.createSignInToken({ userId: user.id, expiresInSeconds: 600 });
    expect(token.id).toMatch(/^sit_/);
    expect(token.status).toBe("pending");
    expect(token.userId).toBe(user.id);
    expect(token.url).toMatch(/\/v1\/tickets\/accept\?ticket=/);
    const revoked = await client.signInTokens.revokeSignInToken(token.id);
    expect(revoked.status).toBe("revoked");
    await expect(client.signInTokens.revokeSignInToken(token.id)).rejects.toMatchObject({ status: 400 });
    await expect(
      client.signInTokens.createSignInToken({ userId: "user_missing", expiresInSeconds: 60 }),
    ).rejects.toMatchObject({ status: 404 });
  });

  test("agentTasks: create by user id or identifier with a stable agent id, revoke", async () => {
    const client = clerk();
    const user = await client.users.createUser({ emailAddress: ["agent@example.com"] });
    const params = {
      permissions: "*",
      agentName: "e2e-agent",
      taskDescription: "Run the checkout test",
      redirectUrl: "http://localhost:3000/",
    };
    const byId = await client.agentTasks.create({ ...params, onBehalfOf: { userId: user.id } });
    expect(byId.agentTaskId).toMatch(/^agt_/);
    expect(byId.taskId).toBe(byId.agentTaskId);
    expect(byId.url).toMatch(/\/v1\/tickets\/accept\?ticket=/);
    const byEmail = await client.agentTasks.create({ ...params, onBehalfOf: { identifier: "agent@example.com" } });
    expect(byEmail.agentId).toBe(byId.agentId);
    const revoked = await client.agentTasks.revoke(byId.agentTaskId);
    expect(revoked.agentTaskId).toBe(byId.agentTaskId);
    await expect(client.agentTasks.revoke(byId.agentTaskId)).rejects.toMatchObject({ status: 400 });
  });

  test("@clerk/testing's createAgentTestingTask returns the task's URL", async () => {
    const user = await clerk().users.createUser({ emailAddress: ["playwright@example.com"] });
    const created = await createAgentTestingTask({
      apiUrl: sandbox.url,
      secretKey: sandbox.secretKey,
      onBehalfOf: { userId: user.id },
      permissions: "*",
      agentName: "playwright",
      taskDescription: "Sign in for an end-to-end test",
      redirectUrl: "http://localhost:3000/dashboard",
    });
    expect(created.url).toMatch(/\/v1\/tickets\/accept\?ticket=/);
    expect(new URL(created.url).searchParams.get("redirect_url")).toBe("http://localhost:3000/dashboard");
  });
});
