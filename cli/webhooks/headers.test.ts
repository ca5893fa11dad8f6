import { describe, expect, test } from "vitest";
import { parseHeaders } from "./headers";

describe("saved webhook headers", () => {
  test("raw lines from a request dump, devtools or curl -v; case-insensitive; the body is not read", () => {
    const raw =
      "POST /api/webhooks HTTP/1.1\r\nSvix-Id: msg_1\r\nsvix-timestamp:  17\r\n> svix-signature: v1,abc=\r\n\r\nsvix-id: msg_body";
    expect(parseHeaders(raw, "h.txt")).toEqual({ id: "msg_1", timestamp: "17", signature: "v1,abc=" });
  });

  test("a JSON object, with Standard Webhooks names or array values", () => {
    const json = JSON.stringify({ "webhook-id": "msg_1", "Webhook-Timestamp": 17, "svix-signature": ["v1,abc="] });
    expect(parseHeaders(json, "h.json")).toEqual({ id: "msg_1", timestamp: "17", signature: "v1,abc=" });
    expect(() => parseHeaders("[1]", "h.json")).toThrow("JSON object");
  });
});
