import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { useActionSandbox } from "../../server/sandbox/testing/actions";

/** A 1×1 PNG on disk, as the upload actions read their files. */
const dir = mkdtempSync(join(tmpdir(), "clerk-images-"));
const png = join(dir, "logo.png");
writeFileSync(
  png,
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64"),
);

const { run } = useActionSandbox();

describe("image uploads of the Backend API (multipart)", () => {
  test("users profile-image set, then delete; a file that is no image is named", async () => {
    const ada = await run("users.create", { email_address: ["ada@example.com"] });
    const withImage = await run("users.profile-image.set", { user_id: ada.id, file: png });
    expect(withImage).toMatchObject({ id: ada.id, has_image: true });
    expect(await run("users.profile-image.delete", { user_id: ada.id })).toMatchObject({ has_image: false });
    await expect(
      run("users.profile-image.set", { user_id: ada.id, file: join(dir, "notes.txt") }),
    ).rejects.toMatchObject({ code: "image_type_unknown" });
  });

  test("orgs logo set (by slug), then delete", async () => {
    const org = await run("orgs.create", { name: "Acme", slug: "acme" });
    const withLogo = await run("orgs.logo.set", { organization_id: "acme", file: png });
    expect(withLogo).toMatchObject({ id: org.id, has_image: true });
    expect(await run("orgs.logo.delete", { organization_id: org.id })).toMatchObject({ has_image: false });
  });

  test("oauth-apps logo set gives the application its client image", async () => {
    const app = await run("oauth-apps.create", { name: "Dashboard", redirect_uri: ["https://dash.example.com/cb"] });
    const withLogo = await run("oauth-apps.logo.set", { oauth_app_id: app.id, file: png });
    expect(withLogo).toMatchObject({ id: app.id });
    expect(String((withLogo as { client_image_url?: string }).client_image_url)).toMatch(/^https:\/\//);
  });
});
