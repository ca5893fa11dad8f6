import { describe, expect, test } from "vitest";
import { ClerkTransport } from "../clerk/transport";
import { ActionInputError } from "./errors";
import { apiPath, genericDetail, segmentProblem } from "./view";

describe("API paths are built from checked segments", () => {
  test("apiPath encodes ids and refuses empty, `.`, `..` and lone-surrogate segments as usage errors", () => {
    expect(apiPath("users", "user_1/x y", "metadata")).toBe("/users/user_1%2Fx%20y/metadata");
    expect(apiPath("users", "…😀")).toBe(`/users/${encodeURIComponent("…😀")}`);
    for (const bad of ["", ".", "..", "\ud800", "a\udfffb"]) {
      expect(segmentProblem(bad), JSON.stringify(bad)).toBeDefined();
      expect(() => apiPath("users", bad)).toThrow(ActionInputError);
    }
    expect(segmentProblem(".well-known")).toBeUndefined();
    expect(segmentProblem("...")).toBeUndefined();
  });

  test("the transport refuses a path with a dot segment (also %2e) before sending anything", async () => {
    let sent = 0;
    const transport = new ClerkTransport({
      baseUrl: "http://127.0.0.1:9/v1",
      token: () => "sk_test_unused",
      send: async () => {
        sent++;
        throw new Error("must not be sent");
      },
    });
    for (const path of ["/users/..", "/users/%2E%2e", "/users/./x", "/..?limit=1", "/users/..\\x"]) {
      await expect(transport.request({ method: "GET", path }), path).rejects.toThrow(ActionInputError);
    }
    expect(sent).toBe(0);
  });
});

describe("the generic detail view", () => {
  test("every field but object and id, times as dates, secrets masked at any depth", () => {
    const record = {
      object: "api_key",
      id: "ak_1",
      name: "ci",
      created_at: Date.UTC(2025, 0, 31, 9, 0),
      secret: "ak_live_0123456789abcdef",
      nested: { secret: "ak_live_0123456789abcdef" },
    };
    const view = genericDetail(["secret"]);
    expect(view.title(record)).toBe("api_key ak_1");
    expect(view.sections(record)).toEqual([
      {
        title: "",
        fields: [
          ["name", "ci"],
          ["created at", "2025-01-31 09:00 UTC"],
          ["secret", "ak_live_…cdef"],
          ["nested", { secret: "ak_live_…cdef" }],
        ],
      },
    ]);
  });
});
