import { afterAll, describe, expect, test } from "vitest";
import { allCommands, loadCommand } from "../../cli/commands/index";
import { renderHelp } from "../../cli/help";
import { describeCatalog } from "../../server/ui/actions";
import { createPanelServer } from "../../server/ui/app";
import { createPanelBackend } from "../../server/ui/panel-backend";
import { panelEntries } from "../../web/views/generic/panel-entries";
import type { Action } from "./action";
import { catalog } from "./catalog";
import { fieldsOf } from "./fields";
import { stakesByWords, stakesOf } from "./stakes";

const commands = await allCommands();

describe("the action catalog", () => {
  test("ids are unique", () => {
    const ids = catalog.map((action) => action.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("the CLI loads each command from the one group named by its first word", async () => {
    const ids = commands.map((command) => command.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect((await loadCommand(id))?.id, `clerk ${id.split(".").join(" ")}`).toBe(id);
    for (const action of catalog) expect(ids).toContain(action.id);
  });

  // Routes are registered from the catalog; building the server registers them without calling Clerk.
  const panel = createPanelServer({
    backend: createPanelBackend({
      apiUrl: "http://127.0.0.1:9",
      platformApiUrl: "http://127.0.0.1:9",
      sandbox: true,
      platformToken: async () => undefined,
      userAgent: "test",
    }),
    catalog,
    staticDir: "/nonexistent",
  });
  afterAll(() => panel.close());
  // Where each action is in the panel: a bespoke view, else the generic screens (web/views/generic).
  const entries = panelEntries(describeCatalog(catalog));

  test.each(catalog.map((action) => [action.id, action] as const))(
    "%s has a command, help, examples, a panel route and a panel entry",
    async (id, action) => {
      const command = commands.find((c) => c.id === id);
      expect(command, `no CLI command for ${id}`).toBeDefined();
      expect(action.summary.length).toBeGreaterThan(10);
      expect(action.examples.length).toBeGreaterThan(0);
      for (const example of action.examples) expect(example).toContain(`clerk ${id.split(".").join(" ")}`);
      for (const field of fieldsOf(action.input)) {
        expect(field.description, `${id} --${field.flag} has no help text`).not.toBe("");
      }
      for (const positional of action.positionals ?? []) expect(action.input.shape).toHaveProperty(positional);
      await panel.app.ready();
      expect(panel.app.hasRoute({ method: "POST", url: `/api/actions/${id}` }), `no panel route for ${id}`).toBe(true);
      if (action.plan) expect(panel.app.hasRoute({ method: "POST", url: `/api/actions/${id}/plan` })).toBe(true);
      expect(entries.get(id)?.path, `no panel entry for ${id}`).toMatch(/^\//);
      const help = await renderHelp(commands, command);
      expect(help).toContain(`clerk ${id.split(".").join(" ")}`);
      expect(help).toContain("Examples:");
    },
  );

  test("top-level help lists every area and examples", async () => {
    const help = await renderHelp(commands);
    for (const area of new Set(commands.map((c) => c.id.split(".")[0]))) expect(help).toContain(`${area}`);
    expect(help).toContain("Examples:");
  });
});

describe("stakes: every change is confirmed as much as it deserves (shared/actions/stakes.ts)", () => {
  const mutating = catalog.filter((action) => action.mutates);
  /** Words whose actions lose something: never unconfirmed. */
  const LOSING = ["delete", "remove", "revoke", "ban", "lock", "flush", "disable"];

  test.each(mutating.map((action) => [action.id, action] as const))(
    "%s declares its stakes, or its id says them deliberately",
    (id, action) => {
      const said = action.stakes ?? (action.destructive ? "irreversible" : stakesByWords(id));
      expect(said, `${id}: declare stakes: "irreversible", "disruptive" or "none"`).toBeDefined();
      if (id.split(/[.-]/).some((word) => LOSING.includes(word))) {
        expect(stakesOf(action), `${id} loses something: it must ask`).not.toBe("none");
      }
      if (action.confirm) expect(stakesOf(action), `${id}: confirm without stakes`).not.toBe("none");
    },
  );

  test("people and organizations: deleting is irreversible, banning and removing ask yes/no, undoing asks nothing", () => {
    const expected = {
      "users.delete": "irreversible",
      "orgs.delete": "irreversible",
      "users.ban": "disruptive",
      "users.lock": "disruptive",
      "sessions.revoke": "disruptive",
      "orgs.members.remove": "disruptive",
      "orgs.invitations.revoke": "disruptive",
      "invitations.revoke": "disruptive",
      "users.emails.remove": "disruptive",
      "users.unban": "none",
      "users.unlock": "none",
      "users.create": "none",
      "users.get": "none",
    };
    const actual = Object.fromEntries(
      Object.keys(expected).map((id) => [id, stakesOf(catalog.find((action) => action.id === id) as Action)]),
    );
    expect(actual).toEqual(expected);
  });
});
