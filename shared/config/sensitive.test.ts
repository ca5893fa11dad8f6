import { describe, expect, test } from "vitest";
import { isSensitivePath, MASKED, maskSensitive } from "./sensitive";

const schema = {
  type: "object",
  properties: {
    session: { type: "object", properties: { lifetime_seconds: { type: "integer" } } },
    social: {
      type: "object",
      additionalProperties: {
        type: "object",
        properties: {
          client_id: { anyOf: [{ type: "string" }, { type: "null" }] },
          client_secret: { anyOf: [{ type: "string" }, { type: "null" }], "x-sensitive": true },
        },
      },
    },
  },
};

describe("sensitive config values", () => {
  test("paths marked x-sensitive, through additionalProperties", () => {
    expect(isSensitivePath(schema, "social.google.client_secret")).toBe(true);
    expect(isSensitivePath(schema, "social.google.client_id")).toBe(false);
    expect(isSensitivePath(schema, "session.lifetime_seconds")).toBe(false);
    expect(isSensitivePath(schema, "nope.at.all")).toBe(false);
  });

  test("masks secret values, also inside a section added whole; unset stays null", () => {
    expect(
      maskSensitive(
        [
          { path: "social.google.client_secret", kind: "changed", before: null, after: "s3cret" },
          { path: "social.github", kind: "added", after: { client_id: "id", client_secret: "s3cret" } },
          { path: "session.lifetime_seconds", kind: "changed", before: 1, after: 2 },
        ],
        schema,
      ),
    ).toEqual([
      { path: "social.google.client_secret", kind: "changed", before: null, after: MASKED },
      { path: "social.github", kind: "added", after: { client_id: "id", client_secret: MASKED } },
      { path: "session.lifetime_seconds", kind: "changed", before: 1, after: 2 },
    ]);
  });
});
