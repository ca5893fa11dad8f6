import { describe, expect, test } from "vitest";
import { expectJson, useSandbox } from "../../testing/harness";

const sandbox = useSandbox();

type RedirectUrl = { object: string; id: string; url: string; created_at: number; updated_at: number };
type Errors = { errors: { code: string; meta?: { param_name?: string } }[] };

describe("redirect URLs over HTTP", () => {
  test("create, list (array or paginated), get and delete", async () => {
    await sandbox.control("clock", { now: Date.UTC(2025, 5, 1), freeze: true });
    const web = await expectJson<RedirectUrl>(
      await sandbox.bapi("POST", "/redirect_urls", { url: "https://my-app.com/oauth-callback" }),
    );
    expect(web).toEqual({
      object: "redirect_url",
      id: expect.stringMatching(/^ru_/),
      url: "https://my-app.com/oauth-callback",
      created_at: Date.UTC(2025, 5, 1),
      updated_at: Date.UTC(2025, 5, 1),
    });
    await sandbox.control("clock", { advance_ms: 1000 });
    const native = await expectJson<RedirectUrl>(
      await sandbox.bapi("POST", "/redirect_urls", { url: "my-app://oauth-callback" }),
    );
    const list = await expectJson<RedirectUrl[]>(await sandbox.bapi("GET", "/redirect_urls"));
    expect(list.map((row) => row.url)).toEqual([web.url, native.url]);
    const paged = await expectJson<{ data: RedirectUrl[]; total_count: number }>(
      await sandbox.bapi("GET", "/redirect_urls?paginated=true&limit=1&offset=1"),
    );
    expect(paged).toEqual({ data: [native], total_count: 2 });
    expect(await expectJson(await sandbox.bapi("GET", `/redirect_urls/${web.id}`))).toEqual(web);

    expect(await expectJson(await sandbox.bapi("DELETE", `/redirect_urls/${web.id}`))).toEqual({
      object: "redirect_url",
      id: web.id,
      deleted: true,
    });
    await expectJson(await sandbox.bapi("GET", `/redirect_urls/${web.id}`), 404);
    await expectJson(await sandbox.bapi("DELETE", `/redirect_urls/${web.id}`), 404);
  });

  test("create refuses duplicates, relative URLs and (on production) plain http", async () => {
    await expectJson(await sandbox.bapi("POST", "/redirect_urls", { url: "http://localhost:3000/callback" }));
    const duplicate = await expectJson<Errors>(
      await sandbox.bapi("POST", "/redirect_urls", { url: "http://localhost:3000/callback" }),
      400,
    );
    expect(duplicate.errors[0]?.code).toBe("duplicate_record");
    const relative = await expectJson<Errors>(await sandbox.bapi("POST", "/redirect_urls", { url: "/callback" }), 422);
    expect(relative.errors[0]?.meta?.param_name).toBe("url");
    await expectJson(await sandbox.bapi("POST", "/redirect_urls", {}), 422);
    const production = await fetch(`${sandbox.apiUrl}/redirect_urls`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${sandbox.credentials.production.secret_key}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ url: "http://example.com/callback" }),
    });
    expect(production.status).toBe(422);
  });
});
