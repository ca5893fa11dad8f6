import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../../server/sandbox/testing/actions";

const { run } = useActionSandbox();

describe("apps redirect-urls: the instance's redirect URLs through the Platform API", () => {
  test("add, list, get and delete on the production instance; the Backend API sees the same list", async () => {
    const added = await run("apps.redirect-urls.add", { url: "my-app://oauth-callback" }, "production");
    expect(added).toMatchObject({ object: "redirect_url", url: "my-app://oauth-callback" });
    const listed = await run("apps.redirect-urls.list", {}, "production");
    expect(listed.data.map((entry) => entry.id)).toEqual([added.id]);
    expect(await run("redirect-urls.list", {}, "production")).toMatchObject({ total_count: 1 });
    expect(await run("redirect-urls.list", {}, "development")).toMatchObject({ total_count: 0 });
    expect(await run("apps.redirect-urls.get", { redirect_url_id: added.id }, "production")).toEqual(added);
    expect(await run("apps.redirect-urls.delete", { redirect_url_id: added.id }, "production")).toMatchObject({
      deleted: true,
    });
    await expect(run("apps.redirect-urls.get", { redirect_url_id: added.id }, "production")).rejects.toMatchObject({
      status: 404,
    });
  });
});
