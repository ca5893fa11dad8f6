import { describe, expect, test } from "vitest";
import { createSandboxContext } from "./context";
import type { SandboxEvent } from "./core/context";

describe("sandbox events and transactions", () => {
  const event = (type: string): SandboxEvent => ({ instanceId: "ins_test", type, data: {} });

  test("events raised in a transaction are announced after it commits, in order", () => {
    const sb = createSandboxContext();
    const seen: string[] = [];
    sb.onEvent((e) => seen.push(e.type));
    sb.tx(() => {
      sb.emit(event("user.created"));
      sb.tx(() => sb.emit(event("email.created")));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(["user.created", "email.created"]);
    sb.emit(event("user.deleted"));
    expect(seen).toEqual(["user.created", "email.created", "user.deleted"]);
    sb.db.close();
  });

  test("a transaction that rolls back announces nothing; a failed inner one only drops its own", () => {
    const sb = createSandboxContext();
    const seen: string[] = [];
    sb.onEvent((e) => seen.push(e.type));
    expect(() =>
      sb.tx(() => {
        sb.emit(event("user.created"));
        throw new Error("constraint failed");
      }),
    ).toThrow("constraint failed");
    expect(seen).toEqual([]);
    sb.tx(() => {
      sb.emit(event("organization.created"));
      try {
        sb.tx(() => {
          sb.emit(event("organizationMembership.created"));
          throw new Error("inner");
        });
      } catch {}
    });
    expect(seen).toEqual(["organization.created"]);
    sb.db.close();
  });
});
