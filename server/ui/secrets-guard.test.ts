import { describe, expect, test } from "vitest";
import { containsSecret } from "./secrets-guard";

describe("the browser-bound secret guard", () => {
  test("catches Clerk secret keys, platform and API key secrets, webhook secrets and known tokens", () => {
    expect(containsSecret('{"key":"sk_test_abcdefgh12345678"}', [])).toBe(true);
    expect(containsSecret('{"key":"sk_live_abcdefgh12345678"}', [])).toBe(true);
    expect(containsSecret('{"secret":"ak_Zx81bq0mA9d3kL2p7QwErTyUiOp4s5Df6Gh7Jk8L"}', [])).toBe(true);
    expect(containsSecret('{"secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}', [])).toBe(true);
    expect(containsSecret('{"token":"oat_opaque-token-value"}', ["oat_opaque-token-value"])).toBe(true);
  });

  test("catches M2M tokens, JWTs (actor, session, M2M) and sign-in ticket URLs", () => {
    expect(containsSecret('{"token":"mt_Zx81bq0mA9d3kL2p7QwErTyUiOp4s5Df6Gh7Jk8LmN0pQ1rS"}', [])).toBe(true);
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEiLCJleHAiOjF9.c2lnbmF0dXJl";
    expect(containsSecret(`{"token":"${jwt}"}`, [])).toBe(true);
    expect(containsSecret('{"url":"https://a.clerk.accounts.dev/v1/tickets/accept?ticket=abcdefgh12345678"}', [])).toBe(
      true,
    );
    expect(containsSecret('{"url":"https://example.com/sign-in?__clerk_ticket=abcdefgh12345678"}', [])).toBe(true);
  });

  test("lets ids and publishable keys through: an API key's id is ak_ and 32 hex digits", () => {
    expect(containsSecret('{"id":"ak_3beecc9c60adb5f9b850e91a8ee1e992"}', [])).toBe(false);
    expect(
      containsSecret('{"id":"user_2xhFjEI5X2qWRvtV13BzSj8H6Dk","pk":"pk_test_Y2xlcmsuZXhhbXBsZS5jb20k"}', []),
    ).toBe(false);
    expect(containsSecret('{"id":"mt_f7f0ba8c3b4843ce7d85fcdd5e71853e"}', [])).toBe(false);
    expect(containsSecret('{"claims":{"iss":"https://example.com"},"kid":"ins_2abc"}', [])).toBe(false);
    // 32 hex digits followed by more characters is a secret, not an id.
    expect(containsSecret('{"secret":"ak_3beecc9c60adb5f9b850e91a8ee1e992abcd1234"}', [])).toBe(true);
  });
});
