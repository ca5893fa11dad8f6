import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

const { clerk, sandbox } = useCliSandbox();

interface MachineJson {
  id: string;
  name: string;
  default_token_ttl: number;
  scoped_machines: { id: string }[];
  secret_key?: string;
}

interface TokenJson {
  id: string;
  subject: string;
  scopes: string[];
  token?: string;
  revoked: boolean;
  claims: unknown;
}

async function createMachine(name: string, ...flags: string[]): Promise<MachineJson> {
  const result = await clerk(["m2m", "machines", "create", "--name", name, ...flags, "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<MachineJson>();
}

async function secretOf(machineId: string): Promise<string> {
  const response = await sandbox.bapi("GET", `/machines/${machineId}/secret_key`);
  return ((await response.json()) as { secret: string }).secret;
}

describe("clerk m2m machines", () => {
  test("create (secret masked in tables), list, get, update", async () => {
    const worker = await createMachine("worker");
    expect(worker.id).toMatch(/^mch_/);
    expect(worker.secret_key).toMatch(/^ak_/);

    const table = await clerk(["m2m", "machines", "create", "--name", "api", "--scoped-machine", worker.id]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/ID\s+NAME\s+CAN CALL\s+TOKEN TTL\s+CREATED\s+SECRET KEY/);
    expect(table.stdout).toContain("worker");
    const list = await clerk(["m2m", "machines", "list", "--json"]);
    const machines = list.json<{ data: MachineJson[]; total_count: number }>();
    expect(machines.total_count).toBe(2);
    const api = machines.data.find((m) => m.name === "api") as MachineJson;
    expect(api.scoped_machines.map((m) => m.id)).toEqual([worker.id]);
    expect(table.stdout).not.toContain(await secretOf(api.id));

    const listTable = await clerk(["m2m", "machines", "list", "--order-by", "+name"]);
    expect(listTable.stdout).toContain("2 of 2 machines");
    expect(listTable.stdout.indexOf("api")).toBeLessThan(listTable.stdout.indexOf("worker"));

    const updated = await clerk([
      "m2m",
      "machines",
      "update",
      worker.id,
      "--name",
      "worker-eu",
      "--default-token-ttl",
      "600",
      "--json",
    ]);
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.json()).toMatchObject({ id: worker.id, name: "worker-eu", default_token_ttl: 600 });
    expect((await clerk(["m2m", "machines", "get", worker.id, "--json"])).json()).toMatchObject({ name: "worker-eu" });
  });

  test("add-scope lets one machine call another; get-secret prints the key only with --json", async () => {
    const worker = await createMachine("worker");
    const api = await createMachine("api");
    const scope = await clerk(["m2m", "machines", "add-scope", worker.id, "--to-machine-id", api.id, "--json"]);
    expect(scope.code, scope.stderr).toBe(0);
    expect(scope.json()).toMatchObject({ object: "machine_scope", from_machine_id: worker.id, to_machine_id: api.id });
    const again = await clerk(["m2m", "machines", "add-scope", worker.id, "--to-machine-id", api.id]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error.status).toBe(409);
    // The Go CLI's `--scope read:users`: Clerk's scopes are machines, so a usage error says so.
    const permission = await clerk(["m2m", "machines", "add-scope", worker.id, "--scope", "read:users"]);
    expect(permission.code).toBe(2);
    expect(JSON.parse(permission.stderr).error.message).toBe(
      "--to-machine-id: must be a machine id (mch_…): a machine's scopes are the machines it may call",
    );

    const secret = await clerk(["m2m", "machines", "get-secret", worker.id, "--json"]);
    expect(secret.json()).toEqual({ object: "machine_secret_key", secret: worker.secret_key });
    const masked = await clerk(["m2m", "machines", "get-secret", worker.id]);
    expect(masked.stdout).toMatch(/ak_…[A-Za-z0-9]{4}/);
    expect(masked.stdout).not.toContain(worker.secret_key);
  });

  test("delete (unasked off a terminal, as in the Go CLI) removes the machine and its tokens", async () => {
    const machine = await createMachine("doomed");
    const token = (await clerk(["m2m", "tokens", "create", "--machine-id", machine.id, "--json"])).json<TokenJson>();
    const deleted = await clerk(["m2m", "machines", "delete", machine.id, "--json"]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stderr).toContain(`Going to delete doomed (${machine.id})`);
    expect(deleted.json()).toEqual({ object: "machine", id: machine.id, deleted: true });
    const gone = await clerk(["m2m", "machines", "get", machine.id]);
    expect(gone.code).toBe(1);
    expect(JSON.parse(gone.stderr).error).toMatchObject({ status: 404, code: "resource_not_found" });
    expect((await sandbox.bapi("POST", "/m2m_tokens/verify", { token: token.token })).status).toBe(404);
  });
});

describe("clerk m2m tokens", () => {
  test("create mints with the machine's key; verify checks the scopes; list shows valid tokens", async () => {
    const worker = await createMachine("worker");
    const api = await createMachine("api", "--scoped-machine", worker.id, "--default-token-ttl", "300");

    const created = await clerk([
      "m2m",
      "tokens",
      "create",
      "--machine-id",
      api.id,
      "--claims",
      '{"job":"sync"}',
      "--json",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const token = created.json<TokenJson>();
    expect(token).toMatchObject({ subject: api.id, scopes: [worker.id], claims: { job: "sync" }, revoked: false });
    expect(token.token).toMatch(/^mt_/);

    // The worker it was minted for accepts it; the minting machine is not in its scopes.
    const asWorker = await clerk([
      "m2m",
      "tokens",
      "verify",
      token.token as string,
      "--machine-id",
      worker.id,
      "--json",
    ]);
    expect(asWorker.code, asWorker.stderr).toBe(0);
    expect(asWorker.json()).toMatchObject({ id: token.id, subject: api.id });
    const asApi = await clerk(["m2m", "tokens", "verify", token.token as string, "--machine-id", api.id]);
    expect(asApi.code).toBe(1);
    expect(JSON.parse(asApi.stderr).error).toMatchObject({ status: 404, code: "resource_not_found" });
    const asInstance = await clerk(["m2m", "tokens", "verify", token.token as string]);
    expect(asInstance.code, asInstance.stderr).toBe(0);
    expect(asInstance.stdout).toMatch(/ID\s+MACHINE\s+SCOPES\s+STATUS/);
    expect(asInstance.stdout).toContain("valid");

    const table = await clerk(["m2m", "tokens", "create", "--machine-id", api.id]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/TOKEN/);
    expect(table.stdout).toMatch(/mt_…[A-Za-z0-9]{4}/);

    const list = await clerk(["m2m", "tokens", "list", "--machine-id", api.id, "--json"]);
    expect(list.code, list.stderr).toBe(0);
    const tokens = list.json<{ m2m_tokens: TokenJson[]; total_count: number }>();
    expect(tokens.total_count).toBe(2);
    expect(tokens.m2m_tokens.every((t) => t.token === undefined)).toBe(true);
    const all = await clerk(["m2m", "tokens", "list", "--machine-id", api.id, "--all", "--json"]);
    expect(all.json<TokenJson[]>()).toHaveLength(2);
    const listTable = await clerk(["m2m", "tokens", "list", "--machine-id", api.id]);
    expect(listTable.stdout).toContain("2 of 2 tokens");
  });

  test("revoked and unknown tokens fail verification; the log never shows tokens or keys", async () => {
    const machine = await createMachine("signer");
    const created = await clerk(["m2m", "tokens", "create", "--machine-id", machine.id, "--json", "--debug"]);
    expect(created.code, created.stderr).toBe(0);
    const token = created.json<TokenJson>();
    const machineSecret = await secretOf(machine.id);
    expect(created.stderr).toContain("[debug] → POST");
    expect(created.stderr).not.toContain(machineSecret);
    expect(created.stderr).not.toContain(token.token);

    const verify = await clerk(["m2m", "tokens", "verify", token.token as string, "--debug", "--json"]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stderr).toContain("/m2m_tokens/verify");
    expect(verify.stderr).not.toContain(token.token);

    await sandbox.bapi("POST", `/m2m_tokens/${token.id}/revoke`, { revocation_reason: "test" });
    const revoked = await clerk(["m2m", "tokens", "verify", token.token as string]);
    expect(revoked.code).toBe(1);
    expect(JSON.parse(revoked.stderr).error).toMatchObject({ status: 404, message: "The M2M token has been revoked" });
    const unknown = await clerk(["m2m", "tokens", "verify", "mt_nothing"]);
    expect(unknown.code).toBe(1);
    const withRevoked = await clerk(["m2m", "tokens", "list", "--machine-id", machine.id, "--revoked", "--json"]);
    expect(withRevoked.json()).toMatchObject({ total_count: 1, m2m_tokens: [{ id: token.id, revoked: true }] });
  });

  test("create --dry-run mints nothing; usage errors", async () => {
    const machine = await createMachine("dry");
    const dry = await clerk(["m2m", "tokens", "create", "--machine-id", machine.id, "--dry-run", "--json"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json()).toMatchObject({ method: "POST", url: `${sandbox.apiUrl}/m2m_tokens` });
    expect(dry.stdout).not.toContain(await secretOf(machine.id));
    const list = await clerk(["m2m", "tokens", "list", "--machine-id", machine.id, "--json"]);
    expect(list.json()).toMatchObject({ total_count: 0 });

    const noMachine = await clerk(["m2m", "tokens", "create"]);
    expect(noMachine.code).toBe(2);
    expect(JSON.parse(noMachine.stderr).error.message).toContain("--machine-id");
    const badFormat = await clerk(["m2m", "tokens", "create", "--machine-id", machine.id, "--format", "paper"]);
    expect(badFormat.code).toBe(2);
    const missing = await clerk(["m2m", "tokens", "create", "--machine-id", "mch_missing"]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr).error.status).toBe(404);
  });
});
