import { describe, expect, test } from "vitest";
import { clearsValues, diffConfig, formatChanges, mergePatch, minimalPatch } from "./diff";

const live = {
  config_version: "7",
  session: { lifetime_seconds: 604800, single_session_mode: true },
  instance: { allowed_origins: ["https://a.example"], support_email: null },
};

describe("config diff", () => {
  test("lists leaf changes with dotted paths, ignoring config_version", () => {
    const desired = {
      config_version: "9",
      session: { lifetime_seconds: 86400, single_session_mode: true },
      instance: { allowed_origins: ["https://a.example", "https://b.example"], support_email: "help@example.com" },
    };
    expect(diffConfig(live, desired)).toEqual([
      {
        path: "instance.allowed_origins",
        kind: "changed",
        before: ["https://a.example"],
        after: ["https://a.example", "https://b.example"],
      },
      { path: "instance.support_email", kind: "changed", before: null, after: "help@example.com" },
      { path: "session.lifetime_seconds", kind: "changed", before: 604800, after: 86400 },
    ]);
    expect(formatChanges(diffConfig(live, desired))[2]).toBe("~ session.lifetime_seconds: 604800 → 86400");
  });

  test("a partial desired document patches only what it names and differs", () => {
    expect(minimalPatch(live, { session: { lifetime_seconds: 604800 } })).toBeUndefined();
    expect(minimalPatch(live, { session: { lifetime_seconds: 3600 } })).toEqual({
      session: { lifetime_seconds: 3600 },
    });
    expect(mergePatch(live, { session: { lifetime_seconds: 3600 } })).toEqual({
      ...live,
      session: { lifetime_seconds: 3600, single_session_mode: true },
    });
  });

  test("clearing a value is flagged", () => {
    const changes = diffConfig(live, mergePatch(live, { instance: { allowed_origins: null } }));
    expect(clearsValues(changes)).toBe(true);
    expect(clearsValues(diffConfig(live, mergePatch(live, { session: { lifetime_seconds: 1 } })))).toBe(false);
  });
});
