import { afterAll, describe, expect, test } from "vitest";
import { allCommands, loadCommand } from "../../cli/commands/index";
import { renderHelp } from "../../cli/help";
import { describeCatalog } from "../../server/ui/actions";
import { createPanelServer } from "../../server/ui/app";
import { createPanelBackend } from "../../server/ui/panel-backend";
import { panelEntries } from "../../web/views/generic/panel-entries";
import { catalog } from "./catalog";
import { fieldsOf } from "./fields";

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
