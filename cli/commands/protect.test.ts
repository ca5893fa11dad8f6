import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { useCliSandbox } from "../testing/cli-sandbox";
import { KEYS, runInTerminal } from "../testing/run-in-terminal";

const { clerk, sandbox, env } = useCliSandbox();

interface Rule {
  id: string;
  expression: string;
  action: string;
  description: string;
  position: number;
}
interface RuleList {
  ruleset: string;
  rules: Rule[];
  nextPageToken: string | null;
  etag: string;
}
interface ErrorJson {
  error: { message: string; code: string; details?: string[]; hint?: string };
}

const scratch = mkdtempSync(join(tmpdir(), "clerk-protect-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function add(ruleset: string, expression: string, ...extra: string[]): Promise<Rule> {
  const result = await clerk(["protect", "rules", "add", ruleset, "--expression", expression, ...extra, "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return result.json<Rule>();
}

/** Setup and checks go straight to the API: the CLI runs only for the command a test is about. */
async function seed(ruleset: string, expression: string, description = "", action = "BLOCK"): Promise<Rule> {
  const response = await sandbox.bapi("POST", `/protect/rulesets/${ruleset}/rules`, {
    expression,
    action,
    description,
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Rule;
}

async function list(ruleset: string): Promise<RuleList> {
  const response = await sandbox.bapi("GET", `/protect/rulesets/${ruleset}/rules`);
  const page = (await response.json()) as RuleList;
  return { ...page, etag: response.headers.get("etag") as string };
}

const descriptions = async (ruleset: string) => (await list(ruleset)).rules.map((r) => r.description);

function failure(result: { stderr: string }): ErrorJson["error"] {
  return (JSON.parse(result.stderr) as ErrorJson).error;
}

/** An $EDITOR that writes the given expressions in turn, one per invocation (the last one repeats). */
function editorWriting(name: string, ...expressions: string[]): string {
  const counter = join(scratch, `${name}.count`);
  const script = join(scratch, `${name}.sh`);
  const cases = expressions
    .map((expression, i) => `  ${i + 1}) printf '%s\\n' '${expression.replace(/'/g, "'\\''")}' > "$1" ;;`)
    .join("\n");
  writeFileSync(
    script,
    `#!/bin/sh
n=$(($(cat "${counter}" 2>/dev/null || echo 0) + 1)); echo $n > "${counter}"
cp "$1" "${join(scratch, name)}.seen.$n"
case $n in
${cases}
  *) printf '%s\\n' '${(expressions.at(-1) ?? "").replace(/'/g, "'\\''")}' > "$1" ;;
esac
`,
  );
  chmodSync(script, 0o755);
  return script;
}
const editorRuns = (name: string) => Number(readFileSync(join(scratch, `${name}.count`), "utf8"));
const editorSaw = (name: string, run: number) => readFileSync(join(scratch, `${name}.seen.${run}`), "utf8");

describe("clerk protect rules", () => {
  test("add appends or places a rule with --index, --before or --after", async () => {
    const vpn = await add("SIGN_UP", 'ip.privacy.is_vpn && ip.geo.country_code != "US"', "--action", "block");
    expect(vpn).toMatchObject({ action: "BLOCK", position: 0, description: "" });
    const bots = await add(
      "sign_up",
      "botScore.risk > 0.9",
      "--action",
      "CHALLENGE",
      "--description",
      "bots",
      "--index",
      "0",
    );
    const tor = await add(
      "SIGN_UP",
      "ip.privacy.is_tor",
      "--action",
      "BLOCK",
      "--description",
      "tor",
      "--after",
      bots.id,
    );
    await add(
      "SIGN_UP",
      "emailAddress.is_disposable",
      "--action",
      "BLOCK",
      "--description",
      "disposable",
      "--before",
      vpn.id,
    );
    expect(await descriptions("SIGN_UP")).toEqual(["bots", "tor", "disposable", ""]);
    expect(tor.position).toBe(1);
  });

  test("add refuses exclusive placements, a missing action and unknown rulesets as usage errors", async () => {
    const tor = await seed("SIGN_UP", "ip.privacy.is_tor");
    const both = await clerk([
      "protect",
      "rules",
      "add",
      "SIGN_UP",
      "--expression",
      "ip.privacy.is_tor",
      "--action",
      "BLOCK",
      "--index",
      "0",
      "--after",
      tor.id,
    ]);
    expect(both.code).toBe(2);
    expect(failure(both).message).toBe("Give only one of --before, --after and --index.");
    const noAction = await clerk(["protect", "rules", "add", "SIGN_UP", "--expression", "ip.privacy.is_tor"]);
    expect(noAction.code).toBe(2);
    expect(failure(noAction).message).toBe("missing option --action");
    const badRuleset = await clerk(["protect", "rules", "list", "LOGIN"]);
    expect(badRuleset.code).toBe(2);
    expect(failure(badRuleset).message).toBe("<ruleset>: must be one of ALL, SIGN_IN, SIGN_UP, SMS, EMAIL");
    expect(await descriptions("SIGN_UP")).toEqual([""]);
  });

  test("list shows the rules in order (table and JSON); get shows one", async () => {
    await seed("SIGN_IN", "botScore.risk > 0.9", "bots", "CHALLENGE");
    const tor = await seed("SIGN_IN", "ip.privacy.is_tor", "tor");
    const table = await clerk(["protect", "rules", "list", "SIGN_IN"]);
    expect(table.stdout).toMatch(/POS\s+ID\s+ACTION\s+EXPRESSION\s+DESCRIPTION/);
    expect(table.stdout).toContain(`1    ${tor.id}  BLOCK      ip.privacy.is_tor`);
    expect(table.stdout).toContain("2 rules in SIGN_IN");
    const json = await clerk(["protect", "rules", "list", "SIGN_IN", "--json"]);
    expect(json.json()).toMatchObject({
      ruleset: "SIGN_IN",
      nextPageToken: null,
      etag: expect.stringMatching(/^".+"$/),
    });
    const got = await clerk(["protect", "rules", "get", "SIGN_IN", tor.id, "--json"]);
    expect(got.json()).toMatchObject({ id: tor.id, expression: "ip.privacy.is_tor", position: 1 });
    const missing = await clerk(["protect", "rules", "get", "SIGN_IN", "rule_nope"]);
    expect(missing.code).toBe(1);
    expect(failure(missing)).toMatchObject({
      code: "resource_not_found",
      message: "No rule rule_nope in the SIGN_IN ruleset.",
    });
  });

  test("list pages with --limit and --after; --all streams every rule", async () => {
    for (let i = 0; i < 5; i++) await seed("EMAIL", `email.sent_last_hour > ${i}`);
    const first = await clerk(["protect", "rules", "list", "EMAIL", "--limit", "2", "--json"]);
    const page = first.json<RuleList>();
    expect(page.rules).toHaveLength(2);
    expect(page.nextPageToken).toBe(page.rules[1]?.id);
    const table = await clerk(["protect", "rules", "list", "EMAIL", "--limit", "2"]);
    expect(table.stdout).toContain(`2 rules in EMAIL; more with --after ${page.nextPageToken}`);
    const next = await clerk([
      "protect",
      "rules",
      "list",
      "EMAIL",
      "--limit",
      "2",
      "--after",
      page.nextPageToken as string,
      "--json",
    ]);
    expect(next.json<RuleList>().rules.map((r) => r.position)).toEqual([2, 3]);
    const all = await clerk(["protect", "rules", "list", "EMAIL", "--all", "--json"]);
    expect(all.json<Rule[]>().map((r) => r.expression)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `email.sent_last_hour > ${i}`),
    );
  });

  // Nothing listens on port 9: a request would fail with a network error, not a check.
  const offline = { CLERK_API_URL: "http://127.0.0.1:9" };

  test("expressions are checked locally before any request, with the position of the problem", async () => {
    const invalid = await clerk(
      [
        "protect",
        "rules",
        "add",
        "SIGN_IN",
        "--expression",
        "ip.privacy.is_vpn == true && ip.privacy.is_vnp",
        "--action",
        "BLOCK",
      ],
      { env: offline },
    );
    expect(invalid.code).toBe(2);
    expect(failure(invalid)).toEqual({
      code: "invalid_expression",
      message:
        "Invalid expression for the SIGN_IN ruleset: unknown field ip.privacy.is_vnp " +
        "(ip.privacy has is_vpn, is_proxy, is_datacenter, is_tor, is_relay) (line 1, column 41).",
      details: ["ip.privacy.is_vpn == true && ip.privacy.is_vnp", "                                        ^^^^^^"],
      hint: "See the fields with `clerk protect schema show SIGN_IN`.",
    });
    const valid = await clerk(
      ["protect", "rules", "add", "SIGN_IN", "--expression", "ip.privacy.is_vpn", "--action", "BLOCK"],
      {
        env: offline,
      },
    );
    expect(valid.code).toBe(1);
    expect(failure(valid).code).toBe("network_error");
    // On a terminal the caret sits under the problem.
    const session = runInTerminal(
      [
        "protect",
        "rules",
        "add",
        "SIGN_IN",
        "--expression",
        "ip.geo.country_code == 1 || ip.privacy.is_tor",
        "--action",
        "BLOCK",
      ],
      { ...env(), ...offline },
    );
    expect(await session.exit).toBe(2);
    expect(session.output()).toContain(
      "  ip.geo.country_code == 1 || ip.privacy.is_tor\r\n  ^^^^^^^^^^^^^^^^^^^^^^^^\r\n",
    );
  });

  test("wrong types, non-boolean results, syntax errors and fields the ruleset lacks are refused", async () => {
    const checks: [string, string, string][] = [
      ["SIGN_UP", 'ip.asn.number == "13335"', "type mismatch: INTEGER == STRING is not defined"],
      ["SMS", "botScore.risk", "the expression must be BOOLEAN (true or false), but it is FLOAT"],
      ["EMAIL", "ip.privacy.is_vpn &&", "syntax error: Unexpected token: EOF"],
      ["ALL", 'phoneNumber.country_code == "RU"', "unknown field phoneNumber (fields are ip, botScore, userAgent)"],
    ];
    for (const [ruleset, expression, message] of checks) {
      const result = await clerk(
        ["protect", "rules", "add", ruleset, "--expression", expression, "--action", "BLOCK"],
        {
          env: offline,
        },
      );
      expect(result.code, expression).toBe(2);
      expect(failure(result).message).toContain(message);
    }
  });

  test("edit with flags updates in place; an invalid expression is refused locally", async () => {
    const rule = await seed("SIGN_IN", "ip.privacy.is_vpn", "vpn");
    const edited = await clerk(["protect", "rules", "edit", "SIGN_IN", rule.id, "--action", "challenge", "--json"]);
    expect(edited.json()).toMatchObject({
      id: rule.id,
      action: "CHALLENGE",
      expression: "ip.privacy.is_vpn",
      description: "vpn",
    });
    const invalid = await clerk(["protect", "rules", "edit", "SIGN_IN", rule.id, "--expression", "ip.privacy"]);
    expect(invalid.code).toBe(2);
    expect(failure(invalid).message).toContain("must be BOOLEAN");
  });

  test("edit without flags opens $EDITOR, checks what was saved, and re-opens it on an invalid expression", async () => {
    const rule = await seed("SIGN_IN", "ip.privacy.is_vpn", "vpn");
    const editor = editorWriting(
      "fix",
      "ip.privacy.is_vnp == true",
      'ip.privacy.is_vpn == true && ip.geo.country_code != "US"',
    );
    const result = await clerk(["protect", "rules", "edit", "SIGN_IN", rule.id, "--json"], { env: { EDITOR: editor } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({ expression: 'ip.privacy.is_vpn == true && ip.geo.country_code != "US"' });
    expect(editorRuns("fix")).toBe(2);
    // The first round shows the current expression; the second, the error above what was saved.
    expect(editorSaw("fix", 1)).toContain(`# Expression of rule ${rule.id} (BLOCK) in the SIGN_IN ruleset.`);
    expect(editorSaw("fix", 1)).toMatch(/\n\nip\.privacy\.is_vpn\n$/);
    expect(editorSaw("fix", 2)).toContain(
      "# error: Invalid expression for the SIGN_IN ruleset: unknown field ip.privacy.is_vnp",
    );
    expect(editorSaw("fix", 2)).toContain("#   ip.privacy.is_vnp == true\n#              ^^^^^^\n");
    expect((await list("SIGN_IN")).rules[0]?.expression).toBe(
      'ip.privacy.is_vpn == true && ip.geo.country_code != "US"',
    );

    // $VISUAL wins over $EDITOR.
    const visual = editorWriting("visual", "ip.privacy.is_proxy");
    const viaVisual = await clerk(["protect", "rules", "edit", "SIGN_IN", rule.id, "--json"], {
      env: { VISUAL: visual, EDITOR: "false" },
    });
    expect(viaVisual.json()).toMatchObject({ expression: "ip.privacy.is_proxy" });
  });

  test("edit gives up when the same invalid expression is saved twice, or the file is emptied; nothing changes", async () => {
    const rule = await seed("SMS", "sms.sent_last_hour > 3");
    const stubborn = editorWriting("stubborn", 'sms.sent_last_hour > "3"');
    const refused = await clerk(["protect", "rules", "edit", "SMS", rule.id], { env: { EDITOR: stubborn } });
    expect(refused.code).toBe(2);
    expect(failure(refused).message).toContain("type mismatch: INTEGER > STRING is not defined");
    expect(editorRuns("stubborn")).toBe(2);
    const emptied = await clerk(["protect", "rules", "edit", "SMS", rule.id], {
      env: { EDITOR: editorWriting("empty", "") },
    });
    expect(emptied.code).toBe(2);
    expect(emptied.stderr).toContain("Cancelled: the file was emptied; the rule is unchanged.");
    const same = await clerk(["protect", "rules", "edit", "SMS", rule.id], {
      env: { EDITOR: editorWriting("same", "sms.sent_last_hour > 3") },
    });
    expect(same.code).toBe(0);
    expect(same.stderr).toContain("No changes.");
    const broken = await clerk(["protect", "rules", "edit", "SMS", rule.id], { env: { EDITOR: "false" } });
    expect(broken.code).toBe(1);
    expect(failure(broken).message).toBe("The editor (false) exited with status 1; nothing was changed.");
    expect((await list("SMS")).rules[0]?.expression).toBe("sms.sent_last_hour > 3");
  });

  test("delete asks for confirmation (--yes when not interactive)", async () => {
    const one = await seed("SIGN_IN", "ip.privacy.is_vpn");
    await seed("SIGN_IN", "ip.privacy.is_tor");
    const unconfirmed = await clerk(["protect", "rules", "delete", "SIGN_IN", one.id]);
    expect(unconfirmed.code).toBe(2);
    expect(failure(unconfirmed).hint).toBe("Pass --yes to confirm (or --dry-run to preview).");
    const deleted = await clerk(["protect", "rules", "delete", "SIGN_IN", one.id, "--yes", "--json"]);
    expect(deleted.json()).toEqual({ id: one.id, deleted: true });
    expect((await list("SIGN_IN")).rules.map((r) => r.expression)).toEqual(["ip.privacy.is_tor"]);
  });

  test("flush asks for confirmation, previews with --dry-run, and empties one ruleset", async () => {
    await seed("SIGN_IN", "ip.privacy.is_tor");
    await seed("SMS", "sms.sent_last_hour > 5");
    const preview = await clerk(["protect", "rules", "flush", "SIGN_IN", "--dry-run"]);
    expect(preview.stdout).toContain("method: DELETE");
    expect((await list("SIGN_IN")).rules).toHaveLength(1);
    expect((await clerk(["protect", "rules", "flush", "SIGN_IN"])).code).toBe(2);
    const flushed = await clerk(["protect", "rules", "flush", "SIGN_IN", "--yes", "--json"]);
    expect(flushed.json()).toEqual({ ruleset: "SIGN_IN", deleted_count: 1 });
    expect((await list("SIGN_IN")).rules).toEqual([]);
    expect((await list("SMS")).rules).toHaveLength(1);
  });

  test("reorder --order applies the order against the ETag; a stale --if-match is refused and changes nothing", async () => {
    const a = await seed("SIGN_UP", "ip.privacy.is_vpn", "a");
    const b = await seed("SIGN_UP", "ip.privacy.is_tor", "b");
    const c = await seed("SIGN_UP", "botScore.risk > 0.5", "c", "CHALLENGE");
    const before = await list("SIGN_UP");
    const reordered = await clerk([
      "protect",
      "rules",
      "reorder",
      "SIGN_UP",
      "--order",
      `${c.id},${a.id}, ${b.id}`,
      "--json",
    ]);
    expect(reordered.code, reordered.stderr).toBe(0);
    expect(reordered.json<RuleList>().rules.map((r) => r.description)).toEqual(["c", "a", "b"]);
    expect(reordered.json<RuleList>().etag).not.toBe(before.etag);

    // An order computed from the list read before the reorder.
    const stale = await clerk([
      "protect",
      "rules",
      "reorder",
      "SIGN_UP",
      "--order",
      `${b.id},${c.id},${a.id}`,
      "--if-match",
      before.etag,
    ]);
    expect(stale.code).toBe(1);
    expect(failure(stale)).toEqual({
      code: "ruleset_conflict",
      message: "The SIGN_UP ruleset changed since it was read, so nothing was reordered.",
      hint: "See the current order with `clerk protect rules list SIGN_UP` and reorder again.",
    });
    expect(await descriptions("SIGN_UP")).toEqual(["c", "a", "b"]);
  });

  test("reorder refuses an incomplete order, and needs --order when not on a terminal", async () => {
    const a = await seed("SIGN_UP", "ip.privacy.is_vpn", "a");
    const b = await seed("SIGN_UP", "ip.privacy.is_tor", "b");
    await seed("SIGN_UP", "botScore.risk > 0.5", "c");
    const incomplete = await clerk(["protect", "rules", "reorder", "SIGN_UP", "--order", `${a.id},${b.id}`]);
    expect(incomplete.code).toBe(1);
    expect(failure(incomplete).message).toBe(
      "rule_ids must list every rule of the SIGN_UP ruleset exactly once (3 rules).",
    );
    const noOrder = await clerk(["protect", "rules", "reorder", "SIGN_UP"]);
    expect(noOrder.code).toBe(2);
    expect(failure(noOrder).message).toBe("missing option --order");
  });

  test("reorder on a terminal: arrow keys and space move a rule, enter saves, esc cancels", async () => {
    await seed("SIGN_IN", "ip.privacy.is_vpn", "first");
    await seed("SIGN_IN", "ip.privacy.is_tor", "second");
    await seed("SIGN_IN", "botScore.risk > 0.5", "third", "CHALLENGE");
    const session = runInTerminal(["protect", "rules", "reorder", "SIGN_IN"], env());
    await session.waitFor("enter save");
    expect(session.output()).toContain("New order of the SIGN_IN rules (first match wins)");
    // Pick up the first rule, carry it two places down, put it down, save.
    session.type(KEYS.space + KEYS.down + KEYS.down + KEYS.space + KEYS.enter);
    expect(await session.exit, session.output()).toBe(0);
    expect(await descriptions("SIGN_IN")).toEqual(["second", "third", "first"]);

    const cancelled = runInTerminal(["protect", "rules", "reorder", "SIGN_IN"], env());
    await cancelled.waitFor("enter save");
    cancelled.type(KEYS.space + KEYS.down + KEYS.escape);
    expect(await cancelled.exit).toBe(2);
    expect(cancelled.output()).toContain("Cancelled: the order is unchanged.");
    expect(await descriptions("SIGN_IN")).toEqual(["second", "third", "first"]);
  });

  test("reorder conflict: the ruleset changes while the order is being chosen, so saving it is refused", async () => {
    await seed("SMS", "sms.sent_last_hour > 5", "x");
    await seed("SMS", "phoneNumber.is_voip", "y");
    const session = runInTerminal(["protect", "rules", "reorder", "SMS"], env());
    await session.waitFor("enter save");
    // Meanwhile someone else edits the ruleset.
    await seed("SMS", 'phoneNumber.country_code == "RU"', "z");
    session.type(KEYS.space + KEYS.down + KEYS.enter);
    expect(await session.exit).toBe(1);
    expect(session.output()).toContain("error: The SMS ruleset changed since it was read, so nothing was reordered.");
    expect(await descriptions("SMS")).toEqual(["x", "y", "z"]);
  });
});

describe("clerk protect schema and status", () => {
  test("schema show: a tree, --flat paths, and ALL as the fields every event has", async () => {
    const flat = await clerk(["protect", "schema", "show", "SMS", "--flat", "--json"]);
    const fields = flat.json<{ event: string; fields: { path: string; type: string }[] }>();
    expect(fields.event).toBe("SMS");
    expect(fields.fields).toContainEqual(expect.objectContaining({ path: "phoneNumber.country_code", type: "STRING" }));
    expect(fields.fields).toContainEqual(expect.objectContaining({ path: "ip.asn.number", type: "INTEGER" }));
    const tree = await clerk(["protect", "schema", "show", "SIGN_IN"]);
    expect(tree.stdout).toMatch(/\nip\s+IP\s+Where the attempt comes from/);
    expect(tree.stdout).toMatch(/\n {4}is_vpn\s+BOOLEAN\s+The address belongs to a VPN provider/);
    const common = await clerk(["protect", "schema", "show", "--json"]);
    expect(Object.keys(common.json<{ fields: object }>().fields)).toEqual(["ip", "botScore", "userAgent"]);
  });

  test("schema list and type", async () => {
    const events = await clerk(["protect", "schema", "list", "--json"]);
    expect(events.json<{ events: { name: string }[] }>().events.map((e) => e.name)).toEqual([
      "SIGN_IN",
      "SIGN_UP",
      "SMS",
      "EMAIL",
    ]);
    const types = await clerk(["protect", "schema", "type", "IPPrivacy", "ASN", "--json"]);
    expect(types.json()).toMatchObject({
      types: [
        {
          name: "IPPrivacy",
          used_by: ["SIGN_IN", "SIGN_UP", "SMS", "EMAIL"],
          fields: expect.arrayContaining([
            { name: "is_vpn", type: "BOOLEAN", description: "The address belongs to a VPN provider" },
          ]),
        },
        {
          name: "ASN",
          fields: [
            { name: "number", type: "INTEGER" },
            { name: "organization", type: "STRING" },
          ],
        },
      ],
    });
    const allTypes = await clerk(["protect", "schema", "type"]);
    expect(allTypes.stdout).toMatch(/\nPhoneNumber\s+number\s+STRING/);
    const unknown = await clerk(["protect", "schema", "type", "Nope"]);
    expect(unknown.code).toBe(2);
    expect(failure(unknown).message).toBe("Unknown type: Nope.");
  });

  test("status shows and switches rule enforcement", async () => {
    const status = await clerk(["protect", "status", "--json"]);
    expect(status.json()).toMatchObject({ rules_enabled: false, specter_enabled: false });
    expect((await clerk(["protect", "status", "--enable-rules", "--json"])).json()).toMatchObject({
      rules_enabled: true,
    });
    const shown = await clerk(["protect", "status"]);
    expect(shown.stdout).toMatch(/rules_enabled\s+true/);
    expect((await clerk(["protect", "status", "--disable-rules", "--json"])).json()).toMatchObject({
      rules_enabled: false,
    });
    const both = await clerk(["protect", "status", "--enable-rules", "--disable-rules"]);
    expect(both.code).toBe(2);
    expect(failure(both).message).toBe("Give --enable-rules or --disable-rules, not both.");
    const protect = await sandbox.bapi("GET", "/instance/protect");
    expect(await protect.json()).toMatchObject({ rules_enabled: false });
  });
});
