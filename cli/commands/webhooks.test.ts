import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../../server/sandbox/testing/webhook-receiver";
import { CLI_BIN, runCli } from "../testing/run-cli";
import { exited, type SandboxProcessInfo, startSandboxProcess } from "../testing/sandbox-process";

/** Many CLI runs per test: allow for a loaded machine. */
const SLOW = { timeout: 60_000 };

let dir: string;
let hooks: WebhookReceiver;
let sandbox: Awaited<ReturnType<typeof startSandboxProcess>>;
let info: SandboxProcessInfo & { webhook_signing_secret: string; webhooks: string[] };
/** The recorded delivery: its body and headers, as files the way a user would save them. */
let delivery: { body: string; id: string; timestamp: string; signature: string };
const files = { body: "", rawHeaders: "", jsonHeaders: "" };

const secret = () => info.webhook_signing_secret;
const errorOf = (stderr: string) => JSON.parse(stderr).error as { message: string; hint?: string; code: string };
/** A file in the test's directory. */
function save(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const verify = (args: string[], env: Record<string, string> = {}, input?: string) =>
  runCli(["webhooks", "verify", ...args], {
    env: { CLERK_CONFIG_DIR: join(dir, "config"), CLERK_CREDENTIAL_STORE: "file", ...env },
    ...(input === undefined ? {} : { input }),
  });
const withSecret = (args: string[]) => verify([...args, "--secret", secret()]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "clerk-webhooks-"));
  hooks = await startWebhookReceiver();
  sandbox = await startSandboxProcess(["--data", join(dir, "data"), "--seed", "empty", "--webhook", hooks.url]);
  info = sandbox.info as typeof info;
  const created = await fetch(`${info.url}/v1/users`, {
    method: "POST",
    headers: { authorization: `Bearer ${info.development.secret_key}`, "content-type": "application/json" },
    body: JSON.stringify({ email_address: ["ada@example.com"], first_name: "Ada" }),
  });
  expect(created.status).toBe(200);
  const [received] = await hooks.waitFor(1);
  if (!received) throw new Error("no delivery");
  const header = (name: string) => String(received.headers[name]);
  delivery = {
    body: received.body,
    id: header("svix-id"),
    timestamp: header("svix-timestamp"),
    signature: header("svix-signature"),
  };
  files.body = save("body.json", delivery.body);
  files.rawHeaders = save(
    "headers.txt",
    `POST /webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nsvix-id: ${delivery.id}\r\n` +
      `svix-timestamp: ${delivery.timestamp}\r\nsvix-signature: ${delivery.signature}\r\n\r\n${delivery.body}`,
  );
  files.jsonHeaders = save(
    "headers.json",
    JSON.stringify({
      "Svix-Id": delivery.id,
      "Svix-Timestamp": delivery.timestamp,
      "Svix-Signature": delivery.signature,
    }),
  );
}, 60_000);

afterAll(async () => {
  sandbox?.child.kill("SIGTERM");
  if (sandbox) await exited(sandbox.child);
  await hooks?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("clerk sandbox --webhook", SLOW, () => {
  test("delivers signed events and prints the signing secret; the log has a line per attempt and no secret", async () => {
    expect(info.webhook_signing_secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(info.webhooks).toEqual([hooks.url]);
    const event = JSON.parse(delivery.body) as { type: string; data: { first_name: string } };
    expect(event.type).toBe("user.created");
    expect(event.data.first_name).toBe("Ada");
    expect(
      new Webhook(secret()).verify(delivery.body, {
        "webhook-id": delivery.id,
        "webhook-timestamp": delivery.timestamp,
        "webhook-signature": delivery.signature,
      }),
    ).toEqual(event);
    // The sandbox logs an attempt once it is answered, just after the receiver has the request.
    const line = `sandbox: webhook user.created ${delivery.id} → ${hooks.url} attempt 1/6: 200\n`;
    while (!sandbox.stderr().includes(line))
      await new Promise((resolve) => sandbox.child.stderr?.once("data", resolve));
    expect(sandbox.stderr()).not.toContain(secret());
    expect(sandbox.stderr()).not.toContain(info.development.secret_key);
  });

  test("the banner shows the endpoints and the secret; a bad --webhook is a usage error", async () => {
    const child = spawn(
      process.execPath,
      [CLI_BIN, "sandbox", "--port", "0", "--data", join(dir, "banner"), "--seed", "empty", "--webhook", hooks.url],
      { env: { PATH: process.env.PATH, HOME: "/nonexistent", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        if (stdout.includes("Press Ctrl-C")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
    });
    child.removeAllListeners("exit");
    child.kill("SIGTERM");
    await exited(child);
    expect(stdout).toMatch(new RegExp(`Webhooks\\s+${hooks.url}`));
    expect(stdout).toMatch(/ {2}secret\s+whsec_[A-Za-z0-9+/]{32}/);
    expect(stdout).toMatch(/export CLERK_WEBHOOK_SIGNING_SECRET=whsec_/);

    const bad = await runCli(["sandbox", "--webhook", "localhost:3000/hooks"]);
    expect(bad.code).toBe(2);
    expect(errorOf(bad.stderr).message).toContain("--webhook");
  });
});

describe("clerk webhooks verify", SLOW, () => {
  test("a delivery recorded from the sandbox verifies, from every way of giving it", async () => {
    const plain = await withSecret([files.body, "--headers", files.rawHeaders]);
    expect(plain.code, plain.stderr).toBe(0);
    const userId = (JSON.parse(delivery.body) as { data: { id: string } }).data.id;
    expect(plain.stdout).toMatch(
      new RegExp(`^Valid signature: user\\.created ${userId} \\(svix-id ${delivery.id}\\), signed \\d+ s ago\\n$`),
    );

    const json = await verify(
      ["--headers", files.jsonHeaders, "--json"],
      {
        CLERK_WEBHOOK_SIGNING_SECRET: secret(),
      },
      delivery.body,
    );
    expect(json.code, json.stderr).toBe(0);
    expect(json.json()).toEqual({
      valid: true,
      type: "user.created",
      id: delivery.id,
      data_id: userId,
      instance_id: info.development.instance_id,
      signed_at: new Date(Number(delivery.timestamp) * 1000).toISOString(),
      timestamp_checked: true,
    });

    const flags = await withSecret([
      files.body,
      "--id",
      delivery.id,
      "--timestamp",
      delivery.timestamp,
      "--signature",
      delivery.signature,
    ]);
    expect(flags.code, flags.stderr).toBe(0);

    // From the settings store: kept in the credential store, read back by verify.
    const stored = await runCli(["config", "set", "webhook_signing_secret", "-"], {
      env: { CLERK_CONFIG_DIR: join(dir, "config"), CLERK_CREDENTIAL_STORE: "file" },
      input: `${secret()}\n`,
    });
    expect(stored.code, stored.stderr).toBe(0);
    const fromStore = await verify([files.body, "--headers", files.rawHeaders]);
    expect(fromStore.code, fromStore.stderr).toBe(0);
    const shown = await runCli(["config", "get", "webhook_signing_secret"], {
      env: { CLERK_CONFIG_DIR: join(dir, "config"), CLERK_CREDENTIAL_STORE: "file" },
    });
    expect(shown.stdout.trim()).toBe(`whsec_…${secret().slice(-4)}`);
    await runCli(["config", "unset", "webhook_signing_secret"], {
      env: { CLERK_CONFIG_DIR: join(dir, "config"), CLERK_CREDENTIAL_STORE: "file" },
    });

    for (const run of [plain, json, flags, fromStore, stored, shown]) {
      expect(run.stdout + run.stderr).not.toContain(secret().slice("whsec_".length));
    }
  });

  test("the official CLI's forms: --payload @file with the three headers, and --delivery @file", async () => {
    const headerFlags = ["--id", delivery.id, "--timestamp", delivery.timestamp, "--signature", delivery.signature];
    const payload = await withSecret(["--payload", `@${files.body}`, ...headerFlags, "--json"]);
    expect(payload.code, payload.stderr).toBe(0);
    expect(payload.json()).toMatchObject({ valid: true, type: "user.created", id: delivery.id });

    const line = JSON.stringify({
      headers: { "svix-id": delivery.id, "svix-timestamp": delivery.timestamp, "svix-signature": delivery.signature },
      body: delivery.body,
    });
    const event = save("event.json", `${line}\n`);
    const fromFile = await withSecret(["--delivery", `@${event}`, "--json"]);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.json()).toMatchObject({ valid: true, type: "user.created", id: delivery.id });
    const fromStdin = await verify(["--delivery", "-", "--secret", secret()], {}, line);
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout).toMatch(/^Valid signature: user\.created /);

    // The body is checked byte for byte: a delivery whose body was altered fails.
    const altered = JSON.stringify({ ...JSON.parse(line), body: delivery.body.replace("Ada", "Eve") });
    const tampered = await withSecret(["--delivery", `@${save("tampered-event.json", altered)}`]);
    expect(tampered.code).toBe(1);
    expect(errorOf(tampered.stderr).code).toBe("bad_signature");

    const mixed = await withSecret(["--delivery", `@${event}`, "--id", delivery.id]);
    expect(mixed.code).toBe(2);
    expect(errorOf(mixed.stderr).message).toBe("--delivery holds the whole delivery: drop --id.");
    const twoLines = await withSecret(["--delivery", `@${save("two.ndjson", `${line}\n${line}\n`)}`]);
    expect(twoLines.code).toBe(2);
    expect(errorOf(twoLines.stderr).message).toBe("--delivery holds 2 lines, not one delivery.");
    const noBody = await withSecret(["--delivery", `@${save("nobody.json", '{"headers":{}}')}`]);
    expect(noBody.code).toBe(2);
    for (const run of [payload, fromFile, fromStdin, tampered, mixed]) {
      expect(run.stdout + run.stderr).not.toContain(secret().slice("whsec_".length));
    }
  });

  test("a tampered body, a wrong secret, a stale timestamp and a malformed header fail, saying why", async () => {
    const tampered = save("tampered.json", delivery.body.replace('"first_name":"Ada"', '"first_name":"Eve"'));
    expect(tampered).not.toBe(delivery.body);
    const badBody = await withSecret([tampered, "--headers", files.rawHeaders]);
    expect(badBody.code).toBe(1);
    expect(errorOf(badBody.stderr)).toMatchObject({
      code: "bad_signature",
      message: expect.stringMatching(/^bad signature: /),
    });
    const newline = await withSecret([save("newline.json", `${delivery.body}\n`), "--headers", files.rawHeaders]);
    expect(errorOf(newline.stderr).code).toBe("bad_signature");

    const otherSecret = `whsec_${Buffer.alloc(24, 7).toString("base64")}`;
    const wrongSecret = await verify([files.body, "--headers", files.rawHeaders, "--secret", otherSecret]);
    expect(wrongSecret.code).toBe(1);
    expect(errorOf(wrongSecret.stderr).code).toBe("bad_signature");

    // Signed an hour ago by an independent implementation: authentic, but stale.
    const hourAgo = new Date(Date.now() - 3600_000);
    const oldSignature = new Webhook(secret()).sign(delivery.id, hourAgo, delivery.body);
    const old = ["--id", delivery.id, "--timestamp", String(Math.floor(hourAgo.getTime() / 1000))];
    const stale = await withSecret([files.body, ...old, "--signature", oldSignature]);
    expect(stale.code).toBe(1);
    expect(errorOf(stale.stderr)).toMatchObject({
      code: "stale_timestamp",
      message: expect.stringMatching(/^stale timestamp: signed (59|60) min ago, more than the 5 min tolerance$/),
      hint: expect.stringContaining("--ignore-timestamp"),
    });
    const ignored = await withSecret([files.body, ...old, "--signature", oldSignature, "--ignore-timestamp"]);
    expect(ignored.code, ignored.stderr).toBe(0);
    expect(ignored.stdout).toContain("(timestamp not checked)");
    const tolerant = await withSecret([files.body, ...old, "--signature", oldSignature, "--tolerance", "2h"]);
    expect(tolerant.code, tolerant.stderr).toBe(0);

    const soon = new Date(Date.now() + 3600_000);
    const future = await withSecret([
      files.body,
      "--id",
      delivery.id,
      "--timestamp",
      String(Math.floor(soon.getTime() / 1000)),
      "--signature",
      new Webhook(secret()).sign(delivery.id, soon, delivery.body),
    ]);
    expect(errorOf(future.stderr).code).toBe("future_timestamp");

    const missing = await withSecret([files.body, "--id", delivery.id, "--timestamp", delivery.timestamp]);
    expect(missing.code).toBe(1);
    expect(errorOf(missing.stderr)).toMatchObject({
      code: "malformed_header",
      message: "malformed header: missing header: svix-signature",
    });
    const garbage = await withSecret([files.body, "--headers", files.rawHeaders, "--signature", "garbage"]);
    expect(errorOf(garbage.stderr).code).toBe("malformed_header");
    const badTimestamp = await withSecret([files.body, "--headers", files.rawHeaders, "--timestamp", "yesterday"]);
    expect(errorOf(badTimestamp.stderr).message).toContain("Unix seconds");

    for (const run of [badBody, wrongSecret, stale, missing]) expect(run.stderr).not.toContain(secret());
  });

  test("usage errors exit 2 and name the fix, never echoing the secret", async () => {
    const noSecret = await verify([files.body, "--headers", files.rawHeaders]);
    expect(noSecret.code).toBe(2);
    expect(errorOf(noSecret.stderr).hint).toContain("CLERK_WEBHOOK_SIGNING_SECRET");

    const notASecret = await verify([
      files.body,
      "--headers",
      files.rawHeaders,
      "--secret",
      info.development.secret_key,
    ]);
    expect(notASecret.code).toBe(2);
    expect(errorOf(notASecret.stderr).message).toContain("--secret is not a webhook signing secret");
    expect(notASecret.stderr).not.toContain(info.development.secret_key);
    const fromEnv = await verify([files.body, "--headers", files.rawHeaders], { CLERK_WEBHOOK_SIGNING_SECRET: "nope" });
    expect(errorOf(fromEnv.stderr).message).toContain("CLERK_WEBHOOK_SIGNING_SECRET is not a webhook signing secret");

    const badTolerance = await withSecret([files.body, "--headers", files.rawHeaders, "--tolerance", "soon"]);
    expect(badTolerance.code).toBe(2);
    const both = await withSecret([
      files.body,
      "--headers",
      files.rawHeaders,
      "--tolerance",
      "1m",
      "--ignore-timestamp",
    ]);
    expect(both.code).toBe(2);
    const noFile = await withSecret([join(dir, "missing.json"), "--headers", files.rawHeaders]);
    expect(noFile.code).toBe(2);
    expect(errorOf(noFile.stderr).message).toContain("cannot read the payload");
    const twoStdins = await withSecret(["--headers", "-"]);
    expect(twoStdins.code).toBe(2);
    const badJson = await withSecret([files.body, "--headers", save("bad.json", "{nope")]);
    expect(badJson.code).toBe(2);
  });
});
