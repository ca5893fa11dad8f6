import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run, all } = useActionSandbox();

describe("redirect-urls actions", () => {
  test("add, list (a page and --all), get and delete", async () => {
    const added = await run("redirect-urls.add", { url: "my-app://oauth-callback" });
    expect(added).toMatchObject({ object: "redirect_url", url: "my-app://oauth-callback" });
    await run("redirect-urls.add", { url: "https://example.com/sso" });
    const page = await run("redirect-urls.list", { limit: 1 });
    expect(page.total_count).toBe(2);
    expect(page.data.map((r) => r.url)).toEqual(["my-app://oauth-callback"]);
    expect((await all("redirect-urls.list")).map((r) => (r as { url: string }).url)).toEqual([
      "my-app://oauth-callback",
      "https://example.com/sso",
    ]);
    expect(await run("redirect-urls.get", { redirect_url_id: added.id })).toEqual(added);
    expect(await run("redirect-urls.delete", { redirect_url_id: added.id })).toEqual({
      object: "redirect_url",
      id: added.id,
      deleted: true,
    });
    expect((await run("redirect-urls.list", {})).total_count).toBe(1);
  });

  test("Clerk's refusals: a URL twice, plain http in production, an unknown id", async () => {
    await run("redirect-urls.add", { url: "my-app://cb" });
    await expect(run("redirect-urls.add", { url: "my-app://cb" })).rejects.toMatchObject({
      status: 400,
      errors: [{ code: "duplicate_record" }],
    });
    await expect(run("redirect-urls.add", { url: "http://example.com/cb" }, "production")).rejects.toMatchObject({
      status: 422,
      errors: [{ meta: { param_name: "url" } }],
    });
    await expect(run("redirect-urls.get", { redirect_url_id: "ru_missing" })).rejects.toMatchObject({ status: 404 });
  });
});
