import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";
import { platformClient } from "./test-client";

const sandbox = useSandbox();
const platform = platformClient(sandbox);

/** A 1×1 PNG, as the Platform API document's example. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

/** Uploads `bytes` as the multipart `file` part, as Clerk's clients do. */
function upload(path: string, bytes: Buffer | null, type = "image/png") {
  const form = new FormData();
  if (bytes) form.set("file", new Blob([new Uint8Array(bytes)], { type }), "image");
  return fetch(`${sandbox.url}/v1/platform${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${sandbox.credentials.platform_api_key}` },
    body: form,
  });
}

describe("Platform API application logo and favicon", () => {
  const appPath = () => `/applications/${sandbox.credentials.application_id}`;

  test("upload, replace and delete answer with the application", async () => {
    const application = await platform.json("GET", appPath());
    for (const kind of ["logo", "favicon"]) {
      await platform.error(404, "DELETE", `${appPath()}/${kind}`);
      const uploaded = await upload(`${appPath()}/${kind}`, PNG);
      expect(uploaded.status).toBe(200);
      expect(await uploaded.json()).toEqual(application);
      expect((await upload(`${appPath()}/${kind}`, PNG)).status).toBe(200);
      expect(await platform.json("DELETE", `${appPath()}/${kind}`)).toEqual(application);
      await platform.error(404, "DELETE", `${appPath()}/${kind}`);
    }
    expect((await upload(`${appPath()}/favicon`, PNG, "image/x-icon")).status).toBe(200);
  });

  test("validation: a file of an image type, an existing application", async () => {
    const missing = await upload(`${appPath()}/logo`, null);
    expect(missing.status).toBe(422);
    expect((await missing.json()).errors[0].meta.param_name).toBe("file");
    const text = await upload(`${appPath()}/logo`, Buffer.from("hello"), "text/plain");
    expect(text.status).toBe(400);
    expect((await text.json()).errors[0].code).toBe("image_type_invalid");
    const icoLogo = await upload(`${appPath()}/logo`, PNG, "image/x-icon");
    expect(icoLogo.status).toBe(400);
    const empty = await upload(`${appPath()}/favicon`, Buffer.alloc(0));
    expect(empty.status).toBe(422);
    expect((await upload("/applications/app_missing/logo", PNG)).status).toBe(404);
    await platform.error(404, "DELETE", "/applications/app_missing/favicon");
  });
});
