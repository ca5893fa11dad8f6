import { describe, expect, test } from "vitest";
import { maskSecret, redactJson, redactSecrets } from "./secrets";

describe("secrets shown to people", () => {
  test("are masked to their kind and last four characters", () => {
    expect(maskSecret("sk_test_abcdefghijklmnop1234")).toBe("sk_test_…1234");
    expect(maskSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZI")).toBe("whsec_…LPZI");
    expect(maskSecret("sk_live_short")).toBe("sk_live_…");
  });

  test("are found inside text and JSON; an API key's id is not a secret", () => {
    expect(redactSecrets("key sk_test_abcdefghijklmnop1234 used")).toBe("key sk_test_…1234 used");
    expect(redactSecrets("GET /api_keys/ak_3beecc9c60adb5f9b850e91a8ee1e992")).toBe(
      "GET /api_keys/ak_3beecc9c60adb5f9b850e91a8ee1e992",
    );
    expect(redactJson({ token: "ak_Zx81bq0mA9d3kL2p7QwErTyUiOp4s5Df6Gh7Jk8L", n: 1 })).toEqual({
      token: "ak_…Jk8L",
      n: 1,
    });
  });

  test("a logged body hides passwords, signing keys and client secrets whatever they look like", () => {
    expect(
      redactJson({
        email_address: ["ada@example.com"],
        password: "correct horse battery",
        signing_key: "-----BEGIN PRIVATE KEY-----…",
        oauth: { client_secret: "GOCSPX-abc", client_id: "123.apps" },
      }),
    ).toEqual({
      email_address: ["ada@example.com"],
      password: "********",
      signing_key: "********",
      oauth: { client_secret: "********", client_id: "123.apps" },
    });
  });
});
