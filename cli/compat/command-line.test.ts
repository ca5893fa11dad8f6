import { describe, expect, test } from "vitest";
import { parseCommandLine } from "./command-line";

describe("parseCommandLine", () => {
  test("quotes, JSON bodies and query strings stay one argument", () => {
    expect(parseCommandLine(`clerk api /users -d '{"email_address":["a@b.co"]}'`).args).toEqual([
      "api",
      "/users",
      "-d",
      '{"email_address":["a@b.co"]}',
    ]);
    expect(parseCommandLine(`clerk users create --name "Acme Corp" x"y z"`).args).toEqual([
      "users",
      "create",
      "--name",
      "Acme Corp",
      "xy z",
    ]);
    expect(parseCommandLine("clerk api /users?limit=5&order_by=-created_at").args).toEqual([
      "api",
      "/users?limit=5&order_by=-created_at",
    ]);
  });

  test("pipes into clerk become stdin; redirections and pipes out of clerk are dropped", () => {
    expect(parseCommandLine("cat payload.json | clerk api /users")).toEqual({
      args: ["api", "/users"],
      stdin: { file: "payload.json" },
    });
    expect(parseCommandLine(`echo '{"yes":true}' | clerk init`)).toEqual({
      args: ["init"],
      stdin: { text: '{"yes":true}\n' },
    });
    expect(parseCommandLine("clerk users list --json --limit 250 > /tmp/users.json").args).toEqual([
      "users",
      "list",
      "--json",
      "--limit",
      "250",
    ]);
    expect(parseCommandLine("clerk completion powershell | Out-String | Invoke-Expression").args).toEqual([
      "completion",
      "powershell",
    ]);
    expect(parseCommandLine("clerk completion powershell >> $PROFILE").args).toEqual(["completion", "powershell"]);
  });
});
