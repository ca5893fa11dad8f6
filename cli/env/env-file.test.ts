import { describe, expect, test } from "vitest";
import { mergeEnvFile } from "./env-file";

const PK = { name: "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", value: "pk_test_new" };
const SK = { name: "CLERK_SECRET_KEY", value: "sk_test_new" };

describe("mergeEnvFile", () => {
  test("appends missing variables, keeping every other byte (CRLF, comments, no final newline)", () => {
    const before = '# database\r\nDATABASE_URL="postgres://localhost/db"\r\n\r\n  # indented comment\r\nFOO=bar';
    const merged = mergeEnvFile(before, [PK, SK]);
    expect(merged.text).toBe(
      `${before}\r\nNEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_new\r\nCLERK_SECRET_KEY=sk_test_new\r\n`,
    );
    expect(merged.changes).toEqual([
      { name: PK.name, action: "added" },
      { name: SK.name, action: "added" },
    ]);
    expect(mergeEnvFile("", [SK]).text).toBe("CLERK_SECRET_KEY=sk_test_new\n");
  });

  test("updates Clerk lines where they stand: quotes, export and inline comments kept", () => {
    const before = [
      "A=1",
      'export NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY="pk_test_old" # from the dashboard',
      "B=2",
      "CLERK_SECRET_KEY = 'sk_test_old'",
      "C=3",
      "",
    ].join("\n");
    const merged = mergeEnvFile(before, [PK, SK]);
    expect(merged.text).toBe(
      [
        "A=1",
        'export NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY="pk_test_new" # from the dashboard',
        "B=2",
        "CLERK_SECRET_KEY = 'sk_test_new'",
        "C=3",
        "",
      ].join("\n"),
    );
    expect(merged.changes).toEqual([
      { name: PK.name, action: "updated", previous: "pk_test_old" },
      { name: SK.name, action: "updated", previous: "sk_test_old" },
    ]);
  });

  test("same values are unchanged; an empty placeholder is filled without counting as an overwrite", () => {
    const same = mergeEnvFile("CLERK_SECRET_KEY=sk_test_new\n", [SK]);
    expect(same).toEqual({ text: "CLERK_SECRET_KEY=sk_test_new\n", changes: [{ name: SK.name, action: "unchanged" }] });
    const placeholder = mergeEnvFile('CLERK_SECRET_KEY=\nCLERK_SECRET_KEY=""\n', [SK]);
    expect(placeholder.text).toBe('CLERK_SECRET_KEY=sk_test_new\nCLERK_SECRET_KEY="sk_test_new"\n');
    expect(placeholder.changes).toEqual([{ name: SK.name, action: "updated" }]);
  });

  test("onlyIfPresent variables are updated but never added", () => {
    const other = { name: "CLERK_PUBLISHABLE_KEY", value: "pk_test_new", onlyIfPresent: true };
    expect(mergeEnvFile("X=1\n", [other]).text).toBe("X=1\n");
    expect(mergeEnvFile("CLERK_PUBLISHABLE_KEY=pk_test_old\n", [other]).text).toBe(
      "CLERK_PUBLISHABLE_KEY=pk_test_new\n",
    );
  });

  test("lines inside a multi-line quoted value, and commented-out assignments, are not assignments", () => {
    const before = [
      'PRIVATE_KEY="-----BEGIN KEY-----',
      "CLERK_SECRET_KEY=not_a_line_of_its_own",
      '-----END KEY-----"',
      "# CLERK_SECRET_KEY=sk_test_commented",
      "",
    ].join("\n");
    const merged = mergeEnvFile(before, [SK]);
    expect(merged.text).toBe(`${before}CLERK_SECRET_KEY=sk_test_new\n`);
    expect(merged.changes).toEqual([{ name: SK.name, action: "added" }]);
  });
});
