import { verifyWebhook as clerkVerifyWebhook } from "@clerk/backend/webhooks";
import { verifyWebhook as clerkV2VerifyWebhook } from "@clerk/backend-v2/webhooks";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { ContractValidator } from "../testing/contract";
import { useSandbox } from "../testing/harness";
import { type ReceivedDelivery, startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver";
import type { DeliveryRecord, WebhookEndpoint } from "./dispatcher";
import { CLERK_WEBHOOK_EVENT_TYPES } from "./event-types";

const sandbox = useSandbox();

type Json = Record<string, unknown> & { id: string };
interface WebhooksState {
  endpoints: WebhookEndpoint[];
  deliveries: DeliveryRecord[];
}

const USER_AGENT = "webhook-test/1.0";

async function call<T = Json>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await sandbox.bapi(method, path, body, { "user-agent": USER_AGENT });
  expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

let receivers: WebhookReceiver[] = [];
let endpoints: string[] = [];

async function receiver(respond?: Parameters<typeof startWebhookReceiver>[0]): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver(respond);
  receivers.push(started);
  return started;
}

async function addEndpoint(url: string, retryDelaysMs?: number[]): Promise<WebhookEndpoint> {
  const endpoint = (await sandbox.control("webhooks", {
    url,
    ...(retryDelaysMs ? { retry_delays_ms: retryDelaysMs } : {}),
  })) as WebhookEndpoint;
  endpoints.push(endpoint.id);
  return endpoint;
}

const settle = async () => (await sandbox.control("webhooks/settle")) as WebhooksState;
/** The delivery log is the sandbox's; each test reads its own endpoints' part. */
const recordsOf = (state: WebhooksState, endpoint: WebhookEndpoint) =>
  state.deliveries.filter((record) => record.endpoint_id === endpoint.id);
const secret = () => sandbox.credentials.webhook_signing_secret;
const eventOf = (delivery: ReceivedDelivery) => JSON.parse(delivery.body) as Json & { type: string; data: Json };

beforeEach(() => {
  receivers = [];
  endpoints = [];
});

afterEach(async () => {
  for (const id of endpoints) await sandbox.control(`webhooks/${id}`, undefined, "DELETE");
  for (const started of receivers) await started.close();
});

/** Checks a delivery the way a receiving app would, with implementations that are not ours. */
async function verifyIndependently(delivery: ReceivedDelivery): Promise<void> {
  const header = (name: string) => String(delivery.headers[name]);
  const standard = new Webhook(secret()).verify(delivery.body, {
    "webhook-id": header("svix-id"),
    "webhook-timestamp": header("svix-timestamp"),
    "webhook-signature": header("svix-signature"),
  });
  expect(standard).toEqual(JSON.parse(delivery.body));
  // Clerk's own helper, in both SDK majors, as a Next.js or Express handler would call it.
  for (const clerkVerify of [clerkVerifyWebhook, clerkV2VerifyWebhook]) {
    const request = new Request("http://127.0.0.1/webhooks", {
      method: "POST",
      headers: {
        "svix-id": header("svix-id"),
        "svix-timestamp": header("svix-timestamp"),
        "svix-signature": header("svix-signature"),
      },
      body: delivery.body,
    });
    const event = await clerkVerify(request, { signingSecret: secret() });
    // 2.x hands back fewer envelope fields (no instance_id, timestamp) than 3.x.
    const { type, data, event_attributes } = eventOf(delivery);
    expect(event).toMatchObject({ type, object: "event", data, event_attributes });
  }
}

describe("webhook delivery", () => {
  test("the event types are exactly those of Clerk's webhooks document", () => {
    expect([...CLERK_WEBHOOK_EVENT_TYPES].sort()).toEqual(sandbox.contract.webhookEventTypes().sort());
  });

  test("every change is delivered in order, signed, in the webhooks document's shapes", async () => {
    const hooks = await receiver();
    const endpoint = await addEndpoint(hooks.url);

    const ada = await call("POST", "/users", { email_address: ["ada@example.com"], first_name: "Ada" });
    await call("PATCH", `/users/${ada.id}`, { last_name: "Lovelace" });
    const email = await call("POST", "/email_addresses", { user_id: ada.id, email_address: "ada2@example.com" });
    await call("POST", `/email_addresses/${email.id}/prepare_verification`);
    const phone = await call("POST", "/phone_numbers", { user_id: ada.id, phone_number: "+15550100001" });
    await call("POST", `/phone_numbers/${phone.id}/prepare_verification`);

    const revoked = await call("POST", "/sessions", { user_id: ada.id });
    await call("POST", `/sessions/${revoked.id}/revoke`);
    const ended = await call("POST", "/sessions", { user_id: ada.id });
    await sandbox.control(`sessions/${ended.id}/end`);
    const removed = await call("POST", "/sessions", { user_id: ada.id });
    await sandbox.control(`sessions/${removed.id}/remove`);
    // A ban revokes every active session, each announced.
    await call("POST", "/sessions", { user_id: ada.id });
    await call("POST", `/users/${ada.id}/ban`);
    await call("POST", `/users/${ada.id}/unban`);

    const org = await call("POST", "/organizations", { name: "Acme", created_by: ada.id });
    await call("PATCH", `/organizations/${org.id}`, { name: "Acme Inc." });
    const grace = await call("POST", "/users", { email_address: ["grace@example.com"] });
    const members = `/organizations/${org.id}/memberships`;
    await call("POST", members, { user_id: grace.id, role: "org:member" });
    await call("PATCH", `${members}/${grace.id}`, { role: "org:admin" });
    await call("DELETE", `${members}/${grace.id}`);
    const invitations = `/organizations/${org.id}/invitations`;
    const dropped = await call("POST", invitations, { email_address: "x@example.com", role: "org:member" });
    await call("POST", `${invitations}/${dropped.id}/revoke`, {});
    const invited = await call("POST", invitations, { email_address: "grace@example.com", role: "org:member" });
    await sandbox.control(`organization_invitations/${invited.id}/accept`, {});

    const role = await call("POST", "/organization_roles", { name: "Billing", key: "org:billing" });
    await call("PATCH", `/organization_roles/${role.id}`, { name: "Payments" });
    await call("DELETE", `/organization_roles/${role.id}`);
    const permission = await call("POST", "/organization_permissions", { name: "Read", key: "org:reports:read" });
    await call("PATCH", `/organization_permissions/${permission.id}`, { name: "Read reports" });
    await call("DELETE", `/organization_permissions/${permission.id}`);
    await call("PATCH", "/instance/organization_settings", { domains_enabled: true });
    const domains = `/organizations/${org.id}/domains`;
    const domain = await call("POST", domains, { name: "acme.com", enrollment_mode: "manual_invitation" });
    await call("POST", `${domains}/${domain.id}/verify_ownership`);
    await call("DELETE", `${domains}/${domain.id}`);

    // Not Clerk webhooks: application invitations and allowlist entries (the invitation's email is one).
    await call("POST", "/invitations", { email_address: "new@example.com" });
    await call("POST", "/allowlist_identifiers", { identifier: "allowed@example.com" });

    await call("DELETE", `/organizations/${org.id}`);
    await call("DELETE", `/users/${ada.id}`);

    const state = await settle();
    const deliveries = hooks.received;
    const events = deliveries.map(eventOf);
    expect(events.map((event) => event.type)).toEqual([
      "user.created",
      "user.updated",
      "user.updated", // an email address added
      "email.created", // its verification code
      "user.updated", // a phone number added
      "sms.created",
      "session.created",
      "session.revoked",
      "session.created",
      "session.ended",
      "session.created",
      "session.removed",
      "session.created",
      "session.revoked", // by the ban
      "user.updated",
      "user.updated", // the unban
      "organization.created",
      "organizationMembership.created", // the creator's
      "organization.updated",
      "user.created",
      "organizationMembership.created",
      "organizationMembership.updated",
      "organizationMembership.deleted",
      "organizationInvitation.created",
      "email.created", // the invitation's email
      "organizationInvitation.revoked",
      "organizationInvitation.created",
      "email.created",
      "organizationInvitation.accepted",
      "organizationMembership.created",
      "role.created",
      "role.updated",
      "role.deleted",
      "permission.created",
      "permission.updated",
      "permission.deleted",
      "organizationDomain.created",
      "organizationDomain.updated",
      "organizationDomain.deleted",
      "email.created", // the application invitation's email; `invitation.created` is no Clerk webhook
      "organization.deleted",
      "user.deleted",
    ]);

    const records = recordsOf(state, endpoint);
    expect(records.every((d) => d.status === "delivered" && d.attempts.length === 1)).toBe(true);
    expect(deliveries.map((d) => d.headers["svix-id"])).toEqual(records.map((d) => d.message_id));

    for (const delivery of deliveries) {
      expect(sandbox.contract.checkWebhook(delivery.body)).toBeUndefined();
      await verifyIndependently(delivery);
      expect(delivery.headers["content-type"]).toBe("application/json");
      expect(delivery.headers["svix-id"]).toMatch(/^msg_[0-9A-Za-z]{27}$/);
    }
    for (const event of events) {
      expect(event).toMatchObject({
        object: "event",
        instance_id: sandbox.credentials.development.instance_id,
        event_attributes: { http_request: { client_ip: "127.0.0.1" } },
      });
      expect(typeof event.timestamp).toBe("number");
    }
    const userCreated = events.find((event) => event.type === "user.created") as Json & { data: Json };
    expect(userCreated.data).toMatchObject({ id: ada.id, object: "user", first_name: "Ada" });
    expect(userCreated.event_attributes).toEqual({ http_request: { client_ip: "127.0.0.1", user_agent: USER_AGENT } });
  });

  test("a failing endpoint is retried with backoff, in order, without ever holding up the API", async () => {
    let release: (status: number) => void = () => {};
    const held = new Promise<number>((resolve) => {
      release = resolve;
    });
    // The first attempt is held unanswered, then fails; so does the second; the third succeeds.
    const hooks = await receiver((_delivery, index) => (index === 0 ? held : index === 1 ? 503 : 200));
    const logged: string[] = [];
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      logged.push(String(chunk));
      return true;
    });
    try {
      const endpoint = await addEndpoint(`${hooks.url}?token=query-secret`, [20, 40, 80]);
      const ada = await call("POST", "/users", { email_address: ["ada@example.com"] });
      await hooks.waitFor(1);
      // The API answers while the delivery of the first event is still waiting for the endpoint.
      const grace = await call("POST", "/users", { email_address: ["grace@example.com"] });
      release(500);
      const state = await settle();

      const received = await hooks.waitFor(4);
      expect(received.map((delivery) => eventOf(delivery).data.id)).toEqual([ada.id, ada.id, ada.id, grace.id]);
      const [first, second, third] = received as [ReceivedDelivery, ReceivedDelivery, ReceivedDelivery];
      // One message id across retries (receivers deduplicate on it), each attempt signed afresh.
      expect(new Set([first, second, third].map((d) => d.headers["svix-id"])).size).toBe(1);
      for (const delivery of received) await verifyIndependently(delivery);

      const records = recordsOf(state, endpoint).map((d) => ({
        type: d.type,
        status: d.status,
        answers: d.attempts.map((a) => a.status),
      }));
      expect(records).toEqual([
        { type: "user.created", status: "delivered", answers: [500, 503, 200] },
        { type: "user.created", status: "delivered", answers: [200] },
      ]);
      const lines = logged
        .join("")
        .split("\n")
        .filter((line) => line.includes("sandbox: webhook"));
      const id = String(first.headers["svix-id"]);
      expect(lines).toEqual([
        `sandbox: webhook user.created ${id} → ${hooks.url} attempt 1/4: 500, retrying in 0.02 s`,
        `sandbox: webhook user.created ${id} → ${hooks.url} attempt 2/4: 503, retrying in 0.04 s`,
        `sandbox: webhook user.created ${id} → ${hooks.url} attempt 3/4: 200`,
        expect.stringMatching(/^sandbox: webhook user\.created msg_\w+ → \S+ attempt 1\/4: 200$/),
      ]);
      expect(logged.join("")).not.toContain("query-secret");
      expect(logged.join("")).not.toContain(secret().slice("whsec_".length));
    } finally {
      stderr.mockRestore();
    }
  });

  test("retries are bounded: an endpoint that never succeeds gets each event a fixed number of times, in order", async () => {
    const failing = await receiver(() => 500);
    const refusing = await receiver();
    await refusing.close();
    const failingEndpoint = await addEndpoint(failing.url, [10]);
    const refusingEndpoint = await addEndpoint(refusing.url, [10, 10]);
    const ada = await call("POST", "/users", { email_address: ["ada@example.com"] });
    await call("PATCH", `/users/${ada.id}`, { first_name: "Ada" });
    const state = await settle();

    expect(failing.received.map((d) => eventOf(d).type)).toEqual([
      "user.created",
      "user.created",
      "user.updated",
      "user.updated",
    ]);
    const summary = (endpoint: WebhookEndpoint) =>
      recordsOf(state, endpoint).map((d) => ({
        type: d.type,
        status: d.status,
        attempts: d.attempts.map((a) => a.status ?? a.error),
      }));
    expect(summary(failingEndpoint)).toEqual([
      { type: "user.created", status: "failed", attempts: [500, 500] },
      { type: "user.updated", status: "failed", attempts: [500, 500] },
    ]);
    expect(summary(refusingEndpoint)).toEqual([
      { type: "user.created", status: "failed", attempts: ["ECONNREFUSED", "ECONNREFUSED", "ECONNREFUSED"] },
      { type: "user.updated", status: "failed", attempts: ["ECONNREFUSED", "ECONNREFUSED", "ECONNREFUSED"] },
    ]);
  });

  test("endpoints are added and removed at run time; bad URLs are refused", async () => {
    const hooks = await receiver();
    const endpoint = await addEndpoint(hooks.url);
    expect(endpoint).toMatchObject({ id: expect.stringMatching(/^ep_/), url: hooks.url });
    expect(((await sandbox.control("webhooks", undefined, "GET")) as WebhooksState).endpoints).toEqual([endpoint]);
    await call("POST", "/users", { email_address: ["ada@example.com"] });
    await settle();
    await sandbox.control(`webhooks/${endpoint.id}`, undefined, "DELETE");
    endpoints = [];
    await call("POST", "/users", { email_address: ["grace@example.com"] });
    await settle();
    expect(hooks.received).toHaveLength(1);

    for (const url of ["not a url", "ftp://127.0.0.1/hooks"]) {
      const refused = await fetch(`${sandbox.url}/__sandbox/webhooks`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url }),
      });
      expect(refused.status).toBe(422);
    }
    const missing = await fetch(`${sandbox.url}/__sandbox/webhooks/ep_missing`, { method: "DELETE" });
    expect(missing.status).toBe(404);
  });

  test("the webhooks contract check is strict: an extra or a missing field is a violation", async () => {
    const hooks = await receiver();
    await addEndpoint(hooks.url);
    const ada = await call("POST", "/users", { email_address: ["ada@example.com"] });
    await call("POST", "/sessions", { user_id: ada.id });
    await settle();
    const session = hooks.received.map(eventOf).find((event) => event.type === "session.created") as Json & {
      data: Json;
    };
    const strict = new ContractValidator();
    expect(strict.checkWebhook(JSON.stringify(session))).toBeUndefined();
    const extra = { ...session, data: { ...session.data, tasks: null } };
    expect(strict.checkWebhook(JSON.stringify(extra))?.problem).toContain("additional properties (tasks)");
    const { user: _user, ...withoutUser } = session.data;
    expect(strict.checkWebhook(JSON.stringify({ ...session, data: withoutUser }))?.problem).toContain("'user'");
    expect(strict.checkWebhook(JSON.stringify({ ...session, type: "session.unknown" }))?.problem).toContain(
      "not in Clerk's webhooks document",
    );
  });
});
