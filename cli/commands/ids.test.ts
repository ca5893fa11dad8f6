import { describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";

const { clerk } = useCliSandbox();
const SLOW = { timeout: 60_000 };

/** Ids are path segments: one that would change the request's path, or cannot be encoded, is a usage error. */
describe("malformed ids on the command line", SLOW, () => {
  test("`..`, `.` and a lone surrogate (via --input-json) are usage errors (exit 2) naming the field", async () => {
    for (const args of [
      ["users", "get", ".."],
      ["users", "get", "."],
      ["users", "get", "--input-json", '{"user_id":"\\ud800"}'],
      ["m2m", "machines", "get-secret", ".."],
    ]) {
      const result = await clerk(args);
      expect(result.code, `${args.join(" ")}\n${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(/user_id|user-id|machine_id|machine-id/);
      expect(result.stderr).not.toMatch(/URIError|internal/i);
    }
  });

  test("`clerk api` refuses a path with a dot segment instead of sending it elsewhere", async () => {
    const result = await clerk(["api", "/users/%2e%2e"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(". or .. segment");
  });
});
