import { describe, expect, test } from "vitest";
import { actionCommand } from "../cli/action-command";
import { parseCommandLine } from "../cli/parse";
import { catalog } from "./actions/catalog";
import { fieldsOf } from "./actions/fields";
import { cliLine, cliScript, shellQuote } from "./cli-line";

/** Splits a command line the way a POSIX shell would for the quoting cliLine produces. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (const match of line.matchAll(pattern))
    words.push(match[1] !== undefined ? match[1].replace(/'\\''/g, "'") : (match[2] as string));
  return words;
}

function shapeOf(id: string) {
  const action = catalog.find((a) => a.id === id);
  if (!action) throw new Error(id);
  return { action, shape: { id, positionals: action.positionals ?? [], fields: fieldsOf(action.input) } };
}

describe("copy as CLI", () => {
  test("quotes only what needs quoting", () => {
    expect(shellQuote("user_2abc")).toBe("user_2abc");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  test.each([
    [
      "users.list",
      { query: "ada lovelace", banned: true, limit: 50, order_by: "+created_at", email_address: ["a@x.io", "b@x.io"] },
    ],
    ["users.metadata", { user_id: "user_1", public_metadata: { plan: "pro", note: "it's" }, replace: true }],
    ["orgs.members.update", { organization_id: "org_1", user_id: "user_2", role: "org:admin" }],
    ["users.emails.add", { user_id: "user_1", email_address: "x@example.com", verified: false }],
  ])("%s: the CLI parses the line back to the same input", async (id, input) => {
    const { action, shape } = shapeOf(id);
    const line = cliLine(shape, input);
    const words = shellWords(line).slice(1 + id.split(".").length);
    const parsed = await parseCommandLine(actionCommand(action), words);
    expect(parsed.input).toEqual(action.input.parse(input));
  });

  test("a document read from stdin (-) is copied with the line as a here-document", () => {
    const { shape } = shapeOf("config.apply");
    const copied = cliScript(shape, { desired: { session: { lifetime_seconds: 86400 } }, if_match: "1" });
    expect(copied.line).toBe("clerk config apply - --if-match 1");
    expect(copied.script).toBe(
      'clerk config apply - --if-match 1 <<\'EOF\'\n{\n  "session": {\n    "lifetime_seconds": 86400\n  }\n}\nEOF',
    );
    expect(cliScript(shapeOf("users.list").shape, { query: "ada" }).script).toBe("clerk users list --query ada");
  });
});
