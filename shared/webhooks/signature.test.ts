import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, test } from "vitest";
import { formatSigningSecret, SigningSecretError, signingKey, signWebhook, verifyWebhookSignature } from "./signature";

const secret = formatSigningSecret(randomBytes(24));
const now = Date.now();
const timestamp = String(Math.floor(now / 1000));
const body = JSON.stringify({ type: "user.created", data: { id: "user_1", name: "Zoë ✓" } });
const options = { now, toleranceSeconds: 300 };

describe("Svix-style signatures", () => {
  test("agree with Standard Webhooks both ways", () => {
    const ours = signWebhook(secret, { id: "msg_1", timestamp, body });
    expect(new Webhook(secret).sign("msg_1", new Date(Number(timestamp) * 1000), body)).toBe(ours);
    expect(
      new Webhook(secret).verify(body, {
        "webhook-id": "msg_1",
        "webhook-timestamp": timestamp,
        "webhook-signature": ours,
      }),
    ).toEqual(JSON.parse(body));
    const theirs = new Webhook(secret).sign("msg_2", new Date(now), Buffer.from(body));
    const headers = { id: "msg_2", timestamp, signature: theirs };
    expect(verifyWebhookSignature(secret, headers, Buffer.from(body), options)).toEqual({
      valid: true,
      signedAt: Number(timestamp) * 1000,
    });
  });

  test("any matching v1 entry of several passes (secret rotation); other versions are ignored", () => {
    const good = signWebhook(secret, { id: "msg_1", timestamp, body });
    const other = signWebhook(formatSigningSecret(randomBytes(24)), { id: "msg_1", timestamp, body });
    const signature = `v2,${good.slice(3)} ${other} ${good}`;
    expect(verifyWebhookSignature(secret, { id: "msg_1", timestamp, signature }, body, options).valid).toBe(true);
    const onlyV2 = { id: "msg_1", timestamp, signature: `v2,${good.slice(3)}` };
    expect(verifyWebhookSignature(secret, onlyV2, body, options)).toMatchObject({ reason: "malformed_header" });
  });

  test("the signature covers the id and the timestamp, not just the body", () => {
    const signature = signWebhook(secret, { id: "msg_1", timestamp, body });
    const otherId = verifyWebhookSignature(secret, { id: "msg_9", timestamp, signature }, body, options);
    expect(otherId).toMatchObject({ valid: false, reason: "bad_signature" });
    const otherTime = { id: "msg_1", timestamp: String(Number(timestamp) - 1), signature };
    expect(verifyWebhookSignature(secret, otherTime, body, options)).toMatchObject({ reason: "bad_signature" });
  });

  test("secrets must be whsec_<base64>", () => {
    expect(signingKey(secret)).toHaveLength(24);
    for (const bad of ["", "whsec_", "sk_test_abc", "whsec_not base64!", "dGVzdA=="]) {
      expect(() => signingKey(bad)).toThrow(SigningSecretError);
    }
  });
});
