import { describe, expect, test } from "vitest";
import { useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

describe("GET /v1/public/interstitial", () => {
  test("serves the page loading clerk.js from the instance's Frontend API, without a secret key", async () => {
    const key = sandbox.credentials.development.publishable_key;
    const response = await fetch(`${sandbox.apiUrl}/public/interstitial?publishable_key=${key}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    const host = Buffer.from(key.replace(/^pk_test_/, ""), "base64")
      .toString()
      .replace(/\$$/, "");
    expect(html).toContain(`src="https://${host}/npm/@clerk/clerk-js@5/dist/clerk.browser.js"`);
    expect(html).toContain(`data-clerk-publishable-key="${key}"`);

    const proxied = await fetch(
      `${sandbox.apiUrl}/public/interstitial?frontend_api=${host}&proxy_url=${encodeURIComponent("https://app.example.com/__clerk")}`,
    );
    expect(await proxied.text()).toContain('src="https://app.example.com/__clerk/npm/@clerk/clerk-js@5');
  });

  test("needs a publishable key or Frontend API of a known instance", async () => {
    expect((await fetch(`${sandbox.apiUrl}/public/interstitial`)).status).toBe(422);
    expect((await fetch(`${sandbox.apiUrl}/public/interstitial?publishable_key=pk_test_unknown`)).status).toBe(404);
  });
});
