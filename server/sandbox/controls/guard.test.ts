import type { InjectOptions } from "fastify";
import { beforeEach, describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../testing/harness";

const sandbox = useSandbox({ resetEachTest: false });

const EVIL = { origin: "https://evil.com", "sec-fetch-site": "cross-site" };

async function userCount(): Promise<number> {
  return (await expectJson<{ total_count: number }>(sandbox.bapi("GET", "/users/count"))).total_count;
}

async function pendingFaults(): Promise<unknown[]> {
  return ((await sandbox.control("faults", undefined, "GET")) as { faults: unknown[] }).faults;
}

const inject = (options: InjectOptions) => sandbox.server.app.inject(options);

beforeEach(async () => {
  await sandbox.control("reset");
  await sandbox.control("seed", { users: 2 });
});

describe("the sandbox's test controls refuse other sites", () => {
  test("a cross-site reset is refused and deletes nothing", async () => {
    const response = await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST", headers: EVIL });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe("origin_not_allowed");
    expect(await userCount()).toBe(2);
  });

  test("Sec-Fetch-Site cross-site or same-site without an Origin is refused", async () => {
    for (const site of ["cross-site", "same-site"]) {
      const response = await fetch(`${sandbox.url}/__sandbox/reset`, {
        method: "POST",
        headers: { "sec-fetch-site": site },
      });
      expect(response.status, site).toBe(403);
    }
    // Reading the printed keys from another page (a no-cors GET) is refused too.
    const info = await fetch(`${sandbox.url}/__sandbox/info`, {
      headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors" },
    });
    expect(info.status).toBe(403);
    expect(await userCount()).toBe(2);
  });

  test("an Origin of another port on this machine is refused", async () => {
    const response = await fetch(`${sandbox.url}/__sandbox/reset`, {
      method: "POST",
      headers: { origin: `http://127.0.0.1:${sandbox.server.port + 1}` },
    });
    expect(response.status).toBe(403);
    expect(await userCount()).toBe(2);
  });

  test("a form post (no Origin, no Fetch-Metadata) cannot queue a fault: bodies must be JSON", async () => {
    for (const [type, body] of [
      ["application/x-www-form-urlencoded", "kind=500&count=5"],
      ["text/plain", '{"kind":"500"}'],
      ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\n500\r\n--x--\r\n'],
    ]) {
      const response = await fetch(`${sandbox.url}/__sandbox/faults`, {
        method: "POST",
        headers: { "content-type": type as string },
        body,
      });
      expect(response.status, type).toBe(415);
      expect(((await response.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe("json_required");
    }
    const emptyForm = await fetch(`${sandbox.url}/__sandbox/reset`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(emptyForm.status).toBe(415);
    expect(await pendingFaults()).toEqual([]);
    expect(await userCount()).toBe(2);
  });

  test("Host must be a loopback name with the sandbox's own port (DNS rebinding)", async () => {
    for (const name of [
      "evil.com",
      `evil.com:${sandbox.server.port}`,
      `127.0.0.1:${sandbox.server.port + 1}`,
      "localhost",
    ]) {
      const response = await inject({ method: "POST", url: "/__sandbox/reset", headers: { host: name } });
      expect(response.statusCode, name).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, name).toBeLessThan(500);
    }
    expect(await userCount()).toBe(2);
  });

  test("tools and tests keep working: JSON bodies, bodyless posts and the sandbox's own origin", async () => {
    expect(await sandbox.control("faults", { kind: "500", path_prefix: "/v1/nowhere" })).toMatchObject({
      fault: { kind: "500" },
    });
    expect(await pendingFaults()).toHaveLength(1);
    const cleared = await fetch(`${sandbox.url}/__sandbox/faults`, { method: "DELETE" });
    expect(cleared.status).toBe(200);
    for (const name of ["127.0.0.1", "localhost", "[::1]"]) {
      const own = `${name}:${sandbox.server.port}`;
      const response = await inject({
        method: "POST",
        url: "/__sandbox/clock",
        headers: {
          host: own,
          origin: `http://${own}`,
          "sec-fetch-site": "same-origin",
          "content-type": "application/json; charset=utf-8",
        },
        payload: JSON.stringify({ reset: true }),
      });
      expect(response.statusCode, own).toBe(200);
    }
    const reset = await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST" });
    expect(reset.status).toBe(200);
    expect(await userCount()).toBe(0);
  });

  test("the Backend API stays as it is: SDKs call it server-side with a bearer key", async () => {
    const response = await sandbox.bapi("GET", "/users/count", undefined, EVIL);
    expect(response.status).toBe(200);
  });
});
