import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";
import { platformClient } from "./test-client";

const sandbox = useSandbox();
const platform = platformClient(sandbox);

const DAY_MS = 86_400_000;

describe("Platform API application transfers", () => {
  const appId = () => sandbox.credentials.application_id;

  test("one pending transfer per application; cancel; the workspace's list", async () => {
    const transfer = await platform.json("POST", `/applications/${appId()}/transfers`, undefined, { status: 201 });
    expect(transfer).toMatchObject({
      object: "application_transfer",
      id: expect.stringMatching(/^appxfr_/),
      code: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      application_id: appId(),
      status: "pending",
      canceled_at: null,
      completed_at: null,
    });
    expect(Date.parse(transfer.expires_at) - Date.parse(transfer.created_at)).toBe(DAY_MS);
    const second = await platform.error(409, "POST", `/applications/${appId()}/transfers`);
    expect(second?.code).toBe("conflict");

    expect(await platform.json("GET", `/applications/${appId()}/transfers/${transfer.id}`)).toEqual(transfer);
    const canceled = await platform.json("DELETE", `/applications/${appId()}/transfers/${transfer.id}`);
    expect(canceled).toMatchObject({ id: transfer.id, status: "canceled", canceled_at: expect.any(String) });
    await platform.error(409, "DELETE", `/applications/${appId()}/transfers/${transfer.id}`);

    const next = await platform.json("POST", `/applications/${appId()}/transfers`, undefined, { status: 201 });
    const all = await platform.json("GET", "/application_transfers");
    expect(all).toEqual({ data: [next, canceled], total_count: 2 });
    const pending = await platform.json("GET", "/application_transfers?status=pending");
    expect(pending).toEqual({ data: [next], total_count: 1 });
    const either = await platform.json("GET", "/application_transfers?status=pending&status=canceled&limit=1");
    expect(either).toEqual({ data: [next], total_count: 2 });
    const after = await platform.json("GET", `/application_transfers?starting_after=${next.id}`);
    expect(after.data).toEqual([canceled]);
    const before = await platform.json("GET", `/application_transfers?ending_before=${canceled.id}`);
    expect(before.data).toEqual([next]);
    await platform.error(422, "GET", "/application_transfers?status=lost");
    await platform.error(422, "GET", "/application_transfers?starting_after=appxfr_missing");
  });

  test("a transfer not completed within a day expires; another may then start", async () => {
    const transfer = await platform.json("POST", `/applications/${appId()}/transfers`, undefined, { status: 201 });
    await sandbox.control("clock", { advance_ms: DAY_MS });
    const expired = await platform.json("GET", `/applications/${appId()}/transfers/${transfer.id}`);
    expect(expired.status).toBe("expired");
    expect((await platform.json("GET", "/application_transfers?status=expired")).data).toEqual([expired]);
    await platform.error(409, "DELETE", `/applications/${appId()}/transfers/${transfer.id}`);
    await platform.json("POST", `/applications/${appId()}/transfers`, undefined, { status: 201 });
  });

  test("once the recipient completes a transfer, the application leaves the workspace", async () => {
    const other = await platform.json("POST", "/applications", { name: "Sold" });
    const transfer = await platform.json("POST", `/applications/${other.application_id}/transfers`, undefined, {
      status: 201,
    });
    const completed = await sandbox.control(`application_transfers/${transfer.code}/complete`);
    expect(completed).toMatchObject({ id: transfer.id, status: "completed", completed_at: expect.any(String) });
    const listed = await platform.json("GET", "/application_transfers?status=completed");
    expect(listed).toEqual({ data: [completed], total_count: 1 });
    await platform.error(404, "GET", `/applications/${other.application_id}`);
    await platform.error(404, "GET", `/applications/${other.application_id}/transfers/${transfer.id}`);
    const apps = await platform.json<{ application_id: string }[]>("GET", "/applications");
    expect(apps.map((app) => app.application_id)).not.toContain(other.application_id);
  });

  test("transfers belong to their application", async () => {
    const other = await platform.json("POST", "/applications", { name: "Other" });
    const transfer = await platform.json("POST", `/applications/${appId()}/transfers`, undefined, { status: 201 });
    await platform.error(404, "GET", `/applications/${other.application_id}/transfers/${transfer.id}`);
    await platform.error(404, "DELETE", `/applications/${other.application_id}/transfers/${transfer.id}`);
    await platform.error(404, "GET", `/applications/${appId()}/transfers/appxfr_missing`);
    await platform.error(404, "POST", "/applications/app_missing/transfers");
    // Deleting the application deletes its transfers.
    await platform.json("POST", `/applications/${other.application_id}/transfers`, undefined, { status: 201 });
    await platform.json("DELETE", `/applications/${other.application_id}`);
    expect((await platform.json("GET", "/application_transfers")).total_count).toBe(1);
  });
});
