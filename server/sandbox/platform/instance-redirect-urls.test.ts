import { describe, expect, test } from "vitest";
import { useSandbox } from "../testing/harness";
import { platformClient } from "./test-client";

const sandbox = useSandbox();
const platform = platformClient(sandbox);

describe("Platform API instance redirect URLs", () => {
  const urls = (env = "development") =>
    `/applications/${sandbox.credentials.application_id}/instances/${env}/redirect_urls`;

  test("create, list, get, delete: the Backend API's redirect URLs", async () => {
    const created = await platform.json("POST", urls(), { url: "my-app://oauth-callback" });
    expect(created).toMatchObject({
      object: "redirect_url",
      id: expect.stringMatching(/^ru_/),
      url: "my-app://oauth-callback",
    });
    // One table, two APIs.
    expect(await (await sandbox.bapi("GET", `/redirect_urls/${created.id}`)).json()).toEqual(created);
    const second = await (await sandbox.bapi("POST", "/redirect_urls", { url: "https://app.example.com/cb" })).json();

    expect(await platform.json("GET", urls())).toEqual({ data: [created, second], total_count: 2 });
    expect(await platform.json("GET", `${urls()}?limit=1&offset=1`)).toEqual({ data: [second], total_count: 2 });
    expect(await platform.json("GET", `${urls()}/${created.id}`)).toEqual(created);

    const deleted = await platform.json("DELETE", `${urls()}/${created.id}`);
    expect(deleted).toEqual({ object: "redirect_url", id: created.id, deleted: true });
    await platform.error(404, "GET", `${urls()}/${created.id}`);
  });

  test("the Backend API's validation; redirect URLs are per instance", async () => {
    const duplicate = await platform.json("POST", urls(), { url: "https://dup.example.com" });
    expect((await platform.error(400, "POST", urls(), { url: "https://dup.example.com" }))?.code).toBe(
      "duplicate_record",
    );
    expect(
      (await platform.error(422, "POST", urls("production"), { url: "http://insecure.example.com" }))?.meta?.param_name,
    ).toBe("url");
    expect((await platform.error(422, "POST", urls(), {}))?.meta?.param_name).toBe("url");
    expect(await platform.json("GET", urls("production"))).toEqual({ data: [], total_count: 0 });
    await platform.error(404, "GET", `${urls("production")}/${duplicate.id}`);
    await platform.error(404, "DELETE", `${urls("production")}/${duplicate.id}`);
    await platform.error(404, "GET", urls("staging"));
  });
});
