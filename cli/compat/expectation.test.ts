import { describe, expect, test } from "vitest";
import type { CliResult } from "../testing/run-cli";
import { problemWith } from "./expectation";

const result = (code: number, stdout: string, stderr = ""): CliResult => ({
  code,
  stdout,
  stderr,
  json: () => JSON.parse(stdout),
});

describe("problemWith", () => {
  test("expect.stderr: a documented refusal must be the one named", () => {
    const refusal = result(2, "", '{"error":{"message":"… Refusing without confirmation.","hint":"Pass --yes"}}');
    const expected = { exit: 2, stderr: ["Refusing without confirmation", "--yes"] };
    expect(problemWith(refusal, expected)).toBeUndefined();
    expect(problemWith(result(2, "", '{"error":{"message":"bad value"}}'), expected)).toMatch(
      /^stderr lacks "Refusing without confirmation"/,
    );
  });

  test("a bare array: `[]` paths walk every element", () => {
    const array = result(
      1,
      JSON.stringify([
        { name: "Node.js", status: "pass" },
        { name: "API", status: "fail" },
      ]),
    );
    const expected = {
      exit: [0, 1],
      json: ["[].name", "[].status"],
      values: { "[].status": ["pass", "warn", "fail"] },
    };
    expect(problemWith(array, expected)).toBeUndefined();
    expect(problemWith(result(0, JSON.stringify({ checks: [] })), expected)).toBe("JSON lacks [].name");
  });
});
